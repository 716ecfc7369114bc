//! The IsoFLOP parabola's bias, measured rather than assumed: fit Approach 2's parabolas to
//! noise-free losses of a known law at a sweep's own budgets and sizes, and compare each vertex
//! with the law's true N_opt (Hoffmann et al. 2022, Eq. 4) and the exponent through the vertices
//! with the law's a = β/(α+β).
//!
//! Why there is a bias: along an IsoFLOP the loss in x = ln N is E + A·e^(−αx) + B'·e^(βx), whose
//! third derivative at the minimum is M·(β² − α²) (M = αA·e^(−αx*)). A parabola cannot follow
//! that skew; on a window symmetric about the optimum, least squares moves the vertex by about
//! (α − β)·Σu⁴/(6·Σu²) in ln N (u = the sizes' offsets from the optimum), towards larger N when
//! α > β. Wide windows make it larger, and lopsided ones change it, possibly its sign.

use crate::fit::approaches::approach3::{fit_approach3, Method};
use crate::fit::approaches::powerlaw::PowerLawFrontier;
use crate::fit::approaches::profiles::{fit_profile, frontier_of};
use crate::fit::numerics::objective::DEFAULT_DELTA;
use crate::fit::resampling::bootstrap::Interval;
use crate::fit::runs::Run;
use crate::fit::FitError;
use crate::law::loss::LossParams;

/// What the parabola reports at one budget against the law's truth.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetBias {
    /// The budget C.
    pub flops: f64,
    /// The law's N_opt at C.
    pub n_true: f64,
    /// The parabola's vertex, when usable.
    pub n_vertex: Option<f64>,
    /// n_vertex/n_true − 1.
    pub rel_error: Option<f64>,
    /// Why there is no vertex, if there is none.
    pub note: Option<crate::fit::approaches::profiles::ProfileNote>,
}

/// The parabola's bias over a whole sweep design under a known law.
#[derive(Debug, Clone, PartialEq)]
pub struct ParabolaBias {
    /// Each budget.
    pub budgets: Vec<BudgetBias>,
    /// The law's a = β/(α+β).
    pub exponent_true: f64,
    /// a of the power law through the vertices, when two or more are usable.
    pub exponent_fitted: Option<f64>,
    /// exponent_fitted − exponent_true.
    pub exponent_bias: Option<f64>,
    /// The power laws through the vertices, when two or more are usable.
    pub frontier: Option<PowerLawFrontier>,
}

/// Measures the bias of Approach 2 on `design` (each budget's C and model sizes, as
/// [`crate::fit::Approach2Fit::design`] returns them) if the runs followed `law` exactly.
pub fn parabola_bias(
    law: &LossParams,
    design: &[(f64, Vec<f64>)],
) -> Result<ParabolaBias, FitError> {
    law.check()
        .map_err(|e| FitError::InvalidOption(e.to_string()))?;
    let mut profiles = Vec::new();
    let mut budgets = Vec::new();
    for (c, sizes) in design {
        let c = *c;
        if !(c.is_finite() && c > 0.0) || sizes.iter().any(|n| !(n.is_finite() && *n > 0.0)) {
            return Err(FitError::InvalidOption(
                "a design needs positive budgets and model sizes".into(),
            ));
        }
        let runs: Vec<Run> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let d = c / (6.0 * n);
                Run {
                    line: i + 1,
                    n_params: n,
                    n_tokens: d,
                    flops: c,
                    loss: law.loss(n, d),
                    budget: Some(c),
                }
            })
            .collect();
        let profile = fit_profile(c, &runs);
        let n_true = law.optimal(c).0;
        let n_vertex = profile.optimum.map(|o| o.0);
        budgets.push(BudgetBias {
            flops: c,
            n_true,
            n_vertex,
            rel_error: n_vertex.map(|n| n / n_true - 1.0),
            note: profile.note,
        });
        profiles.push(profile);
    }
    let exponent_true = law.params_exponent();
    let frontier = frontier_of(&profiles).ok();
    let exponent_fitted = frontier.as_ref().map(|f| f.n_opt.exponent);
    Ok(ParabolaBias {
        budgets,
        exponent_true,
        exponent_fitted,
        exponent_bias: exponent_fitted.map(|a| a - exponent_true),
        frontier,
    })
}

