//! The science: scaling laws as data, compute-optimal allocation, the inverse questions
//! (model size, tokens or target loss → budget), FLOPs counting, model shapes, hardware and
//! cost, and quantities as people write them. Pure Rust (std, serde and the `i18n` catalogs): no
//! web, no Leptos, no plotters.
//!
//! Every published number lives in a doc comment next to its citation (authors, year, table
//! or equation).

pub mod beyond;
pub mod chinese;
pub mod error;
pub mod flat;
pub mod flops;
pub mod frontier;
pub mod hardware;
pub mod hyper;
mod id;
pub mod kaplan;
pub mod limits;
pub mod loss;
pub mod models;
pub mod presets;
pub mod quantity;
mod questions;
pub mod reconcile;
pub mod schedule;
pub mod shape;
pub mod uncertainty;

pub use error::{Input, LawDefect, LawError};
pub use frontier::Frontier;
pub use id::LawId;
pub use kaplan::KaplanLoss;
pub use loss::{LossModel, LossParams};
pub use presets::{CustomAnchor, Llama3Variant};
pub use questions::Comparison;

/// FLOPs in one petaflop/s-day (Kaplan et al. 2020, Sec. 1.3: 1 PF-day = 8.64e19 FLOPs).
pub const PF_DAY_FLOPS: f64 = 8.64e19;

/// ln 6, for C = 6ND in logarithms (Kaplan et al. 2020, Sec. 2.1; Hoffmann et al. 2022, Sec. 3.3).
pub(crate) const LN_6: f64 = 1.791_759_469_228_055;

/// A scaling law, as a value: who published it, how it allocates a budget, and (if it has one)
/// how it predicts loss.
///
/// Presets come from [`presets()`] / [`preset()`]; fitted or custom laws are built the same way.
#[derive(Debug, Clone, PartialEq)]
pub struct Law {
    /// Stable id used by the URL and the command line (`kaplan2020`, `chinchilla-a1`, …).
    pub id: LawId,
    /// Short display name.
    pub name: String,
    /// Paper and table/equation the coefficients come from.
    pub citation: String,
    /// What a careful reader should know about how the law is applied here.
    pub notes: String,
    /// The allocation rule C → N_opt (and D = C/(6N)).
    pub frontier: Frontier,
    /// The law's predicted loss L(N, D), if it defines one.
    pub loss_model: Option<LossModel>,
}

impl Law {
    /// A law from the parametric loss L = E + A/N^α + B/D^β, allocating by its closed-form
    /// optimum (Hoffmann et al. 2022, Eq. 4). This is how fitted laws plug in.
    #[must_use]
    pub fn parametric(
        id: LawId,
        name: impl Into<String>,
        citation: impl Into<String>,
        notes: impl Into<String>,
        params: LossParams,
    ) -> Self {
        Law {
            id,
            name: name.into(),
            citation: citation.into(),
            notes: notes.into(),
            frontier: Frontier::LossOptimal(params),
            loss_model: Some(LossModel::Parametric(params)),
        }
    }

    /// The coefficients of a loss of the form E + A/N^α + B/D^β, if the law has one.
    #[must_use]
    pub fn loss_params(&self) -> Option<LossParams> {
        match self.loss_model {
            Some(LossModel::Parametric(p)) => Some(p),
            _ => None,
        }
    }

    /// The exponent a of N_opt ∝ C^a.
    #[must_use]
    pub fn params_exponent(&self) -> f64 {
        self.frontier.params_exponent()
    }

    /// The exponent b = 1 − a of D_opt ∝ C^b (D = C/(6N)).
    #[must_use]
    pub fn tokens_exponent(&self) -> f64 {
        1.0 - self.frontier.params_exponent()
    }
}

/// The laws the page offers, in display order: every published preset (Llama 3 with its
/// printed coefficients) and, last, the default custom law (Chinchilla's 70B on 1.4T, a = b = 0.5).
#[must_use]
pub fn presets() -> Vec<Law> {
    vec![
        Law::kaplan2020(),
        Law::chinchilla_approach1(),
        Law::chinchilla_approach2(),
        Law::chinchilla_approach3(),
        Law::chinchilla_approach3_tex(),
        Law::epoch2024(),
        Law::deepseek2024(),
        Law::llama3(Llama3Variant::Printed),
        Law::custom_default(),
    ]
}

/// The preset with this id, if any. Besides the ids of [`presets()`], `llama3-legend` selects
/// Llama 3 with its Fig. 3 legend coefficients.
#[must_use]
pub fn preset(id: &str) -> Option<Law> {
    LawId::parse(id).and_then(preset_by_id)
}

/// The preset law `id`; `None` for [`LawId::Fit`] and [`LawId::SweepFit`], which only the user's coefficients define.
#[must_use]
pub fn preset_by_id(id: LawId) -> Option<Law> {
    Some(match id {
        LawId::Kaplan2020 => Law::kaplan2020(),
        LawId::ChinchillaA1 => Law::chinchilla_approach1(),
        LawId::ChinchillaA2 => Law::chinchilla_approach2(),
        LawId::ChinchillaA3 => Law::chinchilla_approach3(),
        LawId::ChinchillaA3Tex => Law::chinchilla_approach3_tex(),
        LawId::Epoch2024 => Law::epoch2024(),
        LawId::DeepSeek2024 => Law::deepseek2024(),
        LawId::Llama3 => Law::llama3(Llama3Variant::Printed),
        LawId::Llama3Legend => Law::llama3(Llama3Variant::Legend),
        LawId::Custom => Law::custom_default(),
        LawId::Fit | LawId::SweepFit => return None,
    })
}

/// Every law a user can name without coefficients of their own: [`presets()`] and
/// `llama3-legend` (what `isoflop-cli laws` lists).
#[must_use]
pub fn all_presets() -> Vec<Law> {
    let mut all = presets();
    all.push(Law::llama3(Llama3Variant::Legend));
    all
}

/// A choice of model size and data at a compute budget.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Allocation {
    /// Training compute in FLOPs (C = 6ND).
    pub flops: f64,
    /// Parameter count N.
    pub n_params: f64,
    /// Training tokens D.
    pub n_tokens: f64,
}

impl Allocation {
    /// D / N.
    #[must_use]
    pub fn tokens_per_param(&self) -> f64 {
        self.n_tokens / self.n_params
    }
}

/// The compute-optimal (N, D) under `law` at `flops` FLOPs, with C = 6ND.
pub fn optimal_allocation(law: &Law, flops: f64) -> Result<Allocation, LawError> {
    law.allocate(flops)
}

#[cfg(test)]
mod tests;
