//! The questions every law answers where it can: budget → (N, D), model size → budget,
//! tokens → budget, target loss → budget, and how far any (N, D) is from the optimum.

use super::error::{in_range, positive, LawError};
use super::frontier::Frontier;
use super::loss::LossModel;
use super::{Allocation, Law};

/// An arbitrary (N, D) judged by a law: its loss, the law's optimum at the same compute, and
/// the compute at which the optimum reaches the same loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    /// The (N, D) being judged, with C = 6ND.
    pub allocation: Allocation,
    /// Its predicted loss.
    pub loss: f64,
    /// The law's optimal allocation at the same C.
    pub optimum: Allocation,
    /// The optimum's predicted loss.
    pub optimal_loss: f64,
    /// The compute C' at which the law's optimum reaches `loss` ("compute-equivalent").
    pub equivalent_flops: f64,
}

impl Comparison {
    /// How much worse the loss is than the optimum's at the same compute (nats/token).
    #[must_use]
    pub fn loss_penalty(&self) -> f64 {
        self.loss - self.optimal_loss
    }

    /// C'/C: the share of the compute that was effectively used.
    #[must_use]
    pub fn compute_efficiency(&self) -> f64 {
        self.equivalent_flops / self.allocation.flops
    }

    /// 1 − C'/C: the share of the compute effectively thrown away.
    #[must_use]
    pub fn wasted_fraction(&self) -> f64 {
        1.0 - self.compute_efficiency()
    }
}

impl Law {
    /// Budget → compute-optimal (N, D) with C = 6ND.
    pub fn allocate(&self, flops: f64) -> Result<Allocation, LawError> {
        self.frontier.allocate(super::error::flops(flops)?)
    }

    /// A reference run (N₀, D₀) scaled by a compute multiplier k, as most summaries frame the
    /// laws: N = N₀·k^a, D = D₀·k^b with the law's exponents, C = 6ND.
    pub fn scale_run(&self, n0: f64, d0: f64, multiplier: f64) -> Result<Allocation, LawError> {
        positive(crate::law::Input::ReferenceParams, n0)?;
        positive(crate::law::Input::ReferenceTokens, d0)?;
        positive(crate::law::Input::Multiplier, multiplier)?;
        let n = n0 * multiplier.powf(self.params_exponent());
        let d = d0 * multiplier.powf(self.tokens_exponent());
        Ok(Allocation {
            flops: in_range(6.0 * in_range(n)? * in_range(d)?)?,
            n_params: n,
            n_tokens: d,
        })
    }

    /// Model size → the budget at which it is compute-optimal, and its token count.
    pub fn allocation_for_params(&self, n_params: f64) -> Result<Allocation, LawError> {
        positive(crate::law::Input::ParameterCount, n_params)?;
        let flops = self.frontier.flops_for_params(n_params)?;
        self.allocate(flops)
    }

    /// Token count → the budget at which it is compute-optimal, and the model size.
    pub fn allocation_for_tokens(&self, n_tokens: f64) -> Result<Allocation, LawError> {
        positive(crate::law::Input::TokenCount, n_tokens)?;
        let flops = self.frontier.flops_for_tokens(n_tokens)?;
        self.allocate(flops)
    }

    /// Predicted loss at any (N, D), or [`LawError::NoLossModel`] for allocation-only laws.
    pub fn loss(&self, n_params: f64, n_tokens: f64) -> Result<f64, LawError> {
        self.loss_model
            .as_ref()
            .ok_or(LawError::NoLossModel)?
            .loss(n_params, n_tokens)
    }

    /// Predicted loss of an allocation.
    pub fn predicted_loss(&self, allocation: &Allocation) -> Result<f64, LawError> {
        self.loss(allocation.n_params, allocation.n_tokens)
    }

