//! A finished fit: the coefficients with their bootstrap intervals, N_opt and D_opt at the page's
//! budget, the residual plot, and "Use this fit", which makes it the law `fit` on the page.

use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;

use super::fit_runner::FitOutcome;
use crate::app::canvas::MeasuredCanvas;
use crate::chart::residuals::{draw_residuals, ResidualAxis, ResidualView};
use crate::chart::style::law_color;
use crate::chart::ChartStyle;
use crate::fit::Method;
use crate::law::loss::LossParams;
use crate::law::quantity::{format_count, format_flops};
use crate::permalink::{Config, FitConfig};

/// The id of the user's fit among the page's laws (as `permalink` spells it).
pub const FIT_LAW: &str = "fit";

/// `x` to `digits` significant figures; scientific outside [0.001, 10⁶); "—" if not finite.
#[must_use]
pub fn significant(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let magnitude = x.abs().log10().floor() as i32;
    if (-3..6).contains(&magnitude) {
        let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
        format!("{x:.decimals$}")
    } else {
        let decimals = digits.saturating_sub(1);
        format!("{x:.decimals$e}")
    }
}

/// The configuration entry for a fitted law.
fn fit_config(p: &LossParams, outcome: &FitOutcome) -> FitConfig {
    FitConfig {
        e: p.e,
        a: p.a,
        b: p.b,
        alpha: p.alpha,
        beta: p.beta,
        paper_method: outcome.report.fit.method == Method::Paper,
        delta: outcome.options.delta,
    }
}

/// One row of the results table.
fn row(
    key: &'static str,
    label: &'static str,
    estimate: String,
    interval: Option<String>,
) -> impl IntoView {
    view! {
        <tr data-coef=key>
            <th scope="row">{label}</th>
            <td class="estimate">{estimate}</td>
            <td class="interval">{interval.unwrap_or_else(|| "—".to_string())}</td>
        </tr>
    }
}

/// The results of `outcome`, with N_opt and D_opt following the page's budget.
#[component]
pub fn FitResultView(outcome: Arc<FitOutcome>, config: RwSignal<Config>) -> impl IntoView {
    let fit = &outcome.report.fit;
    let p = fit.params;
    let ci = outcome.report.ci.clone();
    let interval = |name: &str, fmt: fn(f64) -> String| {
        ci.as_ref()
            .and_then(|ci| ci.get(name))
            .map(|[lo, hi]| format!("{} – {}", fmt(lo), fmt(hi)))
    };
    let s4 = |x: f64| significant(x, 4);
    let coefficients = vec![
        row("E", "E", s4(p.e), interval("E", s4)),
        row("A", "A", s4(p.a), interval("A", s4)),
        row("B", "B", s4(p.b), interval("B", s4)),
        row("alpha", "α", s4(p.alpha), interval("alpha", s4)),
        row("beta", "β", s4(p.beta), interval("beta", s4)),
        row(
            "a",
            "a = β/(α+β)",
            s4(p.params_exponent()),
            interval("a", s4),
        ),
        row(
            "b",
            "b = α/(α+β)",
            s4(p.tokens_exponent()),
            interval("b", s4),
        ),
        row("G", "G", s4(p.g()), None),
        row("objective", "Objective Σ Huber", s4(fit.objective), None),
        row("n_points", "Runs fitted", fit.n_points.to_string(), None),
    ];
    let fit_budget = outcome.options.budget_flops;
    let allocation_interval = ci.clone();
    let allocation = move || {
        let flops = config.with(|c| c.flops);
        let (n, d) = p.optimal(flops);
        let same_budget = fit_budget == Some(flops);
        let interval = |name: &str| -> Option<String> {
            if !same_budget {
                return Some("run again for this budget".to_string());
            }
            allocation_interval
                .as_ref()
                .and_then(|ci| ci.get(name))
                .map(|[lo, hi]| format!("{} – {}", format_count(lo), format_count(hi)))
        };
        view! {
            {row("N_opt", "N_opt at the budget", format_count(n), interval("N_opt"))}
            {row("D_opt", "D_opt at the budget", format_count(d), interval("D_opt"))}
        }
    };
    let caption = match &ci {
        Some(ci) => format!(
            "Fit of {} runs ({}, {:.0} ms); 95 % percentile intervals from {} bootstrap resamples{}.",
            fit.n_points,
            fit.method.name(),
            outcome.elapsed_ms,
            ci.resamples,
            if ci.failed > 0 {
                format!(" ({} refits failed and were left out)", ci.failed)
            } else {
                String::new()
            }
        ),
        None => format!(
            "Fit of {} runs ({}, {:.0} ms); no bootstrap, so no intervals.",
            fit.n_points,
            fit.method.name(),
            outcome.elapsed_ms
        ),
    };
    let this_fit = fit_config(&p, &outcome);
    let in_use =
        move || config.with(|c| c.fit == Some(this_fit) && c.laws.iter().any(|l| l == FIT_LAW));
    let band_samples = ci.as_ref().map(|ci| Arc::new(ci.samples.clone()));
    let use_fit = move |_| {
        if let Some(crate::app::charts::FitBand(band)) =
            use_context::<crate::app::charts::FitBand>()
        {
            band.set(band_samples.clone().map(|s| (this_fit, s)));
        }
        config.update(|c| {
            c.fit = Some(this_fit);
            if !c.laws.iter().any(|l| l == FIT_LAW) {
                c.laws.push(FIT_LAW.to_string());
            }
        });
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
    Effect::new(move |_| {
        let axis = axis.get();
        if let Some(canvas) = canvas_ref.get() {
            let xs: Vec<f64> = outcome
                .runs
                .iter()
                .map(|r| match axis {
                    ResidualAxis::Flops => r.flops,
                    ResidualAxis::Params => r.n_params,
                })
                .collect();
            let view = ResidualView::new(axis, &xs, &outcome.report.residuals, law_color(FIT_LAW));
            draw(&canvas, &view);
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

fn draw(canvas: &web_sys::HtmlCanvasElement, view: &ResidualView) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let scale = window.device_pixel_ratio();
    let dark = window
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    let css_width = f64::from(canvas.client_width()).max(320.0);
    let css_height = (css_width * 0.45).clamp(220.0, 360.0);
    canvas.set_width((css_width * scale).round() as u32);
    canvas.set_height((css_height * scale).round() as u32);
    let Some(backend) = MeasuredCanvas::new(canvas) else {
        return;
    };
    let area = backend.into_drawing_area();
    let style = if dark {
        ChartStyle::dark(scale)
    } else {
        ChartStyle::light(scale)
    };
    if let Err(e) = draw_residuals(&area, view, &style) {
        web_sys::console::warn_1(&format!("residual chart not drawn: {e}").into());
    }
}
