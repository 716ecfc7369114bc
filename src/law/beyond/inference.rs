//! Inference-aware allocation: Sardana, Portes, Doubov & Frankle 2024, "Beyond
//! Chinchilla-Optimal: Accounting for Inference in Language Model Scaling Laws" (ICML 2024,
//! arXiv:2401.00448; official code nikhilsardana/beyond-chinchilla).
//!
//! For a target loss ℓ and a lifetime inference demand of D_inf tokens, choose (N, D_tr) to
//! minimise 6·N·D_tr + 2·N·D_inf subject to L(N, D_tr) = ℓ, with the Chinchilla form
//! L = E + A/N^α + B/D^β. Eliminating N and setting the derivative to zero gives one equation in
//! D (the equation the authors' `compute_optimal.py` solves with Newton's method):
//!
//! f(D) = B·(1 + β/α)·D^−β + (β·B·D_inf/(3α))·D^(−β−1) + E − ℓ = 0,
//!
//! then N = (A / (ℓ − E − B/D^β))^(1/α). Both terms of f fall as D grows, so f has exactly one
//! root; we bracket it and bisect in log D, which cannot run off the way a bare Newton step can.

use super::solve::root_of_decreasing;
use super::{check_coefficients, in_range, non_negative, positive, BeyondError};
use crate::law::loss::LossParams;
use serde::Serialize;

/// A model's size, training data and lifetime compute (FLOPs = 6·N·D to train, 2·N per
/// inference token, as in Sardana et al. 2024 and their code's `FLOPs` helper).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LifetimeModel {
    /// Parameter count N.
    pub n_params: f64,
    /// Training tokens D_tr.
    pub n_tokens: f64,
    /// Training FLOPs 6·N·D_tr.
    pub training_flops: f64,
    /// Inference FLOPs 2·N·D_inf.
    pub inference_flops: f64,
    /// Training plus inference FLOPs.
    pub total_flops: f64,
}

impl LifetimeModel {
    /// The lifetime compute of an N-parameter model trained on `n_tokens` and then run on
    /// `inference_tokens`.
    #[must_use]
    pub fn new(n_params: f64, n_tokens: f64, inference_tokens: f64) -> Self {
        let training_flops = 6.0 * n_params * n_tokens;
        let inference_flops = 2.0 * n_params * inference_tokens;
        LifetimeModel {
            n_params,
            n_tokens,
            training_flops,
            inference_flops,
            total_flops: training_flops + inference_flops,
        }
    }
}

/// The lifetime-compute-optimal model for a target loss and inference demand, beside the
/// Chinchilla-optimal model of the same loss serving the same demand.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct InferenceAllocation {
    /// The loss both models reach.
    pub target_loss: f64,
    /// Lifetime inference demand D_inf in tokens.
    pub inference_tokens: f64,
    /// The model that minimises training plus inference FLOPs.
    pub optimal: LifetimeModel,
    /// The model that minimises training FLOPs alone for the same loss (Chinchilla-style).
    pub chinchilla: LifetimeModel,
    /// 100 · N_optimal / N_chinchilla.
    pub params_pct: f64,
    /// 100 · D_optimal / D_chinchilla.
    pub tokens_pct: f64,
    /// 100 · total FLOPs of the optimal model / total FLOPs of the Chinchilla model.
    pub total_flops_pct: f64,
}

/// The Chinchilla-style (training-compute-optimal) model that reaches `target_loss`, as (N, D).
///
/// At the optimum α·A/N^α = β·B/D^β, so ℓ − E = (1 + β/α)·B/D^β = (1 + α/β)·A/N^α; solved for D
/// and N (as `chinchilla_tokens_from_loss` / `chinchilla_params_from_loss` in Sardana et al.'s
/// code).
pub fn equal_loss_chinchilla(
    loss: &LossParams,
    target_loss: f64,
) -> Result<(f64, f64), BeyondError> {
    let delta = reducible_loss(loss, target_loss)?;
    let (a, b, alpha, beta) = (loss.a, loss.b, loss.alpha, loss.beta);
    let n = (a * (1.0 + alpha / beta) / delta).powf(1.0 / alpha);
    let d = (b * (1.0 + beta / alpha) / delta).powf(1.0 / beta);
    let [n, d] = in_range([n, d])?;
    Ok((n, d))
}

