//! Fixed or tied coefficients for Approach 3 on small sweeps: hold α, β or E at a value, or tie
//! α = β, and fit the rest.
//!
//! A sweep of a few dozen runs often cannot separate all five coefficients of
//! L = E + A/N^α + B/D^β (Besiroglu et al. 2024 show how wide the intervals are even on 240
//! runs). Fixing E or an exponent to a published value, or tying α = β as Muennighoff et al.
//! 2023 do (their fit has α = β = 0.353), removes the unidentified directions. The optimiser
//! then works on the free coordinates only: θ = `expand(p)` and ∂f/∂p = `reduce_gradient(∂f/∂θ)`.

use crate::fit::numerics::objective::Theta;
use crate::fit::FitError;

/// Which coefficients are held fixed or tied; the default holds none.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Constraints {
    /// α held at this value.
    pub alpha: Option<f64>,
    /// β held at this value.
    pub beta: Option<f64>,
    /// E held at this value (0 allowed: no irreducible term).
    pub e: Option<f64>,
    /// α = β.
    pub tie: bool,
}

impl Constraints {
    /// No coefficient held: the five-parameter fit of Hoffmann et al. 2022.
    pub const FREE: Constraints = Constraints {
        alpha: None,
        beta: None,
        e: None,
        tie: false,
    };

    /// True when nothing is fixed or tied.
    #[must_use]
    pub fn is_free(&self) -> bool {
        *self == Self::FREE
    }

    /// `Ok` if the fixed values make a law (α, β finite and positive, E finite and ≥ 0) and a
    /// tie does not contradict two different fixed exponents.
    pub fn check(&self) -> Result<(), FitError> {
        for (name, value) in [("α", self.alpha), ("β", self.beta)] {
            if let Some(v) = value {
                if !(v.is_finite() && v > 0.0) {
                    return Err(FitError::InvalidOption(format!(
                        "a fixed {name} must be a positive number (got {v})"
                    )));
                }
            }
        }
        if let Some(e) = self.e {
            if !(e.is_finite() && e >= 0.0) {
                return Err(FitError::InvalidOption(format!(
                    "a fixed E must be a number ≥ 0 (got {e})"
                )));
            }
        }
        if let (true, Some(a), Some(b)) = (self.tie, self.alpha, self.beta) {
            if a != b {
                return Err(FitError::InvalidOption(format!(
                    "α = β cannot hold with α fixed at {a} and β at {b}"
                )));
            }
        }
        Ok(())
    }

    /// α's fixed value, directly or through the tie.
    #[must_use]
    pub fn fixed_alpha(&self) -> Option<f64> {
        self.alpha.or(if self.tie { self.beta } else { None })
    }

    /// β's fixed value, directly or through the tie.
    #[must_use]
    pub fn fixed_beta(&self) -> Option<f64> {
        self.beta.or(if self.tie { self.alpha } else { None })
    }

    /// ln E when E is fixed (−∞ for E = 0, which the objective reads as no E term).
    fn ln_e(&self) -> Option<f64> {
        self.e.map(f64::ln)
    }

    /// The number of coordinates the optimiser moves.
    #[must_use]
    pub fn free_count(&self) -> usize {
        let exponents = match (self.fixed_alpha(), self.fixed_beta()) {
            (Some(_), Some(_)) => 0,
            (None, None) if self.tie => 1,
            (None, None) => 2,
            _ => 1,
        };
        2 + usize::from(self.e.is_none()) + exponents
    }

    /// The free coordinates of θ = `[ln A, ln B, ln E, α, β]`, in that order (a tied exponent
    /// once, as α).
    #[must_use]
    pub fn reduce(&self, theta: &Theta) -> Vec<f64> {
        let mut p = vec![theta[0], theta[1]];
        if self.e.is_none() {
            p.push(theta[2]);
        }
        if self.fixed_alpha().is_none() {
            p.push(theta[3]);
        }
        if self.fixed_beta().is_none() && !self.tie {
            p.push(theta[4]);
        }
        p
    }

