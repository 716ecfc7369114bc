//! The "Model shape" section: a published model's shape or a typed one, its exact counts and
//! training FLOPs per token under every convention, the convention the results use for their
//! tokens at true cost, a suggested shape for N, the memory its training state needs, and the
//! FLOPs-per-token chart. The words come from `plan::shape_panel`, the checks from
//! `plan::shape_form` and the law.

use leptos::prelude::*;

use super::charts::ChartCard;
use super::field::{Field, NumberField};
use super::lang::use_lang;
use crate::chart::views::shape_ratio_view;
use crate::i18n::{fields, sections as t, Lang};
use crate::law::quantity::field as parse;
use crate::law::shape::{shape_preset, Convention, Recipe, Shape, Sharding};
use crate::permalink::{
    bias_id, field_text, norm_id, number, position_id, Config, ShapeModel, BIASES, NORMS, POSITIONS,
};
use crate::plan::shape_form::{
    aspect_field, hint as form_hint, message_for, ShapeForm, FORM_FIELDS,
};
use crate::plan::shape_panel::{
    bias_label, convention_options, convention_rows, norm_label, position_label, preset_groups,
    shape_memory, sharding_label, suggestion, summary,
};
use crate::plan::Plan;
use recipe::recipe_source;

mod recipe;

/// The form's state: each text as typed (kept while the shape it makes is not valid) and the
/// choices beside them.
#[derive(Clone, Copy)]
struct Form {
    texts: [RwSignal<String>; 8],
    gated: RwSignal<bool>,
    tied: RwSignal<bool>,
    position: RwSignal<&'static str>,
    bias: RwSignal<&'static str>,
    norm: RwSignal<&'static str>,
}

impl Form {
    fn new(form: ShapeForm) -> Self {
        Form {
            texts: form.texts.map(RwSignal::new),
            gated: RwSignal::new(form.gated),
            tied: RwSignal::new(form.tied),
            position: RwSignal::new(position_id(form.position)),
            bias: RwSignal::new(bias_id(form.bias)),
            norm: RwSignal::new(norm_id(form.norm)),
        }
    }

    /// Fills every field with `shape`.
    fn fill(&self, shape: &Shape) {
        let form = ShapeForm::of(shape);
        for (signal, text) in self.texts.iter().zip(form.texts) {
            signal.set(text);
        }
        self.gated.set(form.gated);
        self.tied.set(form.tied);
        self.position.set(position_id(form.position));
        self.bias.set(bias_id(form.bias));
        self.norm.set(norm_id(form.norm));
    }

    /// The form as typed.
    fn read(&self) -> ShapeForm {
        ShapeForm {
            texts: self.texts.map(|t| t.get()),
            gated: self.gated.get(),
            tied: self.tied.get(),
            position: POSITIONS
                .into_iter()
                .find(|p| position_id(*p) == self.position.get())
                .unwrap_or_default(),
            bias: BIASES
                .into_iter()
                .find(|b| bias_id(*b) == self.bias.get())
                .unwrap_or_default(),
            norm: NORMS
                .into_iter()
                .find(|n| norm_id(*n) == self.norm.get())
                .unwrap_or_default(),
        }
    }
}

