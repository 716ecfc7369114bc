//! The Approach-3 objective of Hoffmann et al. 2022 (Eq. 11): Σ Huber_δ(LSE(a − α·ln N,
//! b − β·ln D, e) − ln L), with its analytic gradient.
//!
//! In WebAssembly the transcendentals come from the pure-Rust `libm` crate, a row at a time.
//! Natively (the command line) the rows go eight at a time through AVX-512 where the CPU has
//! it, four with AVX2 and FMA (`objective_simd`), else through `fastmath`'s vectorised kernels.
//! The paths agree to an ulp or so per row, so native and browser fits agree to the optimiser's
//! tolerance, not bit for bit; each path gives the same answer on every run, and the workers'
//! copies of one fit all take the same path.

use crate::fit::numerics::fastmath::{self, exp, ln};
use crate::fit::runs::Run;

/// Parameters in the order the optimiser sees them: `[a, b, e, α, β]` with A, B, E = exp(a, b, e).
pub type Theta = [f64; 5];

/// Log-space data for the objective; `weight` counts how often a row is used (bootstrap).
#[derive(Debug, Clone, PartialEq)]
pub struct LogData {
    /// ln N per row.
    pub ln_n: Vec<f64>,
    /// ln D per row.
    pub ln_d: Vec<f64>,
    /// ln L per row.
    pub ln_l: Vec<f64>,
    /// Multiplicity of each row (1 for a plain fit).
    pub weight: Vec<f64>,
}

impl LogData {
    /// Log-space copy of `runs`, each with weight 1.
    #[must_use]
    pub fn from_runs(runs: &[Run]) -> Self {
        LogData {
            ln_n: runs.iter().map(|r| libm::log(r.n_params)).collect(),
            ln_d: runs.iter().map(|r| libm::log(r.n_tokens)).collect(),
            ln_l: runs.iter().map(|r| libm::log(r.loss)).collect(),
            weight: vec![1.0; runs.len()],
        }
    }

    /// Number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ln_l.len()
    }

    /// True when there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ln_l.is_empty()
    }

    /// The same rows with bootstrap multiplicities `counts`.
    #[must_use]
    pub fn reweighted(&self, counts: &[u32]) -> Self {
        let mut out = self.clone();
        for (w, &c) in out.weight.iter_mut().zip(counts) {
            *w = f64::from(c);
        }
        out
    }
}

/// The Huber δ of Hoffmann et al. 2022 (App. D.2): 1e-3, the fitter's default and the one a
/// link without `fitd` means.
pub const DEFAULT_DELTA: f64 = 1e-3;

/// Huber loss: r²/2 inside ±δ, δ(|r| − δ/2) outside (scipy.special.huber's convention).
#[must_use]
pub fn huber(r: f64, delta: f64) -> f64 {
    if r.abs() <= delta {
        0.5 * r * r
    } else {
        delta * (r.abs() - 0.5 * delta)
    }
}

/// The predicted ln L and its softmax weights (∂LSE/∂a, ∂LSE/∂b, ∂LSE/∂e) for one row.
#[inline]
fn lse(theta: &Theta, ln_n: f64, ln_d: f64) -> (f64, [f64; 3]) {
    let u = [
        theta[0] - theta[3] * ln_n,
        theta[1] - theta[4] * ln_d,
        theta[2],
    ];
    let m = u[0].max(u[1]).max(u[2]);
    let ex = [exp(u[0] - m), exp(u[1] - m), exp(u[2] - m)];
    let s = ex[0] + ex[1] + ex[2];
    (m + ln(s), [ex[0] / s, ex[1] / s, ex[2] / s])
}

/// Residuals ln L̂ − ln L for every row at `theta`.
#[must_use]
pub fn residuals(theta: &Theta, data: &LogData) -> Vec<f64> {
    (0..data.len())
        .map(|i| lse(theta, data.ln_n[i], data.ln_d[i]).0 - data.ln_l[i])
        .collect()
}

/// The objective at `theta`.
#[must_use]
pub fn value(theta: &Theta, data: &LogData, delta: f64) -> f64 {
    let mut f = 0.0;
    for i in 0..data.len() {
        let w = data.weight[i];
        if w == 0.0 {
            continue;
        }
        let r = lse(theta, data.ln_n[i], data.ln_d[i]).0 - data.ln_l[i];
        f += w * huber(r, delta);
    }
    f
}

/// Rows per block of [`value_and_gradient_plain`]: e^x and ln x run over a block at a time.
const BLOCK: usize = 64;

/// The objective and its gradient at `theta`: a vector of rows at a time where the CPU has
/// AVX-512 or AVX2 (native x86-64), else [`value_and_gradient_plain`].
#[must_use]
pub fn value_and_gradient(theta: &Theta, data: &LogData, delta: f64) -> (f64, Theta) {
    #[cfg(all(target_arch = "x86_64", not(target_arch = "wasm32")))]
    if let Some(answer) = value_and_gradient_simd(theta, data, delta) {
        return answer;
    }
    value_and_gradient_plain(theta, data, delta)
}

/// The vector path (AVX-512 or AVX2), or `None` where the CPU has neither or a row needs the
/// scalar log-sum-exp.
#[cfg(all(target_arch = "x86_64", not(target_arch = "wasm32")))]
pub(super) fn value_and_gradient_simd(
    theta: &Theta,
    data: &LogData,
    delta: f64,
) -> Option<(f64, Theta)> {
    let big_e = exp(theta[2]);
    if !big_e.is_finite() {
        return None;
    }
    crate::fit::numerics::objective_simd::value_and_gradient(theta, data, delta, big_e)
}

