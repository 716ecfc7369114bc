//! A finished Approach-1 or Approach-2 fit: a, b and k of N_opt = k·C^a with their bootstrap
//! intervals, N_opt and D_opt at the page's budget, the IsoFLOP chart of the sweep (Approach 2),
//! and "Use this fit", which makes N_opt = k·C^a the law `sweep-fit` on the page.

use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;

use super::fit_results::{allocation_at, row, table_head};
use super::fit_runner::SweepOutcome;
use crate::app::charts::{draw_sized, keep_drawn};
use crate::app::lang::use_lang;
use crate::chart::sweep::{draw_sweep, SweepView};
use crate::fit::ApproachFit;
use crate::i18n::fit as cat;
use crate::permalink::{Config, SweepFitConfig};
use crate::plan::fit_bias::bias_lines;
use crate::plan::fit_rows::{
    envelope_caption, frontier_allocation_rows, frontier_caption, frontier_rows,
};

/// The results of `outcome`, with N_opt and D_opt following the page's budget.
#[component]
pub fn SweepResultView(outcome: Arc<SweepOutcome>, config: RwSignal<Config>) -> impl IntoView {
    let ApproachFit::Frontier(frontier) = &outcome.report.fit else {
        return ().into_any();
    };
    let lang = use_lang();
    let for_rows = frontier.clone();
    let rows = move || {
        frontier_rows(&for_rows, lang.get())
            .into_iter()
            .map(row)
            .collect_view()
    };
    let for_caption = outcome.clone();
    let caption = move || {
        let (o, lang) = (&for_caption, lang.get());
        let ApproachFit::Frontier(frontier) = &o.report.fit else {
            return String::new();
        };
        if o.envelope {
            envelope_caption(frontier, o.runs, o.elapsed_ms, lang)
        } else {
            frontier_caption(frontier, o.runs, o.elapsed_ms, lang)
        }
    };
    let for_allocation = outcome.clone();
    let allocation = move || {
        let flops = config.with(|c| c.flops);
        frontier_allocation_rows(&for_allocation.report, flops, lang.get())
            .into_iter()
            .map(row)
            .collect_view()
    };
    let for_bias = outcome.clone();
    let bias = move || {
        bias_lines(&for_bias.report, lang.get())
            .into_iter()
            .map(|line| view! { <p class="fit-bias-line">{line}</p> })
            .collect_view()
    };
    let (coef, exponent) = outcome.report.params_law();
    let this_fit = SweepFitConfig {
        coef,
        exponent,
        approach: outcome.report.approach,
    };
    let usable = this_fit.is_usable();
    let in_use = move || config.with(|c| c.uses_sweep_fit(&this_fit));
    let use_fit = move |_| {
        if usable {
            config.update(|c| c.use_sweep_fit(this_fit));
        }
    };
    let view = Arc::new(SweepView::of(frontier));
    view! {
        <div class="fit-results" id="fit-results-block">
            <table id="fit-results" data-approach=outcome.report.approach.number().to_string()>
                <caption>
                    {caption}
                    <span class="fit-budget">{move || allocation_at(lang.get(), config.with(|c| c.flops))}</span>
                </caption>
                <thead>
                    {move || table_head(lang.get())}
                </thead>
                <tbody>
                    {rows}
                    {allocation}
                </tbody>
            </table>
            <div id="fit-bias" class="fit-bias" aria-live="polite">{bias}</div>
            <div class="fit-use">
                <button type="button" id="fit-use" on:click=use_fit disabled=!usable>{move || cat::use_fit(lang.get())}</button>
                <span id="fit-use-status" class="field-msg" aria-live="polite">
                    {move || if !usable {
                        cat::unusable_exponent(lang.get())
                    } else if in_use() {
                        cat::in_use_sweep_fit(lang.get())
                    } else { "" }}
                </span>
            </div>
            {(!view.budgets.is_empty()).then(|| view! { <SweepChart view=view.clone() /> })}
        </div>
    }
    .into_any()
}

/// The IsoFLOP chart of the sweep: a colour per budget, parabolas and minima.
#[component]
fn SweepChart(view: Arc<SweepView>) -> impl IntoView {
    let lang = use_lang();
    let canvas_ref = NodeRef::<Canvas>::new();
    let colors = view
        .budgets
        .iter()
        .map(|b| crate::chart::style::hex(b.color))
        .collect::<Vec<_>>()
        .join(" ");
    let count = view.budgets.len();
    keep_drawn(canvas_ref, move |canvas, dark| {
        draw(canvas, &view.as_ref().clone().in_lang(lang.get()), dark);
    });
    view! {
        <figure class="chart fit-sweep-chart">
            <canvas
                node_ref=canvas_ref
                id="fit-sweep"
                role="img"
                data-budgets=count
                data-colors=colors
                aria-label=move || cat::sweep_aria(lang.get())
            ></canvas>
            <figcaption>{move || cat::sweep_caption(lang.get())}</figcaption>
        </figure>
    }
}

fn draw(canvas: &web_sys::HtmlCanvasElement, view: &SweepView, dark: bool) {
    draw_sized(
        canvas,
        (0.55, (260.0, 420.0)),
        dark,
        "sweep chart",
        |area, style| draw_sweep(area, view, style),
    );
}
