//! Sampled frontiers over a compute range, for the charts, and the least-squares exponent over
//! Kaplan's range (Pearce & Song 2024, arXiv:2406.12907).

use super::super::error::LawError;
use super::super::{Allocation, Law};
use super::counting::{FrontierPoint, KaplanCounting};

/// A compute range given by its base-10 logarithms, sampled as numpy's `logspace` does.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct LogRange {
    /// log10 of the smallest budget (FLOPs).
    pub log10_lo: f64,
    /// log10 of the largest budget (FLOPs).
    pub log10_hi: f64,
}

/// Kaplan's range in Kaplan's compute, C_\E = 10^12.95 … 10^20.7 FLOPs (≈ 1e-7 to 5.8 PF-days):
/// the budgets of Pearce & Song's simulation of Kaplan's study (analysis script,
/// `c_range_bounds = [12.95, 20.7]`), spanning Kaplan's models of "768 to 1.5 billion
/// non-embedding parameters" (Kaplan et al. 2020, arXiv:2001.08361, as the script quotes it).
pub const KAPLAN_RANGE: LogRange = LogRange {
    log10_lo: 12.95,
    log10_hi: 20.7,
};

/// The same study in total compute, C_T = 10^14 … 10^20.7 FLOPs (Pearce & Song's analysis
/// script, `c_range_bounds = [14, 20.7]`).
pub const KAPLAN_RANGE_TOTAL: LogRange = LogRange {
    log10_lo: 14.0,
    log10_hi: 20.7,
};

/// Budgets in the least-squares fit over a range: 200, log-spaced, both ends included. The
/// fitted slope of a curved frontier depends slightly on the sampling (Epoch law: 0.7751 with
/// 100 budgets, 0.7756 with 200, 0.7761 in the continuum limit); 200 is the sampling that
/// reproduces the analytic-curve values 0.7756 (Epoch) and 0.7401 (Chinchilla) of an
/// independent numpy recomputation of Pearce & Song's closed form. Pearce & Song's own 0.78 comes from a discrete simulation,
/// reproduced by [`super::simulate_kaplan_grid`].
pub const RANGE_FIT_BUDGETS: usize = 200;

impl LogRange {
    /// `n` budgets log-spaced from 10^lo to 10^hi, both included (numpy `logspace`: the
    /// exponents lo + i·(hi − lo)/(n − 1), the last one exactly hi). Errors unless the bounds
    /// are finite with lo < hi and n ≥ 2.
    pub fn budgets(&self, n: usize) -> Result<Vec<f64>, LawError> {
        let LogRange { log10_lo, log10_hi } = *self;
        if !(log10_lo.is_finite() && log10_hi.is_finite() && log10_lo < log10_hi) {
            return Err(LawError::InvalidInput {
                what: crate::law::Input::ComputeRange,
                value: log10_lo,
            });
        }
        if n < 2 {
            return Err(LawError::InvalidInput {
                what: crate::law::Input::BudgetCount,
                value: n as f64,
            });
        }
        let step = (log10_hi - log10_lo) / (n - 1) as f64;
        Ok((0..n)
            .map(|i| {
                let exponent = if i == n - 1 {
                    log10_hi
                } else {
                    log10_lo + i as f64 * step
                };
                10f64.powf(exponent)
            })
            .collect())
    }
}

/// The ordinary least-squares slope of `ys` on `xs` (equal lengths, at least two distinct xs).
pub fn ols_slope(xs: &[f64], ys: &[f64]) -> Result<f64, LawError> {
    if xs.len() != ys.len() || xs.len() < 2 {
        return Err(LawError::InvalidInput {
            what: crate::law::Input::FitPoints,
            value: xs.len() as f64,
        });
    }
    let n = xs.len() as f64;
    let mean_x = xs.iter().sum::<f64>() / n;
    let mean_y = ys.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mean_x) * (y - mean_y);
        sxx += (x - mean_x) * (x - mean_x);
    }
    let slope = sxy / sxx;
    if slope.is_finite() {
        Ok(slope)
    } else {
        Err(LawError::OutOfRange)
    }
}

impl KaplanCounting {
    /// The frontier in Kaplan's counting: the optimum at `n` budgets C_\E log-spaced over `range`.
    pub fn frontier_non_embedding(
        &self,
        range: LogRange,
        n: usize,
    ) -> Result<Vec<FrontierPoint>, LawError> {
        self.frontier(range, n, Self::optimum)
    }

    /// The optimum `at` each of `n` budgets log-spaced over `range`.
    fn frontier(
        &self,
        range: LogRange,
        n: usize,
        at: fn(&Self, f64) -> Result<FrontierPoint, LawError>,
    ) -> Result<Vec<FrontierPoint>, LawError> {
        range.budgets(n)?.into_iter().map(|c| at(self, c)).collect()
    }

    /// The frontier in total counting: the optimum at `n` budgets C_T log-spaced over `range`.
    pub fn frontier_total(
        &self,
        range: LogRange,
        n: usize,
    ) -> Result<Vec<FrontierPoint>, LawError> {
        self.frontier(range, n, Self::optimum_total)
    }

    /// The least-squares slope of ln N*_\E on ln C_\E at `n` budgets over `range` (the exact
    /// optimum at each budget, not a grid of models).
    pub fn range_exponent(&self, range: LogRange, n: usize) -> Result<f64, LawError> {
        let points = self.frontier_non_embedding(range, n)?;
        let xs: Vec<f64> = points.iter().map(|p| p.c_non_embedding.ln()).collect();
        let ys: Vec<f64> = points.iter().map(|p| p.n_non_embedding.ln()).collect();
        ols_slope(&xs, &ys)
    }

    /// The exponent a of N*_\E ∝ C_\E^a that a least-squares fit over [`KAPLAN_RANGE`] finds
    /// ([`RANGE_FIT_BUDGETS`] budgets): what Kaplan's study would have measured if the true law
    /// were this one (Pearce & Song 2024: ≈ 0.78 for Epoch's coefficients, ≈ 0.74 for
    /// Chinchilla's, against Kaplan's 0.73).
    pub fn kaplan_range_exponent(&self) -> Result<f64, LawError> {
        self.range_exponent(KAPLAN_RANGE, RANGE_FIT_BUDGETS)
    }
}

/// Kaplan's own law (the `kaplan2020` preset: N = 1.3e9·C_min^0.73, Kaplan et al. 2020, App. A,
/// read with C = 2·C_min as Hoffmann et al. 2022, App. D.4 do) at `n` budgets over `range`, for
/// comparison with the frontier in Kaplan's counting.
pub fn kaplan_law_frontier(range: LogRange, n: usize) -> Result<Vec<Allocation>, LawError> {
    let law = Law::kaplan2020();
    range
        .budgets(n)?
        .into_iter()
        .map(|c| law.allocate(c))
        .collect()
}
