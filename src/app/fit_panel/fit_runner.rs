//! Runs a [`FitJob`] (Approach 3) or an [`ApproachJob`] (Approaches 1 and 2) on the main thread without freezing the page: the job works in slices of
//! about [`SLICE_MS`] milliseconds, each its own task scheduled with `setTimeout(0)`, so input,
//! painting and the progress bar get the event loop between slices. Cancelling drops the job.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::fit::holdout::HeldOut;
use crate::fit::options::FieldError;
pub use crate::fit::FitOutcome;
use crate::fit::Sliced;
use crate::fit::{
    Approach, ApproachFit, ApproachJob, ApproachReport, CompareJob, EnvelopePoint, FitError,
    FitJob, FitOptions, Progress, Run,
};
use crate::i18n::{fit, Lang};

/// A finished Approach-1 or Approach-2 fit and what it was run on.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepOutcome {
    /// The fit, its power laws and (Approach 2) its profiles.
    pub report: ApproachReport,
    /// How many runs (or envelope points) were fitted.
    pub runs: usize,
    /// Whether they were envelope points (C, N_opt) rather than runs.
    pub envelope: bool,
    /// Wall-clock time from Run to the result, in milliseconds.
    pub elapsed_ms: f64,
}

/// Approaches 2 and 3 fitted to the same runs, to be shown side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareOutcome {
    /// Approach 2's report, then Approach 3's.
    pub reports: Vec<ApproachReport>,
    /// How many runs were fitted.
    pub runs: usize,
    /// Bootstrap resamples asked for (each approach).
    pub resamples: usize,
    /// Wall-clock time from Compare to the result, in milliseconds.
    pub elapsed_ms: f64,
}

/// The job being run: Approach 3's own job (whose result the browser keeps), any approach's,
/// or Approaches 2 and 3 one after the other.
enum Job {
    Three(Box<FitJob>),
    Sweep(Box<ApproachJob>),
    Compare(Box<CompareJob>),
}

impl Job {
    fn new(runs: &[Run], options: &FitOptions) -> Result<Self, FitError> {
        // Approach 3 with a held-out check runs as any approach's job; its fit is the same.
        if options.approach == Approach::Three && options.holdout.is_none() {
            FitJob::new(runs, options).map(|j| Job::Three(Box::new(j)))
        } else {
            ApproachJob::new(runs, options).map(|j| Job::Sweep(Box::new(j)))
        }
    }

    fn total(&self) -> usize {
        match self {
            Job::Three(j) => j.total(),
            Job::Sweep(j) => j.total(),
            Job::Compare(j) => j.total(),
        }
    }

    fn step_until(&mut self, should_stop: impl FnMut() -> bool) -> Progress {
        match self {
            Job::Three(j) => j.step_until(should_stop),
            Job::Sweep(j) => j.step_until(should_stop),
            Job::Compare(j) => j.step_until(should_stop),
        }
    }
}

/// Work per slice, in milliseconds. One unit of work (an L-BFGS start or a bootstrap refit)
/// can overrun the deadline by its own length, a few milliseconds in the browser, so slices stay
/// well below the 50 ms that counts as a long task.
pub const SLICE_MS: f64 = 10.0;

/// Where the panel's fit stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RunState {
    /// Nothing run yet.
    #[default]
    Idle,
    /// Working: `done` of `total` units.
    Running {
        /// Units finished.
        done: usize,
        /// Units in all.
        total: usize,
    },
    /// Finished with a result.
    Done(Arc<FitOutcome>),
    /// Finished with an Approach-1 or -2 result.
    Swept(Arc<SweepOutcome>),
    /// Finished comparing Approaches 2 and 3.
    Compared(Arc<CompareOutcome>),
    /// The data or options were rejected, or the fit found no solution.
    Failed(Failure),
    /// Cancelled by the user.
    Cancelled,
}

/// Why a fit did not finish, said in the page's language by [`Failure::text`].
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The data or the fit was rejected.
    Fit(FitError),
    /// An option's field is not usable.
    Options(FieldError),
    /// No runs were pasted or uploaded.
    NoRuns,
    /// The job ended without a result.
    Stopped,
}

impl Failure {
    /// The status line in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Failure::Fit(e) => e.text(lang),
            Failure::Options(e) => fit::fix_options_first(lang, &e.text(lang)),
            Failure::NoRuns => fit::paste_first(lang).to_string(),
            Failure::Stopped => fit::stopped(lang).to_string(),
        }
    }
}

impl RunState {
    /// The `data-state` spelling the page and its tests read.
    #[must_use]
    pub fn id(&self) -> &'static str {
        match self {
            RunState::Idle => "idle",
            RunState::Running { .. } => "running",
            RunState::Done(_) | RunState::Swept(_) | RunState::Compared(_) => "done",
            RunState::Failed(_) => "failed",
            RunState::Cancelled => "cancelled",
        }
    }
}

/// Timing of the slices of the current (or last) run, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SliceStats {
    /// Slices run.
    pub count: u32,
    /// Longest slice.
    pub max_ms: f64,
    /// Time spent in slices altogether (the rest of the run's wall time the page had).
    pub busy_ms: f64,
}

struct Active {
    id: u64,
    job: Job,
    runs: Vec<Run>,
    /// Envelope points fitted instead of runs, if so.
    points: Option<usize>,
    options: FitOptions,
    started: f64,
}

