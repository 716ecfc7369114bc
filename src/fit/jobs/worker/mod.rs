//! The fitter as the page's web workers run it: what the page asks, what a worker answers, and
//! one worker's side of a fit (its copy of the job and its [`Exchange`]), with no browser API
//! in it, so native tests drive it as the page does.
//!
//! Messages cross as postcard bytes: every f64 as its eight bytes, so a fit reaches the page
//! exactly as the worker computed it (infinities included).

use serde::{Deserialize, Serialize};

use crate::fit::design::explore::{Cell, ExploreJob};
use crate::fit::design::SweepDesign;
use crate::fit::jobs::approach_job::{ApproachJob, ApproachReport};
use crate::fit::jobs::compare_job::CompareJob;
use crate::fit::jobs::fit_job::{FitJob, FitOptions, FitReport, Progress, Sliced};
use crate::fit::jobs::shard::{Exchange, Shard, Unit};
use crate::fit::runs::{EnvelopePoint, Run};
use crate::fit::{Approach, FitError};
use crate::law::loss::LossParams;

/// A fit the page asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// `options.approach` on runs, with its held-out check if asked.
    Runs {
        /// The runs.
        runs: Vec<Run>,
        /// The fit's options.
        options: FitOptions,
    },
    /// Approach 1 through envelope points (C, N_opt[, D_opt]).
    Envelope {
        /// The points.
        points: Vec<EnvelopePoint>,
        /// The fit's options.
        options: FitOptions,
    },
    /// Approaches 2 and 3 on the same runs, to be shown side by side.
    Compare {
        /// The runs.
        runs: Vec<Run>,
        /// The fit's options.
        options: FitOptions,
    },
    /// A sweep design's simulations: a [`PlanRequest`] as [`PlanRequest::encode`] writes it.
    /// Bytes, not the type, so that only the planner's part and the worker carry its coding:
    /// the page's message code, shared by every part, stays as it was.
    Plan(Vec<u8>),
}

/// What the sweep planner asks the workers to simulate: every width of `widths` with every
/// number of sizes of `sizes`, the rest as in `design` ([`crate::fit::design::explore`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRequest {
    /// The design; its width and sizes are replaced by each of the grid's.
    pub design: SweepDesign,
    /// The widths tried.
    pub widths: Vec<f64>,
    /// The numbers of sizes tried.
    pub sizes: Vec<usize>,
    /// The prior law the sweeps are drawn from.
    pub law: LossParams,
    /// Relative noise on each loss.
    pub noise: f64,
    /// Simulated sweeps per design.
    pub simulations: usize,
    /// The simulations' seed.
    pub seed: u64,
}

impl Request {
    /// The refusals the page can say at once, before any worker starts: for Approach 3, a δ
    /// that is not positive, contradictory constraints and runs that cannot identify the free
    /// coefficients (too few, equal losses, one size). The workers' jobs make the same checks
    /// first, and the others.
    pub fn precheck(&self) -> Result<(), FitError> {
        let (runs, options) = match self {
            Request::Runs { runs, options } if options.approach == Approach::Three => {
                (runs, options)
            }
            _ => return Ok(()),
        };
        crate::fit::approaches::approach3::check_delta(options.delta)?;
        options.constraints.check()?;
        crate::fit::approaches::approach3::check_runs_for(runs, &options.constraints)
    }
}

/// A finished fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// Approach 3 without a held-out check.
    Three(FitReport),
    /// Any approach, with its held-out check if asked.
    Approach(ApproachReport),
    /// Approach 2's report, then Approach 3's.
    Compared(Vec<ApproachReport>),
    /// Each design of a plan's grid and what its simulations say, as [`encode_cells`] writes
    /// them (bytes, for the reason [`Request::Plan`] gives).
    Planned(Vec<u8>),
}

impl PlanRequest {
    /// The job that simulates it.
    #[must_use]
    pub fn job(&self) -> ExploreJob {
        ExploreJob::new(
            &self.design,
            &self.widths,
            &self.sizes,
            &self.law,
            self.noise,
            self.simulations,
            self.seed,
        )
    }

    /// The request as the bytes [`Request::Plan`] carries.
    #[must_use]
    pub fn encode(&self) -> Vec<u8> {
        encode(self)
    }

    /// A request from those bytes.
    pub fn decode(bytes: &[u8]) -> Result<Self, String> {
        decode(bytes)
    }
}

/// The cells as the bytes [`Answer::Planned`] carries.
#[must_use]
pub fn encode_cells(cells: &[Cell]) -> Vec<u8> {
    encode(&cells)
}

/// The cells from those bytes.
pub fn decode_cells(bytes: &[u8]) -> Result<Vec<Cell>, String> {
    decode(bytes)
}

/// What the page sends a worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Start fit `id` as copy `shard`, dropping any other.
    Start {
        /// The fit's number (messages about other fits are stale).
        id: u64,
        /// Which copy this worker is.
        shard: Shard,
        /// The fit.
        request: Request,
    },
    /// Units other copies of fit `id` computed.
    Units {
        /// The fit's number.
        id: u64,
        /// The units.
        units: Vec<Unit>,
    },
}

