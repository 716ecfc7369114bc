//! Predicted loss: the parametric L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, Eq. 2),
//! its compute-optimal frontier under C = 6ND (Eq. 4), and the closed-form inverse
//! "target loss → budget" along that frontier.

use super::error::{in_range, LawDefect, LawError};
use super::kaplan::KaplanLoss;
use super::LN_6;

/// Coefficients of L(N, D) = E + A/N^α + B/D^β.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LossParams {
    /// Irreducible loss E (nats/token).
    pub e: f64,
    /// Parameter term coefficient A.
    pub a: f64,
    /// Data term coefficient B.
    pub b: f64,
    /// Parameter exponent α.
    pub alpha: f64,
    /// Data exponent β.
    pub beta: f64,
}

impl LossParams {
    /// Predicted loss L(N, D) (no input checks; see [`LossModel::loss`] for the checked form).
    #[must_use]
    pub fn loss(&self, n_params: f64, n_tokens: f64) -> f64 {
        self.e + self.a / n_params.powf(self.alpha) + self.b / n_tokens.powf(self.beta)
    }

    /// G = (αA/(βB))^(1/(α+β)) (Hoffmann et al. 2022, Eq. 4).
    #[must_use]
    pub fn g(&self) -> f64 {
        ((self.alpha * self.a) / (self.beta * self.b)).powf(1.0 / (self.alpha + self.beta))
    }

    /// Exponent a = β/(α+β) of N_opt ∝ C^a.
    #[must_use]
    pub fn params_exponent(&self) -> f64 {
        self.beta / (self.alpha + self.beta)
    }

    /// Exponent b = α/(α+β) of D_opt ∝ C^b.
    #[must_use]
    pub fn tokens_exponent(&self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }

    /// Closed-form optimum under C = 6ND: (N_opt, D_opt) = (G·(C/6)^a, G⁻¹·(C/6)^b).
    #[must_use]
    pub fn optimal(&self, flops: f64) -> (f64, f64) {
        let g = self.g();
        let c6 = flops / 6.0;
        (
            g * c6.powf(self.params_exponent()),
            c6.powf(self.tokens_exponent()) / g,
        )
    }

    /// Along the optimum, L*(C) = E + K·(C/6)^(−γ) with K = A·G^(−α) + B·G^β and
    /// γ = αβ/(α+β) (substituting Eq. 4 into Eq. 2). Returns (K, γ).
    #[must_use]
    pub fn frontier_loss_terms(&self) -> (f64, f64) {
        let g = self.g();
        let k = self.a * g.powf(-self.alpha) + self.b * g.powf(self.beta);
        (k, self.alpha * self.beta / (self.alpha + self.beta))
    }

    /// `Ok` if E is finite and not negative and A, B, α, β are finite and positive. The one
    /// coefficient rule for every loss law (presets, fits, links, the command line's `--fit`):
    /// E is a cross-entropy floor, so it cannot be negative.
    pub fn check(&self) -> Result<(), LawError> {
        let positive = |x: f64| x.is_finite() && x > 0.0;
        let e_ok = self.e.is_finite() && self.e >= 0.0;
        if e_ok
            && [self.a, self.b, self.alpha, self.beta]
                .into_iter()
                .all(positive)
        {
            Ok(())
        } else {
            Err(LawError::InvalidLaw(LawDefect::LossRequirement))
        }
    }

    /// Reads `E,A,B,α,β` (five comma-separated numbers, as a link's `fit=` and the command
    /// line's `--fit` write them) and checks them ([`LossParams::check`]).
    pub fn from_list(text: &str) -> Result<LossParams, LawError> {
        let numbers: Vec<f64> = text
            .split(',')
            .map(|x| x.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| LawError::InvalidLaw(LawDefect::FiveNumbers))?;
        let [e, a, b, alpha, beta] = numbers[..] else {
            return Err(LawError::InvalidLaw(LawDefect::FiveNumbers));
        };
        let params = LossParams {
            e,
            a,
            b,
            alpha,
            beta,
        };
        params.check()?;
        Ok(params)
    }

    /// The smallest budget whose optimum reaches `target` loss: the inverse of
    /// L*(C) = E + K·(C/6)^(−γ), i.e. ln C = ln 6 − (ln(target − E) − ln K)/γ.
    pub fn flops_for_loss(&self, target: f64) -> Result<f64, LawError> {
        self.check()?;
        if !target.is_finite() {
            return Err(LawError::InvalidInput {
                what: crate::law::Input::TargetLoss,
                value: target,
            });
        }
        if target <= self.e {
            return Err(LawError::LossUnreachable { floor: self.e });
        }
        let (k, gamma) = self.frontier_loss_terms();
        in_range((LN_6 - ((target - self.e).ln() - k.ln()) / gamma).exp())
    }
}

/// A law's loss model: how it predicts loss from (N, D).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LossModel {
    /// L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, Eq. 2).
    Parametric(LossParams),
    /// L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D (Kaplan et al. 2020, Eq. 1.5).
    Kaplan(KaplanLoss),
}

impl LossModel {
    /// Predicted loss at N parameters and D tokens (nats/token on the law's own data set).
    pub fn loss(&self, n_params: f64, n_tokens: f64) -> Result<f64, LawError> {
        super::error::positive(crate::law::Input::ParameterCount, n_params)?;
        super::error::positive(crate::law::Input::TokenCount, n_tokens)?;
        let loss = match self {
            LossModel::Parametric(p) => {
                p.check()?;
                p.loss(n_params, n_tokens)
            }
            LossModel::Kaplan(k) => k.loss(n_params, n_tokens),
        };
        in_range(loss)
    }

    /// The loss approached as N and D grow without bound (E, or 0 for Kaplan's form).
    #[must_use]
    pub fn floor(&self) -> f64 {
        match self {
            LossModel::Parametric(p) => p.e,
            LossModel::Kaplan(_) => 0.0,
        }
    }
}
