//! The `global` method's grid: for fixed (α, β), L̂ = E + A·N^−α + B·D^−β is linear in
//! (E, A, B). Each grid cell solves a nonnegative weighted least-squares problem on relative
//! residuals, reweighted (IRLS) so that it approximates the Huber objective, and is scored by
//! the exact objective.

use crate::fit::approaches::constraints::Constraints;
use crate::fit::numerics::objective::{huber, LogData, Theta};

/// The (α, β) grid: 0.05, 0.10, …, 2.00 on each axis (40 × 40 cells).
pub const GRID_STEP: f64 = 0.05;
/// Points per axis.
pub const GRID_SIZE: usize = 40;
const IRLS_ITERS: usize = 6;
/// The smallest coefficient used when the nonnegative solution puts E, A or B at zero.
const FLOOR: f64 = 1e-30;

/// The exponent at grid index `i`.
#[must_use]
pub fn grid_value(i: usize) -> f64 {
    GRID_STEP * (i as f64 + 1.0)
}

/// The exponents searched: every (α, β) pair of the two axes, or only α = β when tied. A fixed
/// exponent makes its axis that one value.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// α values.
    pub alphas: Vec<f64>,
    /// β values.
    pub betas: Vec<f64>,
    /// Only the cells with α = β (the two axes are then the same).
    pub tied: bool,
}

impl Grid {
    /// The grid for `constraints`: 40 × 40 when free, the diagonal when tied, one value on the
    /// axis of a fixed exponent.
    #[must_use]
    pub fn for_constraints(constraints: &Constraints) -> Self {
        let axis = |fixed: Option<f64>| match fixed {
            Some(v) => vec![v],
            None => (0..GRID_SIZE).map(grid_value).collect(),
        };
        let alphas = axis(constraints.fixed_alpha());
        let betas = axis(constraints.fixed_beta());
        let tied = constraints.tie && alphas.len() > 1;
        Grid {
            alphas,
            betas,
            tied,
        }
    }

    /// (rows, columns) of the score table: (α values, β values), or (α values, 1) when tied.
    #[must_use]
    pub fn shape(&self) -> (usize, usize) {
        if self.tied {
            (self.alphas.len(), 1)
        } else {
            (self.alphas.len(), self.betas.len())
        }
    }

    /// Number of cells.
    #[must_use]
    pub fn cells(&self) -> usize {
        let (r, c) = self.shape();
        r * c
    }

    /// The (α index, β index) of cell `k` (row-major).
    #[must_use]
    pub fn cell(&self, k: usize) -> (usize, usize) {
        if self.tied {
            (k, k)
        } else {
            let cols = self.betas.len().max(1);
            (k / cols, k % cols)
        }
    }
}

/// N^−α and D^−β for every grid exponent, precomputed once per data set.
#[derive(Debug, Clone)]
pub struct Powers {
    alphas: Vec<f64>,
    betas: Vec<f64>,
    n_pow: Vec<Vec<f64>>,
    d_pow: Vec<Vec<f64>>,
    loss: Vec<f64>,
}

impl Powers {
    /// Precomputes the powers for `data` on the free 40 × 40 grid.
    #[must_use]
    pub fn new(data: &LogData) -> Self {
        Self::for_grid(data, &Grid::for_constraints(&Constraints::FREE))
    }

    /// Precomputes the powers for `data` on `grid`.
    #[must_use]
    pub fn for_grid(data: &LogData, grid: &Grid) -> Self {
        let table = |exponents: &[f64], logs: &[f64]| {
            exponents
                .iter()
                .map(|&e| logs.iter().map(|&l| libm::exp(-e * l)).collect())
                .collect()
        };
        Powers {
            alphas: grid.alphas.clone(),
            betas: grid.betas.clone(),
            n_pow: table(&grid.alphas, &data.ln_n),
            d_pow: table(&grid.betas, &data.ln_d),
            loss: data.ln_l.iter().map(|&l| libm::exp(l)).collect(),
        }
    }
}

