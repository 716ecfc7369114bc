//! Approach 2 of Hoffmann et al. 2022 (Sec. 3.2, "IsoFLOP profiles"; App. D): runs grouped by
//! compute budget, a parabola of loss in ln N fitted per budget, its minimum taken as that
//! budget's N_opt, and N_opt = k·C^a fitted through the minima in log-log space.
//!
//! The parabola is an approximation of the profile: under L = E + A/N^α + B/D^β the profile in
//! ln N is a sum of two exponentials, symmetric only when α = β. `fit::approaches::bias` measures how far
//! the vertex moves on a given design under a known law.

use crate::fit::approaches::powerlaw::{PowerLaw, PowerLawFrontier};
use crate::fit::runs::Run;
use crate::fit::FitError;
use crate::i18n::{fit_errors as cat, Lang};

/// Why a budget's parabola gives no minimum to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ProfileNote {
    /// Fewer than three distinct model sizes (the number found).
    TooFewSizes { sizes: usize },
    /// The least-squares system for the parabola is singular.
    Singular,
    /// The parabola opens downwards: it has a maximum, not a minimum.
    OpensDownwards,
    /// The vertex lies outside the budget's sampled model sizes.
    MinimumOutside,
}

impl ProfileNote {
    /// The reason in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> String {
        match self {
            Self::TooFewSizes { sizes } => cat::profile_too_few_sizes(lang, &sizes),
            Self::Singular => cat::profile_singular(lang).to_string(),
            Self::OpensDownwards => cat::profile_opens_downwards(lang).to_string(),
            Self::MinimumOutside => cat::profile_minimum_outside(lang).to_string(),
        }
    }
}

/// One IsoFLOP profile: the parabola in ln N through one budget's runs and its minimum.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    /// The budget C (FLOPs): the column value, or the geometric mean of the cluster.
    pub flops: f64,
    /// Lines of the runs in this budget.
    pub lines: Vec<usize>,
    /// (N, loss) of each run, in the order of `lines`, for a chart of the profile.
    pub points: Vec<(f64, f64)>,
    /// Loss = c0 + c1·x + c2·x² with x = ln N.
    pub coefs: [f64; 3],
    /// The second derivative of the parabola in ln N, 2·c2 (nats per (ln N)²): how sharply
    /// loss rises off the minimum. Zero when no parabola was fitted.
    pub curvature: f64,
    /// The minimum, when the parabola is usable: (N_opt, D_opt = C/(6N_opt), loss there).
    pub optimum: Option<(f64, f64, f64)>,
    /// Why the minimum is not used, if it is not.
    pub note: Option<ProfileNote>,
}

impl Profile {
    /// The parabola's loss at `n_params`.
    #[must_use]
    pub fn loss_at(&self, n_params: f64) -> f64 {
        let x = libm::log(n_params);
        self.coefs[0] + self.coefs[1] * x + self.coefs[2] * x * x
    }

    /// `samples` (≥ 2) points (N, loss) of the parabola across the sampled sizes, evenly
    /// spaced in ln N, for drawing; empty when no parabola was fitted.
    #[must_use]
    pub fn curve(&self, samples: usize) -> Vec<(f64, f64)> {
        let (lo, hi) = self.size_range();
        if self.coefs == [0.0; 3] || samples < 2 || lo.is_nan() || hi.is_nan() || lo >= hi {
            return Vec::new();
        }
        let (a, b) = (libm::log(lo), libm::log(hi));
        (0..samples)
            .map(|i| {
                let n = libm::exp(a + (b - a) * i as f64 / (samples - 1) as f64);
                (n, self.loss_at(n))
            })
            .collect()
    }

    /// The smallest and largest model size in this budget.
    #[must_use]
    pub fn size_range(&self) -> (f64, f64) {
        self.points
            .iter()
            .fold((f64::INFINITY, 0.0), |(lo, hi), &(n, _)| {
                (lo.min(n), hi.max(n))
            })
    }

    /// The number of distinct model sizes.
    #[must_use]
    pub fn distinct_sizes(&self) -> usize {
        distinct(&self.points.iter().map(|p| p.0).collect::<Vec<_>>()).len()
    }
}

/// Approach 2's result: the profiles and the frontier through their minima.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Approach2Fit {
    /// Every budget found, usable or not.
    pub profiles: Vec<Profile>,
    /// Power laws through the usable minima.
    pub frontier: PowerLawFrontier,
}

impl Approach2Fit {
    /// The sweep's design: each budget's C and its model sizes, for [`crate::fit::approaches::bias::parabola_bias`].
    #[must_use]
    pub fn design(&self) -> Vec<(f64, Vec<f64>)> {
        design_of(&self.profiles)
    }
}

/// Each profile's budget C and its model sizes: the design of the sweep they came from.
#[must_use]
pub fn design_of(profiles: &[Profile]) -> Vec<(f64, Vec<f64>)> {
    profiles
        .iter()
        .map(|p| (p.flops, p.points.iter().map(|q| q.0).collect()))
        .collect()
}

