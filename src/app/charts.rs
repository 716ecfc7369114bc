//! The page's charts: drawn by the functions in `chart/` on a `<canvas>`, crisp on HiDPI screens,
//! redrawn on resize and theme change, with a crosshair and readout under the pointer, and
//! downloadable as PNG (the canvas) or SVG (the same drawing code on plotters' SVG backend).

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use wasm_bindgen::JsCast;

use super::canvas::{Measured, MeasuredCanvas};
use super::lang::use_lang;
use super::timing::{self, after_next_paint};
use crate::chart::views::{comparison_views, more_views, ChartView, FitSamples};
use crate::chart::{ChartStyle, Drawn};
use crate::i18n::results as t;
use crate::permalink::Config;
use crate::plan::Plan;

/// The bootstrap resamples of the fit in use, for its confidence band; set by "Use this fit"
/// and shown only while the configuration's fit is that one (a fit from a link has no band).
#[derive(Clone, Copy)]
pub struct FitBand(pub RwSignal<Option<FitSamples>>);

/// Whether the page is dark (the theme toggle, or the system's preference under `auto`), for
/// every canvas on the page.
#[derive(Clone, Copy)]
pub struct Dark(pub Signal<bool>);

/// The CSS width of `canvas`, followed as the layout changes, so charts redraw on resize.
pub fn observe_width(canvas_ref: NodeRef<Canvas>) -> RwSignal<f64> {
    let width = RwSignal::new(0.0f64);
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
            move |entries: js_sys::Array| {
                // The observer outlives its component (a fit's results are replaced by the next
                // fit's), and fires once more when its canvas leaves the page: a disposed signal
                // is left alone rather than read.
                if let Some(entry) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
                    let w = entry.content_rect().width();
                    if width
                        .try_get_untracked()
                        .is_some_and(|old| (w - old).abs() > 0.5)
                    {
                        width.try_set(w);
                    }
                }
            },
        );
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&canvas);
        }
        callback.forget();
    });
    width
}

/// Draws on the canvas of `canvas_ref` with `draw` (given the canvas and whether the page is
/// dark) once it is on the page, and again whenever the theme, the canvas's width or a signal
/// `draw` reads changes: the fit panel's charts, which have no hover or deferral.
pub fn keep_drawn(
    canvas_ref: NodeRef<Canvas>,
    draw: impl Fn(&web_sys::HtmlCanvasElement, bool) + 'static,
) {
    let width = observe_width(canvas_ref);
    let dark = use_context::<Dark>().map(|Dark(d)| d);
    Effect::new(move |_| {
        let dark = dark.is_some_and(|d| d.get());
        let _ = width.get();
        if let Some(canvas) = canvas_ref.get() {
            draw(&canvas, dark);
        }
    });
}

/// Whether `canvas` is within (or near) the window, followed as the page scrolls. Starts true,
/// so every chart is drawn once before the observer first reports.
fn observe_visible(canvas_ref: NodeRef<Canvas>) -> RwSignal<bool> {
    let visible = RwSignal::new(true);
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
            move |entries: js_sys::Array| {
                let seen = entries
                    .iter()
                    .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                    .next_back()
                    .map(|e| e.is_intersecting());
                if let Some(seen) = seen {
                    if visible.try_get_untracked().is_some_and(|old| old != seen) {
                        visible.try_set(seen);
                    }
                }
            },
        );
        let options = web_sys::IntersectionObserverInit::new();
        // A margin, so a chart scrolled towards is drawn before it shows.
        options.set_root_margin("200px");
        if let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &options,
        ) {
            observer.observe(&canvas);
        }
        callback.forget();
    });
    visible
}

/// A chart out of sight is redrawn this long after the last change, off the typing path.
const OFF_SCREEN_DELAY: std::time::Duration = std::time::Duration::from_millis(150);

/// Canvas pixels per CSS pixel: the screen's ratio, and at least 2, so lines drawn on
/// plotters' whole-pixel grid show no stair steps on a 1× screen.
pub fn canvas_scale() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(2.0)
}

