//! The configuration in the URL query string, and back. The only code that touches
//! `location` and `history` (in [`browser`], compiled for the page only).
//!
//! A link holds `v=1` and then only the inputs that differ from their defaults, e.g.
//! `?v=1&flops=1e24&laws=chinchilla-a3-tex,epoch2024&gpu=h100&n=2048&mfu=0.38`.
//! The default configuration is the empty query.
//!
//! | key      | field                       | value                                   | default |
//! |----------|-----------------------------|-----------------------------------------|---------|
//! | `v`      | link version                | whole number; above [`VERSION`] → notice | `1` |
//! | `mode`   | `mode`                      | `budget` `hardware` `params` `scale` `loss` | `budget` |
//! | `flops`  | `flops`                     | FLOPs > 0 (`5.76e23`; also `5.76×10^23`, `576 ZFLOPs`) | `5.76e23` |
//! | `laws`   | `laws`                      | law ids, comma-separated, in order (`fit` only with `fit=`, `sweep-fit` only with `sfit=`) | `kaplan2020,chinchilla-a1` |
//! | `gpu`    | `hardware.accelerator`      | accelerator id (`law::hardware::ACCELERATORS`) | `h100` |
//! | `n`      | `hardware.count`            | whole number ≥ 1                        | `1024` |
//! | `days`   | `hardware.days`             | number > 0                              | `30` |
//! | `mfu`    | `hardware.mfu`              | number in (0, 1]                        | `0.4` |
//! | `price`  | `hardware.price`            | dollars per device-hour ≥ 0             | none |
//! | `params` | `n_params`                  | count > 0 (`7e10`; also `70B`)          | `7e10` |
//! | `n0`     | `anchor.n0`                 | count > 0                               | `7e10` |
//! | `d0`     | `anchor.d0`                 | count > 0                               | `1.4e12` |
//! | `ca`     | `anchor.a`                  | number in (0, 1)                        | `0.5` |
//! | `cb`     | `anchor.b`                  | number in (0, 1)                        | `0.5` |
//! | `k`      | `multiplier`                | number > 0                              | `10` |
//! | `loss`   | `target_loss`               | nats/token > 0                          | `2` |
//! | `judge`  | `judge`                     | id of a law with a loss model (or `fit`) | `chinchilla-a3-tex` |
//! | `inf`    | `inference_tokens`          | count > 0                               | none |
//! | `unique` | `unique_tokens`             | count > 0                               | none |
//! | `fit`    | `fit` (E, A, B, α, β)       | five numbers: E ≥ 0, the rest > 0        | none |
//! | `fitm`   | `fit.paper_method`          | `paper` or `global` (only with `fit`)   | `global` |
//! | `fitd`   | `fit.delta`                 | Huber δ > 0 (only with `fit`)           | `1e-3` |
//! | `sfit`   | `sweep_fit` (k, a)          | k > 0 and a in (0, 1) of N_opt = k·C^a  | none |
//! | `sfita`  | `sweep_fit.approach`        | `1` or `2` (only with `sfit`)           | `2` |
//! | `fixa`   | `fixed.alpha`               | α > 0 held in the fit panel's Approach 3 | none |
//! | `fixb`   | `fixed.beta`                | β > 0 held                              | none |
//! | `fixe`   | `fixed.e`                   | E ≥ 0 held                              | none |
//! | `tie`    | `fixed.tie`                 | `1` (α = β) or `0`; refused with two different fixed exponents | `0` |
//! | `flat`   | `flat_percent`              | the flat-optimum column's tolerance in percent, in (0, 100] | `0.5` |
//! | `hide`   | `hidden`                    | results-table column ids, comma-separated (`loss,flat-n`; `permalink::ColumnId`) | none |
//! | `theme`  | `theme`                     | `auto` `light` `dark`                   | `auto` |
//! | `lang`   | `lang`                      | `en` `zh`                               | `en` (or the browser's, when the link has none) |
//! | `why`    | `reconcile.open`            | `1` (open) or `0`                       | `0` |
//! | `rlaw`   | `reconcile.law`             | id of a law with E + A/N^α + B/D^β (or `fit`) | `epoch2024` |
//! | `vocab`  | `reconcile.vocab`           | count > 0                               | `32000` |
//! | `aspect` | `reconcile.aspect`          | number > 0                              | `39.225207931556756` |
//! | `shape`  | `shape.model`               | a shape preset id (`llama3-8b`), or `layers,d_model,heads,kv_heads,head_size,ffn,vocab,context` then flags `gated` `tied` `learned`/`relative` `qkv-bias`/`all-bias` `layernorm`/`no-norm` | none |
//! | `conv`   | `shape.convention`          | FLOPs convention id (`6n` `6n_non_embedding` `kaplan` `chinchilla` `chinchilla_no_embedding` `deepseek` `palm`) | `palm` |
//! | `sn`     | `shape.suggest_params`      | count > 0: the N a shape is suggested for | the first law's N |
//! | `sa`     | `shape.aspect_ratio`        | d_model / layers of a suggestion, 4 to 1024 | `75` |
//! | `mem`    | `shape.recipe`              | `mixed-adam` `fp32-adam` `bf16-adam` `mixed-adam-8bit` `bf16-weights` | `mixed-adam` |
//! | `shard`  | `shape.sharding`            | `none` `zero1` `zero2` `zero3` (`fsdp`) | `none` |
//! | `sched`  | `recipe.schedule`           | `cosine` `wsd` `multistep`              | `cosine` |
//! | `warm`   | `recipe.warmup`             | warm-up steps, a whole number 0 to 1e7 | 2000, at most a tenth of the run |
//! | `ctx`    | `recipe.context`            | the batch's sequence length, a whole number 1 to 1e7 | the model shape's |
//! | `rn`     | `recipe.run_params`         | count > 0: a run already chosen, its N (with `rd`) | none |
//! | `rd`     | `recipe.run_tokens`         | count > 0: its D (with `rn`)            | none |
//! | `ptarget`| `planner.target`            | FLOPs, 1e12 to 1e35: the budget a sweep is planned for | the page's first answered budget |
//! | `pspend` | `planner.spend`             | FLOPs, 1e12 to 1e35: what the whole sweep spends | 1 % of the target |
//! | `plaw`   | `planner.law`               | id of a law with E + A/N^α + B/D^β (or `fit`) | `epoch2024` |
//! | `pbud`   | `planner.budgets`           | whole number 1 to 20 (the planner needs two or more) | `5` |
//! | `pspace` | `planner.spacing`           | number 1 to 1000, the factor between budgets (above 1) | `4` |
//! | `psizes` | `planner.sizes`             | whole number 1 to 30, sizes per budget (three or more) | chosen by simulation |
//! | `pwidth` | `planner.width`             | number 1 to 100, ×k either side of N_opt (above 1) | chosen by simulation |
//! | `poff`   | `planner.offset`            | number 0.01 to 100, the sizes' centre as a multiple of N_opt | `1` |
//! | `pnoise` | `planner.noise_percent`     | per cent 0 to 50 on each simulated loss (below 20) | `0.5` |
//! | `psims`  | `planner.simulations`       | whole number 1 to 2000 (10 or more)     | `200` |
//!
//! A link's meaning is frozen by its version: a link writes only what differs from the
//! defaults, so changing a default would change what every shared link shows. A change of a
//! default bumps [`VERSION`], and `decode` then reads a link of an older version from that
//! version's defaults; `tests/links_v1.rs` holds links of version 1 with the configuration
//! each opens. The page's "Copy link" always names the version (`?v=1` for the default page).
//!
//! Numbers are written as the shortest text that reads back as the same f64 ([`number`]), so
//! a link restores exactly what its sender saw. Reading is forgiving: unknown keys are
//! ignored, a repeated key keeps its **last** value, and a value that cannot be used keeps its
//! default and is named in a short notice (values are truncated, never echoed whole).