/// The distinct values of `x`, sorted.
fn distinct(x: &[f64]) -> Vec<f64> {
    let mut d = x.to_vec();
    crate::sort::sort_f64(&mut d);
    d.dedup();
    d
}

/// Groups runs by budget: the budget column when present, else clustering sorted C so that
/// every run of a group lies within ±5 % of one centre (ratio max/min ≤ 1.05/0.95).
#[must_use]
pub fn group_budgets(runs: &[Run]) -> Vec<(f64, Vec<Run>)> {
    let mut sorted: Vec<Run> = runs.to_vec();
    if runs.iter().all(|r| r.budget.is_some()) && !runs.is_empty() {
        crate::sort::sort_by(&mut sorted, |x, y| {
            x.budget.unwrap_or(0.0).total_cmp(&y.budget.unwrap_or(0.0))
        });
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
    crate::sort::sort_by(&mut sorted, |x, y| x.flops.total_cmp(&y.flops));
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
            // Runs that share one C exactly keep it, without the mean's rounding.
            if g.iter().all(|r| r.flops == g[0].flops) {
                return (g[0].flops, g);
            }
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

/// The parabola through one budget's runs and, if usable, its minimum. Usable means three or
/// more distinct sizes, an upward parabola, and a minimum inside the sampled sizes.
#[must_use]
pub fn fit_profile(flops: f64, runs: &[Run]) -> Profile {
    let x: Vec<f64> = runs.iter().map(|r| libm::log(r.n_params)).collect();
    let y: Vec<f64> = runs.iter().map(|r| r.loss).collect();
    let sizes = distinct(&x);
    let (coefs, note, optimum) = if sizes.len() < 3 {
        (
            [0.0; 3],
            Some(ProfileNote::TooFewSizes { sizes: sizes.len() }),
            None,
        )
    } else {
        match parabola(&x, &y) {
            None => ([0.0; 3], Some(ProfileNote::Singular), None),
            Some(c) if c[2] <= 0.0 => (c, Some(ProfileNote::OpensDownwards), None),
            Some(c) => {
                let xs = -c[1] / (2.0 * c[2]);
                let (lo, hi) = (sizes[0], sizes[sizes.len() - 1]);
                if !(lo..=hi).contains(&xs) {
                    (c, Some(ProfileNote::MinimumOutside), None)
                } else {
                    let n = libm::exp(xs);
                    let loss = c[0] + c[1] * xs + c[2] * xs * xs;
                    (c, None, Some((n, flops / (6.0 * n), loss)))
                }
            }
        }
    };
    Profile {
        flops,
        lines: runs.iter().map(|r| r.line).collect(),
        points: runs.iter().map(|r| (r.n_params, r.loss)).collect(),
        coefs,
        curvature: 2.0 * coefs[2],
        optimum,
        note,
    }
}

/// The power laws through the usable minima of `profiles`; `None` with fewer than two.
pub(crate) fn frontier_of(profiles: &[Profile]) -> Result<PowerLawFrontier, FitError> {
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
    Ok(PowerLawFrontier {
        n_opt: PowerLaw::fit(&c, &n)?,
        d_opt: PowerLaw::fit(&c, &d)?,
        n_points: usable.len(),
    })
}

/// Approach 2: a parabola of loss in ln N per budget, its minimum → the frontier.
/// A budget needs three runs with distinct N, an upward parabola and a minimum inside its
/// sampled sizes; the others are reported in [`Profile::note`]. Degenerate sweeps are refused
/// with the reason: all losses equal ([`FitError::ConstantLoss`]), fewer than three sizes in
/// every budget ([`FitError::TooFewSizes`]), one budget ([`FitError::TooFewBudgets`]), or fewer
/// than two usable parabolas ([`FitError::UnusableBudgets`], each budget's reason listed).
pub fn approach2(runs: &[Run]) -> Result<Approach2Fit, FitError> {
    if runs.len() > 1 && runs.iter().all(|r| r.loss == runs[0].loss) {
        return Err(FitError::ConstantLoss);
    }
    let groups = group_budgets(runs);
    let most = groups
        .iter()
        .map(|(_, g)| distinct(&g.iter().map(|r| r.n_params).collect::<Vec<_>>()).len())
        .max()
        .unwrap_or(0);
    if most < 3 {
        return Err(FitError::TooFewSizes { most });
    }
    let profiles: Vec<Profile> = groups.iter().map(|(c, g)| fit_profile(*c, g)).collect();
    let frontier = match frontier_of(&profiles) {
        Err(FitError::TooFewBudgets { usable }) if profiles.len() >= 2 => {
            return Err(FitError::UnusableBudgets {
                usable,
                reasons: profiles
                    .iter()
                    .filter_map(|p| Some((p.flops, p.note?)))
                    .collect(),
            })
        }
        other => other?,
    };
    Ok(Approach2Fit { profiles, frontier })
}

#[cfg(test)]
mod tests;
