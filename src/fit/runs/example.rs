//! A small synthetic dataset for the page's "Load example" button and for tests: runs drawn
//! from a known law with seeded multiplicative noise, so a fit can be checked against the truth.

use crate::law::loss::LossParams;

use crate::fit::SplitMix64;

/// The law the example runs are drawn from: Epoch AI's published refit of Chinchilla
/// (Besiroglu et al. 2024, arXiv:2404.10102).
pub const EXAMPLE_LAW: LossParams = crate::law::presets::EPOCH2024;

/// Relative noise σ of the example losses (loss × exp(σ·z), z ~ N(0, 1)).
pub const EXAMPLE_NOISE: f64 = 0.005;

/// Number of runs in the example: 8 model sizes × 6 tokens-per-parameter ratios.
pub const EXAMPLE_RUNS: usize = 48;

/// What "Load example" loaded, in a sentence, with the law's coefficients and the noise.
#[must_use]
pub fn example_description(lang: crate::i18n::Lang) -> String {
    let p = EXAMPLE_LAW;
    crate::i18n::fit::example_loaded(
        lang,
        &EXAMPLE_RUNS,
        &p.e,
        &p.a,
        &p.b,
        &p.alpha,
        &p.beta,
        &(EXAMPLE_NOISE * 100.0),
    )
}

/// The example as CSV (`params,tokens,flops,loss`), 8 model sizes from 50M to ~17B and 2 to 100
/// tokens per parameter, C = 6ND; the same `seed` gives the same text.
#[must_use]
pub fn example_csv(seed: u64) -> String {
    let mut rng = SplitMix64::new(seed);
    let mut out = String::from("params,tokens,flops,loss\n");
    for i in 0..8 {
        let n = 5e7 * 2.3f64.powi(i);
        for tokens_per_param in [2.0, 5.0, 10.0, 20.0, 50.0, 100.0] {
            let d = n * tokens_per_param;
            let loss = EXAMPLE_LAW.loss(n, d) * (EXAMPLE_NOISE * rng.normal()).exp();
            out.push_str(&format!("{n:.6e},{d:.6e},{:.6e},{loss:.6}\n", 6.0 * n * d));
        }
    }
    out
}

/// A noise-free sweep of the example's law (Epoch's refit): 5 budgets × 7 sizes spaced by
/// 1.5× around each budget's optimum (Hoffmann et al. 2022, Eq. 4), C = 6ND.
#[cfg(test)]
pub(crate) fn noise_free_sweep() -> Vec<crate::fit::Run> {
    sweep_of(&[1e18, 1e19, 1e20, 1e21, 1e22], 1.5)
}

/// 7 sizes spaced by `spacing`× around each budget's optimum of the example's law, no noise,
/// C = 6ND (Hoffmann et al. 2022, Eq. 4).
#[cfg(test)]
pub(crate) fn sweep_of(budgets: &[f64], spacing: f64) -> Vec<crate::fit::Run> {
    let mut runs = Vec::new();
    for &c in budgets {
        let n_star = EXAMPLE_LAW.optimal(c).0;
        for k in -3..=3 {
            let n = n_star * spacing.powi(k);
            runs.push(crate::fit::Run {
                line: runs.len() + 2,
                n_params: n,
                n_tokens: c / (6.0 * n),
                flops: c,
                loss: EXAMPLE_LAW.loss(n, c / (6.0 * n)),
                budget: None,
            });
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::parse_runs;

    #[test]
    fn example_parses_whole_and_follows_the_law() {
        let text = example_csv(7);
        assert_eq!(text, example_csv(7), "seeded: same text");
        let ds = parse_runs(&text).unwrap();
        assert_eq!(ds.runs.len(), EXAMPLE_RUNS);
        assert!(ds.skipped.is_empty());
        for run in &ds.runs {
            // 5 σ of the multiplicative noise, plus the 6-digit rounding of the text.
            let truth = EXAMPLE_LAW.loss(run.n_params, run.n_tokens);
            assert!(
                (run.loss / truth).ln().abs() < 5.0 * EXAMPLE_NOISE,
                "{run:?}"
            );
            // C = 6ND to the 7 significant digits printed.
            assert!((run.flops / (6.0 * run.n_params * run.n_tokens) - 1.0).abs() < 1e-5);
        }
    }
}
