//! How flat the optimum is: at a fixed budget C = 6ND, the model sizes (and token counts) whose
//! predicted loss stays within a tolerance of the compute-optimal loss.
//!
//! Along an IsoFLOP profile of L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, Eq. 2) with
//! D = C/(6N), the loss as a function of x = ln N is E + A·e^(−αx) + B·(C/6)^(−β)·e^(βx): a sum
//! of two exponentials, so it is convex in ln N with one minimum, at the closed-form N_opt of
//! Eq. 4. Each side of the minimum crosses the limit exactly once, found here by bisection in
//! ln N. Hoffmann et al. 2022, Fig. 3 shows these profiles; their flatness is why a model off
//! the optimum by a factor of two costs little loss.

use super::error::{flops, in_range, LawError};
use super::loss::LossParams;

/// The tolerance the page starts with: +0.5 % of the optimal loss.
pub const DEFAULT_FLAT_TOLERANCE: f64 = 0.005;

/// The largest tolerance accepted (+100 % of the optimal loss).
pub const MAX_FLAT_TOLERANCE: f64 = 1.0;

/// The model sizes and token counts within a tolerance of the optimum at one budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlatRange {
    /// The budget C in FLOPs.
    pub flops: f64,
    /// The relative tolerance: the limit is `loss_opt · (1 + tolerance)`.
    pub tolerance: f64,
    /// The compute-optimal model size.
    pub n_opt: f64,
    /// The compute-optimal token count C/(6·N_opt).
    pub d_opt: f64,
    /// The loss at the optimum.
    pub loss_opt: f64,
    /// The loss limit.
    pub loss_limit: f64,
    /// The smallest model size within the limit.
    pub n_min: f64,
    /// The largest model size within the limit.
    pub n_max: f64,
    /// The fewest tokens within the limit (C/(6·n_max)).
    pub d_min: f64,
    /// The most tokens within the limit (C/(6·n_min)).
    pub d_max: f64,
}

/// Bisection steps: each halves the bracket in ln N, so 200 reach below f64 spacing.
const BISECTIONS: usize = 200;
/// Doublings of the search step (1 in ln N) before giving up on a side: 2⁶⁰ in ln N.
const EXPANSIONS: usize = 60;

