//! Any of the three approaches as one resumable job, its report as a law (coefficient and
//! exponent of N_opt = k·C^a), the held-out check, and the approaches side by side at a budget.

use crate::fit::approaches::approach3::{Approach3Job, Method};
use crate::fit::approaches::availability::{verdict, Approach};
use crate::fit::approaches::bias::{bias_at_budget_under, BiasAtBudget};
use crate::fit::approaches::holdout::{check_frontier, check_law, HeldOut, Holdout};
use crate::fit::jobs::fit_job::{FitJob, FitOptions, FitReport, Progress};
use crate::fit::jobs::frontier_job::{FrontierJob, FrontierReport};
use crate::fit::jobs::shard::Exchange;
use crate::fit::resampling::bootstrap::Interval;

pub use super::side_by_side::{side_by_side, SideBySide};
use crate::fit::numerics::objective::DEFAULT_DELTA;
use crate::fit::runs::{EnvelopePoint, Run};
use crate::fit::FitError;
use crate::law::loss::LossParams;
use crate::law::Frontier;

/// A finished fit of one approach.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ApproachFit {
    /// Approaches 1 and 2: power laws through compute-optimal points.
    Frontier(FrontierReport),
    /// Approach 3: the parametric loss.
    Three(FitReport),
}

/// What an [`ApproachJob`] reports.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ApproachReport {
    /// Which approach.
    pub approach: Approach,
    /// The fit.
    pub fit: ApproachFit,
    /// The budget the intervals of N_opt and D_opt are at, if any.
    pub budget_flops: Option<f64>,
    /// The held-out check, when asked for (its own error does not fail the fit).
    pub held_out: Option<Result<HeldOut, FitError>>,
    /// Approach 2 on runs at a budget: the parabolas' bias there, measured under Approach 3
    /// (`global`) fitted to the same runs ([`crate::fit::bias_at_budget_under`]), and the
    /// estimate corrected for it; its own error does not fail the fit.
    pub parabola_bias: Option<Result<Box<BiasAtBudget>, FitError>>,
}

impl ApproachReport {
    /// (k, a) of N_opt = k·C^a (Approach 3: k = G·6^(−a), from Hoffmann et al. 2022, Eq. 4).
    #[must_use]
    pub fn params_law(&self) -> (f64, f64) {
        match &self.fit {
            ApproachFit::Frontier(f) => (f.frontier.n_opt.coef, f.frontier.n_opt.exponent),
            ApproachFit::Three(r) => {
                let p = r.fit.params;
                let a = p.params_exponent();
                (p.g() * 6f64.powf(-a), a)
            }
        }
    }

    /// The allocation rule as a law's frontier, for "Use this fit": Approaches 1 and 2 as
    /// `ParamsPowerLaw { coef, exponent, flops_unit: 1 }` (D = C/(6N)), Approach 3 as its
    /// closed-form optimum.
    #[must_use]
    pub fn frontier(&self) -> Frontier {
        match &self.fit {
            ApproachFit::Frontier(f) => f.frontier.n_opt.as_frontier(),
            ApproachFit::Three(r) => Frontier::LossOptimal(r.fit.params),
        }
    }

    /// (N_opt, D_opt) at `flops`. Approaches 1 and 2 take D from their own D_opt law (equal to
    /// C/(6N) when the points were C = 6ND).
    #[must_use]
    pub fn optimal(&self, flops: f64) -> (f64, f64) {
        match &self.fit {
            ApproachFit::Frontier(f) => (f.frontier.n_opt.at(flops), f.frontier.d_opt.at(flops)),
            ApproachFit::Three(r) => r.fit.params.optimal(flops),
        }
    }

    /// The interval of a: N_opt ∝ C^a, when there was a bootstrap.
    #[must_use]
    pub fn exponent_interval(&self) -> Option<Interval> {
        match &self.fit {
            ApproachFit::Frontier(f) => f.ci.as_ref().map(|c| c.intervals.params_exponent),
            ApproachFit::Three(r) => r.ci.as_ref().map(|c| c.intervals.params_exponent),
        }
    }

    /// The intervals of N_opt and D_opt at `flops`, when the bootstrap was run at that budget.
    #[must_use]
    pub fn allocation_intervals(&self, flops: f64) -> (Option<Interval>, Option<Interval>) {
        if self.budget_flops != Some(flops) {
            return (None, None);
        }
        match &self.fit {
            ApproachFit::Frontier(f) => {
                f.ci.as_ref()
                    .map_or((None, None), |c| (c.intervals.n_opt, c.intervals.d_opt))
            }
            ApproachFit::Three(r) => {
                r.ci.as_ref()
                    .map_or((None, None), |c| (c.intervals.n_opt, c.intervals.d_opt))
            }
        }
    }
}

