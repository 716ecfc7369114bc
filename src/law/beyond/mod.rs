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
use super::{Input, LawDefect, LawError};
use crate::i18n::{errors, Lang};
use std::fmt;

/// Why an inference-aware or data-constrained allocation could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum BeyondError {
    /// An input is NaN, infinite, or outside its allowed range (`name` says which).
    InvalidInput {
        /// Which input: the budget, the target loss, inference tokens, unique tokens, ….
        name: Input,
        /// The value that was given.
        value: f64,
        /// What the input must be.
        expected: Expected,
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

/// What an input of [`BeyondError::InvalidInput`] must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A positive, finite number.
    Positive,
    /// A finite number, zero or more.
    NonNegative,
    /// A finite number.
    Finite,
}

impl Expected {
    /// In words.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Expected::Positive => errors::expected_positive(lang),
            Expected::NonNegative => errors::expected_non_negative(lang),
            Expected::Finite => errors::expected_finite(lang),
        }
    }
}

impl BeyondError {
    /// The message in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            BeyondError::InvalidInput {
                name,
                value,
                expected,
            } => errors::beyond_invalid_input(lang, &name.name(lang), &expected.text(lang), value),
            // The failures both error types share read the same in both.
            BeyondError::LossUnreachable {
                target,
                irreducible,
            } => errors::beyond_loss_unreachable(lang, target, &format!("{irreducible:.4}")),
            BeyondError::InvalidLaw => LawError::InvalidLaw(LawDefect::LossRequirement).text(lang),
            BeyondError::OutOfRange => LawError::OutOfRange.text(lang),
        }
    }
}

impl fmt::Display for BeyondError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for BeyondError {}

/// `value` if it is finite and > 0.
fn positive(name: Input, value: f64) -> Result<f64, BeyondError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(BeyondError::InvalidInput {
            name,
            value,
            expected: Expected::Positive,
        })
    }
}

/// `value` if it is finite and ≥ 0.
fn non_negative(name: Input, value: f64) -> Result<f64, BeyondError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(BeyondError::InvalidInput {
            name,
            value,
            expected: Expected::NonNegative,
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
