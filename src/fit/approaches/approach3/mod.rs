//! Approach 3 of Hoffmann et al. 2022: fit L(N, D) = E + A/N^α + B/D^β by minimising the Huber
//! objective in log space, as a resumable job so a browser can run it in slices.

use crate::law::loss::LossParams;

use crate::fit::approaches::constraints::Constraints;
use crate::fit::jobs::shard::{Exchange, Sharded};
use crate::fit::numerics::objective::{LogData, Theta};
use crate::fit::numerics::optim::{keep_best, minimise, LbfgsSettings, LocalFit};
use crate::fit::numerics::varpro::{best_local_minima_in, fit_cell_with, Grid, Powers};
use crate::fit::runs::Run;
use crate::fit::FitError;

pub use crate::fit::jobs::options::Method;

/// The minimum number of runs Approach 3 accepts (five parameters plus one).
pub const MIN_POINTS: usize = 6;
/// Grid cells the `global` method polishes from.
const POLISH_STARTS: usize = 6;
/// Distinct local minima kept as warm starts for bootstrap refits.
const KEEP_CANDIDATES: usize = 3;

/// The paper's 4500 starts: α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}
/// (Hoffmann et al. 2022, App. D.2). Returned as `[a, b, e, α, β]`, index `k` of 4500.
#[must_use]
pub fn paper_start(k: usize) -> Theta {
    let (k, ib) = (k / 6, k % 6);
    let (k, ia) = (k / 6, k % 6);
    let (k, ie) = (k / 5, k % 5);
    let (k, ibeta) = (k / 5, k % 5);
    let ialpha = k % 5;
    [
        5.0 * ia as f64,
        5.0 * ib as f64,
        -1.0 + 0.5 * ie as f64,
        0.5 * ialpha as f64,
        0.5 * ibeta as f64,
    ]
}

/// Number of starts in the paper's grid.
pub const PAPER_STARTS: usize = 4500;

/// A finished Approach-3 fit.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Approach3Fit {
    /// The fitted law.
    pub params: LossParams,
    /// The optimum as `[ln A, ln B, ln E, α, β]`.
    pub theta: Theta,
    /// Objective value Σ Huber_δ at the optimum.
    pub objective: f64,
    /// Runs fitted.
    pub n_points: usize,
    /// Method used.
    pub method: Method,
    /// The best distinct local minima found (best first), used to warm-start bootstrap refits.
    pub candidates: Vec<Theta>,
    /// The coefficients that were held fixed or tied.
    pub constraints: Constraints,
}

/// The law for parameters `[a, b, e, α, β]`.
#[must_use]
pub fn params_of(theta: &Theta) -> LossParams {
    LossParams {
        a: libm::exp(theta[0]),
        b: libm::exp(theta[1]),
        e: libm::exp(theta[2]),
        alpha: theta[3],
        beta: theta[4],
    }
}

/// Checks that the Huber δ is a positive number.
pub fn check_delta(delta: f64) -> Result<(), FitError> {
    if delta.is_finite() && delta > 0.0 {
        Ok(())
    } else {
        Err(FitError::InvalidOption(format!(
            "δ must be a positive number (got {delta})"
        )))
    }
}

/// Checks that `runs` can identify the five parameters.
pub fn check_runs(runs: &[Run]) -> Result<(), FitError> {
    check_runs_for(runs, &Constraints::FREE)
}

/// Checks that `runs` can identify the coefficients `constraints` leave free: one run more
/// than there are free coefficients, and some spread in loss, N and D.
pub fn check_runs_for(runs: &[Run], constraints: &Constraints) -> Result<(), FitError> {
    let needed = (constraints.free_count() + 1).min(MIN_POINTS);
    if runs.len() < needed {
        return Err(FitError::TooFewPoints {
            needed,
            got: runs.len(),
        });
    }
    let same = |f: fn(&Run) -> f64| runs.iter().all(|r| f(r) == f(&runs[0]));
    if same(|r| r.loss) {
        return Err(FitError::ConstantLoss);
    }
    if same(|r| r.n_params) {
        return Err(FitError::NoSpread("model size"));
    }
    if same(|r| r.n_tokens) {
        return Err(FitError::NoSpread("token count"));
    }
    Ok(())
}

enum Stage {
    Paper {
        starts: Vec<Theta>,
        next: usize,
    },
    Grid {
        next: usize,
        scores: Vec<(f64, Theta)>,
    },
    Polish {
        starts: Vec<Theta>,
        next: usize,
    },
    /// The paper protocol's best screened minima, run again to the tight rule.
    PaperPolish {
        starts: Vec<Theta>,
        next: usize,
    },
    Done,
}

