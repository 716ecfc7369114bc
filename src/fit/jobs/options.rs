//! The fit options as a user types them: each field's text read into its value, or the message
//! that says which field is wrong and what it accepts.

use crate::fit::approaches::constraints::Constraints;
use crate::fit::resampling::bootstrap::MAX_RESAMPLES;
use crate::fit::runs::{parse_choice, Quantity};
use crate::fit::FitError;
use crate::i18n::{fit_errors as cat, Lang};
use std::fmt;

/// How the optimum is searched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Method {
    /// The paper's protocol: L-BFGS from each of the 4500 grid starts, keep the best.
    Paper,
    /// Variable projection over an (α, β) grid, then L-BFGS polish from the best few cells.
    Global,
}

impl Method {
    /// The name used by the command line and JSON output.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Method::Paper => "paper",
            Method::Global => "global",
        }
    }

    /// Parses `paper` or `global`.
    pub fn parse(s: &str) -> Result<Self, FitError> {
        match s {
            "paper" => Ok(Method::Paper),
            "global" => Ok(Method::Global),
            other => Err(FitError::InvalidOption(format!(
                "method must be paper or global, not {other:?}"
            ))),
        }
    }
}

/// Why a fit option's text is not usable; [`FieldError::text`] says it in the page's language
/// and names the field and what it accepts (`Display`: English).
#[derive(Debug, Clone, PartialEq)]
pub enum FieldError {
    /// Huber δ is not a positive number (the text as typed).
    Delta(String),
    /// A whole-number field is out of `0..=max`.
    Whole {
        /// Which field.
        what: WholeField,
        /// The largest accepted value.
        max: u64,
        /// The text as typed.
        typed: String,
    },
    /// A fixed α or β (`name`) is not a positive number.
    FixedExponent {
        /// "α" or "β".
        name: &'static str,
        /// The text as typed.
        typed: String,
    },
    /// A fixed E is not a number ≥ 0 (the text as typed).
    FixedE(String),
    /// α = β tied with α and β fixed to different values.
    Tie {
        /// The fixed α.
        alpha: f64,
        /// The fixed β.
        beta: f64,
    },
    /// A part of the columns field that is not `quantity=header` (the part as typed).
    Columns(String),
}

/// The whole-number fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WholeField {
    /// How many highest-loss runs to leave out.
    Drop,
    /// Bootstrap resamples K.
    Resamples,
    /// The bootstrap's seed.
    Seed,
}

impl FieldError {
    /// The message in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            FieldError::Delta(typed) => cat::bad_delta(lang, &format!("{typed:?}")),
            FieldError::Whole { what, max, typed } => {
                let name = match what {
                    WholeField::Drop => cat::whole_drop(lang),
                    WholeField::Resamples => cat::whole_resamples(lang),
                    WholeField::Seed => cat::whole_seed(lang),
                };
                cat::bad_whole(lang, &name, max, &format!("{typed:?}"))
            }
            FieldError::FixedExponent { name, typed } => {
                cat::bad_fixed_exponent(lang, name, &format!("{typed:?}"))
            }
            FieldError::FixedE(typed) => cat::bad_fixed_e(lang, &format!("{typed:?}")),
            FieldError::Tie { alpha, beta } => cat::bad_tie(lang, alpha, beta),
            FieldError::Columns(part) => cat::bad_columns(lang, &format!("{part:?}")),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for FieldError {}

/// The columns chosen by header, as typed: `flops=compute_budget, loss=validation_loss`
/// (empty: every column found by its header).
pub fn parse_columns(text: &str) -> Result<Vec<(Quantity, String)>, FieldError> {
    parse_choice(text).map_err(FieldError::Columns)
}

/// Huber δ as typed: a positive number.
pub fn parse_delta(text: &str) -> Result<f64, FieldError> {
    match text.trim().parse::<f64>() {
        Ok(d) if d.is_finite() && d > 0.0 => Ok(d),
        _ => Err(FieldError::Delta(text.trim().to_string())),
    }
}

/// A whole number in `0..=max` as typed; `what` names the field in the message.
pub fn parse_whole(text: &str, max: u64, what: WholeField) -> Result<u64, FieldError> {
    match text.trim().parse::<u64>() {
        Ok(k) if k <= max => Ok(k),
        _ => Err(FieldError::Whole {
            what,
            max,
            typed: text.trim().to_string(),
        }),
    }
}

/// How many highest-loss runs to leave out (at most 10 000).
pub fn parse_drop(text: &str) -> Result<usize, FieldError> {
    parse_whole(text, 10_000, WholeField::Drop).map(|k| k as usize)
}

/// Bootstrap resamples K (at most [`MAX_RESAMPLES`]).
pub fn parse_resamples(text: &str) -> Result<usize, FieldError> {
    parse_whole(text, MAX_RESAMPLES as u64, WholeField::Resamples).map(|k| k as usize)
}

/// The bootstrap's seed.
pub fn parse_seed(text: &str) -> Result<u64, FieldError> {
    parse_whole(text, u64::MAX, WholeField::Seed)
}

/// A fixed exponent (`name` is α or β) as typed: empty to fit it, else a positive number.
pub fn parse_fixed_exponent(text: &str, name: &'static str) -> Result<Option<f64>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(Some(x)),
        _ => Err(FieldError::FixedExponent {
            name,
            typed: t.to_string(),
        }),
    }
}