    /// Target loss → the smallest budget at which this law's own allocation reaches it. For the
    /// parametric laws that is the closed-form inverse along Eq. 4's optimum; otherwise
    /// (Kaplan) a bisection on ln C along the law's frontier, where loss falls monotonically.
    pub fn flops_for_loss(&self, target: f64) -> Result<f64, LawError> {
        let model = self.loss_model.as_ref().ok_or(LawError::NoLossModel)?;
        if !target.is_finite() {
            return Err(LawError::InvalidInput {
                what: crate::law::Input::TargetLoss,
                value: target,
            });
        }
        if target <= model.floor() {
            return Err(LawError::LossUnreachable {
                floor: model.floor(),
            });
        }
        match (&self.frontier, model) {
            (Frontier::LossOptimal(f), LossModel::Parametric(p)) if f == p => {
                p.flops_for_loss(target)
            }
            _ => self.flops_for_loss_by_bisection(target),
        }
    }

    /// Target loss → the smallest budget and its (N, D).
    pub fn allocation_for_loss(&self, target: f64) -> Result<Allocation, LawError> {
        let flops = self.flops_for_loss(target)?;
        self.allocate(flops)
    }

    /// Judges any (N, D) under this law's loss: its penalty against the optimum at the same
    /// C = 6ND, and the compute C' at which the optimum reaches the same loss.
    pub fn compare(&self, n_params: f64, n_tokens: f64) -> Result<Comparison, LawError> {
        positive(crate::law::Input::ParameterCount, n_params)?;
        positive(crate::law::Input::TokenCount, n_tokens)?;
        let flops = in_range(6.0 * n_params * n_tokens)?;
        let loss = self.loss(n_params, n_tokens)?;
        let optimum = self.allocate(flops)?;
        let optimal_loss = self.predicted_loss(&optimum)?;
        let equivalent_flops = self.flops_for_loss(loss)?;
        Ok(Comparison {
            allocation: Allocation {
                flops,
                n_params,
                n_tokens,
            },
            loss,
            optimum,
            optimal_loss,
            equivalent_flops,
        })
    }

    /// Bisection on ln C in [ln 1, ln 1e60] for loss(allocate(C)) = target. The frontier's N
    /// and D both grow with C (0 < a < 1 is checked) and every loss model falls in N and D, so
    /// the loss along it is monotone.
    pub(crate) fn flops_for_loss_by_bisection(&self, target: f64) -> Result<f64, LawError> {
        self.frontier.check()?;
        let loss_at = |ln_c: f64| -> Result<f64, LawError> {
            let a = self.allocate(ln_c.exp())?;
            self.predicted_loss(&a)
        };
        let (mut lo, mut hi) = (0.0_f64, 60.0 * std::f64::consts::LN_10);
        if loss_at(lo)? < target {
            // Even a 1-FLOP budget does better than the target.
            return Err(LawError::OutOfRange);
        }
        if loss_at(hi)? > target {
            return Err(LawError::OutOfRange);
        }
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if loss_at(mid)? > target {
                lo = mid;
            } else {
                hi = mid;
            }
            if hi - lo < 1e-13 {
                break;
            }
        }
        in_range((0.5 * (lo + hi)).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Second method: bisection along the frontier agrees with the closed-form inverse of
    /// L*(C) = E + K·(C/6)^(−γ) for every parametric preset.
    #[test]
    fn closed_form_and_bisection_agree() {
        for law in [
            Law::chinchilla_approach3(),
            Law::chinchilla_approach3_tex(),
            Law::epoch2024(),
        ] {
            for target in [1.95, 2.1, 2.5, 3.0] {
                let closed = law.flops_for_loss(target).unwrap();
                let bisected = law.flops_for_loss_by_bisection(target).unwrap();
                assert!(
                    ((closed - bisected) / closed).abs() < 1e-9,
                    "{} at {target}: {closed:e} vs {bisected:e}",
                    law.id
                );
            }
        }
    }

    /// The closed form really is the minimum: at 1e22 FLOPs, moving N by ±5 % along
    /// C = 6ND raises the loss (a direct search around Eq. 4's answer).
    #[test]
    fn closed_form_optimum_is_a_minimum() {
        let law = Law::chinchilla_approach3();
        let c = 1e22;
        let opt = law.allocate(c).unwrap();
        let best = law.predicted_loss(&opt).unwrap();
        for factor in [0.95, 0.99, 1.01, 1.05] {
            let n = opt.n_params * factor;
            assert!(law.loss(n, c / (6.0 * n)).unwrap() > best, "{factor}");
        }
    }
}
