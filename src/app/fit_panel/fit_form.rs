//! The fit panel's option fields: each keeps the text as typed and says what is wrong with it,
//! so a bad value never reaches the fitter and the user sees which field and what is accepted.

use crate::fit::jobs::options::parse_columns;
use crate::fit::runs::Quantity;
use leptos::prelude::*;

use crate::fit::jobs::options::{
    parse_constraints, parse_delta, parse_drop, parse_fixed_e, parse_fixed_exponent,
    parse_resamples, parse_seed, FieldError,
};
use crate::fit::{Approach, Constraints, FitOptions, Holdout, Method};
use crate::permalink::number;
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
    /// Columns chosen by header, as typed (kept in the browser with the runs).
    pub columns: RwSignal<String>,
    /// Approach 3's fixed α, β and E as typed (empty: fitted) and the tie α = β; they travel
    /// in the link (`Config::fixed`), not in the browser's storage.
    pub fix_alpha: RwSignal<String>,
    /// Fixed β as typed.
    pub fix_beta: RwSignal<String>,
    /// Fixed E as typed.
    pub fix_e: RwSignal<String>,
    /// α = β.
    pub tie: RwSignal<bool>,
}

impl FitForm {
    /// The defaults ([`PanelInput::default`]): `global`, δ = 1e-3 (as the paper), no runs left
    /// out, 1000 resamples, seed 0; the coefficients `fixed` holds (from the link).
    #[must_use]
    pub fn new(fixed: Constraints) -> Self {
        let d = PanelInput::default();
        let text = |x: Option<f64>| x.map(number).unwrap_or_default();
        FitForm {
            approach: RwSignal::new(Approach::Three),
            holdout: RwSignal::new("none".to_string()),
            method: RwSignal::new(d.method),
            delta: RwSignal::new(d.delta),
            drop: RwSignal::new(d.drop),
            bootstrap: RwSignal::new(d.bootstrap),
            seed: RwSignal::new(d.seed),
            columns: RwSignal::new(d.columns),
            fix_alpha: RwSignal::new(text(fixed.alpha)),
            fix_beta: RwSignal::new(text(fixed.beta)),
            fix_e: RwSignal::new(text(fixed.e)),
            tie: RwSignal::new(fixed.tie),
        }
    }

    /// The fixed α field's message, if its text is not usable.
    pub fn fix_alpha_error(&self) -> Option<FieldError> {
        self.fix_alpha.with(|t| parse_fixed_exponent(t, "α").err())
    }

    /// The fixed β field's message, if its text is not usable.
    pub fn fix_beta_error(&self) -> Option<FieldError> {
        self.fix_beta.with(|t| parse_fixed_exponent(t, "β").err())
    }

    /// The fixed E field's message, if its text is not usable.
    pub fn fix_e_error(&self) -> Option<FieldError> {
        self.fix_e.with(|t| parse_fixed_e(t).err())
    }

    /// The fixed and tied coefficients, or the first field's message.
    pub fn constraints(&self) -> Result<Constraints, FieldError> {
        parse_constraints(
            &self.fix_alpha.get(),
            &self.fix_beta.get(),
            &self.fix_e.get(),
            self.tie.get(),
        )
    }

    /// The tie's message when the three fields are usable but the tie contradicts them.
    pub fn tie_error(&self) -> Option<FieldError> {
        let fields_ok = self.fix_alpha_error().is_none()
            && self.fix_beta_error().is_none()
            && self.fix_e_error().is_none();
        self.constraints().err().filter(|_| fields_ok)
    }

    /// δ, or the message for its field.
    pub fn delta_value(&self) -> Result<f64, FieldError> {
        self.delta.with(|t| parse_delta(t))
    }

    /// k highest-loss runs to leave out, or the message for its field.
    pub fn drop_value(&self) -> Result<usize, FieldError> {
        self.drop.with(|t| parse_drop(t))
    }

    /// K resamples, or the message for its field.
    pub fn bootstrap_value(&self) -> Result<usize, FieldError> {
        self.bootstrap.with(|t| parse_resamples(t))
    }

    /// The seed, or the message for its field.
    pub fn seed_value(&self) -> Result<u64, FieldError> {
        self.seed.with(|t| parse_seed(t))
    }

    /// The columns chosen by header, or the message for its field.
    pub fn columns_value(&self) -> Result<Vec<(Quantity, String)>, FieldError> {
        self.columns.with(|t| parse_columns(t))
    }

    /// The options for a fit at `budget_flops`, or the first field's message. Fixed or tied
    /// coefficients apply to Approach 3 only (Approaches 1 and 2 fit no loss).
    pub fn options(&self, budget_flops: f64) -> Result<FitOptions, FieldError> {
        self.options_as(self.approach.get_untracked(), budget_flops)
    }

    /// [`FitForm::options`] for `approach` whatever the picker says (the comparison of
    /// Approaches 2 and 3 holds the fixed coefficients in its Approach-3 fit).
    pub fn options_as(
        &self,
        approach: Approach,
        budget_flops: f64,
    ) -> Result<FitOptions, FieldError> {
        let constraints = if approach == Approach::Three {
            untrack(|| self.constraints())?
        } else {
            Constraints::FREE
        };
        Ok(FitOptions {
            approach,
            constraints,
            holdout: self.holdout.with_untracked(|t| Holdout::parse(t).ok()),
            method: self.method.get_untracked(),
            delta: self.delta_value()?,
            bootstrap: self.bootstrap_value()?,
            seed: self.seed_value()?,
            budget_flops: crate::law::error::flops(budget_flops).ok(),
        })
    }
}

impl Default for FitForm {
    fn default() -> Self {
        FitForm::new(Constraints::FREE)
    }
}
