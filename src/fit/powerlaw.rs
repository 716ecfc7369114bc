//! Approaches 1 and 2 of Hoffmann et al. 2022: compute-optimal points (from IsoFLOP parabolas,
//! or given) → N_opt = k·C^a and D_opt = k'·C^b by least squares in log-log space.

use super::data::{EnvelopePoint, Run};
use super::FitError;

/// y = coef · C^exponent, C in FLOPs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PowerLaw {
    /// Prefactor k.
    pub coef: f64,
    /// Exponent.
    pub exponent: f64,
}

impl PowerLaw {
    /// The law's value at `flops`.
    #[must_use]
    pub fn at(&self, flops: f64) -> f64 {
        self.coef * libm::pow(flops, self.exponent)
    }

    /// Ordinary least squares of ln y on ln x; needs two or more distinct x.
    pub fn fit(x: &[f64], y: &[f64]) -> Result<Self, FitError> {
        let n = x.len().min(y.len());
        if n < 2 {
            return Err(FitError::TooFewPoints { needed: 2, got: n });
        }
        let lx: Vec<f64> = x[..n].iter().map(|&v| libm::log(v)).collect();
        let ly: Vec<f64> = y[..n].iter().map(|&v| libm::log(v)).collect();
        if lx.iter().chain(&ly).any(|v| !v.is_finite()) {
            return Err(FitError::InvalidOption(
                "power-law data must be positive".into(),
            ));
        }
        let mx = lx.iter().sum::<f64>() / n as f64;
        let my = ly.iter().sum::<f64>() / n as f64;
        let sxx: f64 = lx.iter().map(|v| (v - mx) * (v - mx)).sum();
        let sxy: f64 = lx.iter().zip(&ly).map(|(a, b)| (a - mx) * (b - my)).sum();
        if sxx <= 1e-12 * n as f64 {
            return Err(FitError::NoSpread("compute budget"));
        }
        let exponent = sxy / sxx;
        let coef = libm::exp(my - exponent * mx);
        if !(coef.is_finite() && exponent.is_finite()) {
            return Err(FitError::NoSolution);
        }
        Ok(PowerLaw { coef, exponent })
    }
}

/// The compute-optimal frontier as two power laws.
#[derive(Debug, Clone, PartialEq)]
pub struct PowerLawFrontier {
    /// N_opt(C).
    pub n_opt: PowerLaw,
    /// D_opt(C).
    pub d_opt: PowerLaw,
    /// Points fitted.
    pub n_points: usize,
}

/// Approach 1: fits the power laws through envelope points (C, N_opt, D_opt).
pub fn approach1(points: &[EnvelopePoint]) -> Result<PowerLawFrontier, FitError> {
    let c: Vec<f64> = points.iter().map(|p| p.flops).collect();
    let n: Vec<f64> = points.iter().map(|p| p.n_params).collect();
    let d: Vec<f64> = points.iter().map(|p| p.n_tokens).collect();
    Ok(PowerLawFrontier {
        n_opt: PowerLaw::fit(&c, &n)?,
        d_opt: PowerLaw::fit(&c, &d)?,
        n_points: points.len(),
    })
}

/// One IsoFLOP profile: the parabola in ln N through one budget's runs and its minimum.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// The budget C (FLOPs): the column value, or the geometric mean of the cluster.
    pub flops: f64,
    /// Lines of the runs in this budget.
    pub lines: Vec<usize>,
    /// Loss = c0 + c1·x + c2·x² with x = ln N.
    pub coefs: [f64; 3],
    /// The minimum, when the parabola is usable: (N_opt, D_opt = C/(6N_opt), loss there).
    pub optimum: Option<(f64, f64, f64)>,
    /// Why the minimum is not used, if it is not.
    pub note: Option<String>,
}

/// Approach 2's result: the profiles and the frontier through their minima.
#[derive(Debug, Clone, PartialEq)]
pub struct Approach2Fit {
    /// Every budget found, usable or not.
    pub profiles: Vec<Profile>,
    /// Power laws through the usable minima.
    pub frontier: PowerLawFrontier,
}

