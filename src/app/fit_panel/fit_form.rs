//! The fit panel's option fields: each keeps the text as typed and says what is wrong with it,
//! so a bad value never reaches the fitter and the user sees which field and what is accepted.

use leptos::prelude::*;

use crate::fit::bootstrap::{DEFAULT_RESAMPLES, MAX_RESAMPLES};
use crate::fit::{FitOptions, Method};

/// The option fields, as typed.
#[derive(Clone, Copy)]
pub struct FitForm {
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

/// Huber δ as typed, or what is accepted.
pub fn parse_delta(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(d) if d.is_finite() && d > 0.0 => Ok(d),
        _ => Err(format!(
            "δ must be a positive number such as 1e-3 (got {:?})",
            text.trim()
        )),
    }
}

/// A whole number in `0..=max` as typed, or what is accepted; `what` names the field.
pub fn parse_whole(text: &str, max: u64, what: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(k) if k <= max => Ok(k),
        _ => Err(format!(
            "{what} must be a whole number from 0 to {max} (got {:?})",
            text.trim()
        )),
    }
}

impl FitForm {
    /// The defaults: `global`, δ = 1e-3 (as the paper), no runs left out, 1000 resamples, seed 0.
    #[must_use]
    pub fn new() -> Self {
        FitForm {
            method: RwSignal::new(Method::Global),
            delta: RwSignal::new("1e-3".to_string()),
            drop: RwSignal::new("0".to_string()),
            bootstrap: RwSignal::new(DEFAULT_RESAMPLES.to_string()),
            seed: RwSignal::new("0".to_string()),
        }
    }

    /// δ, or the message for its field.
    pub fn delta_value(&self) -> Result<f64, String> {
        self.delta.with(|t| parse_delta(t))
    }

    /// k highest-loss runs to leave out, or the message for its field.
    pub fn drop_value(&self) -> Result<usize, String> {
        self.drop
            .with(|t| parse_whole(t, 10_000, "the number of runs left out"))
            .map(|k| k as usize)
    }

    /// K resamples, or the message for its field.
    pub fn bootstrap_value(&self) -> Result<usize, String> {
        self.bootstrap
            .with(|t| parse_whole(t, MAX_RESAMPLES as u64, "K"))
            .map(|k| k as usize)
    }

    /// The seed, or the message for its field.
    pub fn seed_value(&self) -> Result<u64, String> {
        self.seed.with(|t| parse_whole(t, u64::MAX, "the seed"))
    }

    /// The options for a fit at `budget_flops`, or the first field's message.
    pub fn options(&self, budget_flops: f64) -> Result<FitOptions, String> {
        Ok(FitOptions {
            method: self.method.get_untracked(),
            delta: self.delta_value()?,
            bootstrap: self.bootstrap_value()?,
            seed: self.seed_value()?,
            budget_flops: (budget_flops.is_finite() && budget_flops > 0.0).then_some(budget_flops),
        })
    }
}

impl Default for FitForm {
    fn default() -> Self {
        FitForm::new()
    }
}

/// One labelled text field of the options, with its message underneath.
#[component]
pub fn OptionField(
    /// Element id of the input.
    id: &'static str,
    /// Visible label.
    label: &'static str,
    /// The text as typed.
    value: RwSignal<String>,
    /// The field's error, if any.
    error: Signal<Option<String>>,
    /// What the field accepts, shown when there is no error.
    hint: &'static str,
    /// `inputmode` hint for on-screen keyboards.
    #[prop(default = "decimal")]
    inputmode: &'static str,
) -> impl IntoView {
    let msg_id = format!("{id}-msg");
    let described_by = msg_id.clone();
    view! {
        <div class="field fit-option">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                inputmode=inputmode
                autocomplete="off"
                spellcheck="false"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
            />
            <p id=msg_id class=move || if error.with(Option::is_some) { "field-msg error" } else { "field-msg" } aria-live="polite">
                {move || error.get().unwrap_or_else(|| hint.to_string())}
            </p>
        </div>
    }
}
