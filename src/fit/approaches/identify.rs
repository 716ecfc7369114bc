//! Runs that cannot answer Approach 3's question: where ln N and ln D move together, the data
//! cannot tell the two terms of L = E + A/N^α + B/D^β apart, and a fit returns one of many laws
//! that match equally well. Said before the fit (a warning, not a refusal: the fit still runs).

use crate::fit::runs::Run;
use crate::i18n::{fit_errors as cat, Lang};

/// |correlation| of ln N and ln D at or above which the runs are taken to lie on one line.
pub const COLLINEAR: f64 = 0.995;

/// Why the runs do not identify Approach 3's coefficients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unidentified {
    /// D/N is about the same in every run (from `lo` to `hi`): N and D grow together, so α and
    /// β (and A and B) cannot be told apart.
    SameTokensPerParam {
        /// The smallest D/N.
        lo: f64,
        /// The largest D/N.
        hi: f64,
    },
    /// C is about the same in every run (from `lo` to `hi` FLOPs): one IsoFLOP curve, along
    /// which D = C/(6N), so nothing measures how the loss falls as compute grows.
    OneBudget {
        /// The smallest C.
        lo: f64,
        /// The largest C.
        hi: f64,
    },
}

impl Unidentified {
    /// The warning in `lang` (the command line's English for `Lang::En`).
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        let f = |x: f64| crate::law::quantity::significant(x, 3);
        match *self {
            Unidentified::SameTokensPerParam { lo, hi } => {
                let ratio = if f(lo) == f(hi) {
                    f(lo)
                } else {
                    cat::value_range(lang, &f(lo), &f(hi))
                };
                cat::same_tokens_per_param(lang, &ratio)
            }
            Unidentified::OneBudget { lo, hi } => {
                cat::one_budget(lang, &format!("{lo:.2e}"), &format!("{hi:.2e}"))
            }
        }
    }
}

/// Whether `runs` (three or more) lie on one line in (ln N, ln D): the same tokens per
/// parameter (correlation ≥ [`COLLINEAR`]) or the same compute (≤ −[`COLLINEAR`]).
#[must_use]
pub fn unidentified(runs: &[Run]) -> Option<Unidentified> {
    if runs.len() < 3 {
        return None;
    }
    let x: Vec<f64> = runs.iter().map(|r| r.n_params.ln()).collect();
    let y: Vec<f64> = runs.iter().map(|r| r.n_tokens.ln()).collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (mx, my) = (mean(&x), mean(&y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(&y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx <= 0.0 || syy <= 0.0 {
        // One size or one token count: the fit refuses it (FitError::NoSpread).
        return None;
    }
    let r = sxy / (sxx * syy).sqrt();
    let range = |v: Vec<f64>| {
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (lo, hi)
    };
    if r >= COLLINEAR {
        let (lo, hi) = range(runs.iter().map(|r| r.n_tokens / r.n_params).collect());
        Some(Unidentified::SameTokensPerParam { lo, hi })
    } else if r <= -COLLINEAR {
        let (lo, hi) = range(runs.iter().map(|r| r.flops).collect());
        Some(Unidentified::OneBudget { lo, hi })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(n: f64, d: f64) -> Run {
        Run {
            line: 0,
            n_params: n,
            n_tokens: d,
            flops: 6.0 * n * d,
            loss: 3.0,
            budget: None,
        }
    }

    #[test]
    fn twenty_tokens_per_parameter_and_one_budget_are_told() {
        // Six runs at 20 tokens per parameter: ln D = ln N + ln 20, correlation 1.
        let same: Vec<Run> = (0..6)
            .map(|k| run(1e8 * 3f64.powi(k), 2e9 * 3f64.powi(k)))
            .collect();
        assert_eq!(
            unidentified(&same),
            Some(Unidentified::SameTokensPerParam { lo: 20.0, hi: 20.0 })
        );
        assert_eq!(
            unidentified(&same).unwrap().text(Lang::En),
            "α and β cannot be told apart: every run has 20.0 tokens per parameter, so N and D grow together and many laws fit the runs equally well; add runs at other tokens per parameter"
        );
        let near: Vec<Run> = [19.8, 20.0, 20.2, 19.9]
            .iter()
            .enumerate()
            .map(|(k, r)| run(1e8 * 3f64.powi(k as i32), r * 1e8 * 3f64.powi(k as i32)))
            .collect();
        assert!(unidentified(&near)
            .unwrap()
            .text(Lang::En)
            .contains("every run has 19.8 to 20.2 tokens per parameter"));
        // Seven sizes at one compute: ln D = ln(C/6) − ln N, correlation −1.
        let c = 1e20;
        let one: Vec<Run> = (0..7)
            .map(|k| {
                let n = 1e8 * 2f64.powi(k);
                run(n, c / (6.0 * n))
            })
            .collect();
        assert!(matches!(
            unidentified(&one),
            Some(Unidentified::OneBudget { .. })
        ));
        assert!(unidentified(&one)
            .unwrap()
            .text(Lang::Zh)
            .contains("IsoFLOP"));
        // A sweep of several budgets and sizes around each optimum is identified.
        let sweep = crate::fit::runs::example::noise_free_sweep();
        assert_eq!(unidentified(&sweep), None);
    }
}
