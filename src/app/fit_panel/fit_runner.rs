//! Runs a fit in the fitter's web workers ([`super::workers`]), never on the page's thread:
//! the page sends the request, shows worker 0's progress, passes each worker's units to the
//! others, and shows worker 0's answer. Cancelling, or starting another fit while one runs,
//! stops every worker at once.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::workers::{worker_count, Handler, Pool};
use crate::fit::approaches::holdout::HeldOut;
use crate::fit::jobs::options::FieldError;
use crate::fit::jobs::worker::{Answer, FromWorker, Request};
pub use crate::fit::FitOutcome;
use crate::fit::{ApproachFit, ApproachReport, EnvelopePoint, FitError, FitOptions, Run};
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

/// Where the panel's fit stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RunState {
    /// Nothing run yet.
    #[default]
    Idle,
    /// Working: `done` of `total` units (0 of 0 while the workers start).
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
    /// Finished simulating a sweep planner's designs (as the worker wrote them: the planner
    /// reads them).
    Planned(Arc<Vec<u8>>),
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
    /// The fitter's worker could not start or stopped with an error.
    Worker(String),
}

impl Failure {
    /// The status line in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Failure::Fit(e) => e.text(lang),
            Failure::Options(e) => fit::fix_options_first(lang, &e.text(lang)),
            Failure::NoRuns => fit::paste_first(lang).to_string(),
            Failure::Worker(detail) => fit::worker_failed(lang, detail),
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
            RunState::Done(_)
            | RunState::Swept(_)
            | RunState::Compared(_)
            | RunState::Planned(_) => "done",
            RunState::Failed(_) => "failed",
            RunState::Cancelled => "cancelled",
        }
    }
}

