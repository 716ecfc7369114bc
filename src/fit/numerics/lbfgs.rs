//! Limited-memory BFGS (Nocedal & Wright 2006, Algorithm 7.4 and 7.5) with a strong-Wolfe line
//! search (their Algorithms 3.5 and 3.6, cubic interpolation), on at most five coordinates held
//! in arrays: no allocation per iteration. The line-search constants are those scipy's L-BFGS-B
//! passes to its line search (sufficient decrease 1e-3, curvature 0.9).

// Small fixed-size vector arithmetic reads most plainly with indices.
#![allow(clippy::needless_range_loop)]

/// The most coordinates a problem has (`[a, b, e, α, β]`).
pub const MAX_DIM: usize = 5;

/// A point: the first `n` entries are used.
pub type Point = [f64; MAX_DIM];

/// When to stop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stop {
    /// Iteration cap.
    pub max_iters: u64,
    /// Stop when the gradient's Euclidean norm is below this.
    pub grad_norm: f64,
    /// Stop when the gradient's largest entry is below this (scipy's `gtol`, 1e-5); 0 = off.
    pub grad_max: f64,
    /// Stop when one iteration lowers the objective by less than this (absolute).
    pub cost_abs: f64,
    /// Stop when one iteration lowers it by less than this times max(|f_k|, |f_k+1|, 1)
    /// (scipy's `ftol`, 2.2e-9); 0 = off.
    pub cost_rel: f64,
    /// History length m.
    pub memory: usize,
}

/// Sufficient-decrease (Armijo) constant of the line search.
const C1: f64 = 1e-3;
/// Curvature constant of the line search.
const C2: f64 = 0.9;
/// Evaluations one line search may use.
const MAX_LINE_EVALS: usize = 20;
/// The history `m` this module keeps at most.
const MAX_MEMORY: usize = 20;

fn dot(a: &Point, b: &Point, n: usize) -> f64 {
    (0..n).map(|i| a[i] * b[i]).sum()
}

/// What a line search found: step, value, gradient, point.
struct Step {
    f: f64,
    g: Point,
    x: Point,
}

/// The problem: value and gradient at a point, `None` where not finite.
struct Line<'a, F> {
    eval: &'a mut F,
    x: Point,
    d: Point,
    n: usize,
    f0: f64,
    dg0: f64,
    evaluations: usize,
}

impl<F: FnMut(&Point) -> Option<(f64, Point)>> Line<'_, F> {
    /// φ(a), φ'(a) and the point, or `None` when not finite.
    fn at(&mut self, a: f64) -> Option<(f64, f64, Step)> {
        let mut x = self.x;
        for i in 0..self.n {
            x[i] += a * self.d[i];
        }
        self.evaluations += 1;
        let (f, g) = (self.eval)(&x)?;
        let ok = f.is_finite() && g[..self.n].iter().all(|v| v.is_finite());
        ok.then(|| (f, dot(&g, &self.d, self.n), Step { f, g, x }))
    }

    /// A step satisfying the strong Wolfe conditions from `a1`, or the best point of sufficient
    /// decrease seen, or `None`.
    fn search(&mut self, a1: f64) -> Option<Step> {
        let (mut a_prev, mut f_prev, mut dphi_prev) = (0.0, self.f0, self.dg0);
        let mut prev_step: Option<Step> = None;
        let mut a = a1;
        for i in 0..MAX_LINE_EVALS {
            let Some((fa, dphi, step)) = self.at(a) else {
                // Too far (overflow): look between the last good step and this one.
                return self.zoom(
                    (a_prev, f_prev, dphi_prev, prev_step),
                    (a, f64::INFINITY, 0.0),
                );
            };
            if fa > self.f0 + C1 * a * self.dg0 || (i > 0 && fa >= f_prev) {
                return self.zoom((a_prev, f_prev, dphi_prev, prev_step), (a, fa, dphi));
            }
            if dphi.abs() <= -C2 * self.dg0 {
                return Some(step);
            }
            if dphi >= 0.0 {
                return self.zoom((a, fa, dphi, Some(step)), (a_prev, f_prev, dphi_prev));
            }
            (a_prev, f_prev, dphi_prev) = (a, fa, dphi);
            prev_step = Some(step);
            a *= 4.0;
        }
        prev_step
    }

    /// Nocedal & Wright's Algorithm 3.6 between `lo` (sufficient decrease, the lower value) and
    /// `hi`; returns the best acceptable step when the evaluations run out.
    fn zoom(&mut self, lo: (f64, f64, f64, Option<Step>), hi: (f64, f64, f64)) -> Option<Step> {
        let (mut a_lo, mut f_lo, mut d_lo, mut best) = lo;
        let (mut a_hi, mut f_hi, mut d_hi) = hi;
        while self.evaluations < 4 * MAX_LINE_EVALS {
            let (left, right) = (a_lo.min(a_hi), a_lo.max(a_hi));
            let width = right - left;
            if width <= 1e-16 * right.max(1e-300) {
                break;
            }
            let trial = cubic_min(a_lo, f_lo, d_lo, a_hi, f_hi, d_hi)
                .unwrap_or(0.5 * (a_lo + a_hi))
                .clamp(left + 0.1 * width, right - 0.1 * width);
            let Some((f, dphi, step)) = self.at(trial) else {
                (a_hi, f_hi, d_hi) = (trial, f64::INFINITY, 0.0);
                continue;
            };
            if f > self.f0 + C1 * trial * self.dg0 || f >= f_lo {
                (a_hi, f_hi, d_hi) = (trial, f, dphi);
            } else {
                if dphi.abs() <= -C2 * self.dg0 {
                    return Some(step);
                }
                if dphi * (a_hi - a_lo) >= 0.0 {
                    (a_hi, f_hi, d_hi) = (a_lo, f_lo, d_lo);
                }
                (a_lo, f_lo, d_lo) = (trial, f, dphi);
                best = Some(step);
            }
        }
        best
    }
}

