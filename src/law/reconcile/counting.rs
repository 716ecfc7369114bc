//! Counting and scale (Pearce & Song 2024, arXiv:2406.12907): a Chinchilla-form law seen
//! through Kaplan's non-embedding counting.
//!
//! Kaplan et al. 2020 (arXiv:2001.08361, Eq. 2.1 and Sec. 2.1) count N_\E, the parameters
//! outside the embeddings, and compute C_\E = 6·N_\E·D. The loss, though, depends on all the
//! parameters: Pearce & Song write N_T = N_\E + ω·N_\E^(1/3) (the embedding V·d with
//! N_\E = 12·L·d² and a fixed aspect ratio d/L) and evaluate L = E + A/N_T^α + B/D^β at N_T.
//! Minimising that loss at fixed C_\E gives a frontier N*_\E(C_\E) whose local exponent runs
//! from β/(β + α/3) at small scale to β/(α + β) at large scale.

use super::super::error::{in_range, positive, LawError};
use super::super::frontier::Frontier;
use super::super::loss::{LossModel, LossParams};
use super::super::LN_6;

/// ln 3, for the ω/3 term of the optimality condition.
const LN_3: f64 = 1.098_612_288_668_109_8;

/// The ln N_\E bracket searched for an optimum: e^±700 ≈ 1e±304, inside f64.
const LN_SIZE_MIN: f64 = -700.0;
const LN_SIZE_MAX: f64 = 700.0;

/// Pearce & Song's ω, the constant `gamma = 47491` of their analysis script
/// (`script_analysis_kaplan_chinchilla.py`, repository TeaPearce/Reconciling_Kaplan_Chinchilla_Scaling_Laws).
pub const PEARCE_OMEGA: f64 = 47_491.0;

/// Vocabulary size behind [`PEARCE_OMEGA`]: 32 000 tokens, no position table (same script).
pub const DEFAULT_VOCAB: f64 = 32_000.0;

/// The aspect ratio d_model/n_layer that makes `omega(32 000, aspect)` equal [`PEARCE_OMEGA`]:
/// 12·(47 491/32 000)³ = 39.2252… The script's comment says 39.2, which gives ω ≈ 47 481.
pub const DEFAULT_ASPECT: f64 = 39.225_207_931_556_76;

/// ω = V·(aspect/12)^(1/3), the coefficient of N_T = N_\E + ω·N_\E^(1/3) (Pearce & Song 2024,
/// arXiv:2406.12907): with N_\E = 12·L·d² and L = d/aspect, the embedding V·d equals
/// V·(aspect/12)^(1/3)·N_\E^(1/3). `vocab` is V and `aspect` is d_model/n_layer.
pub fn omega(vocab: f64, aspect: f64) -> Result<f64, LawError> {
    positive(crate::law::Input::Vocab, vocab)?;
    positive(crate::law::Input::Aspect, aspect)?;
    in_range(vocab * (aspect / 12.0).cbrt())
}

/// `Ok(ω)` if ω is finite and not negative (ω = 0 means no embedding parameters).
fn check_omega(omega: f64) -> Result<f64, LawError> {
    if omega.is_finite() && omega >= 0.0 {
        Ok(omega)
    } else {
        Err(LawError::InvalidInput {
            what: crate::law::Input::EmbeddingCoefficient,
            value: omega,
        })
    }
}

/// N_T = N_\E + ω·N_\E^(1/3): total parameters from non-embedding ones.
pub fn total_params(n_non_embedding: f64, omega: f64) -> Result<f64, LawError> {
    positive(crate::law::Input::NonEmbeddingParams, n_non_embedding)?;
    check_omega(omega)?;
    in_range(n_non_embedding + omega * n_non_embedding.cbrt())
}

/// The inverse of [`total_params`]: the N_\E whose total is `n_total`. With y = N_\E^(1/3) this
/// is the cubic y³ + ω·y = N_T, which has one positive root; Newton's method from
/// min(N_T^(1/3), N_T/ω), an upper bound of the root, descends to it monotonically because the
/// cubic is increasing and convex for y > 0.
pub fn non_embedding_params(n_total: f64, omega: f64) -> Result<f64, LawError> {
    positive(crate::law::Input::TotalParams, n_total)?;
    check_omega(omega)?;
    let mut y = n_total.cbrt().min(n_total / omega);
    for _ in 0..200 {
        let step = (y * y * y + omega * y - n_total) / (3.0 * y * y + omega);
        y -= step;
        if step.abs() <= 1e-15 * y {
            break;
        }
    }
    in_range(y * y * y)
}

