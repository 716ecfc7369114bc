//! The fit options as a user types them: each field's text read into its value, or the message
//! that says which field is wrong and what it accepts.

use super::bootstrap::MAX_RESAMPLES;
use super::FitError;

/// How the optimum is searched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Huber δ as typed: a positive number.
pub fn parse_delta(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(d) if d.is_finite() && d > 0.0 => Ok(d),
        _ => Err(format!(
            "δ must be a positive number such as 1e-3 (got {:?})",
            text.trim()
        )),
    }
}

/// A whole number in `0..=max` as typed; `what` names the field in the message.
pub fn parse_whole(text: &str, max: u64, what: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(k) if k <= max => Ok(k),
        _ => Err(format!(
            "{what} must be a whole number from 0 to {max} (got {:?})",
            text.trim()
        )),
    }
}

/// How many highest-loss runs to leave out (at most 10 000).
pub fn parse_drop(text: &str) -> Result<usize, String> {
    parse_whole(text, 10_000, "the number of runs left out").map(|k| k as usize)
}

/// Bootstrap resamples K (at most [`MAX_RESAMPLES`]).
pub fn parse_resamples(text: &str) -> Result<usize, String> {
    parse_whole(text, MAX_RESAMPLES as u64, "K").map(|k| k as usize)
}

/// The bootstrap's seed.
pub fn parse_seed(text: &str) -> Result<u64, String> {
    parse_whole(text, u64::MAX, "the seed")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each field accepts what its hint says and names itself and the accepted range otherwise.
    #[test]
    fn fields_accept_their_range_and_say_what_is_wrong() {
        assert_eq!(parse_delta(" 1e-3 "), Ok(1e-3));
        for bad in ["0", "-1", "abc", "inf", "NaN", ""] {
            assert!(parse_delta(bad).unwrap_err().contains("positive"), "{bad}");
        }
        assert_eq!(parse_resamples("4000"), Ok(4000));
        let msg = parse_resamples("4001").unwrap_err();
        assert!(
            msg.starts_with("K must be a whole number from 0 to 4000"),
            "{msg}"
        );
        assert_eq!(parse_drop("5"), Ok(5));
        assert!(parse_drop("2.5").unwrap_err().contains("runs left out"));
        assert_eq!(parse_seed("18446744073709551615"), Ok(u64::MAX));
        assert!(parse_seed("-1").is_err());
    }
}
