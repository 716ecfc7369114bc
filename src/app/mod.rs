//! The page: Leptos components, thin. They read signals, call `plan`, `law` and `chart`, and
//! render. One `Config` signal is the single source of truth; everything else is derived.

mod canvas;
pub mod charts;
mod explainer;
mod field;
pub mod fit_panel;
mod inputs;
mod offline;
mod panic_banner;
mod results;
mod shape;
mod share;
mod timing;
mod why;

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::permalink::{self, Config, Theme};
use crate::plan::plan;

/// How long the address bar waits for typing to pause before it follows the page.
const URL_DEBOUNCE: Duration = Duration::from_millis(250);

/// Installs the panic hooks and mounts the page on `<body>`.
pub fn start() {
    panic_banner::install();
    timing::install();
    leptos::mount::mount_to_body(App);
}

/// The whole calculator.
#[component]
pub fn App() -> impl IntoView {
    let decoded = permalink::decode(&permalink::browser::current_query());
    let notices = decoded.notices;
    let updated = offline::start();
    let config = RwSignal::new(decoded.config);
    sync_url(config);
    let plan = Memo::new(move |_| config.with(plan));
    let dark = theme(config);
    provide_context(charts::Dark(dark));
    let fit_band = charts::FitBand(RwSignal::new(None));
    provide_context(fit_band);

    view! {
        <header>
            <div class="title-row">
                <h1>"isoflop"</h1>
                <button type="button" id="theme-toggle" class="theme-toggle"
                    on:click=move |_| config.update(|c| c.theme = next_theme(c.theme))>
                    {move || format!("Theme: {}", config.with(|c| c.theme.id()))}
                </button>
            </div>
            <p class="tagline">"How many parameters and tokens for a compute budget, under every published compute-optimal scaling law."</p>
        </header>
        <main>
            {updated.then(|| view! {
                <div class="notice" role="status" id="update-notice">
                    <p>"isoflop has been updated since your last visit."</p>
                </div>
            })}
            {(!notices.is_empty()).then(|| view! {
                <div class="notice" role="status" id="link-notice">
                    <p>"Parts of this link could not be used:"</p>
                    <ul>{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </div>
            })}
            // Inputs and results side by side on wide screens; on a phone the answer first.
            <div class="workspace">
                <inputs::Inputs config=config plan=plan />
                <div class="answer">
                    <results::Results config=config plan=plan />
                    <share::Share config=config />
                </div>
            </div>
            <shape::ShapeSection config=config plan=plan dark=dark />
            <charts::Charts config=config plan=plan dark=dark fit_band=fit_band />
            <why::WhyTheyDiffer config=config plan=plan dark=dark />
            <explainer::Explainer />
            <fit_panel::FitPanel config=config />
        </main>
        <footer>
            <p>"Runs entirely in your browser: no server, no tracking. Sources are cited beside each law; see Kaplan et al. 2020 (arXiv:2001.08361) and Hoffmann et al. 2022 (arXiv:2203.15556)."</p>
        </footer>
    }
}

fn next_theme(theme: Theme) -> Theme {
    match theme {
        Theme::Auto => Theme::Light,
        Theme::Light => Theme::Dark,
        Theme::Dark => Theme::Auto,
    }
}

/// Whether the page is dark: the configuration's choice, or the system's when `auto`. Sets
/// `data-theme` on `<html>` so the CSS follows.
fn theme(config: RwSignal<Config>) -> Signal<bool> {
    let query = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
    let system_dark = RwSignal::new(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(query) = query {
        let listener =
            wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(
                move |ev: web_sys::MediaQueryListEvent| system_dark.set(ev.matches()),
            );
        let _ = query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
        listener.forget();
    }
    let dark = Memo::new(move |_| match config.with(|c| c.theme) {
        Theme::Auto => system_dark.get(),
        Theme::Light => false,
        Theme::Dark => true,
    });
    Effect::new(move |_| {
        let value = if dark.get() { "dark" } else { "light" };
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-theme", value);
        }
    });
    dark.into()
}

/// Keeps the address bar on the current configuration, without a history entry per keystroke.
fn sync_url(config: RwSignal<Config>) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let query = config.with(permalink::encode);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || permalink::browser::replace_query(&query),
            URL_DEBOUNCE,
        )
        .ok();
        pending.set_value(handle);
    });
}
