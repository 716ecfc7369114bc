//! Fitting scaling laws to a user's own training runs: CSV/TSV input, Approach 3 (the Huber
//! objective of Hoffmann et al. 2022 with the paper's L-BFGS grid or variable projection),
//! Approaches 1 and 2 (power laws through compute-optimal points), and bootstrap intervals;
//! which approaches a data set allows ([`availability`]), any of them as one resumable
//! [`ApproachJob`] with a held-out check, fixed or tied coefficients ([`Constraints`]) and the
//! parabola's bias under a known law ([`parabola_bias`]).
//!
//! Pure and deterministic given a seed. Expensive work runs as a resumable [`FitJob`]: each
//! [`Sliced::step`] call does a bounded number of units, so the page can slice it between frames.

pub mod approach;
pub mod approach3;
pub mod approaches;
pub mod bias;
pub mod bootstrap;
pub mod columns;
pub mod compare;
pub mod constraints;
pub mod data;
mod error;
pub mod example;
pub mod fastmath;
pub mod frontier_job;
pub mod holdout;
pub mod job;
pub mod lbfgs;
pub mod objective;
#[cfg(all(target_arch = "x86_64", not(target_arch = "wasm32")))]
mod objective_simd;
pub mod optim;
pub mod options;
pub mod powerlaw;
pub mod profiles;
pub(crate) mod resample;
pub mod row_problem;
pub mod shard;
pub mod table;
pub mod unfit;
pub mod varpro;
pub mod worker;

pub use approach::{availability, envelope_availability, Approach, Availability};
pub use approaches::{side_by_side, ApproachFit, ApproachJob, ApproachReport, SideBySide};
pub use bias::{parabola_bias, ParabolaBias};
pub use compare::{compare_caption, compare_rows, CompareJob, CompareRow};
pub use constraints::Constraints;
pub use frontier_job::{FrontierCi, FrontierIntervals, FrontierJob, FrontierReport};
pub use holdout::{HeldOut, Holdout};

pub use approach3::{fit_approach3, Approach3Fit, Approach3Job, Method};
pub use bootstrap::{BootstrapCi, Interval, Intervals, SplitMix64};
pub use data::{parse_envelope, parse_runs, read_envelope, Dataset, EnvelopePoint, Run};
pub use error::{FitError, HoldoutRefusal};
pub use job::{FitJob, FitOptions, FitOutcome, FitReport, Progress, Sliced};
pub use powerlaw::{
    approach1, approach2, envelope_of_runs, Approach2Fit, PowerLaw, PowerLawFrontier, Profile,
};

#[cfg(test)]
mod tests_shard;
