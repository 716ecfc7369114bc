//! The page is one wasm module cut in four after the build (`scripts/split.mjs`, with
//! `wasm-split-cli`): the first part (the inputs, the answer cards, the share link) loads with
//! the page; the comparison charts' code (plotters and the chart layer) and the panels below
//! (the full table, the other charts, why the laws differ, the model shape, fitting, the
//! explainer) are fetched after it, in that order; the training recipe's part when the reader
//! scrolls towards it (or at once when the link sets one of its inputs). All three share one memory, one Leptos
//! runtime and the page's signals: each part mounts its view into a placeholder the page
//! rendered, on the page's own `Config` and `Plan`, so nothing is computed twice and nothing is
//! copied.
//!
//! A split point is a function marked `#[wasm_split(name)]`: calling it fetches its part the
//! first time (the code only it reaches, and a chunk of what several parts share). Built
//! without the `split` feature (the browser tests, `cargo clippy`) the same functions are
//! called directly.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::charts::{Dark, FitBand};
use super::lang::PageLang;
use crate::i18n::Lang;
use crate::permalink::Config;
use crate::plan::table::Table;
use crate::plan::Plan;

/// The placeholders the page renders for the parts: the two comparison charts in the
/// answer's column (`#comparison`), the full table below the first screen (`#table-slot`) and
/// everything below it (`#panels`). Each carries the state of its part in `data-state`
/// (`loading`, `ready`, `failed`).
#[derive(Clone, Copy, Default)]
pub struct Slots {
    pub comparison: NodeRef<Div>,
    pub table: NodeRef<Div>,
    pub panels: NodeRef<Div>,
}

/// What every part reads: the page's signals (handles, so passing them shares them).
#[derive(Clone, Copy)]
pub struct Shared {
    pub config: RwSignal<Config>,
    pub plan: Memo<Plan>,
    /// The plan as the table's text (the page's cards read it too).
    pub table: Memo<Table>,
    pub dark: Signal<bool>,
    pub fit_band: FitBand,
    pub lang: Signal<Lang>,
    pub slots: Slots,
}

impl Shared {
    /// Provides the page's contexts to a part's own root.
    fn provide(self) {
        provide_context(PageLang(self.lang));
        provide_context(Dark(self.dark));
        provide_context(self.fit_band);
    }
}

/// A part's code could not be fetched (offline before a first full visit, a failed request).
#[derive(Debug)]
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

fn set_state(slot: NodeRef<Div>, state: &str) {
    if let Some(e) = slot.get_untracked() {
        let _ = e.set_attribute("data-state", state);
    }
}

/// Mounts `view` into `slot` under a root of its own with the page's contexts.
fn mount_into<V: IntoView + 'static>(
    slot: NodeRef<Div>,
    shared: Shared,
    view: impl FnOnce() -> V + 'static,
) {
    let Some(target) = slot.get_untracked() else {
        return;
    };
    let target: web_sys::HtmlElement = target.unchecked_into();
    leptos::mount::mount_to(target, move || {
        shared.provide();
        view()
    })
    .forget();
}

fn mount_comparison(shared: Shared) {
    mount_into(shared.slots.comparison, shared, move || {
        view! { <super::charts::Comparison config=shared.config plan=shared.plan dark=shared.dark fit_band=shared.fit_band /> }
    });
}

/// The full table below the first screen, then the panels below it.
fn mount_panels(shared: Shared) {
    mount_into(shared.slots.table, shared, move || {
        view! { <super::results::Results config=shared.config plan=shared.plan table=shared.table /> }
    });
    mount_into(shared.slots.panels, shared, move || {
        super::panels(shared, recipe_slot(shared), planner_slot(shared))
    });
}

/// Fetches and mounts a part into its placeholder (one type for every such part, so the
/// placeholder's code is not repeated per part).
type Fetch = fn(
    Shared,
    web_sys::HtmlDivElement,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), NotLoaded>>>>;

/// A part's placeholder below the first screen: the part is fetched when the reader scrolls
/// towards it, or at once when the link sets one of its inputs (`asked`); `fetch` mounts it.
fn lazy_slot(
    shared: Shared,
    id: &'static str,
    asked: bool,
    loading: fn(Lang) -> &'static str,
    failed_text: fn(Lang) -> &'static str,
    fetch: Fetch,
) -> impl IntoView {
    let slot = NodeRef::<Div>::new();
    let lang = shared.lang;
    let failed = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(target) = slot.get() else {
            return;
        };
        let watched = target.clone();
        let start = move || {
            if target.get_attribute("data-state").as_deref() != Some("waiting") {
                return;
            }
            let _ = target.set_attribute("data-state", "loading");
            let target = target.clone();
            leptos::task::spawn_local(async move {
                let ok = fetch(shared, target.clone()).await.is_ok();
                let _ = target.set_attribute("data-state", if ok { "ready" } else { "failed" });
                failed.set(!ok);
            });
        };
        if asked {
            start();
        } else {
            on_approach(&watched, start);
        }
    });
    let slot_id = format!("{id}-slot");
    let loading_id = format!("{id}-loading");
    let class = format!("{id}-slot");
    view! {
        <div id=slot_id class=class data-state="waiting" node_ref=slot></div>
        <p class="part-loading muted" id=loading_id aria-live="polite">
            {move || if failed.get() { failed_text(lang.get()) } else { loading(lang.get()) }}
        </p>
    }
}