enum Inner {
    Three(Box<FitJob>),
    Frontier(Box<FrontierJob>),
}

impl Inner {
    fn new(approach: Approach, runs: &[Run], options: &FitOptions) -> Result<Self, FitError> {
        match approach {
            Approach::Three => {
                let options = FitOptions {
                    approach: Approach::Three,
                    holdout: None,
                    ..options.clone()
                };
                Ok(Inner::Three(Box::new(FitJob::new(runs, &options)?)))
            }
            _ => {
                verdict(runs, approach).map_err(|why| FitError::Unavailable {
                    approach,
                    reason: Box::new(why),
                })?;
                Ok(Inner::Frontier(Box::new(FrontierJob::runs(
                    approach,
                    runs,
                    options.bootstrap,
                    options.seed,
                    options.budget_flops,
                )?)))
            }
        }
    }

    fn total(&self) -> usize {
        match self {
            Inner::Three(j) => j.total(),
            Inner::Frontier(j) => j.total(),
        }
    }

    fn done(&self) -> usize {
        match self {
            Inner::Three(j) => match j.progress() {
                Progress::Running { done, .. } => done,
                Progress::Finished => j.total(),
            },
            Inner::Frontier(j) => j.done(),
        }
    }

    /// Steps at most `budget` units; the fit once finished.
    fn step(
        &mut self,
        budget: usize,
        exchange: &mut Exchange,
    ) -> Option<Result<ApproachFit, FitError>> {
        match self {
            Inner::Three(j) => {
                if j.step_with(budget, exchange) == Progress::Finished {
                    let r = j.result()?.clone();
                    return Some(r.map(ApproachFit::Three));
                }
                None
            }
            Inner::Frontier(j) => j
                .step(budget, exchange)
                .then(|| j.result().map(ApproachFit::Frontier)),
        }
    }
}

/// The held-out part of a job: the split and the refit on what is left.
struct Check {
    holdout: Holdout,
    train: usize,
    held: Vec<Run>,
    job: Inner,
}

/// A resumable fit of any approach, with an optional held-out check after it. A unit of work
/// is one unit of the approach's job (an L-BFGS start, a grid cell or a resample), so `step`
/// returns after a bounded time, as [`super::fit_job::Sliced::step`] does.
pub struct ApproachJob {
    approach: Approach,
    budget_flops: Option<f64>,
    main: Inner,
    fit: Option<ApproachFit>,
    check: Option<Result<Check, FitError>>,
    /// Approach 2 on runs: the Approach-3 fit its bias is measured under, once the fit is done.
    bias: Option<Result<Box<Approach3Job>, FitError>>,
    bias_total: usize,
    bias_law: Option<Result<LossParams, FitError>>,
    total: usize,
    result: Option<Result<ApproachReport, FitError>>,
}

impl ApproachJob {
    /// A job fitting `options.approach` to `runs`. Data the approach cannot use is refused at
    /// once: Approaches 1 and 2 with [`FitError::Unavailable`] and the reason (for example runs
    /// whose compute does not cluster into budgets), Approach 3 as [`FitJob::new`] refuses.
    pub fn new(runs: &[Run], options: &FitOptions) -> Result<Self, FitError> {
        let main = Inner::new(options.approach, runs, options)?;
        let bias = (options.approach == Approach::Two)
            .then(|| Approach3Job::new(runs, Method::Global, DEFAULT_DELTA).map(Box::new));
        let check = options.holdout.map(|holdout| {
            let (train, held) = holdout.split(runs)?;
            let refit = FitOptions {
                bootstrap: 0,
                holdout: None,
                ..options.clone()
            };
            Ok(Check {
                holdout,
                train: train.len(),
                job: Inner::new(options.approach, &train, &refit)?,
                held,
            })
        });
        let mut job = Self::assemble(options, main, check);
        if let Some(Ok(b)) = &bias {
            job.bias_total = b.total();
            job.total += b.total();
        }
        job.bias = bias;
        Ok(job)
    }

    /// Approach 1 through envelope points (C, N_opt[, D_opt]) read by
    /// [`crate::fit::parse_envelope`]; there is no held-out check without runs.
    pub fn envelope(points: &[EnvelopePoint], options: &FitOptions) -> Result<Self, FitError> {
        let main = Inner::Frontier(Box::new(FrontierJob::envelope(
            points,
            options.bootstrap,
            options.seed,
            options.budget_flops,
        )?));
        let check = options.holdout.map(|_| {
            Err(FitError::Holdout(
                crate::fit::HoldoutRefusal::EnvelopePoints,
            ))
        });
        let options = FitOptions {
            approach: Approach::One,
            ..options.clone()
        };
        Ok(Self::assemble(&options, main, check))
    }

