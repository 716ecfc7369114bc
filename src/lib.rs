//! isoflop: compute-optimal LLM training allocations under every published scaling law.
//!
//! Layers (`docs/ARCHITECTURE.md`), each using only those after it: `app` (the Leptos page,
//! browser only) and `cli` (the command line, native only) → [`chart`] (plotters on any
//! backend) → [`plan`] (one question → one answer per law, and that answer as text) →
//! [`permalink`] (the page's configuration and its URL) → [`fit`] (fitting a user's runs) →
//! [`law`] (the science: std, serde and the `i18n` catalogs only). [`saved`] (what the page
//! keeps in the browser's storage) uses `fit` and `law`; only `app` uses it.

pub mod chart;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod fit;
pub mod i18n;
pub mod law;
pub mod permalink;
pub mod plan;
pub mod saved;
pub mod sort;

#[cfg(target_arch = "wasm32")]
pub mod app;