/// Groups runs by budget: the budget column when present, else clustering sorted C so that
/// every run of a group lies within ±5 % of one centre (ratio max/min ≤ 1.05/0.95).
#[must_use]
pub fn group_budgets(runs: &[Run]) -> Vec<(f64, Vec<Run>)> {
    let mut sorted: Vec<Run> = runs.to_vec();
    if runs.iter().all(|r| r.budget.is_some()) && !runs.is_empty() {
        sorted.sort_by(|x, y| x.budget.unwrap_or(0.0).total_cmp(&y.budget.unwrap_or(0.0)));
        let mut groups: Vec<(f64, Vec<Run>)> = Vec::new();
        for r in sorted {
            let b = r.budget.unwrap_or(0.0);
            match groups.last_mut() {
                Some((gb, g)) if *gb == b => g.push(r),
                _ => groups.push((b, vec![r])),
            }
        }
        return groups;
    }
    sorted.sort_by(|x, y| x.flops.total_cmp(&y.flops));
    let mut groups: Vec<Vec<Run>> = Vec::new();
    for r in sorted {
        match groups.last_mut() {
            Some(g) if r.flops <= g[0].flops * (1.05 / 0.95) => g.push(r),
            _ => groups.push(vec![r]),
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let mean_log = g.iter().map(|r| libm::log(r.flops)).sum::<f64>() / g.len() as f64;
            (libm::exp(mean_log), g)
        })
        .collect()
}