    fn assemble(options: &FitOptions, main: Inner, check: Option<Result<Check, FitError>>) -> Self {
        let extra = match &check {
            Some(Ok(c)) => c.job.total(),
            _ => 0,
        };
        ApproachJob {
            approach: options.approach,
            budget_flops: options.budget_flops,
            total: main.total() + extra,
            main,
            fit: None,
            check,
            bias: None,
            bias_total: 0,
            bias_law: None,
            result: None,
        }
    }

    /// Units of work in all.
    #[must_use]
    pub fn total(&self) -> usize {
        self.total
    }

    /// Does at most `budget` units (at least one), sharing the sharded stages with the other
    /// copies in `exchange`, and says where the job stands.
    pub fn step_with(&mut self, budget: usize, exchange: &mut Exchange) -> Progress {
        let mut left = budget.max(1);
        if self.result.is_some() {
            return Progress::Finished;
        }
        if self.fit.is_none() {
            let before = self.main.done();
            match self.main.step(left, exchange) {
                Some(Ok(fit)) => self.fit = Some(fit),
                Some(Err(e)) => {
                    self.result = Some(Err(e));
                    return Progress::Finished;
                }
                None => return self.progress(),
            }
            left = left.saturating_sub(self.main.done() - before).max(1);
        }
        // Approach 2's bias law, after the fit and before the held-out check.
        match self.bias.take() {
            None => {}
            Some(Err(e)) => self.bias_law = Some(Err(e)),
            Some(Ok(mut b)) => {
                let before = b.done();
                if !b.step(left, exchange) {
                    self.bias = Some(Ok(b));
                    return self.progress();
                }
                left = left.saturating_sub(b.done() - before).max(1);
                self.bias_law = Some(match b.result() {
                    Some(Ok(fit)) => Ok(fit.params),
                    Some(Err(e)) => Err(e.clone()),
                    None => Err(FitError::NoSolution),
                });
            }
        }
        let held_out = match self.check.take() {
            None => None,
            Some(Err(e)) => Some(Err(e)),
            Some(Ok(mut c)) => match c.job.step(left, exchange) {
                None => {
                    self.check = Some(Ok(c));
                    return self.progress();
                }
                Some(Err(e)) => Some(Err(e)),
                Some(Ok(ApproachFit::Three(r))) => {
                    Some(Ok(check_law(&r.fit.params, c.holdout, c.train, &c.held)))
                }
                Some(Ok(ApproachFit::Frontier(f))) => {
                    Some(Ok(check_frontier(&f, c.holdout, c.train, &c.held)))
                }
            },
        };
        if let Some(fit) = self.fit.take() {
            let parabola_bias = self.parabola_bias(&fit);
            self.result = Some(Ok(ApproachReport {
                approach: self.approach,
                fit,
                budget_flops: self.budget_flops,
                held_out,
                parabola_bias,
            }));
        }
        self.progress()
    }

    /// Approach 2's bias at the budget under the bias law, once both are known.
    fn parabola_bias(&mut self, fit: &ApproachFit) -> Option<Result<Box<BiasAtBudget>, FitError>> {
        let (ApproachFit::Frontier(f), Some(flops)) = (fit, self.budget_flops) else {
            return None;
        };
        let law = self.bias_law.take()?;
        let design = crate::fit::approaches::profiles::design_of(&f.profiles);
        Some(
            law.and_then(|law| {
                bias_at_budget_under(&law, &design, &f.frontier, flops).map(Box::new)
            }),
        )
    }

    fn progress(&self) -> Progress {
        if self.result.is_some() {
            return Progress::Finished;
        }
        let mut extra = match &self.check {
            Some(Ok(c)) => c.job.done(),
            _ => 0,
        };
        match (&self.bias, &self.bias_law) {
            (Some(Ok(b)), _) => extra += b.done(),
            (None, Some(Ok(_))) => extra += self.bias_total,
            _ => {}
        }
        Progress::Running {
            done: (self.main.done() + extra).min(self.total),
            total: self.total,
        }
    }

    /// The result, once [`super::fit_job::Sliced::step`] has returned [`Progress::Finished`].
    #[must_use]
    pub fn result(&self) -> Option<&Result<ApproachReport, FitError>> {
        self.result.as_ref()
    }

    /// Runs to the end (native use).
    pub fn run_to_end(mut self) -> Result<ApproachReport, FitError> {
        while self.step_with(usize::MAX, &mut Exchange::alone()) != Progress::Finished {}
        self.result.unwrap_or(Err(FitError::NoSolution))
    }
}

impl crate::fit::jobs::fit_job::Sliced for ApproachJob {
    fn step_with(&mut self, budget: usize, exchange: &mut Exchange) -> Progress {
        ApproachJob::step_with(self, budget, exchange)
    }

    fn progress(&self) -> Progress {
        ApproachJob::progress(self)
    }
}
