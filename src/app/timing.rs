//! In-page timing for `make bench`: from an input event to the last chart redrawn (charts out
//! of sight only schedule their redraw, which ends their part), pushed as
//! `{what: "redraw", ms}` onto `window.isoflopTimings`.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use wasm_bindgen::JsCast;

thread_local! {
    static INPUT_AT: Cell<Option<f64>> = const { Cell::new(None) };
    static LAST_DRAW: Cell<f64> = const { Cell::new(0.0) };
    static REPORT: Cell<Option<TimeoutHandle>> = const { Cell::new(None) };
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Listens for input events in the capture phase, before any handler of the page runs (the
/// redraws they cause happen inside those handlers).
pub fn install() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
        INPUT_AT.with(|t| t.set(Some(now())));
    });
    let _ = document.add_event_listener_with_callback_and_bool(
        "input",
        listener.as_ref().unchecked_ref(),
        true,
    );
    listener.forget();
}

/// Records the end of a chart redraw. The report waits for a zero timeout after the last
/// redraw of the same update (each redraw pushes it back), so it covers all four charts.
pub fn chart_drawn() {
    LAST_DRAW.with(|t| t.set(now()));
    if INPUT_AT.with(Cell::get).is_none() {
        return;
    }
    if let Some(previous) = REPORT.with(Cell::take) {
        previous.clear();
    }
    let handle = set_timeout_with_handle(report, Duration::ZERO).ok();
    REPORT.with(|r| r.set(handle));
}

fn report() {
    REPORT.with(Cell::take);
    let Some(start) = INPUT_AT.with(Cell::take) else {
        return;
    };
    let end = LAST_DRAW.with(Cell::get);
    let Some(window) = web_sys::window() else {
        return;
    };
    let key = wasm_bindgen::JsValue::from_str("isoflopTimings");
    let list = js_sys::Reflect::get(&window, &key)
        .ok()
        .filter(|v| v.is_object())
        .unwrap_or_else(|| {
            let list = js_sys::Array::new();
            let _ = js_sys::Reflect::set(&window, &key, &list);
            list.into()
        });
    let entry = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&entry, &"what".into(), &"redraw".into());
    let _ = js_sys::Reflect::set(&entry, &"ms".into(), &(end - start).into());
    let _ = list.unchecked_into::<js_sys::Array>().push(&entry);
}
