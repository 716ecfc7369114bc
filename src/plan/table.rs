//! The results table as text: one source of formatting for the page, Markdown and CSV.

use super::units::{format_duration_in, money_in};
use super::{Given, InferenceError, Plan, Row, RowValues};
use crate::i18n::{table as cat, Lang};
use crate::law::beyond::InferenceAllocation;
use crate::law::quantity::{format_count_in, format_flops, significant};
use crate::law::shape::Convention;
use crate::law::{LawError, LawId};

/// One cell: its text, a hover explanation, and a class naming the column.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub title: Option<String>,
}

impl Cell {
    fn plain(text: String) -> Self {
        Cell { text, title: None }
    }

    fn missing(why: String) -> Self {
        Cell {
            text: "—".to_string(),
            title: Some(why),
        }
    }
}

/// A column: its header and the CSS class of its cells (also the e2e tests' handle).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub class: &'static str,
}

/// The table: columns, and per row the law's id, name, citation and cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
    /// The language of its headers and cells.
    pub lang: Lang,
}

/// One law's row.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub id: LawId,
    pub name: String,
    pub citation: String,
    pub cells: Vec<Cell>,
    /// Why the law could not answer at all, if so (every cell is then "—").
    pub error: Option<String>,
}

/// The hover text of a cell a law without a loss model cannot fill.
fn no_loss_model(lang: Lang) -> Cell {
    Cell::missing(cat::no_loss_model(lang).into())
}

fn percent(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.1} %")
    } else {
        "—".to_string()
    }
}

/// Tokens per parameter: one decimal in everyday ranges, scientific beyond.
fn format_ratio(x: f64) -> String {
    if !x.is_finite() {
        "—".to_string()
    } else if (0.01..1e6).contains(&x) {
        format!("{x:.1}")
    } else {
        format!("{x:.2e}")
    }
}

/// A loss in nats/token: three decimals, scientific for absurd values (an extreme fit).
fn format_loss(x: f64) -> String {
    if !x.is_finite() {
        "—".to_string()
    } else if x.abs() < 1e4 {
        format!("{x:.3}")
    } else {
        format!("{x:.3e}")
    }
}

/// A cell of an inference-aware column.
fn inference(v: &RowValues, lang: Lang, f: fn(&InferenceAllocation, Lang) -> String) -> Cell {
    match &v.inference {
        Some(Ok(a)) => Cell::plain(f(a, lang)),
        Some(Err(InferenceError::NoLossModel)) => no_loss_model(lang),
        Some(Err(e)) => Cell::missing(e.text(lang)),
        None => Cell::missing(cat::inference_not_set(lang).into()),
    }
}

/// The tokens the row's compute buys at the shape's cost, with the count behind it on hover.
fn true_tokens(v: &RowValues, lang: Lang) -> Cell {
    match &v.true_cost {
        Some(Ok(t)) => {
            let convention =
                Convention::from_id(t.convention).map_or(t.convention, |c| c.label_in(lang));
            Cell {
                text: format_count_in(t.tokens, lang),
                title: Some(cat::true_tokens_title(
                    lang,
                    &format_flops(t.flops),
                    &format_flops(t.flops_per_token),
                    &convention,
                    &format_count_in(t.tokens_at_6n, lang),
                )),
            }
        }
        Some(Err(e)) => Cell::missing(e.text(lang)),
        None => Cell::missing(cat::no_shape(lang).into()),
    }
}

/// Hardware mode: the days to train the shape on the row's D at the convention's cost.
fn shape_days(v: &RowValues, lang: Lang) -> Cell {
    match &v.shape_days {
        Some(Ok(days)) => Cell {
            text: format_duration_in(*days, lang),
            title: Some(cat::shape_days_title(lang).into()),
        },
        Some(Err(e)) => Cell::missing(e.text(lang)),
        None => Cell::missing(cat::hardware_not_set(lang).into()),
    }
}

