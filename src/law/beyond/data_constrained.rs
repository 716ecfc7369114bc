//! Data-constrained allocation: Muennighoff, Rush, Barak, Le Scao, Piktus, Tazi, Pyysalo, Wolf &
//! Raffel 2023, "Scaling Data-Constrained Language Models" (NeurIPS 2023, arXiv:2305.16264;
//! fitted values and examples from the official repository's README, "Parametric Fit",
//! huggingface/datablations@1370131).
//!
//! With only U_D unique tokens, repeated epochs are worth less than fresh data, and parameters
//! beyond what U_D can feed are worth less than needed ones. The law replaces D and N in
//! L = E + A/N^α + B/D^β by effective values
//!
//! D' = U_D + U_D·R_D*·(1 − e^(−R_D/R_D*)),  R_D = max(D/U_D − 1, 0),
//! N' = U_N + U_N·R_N*·(1 − e^(−R_N/R_N*)),  U_N = min(N, N_chin(U_D)), R_N = max(N/U_N − 1, 0),
//!
//! where N_chin(U_D) is the Chinchilla-optimal size for U_D tokens under the same E, A, B, α, β.
//! There is no closed-form optimum (the README asks for one); we minimise along C = 6ND.

use super::solve::minimise_on_interval;
use super::{check_coefficients, in_range, positive, BeyondError};
use crate::law::loss::LossParams;
use serde::Serialize;

/// Half-width of the search, as a factor either side of the unconstrained optimum N.
const SEARCH_FACTOR: f64 = 1e4;
/// Samples of ln N in the scan (a step of ≈ 4.7 % in N).
const SEARCH_POINTS: usize = 400;
/// Width in ln N at which the refinement stops (relative precision ≈ 1e-10 in N).
const SEARCH_TOL: f64 = 1e-10;

/// The data-constrained loss law: a Chinchilla-form law plus the two decay constants.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DataConstrainedLaw {
    /// E, A, B, α, β of the underlying law L = E + A/N'^α + B/D'^β.
    pub base: LossParams,
    /// R_D*: how many repetitions of the data it takes for their value to decay by 1/e.
    pub r_d_star: f64,
    /// R_N*: the same constant for excess parameters.
    pub r_n_star: f64,
}

/// The unconstrained (Chinchilla-optimal) allocation at the same budget, for comparison.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct UnconstrainedOptimum {
    /// N of the closed-form optimum under C = 6ND (Hoffmann et al. 2022, Eq. 4).
    pub n_params: f64,
    /// D of that optimum.
    pub n_tokens: f64,
    /// Its loss with unlimited unique data (the plain law).
    pub loss: f64,
    /// Its loss when it must repeat the U_D unique tokens (the data-constrained law).
    pub loss_with_repetition: f64,
    /// D / U_D for that allocation.
    pub epochs: f64,
}

/// The loss-minimising (N, D) at a compute budget when only U_D unique tokens exist.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DataConstrainedAllocation {
    /// Training compute C = 6ND in FLOPs.
    pub flops: f64,
    /// Unique tokens available, U_D.
    pub unique_tokens: f64,
    /// Parameter count N.
    pub n_params: f64,
    /// Training tokens D (counting repeats).
    pub n_tokens: f64,
    /// Epochs over the unique data, D / U_D (below 1 when not all of it is needed).
    pub epochs: f64,
    /// Effective parameters N'.
    pub effective_params: f64,
    /// Effective data D'.
    pub effective_tokens: f64,
    /// Predicted loss L(N, D, U_D).
    pub loss: f64,
    /// The unconstrained optimum at the same budget.
    pub unconstrained: UnconstrainedOptimum,
    /// 100 · N / N_unconstrained.
    pub params_pct: f64,
    /// 100 · D / D_unconstrained.
    pub tokens_pct: f64,
}

impl DataConstrainedLaw {
    /// Muennighoff et al. 2023's fit (README "Parametric Fit"): ln A = 6.255414, ln B = 7.3049974,
    /// ln E = 0.6254804, α = β = 0.3526596, R_D* = 15.387756, R_N* = 5.309743 (the paper rounds
    /// the last two to 15.4 and 5.3).
    #[must_use]
    pub fn muennighoff2023() -> Self {
        DataConstrainedLaw {
            base: LossParams {
                e: 0.625_480_4_f64.exp(),
                a: 6.255_414_f64.exp(),
                b: 7.304_997_4_f64.exp(),
                alpha: 0.352_659_6,
                beta: 0.352_659_6,
            },
            r_d_star: 15.387_756,
            r_n_star: 5.309_743,
        }
    }

    /// N_chin(U): the Chinchilla-optimal parameter count for `tokens` training tokens,
    /// G·(G·U)^(β/α) with G = (αA/(βB))^(1/(α+β)) (the README's `D_to_N`).
    #[must_use]
    pub fn chinchilla_params_for_tokens(&self, tokens: f64) -> f64 {
        let g = self.base.g();
        g * (g * tokens).powf(self.base.beta / self.base.alpha)
    }

