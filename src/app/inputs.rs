//! The inputs: which question (mode) and its fields, which laws, which judge, and the
//! beyond-Chinchilla settings. Every field edits one field of the `Config`.

use leptos::prelude::*;

use super::field::NumberField;
use super::lang::use_lang;
use crate::i18n::{fields, inputs as t, Lang};
use crate::law::hardware::{accelerator, ACCELERATORS};
use crate::law::quantity::field as parse;
use crate::law::LawId;
use crate::permalink::{field_text, number, Config, Mode};
use crate::plan::{law_choices, summary, Plan};

fn mode_label(mode: Mode, lang: Lang) -> &'static str {
    match mode {
        Mode::Budget => t::mode_budget(lang),
        Mode::Hardware => t::mode_hardware(lang),
        Mode::Params => t::mode_params(lang),
        Mode::Scale => t::mode_scale(lang),
        Mode::Loss => t::mode_loss(lang),
    }
}

/// A text of the page in its language, from a catalog function.
type Text = fn(Lang) -> &'static str;

/// A number field that belongs to one mode: which field of the `Config` it reads and writes.
struct ModeField {
    mode: Mode,
    id: &'static str,
    label: Text,
    quantity: Text,
    hint: Text,
    parse: parse::Parser,
    get: fn(&Config) -> f64,
    set: fn(&mut Config, f64),
}

/// The fields of each mode, in order (hardware mode's are in [`Hardware`]).
const MODE_FIELDS: [ModeField; 6] = [
    ModeField {
        mode: Mode::Budget,
        id: "budget",
        label: t::budget_label,
        quantity: fields::quantity_flops,
        hint: fields::hint_budget,
        parse: parse::flops,
        get: |c| c.flops,
        set: |c, v| c.flops = v,
    },
    ModeField {
        mode: Mode::Params,
        id: "params",
        label: t::params_label,
        quantity: fields::quantity_params,
        hint: fields::hint_params,
        parse: parse::params,
        get: |c| c.n_params,
        set: |c, v| c.n_params = v,
    },
    ModeField {
        mode: Mode::Scale,
        id: "n0",
        label: t::n0_label,
        quantity: fields::quantity_params,
        hint: fields::hint_n0,
        parse: parse::params,
        get: |c| c.anchor.n0,
        set: |c, v| c.anchor.n0 = v,
    },
    ModeField {
        mode: Mode::Scale,
        id: "d0",
        label: t::d0_label,
        quantity: fields::quantity_tokens,
        hint: fields::hint_d0,
        parse: parse::tokens,
        get: |c| c.anchor.d0,
        set: |c, v| c.anchor.d0 = v,
    },
    ModeField {
        mode: Mode::Scale,
        id: "multiplier",
        label: t::multiplier_label,
        quantity: fields::quantity_multiplier,
        hint: fields::hint_multiplier,
        parse: parse::multiplier,
        get: |c| c.multiplier,
        set: |c, v| c.multiplier = v,
    },
    ModeField {
        mode: Mode::Loss,
        id: "target-loss",
        label: t::loss_label,
        quantity: fields::quantity_loss,
        hint: fields::hint_loss,
        parse: parse::loss,
        get: |c| c.target_loss,
        set: |c, v| c.target_loss = v,
    },
];

/// The text a field starts with: the configuration's value, as a link writes it.
fn initial(config: RwSignal<Config>, get: fn(&Config) -> f64) -> String {
    field_text(config.with_untracked(get))
}

/// A field's action: store a valid value with `apply`.
fn set(config: RwSignal<Config>, apply: fn(&mut Config, f64)) -> impl Fn(Option<f64>) + Copy {
    move |v: Option<f64>| {
        if let Some(v) = v {
            config.update(|c| apply(c, v));
        }
    }
}

/// An optional field's action: `None` (left empty) is stored too.
fn set_optional(
    config: RwSignal<Config>,
    apply: fn(&mut Config, Option<f64>),
) -> impl Fn(Option<f64>) + Copy {
    move |v: Option<f64>| config.update(|c| apply(c, v))
}

/// Mode picker and the fields of the chosen mode.
#[component]
pub fn Inputs(config: RwSignal<Config>, plan: Memo<Plan>) -> impl IntoView {
    let mode = Memo::new(move |_| config.with(|c| c.mode));
    let lang = use_lang();
    view! {
        <section class="inputs" aria-labelledby="inputs-title">
            <h2 id="inputs-title">{move || t::title(lang.get())}</h2>
            <fieldset class="modes">
                <legend>{move || t::modes_legend(lang.get())}</legend>
                {Mode::ALL.into_iter().map(|m| view! {
                    <label class="mode">
                        <input type="radio" name="mode" id=format!("mode-{}", m.id()) value=m.id()
                            prop:checked=move || mode.get() == m
                            on:change=move |_| config.update(|c| c.mode = m) />
                        {move || mode_label(m, lang.get())}
                    </label>
                }).collect_view()}
            </fieldset>
            {Mode::ALL.into_iter().map(|m| view! {
                <Show when=move || mode.get() == m>
                    <div class="field-row">
                        {MODE_FIELDS.iter().filter(|f| f.mode == m).map(|f| {
                            let label = f.label;
                            view! {
                                <NumberField id=f.id label=move || label(lang.get())
                                    quantity=f.quantity hint=f.hint
                                    initial=initial(config, f.get) parse=f.parse on_valid=set(config, f.set) />
                            }
                        }).collect_view()}
                    </div>
                </Show>
            }).collect_view()}
            <Hardware config=config plan=plan />
            <Laws config=config />
            <Beyond config=config />
        </section>
    }
}

