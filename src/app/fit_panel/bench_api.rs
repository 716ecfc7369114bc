//! Entry points for the browser benchmark (`make bench`): Trunk exposes these exports as
//! `window.wasmBindings`, so a script can time a whole fit in the page's own wasm build.

use wasm_bindgen::prelude::*;

use crate::fit::{parse_runs, FitJob, FitOptions, Method};

fn now() -> Option<f64> {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
}

/// Fits `csv` (as the page reads it) with `method` (`paper` or `global`) and `bootstrap`
/// resamples (seed 0), synchronously to the end, and returns the fit's time in milliseconds
/// (parsing excluded); -1 if the input, the options or the fit fail.
#[wasm_bindgen]
pub fn isoflop_fit_ms(csv: &str, method: &str, bootstrap: u32) -> f64 {
    let (Ok(data), Ok(method)) = (parse_runs(csv), Method::parse(method)) else {
        return -1.0;
    };
    let options = FitOptions {
        method,
        bootstrap: bootstrap as usize,
        ..FitOptions::default()
    };
    let Some(start) = now() else {
        return -1.0;
    };
    let result = FitJob::new(&data.runs, &options).and_then(FitJob::run_to_end);
    match (result, now()) {
        (Ok(_), Some(end)) => end - start,
        _ => -1.0,
    }
}

/// The page's "Load example" data (48 synthetic runs from a known law), for benchmarks that
/// have no data file at hand.
#[wasm_bindgen]
pub fn isoflop_example_csv(seed: u32) -> String {
    crate::fit::example::example_csv(u64::from(seed))
}