impl LossParams {
    /// The range of N (and D = C/(6N)) at `flops` whose loss is at most the optimal loss times
    /// (1 + `tolerance`); `tolerance` is relative, e.g. [`DEFAULT_FLAT_TOLERANCE`] = 0.005.
    pub fn flat_range(&self, flops_budget: f64, tolerance: f64) -> Result<FlatRange, LawError> {
        self.check()?;
        let c = flops(flops_budget)?;
        if !(tolerance.is_finite() && tolerance > 0.0 && tolerance <= MAX_FLAT_TOLERANCE) {
            return Err(LawError::InvalidInput {
                what: crate::law::Input::LossTolerance,
                value: tolerance,
            });
        }
        let (n_opt, d_opt) = self.optimal(c);
        let n_opt = in_range(n_opt)?;
        let d_opt = in_range(d_opt)?;
        let loss_at = |x: f64| {
            let n = x.exp();
            self.loss(n, c / (6.0 * n))
        };
        let x_opt = n_opt.ln();
        let loss_opt = in_range(loss_at(x_opt))?;
        let loss_limit = loss_opt * (1.0 + tolerance);
        let crossing = |direction: f64| -> Result<f64, LawError> {
            // Expand until the loss exceeds the limit, then bisect [inside, outside].
            let mut step = 1.0;
            let mut outside = None;
            for _ in 0..EXPANSIONS {
                let x = x_opt + direction * step;
                let l = loss_at(x);
                if l.is_nan() {
                    return Err(LawError::OutOfRange);
                }
                if l > loss_limit {
                    outside = Some(x);
                    break;
                }
                step *= 2.0;
            }
            let mut outside = outside.ok_or(LawError::OutOfRange)?;
            let mut inside = x_opt;
            for _ in 0..BISECTIONS {
                let mid = 0.5 * (inside + outside);
                if mid == inside || mid == outside {
                    break;
                }
                if loss_at(mid) > loss_limit {
                    outside = mid;
                } else {
                    inside = mid;
                }
            }
            in_range(inside.exp())
        };
        let n_min = crossing(-1.0)?;
        let n_max = crossing(1.0)?;
        Ok(FlatRange {
            flops: c,
            tolerance,
            n_opt,
            d_opt,
            loss_opt,
            loss_limit,
            n_min,
            n_max,
            d_min: in_range(c / (6.0 * n_max))?,
            d_max: in_range(c / (6.0 * n_min))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With α = β the profile is E + K·cosh(α·(x − x*)) with K = 2·√(A·B·(C/6)^(−α)), so the
    /// range is N_opt·exp(±acosh(1 + tol·(E + K)/K)/α): a closed form independent of the
    /// bisection. Law: Muennighoff et al. 2023's coefficients (α = β = 0.3527), C = 1e22.
    #[test]
    fn symmetric_law_matches_the_closed_form() {
        let p = LossParams {
            e: 1.869_14,
            a: 520.83,
            b: 1487.72,
            alpha: 0.352_659_6,
            beta: 0.352_659_6,
        };
        let c = 1e22;
        let r = p.flat_range(c, 0.005).unwrap();
        let k = 2.0 * (p.a * p.b * (c / 6.0).powf(-p.alpha)).sqrt();
        let u = (1.0 + 0.005 * (p.e + k) / k).acosh() / p.alpha;
        assert!(
            (r.n_min / (r.n_opt * (-u).exp()) - 1.0).abs() < 1e-9,
            "{r:?}"
        );
        assert!((r.n_max / (r.n_opt * u.exp()) - 1.0).abs() < 1e-9, "{r:?}");
        assert!((r.loss_opt - (p.e + k)).abs() < 1e-12);
        // D = C/(6N) at both ends.
        assert!((r.d_max * 6.0 * r.n_min / c - 1.0).abs() < 1e-12);
    }

    /// Chinchilla's law from the TeX source (Hoffmann et al. 2022; Besiroglu et al. 2024) at the
    /// Gopher budget: the ends sit on the limit (to 1e-9) and bracket N_opt; a larger tolerance
    /// gives a wider range.
    #[test]
    fn ends_sit_on_the_limit_and_widen_with_the_tolerance() {
        let p = LossParams {
            e: 1.6934,
            a: 406.4,
            b: 410.7,
            alpha: 0.339_170_84,
            beta: 0.284_908_3,
        };
        let c = 5.76e23;
        let r = p.flat_range(c, DEFAULT_FLAT_TOLERANCE).unwrap();
        for n in [r.n_min, r.n_max] {
            let l = p.loss(n, c / (6.0 * n));
            assert!(
                (l / r.loss_limit - 1.0).abs() < 1e-9,
                "{l} vs {}",
                r.loss_limit
            );
        }
        assert!(r.n_min < r.n_opt && r.n_opt < r.n_max);
        let wide = p.flat_range(c, 0.02).unwrap();
        assert!(wide.n_min < r.n_min && wide.n_max > r.n_max);
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        let p = crate::law::presets::EPOCH2024;
        for tol in [0.0, -0.1, f64::NAN, f64::INFINITY, 1.5] {
            assert!(matches!(
                p.flat_range(1e22, tol),
                Err(LawError::InvalidInput { .. })
            ));
        }
        assert_eq!(p.flat_range(0.0, 0.005), Err(LawError::InvalidFlops(0.0)));
        let bad = LossParams { alpha: -1.0, ..p };
        assert!(matches!(
            bad.flat_range(1e22, 0.005),
            Err(LawError::InvalidLaw(_))
        ));
    }
}