/// Builds the table for `plan` in `lang` (the command line's is [`Lang::En`]); the columns
/// depend on what its question set.
#[must_use]
pub fn table(plan: &Plan, lang: Lang) -> Table {
    type Getter = fn(&RowValues, Lang) -> Cell;
    let mut spec: Vec<(String, &'static str, Getter)> = vec![
        (cat::params_n(lang).into(), "n-params", |v, l| {
            Cell::plain(format_count_in(v.allocation.n_params, l))
        }),
        (cat::tokens_d(lang).into(), "n-tokens", |v, l| {
            Cell::plain(format_count_in(v.allocation.n_tokens, l))
        }),
        (cat::tokens_per_param(lang).into(), "ratio", |v, _| {
            Cell::plain(format_ratio(v.allocation.tokens_per_param()))
        }),
        (cat::compute_c(lang).into(), "flops", |v, _| {
            Cell::plain(format_flops(v.allocation.flops))
        }),
        (cat::predicted_loss(lang).into(), "loss", |v, l| {
            match &v.loss {
                Ok(x) => Cell::plain(format_loss(*x)),
                Err(LawError::NoLossModel) => no_loss_model(l),
                Err(e) => Cell::missing(e.text(l)),
            }
        }),
    ];
    if plan.shape.is_some() {
        // Beside D, which it revises: the tokens C buys at the shape's own cost.
        spec.insert(
            2,
            (cat::true_tokens(lang).into(), "true-tokens", true_tokens),
        );
    }
    if let Some(tolerance) = plan.flat_tolerance {
        let (n_header, d_header) = super::flat::headers(tolerance, lang);
        spec.push((n_header, "flat-n", super::flat::n_cell));
        spec.push((d_header, "flat-d", super::flat::d_cell));
    }
    if matches!(plan.given, Given::Scale { .. }) {
        spec.push((cat::scale_params(lang).into(), "scale-n", |v, _| {
            v.scale.map_or(Cell::missing("—".into()), |s| {
                Cell::plain(format!("{:.2}×", s.0))
            })
        }));
        spec.push((cat::scale_tokens(lang).into(), "scale-d", |v, _| {
            v.scale.map_or(Cell::missing("—".into()), |s| {
                Cell::plain(format!("{:.2}×", s.1))
            })
        }));
    }
    if let Some(hardware) = &plan.hardware {
        spec.push((cat::device_hours(lang).into(), "device-hours", |v, l| {
            v.time
                .map_or(Cell::missing(cat::hardware_not_set(l).into()), |t| {
                    Cell::plain(format_count_in(t.device_hours, l))
                })
        }));
        spec.push((
            cat::time_on_devices(lang, &hardware.count),
            "days",
            |v, l| {
                v.time
                    .map_or(Cell::missing(cat::hardware_not_set(l).into()), |t| Cell {
                        text: format_duration_in(t.wall_clock_days, l),
                        title: Some(cat::days_title(l, &significant(t.wall_clock_days, 4))),
                    })
            },
        ));
        if plan.shape.is_some() && matches!(plan.given, Given::HardwareDays(_)) {
            spec.push((
                cat::time_on_devices_shape(lang, &hardware.count),
                "shape-days",
                shape_days,
            ));
        }
        if hardware.price.is_some() {
            spec.push((cat::cost(lang).into(), "cost", |v, l| {
                v.cost.map_or(Cell::missing(cat::no_price(l).into()), |c| {
                    Cell::plain(money_in(c, l))
                })
            }));
        }
    }
    if let Some(judge) = &plan.judge {
        spec.push((
            cat::extra_loss_under(lang, &judge.name),
            "penalty",
            |v, l| {
                v.judged
                    .map_or(Cell::missing(cat::not_judged(l).into()), |j| {
                        Cell::plain(format!("{:+.3}", j.loss_penalty()))
                    })
            },
        ));
        spec.push((cat::compute_wasted(lang).into(), "waste", |v, l| {
            v.judged
                .map_or(Cell::missing(cat::not_judged(l).into()), |j| Cell {
                    text: percent(100.0 * j.wasted_fraction()),
                    title: Some(cat::waste_title(l, &format_flops(j.equivalent_flops))),
                })
        }));
    }
    if plan.unique_tokens.is_some() {
        spec.push((cat::epochs(lang).into(), "epochs", |v, _| {
            v.epochs.map_or(Cell::missing("—".into()), |e| {
                Cell::plain(format!("{e:.2}"))
            })
        }));
    }
    if plan.inference_tokens.is_some() {
        spec.push((cat::inference_n(lang).into(), "inf-n", |v, l| {
            inference(v, l, |a, l| format_count_in(a.optimal.n_params, l))
        }));
        spec.push((cat::inference_d(lang).into(), "inf-d", |v, l| {
            inference(v, l, |a, l| format_count_in(a.optimal.n_tokens, l))
        }));
        spec.push((cat::inference_flops(lang).into(), "inf-flops", |v, l| {
            inference(v, l, |a, _| percent(a.total_flops_pct))
        }));
    }
    let rows = plan
        .rows
        .iter()
        .map(|Row { law, values }| TableRow {
            id: law.id,
            name: law.name.clone(),
            citation: law.citation.clone(),
            cells: spec
                .iter()
                .map(|(_, _, get)| match values {
                    Ok(v) => get(v, lang),
                    Err(LawError::NoLossModel) => no_loss_model(lang),
                    Err(e) => Cell::missing(e.text(lang)),
                })
                .collect(),
            error: values.as_ref().err().map(|e| e.text(lang)),
        })
        .collect();
    Table {
        columns: spec
            .into_iter()
            .map(|(header, class, _)| Column { header, class })
            .collect(),
        rows,
        lang,
    }
}

