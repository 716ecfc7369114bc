//! Approaches side by side at one budget: each report's exponent and its N_opt, D_opt there,
//! with their bootstrap intervals.

use crate::fit::approaches::availability::Approach;
use crate::fit::jobs::approach_job::ApproachReport;
use crate::fit::resampling::bootstrap::Interval;

/// One approach's row at a budget, for showing the approaches side by side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SideBySide {
    /// Which approach.
    pub approach: Approach,
    /// a of N_opt ∝ C^a.
    pub exponent: f64,
    /// Its bootstrap interval.
    pub exponent_ci: Option<Interval>,
    /// N_opt at the budget.
    pub n_opt: f64,
    /// Its bootstrap interval (only when the fit was run at this budget).
    pub n_opt_ci: Option<Interval>,
    /// D_opt at the budget.
    pub d_opt: f64,
    /// Its bootstrap interval (only when the fit was run at this budget).
    pub d_opt_ci: Option<Interval>,
}

/// The exponents and the N_opt, D_opt at `flops` of each report, in the order given: where
/// Approaches 2 and 3 disagree on the same runs, this shows by how much.
#[must_use]
pub fn side_by_side(reports: &[&ApproachReport], flops: f64) -> Vec<SideBySide> {
    reports
        .iter()
        .map(|r| {
            let (n_opt, d_opt) = r.optimal(flops);
            let (n_opt_ci, d_opt_ci) = r.allocation_intervals(flops);
            SideBySide {
                approach: r.approach,
                exponent: r.params_law().1,
                exponent_ci: r.exponent_interval(),
                n_opt,
                n_opt_ci,
                d_opt,
                d_opt_ci,
            }
        })
        .collect()
}
