//! A finished fit: the coefficients with their bootstrap intervals, N_opt and D_opt at the page's
//! budget, the residual plot, and "Use this fit", which makes it the law `fit` on the page.

use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;

use super::fit_runner::FitOutcome;
use crate::app::charts::{draw_sized, observe_width, Dark, FitBand};
use crate::chart::residuals::{draw_residuals, ResidualAxis, ResidualView};
use crate::chart::style::law_color;
use crate::fit::table::{allocation_rows, caption, coefficient_rows, held_note, FitRow};
use crate::law::quantity::format_flops;
use crate::law::LawId;
use crate::permalink::{Config, FitConfig};

/// One row of the results table (Approach 3's and the sweeps').
pub(super) fn row(r: FitRow) -> impl IntoView {
    view! {
        <tr data-coef=r.key>
            <th scope="row">{r.label}</th>
            <td class="estimate">{r.estimate}</td>
            <td class="interval">{r.interval}</td>
        </tr>
    }
}

/// The results of `outcome`, with N_opt and D_opt following the page's budget.
#[component]
pub fn FitResultView(outcome: Arc<FitOutcome>, config: RwSignal<Config>) -> impl IntoView {
    let report = &outcome.report;
    let coefficients = coefficient_rows(report).into_iter().map(row).collect_view();
    let fit_budget = outcome.options.budget_flops;
    let for_allocation = outcome.clone();
    let allocation = move || {
        let flops = config.with(|c| c.flops);
        allocation_rows(&for_allocation.report, fit_budget, flops)
            .into_iter()
            .map(row)
            .collect_view()
    };
    let caption = caption(report, outcome.elapsed_ms) + &held_note(&outcome.options.constraints);
    let this_fit = FitConfig::of(report.fit.params, report.fit.method, outcome.options.delta);
    let in_use = move || config.with(|c| c.uses_fit(&this_fit));
    let band_samples = report.ci.as_ref().map(|ci| Arc::new(ci.samples.clone()));
    let use_fit = move |_| {
        if let Some(FitBand(band)) = use_context::<FitBand>() {
            band.set(band_samples.clone().map(|s| (this_fit, s)));
        }
        config.update(|c| c.use_fit(this_fit));
    };
    view! {
        <div class="fit-results" id="fit-results-block">
            <table id="fit-results">
                <caption>
                    {caption}
                    <span class="fit-budget">{move || format!(" Allocation at C = {} FLOPs.", format_flops(config.with(|c| c.flops)))}</span>
                </caption>
                <thead>
                    <tr><th scope="col">"Quantity"</th><th scope="col">"Estimate"</th><th scope="col">"95 % interval"</th></tr>
                </thead>
                <tbody>
                    {coefficients}
                    {allocation}
                </tbody>
            </table>
            <div class="fit-use">
                <button type="button" id="fit-use" on:click=use_fit>"Use this fit"</button>
                <span id="fit-use-status" class="field-msg" aria-live="polite">
                    {move || if in_use() { "In use: the law “fit” is in the results table and the charts." } else { "" }}
                </span>
            </div>
            <ResidualChart outcome=outcome.clone() />
        </div>
    }
}

/// The residual plot of `outcome` against C or N.
#[component]
fn ResidualChart(outcome: Arc<FitOutcome>) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let axis = RwSignal::new(ResidualAxis::Flops);
    let count = outcome.report.residuals.len();
    let width = observe_width(canvas_ref);
    let dark = use_context::<Dark>().map(|Dark(d)| d);
    // Redrawn when the axis, the page's theme or the canvas's width changes.
    Effect::new(move |_| {
        let axis = axis.get();
        let dark = dark.is_some_and(|d| d.get());
        let _ = width.get();
        if let Some(canvas) = canvas_ref.get() {
            let view = ResidualView::for_runs(
                axis,
                &outcome.runs,
                &outcome.report.residuals,
                law_color(LawId::Fit),
            );
            draw(&canvas, &view, dark);
        }
    });
    let on_axis = move |ev| {
        axis.set(if event_target_value(&ev) == "n" {
            ResidualAxis::Params
        } else {
            ResidualAxis::Flops
        });
    };
    view! {
        <figure class="chart fit-residual-chart">
            <div class="field fit-option">
                <label for="fit-resid-axis">"Residuals against"</label>
                <select id="fit-resid-axis" on:change=on_axis>
                    <option value="c" selected=true>"compute C"</option>
                    <option value="n">"parameters N"</option>
                </select>
            </div>
            <canvas
                node_ref=canvas_ref
                id="fit-residuals"
                role="img"
                data-points=count
                aria-label="Residuals ln L̂ − ln L of each fitted run against compute or model size, log x axis"
            ></canvas>
            <figcaption>"Residuals ln L̂ − ln L: above zero the law predicts a higher loss than the run reached."</figcaption>
        </figure>
    }
}

fn draw(canvas: &web_sys::HtmlCanvasElement, view: &ResidualView, dark: bool) {
    draw_sized(
        canvas,
        (0.45, (220.0, 360.0)),
        dark,
        "residual chart",
        |area, style| draw_residuals(area, view, style),
    );
}
