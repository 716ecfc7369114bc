//! The page's field parsers: each reads a field's text into `Some(value)`, or `None` for an
//! optional field left empty, or says why not.

use super::super::limits::{self, Limits};
use super::ParseError;

/// A field's parser.
pub type Parser = fn(&str) -> Result<Option<f64>, ParseError>;

/// `x` if within `limits`, else [`ParseError::Outside`].
pub fn within(x: f64, limits: Limits) -> Result<f64, ParseError> {
    if limits.contains(x) {
        Ok(x)
    } else {
        Err(ParseError::Outside(limits))
    }
}

/// Empty means "not set"; anything else goes to `parse`.
fn optional(
    t: &str,
    parse: fn(&str) -> Result<Option<f64>, ParseError>,
) -> Result<Option<f64>, ParseError> {
    if t.trim().is_empty() {
        Ok(None)
    } else {
        parse(t)
    }
}

fn count_in(t: &str, limits: Limits) -> Result<Option<f64>, ParseError> {
    super::parse_count(t)
        .map_err(|e| e.0)
        .and_then(|x| within(x, limits))
        .map(Some)
}

fn positive_in(t: &str, limits: Limits) -> Result<Option<f64>, ParseError> {
    super::parse_positive(t)
        .and_then(|x| within(x, limits))
        .map(Some)
}

/// A budget in FLOPs ([`super::parse_flops`]), within [`limits::FLOPS`].
pub fn flops(t: &str) -> Result<Option<f64>, ParseError> {
    super::parse_flops(t)
        .and_then(|x| within(x, limits::FLOPS))
        .map(Some)
}
/// A parameter count, within [`limits::PARAMS`].
pub fn params(t: &str) -> Result<Option<f64>, ParseError> {
    count_in(t, limits::PARAMS)
}
/// A training token count, within [`limits::TOKENS`].
pub fn tokens(t: &str) -> Result<Option<f64>, ParseError> {
    count_in(t, limits::TOKENS)
}
/// A vocabulary size, within [`limits::VOCAB`].
pub fn vocab(t: &str) -> Result<Option<f64>, ParseError> {
    count_in(t, limits::VOCAB)
}
/// An aspect ratio, within [`limits::ASPECT`].
pub fn aspect(t: &str) -> Result<Option<f64>, ParseError> {
    positive_in(t, limits::ASPECT)
}
/// A compute multiplier, within [`limits::MULTIPLIER`].
pub fn multiplier(t: &str) -> Result<Option<f64>, ParseError> {
    positive_in(t, limits::MULTIPLIER)
}
/// A target loss, within [`limits::LOSS`].
pub fn loss(t: &str) -> Result<Option<f64>, ParseError> {
    positive_in(t, limits::LOSS)
}
/// Wall-clock days, within [`limits::DAYS`].
pub fn days(t: &str) -> Result<Option<f64>, ParseError> {
    positive_in(t, limits::DAYS)
}
/// A fraction in (0, 1], `0.4` or `40%`.
pub fn fraction(t: &str) -> Result<Option<f64>, ParseError> {
    super::parse_fraction(t).map(Some)
}
/// A number of devices, within [`limits::DEVICES`].
pub fn devices(t: &str) -> Result<Option<f64>, ParseError> {
    super::parse_whole(t)
        .and_then(|n| within(n as f64, limits::DEVICES))
        .map(Some)
}
/// A parameter count within [`limits::PARAMS`], or empty for "not set".
pub fn optional_params(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, params)
}
/// A token count within [`limits::TOKENS`], or empty for "not set".
pub fn optional_tokens(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, tokens)
}
/// A context (sequence length), a whole number within [`limits::CONTEXT`], or empty for "the
/// model shape's".
pub fn context(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, |t| {
        super::parse_whole(t)
            .and_then(|n| within(n as f64, limits::CONTEXT))
            .map(Some)
    })
}
/// Warm-up steps, a whole number within [`limits::WARMUP`] (0: none), or empty for the default.
pub fn warmup(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, |t| {
        let n = if t.trim().parse::<u64>() == Ok(0) {
            0
        } else {
            super::parse_whole(t)?
        };
        within(n as f64, limits::WARMUP).map(Some)
    })
}
/// Unique tokens available, within [`limits::UNIQUE_TOKENS`], or empty for "unlimited".
pub fn unique_tokens(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, |t| count_in(t, limits::UNIQUE_TOKENS))
}
/// Lifetime inference tokens, within [`limits::INFERENCE_TOKENS`], or empty for "none".
pub fn inference_tokens(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, |t| count_in(t, limits::INFERENCE_TOKENS))
}
/// A price per device-hour within [`limits::PRICE`] (0 allowed), or empty for "no price".
pub fn price(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, |t| {
        let x: f64 = if t.trim().parse::<f64>() == Ok(0.0) {
            0.0
        } else {
            super::parse_positive(t)?
        };
        within(x, limits::PRICE).map(Some)
    })
}
/// Any count (no range of its own).
pub fn count(t: &str) -> Result<Option<f64>, ParseError> {
    super::parse_count(t).map(Some).map_err(|e| e.0)
}
/// Any plain positive number (no range of its own).
pub fn positive(t: &str) -> Result<Option<f64>, ParseError> {
    super::parse_positive(t).map(Some)
}
/// Any whole number ≥ 1 (no range of its own).
pub fn whole(t: &str) -> Result<Option<f64>, ParseError> {
    super::parse_whole(t).map(|n| Some(n as f64))
}
/// A budget in FLOPs within [`limits::FLOPS`], or empty for the default.
pub fn optional_flops(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, flops)
}
/// A whole number within `limits`, or empty for the default.
fn optional_whole(t: &str, limits: Limits) -> Result<Option<f64>, ParseError> {
    if t.trim().is_empty() {
        return Ok(None);
    }
    super::parse_whole(t)
        .and_then(|n| within(n as f64, limits))
        .map(Some)
}
/// A planned sweep's number of budgets, or empty for the default.
pub fn sweep_budgets(t: &str) -> Result<Option<f64>, ParseError> {
    optional_whole(t, limits::SWEEP_BUDGETS)
}
/// Model sizes per budget, or empty to let the simulations choose.
pub fn sweep_sizes(t: &str) -> Result<Option<f64>, ParseError> {
    optional_whole(t, limits::SWEEP_SIZES)
}
/// Simulated sweeps per design, or empty for the default.
pub fn sweep_simulations(t: &str) -> Result<Option<f64>, ParseError> {
    optional_whole(t, limits::SWEEP_SIMULATIONS)
}
/// The factor between a sweep's budgets, or empty for the default.
pub fn sweep_spacing(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, |t| positive_in(t, limits::SWEEP_SPACING))
}
/// ×k either side of N_opt, or empty to let the simulations choose.
pub fn sweep_width(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, |t| positive_in(t, limits::SWEEP_WIDTH))
}
/// The sizes' centre as a multiple of N_opt, or empty for 1.
pub fn sweep_offset(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, |t| positive_in(t, limits::SWEEP_OFFSET))
}
/// Noise on each simulated loss in per cent (0 allowed), or empty for the default.
pub fn sweep_noise(t: &str) -> Result<Option<f64>, ParseError> {
    optional(t, |t| {
        let x: f64 = if t.trim().parse::<f64>() == Ok(0.0) {
            0.0
        } else {
            super::parse_positive(t)?
        };
        within(x, limits::SWEEP_NOISE_PERCENT).map(Some)
    })
}
