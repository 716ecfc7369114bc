//! Pearce & Song's simulation of Kaplan's study (arXiv:2406.12907; analysis script
//! `script_analysis_kaplan_chinchilla.py`), step for step: a fixed grid of 20 models and 1000
//! token counts, the best grid run at each budget, and a least-squares fit. Its discreteness is
//! part of the published numbers (0.78 rather than the exact curve's 0.776), so it is kept
//! apart from the exact frontier of [`super::KaplanCounting`].

use super::super::error::LawError;
use super::super::loss::LossParams;
use super::counting::{total_params, KaplanCounting};
use super::series::{ols_slope, LogRange, KAPLAN_RANGE, KAPLAN_RANGE_TOTAL};

/// The simulated models: 20 non-embedding sizes log-spaced over 10^2.9 … 10^9.2 (794 to 1.58e9),
/// for Kaplan's "768 to 1.5 billion non-embedding parameters" (as the script quotes
/// Kaplan et al. 2020, arXiv:2001.08361).
pub const SIM_MODELS: LogRange = LogRange {
    log10_lo: 2.9,
    log10_hi: 9.2,
};
/// Number of simulated models.
pub const SIM_MODEL_COUNT: usize = 20;
/// The token grid: 1000 counts log-spaced over 10^6 … 10^25.
pub const SIM_TOKENS: LogRange = LogRange {
    log10_lo: 6.0,
    log10_hi: 25.0,
};
/// Number of token counts.
pub const SIM_TOKEN_COUNT: usize = 1000;
/// Budgets per frontier: 100, log-spaced over [`KAPLAN_RANGE`] (or [`KAPLAN_RANGE_TOTAL`]).
pub const SIM_BUDGET_COUNT: usize = 100;

/// What the simulation fits, each an OLS slope in log-log space.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct GridSimulation {
    /// N*_\E ∝ C_\E^a over [`KAPLAN_RANGE`] (Epoch law: 0.7805; Chinchilla: 0.7388).
    pub non_embedding_exponent: f64,
    /// N*_T ∝ C_T^a over [`KAPLAN_RANGE_TOTAL`] (Epoch law: 0.5154; Chinchilla: 0.4577).
    pub total_exponent: f64,
    /// L*_\E ∝ C_\E^γ with no offset, Kaplan's form (Epoch law: −0.0690; Kaplan measured −0.057).
    pub loss_exponent_non_embedding: f64,
    /// (L*_T − E) ∝ C_T^γ, Chinchilla's form (Epoch law: −0.1781).
    pub reducible_loss_exponent_total: f64,
}

/// For each budget, the grid model (size as counted, loss) with the lowest loss, where each
/// model trains on the grid token count whose 6·N·D is nearest the budget (first index on
/// ties, as numpy's `argmin`).
fn grid_frontier(
    params: &LossParams,
    counted: &[f64],
    totals: &[f64],
    tokens: &[f64],
    budgets: &[f64],
) -> Vec<(f64, f64)> {
    budgets
        .iter()
        .map(|&c| {
            let mut best = (f64::INFINITY, counted[0]);
            for (&n, &n_total) in counted.iter().zip(totals) {
                // `tokens` ascends, so |6·n·D − c| is smallest next to the insertion point.
                let k = tokens.partition_point(|&d| 6.0 * n * d < c);
                let j = match (k.checked_sub(1), tokens.get(k)) {
                    (Some(below), Some(&above)) => {
                        if (6.0 * n * tokens[below] - c).abs() <= (6.0 * n * above - c).abs() {
                            below
                        } else {
                            k
                        }
                    }
                    (Some(below), None) => below,
                    (None, _) => 0,
                };
                let loss = params.loss(n_total, tokens[j]);
                if loss < best.0 {
                    best = (loss, n);
                }
            }
            best
        })
        .collect()
}

/// Runs Pearce & Song's simulation of Kaplan's study for `params` with embedding coefficient
/// `omega` (their script uses the Epoch coefficients and ω = 47 491).
pub fn simulate_kaplan_grid(params: LossParams, omega: f64) -> Result<GridSimulation, LawError> {
    // Validates the law and ω.
    KaplanCounting::new(params, omega)?;
    let non_embedding = SIM_MODELS.budgets(SIM_MODEL_COUNT)?;
    let totals = non_embedding
        .iter()
        .map(|&n| total_params(n, omega))
        .collect::<Result<Vec<f64>, LawError>>()?;
    let tokens = SIM_TOKENS.budgets(SIM_TOKEN_COUNT)?;

    let budgets = KAPLAN_RANGE.budgets(SIM_BUDGET_COUNT)?;
    let frontier = grid_frontier(&params, &non_embedding, &totals, &tokens, &budgets);
    let ln_c: Vec<f64> = budgets.iter().map(|c| c.ln()).collect();
    let ln_n: Vec<f64> = frontier.iter().map(|p| p.1.ln()).collect();
    let ln_loss: Vec<f64> = frontier.iter().map(|p| p.0.ln()).collect();
    let non_embedding_exponent = ols_slope(&ln_c, &ln_n)?;
    let loss_exponent_non_embedding = ols_slope(&ln_c, &ln_loss)?;

    let budgets = KAPLAN_RANGE_TOTAL.budgets(SIM_BUDGET_COUNT)?;
    let frontier = grid_frontier(&params, &totals, &totals, &tokens, &budgets);
    let ln_c: Vec<f64> = budgets.iter().map(|c| c.ln()).collect();
    let ln_n: Vec<f64> = frontier.iter().map(|p| p.1.ln()).collect();
    let ln_reducible: Vec<f64> = frontier.iter().map(|p| (p.0 - params.e).ln()).collect();
    let total_exponent = ols_slope(&ln_c, &ln_n)?;
    let reducible_loss_exponent_total = ols_slope(&ln_c, &ln_reducible)?;

    Ok(GridSimulation {
        non_embedding_exponent,
        total_exponent,
        loss_exponent_non_embedding,
        reducible_loss_exponent_total,
    })
}
