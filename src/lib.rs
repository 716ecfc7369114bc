//! isoflop: compute-optimal LLM training allocations under every published scaling law.
//!
//! Layers (see `ARCHITECTURE.md`): [`law`] is the pure science, [`chart`] draws it with plotters
//! on any backend, [`permalink`] maps the configuration to a URL, and `app` (browser only) is the
//! Leptos page.

pub mod chart;
pub mod fit;
pub mod law;
pub mod permalink;
pub mod plan;

#[cfg(target_arch = "wasm32")]
pub mod app;