/// A fixed E as typed: empty to fit it, else a number ≥ 0 (0: no irreducible term).
pub fn parse_fixed_e(text: &str) -> Result<Option<f64>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
        _ => Err(FieldError::FixedE(t.to_string())),
    }
}

/// The fixed or tied coefficients of Approach 3 as typed (α, β and E fields, the tie box),
/// or the message of the first field that is wrong.
pub fn parse_constraints(
    alpha: &str,
    beta: &str,
    e: &str,
    tie: bool,
) -> Result<Constraints, FieldError> {
    let c = Constraints {
        alpha: parse_fixed_exponent(alpha, "α")?,
        beta: parse_fixed_exponent(beta, "β")?,
        e: parse_fixed_e(e)?,
        tie,
    };
    match (tie, c.alpha, c.beta) {
        (true, Some(a), Some(b)) if a != b => Err(FieldError::Tie { alpha: a, beta: b }),
        _ => Ok(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each field accepts what its hint says and names itself and the accepted range otherwise.
    #[test]
    fn fields_accept_their_range_and_say_what_is_wrong() {
        assert_eq!(parse_delta(" 1e-3 "), Ok(1e-3));
        for bad in ["0", "-1", "abc", "inf", "NaN", ""] {
            assert!(
                parse_delta(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("positive"),
                "{bad}"
            );
        }
        assert_eq!(parse_resamples("4000"), Ok(4000));
        let msg = parse_resamples("4001").unwrap_err().to_string();
        assert!(
            msg.starts_with("K must be a whole number from 0 to 4000"),
            "{msg}"
        );
        assert_eq!(parse_drop("5"), Ok(5));
        assert!(parse_drop("2.5")
            .unwrap_err()
            .to_string()
            .contains("runs left out"));
        assert_eq!(parse_seed("18446744073709551615"), Ok(u64::MAX));
        assert!(parse_seed("-1").is_err());
    }

    /// Fixed coefficients: empty fits them; α and β positive, E ≥ 0; each message names its
    /// field and what it accepts; a tie of two different fixed exponents is refused.
    #[test]
    fn fixed_coefficients_accept_their_range_and_say_what_is_wrong() {
        assert_eq!(parse_constraints("", " ", "", false), Ok(Constraints::FREE));
        let c = parse_constraints("0.34", "", "0", true).unwrap();
        assert_eq!(
            (c.alpha, c.beta, c.e, c.tie),
            (Some(0.34), None, Some(0.0), true)
        );
        assert!(c.check().is_ok());
        for bad in ["0", "-0.3", "abc", "inf", "NaN", "1e999"] {
            let msg = parse_constraints(bad, "", "", false)
                .unwrap_err()
                .to_string();
            assert!(
                msg.starts_with("a fixed α must be a positive number"),
                "{bad}: {msg}"
            );
            let msg = parse_constraints("", bad, "", false)
                .unwrap_err()
                .to_string();
            assert!(msg.starts_with("a fixed β must be"), "{bad}: {msg}");
        }
        for bad in ["-1", "abc", "NaN", "inf"] {
            let msg = parse_constraints("", "", bad, false)
                .unwrap_err()
                .to_string();
            assert!(
                msg.starts_with("a fixed E must be a number ≥ 0"),
                "{bad}: {msg}"
            );
        }
        let msg = parse_constraints("0.3", "0.4", "", true)
            .unwrap_err()
            .to_string();
        assert!(msg.starts_with("α = β cannot hold"), "{msg}");
        // Equal fixed exponents may be tied; whatever is accepted passes the fit layer's check.
        assert!(parse_constraints("0.3", "0.3", "", true)
            .unwrap()
            .check()
            .is_ok());
    }
}
