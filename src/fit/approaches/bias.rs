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

use crate::fit::approaches::profiles::{fit_profile, frontier_of};
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
    let exponent_fitted = frontier_of(&profiles).ok().map(|f| f.n_opt.exponent);
    Ok(ParabolaBias {
        budgets,
        exponent_true,
        exponent_fitted,
        exponent_bias: exponent_fitted.map(|a| a - exponent_true),
    })
}
