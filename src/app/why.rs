//! "Why they differ": a section that opens and closes (and says so in the link), with the law
//! and the counting it looks through, the findings, three charts and Porian et al.'s steps at
//! the user's budget. Everything shown comes from `plan::why` and `chart::views::why_views`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::charts::ChartCard;
use super::field::NumberField;
use super::lang::use_lang;
use crate::chart::views::why_views;
use crate::i18n::{fields, sections as t};
use crate::law::quantity::field as parse;
use crate::law::LawId;
use crate::permalink::{field_text, Config};
use crate::plan::why::{step_cells, why};
use crate::plan::{law_choices, Plan};

/// The laws the section can look through: those with a loss E + A/N^α + B/D^β.
fn parametric_choices(config: &Config) -> Vec<(LawId, String)> {
    law_choices(config)
        .into_iter()
        .filter(|l| l.loss_params().is_some())
        .map(|l| (l.id, l.name))
        .collect()
}

/// Opens the section and scrolls to it (the "Why?" link beside the comparison).
pub fn open_and_show(config: RwSignal<Config>) {
    config.update(|c| c.reconcile.open = true);
    request_animation_frame(|| {
        if let Some(el) = document().get_element_by_id("why") {
            el.scroll_into_view();
        }
    });
}

/// The section.
#[component]
pub fn WhyTheyDiffer(
    config: RwSignal<Config>,
    plan: Memo<Plan>,
    dark: Signal<bool>,
) -> impl IntoView {
    let open = Memo::new(move |_| config.with(|c| c.reconcile.open));
    // The charts depend on the section's settings and the fit only, not on the budget.
    let key = Memo::new(move |_| config.with(|c| (c.reconcile, c.fit, c.reconcile_counting())));
    let from_shape = Memo::new(move |_| config.with(|c| c.reconcile_counting().2));
    let views = Memo::new(move |_| {
        // Read (not only tracked), so `key` itself is computed and follows the config.
        key.with(|_| ());
        config.with_untracked(why_views)
    });
    let pick = move |i: usize| Signal::derive(move || views.with(|v| v[i].clone()));
    let answer = Memo::new(move |_| {
        if open.get() {
            Some(config.with(|c| plan.with(|p| why(c, p))))
        } else {
            None
        }
    });
    // Narrow memos: a keystroke in the budget re-renders neither the choices nor their names.
    let choices = Memo::new(move |_| config.with(parametric_choices));
    let chosen = Memo::new(move |_| config.with(|c| c.reconcile.law));
    let law_name = move || {
        choices.with(|cs| {
            cs.iter()
                .find(|(id, _)| *id == chosen.get())
                .map(|(_, name)| name.clone())
                .unwrap_or_default()
        })
    };
    let on_toggle = move |ev: leptos::ev::Event| {
        if let Some(details) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        {
            let is_open = details.open();
            if is_open != open.get_untracked() {
                config.update(|c| c.reconcile.open = is_open);
            }
        }
    };
    let lang = use_lang();
    let set = |apply: fn(&mut Config, f64)| {
        move |v: Option<f64>| {
            if let Some(v) = v {
                config.update(|c| apply(c, v));
            }
        }
    };
    view! {
        <details id="why" class="why" prop:open=move || open.get() on:toggle=on_toggle>
            <summary><h2>{move || t::why_title(lang.get())}</h2></summary>
            <p class="why-intro">{move || t::why_intro(lang.get())}</p>
            <div class="field-row">
                <div class="field">
                    <label for="why-law">{move || t::why_law(lang.get())}</label>
                    <select id="why-law" on:change=move |ev| {
                        if let Some(id) = LawId::parse(&event_target_value(&ev)) { config.update(|c| c.reconcile.law = id) }
                    }>
                        {move || choices.get().into_iter().map(|(id, name)| view! {
                            <option value=id.as_str() selected=move || chosen.get() == id>{name}</option>
                        }).collect_view()}
                    </select>
                </div>
                <NumberField id="why-vocab" label=move || t::why_vocab_label(lang.get())
                    quantity=fields::quantity_vocab hint=fields::hint_why_vocab
                    initial=field_text(config.with_untracked(|c| c.reconcile.vocab)) parse=parse::vocab
                    on_valid=set(|c, v| c.reconcile.vocab = v) />
                <NumberField id="why-aspect" label=move || t::why_aspect_label(lang.get())
                    quantity=fields::quantity_aspect hint=fields::hint_why_aspect
                    initial=field_text(config.with_untracked(|c| c.reconcile.aspect)) parse=parse::aspect
                    on_valid=set(|c, v| c.reconcile.aspect = v) />
            </div>
            <Show when=move || from_shape.get()>
                <p class="field-msg" id="why-from-shape">{move || config.with(|c| {
                    let (v, a, _) = c.reconcile_counting();
                    t::why_from_shape(lang.get(), &format!("{v:.0}"), &format!("{a:.3}"))
                })}</p>
            </Show>
            <p class="derived" id="why-omega">{move || answer.with(|a| a.as_ref().map(|a| match &a.omega {
                Ok(w) => t::why_omega(lang.get(), &format!("{w:.0}")),
                Err(e) => t::why_no_omega(lang.get(), e),
            }))}</p>
            <ul class="summaries" id="why-findings">
                {move || answer.with(|a| a.as_ref().map(|a| a.findings(&law_name())).unwrap_or_default())
                    .into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
            </ul>
            <div class="charts why-charts">
                <ChartCard id="local-exponent" title=move || t::local_exponent_chart(lang.get())
                    caption=move || t::local_exponent_caption(lang.get())
                    view=pick(0) dark=dark />
                <ChartCard id="both-ways" title=move || t::both_ways_chart(lang.get())
                    caption=move || t::both_ways_caption(lang.get())
                    view=pick(1) dark=dark />
                <ChartCard id="waterfall" title=move || t::waterfall_chart(lang.get())
                    caption=move || t::waterfall_caption(lang.get())
                    view=pick(2) dark=dark />
            </div>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t::steps_region(lang.get())>
                <table id="why-steps">
                    <caption>{move || answer.with(|a| a.as_ref().map(|a| a.budget_caption()).unwrap_or_default())}</caption>
                    <thead><tr>
                        <th scope="col">{move || t::steps_dataset(lang.get())}</th>
                        <th scope="col">{move || t::steps_step(lang.get())}</th>
                        <th scope="col">{move || t::steps_setup(lang.get())}</th>
                        <th scope="col">{move || t::steps_exponent(lang.get())}</th><th scope="col">"N"</th><th scope="col">"D"</th>
                    </tr></thead>
                    <tbody>
                        {move || answer.with(|a| a.as_ref().map(|a| a.steps.iter().map(|row| {
                            let [dataset, step, setup, exponent, n, d] = step_cells(row);
                            view! { <tr data-step=row.step.id><td>{dataset}</td><td>{step}</td><th scope="row">{setup}</th><td class="exponent">{exponent}</td><td class="n-params">{n}</td><td class="n-tokens">{d}</td></tr> }
                        }).collect_view()))}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
