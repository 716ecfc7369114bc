//! Offline use: registers the service worker (`pwa/sw.js`, given this build's files and version
//! by `scripts/offline.mjs`) and tells, once, that the page was updated since the last visit.

use wasm_bindgen::JsValue;

use crate::saved::{browser, builds};

/// This build's version and its service worker's address, from `<meta name="isoflop-build">`
/// (filled by `scripts/offline.mjs`, under the build's public URL); `None` for a page built
/// without the hook, such as the browser tests' (which then runs without a worker).
fn build() -> Option<(String, String)> {
    let meta = web_sys::window()?
        .document()?
        .query_selector("meta[name=isoflop-build]")
        .ok()??;
    let version = meta.get_attribute("content")?;
    let worker = meta.get_attribute("data-service-worker")?;
    builds::is_version(&version).then_some((version, worker))
}

/// Registers the service worker; a browser without one (or one that refuses, e.g. on plain
/// http from another host) keeps the page working online only, with a warning in the console.
fn register_worker(worker: &str) {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return;
    };
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let registered = navigator.service_worker().register(worker);
    leptos::task::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(registered).await {
            web_sys::console::warn_2(&"isoflop: no offline copy:".into(), &e);
        }
    });
}

/// Registers the service worker (called once the page and its parts are up: its install
/// downloads every file of the build, which must not compete with them on a slow link).
pub fn register() {
    if let Some((_, worker)) = build() {
        register_worker(&worker);
    }
}

/// Whether this build is new to this browser (after another it has run), for the page's
/// one-time "updated" notice; notes the visit.
#[must_use]
pub fn updated() -> bool {
    let Some((version, _)) = build() else {
        return false;
    };
    let Ok(stored) = browser::get(builds::KEY) else {
        return false;
    };
    let visit = builds::visit(stored.as_deref(), &version);
    let _ = browser::set(builds::KEY, &visit.store);
    visit.updated
}