/// An Approach-2 fit's bias at one budget, under the Approach-3 fit of the same runs, and its
/// estimates corrected for it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BiasAtBudget {
    /// The budget C.
    pub flops: f64,
    /// The law the bias was measured under: Approach 3 fitted to the same runs.
    pub law: LossParams,
    /// Relative bias of Approach 2's N_opt at C (−0.05: 5 % low): what the parabolas would
    /// report on noise-free losses of `law` at the sweep's own budgets and sizes, against
    /// `law`'s N_opt (Hoffmann et al. 2022, Eq. 4).
    pub n_opt_bias: f64,
    /// The same for D_opt.
    pub d_opt_bias: f64,
    /// Approach 2's estimates at C, as fitted.
    pub estimate: (f64, f64),
    /// The estimates divided by (1 + bias).
    pub corrected: (f64, f64),
}

impl BiasAtBudget {
    /// Whether `interval` (Approach 2's bootstrap interval of N_opt or D_opt at C) leaves out
    /// the corrected value: the parabola's bias is then larger than the resampling spread.
    #[must_use]
    pub fn excluded_by(interval: Interval, corrected: f64) -> bool {
        corrected < interval[0] || corrected > interval[1]
    }
}

/// The bias of the Approach-2 `frontier` fitted to `runs` at `flops`: Approach 3 (the `global`
/// method) is fitted to the same runs, and [`parabola_bias`] measures under it what the
/// sweep's own design makes the parabolas report.
pub fn bias_at_budget(
    runs: &[Run],
    design: &[(f64, Vec<f64>)],
    frontier: &PowerLawFrontier,
    flops: f64,
) -> Result<BiasAtBudget, FitError> {
    check_flops(flops)?;
    let law = fit_approach3(runs, Method::Global, DEFAULT_DELTA)?.params;
    bias_at_budget_under(&law, design, frontier, flops)
}

fn check_flops(flops: f64) -> Result<(), FitError> {
    if flops.is_finite() && flops > 0.0 {
        Ok(())
    } else {
        Err(FitError::InvalidOption(format!(
            "the budget must be a positive number of FLOPs (got {flops})"
        )))
    }
}

/// [`bias_at_budget`] under a `law` already fitted to the same runs (an Approach-2 job fits it
/// after the parabolas, in the page's workers too).
pub fn bias_at_budget_under(
    law: &LossParams,
    design: &[(f64, Vec<f64>)],
    frontier: &PowerLawFrontier,
    flops: f64,
) -> Result<BiasAtBudget, FitError> {
    check_flops(flops)?;
    let law = *law;
    let simulated = parabola_bias(&law, design)?
        .frontier
        .ok_or(FitError::TooFewBudgets { usable: 1 })?;
    let (n_true, d_true) = law.optimal(flops);
    let n_opt_bias = simulated.n_opt.at(flops) / n_true - 1.0;
    let d_opt_bias = simulated.d_opt.at(flops) / d_true - 1.0;
    let estimate = (frontier.n_opt.at(flops), frontier.d_opt.at(flops));
    let corrected = (
        estimate.0 / (1.0 + n_opt_bias),
        estimate.1 / (1.0 + d_opt_bias),
    );
    let all = [n_opt_bias, d_opt_bias, corrected.0, corrected.1];
    if !all.iter().all(|x| x.is_finite()) {
        return Err(FitError::NoSolution);
    }
    Ok(BiasAtBudget {
        flops,
        law,
        n_opt_bias,
        d_opt_bias,
        estimate,
        corrected,
    })
}