/// The objective and its gradient at `theta`, a block of rows at a time (vectorised e^x and
/// ln x natively, `libm`'s in WebAssembly).
#[must_use]
pub fn value_and_gradient_plain(theta: &Theta, data: &LogData, delta: f64) -> (f64, Theta) {
    // exp(e) is the same for every row; the other two terms are exp(u) directly, falling back
    // to the max-shifted log-sum-exp only when that would overflow or underflow.
    let big_e = exp(theta[2]);
    let mut f = 0.0;
    let mut g = [0.0; 5];
    let (mut u0, mut u1, mut t0, mut t1) = ([0.0; BLOCK], [0.0; BLOCK], [0.0; BLOCK], [0.0; BLOCK]);
    let (mut s, mut ln_s) = ([0.0; BLOCK], [0.0; BLOCK]);
    for start in (0..data.len()).step_by(BLOCK) {
        let rows = start..(start + BLOCK).min(data.len());
        let k = rows.len();
        for (j, i) in rows.clone().enumerate() {
            u0[j] = theta[0] - theta[3] * data.ln_n[i];
            u1[j] = theta[1] - theta[4] * data.ln_d[i];
        }
        fastmath::exp_into(&u0[..k], &mut t0[..k]);
        fastmath::exp_into(&u1[..k], &mut t1[..k]);
        for j in 0..k {
            s[j] = big_e + t0[j] + t1[j];
        }
        fastmath::ln_into(&s[..k], &mut ln_s[..k]);
        for (j, i) in rows.enumerate() {
            if data.weight[i] == 0.0 {
                continue;
            }
            let (pred, p) = if s[j].is_finite() && s[j] > 1e-300 {
                let inv = 1.0 / s[j];
                (ln_s[j], [t0[j] * inv, t1[j] * inv, big_e * inv])
            } else {
                lse(theta, data.ln_n[i], data.ln_d[i])
            };
            add_row(data, i, delta, pred, p, &mut f, &mut g);
        }
    }
    (f, g)
}

/// Adds row `i`'s Huber loss and gradient, given its prediction and softmax weights `p`.
#[inline]
fn add_row(
    data: &LogData,
    i: usize,
    delta: f64,
    pred: f64,
    p: [f64; 3],
    f: &mut f64,
    g: &mut Theta,
) {
    let w = data.weight[i];
    let r = pred - data.ln_l[i];
    *f += w * huber(r, delta);
    // Huber'(r) = clamp(r, −δ, δ).
    let h = w * r.clamp(-delta, delta);
    g[0] += h * p[0];
    g[1] += h * p[1];
    g[2] += h * p[2];
    g[3] -= h * p[0] * data.ln_n[i];
    g[4] -= h * p[1] * data.ln_d[i];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> LogData {
        let runs: Vec<Run> = [
            (1e8, 2e9, 3.4),
            (1e9, 2e10, 2.6),
            (4e9, 1e11, 2.2),
            (2e8, 9e9, 2.9),
        ]
        .iter()
        .enumerate()
        .map(|(i, &(n, d, l))| Run {
            line: i + 2,
            n_params: n,
            n_tokens: d,
            flops: 6.0 * n * d,
            loss: l,
            budget: None,
        })
        .collect();
        LogData::from_runs(&runs)
    }

    #[test]
    fn gradient_matches_central_differences() {
        // Second method: a central finite difference of `value`, step 1e-6.
        let data = sample();
        for &(delta, theta) in &[
            (1e-3, [6.0, 6.2, 0.5, 0.34, 0.28]),
            (1.0, [6.0, 6.2, 0.5, 0.34, 0.28]),
            // exp(a − α ln N) overflows here, so the shifted log-sum-exp path is taken.
            (1e-3, [800.0, 6.2, 0.5, 0.1, 0.28]),
        ] {
            let (f, g) = value_and_gradient(&theta, &data, delta);
            assert!((f - value(&theta, &data, delta)).abs() <= 1e-12 * f.abs());
            for k in 0..5 {
                let h = 1e-6;
                let (mut tp, mut tm) = (theta, theta);
                tp[k] += h;
                tm[k] -= h;
                let fd = (value(&tp, &data, delta) - value(&tm, &data, delta)) / (2.0 * h);
                assert!(
                    (g[k] - fd).abs() < 1e-6 * (1.0 + fd.abs()),
                    "k={k} {} vs {fd}",
                    g[k]
                );
            }
        }
    }

    #[test]
    fn lse_is_the_log_of_the_law() {
        // ln(E + A/N^α + B/D^β) evaluated directly with Chinchilla's printed law (Eq. 10).
        let theta = [406.4f64.ln(), 410.7f64.ln(), 1.69f64.ln(), 0.34, 0.28];
        let (n, d) = (1e9f64, 2e10f64);
        let direct = (1.69 + 406.4 / n.powf(0.34) + 410.7 / d.powf(0.28)).ln();
        assert!((lse(&theta, n.ln(), d.ln()).0 - direct).abs() < 1e-12);
    }

    #[test]
    fn huber_matches_its_definition() {
        // Hand values: inside δ r²/2, outside δ(|r| − δ/2).
        assert!((huber(0.5e-3, 1e-3) - 1.25e-7).abs() < 1e-20);
        assert!((huber(-0.01, 1e-3) - 1e-3 * (0.01 - 0.5e-3)).abs() < 1e-18);
    }
}
