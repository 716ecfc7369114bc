//! The page is one wasm module cut in three after the build (`scripts/split.mjs`, with
//! `wasm-split-cli`): the first part (the inputs, the answer, the table, the share link) loads
//! with the page; the comparison charts' code (plotters and the chart layer) and the panels
//! below (the other charts, why the laws differ, the model shape, fitting, the explainer) are
//! fetched after it, in that order. All three share one memory, one Leptos runtime and the
//! page's signals: each part mounts its view into a placeholder the page rendered, on the
//! page's own `Config` and `Plan`, so nothing is computed twice and nothing is copied.
//!
//! A split point is a function marked `#[wasm_split(name)]`: calling it fetches its part the
//! first time (the code only it reaches, and a chunk of what several parts share). Built
//! without the `split` feature (the browser tests, `cargo clippy`) the same functions are
//! called directly.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::charts::{Dark, FitBand};
use super::lang::PageLang;
use crate::i18n::Lang;
use crate::permalink::Config;
use crate::plan::Plan;

/// The placeholder of the two comparison charts, in the answer's column.
pub const COMPARISON_ID: &str = "comparison";
/// The placeholder of everything below the first screen and the table.
pub const PANELS_ID: &str = "panels";

/// What every part reads: the page's signals (handles, so passing them shares them).
#[derive(Clone, Copy)]
pub struct Shared {
    pub config: RwSignal<Config>,
    pub plan: Memo<Plan>,
    pub dark: Signal<bool>,
    pub fit_band: FitBand,
    pub lang: Signal<Lang>,
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

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into()
        .ok()
}

fn set_state(id: &str, state: &str) {
    if let Some(e) = element(id) {
        let _ = e.set_attribute("data-state", state);
    }
}

/// Mounts `view` into the placeholder `id` under a root of its own with the page's contexts.
fn mount_into<V: IntoView + 'static>(id: &str, shared: Shared, view: impl FnOnce() -> V + 'static) {
    let Some(target) = element(id) else { return };
    leptos::mount::mount_to(target, move || {
        shared.provide();
        view()
    })
    .forget();
}

fn mount_comparison(shared: Shared) {
    mount_into(COMPARISON_ID, shared, move || {
        view! { <super::charts::Comparison config=shared.config plan=shared.plan dark=shared.dark fit_band=shared.fit_band /> }
    });
}

fn mount_panels(shared: Shared) {
    mount_into(PANELS_ID, shared, move || {
        super::panels(shared.config, shared.plan, shared.dark, shared.fit_band)
    });
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
    set_state(COMPARISON_ID, "loading");
    set_state(PANELS_ID, "loading");
    leptos::task::spawn_local(async move {
        let comparison = parts::comparison(shared).await;
        set_state(
            COMPARISON_ID,
            if comparison.is_ok() {
                "ready"
            } else {
                "failed"
            },
        );
        let panels = parts::panels(shared).await;
        set_state(PANELS_ID, if panels.is_ok() { "ready" } else { "failed" });
        if comparison.is_err() || panels.is_err() {
            failed.set(true);
        }
        after();
    });
}
