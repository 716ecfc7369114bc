//! Allocation rules C → N_opt, in the form each paper publishes them.
//!
//! Every published rule is a power law in C for one of N, D or FLOPs/token, and every one is
//! completed with C = 6ND (Kaplan et al. 2020, Sec. 2.1; Hoffmann et al. 2022, Sec. 3.3) so
//! that the whole budget is spent. So each reduces to ln N = ln k + a·ln C with D = C/(6N);
//! the arithmetic is done in logarithms so that no intermediate overflows.

use super::error::{in_range, LawDefect, LawError};
use super::loss::LossParams;
use super::{Allocation, LN_6};

/// How a law maps a compute budget C (FLOPs) to a model size; D = C/(6N) in every case.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Frontier {
    /// N_opt = `coef` · (C / `flops_unit`)^`exponent` (Kaplan's PF-day form, the Chinchilla
    /// table fits, the custom anchored law).
    ParamsPowerLaw {
        /// N at C = `flops_unit`.
        coef: f64,
        /// Exponent a.
        exponent: f64,
        /// The unit C is measured in, in FLOPs (1 for plain FLOPs).
        flops_unit: f64,
    },
    /// D_opt = `coef` · C^`exponent`, N = C/(6D) (Llama 3's form).
    TokensPowerLaw {
        /// D at C = 1 FLOP.
        coef: f64,
        /// Exponent of D in C.
        exponent: f64,
    },
    /// M_opt = `coef` · C^`exponent` FLOPs per token, N = M/6, D = C/M (DeepSeek's form).
    FlopsPerTokenPowerLaw {
        /// M at C = 1 FLOP.
        coef: f64,
        /// Exponent of M in C.
        exponent: f64,
    },
    /// The closed-form minimum of the parametric loss under C = 6ND (Hoffmann et al. 2022, Eq. 4).
    LossOptimal(LossParams),
}

impl Frontier {
    /// (ln k, a) with N_opt = k · C^a.
    #[must_use]
    pub fn ln_params_law(&self) -> (f64, f64) {
        match *self {
            Frontier::ParamsPowerLaw {
                coef,
                exponent,
                flops_unit,
            } => (coef.ln() - exponent * flops_unit.ln(), exponent),
            Frontier::TokensPowerLaw { coef, exponent } => (-LN_6 - coef.ln(), 1.0 - exponent),
            Frontier::FlopsPerTokenPowerLaw { coef, exponent } => (coef.ln() - LN_6, exponent),
            Frontier::LossOptimal(p) => {
                let a = p.params_exponent();
                (p.g().ln() - a * LN_6, a)
            }
        }
    }

    /// The exponent a of N_opt ∝ C^a.
    #[must_use]
    pub fn params_exponent(&self) -> f64 {
        self.ln_params_law().1
    }

    /// `Ok` if the rule gives N and D that both grow with C (0 < a < 1, finite coefficient):
    /// what every inverse question needs.
    pub fn check(&self) -> Result<(), LawError> {
        let (ln_k, a) = self.ln_params_law();
        if !ln_k.is_finite() {
            return Err(LawError::InvalidLaw(LawDefect::Coefficient));
        }
        if !(a > 0.0 && a < 1.0) {
            return Err(LawError::InvalidLaw(LawDefect::Exponent));
        }
        Ok(())
    }

    /// The allocation at `flops`; the caller has checked that `flops` is finite and positive.
    pub(crate) fn allocate(&self, flops: f64) -> Result<Allocation, LawError> {
        self.check()?;
        let (ln_k, a) = self.ln_params_law();
        let n_params = in_range((ln_k + a * flops.ln()).exp())?;
        let n_tokens = in_range(flops / (6.0 * n_params))?;
        Ok(Allocation {
            flops,
            n_params,
            n_tokens,
        })
    }

    /// The budget at which N_opt(C) = `n_params` (inverting ln N = ln k + a·ln C).
    pub(crate) fn flops_for_params(&self, n_params: f64) -> Result<f64, LawError> {
        self.check()?;
        let (ln_k, a) = self.ln_params_law();
        in_range(((n_params.ln() - ln_k) / a).exp())
    }

    /// The budget at which D_opt(C) = `n_tokens` (ln D = −ln 6 − ln k + (1 − a)·ln C).
    pub(crate) fn flops_for_tokens(&self, n_tokens: f64) -> Result<f64, LawError> {
        self.check()?;
        let (ln_k, a) = self.ln_params_law();
        in_range(((n_tokens.ln() + LN_6 + ln_k) / (1.0 - a)).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs()
    }

    /// Each published form, evaluated directly as printed, equals the log-space evaluation
    /// (second method for the reduction ln N = ln k + a·ln C).
    #[test]
    fn log_form_matches_direct_evaluation() {
        let c: f64 = 3.7e22;
        let kaplan = Frontier::ParamsPowerLaw {
            coef: 1.3e9,
            exponent: 0.73,
            flops_unit: 1.728e20,
        };
        let direct = 1.3e9 * (c / 1.728e20).powf(0.73);
        assert!(rel(kaplan.allocate(c).unwrap().n_params, direct) < 1e-12);

        let llama = Frontier::TokensPowerLaw {
            coef: 0.29,
            exponent: 0.53,
        };
        let d = 0.29 * c.powf(0.53);
        let a = llama.allocate(c).unwrap();
        assert!(rel(a.n_tokens, d) < 1e-12 && rel(a.n_params, c / (6.0 * d)) < 1e-12);

        let deepseek = Frontier::FlopsPerTokenPowerLaw {
            coef: 0.1715,
            exponent: 0.5243,
        };
        let m = 0.1715 * c.powf(0.5243);
        let a = deepseek.allocate(c).unwrap();
        assert!(rel(a.n_params, m / 6.0) < 1e-12 && rel(a.n_tokens, c / m) < 1e-12);

        let p = LossParams {
            e: 1.69,
            a: 406.4,
            b: 410.7,
            alpha: 0.34,
            beta: 0.28,
        };
        let (n, d) = p.optimal(c);
        let a = Frontier::LossOptimal(p).allocate(c).unwrap();
        assert!(rel(a.n_params, n) < 1e-12 && rel(a.n_tokens, d) < 1e-12);
    }

    #[test]
    fn degenerate_exponents_are_rejected() {
        for exponent in [0.0, 1.0, -0.2, 1.5, f64::NAN] {
            let f = Frontier::ParamsPowerLaw {
                coef: 1.0,
                exponent,
                flops_unit: 1.0,
            };
            assert!(f.allocate(1e21).is_err(), "{exponent}");
            assert!(f.flops_for_tokens(1e12).is_err(), "{exponent}");
        }
    }
}
