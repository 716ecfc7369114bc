//! Why a row of the pasted or uploaded runs is not used, typed so the page says it in its
//! language and the command line in English (`Display`).

use std::fmt;

use crate::i18n::{fit_errors as cat, Lang};

/// The reason one data row was left unused.
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    /// The CSV reader could not read the line (its message).
    Unreadable(String),
    /// An opening quote has no closing one.
    UnclosedQuote,
    /// The row has no field in a needed column.
    Missing {
        /// The quantity ("params", "loss"…).
        name: &'static str,
        /// 1-based column.
        column: usize,
    },
    /// The field is empty.
    Empty(&'static str),
    /// The field is not a number.
    NotANumber {
        /// The quantity.
        name: &'static str,
        /// The field as written.
        raw: String,
    },
    /// The number is zero, negative or not finite.
    NotPositive {
        /// The quantity.
        name: &'static str,
        /// The field as written.
        raw: String,
    },
    /// Neither tokens nor FLOPs.
    NoTokensOrFlops,
    /// Tokens or FLOPs derived out of range.
    OutOfRange,
}

impl RowProblem {
    /// The reason in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            RowProblem::Unreadable(why) => cat::row_unreadable(lang, why),
            RowProblem::UnclosedQuote => cat::row_unclosed_quote(lang).to_string(),
            RowProblem::Missing { name, column } => cat::row_missing(lang, name, column),
            RowProblem::Empty(name) => cat::row_empty(lang, name),
            RowProblem::NotANumber { name, raw } => {
                cat::row_not_a_number(lang, name, &format!("{raw:?}"))
            }
            RowProblem::NotPositive { name, raw } => cat::row_not_positive(lang, name, raw),
            RowProblem::NoTokensOrFlops => cat::row_no_tokens_or_flops(lang).to_string(),
            RowProblem::OutOfRange => cat::row_out_of_range(lang).to_string(),
        }
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}
