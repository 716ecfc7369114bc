//! The N_opt-vs-C chart on a `<canvas>`, redrawn when the budget changes.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;

use super::canvas::MeasuredCanvas;
use crate::chart::frontier::params_view;
use crate::chart::style::{hex, law_color};
use crate::chart::{draw_frontier, ChartStyle};
use crate::law::{preset, Law};
use crate::permalink::Config;

/// Chart 1: compute-optimal parameters against compute, one line per law.
#[component]
pub fn FrontierChart(config: RwSignal<Config>) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let laws = Memo::new(move |_| {
        config.with(|c| {
            c.laws
                .iter()
                .filter_map(|id| preset(id))
                .collect::<Vec<_>>()
        })
    });
    let colors = move || {
        laws.with(|laws| {
            laws.iter()
                .map(|law| hex(law_color(&law.id)))
                .collect::<Vec<_>>()
                .join(",")
        })
    };
    Effect::new(move |_| {
        let budget = config.with(|c| c.flops);
        if let Some(canvas) = canvas_ref.get() {
            laws.with(|laws| draw(&canvas, laws, budget));
        }
    });
    view! {
        <figure class="chart">
            <canvas
                node_ref=canvas_ref
                id="chart-params"
                role="img"
                aria-label="Compute-optimal parameter count against training compute, log-log, one line per law, with the budget marked"
                data-series-colors=colors
            ></canvas>
            <figcaption>"Compute-optimal parameters N against training compute C."</figcaption>
        </figure>
    }
}

fn draw(canvas: &web_sys::HtmlCanvasElement, laws: &[Law], budget: f64) {
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
    let css_height = (css_width * 0.6).clamp(260.0, 480.0);
    canvas.set_width((css_width * scale).round() as u32);
    canvas.set_height((css_height * scale).round() as u32);
    let Some(backend) = MeasuredCanvas::new(canvas) else {
        return;
    };
    let area = backend.into_drawing_area();
    let view = params_view(laws, Some(budget));
    let style = if dark {
        ChartStyle::dark(scale)
    } else {
        ChartStyle::light(scale)
    };
    if let Err(e) = draw_frontier(&area, &view, &style) {
        web_sys::console::warn_1(&format!("chart not drawn: {e}").into());
    }
}
