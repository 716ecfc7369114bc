//! Why Kaplan says 0.73 and Chinchilla 0.5: two published reconciliations.
//!
//! 1. Counting and scale (Pearce & Song 2024, arXiv:2406.12907): a Chinchilla-form law, seen
//!    through Kaplan's non-embedding counting at Kaplan's small scales, has a compute-optimal
//!    exponent near 0.78 (Epoch's coefficients) or 0.74 (Chinchilla's); in total counting it is
//!    β/(α + β) ≈ 0.5. See [`KaplanCounting`], [`ReconcileReport`], [`simulate_kaplan_grid`].
//! 2. Training choices (Porian et al. 2024, arXiv:2406.19146): correcting Kaplan's setup one
//!    step at a time moves the fitted exponent from 0.835 to 0.497. See [`PORIAN_STEPS`].
//!
//! Pure arithmetic; every failure is a [`LawError`], never a panic or a NaN.

mod counting;
mod porian;
mod series;
mod simulate;

#[cfg(test)]
mod tests_counting;

pub use counting::{
    non_embedding_params, omega, total_params, Basis, FrontierPoint, KaplanCounting,
    DEFAULT_ASPECT, DEFAULT_VOCAB, PEARCE_OMEGA,
};
pub use porian::{
    porian_steps, porian_waterfall, PorianDataset, PorianStep, StepAllocation,
    CHINCHILLA_BUDGET_6ND, PORIAN_CITATION, PORIAN_STEPS,
};
pub use series::{
    kaplan_law_frontier, ols_slope, LogRange, KAPLAN_RANGE, KAPLAN_RANGE_TOTAL, RANGE_FIT_BUDGETS,
};
pub use simulate::{
    simulate_kaplan_grid, GridSimulation, SIM_BUDGET_COUNT, SIM_MODELS, SIM_MODEL_COUNT,
    SIM_TOKENS, SIM_TOKEN_COUNT,
};

use super::error::LawError;
use super::loss::{LossModel, LossParams};
use super::quantity::{format_count, format_flops};
use super::Law;
use std::fmt::Write as _;

/// Budgets of the report's table: one per decade, C_\E = 1e11 … 1e25 FLOPs, wide enough to show
/// the local exponent's rise, peak and fall to the large-scale limit around Kaplan's range.
pub const REPORT_LOG10_BUDGETS: std::ops::RangeInclusive<i32> = 11..=25;

/// Kaplan's measured exponent, N_opt ∝ C_min^0.73 (Kaplan et al. 2020, Eq. 6.1), for display.
pub const KAPLAN_EXPONENT: f64 = 0.73;

/// One row of the report's table.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ReportPoint {
    /// Kaplan compute C_\E = 6·N_\E·D (FLOPs).
    pub c_non_embedding: f64,
    /// Compute-optimal N*_\E at that budget.
    pub n_non_embedding: f64,
    /// d ln N*_\E/d ln C_\E there.
    pub local_exponent: f64,
    /// The law's loss at the optimum, L(N_T, D).
    pub loss: f64,
}

/// The reconciliation for one law and one ω, in the shape of `isoflop-cli reconcile --json`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReconcileReport {
    /// The law's id (a preset id, or whatever the caller names a fitted law).
    pub law: String,
    /// ω of N_T = N_\E + ω·N_\E^(1/3).
    pub omega: f64,
    /// Least-squares exponent of N*_\E on C_\E over Kaplan's range
    /// ([`KaplanCounting::kaplan_range_exponent`]).
    pub kaplan_range_exponent: f64,
    /// Exponent of N*_T on C_T, β/(α + β) ([`KaplanCounting::total_exponent`]).
    pub total_exponent: f64,
    /// β/(β + α/3).
    pub small_scale_limit: f64,
    /// β/(α + β).
    pub large_scale_limit: f64,
    /// The optimum at each of [`REPORT_LOG10_BUDGETS`].
    pub points: Vec<ReportPoint>,
}

impl ReconcileReport {
    /// The report for the law `params`, named `law_id`, with embedding coefficient `omega`.
    pub fn new(law_id: &str, params: LossParams, omega: f64) -> Result<Self, LawError> {
        let counting = KaplanCounting::new(params, omega)?;
        let points = REPORT_LOG10_BUDGETS
            .map(|decade| {
                let p = counting.optimum(10f64.powi(decade))?;
                Ok(ReportPoint {
                    c_non_embedding: p.c_non_embedding,
                    n_non_embedding: p.n_non_embedding,
                    local_exponent: p.local_exponent,
                    loss: p.loss,
                })
            })
            .collect::<Result<Vec<_>, LawError>>()?;
        Ok(ReconcileReport {
            law: law_id.to_string(),
            omega,
            kaplan_range_exponent: counting.kaplan_range_exponent()?,
            total_exponent: counting.total_exponent(),
            small_scale_limit: counting.small_scale_limit(),
            large_scale_limit: counting.large_scale_limit(),
            points,
        })
    }

    /// The report for a law with a loss of the form E + A/N^α + B/D^β; any other law is an
    /// `InvalidLaw` error (Kaplan's own loss has no such form).
    pub fn for_law(law: &Law, omega: f64) -> Result<Self, LawError> {
        match law.loss_model {
            Some(LossModel::Parametric(params)) => Self::new(law.id.as_str(), params, omega),
            _ => Err(LawError::InvalidLaw(
                crate::law::LawDefect::ReconcileParametric,
            )),
        }
    }
}

/// The report as plain text, for `isoflop-cli reconcile` without `--json`.
#[must_use]
pub fn render_text(report: &ReconcileReport) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "Law {} seen through Kaplan's non-embedding counting (Pearce & Song 2024, arXiv:2406.12907)",
        report.law
    );
    let _ = writeln!(
        out,
        "ω = {:.0}  (N_T = N_\\E + ω·N_\\E^(1/3))",
        report.omega
    );
    let _ = writeln!(
        out,
        "Kaplan-range exponent (least squares of ln N*_\\E on ln C_\\E, C_\\E = 10^{} … 10^{} FLOPs): {:.4}  (Kaplan measured {KAPLAN_EXPONENT})",
        KAPLAN_RANGE.log10_lo, KAPLAN_RANGE.log10_hi, report.kaplan_range_exponent
    );
    let _ = writeln!(
        out,
        "Total-basis exponent N*_T ∝ C_T^a, a = β/(α+β): {:.4}",
        report.total_exponent
    );
    let _ = writeln!(
        out,
        "Local exponent limits: small scale β/(β+α/3) = {:.4}, large scale β/(α+β) = {:.4}",
        report.small_scale_limit, report.large_scale_limit
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:>12}  {:>8}  {:>9}  {:>7}",
        "C_\\E FLOPs", "N*_\\E", "local exp", "loss"
    );
    for p in &report.points {
        let _ = writeln!(
            out,
            "{:>12}  {:>8}  {:>9.4}  {:>7.4}",
            format_flops(p.c_non_embedding),
            format_count(p.n_non_embedding),
            p.local_exponent,
            p.loss
        );
    }
    out
}