/// ln(e^a + e^b) without overflow; e^b may be 0 (b = −∞).
fn ln_add_exp(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// (x^(2/3) + k/3)/(x^(2/3) + k) = d ln(x + k·x^(1/3))/d ln x, from ln v = ln k − (2/3)·ln x,
/// written so that neither v nor 1/v overflows.
fn log_slope(ln_v: f64) -> f64 {
    if ln_v <= 0.0 {
        let v = ln_v.exp();
        (1.0 + v / 3.0) / (1.0 + v)
    } else {
        let w = (-ln_v).exp();
        (w + 1.0 / 3.0) / (w + 1.0)
    }
}

/// Which way a frontier point was optimised: at fixed Kaplan compute C_\E = 6·N_\E·D, or at
/// fixed total compute C_T = 6·N_T·D.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Kaplan's counting: N_\E and C_\E.
    NonEmbedding,
    /// Total counting: N_T and C_T.
    Total,
}

/// One compute-optimal run, described in both countings.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct FrontierPoint {
    /// The counting in which the loss was minimised at fixed compute.
    pub basis: Basis,
    /// C_\E = 6·N_\E·D (FLOPs).
    pub c_non_embedding: f64,
    /// C_T = 6·N_T·D (FLOPs).
    pub c_total: f64,
    /// N_\E, non-embedding parameters.
    pub n_non_embedding: f64,
    /// N_T = N_\E + ω·N_\E^(1/3), total parameters.
    pub n_total: f64,
    /// Training tokens D.
    pub tokens: f64,
    /// Predicted loss L(N_T, D).
    pub loss: f64,
    /// d ln N*/d ln C in this point's basis: g for non-embedding, β/(α+β) for total.
    pub local_exponent: f64,
}

/// A Chinchilla-form law with Kaplan's non-embedding counting (Pearce & Song 2024,
/// arXiv:2406.12907). Build it with [`KaplanCounting::new`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KaplanCounting {
    params: LossParams,
    omega: f64,
    ln_omega: f64,
    /// (1/β)·ln(βB/(αA)), the constant of the optimality condition.
    ln_ratio: f64,
    /// The ln N_\E interval where C_\E(N*) decreases, if there is one (see [`Self::fold`]).
    fold: Option<(f64, f64)>,
}

impl KaplanCounting {
    /// The law `params` (E + A/N^α + B/D^β, N total) with embedding coefficient `omega`.
    /// Errors if the coefficients are unusable or ω is negative or not finite.
    pub fn new(params: LossParams, omega: f64) -> Result<Self, LawError> {
        params.check()?;
        check_omega(omega)?;
        let LossParams {
            a, b, alpha, beta, ..
        } = params;
        let ln_ratio = (beta.ln() + b.ln() - alpha.ln() - a.ln()) / beta;
        if !ln_ratio.is_finite() {
            return Err(LawError::InvalidLaw(crate::law::LawDefect::KaplanRatio));
        }
        let ln_omega = omega.ln();
        Ok(KaplanCounting {
            params,
            omega,
            ln_omega,
            ln_ratio,
            fold: fold(alpha, beta, ln_omega),
        })
    }

    /// The loss law.
    #[must_use]
    pub fn params(&self) -> LossParams {
        self.params
    }

    /// ω.
    #[must_use]
    pub fn omega(&self) -> f64 {
        self.omega
    }

    /// β/(β + α/3): the local exponent where the embedding dominates N_T (N_\E ≪ ω^(3/2)).
    #[must_use]
    pub fn small_scale_limit(&self) -> f64 {
        self.params.beta / (self.params.beta + self.params.alpha / 3.0)
    }

    /// β/(α + β): the local exponent where N_T ≈ N_\E, and Chinchilla's own exponent
    /// (Hoffmann et al. 2022, Eq. 4).
    #[must_use]
    pub fn large_scale_limit(&self) -> f64 {
        self.params.params_exponent()
    }

    /// The exponent of N*_T ∝ C_T^a in total counting. Minimising L(N_T, D) at fixed
    /// C_T = 6·N_T·D is Chinchilla's own problem, so this is exactly β/(α + β) at every scale.
    #[must_use]
    pub fn total_exponent(&self) -> f64 {
        self.params.params_exponent()
    }

    /// The range of N_\E, (low, high), over which C_\E(N*) decreases, if any. There the loss
    /// along the iso-compute curve has two local minima and the optimum jumps between them.
    /// This needs a small β (always `None` for β ≥ 1/3, and for every published law).
    #[must_use]
    pub fn fold(&self) -> Option<(f64, f64)> {
        self.fold.map(|(lo, hi)| (lo.exp(), hi.exp()))
    }