/// The training recipe's placeholder (the first of the panels).
fn recipe_slot(shared: Shared) -> impl IntoView {
    let asked = shared
        .config
        .with_untracked(|c| c.recipe != crate::permalink::RecipeConfig::default());
    lazy_slot(
        shared,
        "recipe",
        asked,
        crate::i18n::page::recipe_loading,
        crate::i18n::page::recipe_failed,
        |s, t| Box::pin(parts::below(s, t, Below::Recipe)),
    )
}

/// The sweep planner's placeholder (before the fit panel).
fn planner_slot(shared: Shared) -> impl IntoView {
    let asked = shared.config.with_untracked(|c| c.planner.is_set());
    lazy_slot(
        shared,
        "planner",
        asked,
        crate::i18n::sweep::loading,
        crate::i18n::sweep::failed,
        |s, t| Box::pin(parts::below(s, t, Below::Planner)),
    )
}

/// Calls `then` once, when `target` comes within half a screen of the viewport.
fn on_approach(target: &web_sys::HtmlDivElement, then: impl Fn() + 'static) {
    let callback = wasm_bindgen::closure::Closure::<
        dyn FnMut(js_sys::Array, web_sys::IntersectionObserver),
    >::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let near = entries
                .iter()
                .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                .any(|e| e.is_intersecting());
            if near {
                observer.disconnect();
                then();
            }
        },
    );
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("50% 0px");
    if let Ok(observer) =
        web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
    {
        observer.observe(target);
    }
    callback.forget();
}

/// The sections of the part fetched when the reader nears either: one part for both, so the
/// code they share with the panels is not cut into more chunks (each a file of its own).
#[derive(Clone, Copy)]
pub enum Below {
    Recipe,
    Planner,
}

/// Mounts `which` into its placeholder.
fn mount_below(shared: Shared, target: web_sys::HtmlDivElement, which: Below) {
    match which {
        Below::Recipe => mount_recipe(shared, target),
        Below::Planner => mount_planner(shared, target),
    }
}

/// Mounts the training recipe into its placeholder.
fn mount_recipe(shared: Shared, target: web_sys::HtmlDivElement) {
    let target: web_sys::HtmlElement = target.unchecked_into();
    leptos::mount::mount_to(target, move || {
        shared.provide();
        view! { <super::recipe::RecipeSection config=shared.config plan=shared.plan dark=shared.dark /> }
    })
    .forget();
}

/// Mounts the sweep planner into its placeholder.
fn mount_planner(shared: Shared, target: web_sys::HtmlDivElement) {
    let target: web_sys::HtmlElement = target.unchecked_into();
    leptos::mount::mount_to(target, move || {
        shared.provide();
        view! { <super::planner::PlannerSection config=shared.config plan=shared.plan dark=shared.dark /> }
    })
    .forget();
}

#[cfg(feature = "split")]
mod parts {
    use super::{NotLoaded, Shared};

    /// The comparison charts' part: plotters, the chart layer and the chart cards.
    #[leptos::wasm_split::wasm_split(
        comparison,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(prefetch_comparison)
    )]
    pub fn comparison(shared: Shared) -> Result<(), NotLoaded> {
        super::mount_comparison(shared);
        Ok(())
    }

    /// The panels' part.
    #[leptos::wasm_split::wasm_split(panels, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn panels(shared: Shared) -> Result<(), NotLoaded> {
        super::mount_panels(shared);
        Ok(())
    }

    /// The training recipe's and the sweep planner's part, fetched when the reader comes near
    /// either.
    #[leptos::wasm_split::wasm_split(below, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn below(
        shared: Shared,
        target: web_sys::HtmlDivElement,
        which: super::Below,
    ) -> Result<(), NotLoaded> {
        super::mount_below(shared, target, which);
        Ok(())
    }
}

#[cfg(not(feature = "split"))]
mod parts {
    use super::{NotLoaded, Shared};

    pub async fn prefetch_comparison() -> Result<(), NotLoaded> {
        Ok(())
    }

    pub async fn comparison(shared: Shared) -> Result<(), NotLoaded> {
        super::mount_comparison(shared);
        Ok(())
    }

    pub async fn panels(shared: Shared) -> Result<(), NotLoaded> {
        super::mount_panels(shared);
        Ok(())
    }

    pub async fn below(
        shared: Shared,
        target: web_sys::HtmlDivElement,
        which: super::Below,
    ) -> Result<(), NotLoaded> {
        super::mount_below(shared, target, which);
        Ok(())
    }
}

/// Starts fetching the comparison charts' part: called before the page renders, so the
/// network works while the first screen is built.
pub fn prefetch() {
    // Before Leptos has started its executor: wasm-bindgen's own.
    wasm_bindgen_futures::spawn_local(async {
        // A failure shows when the part is mounted (which tries again).
        let _ = parts::prefetch_comparison().await;
    });
}

/// Mounts the comparison charts, then the panels, each as soon as its part is here; then
/// `after` (the offline copy, which must not compete with them for the network). `failed`
/// becomes true if a part cannot be had: the page says so and keeps answering.
pub fn load(shared: Shared, failed: RwSignal<bool>, after: impl FnOnce() + 'static) {
    let slots = shared.slots;
    let state = |ok: bool| if ok { "ready" } else { "failed" };
    set_state(slots.comparison, "loading");
    set_state(slots.panels, "loading");
    leptos::task::spawn_local(async move {
        let comparison = parts::comparison(shared).await.is_ok();
        set_state(slots.comparison, state(comparison));
        let panels = parts::panels(shared).await.is_ok();
        set_state(slots.panels, state(panels));
        if !(comparison && panels) {
            failed.set(true);
        }
        after();
    });
}
