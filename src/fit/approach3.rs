//! Approach 3 of Hoffmann et al. 2022: fit L(N, D) = E + A/N^α + B/D^β by minimising the Huber
//! objective in log space, as a resumable job so a browser can run it in slices.

use crate::law::loss::LossParams;

use super::data::Run;
use super::objective::{LogData, Theta};
use super::optim::{minimise, LbfgsSettings, LocalFit};
use super::varpro::{best_local_minima, fit_cell, Powers, GRID_SIZE};
use super::FitError;

/// How the optimum is searched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The paper's protocol: L-BFGS from each of the 4500 grid starts, keep the best.
    Paper,
    /// Variable projection over an (α, β) grid, then L-BFGS polish from the best few cells.
    Global,
}

impl Method {
    /// The name used by the command line and JSON output.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Method::Paper => "paper",
            Method::Global => "global",
        }
    }

    /// Parses `paper` or `global`.
    pub fn parse(s: &str) -> Result<Self, FitError> {
        match s {
            "paper" => Ok(Method::Paper),
            "global" => Ok(Method::Global),
            other => Err(FitError::InvalidOption(format!(
                "method must be paper or global, not {other:?}"
            ))),
        }
    }
}

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
#[derive(Debug, Clone, PartialEq)]
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

/// Checks that `runs` can identify the five parameters.
pub fn check_runs(runs: &[Run]) -> Result<(), FitError> {
    if runs.len() < MIN_POINTS {
        return Err(FitError::TooFewPoints {
            needed: MIN_POINTS,
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

/// Inserts `fit` into the best-first list `keep` of at most `cap` distinct minima.
pub(crate) fn keep_best(keep: &mut Vec<LocalFit>, fit: LocalFit, cap: usize) {
    let close = |x: &LocalFit| {
        x.theta
            .iter()
            .zip(&fit.theta)
            .all(|(p, q)| (p - q).abs() <= 1e-3 * (1.0 + p.abs()))
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
    keep.sort_by(|x, y| x.objective.total_cmp(&y.objective));
    keep.truncate(cap);
}

enum Stage {
    Paper {
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
    Done,
}

/// A resumable Approach-3 fit. One unit of work is one L-BFGS start (`paper`, `global`
/// polish) or one (α, β) grid cell (`global`).
pub struct Approach3Job {
    data: LogData,
    powers: Option<Powers>,
    method: Method,
    settings: LbfgsSettings,
    stage: Stage,
    best: Vec<LocalFit>,
    done: usize,
    result: Option<Result<Approach3Fit, FitError>>,
}

impl Approach3Job {
    /// A job fitting `runs` with `method` and Huber `delta`; rejects degenerate data up front.
    pub fn new(runs: &[Run], method: Method, delta: f64) -> Result<Self, FitError> {
        if !(delta.is_finite() && delta > 0.0) {
            return Err(FitError::InvalidOption(format!(
                "δ must be a positive number (got {delta})"
            )));
        }
        check_runs(runs)?;
        let data = LogData::from_runs(runs);
        let (stage, powers) = match method {
            Method::Paper => (Stage::Paper { next: 0 }, None),
            Method::Global => (
                Stage::Grid {
                    next: 0,
                    scores: Vec::with_capacity(GRID_SIZE * GRID_SIZE),
                },
                Some(Powers::new(&data)),
            ),
        };
        Ok(Approach3Job {
            data,
            powers,
            method,
            settings: LbfgsSettings::new(delta),
            stage,
            best: Vec::new(),
            done: 0,
            result: None,
        })
    }

    /// Total units of work.
    #[must_use]
    pub fn total(&self) -> usize {
        match self.method {
            Method::Paper => PAPER_STARTS,
            Method::Global => GRID_SIZE * GRID_SIZE + POLISH_STARTS,
        }
    }

    /// Units done so far.
    #[must_use]
    pub fn done(&self) -> usize {
        self.done
    }

    /// Does at most `budget` units of work (at least one); true when finished.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut left = budget.max(1);
        while left > 0 {
            match &mut self.stage {
                Stage::Paper { next } => {
                    let start = paper_start(*next);
                    *next += 1;
                    let finished = *next == PAPER_STARTS;
                    if let Some(fit) = minimise(&self.data, start, &self.settings) {
                        keep_best(&mut self.best, fit, KEEP_CANDIDATES);
                    }
                    if finished {
                        self.stage = Stage::Done;
                    }
                }
                Stage::Grid { next, scores } => {
                    let powers = self.powers.as_ref().expect("global job has powers");
                    let cell = fit_cell(
                        &self.data,
                        powers,
                        *next / GRID_SIZE,
                        *next % GRID_SIZE,
                        self.settings.delta,
                    );
                    scores.push(cell);
                    *next += 1;
                    if *next == GRID_SIZE * GRID_SIZE {
                        let mut starts = best_local_minima(scores, POLISH_STARTS);
                        // Pad with the overall best cells so the work count stays fixed.
                        let mut order: Vec<usize> = (0..scores.len()).collect();
                        order.sort_by(|&i, &j| scores[i].0.total_cmp(&scores[j].0));
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
        })
    }

    /// The result once [`Approach3Job::step`] has returned true.
    #[must_use]
    pub fn result(&self) -> Option<&Result<Approach3Fit, FitError>> {
        self.result.as_ref()
    }

    /// Runs to the end and returns the fit (native use).
    pub fn run_to_end(mut self) -> Result<Approach3Fit, FitError> {
        while !self.step(usize::MAX) {}
        self.result.unwrap_or(Err(FitError::NoSolution))
    }
}

/// Fits `runs` with `method` and Huber `delta`, start to finish.
pub fn fit_approach3(runs: &[Run], method: Method, delta: f64) -> Result<Approach3Fit, FitError> {
    Approach3Job::new(runs, method, delta)?.run_to_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_grid_has_the_papers_4500_points() {
        // Hoffmann et al. 2022, App. D.2: 5 × 5 × 5 × 6 × 6 = 4500 distinct starts.
        let mut seen: Vec<Theta> = (0..PAPER_STARTS).map(paper_start).collect();
        assert_eq!(paper_start(0), [0.0, 0.0, -1.0, 0.0, 0.0]);
        assert_eq!(paper_start(PAPER_STARTS - 1), [25.0, 25.0, 1.0, 2.0, 2.0]);
        seen.sort_by(|x, y| x.partial_cmp(y).unwrap());
        seen.dedup();
        assert_eq!(seen.len(), 4500);
    }

    #[test]
    fn bad_delta_and_tiny_data_are_rejected() {
        let run = |n: f64, l: f64| Run {
            line: 0,
            n_params: n,
            n_tokens: 1e10,
            flops: 6e10 * n,
            loss: l,
            budget: None,
        };
        let runs: Vec<Run> = (0..8)
            .map(|i| run(1e8 * (i + 1) as f64, 3.0 - 0.1 * i as f64))
            .collect();
        assert!(matches!(
            Approach3Job::new(&runs, Method::Global, 0.0),
            Err(FitError::InvalidOption(_))
        ));
        assert!(matches!(
            Approach3Job::new(&runs, Method::Global, f64::NAN),
            Err(FitError::InvalidOption(_))
        ));
        assert_eq!(
            Approach3Job::new(&runs[..3], Method::Global, 1e-3).err(),
            Some(FitError::TooFewPoints { needed: 6, got: 3 })
        );
        assert_eq!(
            Approach3Job::new(&runs, Method::Global, 1e-3).err(),
            Some(FitError::NoSpread("token count"))
        );
        let flat: Vec<Run> = (0..8).map(|i| run(1e8 * (i + 1) as f64, 3.0)).collect();
        assert_eq!(
            Approach3Job::new(&flat, Method::Paper, 1e-3).err(),
            Some(FitError::ConstantLoss)
        );
    }
}