    /// ln C_\E at which ln N_\E = `t` is stationary. From dL/dN_\E = 0 along C_\E = 6·N_\E·D
    /// (the optimality condition of Pearce & Song's analysis script, "eq 16"):
    /// C_\E = 6N·[(βB/(αA))·N_T^(1+α) / (N + (ω/3)·N^(1/3))]^(1/β), in logarithms.
    fn ln_budget(&self, t: f64) -> f64 {
        let LossParams { alpha, beta, .. } = self.params;
        let two_thirds = 2.0 * t / 3.0;
        let ln_derivative_term = t / 3.0 + ln_add_exp(two_thirds, self.ln_omega - LN_3);
        let ln_total = t / 3.0 + ln_add_exp(two_thirds, self.ln_omega);
        LN_6 + t - ln_derivative_term / beta + (1.0 + alpha) * ln_total / beta + self.ln_ratio
    }

    /// 1/g = d ln C_\E/d ln N*_\E = 1 − r(ω/3)/β + (1 + α)·r(ω)/β, with
    /// r(k) = (x^(2/3) + k/3)/(x^(2/3) + k) (derivative of [`Self::ln_budget`]).
    fn inverse_local_exponent(&self, t: f64) -> f64 {
        let LossParams { alpha, beta, .. } = self.params;
        let ln_x23 = 2.0 * t / 3.0;
        let r_third = log_slope(self.ln_omega - LN_3 - ln_x23);
        let r_full = log_slope(self.ln_omega - ln_x23);
        1.0 - r_third / beta + (1.0 + alpha) * r_full / beta
    }

    /// The budget C_\E at which `n_non_embedding` is a stationary point of the loss (Pearce &
    /// Song's closed form); it is the optimum there unless the law has a [`Self::fold`].
    pub fn budget_for_size(&self, n_non_embedding: f64) -> Result<f64, LawError> {
        positive(crate::law::Input::NonEmbeddingParams, n_non_embedding)?;
        in_range(self.ln_budget(n_non_embedding.ln()).exp())
    }

    /// The local exponent g = d ln N*_\E/d ln C_\E at N*_\E = `n_non_embedding`, analytic.
    pub fn local_exponent_at_size(&self, n_non_embedding: f64) -> Result<f64, LawError> {
        positive(crate::law::Input::NonEmbeddingParams, n_non_embedding)?;
        in_range(1.0 / self.inverse_local_exponent(n_non_embedding.ln()))
    }

    /// The root of ln C_\E(t) = `ln_c` in [lo, hi], where ln C_\E increases; `None` if the
    /// interval does not straddle it. Newton steps, falling back to bisection.
    fn stationary_in(&self, ln_c: f64, lo: f64, hi: f64) -> Option<f64> {
        let (mut lo, mut hi) = (lo, hi);
        if !(lo < hi && self.ln_budget(lo) <= ln_c && ln_c <= self.ln_budget(hi)) {
            return None;
        }
        // Start from the large-scale asymptote ln C ≈ (1 + α/β)·t + const.
        let slope = 1.0 + self.params.alpha / self.params.beta;
        let mut t = (ln_c - self.ln_budget(0.0)) / slope;
        if !(t > lo && t < hi) {
            t = 0.5 * (lo + hi);
        }
        for _ in 0..300 {
            let f = self.ln_budget(t) - ln_c;
            if f == 0.0 {
                return Some(t);
            }
            if f < 0.0 {
                lo = t;
            } else {
                hi = t;
            }
            let d = self.inverse_local_exponent(t);
            let mut next = t - f / d;
            if !(next > lo && next < hi) {
                next = 0.5 * (lo + hi);
            }
            if (next - t).abs() <= 1e-14 * (1.0 + t.abs()) || hi - lo <= 1e-14 * (1.0 + t.abs()) {
                return Some(next);
            }
            t = next;
        }
        Some(t)
    }

    /// The loss at ln N_\E = `t` on the iso-compute curve ln C_\E = `ln_c`.
    fn loss_at(&self, t: f64, ln_c: f64) -> Result<(f64, f64, f64), LawError> {
        let n_total = in_range((t / 3.0 + ln_add_exp(2.0 * t / 3.0, self.ln_omega)).exp())?;
        let tokens = in_range((ln_c - LN_6 - t).exp())?;
        let loss = LossModel::Parametric(self.params).loss(n_total, tokens)?;
        Ok((n_total, tokens, loss))
    }