/// A resumable Approach-3 fit. One unit of work is one L-BFGS start (`paper`, `global`
/// polish) or one (α, β) grid cell (`global`).
pub struct Approach3Job {
    data: LogData,
    powers: Option<Powers>,
    grid: Grid,
    total: usize,
    method: Method,
    settings: LbfgsSettings,
    stage: Stage,
    best: Vec<LocalFit>,
    done: usize,
    evaluations: usize,
    /// The paper protocol's screening, when copies of this job share it.
    sharded: Option<Sharded>,
    result: Option<Result<Approach3Fit, FitError>>,
}

impl Approach3Job {
    /// A job fitting `runs` with `method` and Huber `delta`; rejects degenerate data up front.
    pub fn new(runs: &[Run], method: Method, delta: f64) -> Result<Self, FitError> {
        Self::with_constraints(runs, method, delta, Constraints::FREE)
    }

    /// [`Approach3Job::new`] holding the coefficients `constraints` fix or tie. The `paper`
    /// method starts from the paper's grid projected onto the constraints (duplicates once);
    /// `global` searches the free exponents only ([`Grid::for_constraints`]).
    pub fn with_constraints(
        runs: &[Run],
        method: Method,
        delta: f64,
        constraints: Constraints,
    ) -> Result<Self, FitError> {
        check_delta(delta)?;
        constraints.check()?;
        check_runs_for(runs, &constraints)?;
        let data = LogData::from_runs(runs);
        let grid = Grid::for_constraints(&constraints);
        let (stage, powers, total) = match method {
            Method::Paper => {
                let mut seen = std::collections::HashSet::new();
                let mut starts: Vec<Theta> = Vec::with_capacity(PAPER_STARTS);
                for k in 0..PAPER_STARTS {
                    let start = constraints.project(&paper_start(k));
                    if seen.insert(start.map(f64::to_bits)) {
                        starts.push(start);
                    }
                }
                // Each start stops where scipy's would; the best minima are then polished.
                let total = starts.len() + KEEP_CANDIDATES;
                (Stage::Paper { starts, next: 0 }, None, total)
            }
            Method::Global => (
                Stage::Grid {
                    next: 0,
                    scores: Vec::with_capacity(grid.cells()),
                },
                Some(Powers::for_grid(&data, &grid)),
                grid.cells() + POLISH_STARTS,
            ),
        };
        Ok(Approach3Job {
            data,
            powers,
            grid,
            total,
            method,
            settings: LbfgsSettings::new(delta).with_constraints(constraints),
            stage,
            best: Vec::new(),
            done: 0,
            evaluations: 0,
            sharded: None,
            result: None,
        })
    }

    /// Total units of work.
    #[must_use]
    pub fn total(&self) -> usize {
        self.total
    }

    /// Units done so far.
    #[must_use]
    pub fn done(&self) -> usize {
        self.done
    }

    /// Does at most `budget` units of work (at least one), the paper protocol's screening
    /// shared with the other copies in `exchange`; true when finished.
    pub fn step(&mut self, budget: usize, exchange: &mut Exchange) -> bool {
        let mut left = budget.max(1);
        while left > 0 {
            match &mut self.stage {
                Stage::Paper { starts, .. } if self.sharded.is_some() => {
                    let len = starts.len();
                    let sharded = self.sharded.as_mut().expect("checked");
                    sharded.gather(exchange);
                    self.done = sharded.present();
                    if let Some(i) = sharded.next_own() {
                        let fit = minimise(&self.data, starts[i], &self.settings.screening());
                        sharded.put(i, fit.as_ref().map(encode_local), exchange);
                        self.done = sharded.present();
                        left -= 1;
                    } else if let Some(all) = sharded.take_all(exchange) {
                        self.sharded = None;
                        for fit in all.iter().filter_map(|v| decode_local(v.as_deref()?)) {
                            self.evaluations += fit.evaluations;
                            keep_best(&mut self.best, fit, KEEP_CANDIDATES);
                        }
                        self.done = len;
                        self.stage = self.polish_candidates();
                    } else {
                        break;
                    }
                    continue;
                }
                Stage::Paper { starts, next } => {
                    // Shared with the other copies of this job, if there are any.
                    if *next == 0 {
                        self.sharded = Sharded::begin(starts.len(), exchange);
                        if self.sharded.is_some() {
                            continue;
                        }
                    }
                    let start = starts[*next];
                    *next += 1;
                    let finished = *next == starts.len();
                    if let Some(fit) = minimise(&self.data, start, &self.settings.screening()) {
                        self.evaluations += fit.evaluations;
                        keep_best(&mut self.best, fit, KEEP_CANDIDATES);
                    }
                    if finished {
                        self.stage = self.polish_candidates();
                    }
                }
                Stage::PaperPolish { starts, next } => {
                    if let Some(&start) = starts.get(*next) {
                        if let Some(fit) = minimise(&self.data, start, &self.settings) {
                            self.evaluations += fit.evaluations;
                            keep_best(&mut self.best, fit, KEEP_CANDIDATES);
                        }
                    }
                    *next += 1;
                    if *next >= KEEP_CANDIDATES {
                        self.stage = Stage::Done;
                    }
                }
                Stage::Grid { next, scores } => {
                    let powers = self.powers.as_ref().expect("global job has powers");
                    let (ia, ib) = self.grid.cell(*next);
                    let cell = fit_cell_with(
                        &self.data,
                        powers,
                        ia,
                        ib,
                        self.settings.delta,
                        self.settings.constraints.e,
                    );
                    scores.push(cell);
                    *next += 1;
                    if *next == self.grid.cells() {
                        let mut starts =
                            best_local_minima_in(scores, self.grid.shape(), POLISH_STARTS);
                        // Pad with the overall best cells so the work count stays fixed.
                        let mut order: Vec<usize> = (0..scores.len()).collect();
                        crate::sort::sort_by(&mut order, |&i, &j| {
                            scores[i].0.total_cmp(&scores[j].0)
                        });
                        for &i in &order {
                            if starts.len() >= POLISH_STARTS {
                                break;
                            }
                            if !starts.contains(&scores[i].1) {
                                starts.push(scores[i].1);
                            }
                        }
                        self.stage = Stage::Polish { starts, next: 0 };
                    }
                }
                Stage::Polish { starts, next } => {
                    if let Some(&start) = starts.get(*next) {
                        if let Some(fit) = minimise(&self.data, start, &self.settings) {
                            keep_best(&mut self.best, fit, KEEP_CANDIDATES);
                        }
                    }
                    *next += 1;
                    if *next >= POLISH_STARTS {
                        self.stage = Stage::Done;
                    }
                }
                Stage::Done => break,
            }
            self.done += 1;
            left -= 1;
        }
        if matches!(self.stage, Stage::Done) && self.result.is_none() {
            self.result = Some(self.finish());
        }
        self.result.is_some()
    }

