//! The results table as text: one source of formatting for the page, Markdown and CSV (the
//! forms it leaves the page in are `table_forms`).

use super::columns::Group;
use super::units::{format_duration_in, money_in};
use super::{Given, InferenceError, Plan, Row, RowValues};
use crate::i18n::{table as cat, Lang};
use crate::law::beyond::InferenceAllocation;
use crate::law::quantity::{format_count, format_count_in, format_flops, significant};
use crate::law::shape::Convention;
use crate::law::{LawError, LawId};
use crate::permalink::ColumnId;

/// One cell: its text and a hover explanation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    pub title: Option<String>,
    /// A count in 中文 as the answer at a glance prints it: the SI form, and below it, smaller,
    /// the 万/亿 reading (`text` holds both: `485B（4850亿）`).
    pub reading: Option<(String, String)>,
}

impl Cell {
    pub(super) fn plain(text: String) -> Self {
        Cell {
            text,
            ..Cell::default()
        }
    }

    /// A count as the page's language reads it ([`format_count_in`]).
    fn count(x: f64, lang: Lang) -> Self {
        let reading = match lang {
            Lang::Zh => crate::law::chinese::format_count(x).map(|zh| (format_count(x), zh)),
            Lang::En => None,
        };
        Cell {
            text: format_count_in(x, lang),
            reading,
            ..Cell::default()
        }
    }

    fn missing(why: String) -> Self {
        Cell {
            text: "—".to_string(),
            title: Some(why),
            ..Cell::default()
        }
    }
}

/// A column: which it is, its group, and its headers.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub id: ColumnId,
    pub group: Group,
    /// The header that says everything alone (Markdown, CSV, the command line, the hover).
    pub header: String,
    /// The header the page prints under the group's heading.
    pub short: &'static str,
}

impl Column {
    /// The CSS class of its cells (also the end-to-end tests' handle): the link's id.
    #[must_use]
    pub fn class(&self) -> &'static str {
        self.id.id()
    }
}

/// The table: columns, and per row the law's id, name, citation and cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
    /// Each group's heading, for the groups the columns use, in order.
    pub groups: Vec<(Group, String)>,
    /// The columns the answer at a glance shows (the page's cards): N, D, D/N, and C when the
    /// question does not fix it, the time on the hardware when there is some.
    pub glance: Vec<ColumnId>,
    /// The language of its headers and cells.
    pub lang: Lang,
}

/// One law's row.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub id: LawId,
    pub name: String,
    pub citation: String,
    /// How sure the law is: its paper's exponent interval, or that it gives none.
    pub uncertainty: String,
    pub cells: Vec<Cell>,
    /// Why the law could not answer at all, if so (every cell is then "—").
    pub error: Option<String>,
}

/// How sure `law` is, in a sentence: its published exponent interval (`law::uncertainty`) or
/// that its paper gives none; nothing for the reader's own fits, which carry their bootstrap.
fn uncertainty(law: LawId, lang: Lang) -> String {
    if matches!(law, LawId::Fit | LawId::SweepFit) {
        return String::new();
    }
    match crate::law::uncertainty::published_interval(law) {
        Some(i) => cat::uncertainty_interval(
            lang,
            &i.a,
            &i.level,
            &format!("{:.3}", i.lo),
            &format!("{:.3}", i.hi),
            &i.source,
        ),
        None => cat::uncertainty_none(lang).to_string(),
    }
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
                ..Cell::default()
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
            ..Cell::default()
        },
        Some(Err(e)) => Cell::missing(e.text(lang)),
        None => Cell::missing(cat::hardware_not_set(lang).into()),
    }
}

/// A column's cell of a row.
type Getter = fn(&RowValues, Lang) -> Cell;