/// Sizes a fit-panel canvas to its CSS width × `ratio` (height within `heights`, CSS pixels)
/// at [`canvas_scale`] and draws on it with `draw`; a failure is a console warning naming `what`.
pub fn draw_sized<T, E: std::fmt::Display>(
    canvas: &web_sys::HtmlCanvasElement,
    (ratio, heights): (f64, (f64, f64)),
    dark: bool,
    what: &str,
    draw: impl FnOnce(&DrawingArea<MeasuredCanvas, plotters::coord::Shift>, &ChartStyle) -> Result<T, E>,
) {
    let scale = canvas_scale();
    let css_width = f64::from(canvas.client_width()).max(320.0);
    let css_height = (css_width * ratio).clamp(heights.0, heights.1);
    canvas.set_width((css_width * scale).round() as u32);
    canvas.set_height((css_height * scale).round() as u32);
    let Some(backend) = MeasuredCanvas::new(canvas) else {
        return;
    };
    let area = backend.into_drawing_area();
    if let Err(e) = draw(&area, &ChartStyle::themed(dark, scale)) {
        web_sys::console::warn_1(&format!("{what} not drawn: {e}").into());
    }
}

/// Saves `href` as a file called `name`.
pub(crate) fn download(name: &str, href: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(href);
        a.set_download(name);
        a.click();
    }
}

fn download_svg(name: &str, view: &ChartView, size: (u32, u32), dark: bool) {
    let mut svg = String::new();
    {
        let Some(backend) = Measured::svg(&mut svg, size) else {
            return;
        };
        let area = backend.into_drawing_area();
        view.draw(&area, &ChartStyle::themed(dark, 1.0));
    }
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
            download(name, &url);
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }
}

/// One chart card: title, canvas, readout, downloads.
#[component]
pub fn ChartCard(
    id: &'static str,
    /// The card's heading, in the page's language (a string, or a closure that follows it).
    #[prop(into)]
    title: TextProp,
    /// What the chart shows: the canvas's accessible name and the figure's caption.
    #[prop(into)]
    caption: TextProp,
    view: Signal<ChartView>,
    dark: Signal<bool>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let hover = RwSignal::new(None::<(f64, f64)>);
    let width = observe_width(canvas_ref);
    let drawn = StoredValue::new(None::<Drawn>);

    let visible = observe_visible(canvas_ref);
    let pending = StoredValue::new(0u64);

    let draw = move |at: Option<(f64, f64)>, dark: bool| {
        let Some(canvas) = canvas_ref.get_untracked() else {
            return;
        };
        view.with_untracked(|v| {
            let result = draw_on(&canvas, &v.with_hover(at), dark);
            // Where the plot, the legend and the placed labels are, in canvas pixels: the
            // end-to-end tests check that nothing overlaps.
            if let Some(d) = &result {
                let (l, r, t, b) = d.pixels;
                let boxes = |bs: &[crate::chart::PixelBox]| {
                    bs.iter()
                        .map(|(a, b, c, e)| format!("{a},{b},{c},{e}"))
                        .collect::<Vec<_>>()
                        .join(";")
                };
                let _ = canvas.set_attribute("data-plot-box", &format!("{l},{t},{r},{b}"));
                let _ = canvas.set_attribute("data-legend-box", &boxes(d.legend.as_slice()));
                let _ = canvas.set_attribute("data-label-boxes", &boxes(&d.labels));
            }
            drawn.set_value(result);
        });
    };

    // Redraw whenever the view, theme, size or pointer changes. In sight: the first time at once,
    // later just after the next paint, so a keystroke's frame shows the new numbers without
    // waiting for the charts (and changes within one frame draw once). Out of sight: once the
    // changes pause, so typing pays only for the charts one sees.
    Effect::new(move |_| {
        let dark = dark.get();
        let _ = width.get();
        let at = hover.get();
        view.track();
        let generation = pending.get_value() + 1;
        pending.set_value(generation);
        if canvas_ref.get().is_none() {
            return;
        }
        let latest = move || pending.try_get_value() == Some(generation);
        if !visible.get() {
            set_timeout(
                move || {
                    if latest() {
                        draw(at, dark);
                    }
                },
                OFF_SCREEN_DELAY,
            );
            // This update's work for the chart ends here (for the in-page timer).
            timing::chart_drawn();
        } else if drawn.with_value(Option::is_none) {
            timing::drawing(|| draw(at, dark));
            timing::chart_drawn();
        } else {
            timing::deferred();
            after_next_paint(move || {
                if latest() {
                    timing::drawing(|| draw(at, dark));
                }
                timing::deferred_done();
            });
        }
    });

    let on_move = move |ev: web_sys::MouseEvent| {
        let scale = canvas_scale();
        let px = f64::from(ev.offset_x()) * scale;
        let py = f64::from(ev.offset_y()) * scale;
        let at = drawn.with_value(|d| d.as_ref().and_then(|d| d.to_data(px, py)));
        hover.set(at);
    };
    let lang = use_lang();
    let readout = move || match hover.get() {
        Some(at) => view.with(|v| v.readout(at)).join(" · "),
        None => t::readout_prompt(lang.get()).to_string(),
    };
    let label = caption.clone();
    let file = move |ext: &str| format!("isoflop-{id}.{ext}");
    view! {
        <figure class="chart" id=format!("card-{id}")>
            <h3>{move || title.get().to_string()}</h3>
            <canvas
                node_ref=canvas_ref
                id=format!("chart-{id}")
                role="img"
                aria-label=move || label.get().to_string()
                data-series-colors=move || view.with(ChartView::colors)
                on:mousemove=on_move
                on:mouseleave=move |_| hover.set(None)
            ></canvas>
            <p class="readout" id=format!("readout-{id}") aria-live="polite">{readout}</p>
            <figcaption>
                {move || caption.get().to_string()}
                " "
                <button type="button" class="download" id=format!("png-{id}") on:click=move |_| {
                    if let Some(canvas) = canvas_ref.get_untracked() {
                        if let Ok(url) = canvas.to_data_url() { download(&file("png"), &url) }
                    }
                }>{move || t::download_png(lang.get())}</button>
                <button type="button" class="download" id=format!("svg-{id}") on:click=move |_| {
                    if let Some(canvas) = canvas_ref.get_untracked() {
                        let size = (canvas.client_width().max(320) as u32, canvas.client_height().max(200) as u32);
                        view.with_untracked(|v| download_svg(&file("svg"), v, size, dark.get_untracked()));
                    }
                }>{move || t::download_svg(lang.get())}</button>
            </figcaption>
        </figure>
    }
}