/// Accelerators: they set the budget in hardware mode and price every row otherwise.
#[component]
fn Hardware(config: RwSignal<Config>, plan: Memo<Plan>) -> impl IntoView {
    let is_hardware = Memo::new(move |_| config.with(|c| c.mode == Mode::Hardware));
    // Narrow memos: a keystroke in the budget re-renders none of the options.
    let chosen = Memo::new(move |_| config.with(|c| c.hardware.accelerator.id));
    let lang = use_lang();
    view! {
        <fieldset class="hardware">
            <legend>{move || if is_hardware.get() { t::hardware_sets_budget(lang.get()) } else { t::hardware_for_cost(lang.get()) }}</legend>
            <div class="field-row">
                <div class="field">
                    <label for="gpu">{move || t::accelerator(lang.get())}</label>
                    <select id="gpu" on:change=move |ev| {
                        if let Some(a) = accelerator(&event_target_value(&ev)) { config.update(|c| c.hardware.accelerator = a) }
                    }>
                        {ACCELERATORS.iter().map(|a| {
                            let id = a.id;
                            view! { <option value=id selected=move || chosen.get() == id>{a.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <NumberField id="count" label=move || t::devices_label(lang.get())
                    quantity=fields::quantity_devices hint=fields::hint_devices
                    initial=config.with_untracked(|c| c.hardware.count.to_string()) parse=parse::devices
                    on_valid=set(config, |c, v| c.hardware.count = v as u64) />
                <NumberField id="mfu" label=move || t::mfu_label(lang.get())
                    quantity=fields::quantity_mfu hint=fields::hint_mfu
                    initial=initial(config, |c| c.hardware.mfu) parse=parse::fraction
                    on_valid=set(config, |c, v| c.hardware.mfu = v) />
                <Show when=move || is_hardware.get()>
                    <NumberField id="days" label=move || t::days_label(lang.get())
                        quantity=fields::quantity_days hint=fields::hint_days
                        initial=initial(config, |c| c.hardware.days) parse=parse::days
                        on_valid=set(config, |c, v| c.hardware.days = v) />
                </Show>
                <NumberField id="price" label=move || t::price_label(lang.get())
                    quantity=fields::quantity_price hint=fields::hint_price
                    initial=config.with_untracked(|c| c.hardware.price.map(number).unwrap_or_default()) parse=parse::price
                    on_valid=set_optional(config, |c, v| c.hardware.price = v) />
            </div>
            <Show when=move || is_hardware.get()>
                <p class="derived" id="derived-flops">{move || plan.with(|p| summary::hardware_budget(p, lang.get()))}</p>
            </Show>
        </fieldset>
    }
}

/// Which laws are shown, and which loss law judges every allocation.
#[component]
fn Laws(config: RwSignal<Config>) -> impl IntoView {
    let toggle = move |id: LawId, on: bool| config.update(|c| c.toggle_law(id, on));
    // Narrow memos: the choices change with a fit or the language, the ticks with the laws, the
    // judge with the judge; a keystroke in the budget re-renders none of them.
    let choices = Memo::new(move |_| config.with(law_choices));
    let shown = Memo::new(move |_| config.with(|c| c.laws.clone()));
    let judge = Memo::new(move |_| config.with(|c| c.judge));
    let lang = use_lang();
    view! {
        <fieldset class="laws">
            <legend>{move || t::laws_legend(lang.get())}</legend>
            <div class="law-choices">
                {move || choices.get().into_iter().map(|law| {
                    let id = law.id;
                    view! {
                        <label class="law-choice" title=law.citation.clone()>
                            <input type="checkbox" id=format!("law-{id}")
                                prop:checked=move || shown.with(|laws| laws.contains(&id))
                                on:change=move |ev| toggle(id, event_target_checked(&ev)) />
                            {law.name.clone()}
                        </label>
                    }
                }).collect_view()}
            </div>
            <div class="field">
                <label for="judge">{move || t::judge_label(lang.get())}</label>
                <select id="judge" on:change=move |ev| {
                    if let Some(id) = LawId::parse(&event_target_value(&ev)) { config.update(|c| c.judge = id) }
                }>
                    {move || choices.get().into_iter().filter(|l| l.loss_model.is_some()).map(|law| {
                        let id = law.id;
                        view! { <option value=id.as_str() selected=move || judge.get() == id>{law.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <NumberField id="flat-tolerance" label=move || t::flat_label(lang.get())
                quantity=fields::quantity_flat hint=fields::hint_flat
                initial=initial(config, |c| c.flat_percent) parse=crate::law::flat::parse_flat_percent
                on_valid=set(config, |c, v| c.flat_percent = v) />
        </fieldset>
    }
}

/// Inference demand (Sardana et al. 2024) and limited unique data (Muennighoff et al. 2023).
#[component]
fn Beyond(config: RwSignal<Config>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <fieldset class="beyond">
            <legend>{move || t::beyond_legend(lang.get())}</legend>
            <div class="field-row">
                <NumberField id="inference-tokens" label=move || t::inference_label(lang.get())
                    quantity=fields::quantity_tokens hint=fields::hint_inference_tokens
                    initial=config.with_untracked(|c| c.inference_tokens.map(number).unwrap_or_default())
                    parse=parse::inference_tokens
                    on_valid=set_optional(config, |c, v| c.inference_tokens = v) />
                <NumberField id="unique-tokens" label=move || t::unique_label(lang.get())
                    quantity=fields::quantity_tokens hint=fields::hint_unique_tokens
                    initial=config.with_untracked(|c| c.unique_tokens.map(number).unwrap_or_default())
                    parse=parse::unique_tokens
                    on_valid=set_optional(config, |c, v| c.unique_tokens = v) />
            </div>
        </fieldset>
    }
}
