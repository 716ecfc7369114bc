//! The panels below the page's answer (shape, charts, why the laws differ, explainer, fit
//! panel), as a second wasm module the page fetches once it has mounted: the first load then
//! carries only what the first screen needs. Trunk builds it with `data-type="worker"` for
//! wasm-bindgen's classic-script glue; the page runs it on its own thread (`app::bridge`).

#[cfg(target_arch = "wasm32")]
mod shell {
    use wasm_bindgen::prelude::*;

    /// The fit panel's "Load example" data (48 synthetic runs from a known law), for the tests
    /// and the browser benchmark (`window.isoflopPanels.isoflop_example_csv` once the panels are up).
    #[wasm_bindgen]
    pub fn isoflop_example_csv(seed: u32) -> String {
        isoflop::fit::example::example_csv(u64::from(seed))
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    isoflop::app::start_panels();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("isoflop-panels is part of the web page: `make serve` builds and serves it.");
    std::process::exit(2);
}
