//! Two small, bracketed numerical routines: a root of a decreasing function and the minimum of a
//! function on an interval. Both stay inside the bracket they are given, so they cannot run off.

/// The root of a continuous, strictly decreasing `f` on `[lo, hi]` with `f(lo) > 0 > f(hi)`,
/// by bisection to the last representable bit (at most 200 halvings).
///
/// The caller guarantees the sign change; if it does not hold, the nearer end is returned.
pub(crate) fn root_of_decreasing(f: impl Fn(f64) -> f64, mut lo: f64, mut hi: f64) -> f64 {
    if f(lo) <= 0.0 {
        return lo;
    }
    if f(hi) >= 0.0 {
        return hi;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        // Stop when the interval can no longer be split in floating point.
        if mid <= lo || mid >= hi {
            break;
        }
        if f(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The minimiser of a continuous `f` on `[lo, hi]`: the best of `points` evenly spaced samples
/// (at least 3), then golden-section search between that sample's neighbours to width `tol`.
///
/// The dense scan finds the right basin even when `f` has kinks or flat stretches; the
/// refinement only ever narrows an interval, and the better of the sample and the refined point
/// is returned, so the answer is never worse than the scan's.
pub(crate) fn minimise_on_interval(
    f: impl Fn(f64) -> f64,
    lo: f64,
    hi: f64,
    points: usize,
    tol: f64,
) -> f64 {
    let points = points.max(3);
    let step = (hi - lo) / (points - 1) as f64;
    let at = |k: usize| {
        if k + 1 == points {
            hi
        } else {
            lo + step * k as f64
        }
    };
    let (mut best_k, mut best_f) = (0, f64::INFINITY);
    for k in 0..points {
        let v = f(at(k));
        if v < best_f {
            best_k = k;
            best_f = v;
        }
    }
    let mut a = at(best_k.saturating_sub(1));
    let mut b = at((best_k + 1).min(points - 1));
    // Golden section: keep two interior points, drop the worse outer part each step.
    let inv_phi = (5f64.sqrt() - 1.0) / 2.0;
    let mut c = b - inv_phi * (b - a);
    let mut d = a + inv_phi * (b - a);
    let (mut fc, mut fd) = (f(c), f(d));
    for _ in 0..200 {
        if (b - a).abs() <= tol {
            break;
        }
        if fc <= fd {
            b = d;
            d = c;
            fd = fc;
            c = b - inv_phi * (b - a);
            fc = f(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + inv_phi * (b - a);
            fd = f(d);
        }
    }
    let refined = 0.5 * (a + b);
    if f(refined) <= best_f {
        refined
    } else {
        at(best_k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cube root of 2 by hand: 2^(1/3) = 1.2599210498948732 (f64 of the exact value).
    #[test]
    fn bisection_finds_the_cube_root_of_two() {
        let r = root_of_decreasing(|x| 2.0 - x * x * x, 0.0, 2.0);
        assert!((r - 1.259_921_049_894_873_2).abs() < 1e-15, "{r}");
    }

    /// Without a sign change the routine returns an end of the bracket, never NaN.
    #[test]
    fn bisection_without_sign_change_returns_an_end() {
        assert_eq!(root_of_decreasing(|x| -x - 1.0, 0.0, 1.0), 0.0);
        assert_eq!(root_of_decreasing(|x| 5.0 - x, 0.0, 1.0), 1.0);
    }

    /// (x − 0.3)² + 1 has its minimum at 0.3 (by hand); with kinks, |x + 2| has it at −2.
    #[test]
    fn minimiser_finds_smooth_and_kinked_minima() {
        let x = minimise_on_interval(|x| (x - 0.3).powi(2) + 1.0, -5.0, 5.0, 50, 1e-12);
        assert!((x - 0.3).abs() < 1e-6, "{x}");
        let y = minimise_on_interval(|x| (x + 2.0).abs(), -5.0, 5.0, 7, 1e-12);
        assert!((y + 2.0).abs() < 1e-9, "{y}");
    }

    /// A minimum at the edge of the interval is found, not missed by the refinement.
    #[test]
    fn minimiser_handles_a_minimum_at_the_edge() {
        let x = minimise_on_interval(|x| x, 1.0, 4.0, 10, 1e-12);
        assert!((x - 1.0).abs() < 1e-9, "{x}");
    }

    /// Two basins: (x² − 1)² + 0.1·x has its global minimum near x = −1 (the tilt lowers the
    /// left well: f(−1.0125) ≈ −0.101 against f(0.9875) ≈ +0.099); a local search from 0.5
    /// would end in the wrong well, the scan does not.
    #[test]
    fn minimiser_picks_the_global_basin() {
        let f = |x: f64| (x * x - 1.0).powi(2) + 0.1 * x;
        let x = minimise_on_interval(f, -3.0, 3.0, 61, 1e-12);
        assert!(x < -0.9 && x > -1.1, "{x}");
    }
}
