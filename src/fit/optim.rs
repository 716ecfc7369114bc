//! L-BFGS (argmin, More–Thuente line search) on the Approach-3 objective.

use std::cell::RefCell;

use argmin::core::{CostFunction, Error, Executor, Gradient, State};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;

use super::constraints::Constraints;
use super::objective::{value_and_gradient, LogData, Theta};

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
            memory: 10,
            constraints: Constraints::FREE,
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

/// The objective as argmin sees it; it also remembers the best point it evaluated, so a line
/// search that gives up near the optimum (rounding) still yields that optimum.
///
/// The line search asks for the cost and then the gradient at the same point; one pass computes
/// both and the last one is cached.
struct Problem<'a> {
    data: &'a LogData,
    delta: f64,
    constraints: Constraints,
    best: &'a RefCell<Option<LocalFit>>,
    last: &'a RefCell<Option<(Theta, f64, Theta)>>,
    evaluations: &'a RefCell<usize>,
}

impl Problem<'_> {
    fn record(&self, theta: &Theta, f: f64) {
        if !f.is_finite() {
            return;
        }
        let mut best = self.best.borrow_mut();
        if best.is_none_or(|b| f < b.objective) {
            *best = Some(LocalFit {
                theta: *theta,
                objective: f,
                evaluations: 0,
            });
        }
    }

    fn evaluate(&self, p: &[f64]) -> Result<(f64, Theta), Error> {
        let theta = self.as_theta(p)?;
        if let Some((t, f, g)) = *self.last.borrow() {
            if t == theta {
                return Ok((f, g));
            }
        }
        let (f, g) = value_and_gradient(&theta, self.data, self.delta);
        *self.evaluations.borrow_mut() += 1;
        if !f.is_finite() || g.iter().any(|x| !x.is_finite()) {
            return Err(Error::msg("non-finite objective"));
        }
        self.record(&theta, f);
        *self.last.borrow_mut() = Some((theta, f, g));
        Ok((f, g))
    }
}

impl Problem<'_> {
    /// θ from the optimiser's free coordinates.
    fn as_theta(&self, p: &[f64]) -> Result<Theta, Error> {
        if p.iter().any(|x| !x.is_finite()) {
            return Err(Error::msg("non-finite parameters"));
        }
        self.constraints
            .expand(p)
            .ok_or_else(|| Error::msg("wrong number of parameters"))
    }
}

impl CostFunction for Problem<'_> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, p: &Self::Param) -> Result<f64, Error> {
        self.evaluate(p).map(|(f, _)| f)
    }
}

impl Gradient for Problem<'_> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;

    fn gradient(&self, p: &Self::Param) -> Result<Vec<f64>, Error> {
        self.evaluate(p)
            .map(|(_, g)| self.constraints.reduce_gradient(&g))
    }
}

/// Minimises the objective from `start` with L-BFGS, over the coordinates that
/// `settings.constraints` leave free (`start` is projected onto the constraints first). Returns
/// `None` only when no finite point was ever evaluated.
#[must_use]
pub fn minimise(data: &LogData, start: Theta, settings: &LbfgsSettings) -> Option<LocalFit> {
    let best = RefCell::new(None);
    let last = RefCell::new(None);
    let evaluations = RefCell::new(0);
    let constraints = settings.constraints;
    let problem = Problem {
        data,
        delta: settings.delta,
        constraints,
        best: &best,
        last: &last,
        evaluations: &evaluations,
    };
    let scale = data.weight.iter().sum::<f64>() * settings.delta * settings.delta;
    let linesearch = MoreThuenteLineSearch::new();
    let solver = match LBFGS::new(linesearch, settings.memory)
        .with_tolerance_grad(settings.tol_grad)
        .and_then(|s| s.with_tolerance_cost(settings.tol_cost * scale))
    {
        Ok(s) => s,
        Err(_) => return None,
    };
    let run = Executor::new(problem, solver)
        .configure(|state| {
            state
                .param(constraints.reduce(&start))
                .max_iters(settings.max_iters)
        })
        .timer(false)
        .run();
    // The best point ever evaluated is at least as good as the solver's reported best; an error
    // (a line search that cannot make progress) keeps what was reached.
    let reported = run.ok().and_then(|r| {
        let state = r.state();
        let p = state.get_best_param()?;
        if p.iter().any(|x| !x.is_finite()) {
            return None;
        }
        let theta = constraints.expand(p)?;
        Some(LocalFit {
            theta,
            objective: state.get_best_cost(),
            evaluations: 0,
        })
    });
    let recorded = best.into_inner();
    let evaluations = evaluations.into_inner();
    match (reported, recorded) {
        (Some(a), Some(b)) => Some(if b.objective < a.objective { b } else { a }),
        (a, b) => a.or(b),
    }
    .map(|fit| LocalFit { evaluations, ..fit })
}
