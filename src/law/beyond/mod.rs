//! Beyond Chinchilla-optimal: allocations that account for inference demand (Sardana et al.
//! 2024) and for a limited supply of unique training data (Muennighoff et al. 2023).
//!
//! Both answers are a few microseconds of arithmetic, cheap enough to recompute on every
//! keystroke. Bad input gives a [`BeyondError`], never a panic or a NaN.

pub mod data_constrained;
pub mod inference;
mod solve;

#[cfg(test)]
mod tests_data_constrained;
#[cfg(test)]
mod tests_inference;

pub use data_constrained::{
    data_constrained_optimal, DataConstrainedAllocation, DataConstrainedLaw, UnconstrainedOptimum,
};
pub use inference::{
    chinchilla_loss_at, equal_loss_chinchilla, inference_optimal, inference_optimal_at_budget,
    InferenceAllocation, LifetimeModel,
};

use super::loss::LossParams;
use super::LawError;
use std::fmt;

/// Why an inference-aware or data-constrained allocation could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum BeyondError {
    /// An input is NaN, infinite, or outside its allowed range (`name` says which).
    InvalidInput {
        /// Which input: "flops", "target loss", "inference tokens", "unique tokens", ….
        name: &'static str,
        /// The value that was given.
        value: f64,
        /// What the input must be, e.g. "a positive, finite number".
        expected: &'static str,
    },
    /// The target loss is at or below the irreducible loss E, which no finite model reaches
    /// (as [`LawError::LossUnreachable`]).
    LossUnreachable {
        /// The loss asked for.
        target: f64,
        /// The law's irreducible loss E.
        irreducible: f64,
    },
    /// The law's coefficients are unusable, as [`LossParams::check`] decides (as
    /// [`LawError::InvalidLaw`]).
    InvalidLaw,
    /// The answer overflowed or underflowed f64 (as [`LawError::OutOfRange`]).
    OutOfRange,
}

impl fmt::Display for BeyondError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BeyondError::InvalidInput {
                name,
                value,
                expected,
            } => write!(f, "the {name} must be {expected} (got {value})"),
            // The failures both error types share read the same in both.
            BeyondError::LossUnreachable {
                target,
                irreducible,
            } => write!(
                f,
                "this law never reaches a loss of {target}: it approaches {irreducible:.4} only as compute grows without bound"
            ),
            BeyondError::InvalidLaw => LawError::InvalidLaw(LossParams::REQUIREMENT).fmt(f),
            BeyondError::OutOfRange => LawError::OutOfRange.fmt(f),
        }
    }
}

impl std::error::Error for BeyondError {}

/// `value` if it is finite and > 0.
fn positive(name: &'static str, value: f64) -> Result<f64, BeyondError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(BeyondError::InvalidInput {
            name,
            value,
            expected: "a positive, finite number",
        })
    }
}

/// `value` if it is finite and ≥ 0.
fn non_negative(name: &'static str, value: f64) -> Result<f64, BeyondError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(BeyondError::InvalidInput {
            name,
            value,
            expected: "a finite number, zero or more",
        })
    }
}

/// `Ok(())` if the Chinchilla-form coefficients can be used ([`LossParams::check`]).
fn check_coefficients(p: &LossParams) -> Result<(), BeyondError> {
    p.check().map_err(|_| BeyondError::InvalidLaw)
}

/// `Ok(x)` if every value is finite and positive, else [`BeyondError::OutOfRange`].
fn in_range<const K: usize>(values: [f64; K]) -> Result<[f64; K], BeyondError> {
    if values.iter().all(|v| v.is_finite() && *v > 0.0) {
        Ok(values)
    } else {
        Err(BeyondError::OutOfRange)
    }
}
