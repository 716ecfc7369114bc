//! An entry point for tests and the browser benchmark (`make bench`): Trunk exposes it as
//! `window.wasmBindings`. Fits themselves are timed through the panel, in the workers.

use wasm_bindgen::prelude::*;

/// The page's "Load example" data (48 synthetic runs from a known law), for benchmarks that
/// have no data file at hand.
#[wasm_bindgen]
pub fn isoflop_example_csv(seed: u32) -> String {
    crate::fit::example::example_csv(u64::from(seed))
}
