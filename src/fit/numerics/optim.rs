//! L-BFGS (`lbfgs`: strong-Wolfe line search) on the Approach-3 objective.

use crate::fit::approaches::constraints::Constraints;
use crate::fit::numerics::lbfgs::{self, Point, Stop, MAX_DIM};
use crate::fit::numerics::objective::{value_and_gradient, LogData, Theta};

/// A local minimum found from one start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LocalFit {
    /// The parameters `[a, b, e, α, β]`.
    pub theta: Theta,
    /// The objective there.
    pub objective: f64,
    /// Objective evaluations used (each with its gradient).
    pub evaluations: usize,
}

/// Settings for one L-BFGS run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LbfgsSettings {
    /// Huber δ.
    pub delta: f64,
    /// Iteration cap per start.
    pub max_iters: u64,
    /// Stop when the gradient norm falls below this.
    pub tol_grad: f64,
    /// Stop when one iteration lowers the objective by less than this many units of Σw·δ²
    /// (the Huber loss of a data set whose every residual is about δ).
    pub tol_cost: f64,
    /// Also stop when the gradient's largest entry is at most this (scipy's `gtol`); 0 = off.
    pub grad_max: f64,
    /// Also stop when one iteration lowers the objective by at most this times
    /// max(|f|, |f_new|, 1) (scipy's `ftol`); 0 = off.
    pub cost_rel: f64,
    /// History length m.
    pub memory: usize,
    /// Coefficients held fixed or tied; the optimiser moves the others only.
    pub constraints: Constraints,
}

impl LbfgsSettings {
    /// Defaults for δ: 1000 iterations, gradient tolerance 1e-12, cost tolerance 4e-10 (on the
    /// 240 Epoch points a tighter one moves no coefficient by more than 1e-7 relative, and
    /// takes twice the evaluations), memory 10.
    #[must_use]
    pub fn new(delta: f64) -> Self {
        LbfgsSettings {
            delta,
            max_iters: 1000,
            tol_grad: 1e-12,
            tol_cost: 4e-10,
            grad_max: 0.0,
            cost_rel: 0.0,
            memory: 10,
            constraints: Constraints::FREE,
        }
    }

    /// The stopping rule of scipy's L-BFGS-B defaults (`ftol` = 2.2e-9 relative decrease,
    /// `gtol` = 1e-5 on the largest gradient entry): the paper protocol's 4500 starts stop
    /// where scipy's would, and only the best few minima are then run to the tight rule.
    #[must_use]
    pub fn screening(self) -> Self {
        LbfgsSettings {
            tol_grad: 0.0,
            tol_cost: 0.0,
            grad_max: 1e-5,
            cost_rel: 2.220_446_049_250_313e-9,
            ..self
        }
    }

    /// The same settings with `constraints`.
    #[must_use]
    pub fn with_constraints(self, constraints: Constraints) -> Self {
        LbfgsSettings {
            constraints,
            ..self
        }
    }
}

/// Minimises the objective from `start` with L-BFGS, over the coordinates that
/// `settings.constraints` leave free (`start` is projected onto the constraints first). Returns
/// `None` only when the start is not a finite point of the objective.
#[must_use]
pub fn minimise(data: &LogData, start: Theta, settings: &LbfgsSettings) -> Option<LocalFit> {
    let constraints = settings.constraints;
    let free = constraints.reduce(&start);
    let n = free.len().min(MAX_DIM);
    let mut point = [0.0; MAX_DIM];
    point[..n].copy_from_slice(&free[..n]);
    let free_all = constraints == Constraints::FREE;
    let eval = |p: &Point| {
        if free_all {
            // Every coordinate free (the common case): θ is the point, no copies.
            return Some(value_and_gradient(p, data, settings.delta));
        }
        let theta = constraints.expand(&p[..n])?;
        let (f, g) = value_and_gradient(&theta, data, settings.delta);
        let reduced = constraints.reduce_gradient(&g);
        let mut out = [0.0; MAX_DIM];
        out[..n].copy_from_slice(&reduced[..n]);
        Some((f, out))
    };
    let scale = data.weight.iter().sum::<f64>() * settings.delta * settings.delta;
    let stop = Stop {
        max_iters: settings.max_iters,
        grad_norm: settings.tol_grad,
        grad_max: settings.grad_max,
        cost_abs: settings.tol_cost * scale,
        cost_rel: settings.cost_rel,
        memory: settings.memory,
    };
    let out = lbfgs::minimise(eval, point, n, &stop)?;
    Some(LocalFit {
        theta: constraints.expand(&out.x[..n])?,
        objective: out.f,
        evaluations: out.evaluations,
    })
}

/// Inserts `fit` into the best-first list `keep` of at most `cap` distinct minima.
pub(crate) fn keep_best(keep: &mut Vec<LocalFit>, fit: LocalFit, cap: usize) {
    // Equal values count as close too: a fixed E = 0 is ln E = −∞ in both.
    let close = |x: &LocalFit| {
        x.theta
            .iter()
            .zip(&fit.theta)
            .all(|(p, q)| p == q || (p - q).abs() <= 1e-3 * (1.0 + p.abs()))
    };
    if let Some(i) = keep.iter().position(close) {
        if fit.objective < keep[i].objective {
            keep[i] = fit;
        } else {
            return;
        }
    } else {
        keep.push(fit);
    }
    crate::sort::sort_by(keep, |x, y| x.objective.total_cmp(&y.objective));
    keep.truncate(cap);
}
