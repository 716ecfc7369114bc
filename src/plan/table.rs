//! The results table as text: one source of formatting for the page, Markdown and CSV.

use super::{Given, InferenceError, Plan, Row, RowValues};
use crate::law::beyond::InferenceAllocation;
use crate::law::quantity::{format_count, format_duration, format_flops, significant};
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
pub const NO_LOSS_MODEL: &str = "this law has no loss model";

fn money(x: f64) -> String {
    format!("${}", format_count(x))
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
fn inference(v: &RowValues, f: fn(&InferenceAllocation) -> String) -> Cell {
    match &v.inference {
        Some(Ok(a)) => Cell::plain(f(a)),
        Some(Err(InferenceError::NoLossModel)) => Cell::missing(NO_LOSS_MODEL.into()),
        Some(Err(e)) => Cell::missing(e.to_string()),
        None => Cell::missing("inference tokens not set".into()),
    }
}

/// The tokens the row's compute buys at the shape's cost, with the count behind it on hover.
fn true_tokens(v: &RowValues) -> Cell {
    match &v.true_cost {
        Some(Ok(t)) => {
            let convention = Convention::from_id(t.convention).map_or(t.convention, |c| c.label());
            Cell {
                text: format_count(t.tokens),
                title: Some(format!(
                    "C / F = {} FLOPs / {} FLOPs per token ({convention}); 6N would promise {} tokens",
                    format_flops(t.flops),
                    format_flops(t.flops_per_token),
                    format_count(t.tokens_at_6n)
                )),
            }
        }
        Some(Err(e)) => Cell::missing(e.to_string()),
        None => Cell::missing("no model shape".into()),
    }
}

/// Hardware mode: the days to train the shape on the row's D at the convention's cost.
fn shape_days(v: &RowValues) -> Cell {
    match &v.shape_days {
        Some(Ok(days)) => Cell {
            text: format_duration(*days),
            title: Some(
                "Training this shape on the row's tokens D at the convention's FLOPs per token"
                    .into(),
            ),
        },
        Some(Err(e)) => Cell::missing(e.to_string()),
        None => Cell::missing("hardware not set".into()),
    }
}

/// Builds the table for `plan`; the columns depend on what its question set.
#[must_use]
pub fn table(plan: &Plan) -> Table {
    type Getter = fn(&RowValues) -> Cell;
    let mut spec: Vec<(String, &'static str, Getter)> = vec![
        ("Parameters N".into(), "n-params", |v| {
            Cell::plain(format_count(v.allocation.n_params))
        }),
        ("Tokens D".into(), "n-tokens", |v| {
            Cell::plain(format_count(v.allocation.n_tokens))
        }),
        ("Tokens per parameter".into(), "ratio", |v| {
            Cell::plain(format_ratio(v.allocation.tokens_per_param()))
        }),
        ("Compute C (FLOPs)".into(), "flops", |v| {
            Cell::plain(format_flops(v.allocation.flops))
        }),
        ("Predicted loss".into(), "loss", |v| match &v.loss {
            Ok(l) => Cell::plain(format_loss(*l)),
            Err(LawError::NoLossModel) => Cell::missing(NO_LOSS_MODEL.into()),
            Err(e) => Cell::missing(e.to_string()),
        }),
    ];
    if plan.shape.is_some() {
        // Beside D, which it revises: the tokens C buys at the shape's own cost.
        spec.insert(
            2,
            (
                "Tokens at this shape's cost".into(),
                "true-tokens",
                true_tokens,
            ),
        );
    }
    if let Some(tolerance) = plan.flat_tolerance {
        let (n_header, d_header) = super::flat::headers(tolerance);
        spec.push((n_header, "flat-n", super::flat::n_cell));
        spec.push((d_header, "flat-d", super::flat::d_cell));
    }
    if matches!(plan.given, Given::Scale { .. }) {
        spec.push(("× parameters".into(), "scale-n", |v| {
            v.scale.map_or(Cell::missing("—".into()), |s| {
                Cell::plain(format!("{:.2}×", s.0))
            })
        }));
        spec.push(("× tokens".into(), "scale-d", |v| {
            v.scale.map_or(Cell::missing("—".into()), |s| {
                Cell::plain(format!("{:.2}×", s.1))
            })
        }));
    }
    if let Some(hardware) = &plan.hardware {
        spec.push(("Device-hours".into(), "device-hours", |v| {
            v.time
                .map_or(Cell::missing("hardware not set".into()), |t| {
                    Cell::plain(format_count(t.device_hours))
                })
        }));
        spec.push(
            (format!("Time on {} devices", hardware.count), "days", |v| {
                v.time
                    .map_or(Cell::missing("hardware not set".into()), |t| Cell {
                        text: format_duration(t.wall_clock_days),
                        title: Some(format!("{} days", significant(t.wall_clock_days, 4))),
                    })
            }),
        );
        if plan.shape.is_some() && matches!(plan.given, Given::HardwareDays(_)) {
            spec.push((
                format!("Time on {} devices for this shape", hardware.count),
                "shape-days",
                shape_days,
            ));
        }
        if hardware.price.is_some() {
            spec.push(("Cost".into(), "cost", |v| {
                v.cost
                    .map_or(Cell::missing("no price".into()), |c| Cell::plain(money(c)))
            }));
        }
    }
    if let Some(judge) = &plan.judge {
        spec.push(
            (format!("Extra loss under {}", judge.name), "penalty", |v| {
                v.judged.map_or(Cell::missing("not judged".into()), |j| {
                    Cell::plain(format!("{:+.3}", j.loss_penalty()))
                })
            }),
        );
        spec.push(("Compute wasted".into(), "waste", |v| {
            v.judged
                .map_or(Cell::missing("not judged".into()), |j| Cell {
                    text: percent(100.0 * j.wasted_fraction()),
                    title: Some(format!(
                        "The judge's optimum reaches this loss with {} FLOPs",
                        format_flops(j.equivalent_flops)
                    )),
                })
        }));
    }
    if plan.unique_tokens.is_some() {
        spec.push(("Epochs over unique data".into(), "epochs", |v| {
            v.epochs.map_or(Cell::missing("—".into()), |e| {
                Cell::plain(format!("{e:.2}"))
            })
        }));
    }
    if plan.inference_tokens.is_some() {
        spec.push(("Inference-aware N".into(), "inf-n", |v| {
            inference(v, |a| format_count(a.optimal.n_params))
        }));
        spec.push(("Inference-aware D".into(), "inf-d", |v| {
            inference(v, |a| format_count(a.optimal.n_tokens))
        }));
        spec.push((
            "Lifetime FLOPs vs Chinchilla-style".into(),
            "inf-flops",
            |v| inference(v, |a| percent(a.total_flops_pct)),
        ));
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
                    Ok(v) => get(v),
                    Err(LawError::NoLossModel) => Cell::missing(NO_LOSS_MODEL.into()),
                    Err(e) => Cell::missing(e.to_string()),
                })
                .collect(),
            error: values.as_ref().err().map(ToString::to_string),
        })
        .collect();
    Table {
        columns: spec
            .into_iter()
            .map(|(header, class, _)| Column { header, class })
            .collect(),
        rows,
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
            "| Law | {} |\n|---|{}\n",
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
