//! Synthetic data for the fit tests: IsoFLOP sweeps and run grids drawn from known laws with
//! seeded noise, and the jobs run on them.

use isoflop::fit::{
    ApproachFit, ApproachJob, ApproachReport, FitOptions, FrontierReport, Run, SplitMix64,
};
use isoflop::law::loss::LossParams;

/// Chinchilla's law with the unrounded TeX-source values (Hoffmann et al. 2022, App. D.2, as
/// recovered by Besiroglu et al. 2024): α = 0.3392 > β = 0.2849, so its IsoFLOP profiles are
/// skewed and the parabola's bias shows.
pub const TEX: LossParams = LossParams {
    e: 1.6934,
    a: 406.4,
    b: 410.7,
    alpha: 0.339_170_84,
    beta: 0.284_908_3,
};

/// Muennighoff et al. 2023's data-constrained fit, whose exponents are tied (α = β = 0.3527).
pub const TIED: LossParams = LossParams {
    e: 1.869_14,
    a: 520.83,
    b: 1487.72,
    alpha: 0.352_659_6,
    beta: 0.352_659_6,
};

pub const BUDGETS: [f64; 6] = [1e18, 4e18, 1.6e19, 6.4e19, 2.56e20, 1e21];

/// An IsoFLOP sweep of `law`: at each budget, 9 sizes ×`step` apart centred on the law's
/// N_opt, every other run with 1 % more tokens (and so C) as real runs have, and the loss at
/// those N and D × exp(σ·z) with seeded z ~ N(0, 1).
pub fn sweep(law: &LossParams, step: f64, sigma: f64, seed: u64) -> Vec<Run> {
    let mut rng = SplitMix64::new(seed);
    exact_sweep(law, step)
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            // k = i mod 9 − 4: the odd k get the extra tokens.
            let jitter = if (i % 9) % 2 == 0 { 1.0 } else { 1.01 };
            Run {
                n_tokens: r.n_tokens * jitter,
                flops: r.flops * jitter,
                loss: law.loss(r.n_params, r.n_tokens * jitter) * (sigma * rng.normal()).exp(),
                budget: None,
                ..r
            }
        })
        .collect()
}

/// The same sweep without jitter or noise: exact losses of `law`, each budget in a column.
pub fn exact_sweep(law: &LossParams, step: f64) -> Vec<Run> {
    let mut runs = Vec::new();
    for c in BUDGETS {
        let n_star = law.optimal(c).0;
        for k in -4..=4 {
            let n = n_star * step.powi(k);
            let d = c / (6.0 * n);
            runs.push(Run {
                line: runs.len() + 2,
                n_params: n,
                n_tokens: d,
                flops: c,
                loss: law.loss(n, d),
                budget: Some(c),
            });
        }
    }
    runs
}

/// Runs `options` on `runs` to the end.
pub fn run_job(runs: &[Run], options: &FitOptions) -> ApproachReport {
    ApproachJob::new(runs, options)
        .unwrap()
        .run_to_end()
        .unwrap()
}

/// The power-law report of Approaches 1 and 2.
pub fn frontier(report: &ApproachReport) -> &FrontierReport {
    match &report.fit {
        ApproachFit::Frontier(f) => f,
        ApproachFit::Three(_) => panic!("not a power-law fit"),
    }
}

/// 8 model sizes × 6 tokens-per-parameter ratios of `law`, loss × exp(σ·z), seeded.
pub fn grid(law: &LossParams, sigma: f64, seed: u64) -> Vec<Run> {
    let mut rng = SplitMix64::new(seed);
    let mut runs = Vec::new();
    for i in 0..8 {
        let n = 5e7 * 2.3f64.powi(i);
        for tpp in [2.0, 5.0, 10.0, 20.0, 50.0, 100.0] {
            let d = n * tpp;
            runs.push(Run {
                line: runs.len() + 2,
                n_params: n,
                n_tokens: d,
                flops: 6.0 * n * d,
                loss: law.loss(n, d) * (sigma * rng.normal()).exp(),
                budget: None,
            });
        }
    }
    runs
}
