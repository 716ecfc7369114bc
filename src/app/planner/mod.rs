//! "Plan your own IsoFLOP sweep": the design's inputs (all in the link), the runs with a shape
//! for each N and the CSV the fit panel reads, and what the design will tell you — simulated in
//! the fitter's web workers whenever the inputs change, so typing never waits for them. The
//! numbers and words come from `plan::planner` and `chart::planner`.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::charts::ChartCard;
use crate::app::fit_panel::{RunState, Runner};
use crate::app::lang::use_lang;
use crate::app::results::{copy_text, status_text, Copied};
use crate::chart::planner::{bias_view, error_view};
use crate::fit::design::DesignField;
use crate::fit::jobs::worker::{decode_cells, PlanRequest};
use crate::i18n::{sweep as t, Lang};
use crate::law::LawId;
use crate::permalink::Config;
use crate::plan::planner::{self, Chosen, PlannerSetup};
use crate::plan::{law_choices, Plan};

mod fields;
use fields::{input_view, INPUTS};

/// How long the inputs must rest before the workers start on them, in milliseconds.
const SETTLE_MS: u64 = 300;

/// Downloads `text` as `name` (a CSV).
fn download_csv(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv");
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
            super::charts::download(name, &url);
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }
}

/// The section.
#[component]
pub fn PlannerSection(
    config: RwSignal<Config>,
    plan: Memo<Plan>,
    dark: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let setup = Memo::new(move |_| config.with(|c| plan.with(|p| planner::setup(c, p))));
    let request = Memo::new(move |_| setup.with(PlannerSetup::request));
    let runner = Runner::new();
    // The simulations run once the reader asks for them (Simulate, an edit here, or a link that
    // sets the planner's inputs), not because the section scrolled past.
    let active = RwSignal::new(config.with_untracked(|c| c.planner.is_set()));
    // The request the workers were given last, and, once they have finished it, its designs.
    let asked = StoredValue::new(None::<PlanRequest>);
    let finished = Memo::new(move |_| match runner.state.get() {
        RunState::Planned(bytes) => {
            Some((asked.get_value()?, Arc::new(decode_cells(&bytes).ok()?)))
        }
        _ => None,
    });
    Effect::new(move |_| {
        if !active.get() {
            return;
        }
        let Some(r) = request.get() else {
            runner.cancel();
            return;
        };
        if finished.with_untracked(|f| f.as_ref().is_some_and(|(q, _)| *q == r)) {
            return;
        }
        set_timeout(
            move || {
                if request.get_untracked().as_ref() == Some(&r) {
                    runner.plan(r.encode());
                    asked.set_value(Some(r));
                }
            },
            std::time::Duration::from_millis(SETTLE_MS),
        );
    });
    Effect::new(move |_| {
        // Idle workers are let go: the page keeps none while nothing is simulated.
        if matches!(runner.state.get(), RunState::Planned(_)) {
            runner.release();
        }
    });
    // The designs simulated for the inputs as they are now, if the workers have finished them.
    let cells = Memo::new(move |_| {
        let now = request.get()?;
        finished.with(|f| {
            f.as_ref()
                .filter(|(q, _)| *q == now)
                .map(|(_, c)| Arc::clone(c))
        })
    });
    let chosen = Memo::new(move |_| {
        cells
            .get()
            .and_then(|c| setup.with(|s| planner::chosen(s, &c)))
    });
    // The runs shown: the chosen design's, else the provisional one's while it is simulated.
    let runs = Memo::new(move |_| {
        if let Some(c) = chosen.get() {
            return Some((c.design, c.runs));
        }
        setup.with(|s| {
            let (law, _) = s.law.as_ref()?;
            if !s.problems.is_empty() {
                return None;
            }
            let d = s.provisional();
            d.runs(law).ok().map(|r| (d, r))
        })
    });
    let status = move || {
        let lang = lang.get();
        match runner.state.get() {
            RunState::Running { done, total } if cells.with(Option::is_none) => {
                t::simulating(lang, &done, &total)
            }
            RunState::Failed(why) => t::worker_failed(lang, &why.text(lang)),
            _ => String::new(),
        }
    };
    let choices = Memo::new(move |_| {
        config.with(|c| {
            law_choices(c)
                .into_iter()
                .filter(|l| l.loss_params().is_some())
                .map(|l| (l.id, l.name))
                .collect::<Vec<_>>()
        })
    });
    let law = Memo::new(move |_| config.with(|c| c.planner.law));
    let copied = RwSignal::new(None::<Copied>);
    let copy_status = status_text(copied);
    let csv = move || runs.with(|r| r.as_ref().map(|(_, runs)| planner::csv(runs)));
    let bias_chart = Memo::new(move |_| {
        let lang = lang.get();
        cells.with(|c| match c {
            Some(c) => bias_view(c, lang),
            None => crate::chart::views::ChartView::Empty(t::simulating(lang, &0, &0)),
        })
    });
    let error_chart = Memo::new(move |_| {
        let lang = lang.get();
        let used = chosen.with(|c| c.as_ref().map(|c| (c.design.width, c.design.sizes)));
        cells.with(|c| match c {
            Some(c) => error_view(c, used, lang),
            None => crate::chart::views::ChartView::Empty(t::simulating(lang, &0, &0)),
        })
    });
    view! {
        <section id="planner" class="planner">
            <h2>{move || t::title(lang.get())}</h2>
            <p class="planner-intro">{move || t::intro(lang.get())}</p>
            <div class="field-row">
                <div class="field">
                    <label for="plan-law">{move || t::label_law(lang.get())}</label>
                    <select id="plan-law" on:change=move |ev| {
                        active.set(true);
                        if let Some(id) = LawId::parse(&event_target_value(&ev)) { config.update(|c| c.planner.law = id) }
                    }>
                        {move || choices.get().into_iter().map(|(id, name)| view! {
                            <option value=id.as_str() selected=move || law.get() == id>{name}</option>
                        }).collect_view()}
                    </select>
                    <p class="field-msg error" id="plan-law-msg">
                        {move || setup.with(|s| s.problem(DesignField::Law, lang.get())).unwrap_or_default()}
                    </p>
                </div>
                {INPUTS.into_iter().map(|i| input_view(i, config, setup, active)).collect_view()}
            </div>
            <Show when=move || !active.get()>
                <button type="button" id="plan-simulate" on:click=move |_| active.set(true)>
                    {move || t::simulate(lang.get())}
                </button>
            </Show>
            <p class="planner-status muted" id="plan-status" aria-live="polite"
                data-state=move || runner.state.with(RunState::id)>{status}</p>
            {move || chosen_view(chosen.get(), runs.get(), lang.get())}
            <div class="planner-actions">
                <button type="button" id="plan-download" disabled=move || runs.with(Option::is_none)
                    on:click=move |_| { if let Some(text) = csv() { download_csv("isoflop-sweep.csv", &text) } }>
                    {move || t::download_csv(lang.get())}
                </button>
                <button type="button" id="plan-copy" disabled=move || runs.with(Option::is_none)
                    on:click=move |_| { if let Some(text) = csv() { copy_text(text, copied, t::csv_what) } }>
                    {move || t::copy_csv(lang.get())}
                </button>
                <span class="muted" aria-live="polite">{copy_status}</span>
                <p class="muted">{move || t::csv_note(lang.get())}</p>
            </div>
            <div class="charts planner-charts">
                <ChartCard id="plan-bias" title=move || t::chart_bias_title(lang.get())
                    caption=move || t::chart_bias_caption(lang.get())
                    view=bias_chart.into() dark=dark />
                <ChartCard id="plan-error" title=move || t::chart_error_title(lang.get())
                    caption=move || t::chart_error_caption(lang.get())
                    view=error_chart.into() dark=dark />
            </div>
        </section>
    }
}

