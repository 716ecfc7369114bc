//! Fitting scaling laws to a user's own training runs: CSV/TSV input, Approach 3 (the Huber
//! objective of Hoffmann et al. 2022 with the paper's L-BFGS grid or variable projection),
//! Approaches 1 and 2 (power laws through compute-optimal points), and bootstrap intervals;
//! which approaches a data set allows ([`availability`]), any of them as one resumable
//! [`ApproachJob`] with a held-out check, fixed or tied coefficients ([`Constraints`]) and the
//! parabola's bias under a known law ([`parabola_bias`]).
//!
//! Pure and deterministic given a seed. Expensive work runs as a resumable [`FitJob`]: each
//! [`Sliced::step`] call does a bounded number of units, so the page can slice it between frames.

pub mod approaches;
pub mod design;
mod error;
pub mod jobs;
pub mod numerics;
pub mod resampling;
pub mod runs;

pub use approaches::availability::{availability, envelope_availability, Approach, Availability};
pub use approaches::bias::{
    bias_at_budget, bias_at_budget_under, parabola_bias, BiasAtBudget, ParabolaBias,
};
pub use approaches::constraints::Constraints;
pub use approaches::holdout::{HeldOut, Holdout};
pub use jobs::approach_job::{side_by_side, ApproachFit, ApproachJob, ApproachReport, SideBySide};
pub use jobs::compare_job::CompareJob;
pub use jobs::frontier_job::{FrontierCi, FrontierIntervals, FrontierJob, FrontierReport};

pub use approaches::approach3::{fit_approach3, Approach3Fit, Approach3Job, Method};
pub use approaches::powerlaw::{
    approach1, approach2, envelope_of_runs, Approach2Fit, PowerLaw, PowerLawFrontier, Profile,
};
pub use error::{FitError, HoldoutRefusal};
pub use jobs::fit_job::{FitJob, FitOptions, FitOutcome, FitReport, Progress, Sliced};
pub use resampling::bootstrap::{BootstrapCi, Interval, Intervals, SplitMix64};
pub use runs::{
    parse_envelope, parse_runs, parse_runs_with, read_envelope, Dataset, EnvelopePoint, Run,
};