/// The minimiser of the cubic through (a, fa, da) and (b, fb, db), if it has one.
fn cubic_min(a: f64, fa: f64, da: f64, b: f64, fb: f64, db: f64) -> Option<f64> {
    if !(fa.is_finite() && fb.is_finite()) {
        return None;
    }
    let d1 = da + db - 3.0 * (fa - fb) / (a - b);
    let disc = d1 * d1 - da * db;
    if disc < 0.0 {
        return None;
    }
    let d2 = (b - a).signum() * disc.sqrt();
    let x = b - (b - a) * (db + d2 - d1) / (db - da + 2.0 * d2);
    x.is_finite().then_some(x)
}

/// The result of one run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// The best point evaluated.
    pub x: Point,
    /// Its value.
    pub f: f64,
    /// Evaluations of value and gradient.
    pub evaluations: usize,
}

/// Minimises `eval` over the first `n` coordinates from `start`. `None` when the start itself
/// is not finite.
pub fn minimise<F: FnMut(&Point) -> Option<(f64, Point)>>(
    mut eval: F,
    start: Point,
    n: usize,
    stop: &Stop,
) -> Option<Outcome> {
    let n = n.min(MAX_DIM);
    let m = stop.memory.clamp(1, MAX_MEMORY);
    let (mut f, mut g) = eval(&start)?;
    if !f.is_finite() || g[..n].iter().any(|v| !v.is_finite()) {
        return None;
    }
    let mut x = start;
    let mut evaluations = 1;
    let mut s_hist = [[0.0; MAX_DIM]; MAX_MEMORY];
    let mut y_hist = [[0.0; MAX_DIM]; MAX_MEMORY];
    let mut rho = [0.0; MAX_MEMORY];
    let (mut len, mut head) = (0usize, 0usize);
    for _ in 0..stop.max_iters {
        let grad_norm = dot(&g, &g, n).sqrt();
        let grad_max = g[..n].iter().fold(0.0f64, |a, v| a.max(v.abs()));
        if grad_norm < stop.grad_norm || grad_max <= stop.grad_max {
            break;
        }
        // Two-loop recursion: d = −H g.
        let mut q = g;
        let mut alpha = [0.0; MAX_MEMORY];
        // History slot of the k-th newest pair (a wrap-around, not `%`: this runs per step).
        let slot = |k: usize| {
            let j = head + m - 1 - k;
            if j >= m {
                j - m
            } else {
                j
            }
        };
        for k in 0..len {
            let j = slot(k);
            alpha[j] = rho[j] * dot(&s_hist[j], &q, n);
            for i in 0..n {
                q[i] -= alpha[j] * y_hist[j][i];
            }
        }
        let gamma = if len > 0 {
            let j = slot(0);
            dot(&s_hist[j], &y_hist[j], n) / dot(&y_hist[j], &y_hist[j], n)
        } else {
            1.0
        };
        for v in q.iter_mut().take(n) {
            *v *= gamma;
        }
        for k in (0..len).rev() {
            let j = slot(k);
            let beta = rho[j] * dot(&y_hist[j], &q, n);
            for i in 0..n {
                q[i] += (alpha[j] - beta) * s_hist[j][i];
            }
        }
        let mut d = [0.0; MAX_DIM];
        for i in 0..n {
            d[i] = -q[i];
        }
        let mut dg = dot(&d, &g, n);
        if dg.is_nan() || dg >= 0.0 {
            // Not a descent direction (rounding): start the history again from −g.
            len = 0;
            for i in 0..n {
                d[i] = -g[i];
            }
            dg = -grad_norm * grad_norm;
        }
        // The first step of a fresh history has length 1 (scipy's L-BFGS-B: 1/‖d‖).
        let a1 = if len == 0 {
            (1.0 / dot(&d, &d, n).sqrt()).min(1.0)
        } else {
            1.0
        };
        let mut line = Line {
            eval: &mut eval,
            x,
            d,
            n,
            f0: f,
            dg0: dg,
            evaluations: 0,
        };
        let step = line.search(a1);
        evaluations += line.evaluations;
        let Some(step) = step.filter(|s| s.f < f) else {
            if len == 0 {
                break;
            }
            len = 0;
            continue;
        };
        let mut s = [0.0; MAX_DIM];
        let mut y = [0.0; MAX_DIM];
        for i in 0..n {
            s[i] = step.x[i] - x[i];
            y[i] = step.g[i] - g[i];
        }
        let sy = dot(&s, &y, n);
        if sy > f64::EPSILON * dot(&y, &y, n) {
            s_hist[head] = s;
            y_hist[head] = y;
            rho[head] = 1.0 / sy;
            head = if head + 1 == m { 0 } else { head + 1 };
            len = (len + 1).min(m);
        }
        let decrease = f - step.f;
        let scale = f.abs().max(step.f.abs()).max(1.0);
        (x, f, g) = (step.x, step.f, step.g);
        if decrease < stop.cost_abs || decrease <= stop.cost_rel * scale {
            break;
        }
    }
    Some(Outcome { x, f, evaluations })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tight() -> Stop {
        Stop {
            max_iters: 1000,
            grad_norm: 1e-12,
            grad_max: 0.0,
            cost_abs: 0.0,
            cost_rel: 0.0,
            memory: 10,
        }
    }

    #[test]
    fn finds_the_rosenbrock_minimum() {
        // Rosenbrock's valley: minimum 0 at (1, 1), by construction.
        let rosen = |x: &Point| {
            let (a, b) = (x[0], x[1]);
            let f = (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2);
            let mut g = [0.0; MAX_DIM];
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            Some((f, g))
        };
        let out = minimise(rosen, [-1.2, 1.0, 0.0, 0.0, 0.0], 2, &tight()).unwrap();
        assert!(
            (out.x[0] - 1.0).abs() < 1e-8 && (out.x[1] - 1.0).abs() < 1e-8,
            "{out:?}"
        );
        assert!(out.evaluations < 200, "{}", out.evaluations);
    }

    #[test]
    fn finds_a_quadratic_minimum_in_five_dimensions() {
        // f = Σ k (x_k − k)², minimum at x_k = k.
        let quad = |x: &Point| {
            let mut f = 0.0;
            let mut g = [0.0; MAX_DIM];
            for k in 0..5 {
                let w = (k + 1) as f64;
                f += w * (x[k] - k as f64).powi(2);
                g[k] = 2.0 * w * (x[k] - k as f64);
            }
            Some((f, g))
        };
        let out = minimise(quad, [10.0; MAX_DIM], 5, &tight()).unwrap();
        for k in 0..5 {
            assert!((out.x[k] - k as f64).abs() < 1e-8, "{out:?}");
        }
    }

    #[test]
    fn survives_regions_where_the_function_is_not_finite() {
        // f = x − ln x on x > 0 (minimum at 1), not finite for x ≤ 0; a long first step lands
        // there and the search must come back.
        let f = |x: &Point| {
            if x[0] <= 0.0 {
                return None;
            }
            let mut g = [0.0; MAX_DIM];
            g[0] = 1.0 - 1.0 / x[0];
            Some((x[0] - x[0].ln(), g))
        };
        let out = minimise(f, [0.01, 0.0, 0.0, 0.0, 0.0], 1, &tight()).unwrap();
        assert!((out.x[0] - 1.0).abs() < 1e-8, "{out:?}");
        assert!(minimise(|_| None, [0.0; MAX_DIM], 1, &tight()).is_none());
    }
}
