//! The page comes as two wasm modules, so that the first load carries only what the first
//! screen needs: the page (header, inputs, the answer, the share link) and, fetched once the
//! page has mounted, the panels below it (model shape, charts, why the laws differ, the
//! explainer, fitting your runs). Each module runs its own Leptos app with its own `Config`
//! signal; this module keeps the two equal.
//!
//! The configuration crosses as the permalink query (the link is the whole configuration, and
//! `decode(encode(c)) == c`) in the mount element's `data-config`. The side that changes it
//! writes the attribute and fires an event at the document; the other side reads the attribute
//! and takes it. Each side remembers the last query it wrote or took, so a change crosses once
//! and is not sent back. The panels start from the attribute, which the page wrote when it
//! mounted.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::permalink::{self, Config};

/// The element the panels mount into (written by the page, empty until the panels arrive).
pub const MOUNT_ID: &str = "panels";
/// wasm-bindgen's glue of the panels module, beside the page: Trunk builds the `isoflop-panels`
/// binary with `data-type="worker"`, which gives a classic script (defining `wasm_bindgen`)
/// rather than an ES module; the page runs it on its own thread.
const GLUE: &str = "./isoflop-panels.js";
/// Starts the module once the glue has run (it names the module's wasm).
const LOADER: &str = "./isoflop-panels-loader.js";
const ATTRIBUTE: &str = "data-config";

/// Which app this is: each sends on one event and listens on the other.
#[derive(Clone, Copy)]
pub enum Side {
    Page,
    Panels,
}

impl Side {
    fn sends(self) -> &'static str {
        match self {
            Self::Page => "isoflop-config-from-page",
            Self::Panels => "isoflop-config-from-panels",
        }
    }

    fn other(self) -> Self {
        match self {
            Self::Page => Self::Panels,
            Self::Panels => Self::Page,
        }
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The mount element, if the page has one.
pub fn mount() -> Option<web_sys::Element> {
    document()?.get_element_by_id(MOUNT_ID)
}

/// The query last written to the placeholder by either side ("" for the default configuration).
fn shared_query() -> String {
    mount()
        .and_then(|m| m.get_attribute(ATTRIBUTE))
        .unwrap_or_default()
}

/// The configuration the page holds now, for the panels to start from.
#[must_use]
pub fn current() -> Config {
    permalink::decode(&shared_query()).config
}

/// Keeps `config` and the other module's copy equal (see the module's comment).
pub fn link(config: RwSignal<Config>, side: Side) {
    let start = config.with_untracked(permalink::encode);
    let last = StoredValue::new(match side {
        // The panels start from the page's query: nothing to send back.
        Side::Panels => start,
        // The page has not written its query yet.
        Side::Page => String::new(),
    });
    Effect::new(move |_| {
        let query = config.with(permalink::encode);
        if last.with_value(|l| *l == query) {
            return;
        }
        let Some(element) = mount() else { return };
        last.set_value(query.clone());
        let _ = element.set_attribute(ATTRIBUTE, &query);
        if let (Ok(event), Some(document)) = (web_sys::Event::new(side.sends()), document()) {
            let _ = document.dispatch_event(&event);
        }
    });
    // On the document: the page's placeholder is not there yet when the page links.
    let Some(document) = document() else { return };
    let take = Closure::<dyn FnMut()>::new(move || {
        let query = shared_query();
        if last.with_value(|l| *l == query) {
            return;
        }
        last.set_value(query.clone());
        config.set(permalink::decode(&query).config);
    });
    let _ = document
        .add_event_listener_with_callback(side.other().sends(), take.as_ref().unchecked_ref());
    take.forget();
}

/// Fetches and starts the panels module: its wasm-bindgen glue, then the loader that starts it
/// (`panels/isoflop-panels-loader.js`). `failed` becomes true if either script or the wasm
/// cannot be had (offline before the first full visit, say); the page itself keeps working.
pub fn load_panels(failed: RwSignal<bool>) {
    let Some(element) = mount() else { return };
    let _ = element.set_attribute("data-state", "loading");
    let fail = Closure::<dyn FnMut()>::new(move || {
        if let Some(m) = mount() {
            let _ = m.set_attribute("data-state", "failed");
        }
        failed.set(true);
    })
    .into_js_value()
    .unchecked_into::<js_sys::Function>();
    let _ = element.add_event_listener_with_callback("isoflop-panels-failed", &fail);
    // This build's files, not an HTTP-cached copy of another deployment's (the names of these
    // three carry no hash); the service worker's copy ignores the query.
    let version = document()
        .and_then(|d| d.query_selector("meta[name=isoflop-build]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .filter(|v| !v.is_empty())
        .map_or_else(String::new, |v| format!("?v={v}"));
    let loader = fail.clone();
    let loader_src = format!("{LOADER}{version}");
    let then = Closure::once_into_js(move || {
        if !insert_script(&loader_src, None, &loader) {
            let _ = loader.call0(&JsValue::NULL);
        }
    });
    if !insert_script(
        &format!("{GLUE}{version}"),
        Some(then.unchecked_ref()),
        &fail,
    ) {
        failed.set(true);
    }
}

/// Appends `<script src>` to `<head>`, with `on_load` and `on_error`; false if it could not.
fn insert_script(
    src: &str,
    on_load: Option<&js_sys::Function>,
    on_error: &js_sys::Function,
) -> bool {
    let Some(document) = document() else {
        return false;
    };
    let (Ok(script), Some(head)) = (document.create_element("script"), document.head()) else {
        return false;
    };
    let _ = script.set_attribute("src", src);
    if let Some(on_load) = on_load {
        let _ = script.add_event_listener_with_callback("load", on_load);
    }
    let _ = script.add_event_listener_with_callback("error", on_error);
    head.append_child(&script).is_ok()
}
