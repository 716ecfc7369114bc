//! In-page timing for `make bench`: from an input event to the last chart redrawn (a chart in
//! sight redraws just after the keystroke's frame is painted; charts out of sight only schedule
//! their redraw, which ends their part), pushed as `{what: "redraw", ms, work_ms, charts}` onto
//! `window.isoflopTimings`: `work_ms` is the time spent drawing, `charts` how many were drawn;
//! `window.isoflopChartDraws` counts every chart in sight drawn since the page started.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use wasm_bindgen::JsCast;

thread_local! {
    static INPUT_AT: Cell<Option<f64>> = const { Cell::new(None) };
    static LAST_DRAW: Cell<f64> = const { Cell::new(0.0) };
    /// Drawing time and charts drawn since the input.
    static WORK: Cell<(f64, u32)> = const { Cell::new((0.0, 0)) };
    /// Redraws of charts in sight waiting for the next paint: the report waits for them.
    static PENDING: Cell<u32> = const { Cell::new(0) };
    /// Charts in sight drawn since the page started (`window.isoflopChartDraws`).
    static DRAWS: Cell<u32> = const { Cell::new(0) };
    static REPORT: Cell<Option<TimeoutHandle>> = const { Cell::new(None) };
}

/// Runs `f` in a task after the next frame is painted.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, Duration::ZERO);
    });
}

/// `source`, followed just after the frame that shows a change is painted (changes within a
/// frame coalesce): for what is below the first screen, so a keystroke's frame pays only for
/// what is in sight.
pub fn after_paint<T: Clone + Send + Sync + 'static>(
    source: leptos::prelude::Memo<T>,
) -> leptos::prelude::Signal<T> {
    use leptos::prelude::*;
    let shown = RwSignal::new(source.get_untracked());
    let pending = StoredValue::new(0u64);
    Effect::new(move |first: Option<()>| {
        source.track();
        if first.is_none() {
            return;
        }
        let generation = pending.get_value() + 1;
        pending.set_value(generation);
        after_next_paint(move || {
            if pending.try_get_value() == Some(generation) {
                shown.try_set(source.get_untracked());
            }
        });
    });
    shown.into()
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
        WORK.with(|w| w.set((0.0, 0)));
    });
    let _ = document.add_event_listener_with_callback_and_bool(
        "input",
        listener.as_ref().unchecked_ref(),
        true,
    );
    listener.forget();
}

/// Draws a chart in sight with `draw` and records it as a chart drawn for the in-page timer.
pub fn drawing<T>(draw: impl FnOnce() -> T) -> T {
    let start = now();
    let out = draw();
    let took = now() - start;
    WORK.with(|w| {
        let (ms, n) = w.get();
        w.set((ms + took, n + 1));
    });
    let draws = DRAWS.with(|d| {
        d.set(d.get() + 1);
        d.get()
    });
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"isoflopChartDraws".into(), &draws.into());
    }
    out
}

/// A chart in sight will redraw after the next paint: the report waits for [`deferred_done`].
pub fn deferred() {
    PENDING.with(|p| p.set(p.get() + 1));
}

/// A redraw announced by [`deferred`] ran (or was dropped as stale).
pub fn deferred_done() {
    PENDING.with(|p| p.set(p.get().saturating_sub(1)));
    chart_drawn();
}

/// Records the end of a chart's part of an update (drawn, or its redraw scheduled). The report
/// waits for a zero timeout after the last one of the same update (each pushes it back), so it
/// covers every chart.
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
    if PENDING.with(Cell::get) > 0 {
        // A chart in sight has yet to redraw; its `deferred_done` reports.
        return;
    }
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
    let (work, charts) = WORK.with(Cell::get);
    let _ = js_sys::Reflect::set(&entry, &"work_ms".into(), &work.into());
    let _ = js_sys::Reflect::set(&entry, &"charts".into(), &charts.into());
    let _ = list.unchecked_into::<js_sys::Array>().push(&entry);
}
