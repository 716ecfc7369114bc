//! The whole Approach-3 fit the page runs: the point fit and, optionally, a bootstrap, as one
//! resumable job that does a bounded amount of work per call.

use crate::fit::approaches::approach3::{Approach3Fit, Approach3Job, Method};
use crate::fit::approaches::availability::Approach;
use crate::fit::approaches::constraints::Constraints;
use crate::fit::approaches::holdout::Holdout;
use crate::fit::jobs::shard::Exchange;
use crate::fit::numerics::objective::{residuals, LogData};
use crate::fit::resampling::bootstrap::{BootstrapCi, BootstrapJob};
use crate::fit::runs::Run;
use crate::fit::FitError;

/// Options for a fit. The default is Approach 3, `global`, δ = 1e-3, no bootstrap, nothing
/// held fixed, no held-out check.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FitOptions {
    /// Search method (default `global`).
    pub method: Method,
    /// Huber δ (default 1e-3, as the paper).
    pub delta: f64,
    /// Bootstrap resamples; 0 for none, at most 4000.
    pub bootstrap: usize,
    /// PRNG seed for the bootstrap.
    pub seed: u64,
    /// Compute budget (FLOPs) at which N_opt and D_opt intervals are reported, if any.
    pub budget_flops: Option<f64>,
    /// Which approach [`crate::fit::ApproachJob`] fits (default 3; [`FitJob`] is Approach 3 only).
    pub approach: Approach,
    /// Approach 3: coefficients held fixed or tied (default none).
    pub constraints: Constraints,
    /// The held-out check [`crate::fit::ApproachJob`] runs after the fit, if any.
    pub holdout: Option<Holdout>,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            method: Method::Global,
            delta: crate::fit::numerics::objective::DEFAULT_DELTA,
            bootstrap: 0,
            seed: 0,
            budget_flops: None,
            approach: Approach::Three,
            constraints: Constraints::FREE,
            holdout: None,
        }
    }
}

/// What a finished fit reports.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FitReport {
    /// The point estimate.
    pub fit: Approach3Fit,
    /// Residuals ln L̂ − ln L per fitted run, in input order (for a residual plot).
    pub residuals: Vec<f64>,
    /// Bootstrap intervals, when asked for.
    pub ci: Option<BootstrapCi>,
}

/// A finished fit and what it was run on: what the page shows and what it keeps in the
/// browser's storage (`saved::panel`).
#[derive(Debug, Clone, PartialEq)]
pub struct FitOutcome {
    /// The fit and, if asked for, its bootstrap intervals.
    pub report: FitReport,
    /// The runs fitted, in the order of `report.residuals`.
    pub runs: Vec<Run>,
    /// The options the fit ran with (its budget is the one the N_opt, D_opt intervals are at).
    pub options: FitOptions,
    /// Wall-clock time from Run to the result, in milliseconds.
    pub elapsed_ms: f64,
}

/// A job that works in bounded steps, so the page can slice it between frames.
pub trait Sliced {
    /// Does at most `budget` units of work, its sharded stages shared with the other copies of
    /// the job in `exchange` ([`Exchange::alone`] without any); where the job stands afterwards.
    fn step_with(&mut self, budget: usize, exchange: &mut Exchange) -> Progress;

    /// Where the job stands, without doing any work.
    fn progress(&self) -> Progress;

    /// [`Sliced::step_with`] for a job that has no other copies.
    fn step(&mut self, budget: usize) -> Progress {
        self.step_with(budget, &mut Exchange::alone())
    }

    /// [`Sliced::step_until_with`] for a job that has no other copies.
    fn step_until(&mut self, should_stop: impl FnMut() -> bool) -> Progress {
        self.step_until_with(&mut Exchange::alone(), should_stop)
    }

    /// Works one unit at a time until the job finishes, `should_stop` returns true (checked
    /// before each unit), e.g. `|| performance.now() > deadline` in the page, or the job must
    /// wait for other copies' units. One unit takes at most a few milliseconds natively (an
    /// L-BFGS start: median 86, at most ~560 objective evaluations on 240 runs).
    fn step_until_with(
        &mut self,
        exchange: &mut Exchange,
        mut should_stop: impl FnMut() -> bool,
    ) -> Progress {
        exchange.resume();
        loop {
            if should_stop() {
                return self.progress();
            }
            if self.step_with(1, exchange) == Progress::Finished {
                return Progress::Finished;
            }
            if exchange.waiting() {
                return self.progress();
            }
        }
    }
}

/// Where a job stands after a call to [`Sliced::step`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Progress {
    /// Still working: `done` of `total` units finished.
    Running {
        /// Units finished.
        done: usize,
        /// Units in all.
        total: usize,
    },
    /// Finished; read [`FitJob::result`].
    Finished,
}

impl Progress {
    /// Fraction done in [0, 1].
    #[must_use]
    pub fn fraction(&self) -> f64 {
        match *self {
            Progress::Running { done, total } if total > 0 => done as f64 / total as f64,
            Progress::Running { .. } => 0.0,
            Progress::Finished => 1.0,
        }
    }
}