/// What the chosen design will tell you, and its runs.
fn chosen_view(
    chosen: Option<Chosen>,
    runs: Option<(
        crate::fit::design::SweepDesign,
        Vec<crate::fit::design::PlannedRun>,
    )>,
    lang: Lang,
) -> impl IntoView {
    let Some((design, runs)) = runs else {
        return ().into_any();
    };
    let provisional = chosen
        .is_none()
        .then(|| view! { <p id="plan-provisional" class="muted">{t::provisional(lang)}</p> });
    let simulated = chosen.as_ref().map(|c| {
        let note = if c.by_simulation {
            t::chosen_by_simulation(lang, &c.compared)
        } else {
            t::as_typed(lang).to_string()
        };
        let rows = planner::spread_rows(&c.simulated, lang)
            .into_iter()
            .enumerate()
            .map(|(i, cells)| {
                let cells = cells
                    .into_iter()
                    .map(|text| view! { <td>{text}</td> })
                    .collect_view();
                view! { <tr data-approach=if i == 0 { "2" } else { "3" }>{cells}</tr> }
            })
            .collect_view();
        view! {
            <p id="plan-chosen">{note}</p>
            <div class="table-wrap" tabindex="0" role="region">
                <table id="plan-simulated">
                    <caption>{planner::simulated_caption(&c.simulated, lang)}</caption>
                    <thead><tr>
                        {[t::col_approach, t::col_n_bias, t::col_n_range, t::col_d_bias, t::col_d_range, t::col_error]
                            .into_iter().map(|h| view! { <th scope="col">{h(lang)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p id="plan-unusable">{planner::unusable_line(&c.simulated, lang)}</p>
        }
    });
    let rows = planner::run_rows(&runs, lang)
        .into_iter()
        .map(|cells| {
            let cells = cells
                .into_iter()
                .map(|text| view! { <td>{text}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <p id="plan-summary">{planner::summary(&design, &runs, lang)}</p>
        {provisional}
        {simulated}
        <div class="table-wrap planner-runs" tabindex="0" role="region" aria-label=t::table_region(lang)>
            <table id="plan-runs">
                <caption>{t::runs_caption(lang)}</caption>
                <thead><tr>
                    {[t::col_budget, t::col_params, t::col_tokens, t::col_ratio, t::col_shape]
                        .into_iter().map(|h| view! { <th scope="col">{h(lang)}</th> }).collect_view()}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