/// Solves the 3×3 (or smaller) symmetric system restricted to `active` by Gaussian
/// elimination with partial pivoting; `None` when singular.
fn solve_subset(m: &[[f64; 3]; 3], v: &[f64; 3], active: &[usize]) -> Option<[f64; 3]> {
    let k = active.len();
    let mut a = [[0.0; 4]; 3];
    for (r, &i) in active.iter().enumerate() {
        for (c, &j) in active.iter().enumerate() {
            a[r][c] = m[i][j];
        }
        a[r][k] = v[i];
    }
    for col in 0..k {
        let piv = (col..k).max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))?;
        a.swap(col, piv);
        let scale = m[active[col]][active[col]].abs().max(f64::MIN_POSITIVE);
        if a[col][col].abs() <= 1e-13 * scale {
            return None;
        }
        for r in 0..k {
            if r != col {
                let pivot_row = a[col];
                let f = a[r][col] / pivot_row[col];
                for (x, p) in a[r][col..=k].iter_mut().zip(&pivot_row[col..=k]) {
                    *x -= f * p;
                }
            }
        }
    }
    let mut out = [0.0; 3];
    for (r, &i) in active.iter().enumerate() {
        out[i] = a[r][k] / a[r][r];
    }
    Some(out)
}

/// Exact nonnegative least squares for three unknowns: the best feasible solution over all
/// seven active sets (the normal equations `m x = v`, objective xᵀmx − 2vᵀx).
fn nnls3(m: &[[f64; 3]; 3], v: &[f64; 3]) -> [f64; 3] {
    const SUBSETS: [&[usize]; 7] = [&[0, 1, 2], &[0, 1], &[0, 2], &[1, 2], &[0], &[1], &[2]];
    nnls_over(m, v, &SUBSETS)
}

/// [`nnls3`] over the given active sets only (without index 0 when E is fixed).
fn nnls_over(m: &[[f64; 3]; 3], v: &[f64; 3], subsets: &[&[usize]]) -> [f64; 3] {
    let mut best = ([0.0; 3], 0.0);
    for &set in subsets {
        let Some(x) = solve_subset(m, v, set) else {
            continue;
        };
        if x.iter().any(|&t| t < 0.0 || !t.is_finite()) {
            continue;
        }
        let mut q = 0.0;
        for i in 0..3 {
            for j in 0..3 {
                q += x[i] * m[i][j] * x[j];
            }
            q -= 2.0 * v[i] * x[i];
        }
        if q < best.1 {
            best = (x, q);
        }
    }
    best.0
}

/// Fits (E, A, B) ≥ 0 for the grid cell (`ia`, `ib`) and returns the exact objective there and
/// the parameters `[a, b, e, α, β]`.
#[must_use]
pub fn fit_cell(data: &LogData, powers: &Powers, ia: usize, ib: usize, delta: f64) -> (f64, Theta) {
    fit_cell_with(data, powers, ia, ib, delta, None)
}

/// [`fit_cell`] with E held at `fixed_e` when given: then only A, B ≥ 0 are solved for, against
/// L − E.
#[must_use]
pub fn fit_cell_with(
    data: &LogData,
    powers: &Powers,
    ia: usize,
    ib: usize,
    delta: f64,
    fixed_e: Option<f64>,
) -> (f64, Theta) {
    const WITHOUT_E: [&[usize]; 3] = [&[1, 2], &[1], &[2]];
    let x1 = &powers.n_pow[ia];
    let x2 = &powers.d_pow[ib];
    let shift = fixed_e.unwrap_or(0.0);
    let n = data.len();
    let mut robust = vec![1.0; n];
    let mut coef = [0.0; 3];
    let mut objective = f64::INFINITY;
    for _ in 0..IRLS_ITERS {
        let mut m = [[0.0; 3]; 3];
        let mut v = [0.0; 3];
        for i in 0..n {
            let l = powers.loss[i];
            // ln L̂ − ln L ≈ (L̂ − L)/L, so weight each row by 1/L².
            let w = data.weight[i] * robust[i] / (l * l);
            if w == 0.0 {
                continue;
            }
            let f = [1.0, x1[i], x2[i]];
            for r in 0..3 {
                for c in 0..3 {
                    m[r][c] += w * f[r] * f[c];
                }
                v[r] += w * f[r] * (l - shift);
            }
        }
        coef = match fixed_e {
            Some(e) => {
                let mut c = nnls_over(&m, &v, &WITHOUT_E);
                c[0] = e;
                c
            }
            None => nnls3(&m, &v),
        };
        objective = 0.0;
        for i in 0..n {
            let pred = coef[0] + coef[1] * x1[i] + coef[2] * x2[i];
            let r = libm::log(pred.max(FLOOR)) - data.ln_l[i];
            objective += data.weight[i] * huber(r, delta);
            robust[i] = if r.abs() <= delta {
                1.0
            } else {
                delta / r.abs()
            };
        }
    }
    let ln = |x: f64| libm::log(x.max(FLOOR));
    let ln_e = match fixed_e {
        Some(e) => libm::log(e),
        None => ln(coef[0]),
    };
    (
        objective,
        [
            ln(coef[1]),
            ln(coef[2]),
            ln_e,
            powers.alphas[ia],
            powers.betas[ib],
        ],
    )
}