fn draw_on(canvas: &web_sys::HtmlCanvasElement, view: &ChartView, dark: bool) -> Option<Drawn> {
    let scale = canvas_scale();
    let css_width = f64::from(canvas.client_width()).max(280.0);
    let css_height = crate::chart::chart_height(css_width, view.legend_len());
    let (w, h) = (
        (css_width * scale).round() as u32,
        (css_height * scale).round() as u32,
    );
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let backend = MeasuredCanvas::new(canvas)?;
    let area = backend.into_drawing_area();
    view.draw(&area, &ChartStyle::themed(dark, scale))
}

/// The views of a pair of charts, computed once per change of what they show.
type PairViews = fn(&Config, &Plan, Option<&FitSamples>) -> [ChartView; 2];

/// Each of the pair's views as a signal of its own.
fn pair(
    config: RwSignal<Config>,
    plan: Memo<Plan>,
    fit_band: FitBand,
    views: PairViews,
) -> impl Fn(usize) -> Signal<ChartView> + Copy {
    let all = Memo::new(move |_| {
        fit_band
            .0
            .with(|b| config.with(|c| plan.with(|p| views(c, p, b.as_ref()))))
    });
    move |i: usize| Signal::derive(move || all.with(|v| v[i].clone()))
}

/// The comparison on the first screen: N and D against C, every selected law, the budget
/// marked, real models as dots.
#[component]
pub fn Comparison(
    config: RwSignal<Config>,
    plan: Memo<Plan>,
    dark: Signal<bool>,
    fit_band: FitBand,
) -> impl IntoView {
    let pick = pair(config, plan, fit_band, comparison_views);
    let lang = use_lang();
    view! {
        <ChartCard id="params" title=move || t::params_chart(lang.get())
            caption=move || t::params_caption(lang.get()) view=pick(0) dark=dark />
        <ChartCard id="tokens" title=move || t::tokens_chart(lang.get())
            caption=move || t::tokens_caption(lang.get()) view=pick(1) dark=dark />
    }
}

/// The other two charts, below the first screen: the IsoFLOP curve and D/N against C.
#[component]
pub fn MoreCharts(
    config: RwSignal<Config>,
    plan: Memo<Plan>,
    dark: Signal<bool>,
    fit_band: FitBand,
) -> impl IntoView {
    let pick = pair(config, plan, fit_band, more_views);
    let lang = use_lang();
    view! {
        <section class="charts" aria-labelledby="charts-title">
            <h2 id="charts-title">{move || t::charts_title(lang.get())}</h2>
            <ChartCard id="isoflop" title=move || t::isoflop_chart(lang.get())
                caption=move || t::isoflop_caption(lang.get()) view=pick(0) dark=dark />
            <ChartCard id="ratio" title=move || t::ratio_chart(lang.get())
                caption=move || t::ratio_caption(lang.get()) view=pick(1) dark=dark />
        </section>
    }
}
