//! The flat-optimum column: at a row's compute, the model sizes N and token counts D whose loss
//! under the row's law stays within a tolerance of that law's optimal loss
//! ([`LossParams::flat_range`]; the flatness of Hoffmann et al. 2022, Fig. 3).

use std::fmt;

use super::table::Cell;
use super::RowValues;
use crate::i18n::{flat as cat, Lang};
use crate::law::flat::{flat_range_of, FlatRange};
use crate::law::quantity::{format_count_in, format_flops};
use crate::law::{Law, LawError, LossModel};

/// Why a row has no flat range.
#[derive(Debug, Clone, PartialEq)]
pub enum FlatError {
    /// The law predicts no loss.
    NoLossModel,
    /// The range could not be computed (an extreme fit, a budget out of range).
    Law(LawError),
}

impl FlatError {
    /// Why, in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            FlatError::NoLossModel => crate::i18n::table::no_loss_model(lang).to_string(),
            FlatError::Law(e) => e.text(lang),
        }
    }
}

impl fmt::Display for FlatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// The range of N and D at `flops` within `tolerance` (relative) of `law`'s optimal loss:
/// closed form for E + A/N^α + B/D^β, a numeric search for Kaplan et al. 2020's loss
/// (starting from the law's own allocation).
pub fn flat_range(law: &Law, flops: f64, tolerance: f64) -> Result<FlatRange, FlatError> {
    match &law.loss_model {
        None => Err(FlatError::NoLossModel),
        Some(LossModel::Kaplan(k)) => {
            let guess = law.allocate(flops).map_err(FlatError::Law)?.n_params;
            flat_range_of(&|n, d| k.loss(n, d), flops, tolerance, guess).map_err(FlatError::Law)
        }
        Some(LossModel::Parametric(p)) => p.flat_range(flops, tolerance).map_err(FlatError::Law),
    }
}

/// The column headers: "N within +0.5 % of the best loss", "D within +0.5 %".
#[must_use]
pub fn headers(tolerance: f64, lang: Lang) -> (String, String) {
    let pct = percent_text(tolerance);
    (cat::n_header(lang, &pct), cat::d_header(lang, &pct))
}

/// The IsoFLOP chart's legend for the shaded range: "Loss within +0.5 % of the best".
#[must_use]
pub fn shade_label(tolerance: f64, lang: Lang) -> String {
    cat::shade_label(lang, &percent_text(tolerance))
}

/// A relative tolerance as percent to three figures: 0.005 → "0.5", 0.02 → "2".
pub(super) fn percent_text(tolerance: f64) -> String {
    let pct = crate::law::quantity::significant(100.0 * tolerance, 3);
    // "0.500" → "0.5", "2.00" → "2" (not in scientific notation, where zeros matter less).
    if pct.contains('.') && !pct.contains('e') {
        pct.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        pct
    }
}

/// The hover text of a flat range: the limit, the optimum and the budget.
fn explain(r: &FlatRange, lang: Lang) -> String {
    cat::explain(
        lang,
        &format!("{:.4}", r.loss_limit),
        &format!("{:.4}", r.loss_opt),
        &format_count_in(r.n_opt, lang),
        &format_count_in(r.d_opt, lang),
        &format_flops(r.flops),
    )
}

fn cell(v: &RowValues, lang: Lang, ends: fn(&FlatRange) -> (f64, f64)) -> Cell {
    match &v.flat {
        Some(Ok(r)) => {
            let (lo, hi) = ends(r);
            Cell {
                text: format!(
                    "{} – {}",
                    format_count_in(lo, lang),
                    format_count_in(hi, lang)
                ),
                title: Some(explain(r, lang)),
                ..Cell::default()
            }
        }
        Some(Err(e)) => Cell {
            text: "—".to_string(),
            title: Some(e.text(lang)),
            ..Cell::default()
        },
        None => Cell::plain("—".to_string()),
    }
}

/// The N column's cell.
#[must_use]
pub fn n_cell(v: &RowValues, lang: Lang) -> Cell {
    cell(v, lang, |r| (r.n_min, r.n_max))
}

/// The D column's cell.
#[must_use]
pub fn d_cell(v: &RowValues, lang: Lang) -> Cell {
    cell(v, lang, |r| (r.d_min, r.d_max))
}
