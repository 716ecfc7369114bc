//! Why a law, a FLOPs count or a hardware conversion could not answer.

use std::fmt;

/// Why a question could not be answered. Never a panic, never a NaN: every bad input and every
/// question a law does not define ends here.
#[derive(Debug, Clone, PartialEq)]
pub enum LawError {
    /// The compute budget is not a finite positive number of FLOPs.
    InvalidFlops(f64),
    /// An input other than the budget is not a finite positive number (or is outside its range).
    InvalidInput {
        /// What the input is, in words (`"parameter count"`, `"MFU"`, …).
        what: &'static str,
        /// The value that was given.
        value: f64,
    },
    /// A law's coefficients do not make a usable law (for example a custom exponent outside (0, 1)).
    InvalidLaw(&'static str),
    /// The law does not predict loss (it is an allocation rule only).
    NoLossModel,
    /// The target loss is at or below what the law can ever reach.
    LossUnreachable {
        /// The loss the law approaches as compute grows without bound.
        floor: f64,
    },
    /// The answer overflowed or underflowed f64.
    OutOfRange,
}

impl fmt::Display for LawError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LawError::InvalidFlops(x) => write!(
                f,
                "the compute budget must be a positive, finite number of FLOPs (got {x})"
            ),
            LawError::InvalidInput { what, value } => {
                write!(f, "the {what} must be a positive, finite number in range (got {value})")
            }
            LawError::InvalidLaw(why) => write!(f, "these coefficients do not make a usable law: {why}"),
            LawError::NoLossModel => write!(f, "not defined by this law: it does not predict loss"),
            LawError::LossUnreachable { floor } => write!(
                f,
                "this law never reaches that loss: it approaches {floor:.4} only as compute grows without bound"
            ),
            LawError::OutOfRange => {
                write!(f, "the result is outside the range of numbers this tool handles")
            }
        }
    }
}

impl std::error::Error for LawError {}

/// `Ok(x)` if `x` is finite and positive, else `InvalidInput`.
pub fn positive(what: &'static str, x: f64) -> Result<f64, LawError> {
    if x.is_finite() && x > 0.0 {
        Ok(x)
    } else {
        Err(LawError::InvalidInput { what, value: x })
    }
}

/// `Ok(c)` if `c` is a usable compute budget (finite, positive FLOPs), else `InvalidFlops`.
pub fn flops(c: f64) -> Result<f64, LawError> {
    if c.is_finite() && c > 0.0 {
        Ok(c)
    } else {
        Err(LawError::InvalidFlops(c))
    }
}

/// `Ok(x)` if a computed result is finite and positive, else `OutOfRange`.
pub fn in_range(x: f64) -> Result<f64, LawError> {
    if x.is_finite() && x > 0.0 {
        Ok(x)
    } else {
        Err(LawError::OutOfRange)
    }
}
