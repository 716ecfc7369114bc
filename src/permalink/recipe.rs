//! The training recipe's part of the configuration and its link form: the schedule, the
//! warm-up and the context as typed, and a run the reader already chose (N and D).

use super::decode::{count, in_limits, plain_number, whole_in, Reader, Reason};
use super::text::{keys, number};
use crate::law::hyper::Schedule;
use crate::law::limits;

/// The training-recipe section's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RecipeConfig {
    /// The learning-rate schedule around the peak.
    pub schedule: Schedule,
    /// Warm-up steps; `None` for DeepSeek's 2000 (at most a tenth of the run).
    pub warmup: Option<u64>,
    /// The context the batch is counted in; `None` for the model shape's.
    pub context: Option<f64>,
    /// A run already chosen: its N (the recipe shows it when D is set too).
    pub run_params: Option<f64>,
    /// A run already chosen: its D.
    pub run_tokens: Option<f64>,
}

impl RecipeConfig {
    /// Whether every input is usable: a warm-up within [`limits::WARMUP`], a whole context
    /// within [`limits::CONTEXT`], a run's N and D within the page's accepted ranges.
    #[must_use]
    pub fn is_usable(&self) -> bool {
        self.warmup
            .is_none_or(|w| limits::WARMUP.contains(w as f64))
            && self
                .context
                .is_none_or(|c| c.fract() == 0.0 && limits::CONTEXT.contains(c))
            && self.run_params.is_none_or(|n| limits::PARAMS.contains(n))
            && self.run_tokens.is_none_or(|d| limits::TOKENS.contains(d))
    }
}

/// Reads the section's keys into `recipe`, each forgivingly.
pub(super) fn decode(r: &mut Reader, recipe: &mut RecipeConfig) {
    r.set(&mut recipe.schedule, keys::SCHEDULE, |s| {
        Schedule::from_id(s).ok_or(Reason::NotSchedule)
    });
    r.set(&mut recipe.warmup, keys::WARMUP, |s| {
        whole_in(s, limits::WARMUP).map(Some)
    });
    // Written as digits (`ctx=32768`); read in any notation of a whole number, since the
    // first build with the key wrote `ctx=3e4`.
    r.set(&mut recipe.context, keys::CONTEXT, |s| {
        let c = plain_number(s).map_err(|_| Reason::NotWholeNumbers)?;
        if c.fract() != 0.0 {
            return Err(Reason::NotWholeNumbers);
        }
        in_limits(Ok(c), limits::CONTEXT).map(Some)
    });
    r.set(&mut recipe.run_params, keys::RUN_PARAMS, |s| {
        in_limits(count(s), limits::PARAMS).map(Some)
    });
    r.set(&mut recipe.run_tokens, keys::RUN_TOKENS, |s| {
        in_limits(count(s), limits::TOKENS).map(Some)
    });
}

/// The section's keys that differ from the defaults.
pub(super) fn encode(recipe: &RecipeConfig, pairs: &mut Vec<(&'static str, String)>) {
    if recipe.schedule != Schedule::default() {
        pairs.push((keys::SCHEDULE, recipe.schedule.id().to_string()));
    }
    if let Some(w) = recipe.warmup {
        pairs.push((keys::WARMUP, w.to_string()));
    }
    if let Some(c) = recipe.context {
        // Whole and at most 1e7 in any usable configuration: exact as u64.
        pairs.push((keys::CONTEXT, (c as u64).to_string()));
    }
    let optional = [
        (keys::RUN_PARAMS, recipe.run_params),
        (keys::RUN_TOKENS, recipe.run_tokens),
    ];
    for (key, value) in optional {
        if let Some(x) = value {
            pairs.push((key, number(x)));
        }
    }
}
