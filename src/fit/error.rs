//! Why a fit could not produce an answer.

use std::fmt;

use super::approach::Approach;

/// A typed reason a fit or its input was rejected; degenerate data ends here, never in NaN.
#[derive(Debug, Clone, PartialEq)]
pub enum FitError {
    /// The text has no header line (or nothing at all).
    NoHeader,
    /// A column the fit needs was not found; the payload names it and lists the headers seen.
    MissingColumn {
        /// What was looked for, e.g. "loss".
        wanted: &'static str,
        /// The headers present in the file.
        headers: Vec<String>,
    },
    /// Fewer usable rows than the fit needs.
    TooFewPoints {
        /// Rows needed.
        needed: usize,
        /// Rows available.
        got: usize,
    },
    /// Every usable row has the same loss, so there is nothing to fit.
    ConstantLoss,
    /// All rows share one model size or one token count, so an exponent is not identified.
    NoSpread(&'static str),
    /// Approach 2 needs at least two compute budgets with a usable parabola each.
    TooFewBudgets {
        /// Budgets with a usable minimum.
        usable: usize,
    },
    /// Every compute budget has fewer than three distinct model sizes, so no IsoFLOP parabola
    /// can be fitted.
    TooFewSizes {
        /// The most distinct sizes any budget has.
        most: usize,
    },
    /// Two or more budgets, but fewer than two with a usable parabola; each unusable budget's
    /// reason is listed ("1.000e19 FLOPs: the parabola opens downwards: no minimum").
    UnusableBudgets {
        /// Budgets with a usable minimum.
        usable: usize,
        /// Why each other budget is not usable.
        reasons: Vec<String>,
    },
    /// The data does not allow this approach; the reason says why in a user's words.
    Unavailable {
        /// The approach asked for.
        approach: Approach,
        /// Why the data does not allow it.
        reason: String,
    },
    /// An option is out of range (for example δ ≤ 0 or K > 4000).
    InvalidOption(String),
    /// The optimiser found no finite solution from any start.
    NoSolution,
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FitError::NoHeader => write!(f, "no header line: the first line must name the columns (params, tokens or flops, loss)"),
            FitError::MissingColumn { wanted, headers } => write!(
                f,
                "no {wanted} column found (headers: {})",
                headers.join(", ")
            ),
            FitError::TooFewPoints { needed, got } => {
                write!(f, "too few usable rows: {got}, need at least {needed}")
            }
            FitError::ConstantLoss => write!(f, "all losses are equal: there is nothing to fit"),
            FitError::NoSpread(what) => write!(f, "every row has the same {what}: its exponent cannot be fitted"),
            FitError::TooFewBudgets { usable } => write!(
                f,
                "need at least two compute budgets with a usable IsoFLOP parabola, found {usable}"
            ),
            FitError::TooFewSizes { most } => write!(
                f,
                "every compute budget has at most {most} distinct model sizes: an IsoFLOP parabola needs 3"
            ),
            FitError::UnusableBudgets { usable, reasons } => write!(
                f,
                "need at least two compute budgets with a usable IsoFLOP parabola, found {usable} ({})",
                reasons.join("; ")
            ),
            FitError::Unavailable { approach, reason } => {
                write!(f, "{} cannot use these runs: {reason}", approach.title())
            }
            FitError::InvalidOption(msg) => write!(f, "invalid option: {msg}"),
            FitError::NoSolution => write!(f, "the optimiser found no finite solution"),
        }
    }
}

impl std::error::Error for FitError {}