/// The loss the Chinchilla-optimal model reaches at `flops` training FLOPs (C = 6ND, Hoffmann et
/// al. 2022, Eq. 4): a convenient target loss for [`inference_optimal`].
pub fn chinchilla_loss_at(loss: &LossParams, flops: f64) -> Result<f64, BeyondError> {
    check_coefficients(loss)?;
    let flops = positive(crate::law::Input::ComputeBudget, flops)?;
    let (n, d) = loss.optimal(flops);
    let [n, d] = in_range([n, d])?;
    let l = loss.loss(n, d);
    if l.is_finite() {
        Ok(l)
    } else {
        Err(BeyondError::OutOfRange)
    }
}

/// The model that reaches `target_loss` with the fewest training-plus-inference FLOPs when it
/// will serve `inference_tokens` tokens (Sardana et al. 2024). With no inference demand
/// it is the Chinchilla-optimal model of that loss.
///
/// Errors: non-finite or unusable coefficients, a non-finite target, a target at or below E, a
/// negative or non-finite inference demand, or an answer beyond f64.
pub fn inference_optimal(
    loss: &LossParams,
    target_loss: f64,
    inference_tokens: f64,
) -> Result<InferenceAllocation, BeyondError> {
    let delta = reducible_loss(loss, target_loss)?;
    let t = non_negative(crate::law::Input::InferenceTokens, inference_tokens)?;
    let (n_chin, d_chin) = equal_loss_chinchilla(loss, target_loss)?;
    let (a, b, alpha, beta) = (loss.a, loss.b, loss.alpha, loss.beta);

    // f(D) of the module docs in x = ln D, divided by Δ so its scale is 1 whatever the loss.
    let c1 = b * (1.0 + beta / alpha) / delta;
    let c2 = t * beta * b / (3.0 * alpha) / delta;
    let f = |x: f64| c1 * (-beta * x).exp() + c2 * (-(beta + 1.0) * x).exp() - 1.0;
    // Bracket. At D_chin the first term alone is 1, so f ≥ 0 there. Past both
    // ln D_chin + ln 2/β (first term ≤ ½) and ln(2·c2)/(β+1) (second term ≤ ½), f ≤ 0; one
    // more unit of ln D makes it strictly negative.
    let lo = d_chin.ln();
    let hi = (lo + std::f64::consts::LN_2 / beta).max((2.0 * c2).ln() / (beta + 1.0)) + 1.0;
    if !(lo.is_finite() && hi.is_finite()) {
        return Err(BeyondError::OutOfRange);
    }
    let d = root_of_decreasing(f, lo, hi).exp();
    // N from the constraint L(N, D) = ℓ, so the returned model reaches the target exactly.
    let n = (a / (delta - b / d.powf(beta))).powf(1.0 / alpha);
    let [n, d] = in_range([n, d])?;

    let optimal = LifetimeModel::new(n, d, t);
    let chinchilla = LifetimeModel::new(n_chin, d_chin, t);
    in_range([optimal.total_flops, chinchilla.total_flops])?;
    // Ratios of numbers near the ends of f64 (a fit with extreme coefficients) can overflow.
    let [params_pct, tokens_pct, total_flops_pct] = in_range([
        100.0 * n / n_chin,
        100.0 * d / d_chin,
        100.0 * optimal.total_flops / chinchilla.total_flops,
    ])?;
    Ok(InferenceAllocation {
        target_loss,
        inference_tokens: t,
        optimal,
        chinchilla,
        params_pct,
        tokens_pct,
        total_flops_pct,
    })
}

/// [`inference_optimal`] with the target set to the loss the Chinchilla-optimal model reaches at
/// `flops` training FLOPs ([`chinchilla_loss_at`]); the Chinchilla side is then that model.
pub fn inference_optimal_at_budget(
    loss: &LossParams,
    flops: f64,
    inference_tokens: f64,
) -> Result<InferenceAllocation, BeyondError> {
    let target = chinchilla_loss_at(loss, flops)?;
    inference_optimal(loss, target, inference_tokens)
}

/// Δ = ℓ − E after checking the coefficients and that ℓ is finite and above E.
fn reducible_loss(loss: &LossParams, target_loss: f64) -> Result<f64, BeyondError> {
    check_coefficients(loss)?;
    if !target_loss.is_finite() {
        return Err(BeyondError::InvalidInput {
            name: crate::law::Input::TargetLoss,
            value: target_loss,
            expected: super::Expected::Finite,
        });
    }
    let delta = target_loss - loss.e;
    if delta > 0.0 {
        Ok(delta)
    } else {
        Err(BeyondError::LossUnreachable {
            target: target_loss,
            irreducible: loss.e,
        })
    }
}
