//! In-page timing for `make bench`: from an input event to the last chart redrawn, pushed as
//! `{what: "redraw", ms}` onto `window.isoflopTimings`.

use std::cell::Cell;

thread_local! {
    static INPUT_AT: Cell<Option<f64>> = const { Cell::new(None) };
    static LAST_DRAW: Cell<f64> = const { Cell::new(0.0) };
}

use wasm_bindgen::JsCast;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Marks an input event; after the effects it triggers have run (a zero timeout, which runs
/// after the microtasks the effects are scheduled on), the time to the last redraw is logged.
pub fn input_event() {
    INPUT_AT.with(|t| t.set(Some(now())));
    leptos::prelude::set_timeout(report, std::time::Duration::ZERO);
}

/// Records the end of a chart redraw.
pub fn chart_drawn() {
    LAST_DRAW.with(|t| t.set(now()));
}

fn report() {
    let Some(start) = INPUT_AT.with(|t| t.take()) else {
        return;
    };
    let end = LAST_DRAW.with(Cell::get);
    if end < start {
        return;
    }
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
