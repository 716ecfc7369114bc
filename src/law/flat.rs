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
use super::quantity::ParseError;

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

fn check_tolerance(tolerance: f64) -> Result<f64, LawError> {
    if tolerance.is_finite() && tolerance > 0.0 && tolerance <= MAX_FLAT_TOLERANCE {
        Ok(tolerance)
    } else {
        Err(LawError::InvalidInput {
            what: crate::law::Input::LossTolerance,
            value: tolerance,
        })
    }
}

/// The range around the minimum `x_opt` (in ln N) of `loss_at` (the loss at ln N along the
/// profile at budget `c`), unimodal in ln N: each side expanded until the loss exceeds the
/// limit, then bisected.
fn range_around(
    loss_at: &dyn Fn(f64) -> f64,
    c: f64,
    tolerance: f64,
    x_opt: f64,
) -> Result<FlatRange, LawError> {
    let n_opt = in_range(x_opt.exp())?;
    let d_opt = in_range(c / (6.0 * n_opt))?;
    let loss_opt = in_range(loss_at(x_opt))?;
    let loss_limit = loss_opt * (1.0 + tolerance);
    let crossing = |direction: f64| -> Result<f64, LawError> {
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

impl LossParams {
    /// The range of N (and D = C/(6N)) at `flops` whose loss is at most the optimal loss times
    /// (1 + `tolerance`); `tolerance` is relative, e.g. [`DEFAULT_FLAT_TOLERANCE`] = 0.005.
    pub fn flat_range(&self, flops_budget: f64, tolerance: f64) -> Result<FlatRange, LawError> {
        self.check()?;
        let c = flops(flops_budget)?;
        let tolerance = check_tolerance(tolerance)?;
        let x_opt = in_range(self.optimal(c).0)?.ln();
        let loss_at = |x: f64| {
            let n = x.exp();
            self.loss(n, c / (6.0 * n))
        };
        range_around(&loss_at, c, tolerance, x_opt)
    }
}

/// Golden-section steps: each shrinks the bracket by 0.618, so 120 reach below f64 spacing.
const GOLDEN_STEPS: usize = 120;

/// [`LossParams::flat_range`] for any loss L(N, D) whose profile at `flops` is unimodal in
/// ln N, with no closed-form optimum: Kaplan et al. 2020's L(N, D) = [(N_c/N)^(α_N/α_D) +
/// D_c/D]^α_D (Eq. 1.5) is a power of a sum of two exponentials in ln N along D = C/(6N), so it
/// has one minimum. It is found by a scan of ln N in steps of 1/4 over ±20 around `n_guess`,
/// then golden-section search between the scan's neighbours.
pub fn flat_range_of(
    loss: &dyn Fn(f64, f64) -> f64,
    flops_budget: f64,
    tolerance: f64,
    n_guess: f64,
) -> Result<FlatRange, LawError> {
    let c = flops(flops_budget)?;
    let tolerance = check_tolerance(tolerance)?;
    let x0 = in_range(n_guess)?.ln();
    let loss_at = |x: f64| {
        let n = x.exp();
        loss(n, c / (6.0 * n))
    };
    let grid: Vec<f64> = (-80..=80).map(|i| x0 + f64::from(i) / 4.0).collect();
    let values: Vec<f64> = grid.iter().map(|x| loss_at(*x)).collect();
    let best = (0..grid.len())
        .filter(|&i| values[i].is_finite())
        .min_by(|&i, &j| values[i].total_cmp(&values[j]))
        .ok_or(LawError::OutOfRange)?;
    if best == 0 || best == grid.len() - 1 {
        // The minimum is not inside the scan: this profile is not one this tool can read.
        return Err(LawError::OutOfRange);
    }
    let (mut a, mut b) = (grid[best - 1], grid[best + 1]);
    let g = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..GOLDEN_STEPS {
        let (x1, x2) = (b - g * (b - a), a + g * (b - a));
        if loss_at(x1) <= loss_at(x2) {
            b = x2;
        } else {
            a = x1;
        }
    }
    range_around(&loss_at, c, tolerance, 0.5 * (a + b))
}

/// The page's tolerance field, in percent: `0.5`, `0.5%` or `2 %`, in (0, 100]
/// (100 × [`MAX_FLAT_TOLERANCE`]).
pub fn parse_flat_percent(text: &str) -> Result<Option<f64>, ParseError> {
    let t = text.trim();
    let t = t.strip_suffix('%').unwrap_or(t).trim();
    if t.is_empty() {
        return Err(ParseError::Empty);
    }
    let x = t.parse::<f64>().map_err(|_| ParseError::NotANumber)?;
    if !(x.is_finite() && x > 0.0) {
        return Err(ParseError::NotPositive);
    }
    if x > 100.0 * MAX_FLAT_TOLERANCE {
        return Err(ParseError::OutOfRange);
    }
    Ok(Some(x))
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

    /// Chinchilla's Approach 3 from the TeX source (Hoffmann et al. 2022, as quoted by Besiroglu
    /// et al. 2024), E, A and B to five figures.
    const CHINCHILLA_TEX: LossParams = LossParams {
        e: 1.6934,
        a: 406.4,
        b: 410.7,
        alpha: 0.339_170_84,
        beta: 0.284_908_3,
    };

    /// Chinchilla's law from the TeX source (Hoffmann et al. 2022; Besiroglu et al. 2024) at the
    /// Gopher budget: the ends sit on the limit (to 1e-9) and bracket N_opt; a larger tolerance
    /// gives a wider range.
    #[test]
    fn ends_sit_on_the_limit_and_widen_with_the_tolerance() {
        let p = CHINCHILLA_TEX;
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

    /// The numeric search agrees with the closed form on a parametric law (Chinchilla's TeX
    /// coefficients at the Gopher budget) to 1e-6, from a starting guess 30× off.
    #[test]
    fn the_numeric_search_matches_the_closed_form() {
        let p = CHINCHILLA_TEX;
        let c = 5.76e23;
        let exact = p.flat_range(c, 0.005).unwrap();
        let numeric = flat_range_of(&|n, d| p.loss(n, d), c, 0.005, exact.n_opt * 30.0).unwrap();
        for (x, y) in [
            (numeric.n_opt, exact.n_opt),
            (numeric.n_min, exact.n_min),
            (numeric.n_max, exact.n_max),
        ] {
            assert!((x / y - 1.0).abs() < 1e-6, "{x} vs {y}");
        }
        // A loss with no minimum inside the scan is refused, not guessed.
        assert_eq!(
            flat_range_of(&|n, _| 1.0 / n, c, 0.005, 1e9),
            Err(LawError::OutOfRange)
        );
    }

    #[test]
    fn the_tolerance_field_reads_percent() {
        for (text, x) in [
            ("0.5", 0.5),
            (" 2 % ", 2.0),
            ("100%", 100.0),
            ("1e-3", 1e-3),
        ] {
            assert_eq!(parse_flat_percent(text), Ok(Some(x)), "{text}");
        }
        assert_eq!(parse_flat_percent(""), Err(ParseError::Empty));
        assert_eq!(parse_flat_percent("abc"), Err(ParseError::NotANumber));
        for bad in ["0", "-1", "NaN", "inf"] {
            assert_eq!(
                parse_flat_percent(bad),
                Err(ParseError::NotPositive),
                "{bad}"
            );
        }
        assert_eq!(parse_flat_percent("100.1"), Err(ParseError::OutOfRange));
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