/// What a worker sends the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker's code is loaded and it listens.
    Ready,
    /// Fit `id` goes on: where it stands, and the units computed since the last message.
    Progress {
        /// The fit's number.
        id: u64,
        /// Units done (this copy's and those it has received).
        done: usize,
        /// Units in all.
        total: usize,
        /// Units for the other copies.
        units: Vec<Unit>,
    },
    /// Fit `id` ended.
    Finished {
        /// The fit's number.
        id: u64,
        /// The fit, or why there is none (boxed: it is large next to the other messages).
        answer: Box<Result<Answer, FitError>>,
        /// Units for the other copies still to pass on.
        units: Vec<Unit>,
    },
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising plain data to a Vec cannot fail.
    postcard::to_allocvec(value).unwrap_or_default()
}

fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| e.to_string())
}

impl ToWorker {
    /// The message as bytes.
    #[must_use]
    pub fn encode(&self) -> Vec<u8> {
        encode(self)
    }

    /// A message from its bytes.
    pub fn decode(bytes: &[u8]) -> Result<Self, String> {
        decode(bytes)
    }
}

impl FromWorker {
    /// The message as bytes.
    #[must_use]
    pub fn encode(&self) -> Vec<u8> {
        encode(self)
    }

    /// A message from its bytes.
    pub fn decode(bytes: &[u8]) -> Result<Self, String> {
        decode(bytes)
    }
}

/// The job behind a request.
enum AnyJob {
    Three(Box<FitJob>),
    Approach(Box<ApproachJob>),
    Compare(Box<CompareJob>),
    Plan(Box<ExploreJob>),
}

impl AnyJob {
    fn new(request: &Request) -> Result<Self, FitError> {
        Ok(match request {
            // Approach 3 with a held-out check runs as any approach's job; its fit is the same.
            Request::Runs { runs, options }
                if options.approach == Approach::Three && options.holdout.is_none() =>
            {
                AnyJob::Three(Box::new(FitJob::new(runs, options)?))
            }
            Request::Runs { runs, options } => {
                AnyJob::Approach(Box::new(ApproachJob::new(runs, options)?))
            }
            Request::Envelope { points, options } => {
                AnyJob::Approach(Box::new(ApproachJob::envelope(points, options)?))
            }
            Request::Compare { runs, options } => {
                AnyJob::Compare(Box::new(CompareJob::new(runs, options)?))
            }
            Request::Plan(bytes) => {
                let p = PlanRequest::decode(bytes).map_err(FitError::InvalidOption)?;
                AnyJob::Plan(Box::new(p.job()))
            }
        })
    }

    fn job(&mut self) -> &mut dyn SlicedDyn {
        match self {
            AnyJob::Three(j) => j.as_mut(),
            AnyJob::Approach(j) => j.as_mut(),
            AnyJob::Compare(j) => j.as_mut(),
            AnyJob::Plan(j) => j.as_mut(),
        }
    }

    fn answer(&self) -> Result<Answer, FitError> {
        let missing = || Err(FitError::NoSolution);
        match self {
            AnyJob::Three(j) => j
                .result()
                .map_or_else(missing, |r| r.clone().map(Answer::Three)),
            AnyJob::Approach(j) => j
                .result()
                .map_or_else(missing, |r| r.clone().map(Answer::Approach)),
            AnyJob::Compare(j) => j
                .result()
                .map_or_else(missing, |r| r.clone().map(Answer::Compared)),
            AnyJob::Plan(j) => j
                .cells()
                .map_or_else(missing, |c| Ok(Answer::Planned(encode_cells(&c)))),
        }
    }
}

/// [`Sliced`] as an object (its `step_until_with` is generic).
trait SlicedDyn {
    fn step_until_dyn(
        &mut self,
        exchange: &mut Exchange,
        should_stop: &mut dyn FnMut() -> bool,
    ) -> Progress;
}

impl<J: Sliced> SlicedDyn for J {
    fn step_until_dyn(
        &mut self,
        exchange: &mut Exchange,
        should_stop: &mut dyn FnMut() -> bool,
    ) -> Progress {
        self.step_until_with(exchange, should_stop)
    }
}

/// One worker's copy of a fit.
pub struct WorkerFit {
    id: u64,
    job: AnyJob,
    exchange: Exchange,
}

impl WorkerFit {
    /// Copy `shard` of fit `id`; a request the fit layer refuses ends at once, as the
    /// [`FromWorker::Finished`] message to send.
    pub fn start(id: u64, shard: Shard, request: &Request) -> Result<Self, FromWorker> {
        match AnyJob::new(request) {
            Ok(job) => Ok(WorkerFit {
                id,
                job,
                exchange: Exchange::new(shard),
            }),
            Err(e) => Err(FromWorker::Finished {
                id,
                answer: Box::new(Err(e)),
                units: Vec::new(),
            }),
        }
    }

    /// The fit's number.
    #[must_use]
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Takes units the other copies computed.
    pub fn deliver(&mut self, units: Vec<Unit>) {
        self.exchange.deliver(units);
    }

    /// True when the fit can go no further until other copies' units arrive.
    #[must_use]
    pub fn waiting(&self) -> bool {
        self.exchange.waiting()
    }

    /// Works until `should_stop` says so (checked between units), the fit ends or it waits
    /// for other copies; the message to send the page.
    pub fn slice(&mut self, mut should_stop: impl FnMut() -> bool) -> FromWorker {
        let progress = self
            .job
            .job()
            .step_until_dyn(&mut self.exchange, &mut should_stop);
        let units = self.exchange.take_outbox();
        match progress {
            Progress::Running { done, total } => FromWorker::Progress {
                id: self.id,
                done,
                total,
                units,
            },
            Progress::Finished => FromWorker::Finished {
                id: self.id,
                answer: Box::new(self.job.answer()),
                units,
            },
        }
    }
}

#[cfg(test)]
mod tests;
