//! A finished fit: the coefficients with their bootstrap intervals, N_opt and D_opt at the page's
//! budget, the residual plot, and "Use this fit", which makes it the law `fit` on the page.

use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;

use super::fit_runner::FitOutcome;
use crate::app::charts::{draw_sized, keep_drawn, FitBand};
use crate::app::lang::use_lang;
use crate::chart::residuals::{draw_residuals, ResidualAxis, ResidualView};
use crate::chart::style::law_color;
use crate::i18n::{fit as cat, Lang};
use crate::law::quantity::format_flops;
use crate::law::LawId;
use crate::permalink::{Config, FitConfig};
use crate::plan::fit_rows::{allocation_rows, caption, coefficient_rows, held_note, FitRow};

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

/// " Allocation at C = 1.00e21 FLOPs." after a results table's caption.
pub(super) fn allocation_at(lang: Lang, flops: f64) -> String {
    cat::allocation_at(lang, &format_flops(flops))
}

/// The header row of a results table: quantity, estimate, 95 % interval.
pub(super) fn table_head(lang: Lang) -> impl IntoView {
    view! {
        <tr>
            <th scope="col">{cat::quantity(lang)}</th>
            <th scope="col">{cat::estimate(lang)}</th>
            <th scope="col">{cat::interval(lang)}</th>
        </tr>
    }
}

/// The results of `outcome`, with N_opt and D_opt following the page's budget.
#[component]
pub fn FitResultView(outcome: Arc<FitOutcome>, config: RwSignal<Config>) -> impl IntoView {
    let lang = use_lang();
    let for_coefficients = outcome.clone();
    let coefficients = move || {
        coefficient_rows(&for_coefficients.report, lang.get())
            .into_iter()
            .map(row)
            .collect_view()
    };
    let fit_budget = outcome.options.budget_flops;
    let for_allocation = outcome.clone();
    let allocation = move || {
        let flops = config.with(|c| c.flops);
        allocation_rows(&for_allocation.report, fit_budget, flops, lang.get())
            .into_iter()
            .map(row)
            .collect_view()
    };
    let for_caption = outcome.clone();
    let caption = move || {
        let lang = lang.get();
        caption(&for_caption.report, for_caption.elapsed_ms, lang)
            + &held_note(&for_caption.options.constraints, lang)
    };
    let report = &outcome.report;
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
                    <span class="fit-budget">{move || allocation_at(lang.get(), config.with(|c| c.flops))}</span>
                </caption>
                <thead>
                    {move || table_head(lang.get())}
                </thead>
                <tbody>
                    {coefficients}
                    {allocation}
                </tbody>
            </table>
            <div class="fit-use">
                <button type="button" id="fit-use" on:click=use_fit>{move || cat::use_fit(lang.get())}</button>
                <span id="fit-use-status" class="field-msg" aria-live="polite">
                    {move || if in_use() { cat::in_use_fit(lang.get()) } else { "" }}
                </span>
            </div>
            <ResidualChart outcome=outcome.clone() />
        </div>
    }
}

/// The residual plot of `outcome` against C or N.
#[component]
fn ResidualChart(outcome: Arc<FitOutcome>) -> impl IntoView {
    let lang = use_lang();
    let canvas_ref = NodeRef::<Canvas>::new();
    let axis = RwSignal::new(ResidualAxis::Flops);
    let count = outcome.report.residuals.len();
    // Redrawn when the axis, the language, the page's theme or the canvas's width changes.
    keep_drawn(canvas_ref, move |canvas, dark| {
        let view = ResidualView::for_runs(
            axis.get(),
            &outcome.runs,
            &outcome.report.residuals,
            law_color(LawId::Fit),
        )
        .in_lang(lang.get());
        draw(canvas, &view, dark);
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
                <label for="fit-resid-axis">{move || cat::residuals_against(lang.get())}</label>
                <select id="fit-resid-axis" on:change=on_axis>
                    <option value="c" selected=true>{move || cat::residuals_compute(lang.get())}</option>
                    <option value="n">{move || cat::residuals_params(lang.get())}</option>
                </select>
            </div>
            <canvas
                node_ref=canvas_ref
                id="fit-residuals"
                role="img"
                data-points=count
                aria-label=move || cat::residuals_aria(lang.get())
            ></canvas>
            <figcaption>{move || cat::residuals_caption(lang.get())}</figcaption>
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