    /// The compute-optimal run at Kaplan compute `c_non_embedding` = 6·N_\E·D: the N_\E that
    /// minimises L(N_T, D), its local exponent g, and the run in both countings.
    pub fn optimum(&self, c_non_embedding: f64) -> Result<FrontierPoint, LawError> {
        if !(c_non_embedding.is_finite() && c_non_embedding > 0.0) {
            return Err(LawError::InvalidFlops(c_non_embedding));
        }
        let ln_c = c_non_embedding.ln();
        // Minima lie where ln C_\E(t) crosses ln C upwards. Without a fold there is one such
        // crossing; with one, there may be one on each rising branch, and the lower loss wins.
        let (upper, lower) = match self.fold {
            None => (LN_SIZE_MAX, LN_SIZE_MIN),
            Some((t1, t2)) => (t1.min(LN_SIZE_MAX), t2.max(LN_SIZE_MIN)),
        };
        let mut best: Option<(f64, (f64, f64, f64))> = None;
        let branches = [(LN_SIZE_MIN, upper), (lower, LN_SIZE_MAX)];
        let count = if self.fold.is_some() { 2 } else { 1 };
        for &(lo, hi) in &branches[..count] {
            if let Some(t) = self.stationary_in(ln_c, lo, hi) {
                let run = self.loss_at(t, ln_c)?;
                if best.is_none_or(|(_, b)| run.2 < b.2) {
                    best = Some((t, run));
                }
            }
        }
        let (t, (n_total, tokens, loss)) = best.ok_or(LawError::OutOfRange)?;
        Ok(FrontierPoint {
            basis: Basis::NonEmbedding,
            c_non_embedding,
            c_total: in_range(6.0 * n_total * tokens)?,
            n_non_embedding: in_range(t.exp())?,
            n_total,
            tokens,
            loss,
            local_exponent: in_range(1.0 / self.inverse_local_exponent(t))?,
        })
    }

    /// The local exponent d ln N*_\E/d ln C_\E at Kaplan compute `c_non_embedding`.
    pub fn local_exponent(&self, c_non_embedding: f64) -> Result<f64, LawError> {
        Ok(self.optimum(c_non_embedding)?.local_exponent)
    }

    /// The compute-optimal run at total compute `c_total` = 6·N_T·D: Chinchilla's closed form
    /// (Hoffmann et al. 2022, Eq. 4) in N_T, with N_\E recovered from N_T.
    pub fn optimum_total(&self, c_total: f64) -> Result<FrontierPoint, LawError> {
        if !(c_total.is_finite() && c_total > 0.0) {
            return Err(LawError::InvalidFlops(c_total));
        }
        let run = Frontier::LossOptimal(self.params).allocate(c_total)?;
        let n_non_embedding = non_embedding_params(run.n_params, self.omega)?;
        Ok(FrontierPoint {
            basis: Basis::Total,
            c_non_embedding: in_range(6.0 * n_non_embedding * run.n_tokens)?,
            c_total,
            n_non_embedding,
            n_total: run.n_params,
            tokens: run.n_tokens,
            loss: LossModel::Parametric(self.params).loss(run.n_params, run.n_tokens)?,
            local_exponent: self.total_exponent(),
        })
    }
}

/// The ln N_\E interval where 1/g < 0, if any. With u = N^(2/3)/ω, β·(1/g)·(u + 1/3)(u + 1) is
/// the quadratic (α + β)u² + (4β/3 + 2α/3 − 4/9)u + (α/9 + β/3): positive at u = 0 and at
/// u → ∞, so it dips below zero only between two positive real roots.
fn fold(alpha: f64, beta: f64, ln_omega: f64) -> Option<(f64, f64)> {
    let (qa, qb, qc) = (
        alpha + beta,
        4.0 * beta / 3.0 + 2.0 * alpha / 3.0 - 4.0 / 9.0,
        alpha / 9.0 + beta / 3.0,
    );
    let disc = qb * qb - 4.0 * qa * qc;
    if qb >= 0.0 || disc <= 0.0 || !ln_omega.is_finite() {
        return None;
    }
    // Both roots are positive; compute them without cancellation.
    let q = 0.5 * (-qb + disc.sqrt());
    let (u_lo, u_hi) = (qc / q, q / qa);
    let to_ln_size = |u: f64| 1.5 * (u.ln() + ln_omega);
    Some((to_ln_size(u_lo), to_ln_size(u_hi)))
}
