//! The training recipe: the schedule, warm-up, context and a run already chosen (all in the
//! link), the table of peak learning rates, batches and steps per law and fit, and the chart of
//! the learning rate against the tokens. Everything shown comes from `plan::recipe` and
//! `chart::views::schedule_view`.

use leptos::prelude::*;

use super::charts::ChartCard;
use super::field::NumberField;
use super::lang::use_lang;
use crate::chart::views::schedule_view;
use crate::i18n::recipe as t;
use crate::law::hyper::Schedule;
use crate::law::quantity::field as parse;
use crate::permalink::{field_text, Config};
use crate::plan::recipe::{cells, recipes, LawRecipe, RecipeSetup};
use crate::plan::Plan;

/// The classes of a fit's cells, in [`cells`]'s order (the end-to-end tests read them).
const CELL_CLASSES: [&str; 10] = [
    "source",
    "lr",
    "lr-interval",
    "batch",
    "sequences",
    "steps",
    "warmup",
    "step-time",
    "run-time",
    "range",
];

/// The column headers, in the table's order.
const HEADERS: [fn(crate::i18n::Lang) -> &'static str; 11] = [
    t::col_law,
    t::col_source,
    t::col_lr,
    t::col_interval,
    t::col_batch,
    t::col_sequences,
    t::col_steps,
    t::col_warmup,
    t::col_step_time,
    t::col_run_time,
    t::col_range,
];

/// The text a field starts with: the value, or empty when unset.
fn initial(value: Option<f64>) -> String {
    value.map(field_text).unwrap_or_default()
}

/// One law's rows: the law's cell (name, N and D, the model) over its fits' rows.
fn law_rows(row: &LawRecipe, lang: crate::i18n::Lang) -> impl IntoView {
    use crate::law::quantity::format_count_in;
    let heading = format!(
        "{} · N = {}, D = {}",
        row.name,
        format_count_in(row.n_params, lang),
        format_count_in(row.n_tokens, lang)
    );
    let model = match &row.model {
        Ok(m) => m.describe(lang),
        Err(e) => e.text(lang),
    };
    let span = row.recipes.len().max(1);
    let id = row.id.clone();
    row.recipes
        .iter()
        .enumerate()
        .map(|(i, (law, r))| {
            let first = (i == 0).then(|| {
                view! {
                    <th scope="rowgroup" rowspan=span class="recipe-law">
                        <span class="recipe-name">{heading.clone()}</span>
                        <span class="recipe-model muted">{model.clone()}</span>
                    </th>
                }
            });
            // One cell per column, its class the column's: (class, text, columns spanned).
            let body: Vec<(&'static str, String, usize)> = match r {
                Ok(r) => {
                    let outside = !r.configured.peak.in_fitted_range();
                    CELL_CLASSES
                        .into_iter()
                        .zip(cells(*law, r, lang))
                        .map(|(class, text)| {
                            let class = if class == "range" && outside {
                                "range outside"
                            } else {
                                class
                            };
                            (class, text, 1)
                        })
                        .collect()
                }
                Err(e) => vec![
                    ("source", law.name().to_string(), 1),
                    ("recipe-error error", e.text(lang), CELL_CLASSES.len() - 1),
                ],
            };
            let body = body
                .into_iter()
                .map(|(class, text, span)| view! { <td class=class colspan=span>{text}</td> })
                .collect_view();
            view! { <tr data-law=id.clone() data-source=law.id()>{first}{body}</tr> }
        })
        .collect_view()
}

/// The section.
#[component]
pub fn RecipeSection(
    config: RwSignal<Config>,
    plan: Memo<Plan>,
    dark: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    // Plain closures where a memo would only save a comparison: each memo's type is code.
    let all = Memo::new(move |_| {
        config.with(|c| plan.with(|p| recipes(p, &RecipeSetup::from(c), c.lang)))
    });
    // Below the first screen: the section follows the answer just after the keystroke's frame.
    let all = super::timing::after_paint(all);
    let chart = Memo::new(move |_| all.with(|r| schedule_view(r, lang.get())));
    let schedule = move || config.with(|c| c.recipe.schedule);
    let half_run =
        move || config.with(|c| c.recipe.run_params.is_some() != c.recipe.run_tokens.is_some());
    let set =
        |apply: fn(&mut Config, Option<f64>)| move |v: Option<f64>| config.update(|c| apply(c, v));
    let r0 = config.with_untracked(|c| c.recipe);
    view! {
        <section id="recipe" class="recipe">
            <h2>{move || t::title(lang.get())}</h2>
            <p class="recipe-intro">{move || t::intro(lang.get())}</p>
            <div class="field-row">
                <div class="field">
                    <label for="recipe-schedule">{move || t::label_schedule(lang.get())}</label>
                    <select id="recipe-schedule" on:change=move |ev| {
                        if let Some(s) = Schedule::from_id(&event_target_value(&ev)) { config.update(|c| c.recipe.schedule = s) }
                    }>
                        {Schedule::ALL.into_iter().map(|s| view! {
                            <option value=s.id() prop:selected=move || schedule() == s>{move || s.label(lang.get())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <NumberField id="recipe-warmup" label=move || t::label_warmup(lang.get())
                    quantity=t::quantity_warmup hint=t::hint_warmup
                    initial=initial(r0.warmup.map(|w| w as f64)) parse=parse::warmup
                    on_valid=set(|c, v| c.recipe.warmup = v.map(|w| w as u64)) />
                <NumberField id="recipe-context" label=move || t::label_context(lang.get())
                    quantity=t::quantity_context hint=t::hint_context
                    initial=initial(r0.context) parse=parse::context
                    on_valid=set(|c, v| c.recipe.context = v) />
                <NumberField id="recipe-run-params" label=move || t::label_run_params(lang.get())
                    quantity=crate::i18n::fields::quantity_params hint=t::hint_run_params
                    initial=initial(r0.run_params) parse=parse::optional_params
                    on_valid=set(|c, v| c.recipe.run_params = v) />
                <NumberField id="recipe-run-tokens" label=move || t::label_run_tokens(lang.get())
                    quantity=crate::i18n::fields::quantity_tokens hint=t::hint_run_tokens
                    initial=initial(r0.run_tokens) parse=parse::optional_tokens
                    on_valid=set(|c, v| c.recipe.run_tokens = v) />
            </div>
            <Show when=half_run>
                <p class="field-msg" id="recipe-run-needs-both">{move || t::run_needs_both(lang.get())}</p>
            </Show>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t::table_region(lang.get())>
                <table id="recipe-table">
                    <caption>{move || t::caption(lang.get(), &schedule().label(lang.get()))}</caption>
                    <thead><tr>
                        {HEADERS.into_iter().map(|h| view! { <th scope="col">{move || h(lang.get())}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {move || all.with(|r| r.rows.iter().map(|row| law_rows(row, lang.get())).collect_view())}
                    </tbody>
                </table>
            </div>
            <div class="charts recipe-charts">
                <ChartCard id="schedule" title=move || t::chart_title(lang.get())
                    caption=move || t::chart_caption(lang.get())
                    view=chart.into() dark=dark />
            </div>
        </section>
    }
}