/// The class of the inference-aware columns, which the text form lists in a section of its own.
const INFERENCE_PREFIX: &str = "inf-";

impl Table {
    /// A plain-text table with aligned columns and law ids, as the command line prints it; the
    /// inference-aware columns are left to [`super::text`]'s own section.
    #[must_use]
    pub fn text(&self) -> String {
        let keep: Vec<usize> = (0..self.columns.len())
            .filter(|&i| !self.columns[i].class.starts_with(INFERENCE_PREFIX))
            .collect();
        let width = |i: usize| {
            self.rows
                .iter()
                .map(|r| r.cells[i].text.chars().count())
                .chain([self.columns[i].header.chars().count()])
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = keep.iter().map(|&i| width(i)).collect();
        let mut out = format!("{:<18}", "law");
        for (&i, w) in keep.iter().zip(&widths) {
            out.push_str(&format!("  {:>w$}", self.columns[i].header));
        }
        out.push('\n');
        for row in &self.rows {
            out.push_str(&format!("{:<18}", row.id.as_str()));
            match &row.error {
                Some(e) => out.push_str(&format!(" {e}")),
                None => {
                    for (&i, w) in keep.iter().zip(&widths) {
                        out.push_str(&format!("  {:>w$}", row.cells[i].text));
                    }
                }
            }
            out.push('\n');
        }
        out
    }

    /// A GitHub-flavoured Markdown table (pipes in text escaped).
    #[must_use]
    pub fn markdown(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = format!(
            "| {} | {} |\n|---|{}\n",
            cat::law(self.lang),
            self.columns
                .iter()
                .map(|c| esc(&c.header))
                .collect::<Vec<_>>()
                .join(" | "),
            "---:|".repeat(self.columns.len())
        );
        for row in &self.rows {
            out.push_str(&format!(
                "| {} | {} |\n",
                esc(&row.name),
                row.cells
                    .iter()
                    .map(|c| esc(&c.text))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        out
    }

    /// RFC 4180 CSV, with a `law_id` column first.
    #[must_use]
    pub fn csv(&self) -> String {
        let quote = |s: &str| {
            if s.contains([',', '"', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let mut out = String::from("law_id,law");
        for c in &self.columns {
            out.push(',');
            out.push_str(&quote(&c.header));
        }
        out.push('\n');
        for row in &self.rows {
            out.push_str(row.id.as_str());
            out.push(',');
            out.push_str(&quote(&row.name));
            for c in &row.cells {
                out.push(',');
                out.push_str(&quote(&c.text));
            }
            out.push('\n');
        }
        out
    }
}
