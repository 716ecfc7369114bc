//! The fits as resumable jobs the page slices between frames and shares among its web workers:
//! Approach 3 with its bootstrap ([`fit_job`], which also holds [`fit_job::Sliced`] and the
//! options), any approach with its held-out check ([`approach_job`]), Approaches 1 and 2 with
//! theirs ([`frontier_job`]), Approaches 2 and 3 side by side ([`compare_job`], [`side_by_side`]); the options as
//! typed ([`options`]); how copies of a job share its units ([`shard`]); and one worker's side
//! of it all ([`worker`]).

pub mod approach_job;
pub mod compare_job;
pub mod fit_job;
pub mod frontier_job;
pub mod options;
pub mod shard;
pub mod side_by_side;
pub mod worker;

#[cfg(test)]
mod tests_shard;
