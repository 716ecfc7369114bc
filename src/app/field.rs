//! The page's one text field: a label, an input that keeps whatever the user types, and a line
//! underneath with the hint or, when the text is not usable, what is wrong and what is accepted.

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::law::quantity::field::Parser;

/// A labelled text input bound to `value`, with `error` (or `hint`) underneath; `on_input`
/// hears every edit.
#[component]
pub fn Field(
    id: &'static str,
    /// The label, in the page's language (a string, or a closure that follows the language).
    #[prop(into)]
    label: TextProp,
    /// What the field accepts, shown while there is no error (in the page's language).
    #[prop(into)]
    hint: Signal<&'static str>,
    /// The text as typed.
    value: RwSignal<String>,
    /// What is wrong with the text, if anything.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(optional, into)] on_input: Option<Callback<String>>,
    /// `inputmode` for on-screen keyboards.
    #[prop(default = "decimal")]
    inputmode: &'static str,
    /// Classes of the field's box.
    #[prop(default = "field")]
    class: &'static str,
) -> impl IntoView {
    let msg_id = format!("{id}-msg");
    let invalid = move || error.with(Option::is_some);
    view! {
        <div class=class>
            <label for=id>{move || label.get().to_string()}</label>
            <input
                id=id
                type="text"
                inputmode=inputmode
                autocomplete="off"
                spellcheck="false"
                prop:value=move || value.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    value.set(typed.clone());
                    if let Some(on_input) = on_input {
                        on_input.run(typed);
                    }
                }
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby=msg_id.clone()
            />
            <p id=msg_id class=move || if invalid() { "field-msg error" } else { "field-msg" } aria-live="polite">
                {move || error.get().unwrap_or_else(|| hint.get().to_string())}
            </p>
        </div>
    }
}

/// A number field of the configuration: only a valid value reaches `on_valid`, so results keep
/// the last good value while the field says what is wrong.
#[component]
pub fn NumberField(
    id: &'static str,
    /// The label, in the page's language (a string, or a closure that follows the language).
    #[prop(into)]
    label: TextProp,
    /// What the value is, for messages ("the number of days"), in a language
    /// (`i18n::fields::quantity_*`).
    quantity: fn(Lang) -> &'static str,
    /// Accepted forms, shown as the hint and in error messages, in a language
    /// (`i18n::fields::hint_*`).
    hint: fn(Lang) -> &'static str,
    initial: String,
    parse: Parser,
    #[prop(into)] on_valid: Callback<Option<f64>>,
) -> impl IntoView {
    let text = RwSignal::new(initial);
    let lang = super::lang::use_lang();
    let error = Signal::derive(move || {
        let lang = lang.get();
        text.with(|t| {
            parse(t)
                .err()
                .map(|e| e.message_in(lang, quantity(lang), hint(lang)))
        })
    });
    let on_input = Callback::new(move |typed: String| {
        if let Ok(value) = parse(&typed) {
            on_valid.run(value);
        }
    });
    let hint = Signal::derive(move || hint(lang.get()));
    view! { <Field id=id label=label hint=hint value=text error=error on_input=on_input /> }
}
