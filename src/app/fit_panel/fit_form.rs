//! The fit panel's option fields: each keeps the text as typed and says what is wrong with it,
//! so a bad value never reaches the fitter and the user sees which field and what is accepted.

use leptos::prelude::*;

use crate::fit::options::{parse_delta, parse_drop, parse_resamples, parse_seed};
use crate::fit::{Approach, FitOptions, Holdout, Method};
use crate::saved::panel::PanelInput;

/// The option fields, as typed.
#[derive(Clone, Copy)]
pub struct FitForm {
    /// Which of Hoffmann et al. 2022's approaches to fit (not kept in the browser: Approach 3
    /// on every visit).
    pub approach: RwSignal<Approach>,
    /// The held-out check: `none`, `largest-budget` or a fraction such as `0.2` (not kept in
    /// the browser).
    pub holdout: RwSignal<String>,
    /// `global` or `paper`.
    pub method: RwSignal<Method>,
    /// Huber δ.
    pub delta: RwSignal<String>,
    /// How many highest-loss runs to leave out.
    pub drop: RwSignal<String>,
    /// Bootstrap resamples K.
    pub bootstrap: RwSignal<String>,
    /// Bootstrap seed.
    pub seed: RwSignal<String>,
}

impl FitForm {
    /// The defaults ([`PanelInput::default`]): `global`, δ = 1e-3 (as the paper), no runs left
    /// out, 1000 resamples, seed 0.
    #[must_use]
    pub fn new() -> Self {
        let d = PanelInput::default();
        FitForm {
            approach: RwSignal::new(Approach::Three),
            holdout: RwSignal::new("none".to_string()),
            method: RwSignal::new(d.method),
            delta: RwSignal::new(d.delta),
            drop: RwSignal::new(d.drop),
            bootstrap: RwSignal::new(d.bootstrap),
            seed: RwSignal::new(d.seed),
        }
    }

    /// δ, or the message for its field.
    pub fn delta_value(&self) -> Result<f64, String> {
        self.delta.with(|t| parse_delta(t))
    }

    /// k highest-loss runs to leave out, or the message for its field.
    pub fn drop_value(&self) -> Result<usize, String> {
        self.drop.with(|t| parse_drop(t))
    }

    /// K resamples, or the message for its field.
    pub fn bootstrap_value(&self) -> Result<usize, String> {
        self.bootstrap.with(|t| parse_resamples(t))
    }

    /// The seed, or the message for its field.
    pub fn seed_value(&self) -> Result<u64, String> {
        self.seed.with(|t| parse_seed(t))
    }

    /// The options for a fit at `budget_flops`, or the first field's message.
    pub fn options(&self, budget_flops: f64) -> Result<FitOptions, String> {
        Ok(FitOptions {
            approach: self.approach.get_untracked(),
            holdout: self.holdout.with_untracked(|t| Holdout::parse(t).ok()),
            method: self.method.get_untracked(),
            delta: self.delta_value()?,
            bootstrap: self.bootstrap_value()?,
            seed: self.seed_value()?,
            budget_flops: crate::law::error::flops(budget_flops).ok(),
            ..FitOptions::default()
        })
    }
}

impl Default for FitForm {
    fn default() -> Self {
        FitForm::new()
    }
}
