//! A labelled text field for a number. It keeps whatever the user types; only a valid value
//! reaches the configuration, so results keep the last good value while the field says what
//! is wrong and what is accepted.

use leptos::prelude::*;

use crate::law::quantity::ParseError;

/// Parses a field's text: `Ok(None)` means "left empty" for optional fields.
pub type Parser = fn(&str) -> Result<Option<f64>, ParseError>;

/// A number field: `id`, label, the initial text, the parser, what it accepts (for messages),
/// and what to do with a valid value.
#[component]
pub fn NumberField(
    id: &'static str,
    label: &'static str,
    /// What the value is, for messages ("the number of days").
    quantity: &'static str,
    /// Accepted forms, shown as the hint and in error messages.
    hint: &'static str,
    initial: String,
    parse: Parser,
    #[prop(into)] on_valid: Callback<Option<f64>>,
) -> impl IntoView {
    let text = RwSignal::new(initial.clone());
    let error =
        Memo::new(move |_| text.with(|t| parse(t).err().map(|e| e.message(quantity, hint))));
    let msg_id = format!("{id}-msg");
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        if let Ok(value) = parse(&typed) {
            on_valid.run(value);
        }
        text.set(typed);
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                value=initial
                on:input=on_input
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=msg_id.clone()
            />
            <p id=msg_id class=move || if error.with(Option::is_some) { "field-msg error" } else { "field-msg" } aria-live="polite">
                {move || error.get().unwrap_or_else(|| hint.to_string())}
            </p>
        </div>
    }
}

/// Required field parsers, wrapping the law's parsers.
pub mod parse {
    use crate::law::quantity::{self, ParseError};

    pub fn flops(t: &str) -> Result<Option<f64>, ParseError> {
        quantity::parse_flops(t).map(Some)
    }
    pub fn count(t: &str) -> Result<Option<f64>, ParseError> {
        quantity::parse_count(t).map(Some).map_err(|e| e.0)
    }
    pub fn positive(t: &str) -> Result<Option<f64>, ParseError> {
        quantity::parse_positive(t).map(Some)
    }
    pub fn fraction(t: &str) -> Result<Option<f64>, ParseError> {
        quantity::parse_fraction(t).map(Some)
    }
    pub fn whole(t: &str) -> Result<Option<f64>, ParseError> {
        quantity::parse_whole(t).map(|n| Some(n as f64))
    }
    /// Empty means "not set".
    pub fn optional_count(t: &str) -> Result<Option<f64>, ParseError> {
        if t.trim().is_empty() {
            Ok(None)
        } else {
            count(t)
        }
    }
    /// Empty means "not set".
    pub fn optional_positive(t: &str) -> Result<Option<f64>, ParseError> {
        if t.trim().is_empty() {
            Ok(None)
        } else {
            positive(t)
        }
    }
}