/// Grid cells whose score is no worse than any of their (up to 8) neighbours, best first,
/// at most `k` of them. `scores` is row-major over (α, β).
#[must_use]
pub fn best_local_minima(scores: &[(f64, Theta)], k: usize) -> Vec<Theta> {
    best_local_minima_in(scores, (GRID_SIZE, GRID_SIZE), k)
}

/// [`best_local_minima`] on a table of `shape` = (rows, columns).
#[must_use]
pub fn best_local_minima_in(
    scores: &[(f64, Theta)],
    shape: (usize, usize),
    k: usize,
) -> Vec<Theta> {
    let (rows, cols) = (shape.0 as isize, shape.1 as isize);
    let at = |i: isize, j: isize| -> f64 {
        if i < 0 || j < 0 || i >= rows || j >= cols {
            f64::INFINITY
        } else {
            scores
                .get((i * cols + j) as usize)
                .map_or(f64::INFINITY, |s| s.0)
        }
    };
    let mut minima: Vec<(f64, Theta)> = Vec::new();
    for i in 0..rows {
        for j in 0..cols {
            let s = at(i, j);
            if !s.is_finite() {
                continue;
            }
            let is_min = (-1..=1)
                .all(|di| (-1..=1).all(|dj| (di == 0 && dj == 0) || s <= at(i + di, j + dj)));
            if is_min {
                minima.push(scores[(i * cols + j) as usize]);
            }
        }
    }
    crate::sort::sort_by(&mut minima, |x, y| x.0.total_cmp(&y.0));
    minima.truncate(k);
    minima.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nnls_clips_a_negative_coefficient() {
        // Hand example: m = I, v = (1, −2, 3) → unconstrained (1, −2, 3); NNLS sets x₁ = 0.
        let m = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        let x = nnls3(&m, &[1.0, -2.0, 3.0]);
        assert_eq!(x, [1.0, 0.0, 3.0]);
    }

    #[test]
    fn exact_law_is_recovered_on_its_cell() {
        // Noise-free data from L = 1.7 + 400/N^0.35 + 1200/D^0.40 (made-up coefficients on the
        // grid): the cell (0.35, 0.40) must return them to 1e-6.
        let mut ln_n = vec![];
        let mut ln_d = vec![];
        let mut ln_l = vec![];
        for i in 0..6 {
            for j in 0..6 {
                let n = 1e8 * 2f64.powi(i);
                let d = 1e9 * 3f64.powi(j);
                ln_n.push(n.ln());
                ln_d.push(d.ln());
                ln_l.push((1.7 + 400.0 / n.powf(0.35) + 1200.0 / d.powf(0.40)).ln());
            }
        }
        let data = LogData {
            weight: vec![1.0; ln_n.len()],
            ln_n,
            ln_d,
            ln_l,
        };
        let powers = Powers::new(&data);
        let (obj, theta) = fit_cell(&data, &powers, 6, 7, 1e-3);
        assert!((grid_value(6) - 0.35).abs() < 1e-12 && (grid_value(7) - 0.40).abs() < 1e-12);
        assert!(obj < 1e-16, "objective {obj}");
        assert!((theta[0].exp() / 400.0 - 1.0).abs() < 1e-6);
        assert!((theta[1].exp() / 1200.0 - 1.0).abs() < 1e-6);
        assert!((theta[2].exp() / 1.7 - 1.0).abs() < 1e-6);
    }
}