/// Builds the table for `plan` in `lang` (the command line's is [`Lang::En`]); the columns
/// depend on what its question set, in groups (allocation, loss, near-optimal range, time and
/// cost, beyond Chinchilla).
#[must_use]
pub fn table(plan: &Plan, lang: Lang) -> Table {
    use ColumnId as C;
    let mut spec: Vec<(ColumnId, String, Getter)> = vec![
        (C::NParams, cat::params_n(lang).into(), |v, l| {
            Cell::count(v.allocation.n_params, l)
        }),
        (C::NTokens, cat::tokens_d(lang).into(), |v, l| {
            Cell::count(v.allocation.n_tokens, l)
        }),
    ];
    if plan.shape.is_some() {
        // Beside D, which it revises: the tokens C buys at the shape's own cost.
        spec.push((C::TrueTokens, cat::true_tokens(lang).into(), true_tokens));
    }
    spec.push((C::Ratio, cat::tokens_per_param(lang).into(), |v, _| {
        Cell::plain(format_ratio(v.allocation.tokens_per_param()))
    }));
    spec.push((C::Flops, cat::compute_c(lang).into(), |v, _| {
        Cell::plain(format_flops(v.allocation.flops))
    }));
    if matches!(plan.given, Given::Scale { .. }) {
        spec.push((C::ScaleN, cat::scale_params(lang).into(), |v, _| {
            v.scale.map_or(Cell::missing("—".into()), |s| {
                Cell::plain(format!("{:.2}×", s.0))
            })
        }));
        spec.push((C::ScaleD, cat::scale_tokens(lang).into(), |v, _| {
            v.scale.map_or(Cell::missing("—".into()), |s| {
                Cell::plain(format!("{:.2}×", s.1))
            })
        }));
    }
    spec.push((C::Loss, cat::predicted_loss(lang).into(), |v, l| {
        match &v.loss {
            Ok(x) => Cell::plain(format_loss(*x)),
            Err(LawError::NoLossModel) => no_loss_model(l),
            Err(e) => Cell::missing(e.text(l)),
        }
    }));
    if let Some(judge) = &plan.judge {
        spec.push((
            C::Penalty,
            cat::extra_loss_under(lang, &judge.name),
            |v, l| {
                v.judged
                    .map_or(Cell::missing(cat::not_judged(l).into()), |j| {
                        Cell::plain(format!("{:+.3}", j.loss_penalty()))
                    })
            },
        ));
        spec.push((C::Waste, cat::compute_wasted(lang).into(), |v, l| {
            v.judged
                .map_or(Cell::missing(cat::not_judged(l).into()), |j| Cell {
                    text: percent(100.0 * j.wasted_fraction()),
                    title: Some(cat::waste_title(l, &format_flops(j.equivalent_flops))),
                    ..Cell::default()
                })
        }));
    }
    if let Some(tolerance) = plan.flat_tolerance {
        let (n_header, d_header) = super::flat::headers(tolerance, lang);
        spec.push((C::FlatN, n_header, super::flat::n_cell));
        spec.push((C::FlatD, d_header, super::flat::d_cell));
    }
    if let Some(hardware) = &plan.hardware {
        spec.push((C::DeviceHours, cat::device_hours(lang).into(), |v, l| {
            v.time
                .map_or(Cell::missing(cat::hardware_not_set(l).into()), |t| {
                    Cell::plain(format_count_in(t.device_hours, l))
                })
        }));
        spec.push((
            C::Days,
            cat::time_on_devices(lang, &hardware.count),
            |v, l| {
                v.time
                    .map_or(Cell::missing(cat::hardware_not_set(l).into()), |t| Cell {
                        text: format_duration_in(t.wall_clock_days, l),
                        title: Some(cat::days_title(l, &significant(t.wall_clock_days, 4))),
                        ..Cell::default()
                    })
            },
        ));
        if plan.shape.is_some() && matches!(plan.given, Given::HardwareDays(_)) {
            spec.push((
                C::ShapeDays,
                cat::time_on_devices_shape(lang, &hardware.count),
                shape_days,
            ));
        }
        if hardware.price.is_some() {
            spec.push((C::Cost, cat::cost(lang).into(), |v, l| {
                v.cost.map_or(Cell::missing(cat::no_price(l).into()), |c| {
                    Cell::plain(money_in(c, l))
                })
            }));
        }
    }
    if plan.unique_tokens.is_some() {
        spec.push((C::Epochs, cat::epochs(lang).into(), |v, _| {
            v.epochs.map_or(Cell::missing("—".into()), |e| {
                Cell::plain(format!("{e:.2}"))
            })
        }));
    }
    if plan.inference_tokens.is_some() {
        spec.push((C::InfN, cat::inference_n(lang).into(), |v, l| {
            inference(v, l, |a, l| format_count_in(a.optimal.n_params, l))
        }));
        spec.push((C::InfD, cat::inference_d(lang).into(), |v, l| {
            inference(v, l, |a, l| format_count_in(a.optimal.n_tokens, l))
        }));
        spec.push((C::InfFlops, cat::inference_flops(lang).into(), |v, l| {
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
            uncertainty: uncertainty(law.id, lang),
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
    let columns: Vec<Column> = spec
        .into_iter()
        .map(|(id, header, _)| Column {
            id,
            group: Group::of(id),
            header,
            short: super::columns::short_header(id, lang),
        })
        .collect();
    let mut groups: Vec<(Group, String)> = Vec::new();
    for column in &columns {
        if groups.last().is_none_or(|(g, _)| *g != column.group) {
            groups.push((column.group, column.group.label(plan, lang)));
        }
    }
    let budget_given = matches!(plan.given, Given::Budget(_) | Given::HardwareDays(_));
    let glance = [C::NParams, C::NTokens, C::Ratio, C::Flops, C::Days]
        .into_iter()
        .filter(|id| *id != C::Flops || !budget_given)
        .filter(|id| columns.iter().any(|c| c.id == *id))
        .collect();
    Table {
        columns,
        rows,
        groups,
        glance,
        lang,
    }
}

impl Table {
    /// The index of `column` in the table, if it has it.
    #[must_use]
    pub fn position(&self, column: ColumnId) -> Option<usize> {
        self.columns.iter().position(|c| c.id == column)
    }

    /// The table without the columns in `hidden` (the ones a reader hid on the page).
    #[must_use]
    pub fn without(&self, hidden: &[ColumnId]) -> Table {
        let keep: Vec<bool> = self
            .columns
            .iter()
            .map(|c| !hidden.contains(&c.id))
            .collect();
        Table {
            columns: kept(&self.columns, &keep),
            rows: self
                .rows
                .iter()
                .map(|r| TableRow {
                    cells: kept(&r.cells, &keep),
                    ..r.clone()
                })
                .collect(),
            groups: self.groups.clone(),
            glance: self.glance.clone(),
            lang: self.lang,
        }
    }
}

/// The items whose `keep` is true.
fn kept<T: Clone>(items: &[T], keep: &[bool]) -> Vec<T> {
    items
        .iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(item, _)| item.clone())
        .collect()
}