/// Drives one fit at a time; `Copy`, so event handlers can hold it.
#[derive(Clone, Copy)]
pub struct Runner {
    active: StoredValue<Option<Active>, LocalStorage>,
    next_id: StoredValue<u64>,
    /// Where the fit stands, for the view.
    pub state: RwSignal<RunState>,
    /// Slice timings of the current run, for the view's `data-` attributes and the benchmarks.
    pub slices: RwSignal<SliceStats>,
    /// The last finished run's held-out check, as sentences, when one was asked for.
    pub held_out: RwSignal<Option<Result<HeldOut, FitError>>>,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl Runner {
    /// An idle runner owned by the current reactive scope (dropping the scope stops it).
    #[must_use]
    pub fn new() -> Self {
        Runner {
            active: StoredValue::new_local(None),
            next_id: StoredValue::new(0),
            state: RwSignal::new(RunState::Idle),
            slices: RwSignal::new(SliceStats::default()),
            held_out: RwSignal::new(None),
        }
    }

    /// Starts fitting `runs` with `options`, replacing any fit in progress; a rejected job ends
    /// at once in [`RunState::Failed`] with the reason.
    pub fn start(self, runs: Vec<Run>, options: FitOptions) {
        let job = Job::new(&runs, &options);
        self.launch(job, runs, options);
    }

    /// Fits Approach 1 through envelope points (C, N_opt[, D_opt]).
    pub fn start_envelope(self, points: &[EnvelopePoint], options: FitOptions) {
        let job = ApproachJob::envelope(points, &options).map(|j| Job::Sweep(Box::new(j)));
        self.launch_with(job, Vec::new(), Some(points.len()), options);
    }

    /// Fits Approaches 2 and 3 to `runs`, one after the other, to show them side by side.
    pub fn compare(self, runs: Vec<Run>, options: FitOptions) {
        let job = CompareJob::new(&runs, &options).map(|j| Job::Compare(Box::new(j)));
        self.launch(job, runs, options);
    }

    fn launch(self, job: Result<Job, FitError>, runs: Vec<Run>, options: FitOptions) {
        self.launch_with(job, runs, None, options);
    }

    fn launch_with(
        self,
        job: Result<Job, FitError>,
        runs: Vec<Run>,
        points: Option<usize>,
        options: FitOptions,
    ) {
        self.held_out.set(None);
        let job = match job {
            Ok(job) => job,
            Err(e) => {
                self.active.set_value(None);
                self.state.set(RunState::Failed(Failure::Fit(e.clone())));
                return;
            }
        };
        let id = self.next_id.get_value() + 1;
        self.next_id.set_value(id);
        self.state.set(RunState::Running {
            done: 0,
            total: job.total(),
        });
        self.slices.set(SliceStats::default());
        self.active.set_value(Some(Active {
            id,
            job,
            runs,
            points,
            options,
            started: now(),
        }));
        self.schedule(id);
    }

    /// Stops the fit in progress, if any, and drops its work.
    pub fn cancel(self) {
        let was_running = self
            .active
            .try_update_value(|a| a.take().is_some())
            .unwrap_or(false);
        if was_running {
            self.state.set(RunState::Cancelled);
        }
    }

    fn schedule(self, id: u64) {
        set_timeout(move || self.slice(id), Duration::ZERO);
    }

    /// One slice: work until the deadline, then publish progress and yield.
    fn slice(self, id: u64) {
        let begin = now();
        let deadline = begin + SLICE_MS;
        let Some(Some(progress)) = self.active.try_update_value(|a| match a {
            Some(active) if active.id == id => Some(active.job.step_until(|| now() > deadline)),
            // Cancelled or replaced: this chain of slices ends here.
            _ => None,
        }) else {
            return;
        };
        let spent = now() - begin;
        self.slices.update(|s| {
            s.count += 1;
            s.max_ms = s.max_ms.max(spent);
            s.busy_ms += spent;
        });
        match progress {
            Progress::Running { done, total } => {
                self.state.set(RunState::Running { done, total });
                self.schedule(id);
            }
            Progress::Finished => self.finish(),
        }
    }

    fn finish(self) {
        let Some(Some(active)) = self.active.try_update_value(Option::take) else {
            return;
        };
        let elapsed_ms = now() - active.started;
        let held_out = match &active.job {
            Job::Sweep(job) => match job.result() {
                Some(Ok(report)) => report.held_out.clone(),
                _ => None,
            },
            Job::Three(_) | Job::Compare(_) => None,
        };
        self.held_out.set(held_out);
        let stopped = || RunState::Failed(Failure::Stopped);
        let state = match &active.job {
            Job::Three(job) => match job.result() {
                Some(Ok(report)) => RunState::Done(Arc::new(FitOutcome {
                    report: report.clone(),
                    runs: active.runs,
                    options: active.options,
                    elapsed_ms,
                })),
                Some(Err(e)) => RunState::Failed(Failure::Fit(e.clone())),
                None => stopped(),
            },
            Job::Sweep(job) => match job.result() {
                Some(Ok(ApproachReport {
                    fit: ApproachFit::Three(report),
                    ..
                })) => RunState::Done(Arc::new(FitOutcome {
                    report: report.clone(),
                    runs: active.runs,
                    options: active.options,
                    elapsed_ms,
                })),
                Some(Ok(report)) => RunState::Swept(Arc::new(SweepOutcome {
                    report: report.clone(),
                    runs: active.points.unwrap_or(active.runs.len()),
                    envelope: active.points.is_some(),
                    elapsed_ms,
                })),
                Some(Err(e)) => RunState::Failed(Failure::Fit(e.clone())),
                None => stopped(),
            },
            Job::Compare(job) => match job.result() {
                Some(Ok(reports)) => RunState::Compared(Arc::new(CompareOutcome {
                    reports: reports.clone(),
                    runs: active.runs.len(),
                    resamples: active.options.bootstrap,
                    elapsed_ms,
                })),
                Some(Err(e)) => RunState::Failed(Failure::Fit(e.clone())),
                None => stopped(),
            },
        };
        self.state.set(state);
    }
}

impl Default for Runner {
    fn default() -> Self {
        Runner::new()
    }
}
