//! The page: Leptos components, thin. They read signals, call `plan`, `law` and `chart`, and
//! render. One `Config` signal is the single source of truth; everything else is derived.
//!
//! [`start`] mounts the page (what the first screen needs); the comparison charts and the
//! panels below come in parts of the same wasm module fetched after it ([`deferred`]).

mod answer;
mod canvas;
pub mod charts;
mod deferred;
mod explainer;
mod field;
pub mod fit_panel;
mod inputs;
pub mod lang;
mod offline;
mod panic_banner;
mod planner;
mod recipe;
mod results;
mod shape;
mod share;
mod timing;
mod why;

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{page, Lang};
use crate::permalink::{self, Config, Theme};
use crate::plan::plan;

/// How long the address bar waits for typing to pause before it follows the page.
const URL_DEBOUNCE: Duration = Duration::from_millis(250);

/// Installs the panic hook and the redraw timer, starts fetching the comparison charts' code,
/// then mounts the page on `<body>` (so the network works while the first screen is built).
pub fn start() {
    panic_banner::install();
    timing::install();
    deferred::prefetch();
    wasm_bindgen_futures::spawn_local(async { leptos::mount::mount_to_body(App) });
}

/// The calculator's first screen: the inputs, the answer, the share link, and the placeholder
/// the panels mount into.
#[component]
pub fn App() -> impl IntoView {
    let decoded = permalink::decode(&permalink::browser::current_query());
    let notices = decoded.notices;
    let updated = offline::updated();
    let mut start = decoded.config;
    start.lang = lang::initial(decoded.lang_given.then_some(start.lang));
    let config = RwSignal::new(start);
    let lang = lang::provide(config);
    lang::follow(lang);
    sync_url(config);
    let plan = Memo::new(move |_| config.with(plan));
    let dark = dark(config);
    follow_theme(dark);
    let theme = Memo::new(move |_| config.with(|c| c.theme));
    let fit_band = charts::FitBand(RwSignal::new(None));
    // One table per change, for the cards and the full table alike.
    let table = Memo::new(move |_| plan.with(|p| crate::plan::table::table(p, lang.get())));
    let shared = deferred::Shared {
        config,
        plan,
        table,
        dark,
        fit_band,
        lang,
        slots: deferred::Slots::default(),
    };
    let slots = shared.slots;
    // After the first render: the comparison charts, then the panels, then the offline copy
    // (registered last, so its download does not compete with them).
    let parts_failed = RwSignal::new(false);
    Effect::new(move |_| deferred::load(shared, parts_failed, offline::register));

    view! {
        <header>
            <div class="title-row">
                <h1>"isoflop"</h1>
                <div class="switches">
                    <lang::LangSwitch config=config />
                    <button type="button" id="theme-toggle" class="theme-toggle"
                        on:click=move |_| config.update(|c| c.theme = next_theme(c.theme))>
                        {move || page::theme_button(lang.get(), &theme_name(theme.get(), lang.get()))}
                    </button>
                </div>
            </div>
            <p class="tagline">{move || page::tagline(lang.get())}</p>
        </header>
        <main>
            {updated.then(|| view! {
                <div class="notice" role="status" id="update-notice">
                    <p>{move || page::updated(lang.get())}</p>
                </div>
            })}
            {(!notices.is_empty()).then(|| view! {
                <div class="notice" role="status" id="link-notice">
                    <p>{move || page::link_notice(lang.get())}</p>
                    <ul>{notices.into_iter().map(|n| view! { <li>{move || n.text(lang.get())}</li> }).collect_view()}</ul>
                </div>
            })}
            // The first screen: the inputs beside the answer and the two laws' charts on wide
            // screens; on a phone the answer, then the charts, then the inputs.
            <div class="workspace">
                <inputs::Inputs config=config plan=plan />
                <div class="answer">
                    <answer::Answer config=config plan=plan table=table />
                    <div id="comparison" class="comparison" node_ref=slots.comparison></div>
                    <p class="comparison-loading muted" id="comparison-loading" aria-live="polite">
                        {move || page::comparison_loading(lang.get())}
                    </p>
                    <share::Share config=config />
                </div>
            </div>
            <div id="table-slot" class="table-slot" node_ref=slots.table></div>
            <div id="panels" class="panels" node_ref=slots.panels></div>
            // Shown by the stylesheet while the placeholder's data-state is "loading".
            <p class="panels-loading muted" id="panels-loading" aria-live="polite">
                {move || page::panels_loading(lang.get())}
            </p>
            {move || parts_failed.get().then(|| view! {
                <div class="notice" role="alert" id="panels-notice">
                    <p>{move || page::panels_failed(lang.get())}</p>
                </div>
            })}
        </main>
        <footer>
            <p>{move || page::footer(lang.get())}</p>
        </footer>
    }
}

/// Everything below the first screen and the table, in the order a reader who came for the
/// comparison wants it: the training recipe at the answer, the other charts, why the laws
/// differ, the model's shape, fitting one's own runs, and the explainer. The recipe's own code
/// is a part of its own (`deferred`), fetched when the reader comes near it.
fn panels(
    shared: deferred::Shared,
    recipe: impl IntoView,
    planner: impl IntoView,
) -> impl IntoView {
    let deferred::Shared {
        config,
        plan,
        dark,
        fit_band,
        ..
    } = shared;
    view! {
        {recipe}
        <charts::MoreCharts config=config plan=plan dark=dark fit_band=fit_band />
        <why::WhyTheyDiffer config=config plan=plan dark=dark />
        <shape::ShapeSection config=config plan=plan dark=dark />
        {planner}
        <fit_panel::FitPanel config=config />
        <explainer::Explainer />
    }
}

/// The theme's name in the page's language.
fn theme_name(theme: Theme, lang: Lang) -> &'static str {
    match theme {
        Theme::Auto => page::theme_auto(lang),
        Theme::Light => page::theme_light(lang),
        Theme::Dark => page::theme_dark(lang),
    }
}

fn next_theme(theme: Theme) -> Theme {
    match theme {
        Theme::Auto => Theme::Light,
        Theme::Light => Theme::Dark,
        Theme::Dark => Theme::Auto,
    }
}

/// Whether the page is dark: the configuration's choice, or the system's when `auto`.
fn dark(config: RwSignal<Config>) -> Signal<bool> {
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
    Memo::new(move |_| match config.with(|c| c.theme) {
        Theme::Auto => system_dark.get(),
        Theme::Light => false,
        Theme::Dark => true,
    })
    .into()
}

/// Sets `data-theme` on `<html>` so the CSS follows `dark` (the page's side only).
fn follow_theme(dark: Signal<bool>) {
    Effect::new(move |_| {
        let value = if dark.get() { "dark" } else { "light" };
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-theme", value);
        }
    });
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
