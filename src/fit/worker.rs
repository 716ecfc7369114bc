//! The fitter as the page's web workers run it: what the page asks, what a worker answers, and
//! one worker's side of a fit (its copy of the job and its [`Exchange`]), with no browser API
//! in it, so native tests drive it as the page does.
//!
//! Messages cross as postcard bytes: every f64 as its eight bytes, so a fit reaches the page
//! exactly as the worker computed it (infinities included).

use serde::{Deserialize, Serialize};

use super::approaches::{ApproachJob, ApproachReport};
use super::compare::CompareJob;
use super::data::{EnvelopePoint, Run};
use super::job::{FitJob, FitOptions, FitReport, Progress, Sliced};
use super::shard::{Exchange, Shard, Unit};
use super::{Approach, FitError};

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
        })
    }

    fn job(&mut self) -> &mut dyn SlicedDyn {
        match self {
            AnyJob::Three(j) => j.as_mut(),
            AnyJob::Approach(j) => j.as_mut(),
            AnyJob::Compare(j) => j.as_mut(),
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
        }
    }
}

/// [`Sliced`] as an object (its `step_until` is generic).
trait SlicedDyn {
    fn step_until_dyn(&mut self, should_stop: &mut dyn FnMut() -> bool) -> Progress;
}

impl<J: Sliced> SlicedDyn for J {
    fn step_until_dyn(&mut self, should_stop: &mut dyn FnMut() -> bool) -> Progress {
        self.step_until(should_stop)
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
        let job = &mut self.job;
        let progress = self
            .exchange
            .run(|| job.job().step_until_dyn(&mut should_stop));
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
mod tests {
    use super::*;
    use crate::fit::example::{example_csv, noise_free_sweep};
    use crate::fit::{parse_runs, Holdout, Method};

    /// Drives `count` workers as the page does: each slice's units go to every other worker;
    /// returns worker 0's answer and the progress it reported.
    fn page(count: u32, request: &Request) -> (Result<Answer, FitError>, Vec<usize>) {
        let mut workers: Vec<Option<WorkerFit>> = (0..count)
            .map(|index| WorkerFit::start(9, Shard { index, count }, request).ok())
            .collect();
        let mut answer = None;
        let mut seen = Vec::new();
        while workers.iter().any(Option::is_some) {
            for i in 0..workers.len() {
                let Some(w) = workers[i].as_mut() else {
                    continue;
                };
                let mut calls = 0;
                // The message crosses as bytes, as between threads of the browser.
                let sent = w.slice(|| {
                    calls += 1;
                    calls > 40
                });
                let message = FromWorker::decode(&sent.encode()).expect("decodes");
                let units = match message {
                    FromWorker::Progress { done, units, .. } => {
                        if i == 0 {
                            seen.push(done);
                        }
                        units
                    }
                    FromWorker::Finished {
                        answer: a, units, ..
                    } => {
                        if i == 0 {
                            answer = Some(*a);
                        }
                        workers[i] = None;
                        units
                    }
                    FromWorker::Ready => Vec::new(),
                };
                let relay = ToWorker::Units { id: 9, units }.encode();
                for (j, other) in workers.iter_mut().enumerate() {
                    if let (true, Some(o)) = (j != i, other.as_mut()) {
                        let Ok(ToWorker::Units { units, .. }) = ToWorker::decode(&relay) else {
                            panic!("units decode");
                        };
                        o.deliver(units);
                    }
                }
            }
        }
        (answer.expect("worker 0 finished"), seen)
    }

    #[test]
    fn two_and_three_workers_answer_what_one_does_bit_for_bit() {
        let runs = parse_runs(&example_csv(2)).unwrap().runs;
        let requests = [
            Request::Runs {
                runs: runs.clone(),
                options: FitOptions {
                    method: Method::Paper,
                    bootstrap: 8,
                    budget_flops: Some(3e21),
                    ..FitOptions::default()
                },
            },
            Request::Runs {
                runs,
                options: FitOptions {
                    bootstrap: 5,
                    holdout: Some(Holdout::Fraction(0.25)),
                    ..FitOptions::default()
                },
            },
            Request::Compare {
                runs: noise_free_sweep(),
                options: FitOptions {
                    bootstrap: 4,
                    ..FitOptions::default()
                },
            },
        ];
        for request in &requests {
            let (one, progress) = page(1, request);
            assert!(one.is_ok(), "{one:?}");
            assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
            for count in [2, 3] {
                let (many, _) = page(count, request);
                assert_eq!(format!("{many:?}"), format!("{one:?}"), "{count} workers");
            }
        }
    }

    #[test]
    fn a_refused_request_finishes_at_once_with_the_reason() {
        let request = Request::Runs {
            runs: Vec::new(),
            options: FitOptions::default(),
        };
        let Err(message) = WorkerFit::start(4, Shard::default(), &request) else {
            panic!("no runs must be refused");
        };
        let back = FromWorker::decode(&message.encode()).unwrap();
        assert_eq!(
            back,
            FromWorker::Finished {
                id: 4,
                answer: Box::new(Err(FitError::TooFewPoints { needed: 6, got: 0 })),
                units: Vec::new(),
            }
        );
    }

    #[test]
    fn every_error_and_an_infinite_coefficient_cross_unchanged() {
        let errors = [
            FitError::NoSpread("model size"),
            FitError::MissingColumn {
                wanted: "tokens (D) or FLOPs (C)",
                headers: vec!["a".into()],
            },
            FitError::InvalidOption("δ".into()),
            FitError::NoSolution,
        ];
        for e in errors {
            let m = FromWorker::Finished {
                id: 1,
                answer: Box::new(Err(e)),
                units: vec![Unit {
                    stage: 0,
                    index: 3,
                    value: Some(vec![f64::NEG_INFINITY, -0.0, 1e-308]),
                }],
            };
            assert_eq!(FromWorker::decode(&m.encode()), Ok(m.clone()));
            let FromWorker::Finished { units, .. } = FromWorker::decode(&m.encode()).unwrap()
            else {
                unreachable!()
            };
            let v = units[0].value.as_ref().unwrap();
            assert_eq!(v[1].to_bits(), (-0.0f64).to_bits());
        }
        assert!(FromWorker::decode(&[200, 1, 2]).is_err());
    }
}