struct Active {
    id: u64,
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
    pool: StoredValue<Option<Pool>, LocalStorage>,
    next_id: StoredValue<u64>,
    /// Where the fit stands, for the view.
    pub state: RwSignal<RunState>,
    /// Workers running (0 when none is), for the view's `data-workers` and its tests.
    pub workers: RwSignal<usize>,
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
            pool: StoredValue::new_local(None),
            next_id: StoredValue::new(0),
            state: RwSignal::new(RunState::Idle),
            workers: RwSignal::new(0),
            held_out: RwSignal::new(None),
        }
    }

    /// Starts fitting `runs` with `options`, replacing any fit in progress; a refused job ends
    /// in [`RunState::Failed`] with the reason.
    pub fn start(self, runs: Vec<Run>, options: FitOptions) {
        let request = Request::Runs {
            runs: runs.clone(),
            options: options.clone(),
        };
        self.launch(&request, runs, None, options);
    }

    /// Fits Approach 1 through envelope points (C, N_opt[, D_opt]).
    pub fn start_envelope(self, points: &[EnvelopePoint], options: FitOptions) {
        let request = Request::Envelope {
            points: points.to_vec(),
            options: options.clone(),
        };
        self.launch(&request, Vec::new(), Some(points.len()), options);
    }

    /// Fits Approaches 2 and 3 to `runs`, one after the other, to show them side by side.
    pub fn compare(self, runs: Vec<Run>, options: FitOptions) {
        let request = Request::Compare {
            runs: runs.clone(),
            options: options.clone(),
        };
        self.launch(&request, runs, None, options);
    }

    /// Simulates the sweep planner's designs (a `PlanRequest` as it encodes itself).
    pub fn plan(self, request: Vec<u8>) {
        self.launch(
            &Request::Plan(request),
            Vec::new(),
            None,
            FitOptions::default(),
        );
    }

    fn launch(self, request: &Request, runs: Vec<Run>, points: Option<usize>, options: FitOptions) {
        self.held_out.set(None);
        if let Err(e) = request.precheck() {
            if self
                .active
                .try_update_value(Option::take)
                .flatten()
                .is_some()
            {
                self.stop_workers();
            }
            self.state.set(RunState::Failed(Failure::Fit(e)));
            return;
        }
        let id = self.next_id.get_value() + 1;
        self.next_id.set_value(id);
        // Workers still on another fit stop at once; idle ones take this one.
        let busy = self.pool.with_value(|p| p.as_ref().is_some_and(Pool::busy));
        if busy {
            self.stop_workers();
        }
        if let Err(e) = self.ensure_workers() {
            self.active.set_value(None);
            self.state.set(RunState::Failed(Failure::Worker(e)));
            return;
        }
        self.active.set_value(Some(Active {
            id,
            runs,
            points,
            options,
            started: now(),
        }));
        self.state.set(RunState::Running { done: 0, total: 0 });
        self.pool.update_value(|p| {
            if let Some(pool) = p {
                pool.start(id, request);
            }
        });
    }

    /// Starts the workers if none are running, so their code loads while the reader pastes or
    /// picks runs (a failure here is said when a fit is started).
    pub fn warm(self) {
        let _ = self.ensure_workers();
    }

    fn ensure_workers(self) -> Result<(), String> {
        if self.pool.with_value(Option::is_some) {
            return Ok(());
        }
        let handler: Handler = Rc::new(move |from, message| self.receive(from, message));
        let pool = Pool::new(worker_count(), &handler)?;
        self.workers.set(pool.len());
        self.pool.set_value(Some(pool));
        Ok(())
    }

    fn stop_workers(self) {
        self.pool.set_value(None);
        self.workers.set(0);
    }

    /// Lets the workers go once nothing runs (the planner's, between simulations): the next
    /// job starts fresh ones.
    pub fn release(self) {
        let idle = self.active.try_with_value(Option::is_none).unwrap_or(true);
        if idle {
            self.stop_workers();
        }
    }

    /// Stops the fit in progress, if any: every worker is terminated.
    pub fn cancel(self) {
        let was_running = self
            .active
            .try_update_value(|a| a.take().is_some())
            .unwrap_or(false);
        if was_running {
            self.stop_workers();
            self.state.set(RunState::Cancelled);
        }
    }

    fn current(self, id: u64) -> bool {
        self.active
            .try_with_value(|a| a.as_ref().is_some_and(|a| a.id == id))
            .unwrap_or(false)
    }

    /// A message or an error from worker `from`.
    fn receive(self, from: usize, message: Result<Vec<u8>, String>) {
        let message = message.and_then(|bytes| FromWorker::decode(&bytes));
        match message {
            Ok(FromWorker::Ready) => self.pool.update_value(|p| {
                if let Some(pool) = p {
                    pool.ready(from);
                }
            }),
            Ok(FromWorker::Progress {
                id,
                done,
                total,
                units,
            }) => {
                self.relay(from, id, units);
                if from == 0 && self.current(id) {
                    self.state.set(RunState::Running { done, total });
                }
            }
            Ok(FromWorker::Finished { id, answer, units }) => {
                self.relay(from, id, units);
                self.pool.update_value(|p| {
                    if let Some(pool) = p {
                        pool.finished(from, id);
                    }
                });
                if from == 0 && self.current(id) {
                    self.finish(*answer);
                }
            }
            Err(e) => {
                // A worker that failed is not used again: the next fit starts fresh ones.
                self.stop_workers();
                if self
                    .active
                    .try_update_value(Option::take)
                    .flatten()
                    .is_some()
                {
                    self.state.set(RunState::Failed(Failure::Worker(e)));
                }
            }
        }
    }

    fn relay(self, from: usize, id: u64, units: Vec<crate::fit::jobs::shard::Unit>) {
        self.pool.update_value(|p| {
            if let Some(pool) = p {
                pool.relay(from, id, units);
            }
        });
    }

    fn finish(self, answer: Result<Answer, FitError>) {
        let Some(Some(active)) = self.active.try_update_value(Option::take) else {
            return;
        };
        let elapsed_ms = now() - active.started;
        let held_out = match &answer {
            Ok(Answer::Approach(report)) => report.held_out.clone(),
            _ => None,
        };
        self.held_out.set(held_out);
        let done = |report| {
            RunState::Done(Arc::new(FitOutcome {
                report,
                runs: active.runs.clone(),
                options: active.options.clone(),
                elapsed_ms,
            }))
        };
        let state = match answer {
            Ok(Answer::Three(report))
            | Ok(Answer::Approach(ApproachReport {
                fit: ApproachFit::Three(report),
                ..
            })) => done(report),
            Ok(Answer::Approach(report)) => RunState::Swept(Arc::new(SweepOutcome {
                report,
                runs: active.points.unwrap_or(active.runs.len()),
                envelope: active.points.is_some(),
                elapsed_ms,
            })),
            Ok(Answer::Planned(cells)) => RunState::Planned(Arc::new(cells)),
            Ok(Answer::Compared(reports)) => RunState::Compared(Arc::new(CompareOutcome {
                reports,
                runs: active.runs.len(),
                resamples: active.options.bootstrap,
                elapsed_ms,
            })),
            Err(e) => RunState::Failed(Failure::Fit(e)),
        };
        self.state.set(state);
    }
}

impl Default for Runner {
    fn default() -> Self {
        Runner::new()
    }
}