mod columns;
mod config;
mod decode;
mod encode;
mod notice;
mod planner;
mod recipe;
mod shape;
mod text;
mod validate;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_fixed;
#[cfg(test)]
mod tests_notices;
#[cfg(test)]
mod tests_planner;
#[cfg(test)]
mod tests_recipe;
#[cfg(test)]
mod tests_shape;
// proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests_props;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests_strategies;

pub use columns::ColumnId;
pub use config::{
    Config, FitConfig, HardwareConfig, Mode, ReconcileConfig, SweepFitConfig, Theme,
    DEFAULT_FLAT_PERCENT, DEFAULT_LAWS, FALLBACK_LAW,
};
pub use decode::decode;
pub use encode::{encode, markdown_link};
pub use notice::{Notice, Reason};
pub use planner::{PlanConfig, DEFAULT_PLAN_LAW};
pub use recipe::RecipeConfig;
pub use shape::{
    bias_id, model_text, norm_id, parse_model, position_id, ShapeConfig, ShapeModel, BIASES,
    DEFAULT_CONVENTION, NORMS, POSITIONS,
};
pub use text::{field_text, number, percent_decode, percent_encode};
pub use validate::{is_known_law, is_loss_law, is_parametric_law, Invalid};

/// The highest link version this page understands.
pub const VERSION: u32 = 1;

/// A decoded link: the configuration, and what could not be used, in words for the page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decoded {
    /// The configuration: always valid ([`Config::validate`]).
    pub config: Config,
    /// One short notice per value that could not be used (empty for a clean link), said in a
    /// language by [`Notice::text`].
    pub notices: Vec<Notice>,
    /// Whether the link names a language (`lang=`, even a wrong one); if not, the page follows
    /// the reader's browser.
    pub lang_given: bool,
}

/// The page's link in the address bar (browser only).
#[cfg(target_arch = "wasm32")]
pub mod browser {
    use wasm_bindgen::JsValue;

    /// `location.search`, or empty.
    #[must_use]
    pub fn current_query() -> String {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default()
    }

    /// The whole address (`location.href`), for the "Copy link" button; empty if unknown.
    #[must_use]
    pub fn current_url() -> String {
        web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default()
    }

    /// Replaces the address bar's query without adding a history entry.
    pub fn replace_query(query: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let path = location.pathname().unwrap_or_default();
        let hash = location.hash().unwrap_or_default();
        let url = if query.is_empty() {
            format!("{path}{hash}")
        } else {
            format!("{path}?{query}{hash}")
        };
        if location
            .search()
            .unwrap_or_default()
            .trim_start_matches('?')
            == query
        {
            return;
        }
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }
}