    /// Effective data D' for `n_tokens` training tokens drawn from `unique_tokens` unique ones.
    /// If fewer tokens are trained on than exist, only `n_tokens` of them are seen, once (the
    /// README's grid passes min(U_D, D) as U_D for the same reason).
    #[must_use]
    pub fn effective_tokens(&self, n_tokens: f64, unique_tokens: f64) -> f64 {
        let u = unique_tokens.min(n_tokens);
        let repeats = (n_tokens / u - 1.0).max(0.0);
        u + u * self.r_d_star * decayed(repeats, self.r_d_star)
    }

    /// Effective parameters N' for an `n_params` model trained on `n_tokens` tokens drawn from
    /// `unique_tokens` unique ones.
    #[must_use]
    pub fn effective_params(&self, n_params: f64, n_tokens: f64, unique_tokens: f64) -> f64 {
        let u = unique_tokens.min(n_tokens);
        let base = n_params.min(self.chinchilla_params_for_tokens(u));
        let excess = (n_params / base - 1.0).max(0.0);
        base + base * self.r_n_star * decayed(excess, self.r_n_star)
    }

    /// Predicted loss L(N, D, U_D) = E + A/N'^α + B/D'^β.
    pub fn loss(
        &self,
        n_params: f64,
        n_tokens: f64,
        unique_tokens: f64,
    ) -> Result<f64, BeyondError> {
        self.check()?;
        let n = positive(crate::law::Input::ParameterCount, n_params)?;
        let d = positive(crate::law::Input::TrainingTokens, n_tokens)?;
        let u = positive(crate::law::Input::UniqueTokens, unique_tokens)?;
        let l = self.loss_unchecked(n, d, u);
        if l.is_finite() {
            Ok(l)
        } else {
            Err(BeyondError::OutOfRange)
        }
    }

    /// The (N, D) with 6ND = `flops` that minimises L(N, D, U_D), found by a scan of 400 points
    /// over ln N within a factor 10⁴ of the unconstrained optimum, refined by golden-section
    /// search to 1e-10 in ln N. The README's own answer is a 500-point grid, so it sits within
    /// that grid's spacing (≈ 0.05 % at C = 1e22, U_D = 25e9) of ours.
    pub fn optimal(
        &self,
        flops: f64,
        unique_tokens: f64,
    ) -> Result<DataConstrainedAllocation, BeyondError> {
        self.check()?;
        let c = positive(crate::law::Input::ComputeBudget, flops)?;
        let u = positive(crate::law::Input::UniqueTokens, unique_tokens)?;
        let (n0, d0) = self.base.optimal(c);
        let [n0, d0] = in_range([n0, d0])?;

        let along_budget = |ln_n: f64| {
            let n = ln_n.exp();
            self.loss_unchecked(n, c / (6.0 * n), u)
        };
        let centre = n0.ln();
        let half = SEARCH_FACTOR.ln();
        let ln_n = minimise_on_interval(
            along_budget,
            centre - half,
            centre + half,
            SEARCH_POINTS,
            SEARCH_TOL,
        );
        let n = ln_n.exp();
        let d = c / (6.0 * n);
        let loss = self.loss_unchecked(n, d, u);
        let unconstrained = UnconstrainedOptimum {
            n_params: n0,
            n_tokens: d0,
            loss: self.base.loss(n0, d0),
            loss_with_repetition: self.loss_unchecked(n0, d0, u),
            epochs: d0 / u,
        };
        let effective_params = self.effective_params(n, d, u);
        let effective_tokens = self.effective_tokens(d, u);
        in_range([
            n,
            d,
            loss,
            effective_params,
            effective_tokens,
            unconstrained.loss,
            unconstrained.loss_with_repetition,
        ])?;
        Ok(DataConstrainedAllocation {
            flops: c,
            unique_tokens: u,
            n_params: n,
            n_tokens: d,
            epochs: d / u,
            effective_params,
            effective_tokens,
            loss,
            unconstrained,
            params_pct: 100.0 * n / n0,
            tokens_pct: 100.0 * d / d0,
        })
    }

    /// The law at positive finite inputs (NaN or ∞ only if the coefficients overflow).
    fn loss_unchecked(&self, n_params: f64, n_tokens: f64, unique_tokens: f64) -> f64 {
        let p = &self.base;
        let n_eff = self.effective_params(n_params, n_tokens, unique_tokens);
        let d_eff = self.effective_tokens(n_tokens, unique_tokens);
        p.e + p.a / n_eff.powf(p.alpha) + p.b / d_eff.powf(p.beta)
    }

    /// `Ok(())` if the base coefficients are usable and both decay constants positive, finite.
    fn check(&self) -> Result<(), BeyondError> {
        check_coefficients(&self.base)?;
        let pos = |x: f64| x.is_finite() && x > 0.0;
        if pos(self.r_d_star) && pos(self.r_n_star) {
            Ok(())
        } else {
            Err(BeyondError::InvalidLaw)
        }
    }
}

/// [`DataConstrainedLaw::optimal`] under Muennighoff et al. 2023's fitted law
/// ([`DataConstrainedLaw::muennighoff2023`]).
pub fn data_constrained_optimal(
    flops: f64,
    unique_tokens: f64,
) -> Result<DataConstrainedAllocation, BeyondError> {
    DataConstrainedLaw::muennighoff2023().optimal(flops, unique_tokens)
}

/// 1 − e^(−r/r*), accurate for small r.
fn decayed(repeats: f64, r_star: f64) -> f64 {
    -(-repeats / r_star).exp_m1()
}