/// The whole section.
#[component]
pub fn ShapeSection(
    config: RwSignal<Config>,
    plan: Memo<Plan>,
    dark: Signal<bool>,
) -> impl IntoView {
    let form = Form::new(config.with_untracked(|c| {
        c.shape
            .shape()
            .map(|s| ShapeForm::of(&s))
            .unwrap_or_default()
    }));
    let checked = Memo::new(move |_| form.read().check());
    // Every edit: a valid shape becomes the configuration's; an invalid one stays in the form.
    let apply = move || {
        if let Ok(shape) = checked.get_untracked() {
            config.update(|c| c.shape.set_typed(shape));
        }
    };
    let has_shape = Memo::new(move |_| config.with(|c| c.shape.model.is_some()));
    let shape_config = Memo::new(move |_| config.with(|c| c.shape.clone()));
    let lang = use_lang();
    let ratio_view = Memo::new(move |_| shape_config.with(|s| shape_ratio_view(s, lang.get())));

    view! {
        <section class="shape" aria-labelledby="shape-title">
            <h2 id="shape-title">{move || t::shape_title(lang.get())}</h2>
            <p class="section-note">{move || t::shape_note(lang.get())}</p>
            <div class="field-row">
                <PresetPicker config=config form=form />
                <ConventionPicker config=config />
            </div>
            <Show when=move || has_shape.get()>
                <ShapeFields form=form checked=checked apply=apply />
            </Show>
            <Counts config=config />
            <Suggestion config=config plan=plan form=form />
            <Memory config=config />
            <ChartCard id="shape-ratio" title=move || t::shape_ratio_chart(lang.get())
                caption=move || t::shape_ratio_caption(lang.get())
                view=Signal::from(ratio_view) dark=dark />
        </section>
    }
}