/// Least-squares parabola y = c0 + c1 x + c2 x² (x centred for conditioning); None if singular.
fn parabola(x: &[f64], y: &[f64]) -> Option<[f64; 3]> {
    let n = x.len() as f64;
    let xm = x.iter().sum::<f64>() / n;
    let mut s = [0.0; 5];
    let mut t = [0.0; 3];
    for (&xi, &yi) in x.iter().zip(y) {
        let u = xi - xm;
        let mut p = 1.0;
        for (k, sk) in s.iter_mut().enumerate() {
            *sk += p;
            if k < 3 {
                t[k] += p * yi;
            }
            p *= u;
        }
    }
    // Cramer's rule on the 3×3 normal equations in u = x − x̄.
    let m = [[s[0], s[1], s[2]], [s[1], s[2], s[3]], [s[2], s[3], s[4]]];
    let det = |m: &[[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(&m);
    // Written so that a NaN determinant also counts as singular.
    let well_posed = d.abs() > 1e-12 * s[0] * s[2] * s[4];
    if !well_posed {
        return None;
    }
    let mut c = [0.0; 3];
    for (k, ck) in c.iter_mut().enumerate() {
        let mut mk = m;
        for r in 0..3 {
            mk[r][k] = t[r];
        }
        *ck = det(&mk) / d;
    }
    // Back from u to x: c0 + c1(x − x̄) + c2(x − x̄)².
    Some([
        c[0] - c[1] * xm + c[2] * xm * xm,
        c[1] - 2.0 * c[2] * xm,
        c[2],
    ])
}

/// Approach 2: a parabola of loss in ln N per budget, its minimum → the frontier.
/// A budget needs three runs with distinct N, an upward parabola and a minimum inside its
/// sampled sizes; the others are reported in [`Profile::note`].
pub fn approach2(runs: &[Run]) -> Result<Approach2Fit, FitError> {
    let groups = group_budgets(runs);
    let mut profiles = Vec::new();
    for (flops, g) in groups {
        let x: Vec<f64> = g.iter().map(|r| libm::log(r.n_params)).collect();
        let y: Vec<f64> = g.iter().map(|r| r.loss).collect();
        let lines = g.iter().map(|r| r.line).collect();
        let mut distinct = x.clone();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        let (coefs, note, optimum) = if distinct.len() < 3 {
            (
                [0.0; 3],
                Some(format!(
                    "{} distinct model sizes; a parabola needs 3",
                    distinct.len()
                )),
                None,
            )
        } else {
            match parabola(&x, &y) {
                None => ([0.0; 3], Some("singular parabola fit".to_string()), None),
                Some(c) if c[2] <= 0.0 => (
                    c,
                    Some("the parabola opens downwards: no minimum".to_string()),
                    None,
                ),
                Some(c) => {
                    let xs = -c[1] / (2.0 * c[2]);
                    let (lo, hi) = (distinct[0], distinct[distinct.len() - 1]);
                    if xs < lo || xs > hi {
                        (
                            c,
                            Some("the minimum lies outside the sampled model sizes".to_string()),
                            None,
                        )
                    } else {
                        let n = libm::exp(xs);
                        let loss = c[0] + c[1] * xs + c[2] * xs * xs;
                        (c, None, Some((n, flops / (6.0 * n), loss)))
                    }
                }
            }
        };
        profiles.push(Profile {
            flops,
            lines,
            coefs,
            optimum,
            note,
        });
    }
    let usable: Vec<(f64, f64, f64)> = profiles
        .iter()
        .filter_map(|p| p.optimum.map(|(n, d, _)| (p.flops, n, d)))
        .collect();
    if usable.len() < 2 {
        return Err(FitError::TooFewBudgets {
            usable: usable.len(),
        });
    }
    let c: Vec<f64> = usable.iter().map(|u| u.0).collect();
    let n: Vec<f64> = usable.iter().map(|u| u.1).collect();
    let d: Vec<f64> = usable.iter().map(|u| u.2).collect();
    Ok(Approach2Fit {
        frontier: PowerLawFrontier {
            n_opt: PowerLaw::fit(&c, &n)?,
            d_opt: PowerLaw::fit(&c, &d)?,
            n_points: usable.len(),
        },
        profiles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parabola_recovers_exact_coefficients() {
        // y = 3 − 2x + 0.5x² sampled at 5 points: exact coefficients by construction.
        let x = [10.0, 11.0, 12.0, 13.0, 14.0];
        let y: Vec<f64> = x.iter().map(|v| 3.0 - 2.0 * v + 0.5 * v * v).collect();
        let c = parabola(&x, &y).unwrap();
        assert!(
            (c[0] - 3.0).abs() < 1e-8 && (c[1] + 2.0).abs() < 1e-9 && (c[2] - 0.5).abs() < 1e-10
        );
    }

    #[test]
    fn table3_rows_give_the_reference_fit() {
        // A log-log fit through Hoffmann et al. 2022, Table 3, gives N ≈ 0.0992·C^0.498.
        let rows = [
            (4e8, 1.92e19),
            (1e9, 1.21e20),
            (1e10, 1.23e22),
            (6.7e10, 5.76e23),
            (1.75e11, 3.85e24),
            (2.8e11, 9.90e24),
            (5.2e11, 3.43e25),
            (1e12, 1.27e26),
            (1e13, 1.30e28),
        ];
        let pts: Vec<EnvelopePoint> = rows
            .iter()
            .map(|&(n, c)| EnvelopePoint {
                line: 0,
                flops: c,
                n_params: n,
                n_tokens: c / (6.0 * n),
            })
            .collect();
        let f = approach1(&pts).unwrap();
        assert!(
            (f.n_opt.exponent - 0.4981).abs() < 5e-4,
            "{}",
            f.n_opt.exponent
        );
        assert!(
            (f.n_opt.coef / 0.09916 - 1.0).abs() < 0.01,
            "{}",
            f.n_opt.coef
        );
    }

    #[test]
    fn budget_column_groups_and_clustering_splits() {
        let run = |flops: f64, budget: Option<f64>| Run {
            line: 0,
            n_params: 1e8,
            n_tokens: flops / 6e8,
            flops,
            loss: 3.0,
            budget,
        };
        // A budget column wins over C, even 20 % apart (hand-made groups).
        let tagged = [
            run(1e19, Some(1e19)),
            run(1.2e19, Some(1e19)),
            run(1e20, Some(1e20)),
        ];
        let g = group_budgets(&tagged);
        assert_eq!((g.len(), g[0].1.len(), g[1].1.len()), (2, 2, 1));
        // Without it, C within ±5 % clusters and 20 % apart does not; the budget is the
        // geometric mean: √(1e19 · 1.05e19) = 1.02470e19.
        let untagged = [run(1e19, None), run(1.05e19, None), run(1.26e19, None)];
        let g = group_budgets(&untagged);
        assert_eq!((g.len(), g[0].1.len()), (2, 2));
        assert!((g[0].0 / 1.024_695e19 - 1.0).abs() < 1e-6);
    }

    #[test]
    fn one_budget_is_a_typed_error() {
        let runs: Vec<Run> = (0..5)
            .map(|i| {
                let n = 1e8 * 2f64.powi(i);
                Run {
                    line: i as usize + 2,
                    n_params: n,
                    n_tokens: 1e19 / (6.0 * n),
                    flops: 1e19,
                    loss: 3.0 + 0.1 * (f64::from(i) - 2.0).powi(2),
                    budget: None,
                }
            })
            .collect();
        assert_eq!(
            approach2(&runs).err(),
            Some(FitError::TooFewBudgets { usable: 1 })
        );
    }
}