/// A resumable fit. A unit of work is one L-BFGS start, one (α, β) grid cell or one bootstrap
/// resample, so `step(budget)` returns after a bounded time and a browser can call it between
/// frames; cancelling is dropping the job.
pub struct FitJob {
    data: LogData,
    options: FitOptions,
    point: Approach3Job,
    boot: Option<BootstrapJob>,
    result: Option<Result<FitReport, FitError>>,
}

impl FitJob {
    /// A job fitting `runs` with `options`; rejects bad options and degenerate data at once.
    /// This is Approach 3's point fit and bootstrap: other approaches and the held-out check
    /// run in [`crate::fit::ApproachJob`], and are refused here.
    pub fn new(runs: &[Run], options: &FitOptions) -> Result<Self, FitError> {
        if options.approach != Approach::Three || options.holdout.is_some() {
            return Err(FitError::InvalidOption(
                "FitJob fits Approach 3 without a held-out check; ApproachJob runs the others"
                    .into(),
            ));
        }
        if options.bootstrap > crate::fit::resampling::bootstrap::MAX_RESAMPLES {
            return Err(FitError::InvalidOption(format!(
                "bootstrap resamples must be at most {} (got {})",
                crate::fit::resampling::bootstrap::MAX_RESAMPLES,
                options.bootstrap
            )));
        }
        if let Some(c) = options.budget_flops {
            if !(c.is_finite() && c > 0.0) {
                return Err(FitError::InvalidOption(format!(
                    "the budget must be a positive number of FLOPs (got {c})"
                )));
            }
        }
        let point = Approach3Job::with_constraints(
            runs,
            options.method,
            options.delta,
            options.constraints,
        )?;
        Ok(FitJob {
            data: LogData::from_runs(runs),
            options: options.clone(),
            point,
            boot: None,
            result: None,
        })
    }

    /// Units of work in all (point fit plus resamples).
    #[must_use]
    pub fn total(&self) -> usize {
        self.point.total() + self.options.bootstrap
    }

    /// Does at most `budget` units of work (at least one), sharing the sharded stages with the
    /// other copies in `exchange`, and says where the job stands.
    pub fn step_with(&mut self, budget: usize, exchange: &mut Exchange) -> Progress {
        let mut left = budget.max(1);
        while left > 0 && self.result.is_none() {
            if self.point.result().is_none() {
                let before = self.point.done();
                self.point.step(left, exchange);
                left = left.saturating_sub(self.point.done() - before);
                if exchange.waiting() {
                    break;
                }
                continue;
            }
            let fit = match self.point.result() {
                Some(Ok(fit)) => fit.clone(),
                Some(Err(e)) => {
                    self.result = Some(Err(e.clone()));
                    break;
                }
                None => unreachable!("checked above"),
            };
            if self.options.bootstrap == 0 {
                self.result = Some(Ok(self.report(fit, None)));
                break;
            }
            if self.boot.is_none() {
                match BootstrapJob::new(
                    self.data.clone(),
                    fit.candidates.clone(),
                    self.options.delta,
                    self.options.bootstrap,
                    self.options.seed,
                    self.options.budget_flops,
                ) {
                    Ok(b) => self.boot = Some(b.with_constraints(self.options.constraints)),
                    Err(e) => {
                        self.result = Some(Err(e));
                        break;
                    }
                }
            }
            let boot = self.boot.as_mut().expect("set above");
            let before = boot.done();
            if boot.step(left, exchange) {
                let ci = boot.intervals();
                self.result = Some(ci.map(|ci| self.report(fit, Some(ci))));
                break;
            }
            left = left.saturating_sub(boot.done() - before);
            if exchange.waiting() {
                break;
            }
        }
        self.progress()
    }

    /// Where the job stands, without doing any work.
    #[must_use]
    pub fn progress(&self) -> Progress {
        if self.result.is_some() {
            Progress::Finished
        } else {
            Progress::Running {
                done: self.point.done() + self.boot.as_ref().map_or(0, BootstrapJob::done),
                total: self.total(),
            }
        }
    }

    fn report(&self, fit: Approach3Fit, ci: Option<BootstrapCi>) -> FitReport {
        FitReport {
            residuals: residuals(&fit.theta, &self.data),
            fit,
            ci,
        }
    }

    /// The result, once [`Sliced::step`] has returned [`Progress::Finished`].
    #[must_use]
    pub fn result(&self) -> Option<&Result<FitReport, FitError>> {
        self.result.as_ref()
    }

    /// Runs to the end (native use).
    pub fn run_to_end(mut self) -> Result<FitReport, FitError> {
        while self.step_with(usize::MAX, &mut Exchange::alone()) != Progress::Finished {}
        self.result.unwrap_or(Err(FitError::NoSolution))
    }
}

impl Sliced for FitJob {
    fn step_with(&mut self, budget: usize, exchange: &mut Exchange) -> Progress {
        FitJob::step_with(self, budget, exchange)
    }

    fn progress(&self) -> Progress {
        FitJob::progress(self)
    }
}