    /// The stage that polishes the screened candidates (a fixed count of units: missing ones
    /// are no-ops).
    fn polish_candidates(&self) -> Stage {
        Stage::PaperPolish {
            starts: self.best.iter().map(|f| f.theta).collect(),
            next: 0,
        }
    }

    fn finish(&self) -> Result<Approach3Fit, FitError> {
        let best = self.best.first().ok_or(FitError::NoSolution)?;
        let params = params_of(&best.theta);
        let finite = [params.a, params.b, params.e, params.alpha, params.beta];
        if finite.iter().any(|x| !x.is_finite()) || !best.objective.is_finite() {
            return Err(FitError::NoSolution);
        }
        Ok(Approach3Fit {
            params,
            theta: best.theta,
            objective: best.objective,
            n_points: self.data.len(),
            method: self.method,
            candidates: self.best.iter().map(|f| f.theta).collect(),
            constraints: self.settings.constraints,
        })
    }

    /// The result once [`Approach3Job::step`] has returned true.
    #[must_use]
    pub fn result(&self) -> Option<&Result<Approach3Fit, FitError>> {
        self.result.as_ref()
    }

    /// Runs to the end and returns the fit (native use: the paper protocol's starts are split
    /// across the machine's cores, with the same answer as one thread, bit for bit).
    pub fn run_to_end(mut self) -> Result<Approach3Fit, FitError> {
        self.run_all();
        self.result.unwrap_or(Err(FitError::NoSolution))
    }

    /// Does all the remaining work ([`Self::run_to_end`] without giving the job up).
    pub fn run_all(&mut self) {
        #[cfg(not(target_arch = "wasm32"))]
        self.screen_in_parallel();
        while !self.step(usize::MAX, &mut Exchange::alone()) {}
    }

    /// Objective evaluations (each with its gradient) so far, in the L-BFGS runs.
    #[must_use]
    pub fn evaluations(&self) -> usize {
        self.evaluations
    }

    /// The paper protocol from `starts` instead of the paper's grid (the benchmarks run every
    /// k-th start, as their scipy baseline does).
    pub fn paper_from(runs: &[Run], starts: Vec<Theta>, delta: f64) -> Result<Self, FitError> {
        let mut job = Self::new(runs, Method::Paper, delta)?;
        job.total = starts.len() + KEEP_CANDIDATES;
        job.stage = Stage::Paper { starts, next: 0 };
        Ok(job)
    }
}

/// Fits `runs` with `method` and Huber `delta`, start to finish.
pub fn fit_approach3(runs: &[Run], method: Method, delta: f64) -> Result<Approach3Fit, FitError> {
    Approach3Job::new(runs, method, delta)?.run_to_end()
}

mod screening;
use screening::{decode_local, encode_local};

#[cfg(test)]
mod tests;