/// None, a published model, or (after an edit) the typed shape.
#[component]
fn PresetPicker(config: RwSignal<Config>, form: Form) -> impl IntoView {
    // A narrow memo: a keystroke in the budget re-renders none of the options.
    let model = Memo::new(move |_| config.with(|c| c.shape.model.clone()));
    let chosen =
        move |id: &str| model.with(|m| matches!(m, Some(ShapeModel::Preset(p)) if p == id));
    let typed = move || model.with(|m| matches!(m, Some(ShapeModel::Typed(_))));
    let none = move || model.with(Option::is_none);
    let on_change = move |ev| {
        let id = event_target_value(&ev);
        match shape_preset(&id) {
            Some(p) => {
                form.fill(&p.shape);
                config.update(|c| c.shape.model = Some(ShapeModel::Preset(p.id)));
            }
            None => config.update(|c| c.shape.model = None),
        }
    };
    let lang = use_lang();
    view! {
        <div class="field">
            <label for="shape-preset">{move || t::shape_preset(lang.get())}</label>
            <select id="shape-preset" on:change=on_change>
                <option value="" prop:selected=none>{move || t::shape_none(lang.get())}</option>
                <option value="typed" disabled=true prop:selected=typed>{move || t::shape_typed(lang.get())}</option>
                {preset_groups().into_iter().map(|(family, members)| view! {
                    <optgroup label=family>
                        {members.into_iter().map(|(id, name)| {
                            let key = id.clone();
                            view! { <option value=id prop:selected=move || chosen(&key)>{name}</option> }
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
        </div>
    }
}

/// Which convention counts the tokens and days at true cost; its formula and source on hover.
#[component]
fn ConventionPicker(config: RwSignal<Config>) -> impl IntoView {
    let convention = Memo::new(move |_| config.with(|c| c.shape.convention));
    let lang = use_lang();
    view! {
        <div class="field">
            <label for="shape-convention">{move || t::shape_convention(lang.get())}</label>
            <select id="shape-convention" on:change=move |ev| {
                if let Some(c) = Convention::from_id(&event_target_value(&ev)) {
                    config.update(|cfg| cfg.shape.convention = c);
                }
            }>
                {move || convention_options(lang.get()).into_iter().map(|(id, label, title)| view! {
                    <option value=id title=title
                        prop:selected=move || convention.get().id() == id>{label}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The typed fields, each with its own message.
#[component]
fn ShapeFields(
    form: Form,
    checked: Memo<Result<Shape, crate::plan::shape_form::FormErrors>>,
    apply: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let on_input = Callback::new(move |_: String| apply());
    let lang = use_lang();
    let pick = move |signal: RwSignal<&'static str>, ids: Vec<&'static str>| {
        move |ev| {
            let value = event_target_value(&ev);
            if let Some(id) = ids.iter().find(|id| **id == value) {
                signal.set(id);
                apply();
            }
        }
    };
    let select = move |id: &'static str,
                       label: fn(Lang) -> &'static str,
                       signal: RwSignal<&'static str>,
                       options: Vec<(&'static str, Signal<&'static str>)>| {
        let ids: Vec<&'static str> = options.iter().map(|o| o.0).collect();
        view! {
            <div class="field">
                <label for=id>{move || label(lang.get())}</label>
                <select id=id on:change=pick(signal, ids)>
                    {options.into_iter().map(|(value, text)| view! {
                        <option value=value prop:selected=move || signal.get() == value>{move || text.get()}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let toggle =
        move |id: &'static str, label: fn(Lang) -> &'static str, signal: RwSignal<bool>| {
            view! {
                <label class="check" for=id>
                    <input type="checkbox" id=id prop:checked=move || signal.get()
                        on:change=move |ev| { signal.set(event_target_checked(&ev)); apply(); } />
                    {move || label(lang.get())}
                </label>
            }
        };
    view! {
        <fieldset class="shape-fields">
            <legend>{move || t::shape_dimensions(lang.get())}</legend>
            <div class="field-row">
                {FORM_FIELDS.iter().zip(form.texts).map(|(f, value)| {
                    let field = f.field;
                    let error = Signal::derive(move || {
                        checked.with(|r| r.as_ref().err().and_then(|e| message_for(e, field, lang.get())))
                    });
                    let hint = Signal::derive(move || form_hint(field, lang.get()));
                    view! { <Field id=f.id label=crate::plan::shape_words::field_label(f.field, lang.get_untracked()) hint=hint value=value error=error
                        on_input=on_input inputmode="numeric" /> }
                }).collect_view()}
            </div>
            <div class="field-row checks">
                {toggle("shape-gated", t::shape_gated, form.gated)}
                {toggle("shape-tied", t::shape_tied, form.tied)}
            </div>
            <div class="field-row">
                {select("shape-position", t::shape_position, form.position,
                    POSITIONS.iter().map(|&p| (position_id(p), Signal::derive(move || position_label(p, lang.get())))).collect())}
                {select("shape-bias", t::shape_biases, form.bias,
                    BIASES.iter().map(|&b| (bias_id(b), Signal::derive(move || bias_label(b, lang.get())))).collect())}
                {select("shape-norm", t::shape_norms, form.norm,
                    NORMS.iter().map(|&n| (norm_id(n), Signal::derive(move || norm_label(n, lang.get())))).collect())}
            </div>
        </fieldset>
    }
}

/// The counts and a row per convention, the chosen one marked.
#[component]
fn Counts(config: RwSignal<Config>) -> impl IntoView {
    // From the shape alone: a keystroke in the budget recomputes neither.
    let key = Memo::new(move |_| config.with(|c| (c.shape.clone(), c.lang)));
    let described = Memo::new(move |_| key.with(|(shape, lang)| summary(shape, *lang)));
    let rows = Memo::new(move |_| {
        key.with(|(shape, lang)| {
            shape
                .shape()
                .map(|s| convention_rows(&s, shape.convention, *lang))
        })
    });
    let lang = use_lang();
    view! {
        <div class="shape-out" id="shape-out" aria-live="polite">
            {move || match described.get() {
                None => view! {
                    <p id="shape-counts" class="muted">{move || t::shape_no_shape(lang.get())}</p>
                }.into_any(),
                Some((counts, description, note)) => view! {
                    <p id="shape-counts" class="derived">{counts}</p>
                    <p id="shape-description">{description}</p>
                    {note.map(|n| view! { <p id="shape-source" class="citation">{n}</p> })}
                }.into_any(),
            }}
            {move || rows.get().map(|rows| view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label=move || t::conventions_region(lang.get())>
                    <table id="shape-conventions">
                        <caption>{move || t::conventions_caption(lang.get())}</caption>
                        <thead><tr>
                            <th scope="col">{move || t::conventions_convention(lang.get())}</th>
                            <th scope="col">{move || t::conventions_flops(lang.get())}</th>
                            <th scope="col">"× 6N"</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr data-convention=r.id title=r.title class:chosen=r.chosen
                                    aria-current=if r.chosen { Some("true") } else { None }>
                                    <th scope="row">{r.label}</th>
                                    <td class="flops">{r.flops}</td>
                                    <td class="ratio">{r.ratio}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </div>
    }
}

/// A suggested shape for N (the first law's by default), and a button to use it.
#[component]
fn Suggestion(config: RwSignal<Config>, plan: Memo<Plan>, form: Form) -> impl IntoView {
    let suggested = Memo::new(move |_| config.with(|c| plan.with(|p| suggestion(c, p))));
    let use_it = move |_| {
        if let Some(shape) = suggested.with_untracked(|s| s.shape) {
            form.fill(&shape);
            config.update(|c| c.shape.set_typed(shape));
        }
    };
    let set_n = move |v: Option<f64>| config.update(|c| c.shape.suggest_params = v);
    let set_aspect = move |v: Option<f64>| {
        if let Some(v) = v {
            config.update(|c| c.shape.aspect_ratio = v);
        }
    };
    let lang = use_lang();
    view! {
        <fieldset class="shape-suggest">
            <legend>{move || t::suggest_legend(lang.get())}</legend>
            <div class="field-row">
                <NumberField id="suggest-n" label=move || t::suggest_n_label(lang.get())
                    quantity=fields::quantity_params hint=fields::hint_suggest_params
                    initial=config.with_untracked(|c| c.shape.suggest_params.map(number).unwrap_or_default())
                    parse=parse::optional_params
                    on_valid=set_n />
                <NumberField id="suggest-aspect" label=move || t::suggest_aspect_label(lang.get())
                    quantity=fields::quantity_suggest_aspect hint=fields::hint_suggest_aspect
                    initial=config.with_untracked(|c| field_text(c.shape.aspect_ratio))
                    parse=aspect_field
                    on_valid=set_aspect />
            </div>
            <p id="suggest-heading">{move || suggested.with(|s| s.heading.clone())}</p>
            {move || suggested.with(|s| match &s.body {
                Ok(text) => view! { <p id="suggest-result">{text.clone()}</p> }.into_any(),
                Err(why) => view! { <p id="suggest-result" class="field-msg error">{why.clone()}</p> }.into_any(),
            })}
            <button type="button" id="use-suggestion" on:click=use_it
                disabled=move || suggested.with(|s| s.shape.is_none())>{move || t::use_suggestion(lang.get())}</button>
        </fieldset>
    }
}

/// The training state's size and the fewest devices of the configured accelerator that hold it.
#[component]
fn Memory(config: RwSignal<Config>) -> impl IntoView {
    let lines = Memo::new(move |_| config.with(shape_memory));
    let recipe = Memo::new(move |_| config.with(|c| c.shape.recipe));
    let sharding = Memo::new(move |_| config.with(|c| c.shape.sharding));
    let lang = use_lang();
    view! {
        <fieldset class="shape-memory">
            <legend>{move || t::memory_legend(lang.get())}</legend>
            <div class="field-row">
                <div class="field">
                    <label for="shape-recipe">{move || t::memory_recipe(lang.get())}</label>
                    <select id="shape-recipe" on:change=move |ev| {
                        if let Some(r) = Recipe::from_id(&event_target_value(&ev)) { config.update(|c| c.shape.recipe = r) }
                    }>
                        {Recipe::ALL.into_iter().map(|r| view! {
                            <option value=r.id() title=move || recipe_source(r, lang.get())
                                prop:selected=move || recipe.get() == r>{move || r.label_in(lang.get())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="shape-sharding">{move || t::memory_sharding(lang.get())}</label>
                    <select id="shape-sharding" on:change=move |ev| {
                        if let Some(s) = Sharding::from_id(&event_target_value(&ev)) { config.update(|c| c.shape.sharding = s) }
                    }>
                        {Sharding::ALL.into_iter().map(|s| view! {
                            <option value=s.id() prop:selected=move || sharding.get() == s>{move || sharding_label(s, lang.get())}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            {move || match lines.get() {
                Some(lines) => view! {
                    <ul id="shape-memory">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                }.into_any(),
                None => view! { <p id="shape-memory" class="muted">{move || t::memory_none(lang.get())}</p> }.into_any(),
            }}
        </fieldset>
    }
}