    /// θ from the free coordinates `p` (see [`Constraints::reduce`]); `None` if `p` has the
    /// wrong length.
    #[must_use]
    pub fn expand(&self, p: &[f64]) -> Option<Theta> {
        if p.len() != self.free_count() {
            return None;
        }
        let mut it = p.iter().copied();
        let a = it.next()?;
        let b = it.next()?;
        let e = match self.ln_e() {
            Some(v) => v,
            None => it.next()?,
        };
        let alpha = match self.fixed_alpha() {
            Some(v) => v,
            None => it.next()?,
        };
        let beta = match self.fixed_beta() {
            Some(v) => v,
            None if self.tie => alpha,
            None => it.next()?,
        };
        Some([a, b, e, alpha, beta])
    }

    /// θ with the constraints imposed (free coordinates kept, fixed ones set, β = α when tied).
    #[must_use]
    pub fn project(&self, theta: &Theta) -> Theta {
        self.expand(&self.reduce(theta)).unwrap_or(*theta)
    }

    /// ∂f/∂p from ∂f/∂θ: fixed coordinates dropped, a tied exponent's two partials summed.
    #[must_use]
    pub fn reduce_gradient(&self, g: &Theta) -> Vec<f64> {
        let mut out = vec![g[0], g[1]];
        if self.e.is_none() {
            out.push(g[2]);
        }
        match (self.fixed_alpha(), self.fixed_beta()) {
            (None, None) if self.tie => out.push(g[3] + g[4]),
            (None, None) => {
                out.push(g[3]);
                out.push(g[4]);
            }
            (None, Some(_)) => out.push(g[3]),
            (Some(_), None) => out.push(g[4]),
            (Some(_), Some(_)) => {}
        }
        out
    }

    /// What is held, in words ("α = β", "E = 1.69, α = 0.34"), or "none".
    #[must_use]
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(e) = self.e {
            parts.push(format!("E = {e}"));
        }
        if let Some(a) = self.alpha {
            parts.push(format!("α = {a}"));
        }
        if let Some(b) = self.beta {
            parts.push(format!("β = {b}"));
        }
        if self.tie {
            parts.push("α = β".to_string());
        }
        if parts.is_empty() {
            "none".to_string()
        } else {
            parts.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduce_and_expand_are_inverse_and_gradients_follow_the_chain_rule() {
        let theta = [6.0, 7.0, 0.5, 0.34, 0.28];
        let cases = [
            (Constraints::FREE, 5),
            (
                Constraints {
                    tie: true,
                    ..Constraints::FREE
                },
                4,
            ),
            (
                Constraints {
                    alpha: Some(0.34),
                    e: Some(1.69),
                    ..Constraints::FREE
                },
                3,
            ),
            (
                Constraints {
                    beta: Some(0.3),
                    tie: true,
                    ..Constraints::FREE
                },
                3,
            ),
        ];
        for (c, k) in cases {
            assert_eq!(c.free_count(), k, "{c:?}");
            let p = c.reduce(&theta);
            assert_eq!(p.len(), k);
            let t = c.expand(&p).unwrap();
            assert_eq!(c.reduce(&t), p);
            assert_eq!(c.project(&t), t);
        }
        // Tied: θ = (…, s, s), so ∂f/∂s = ∂f/∂α + ∂f/∂β.
        let tied = Constraints {
            tie: true,
            ..Constraints::FREE
        };
        assert_eq!(
            tied.reduce_gradient(&[1.0, 2.0, 3.0, 4.0, 5.0]),
            vec![1.0, 2.0, 3.0, 9.0]
        );
        let t = tied.expand(&[6.0, 7.0, 0.5, 0.3]).unwrap();
        assert_eq!((t[3], t[4]), (0.3, 0.3));
    }

    #[test]
    fn bad_fixed_values_are_refused_with_the_reason() {
        let bad = [
            Constraints {
                alpha: Some(0.0),
                ..Constraints::FREE
            },
            Constraints {
                e: Some(-1.0),
                ..Constraints::FREE
            },
            Constraints {
                alpha: Some(0.3),
                beta: Some(0.4),
                tie: true,
                e: None,
            },
        ];
        for c in bad {
            assert!(
                matches!(c.check(), Err(FitError::InvalidOption(_))),
                "{c:?}"
            );
        }
        assert!(Constraints {
            e: Some(0.0),
            ..Constraints::FREE
        }
        .check()
        .is_ok());
    }
}
