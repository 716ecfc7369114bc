//! What a usable configuration is: every number finite and in its range, every id known.
//! `decode` only ever returns configurations that pass [`Config::validate`].

use std::fmt;

use super::config::Config;
use crate::law::{preset_by_id, LawId};

/// Why a configuration is not usable: the field at fault, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid(pub &'static str);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}", self.0)
    }
}

impl std::error::Error for Invalid {}

impl Config {
    /// `Ok(())` if every field is usable: budgets, counts, days, the anchor, k and the target
    /// loss finite and positive; MFU in (0, 1]; ≥ 1 device; a price
    /// finite and ≥ 0; the anchor's exponents in (0, 1); the laws non-empty, known and without
    /// repeats (`fit` only with a fit); the judge a law with a loss model; the optional token
    /// counts finite and positive; a fit with finite E ≥ 0 and positive A, B, α, β, δ; the
    /// model shape's inputs usable ([`super::ShapeConfig::is_usable`]).
    pub fn validate(&self) -> Result<(), Invalid> {
        let hw = &self.hardware;
        check(positive(self.flops), "flops")?;
        check(hw.count >= 1, "device count")?;
        check(positive(hw.days), "days")?;
        check(positive(hw.mfu) && hw.mfu <= 1.0, "MFU")?;
        check(hw.price.is_none_or(|p| p.is_finite() && p >= 0.0), "price")?;
        check(positive(self.n_params), "model size")?;
        let anchor = &self.anchor;
        check(positive(anchor.n0) && positive(anchor.d0), "anchor run")?;
        check(fraction(anchor.a) && fraction(anchor.b), "anchor exponents")?;
        check(positive(self.multiplier), "compute multiplier")?;
        check(positive(self.target_loss), "target loss")?;
        check(
            self.inference_tokens.is_none_or(positive),
            "inference tokens",
        )?;
        check(self.unique_tokens.is_none_or(positive), "unique tokens")?;
        check(self.fit.as_ref().is_none_or(|f| f.is_usable()), "fit")?;
        let has_fit = self.fit.is_some();
        check(!self.laws.is_empty(), "laws")?;
        for (i, id) in self.laws.iter().enumerate() {
            check(is_known_law(*id, has_fit), "laws")?;
            check(!self.laws[..i].contains(id), "laws")?;
        }
        check(is_loss_law(self.judge, has_fit), "judge")?;
        check(self.shape.is_usable(), "model shape")
    }

    /// Whether [`Config::validate`] accepts the configuration.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.validate().is_ok()
    }
}

/// A preset, or `fit` when there is a fit.
#[must_use]
pub fn is_known_law(id: LawId, has_fit: bool) -> bool {
    (id == LawId::Fit && has_fit) || preset_by_id(id).is_some()
}

/// A law that predicts loss: a preset with a loss model, or `fit` when there is a fit.
#[must_use]
pub fn is_loss_law(id: LawId, has_fit: bool) -> bool {
    (id == LawId::Fit && has_fit) || preset_by_id(id).is_some_and(|law| law.loss_model.is_some())
}

fn check(ok: bool, field: &'static str) -> Result<(), Invalid> {
    if ok {
        Ok(())
    } else {
        Err(Invalid(field))
    }
}

pub(crate) fn positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

pub(crate) fn fraction(x: f64) -> bool {
    x > 0.0 && x < 1.0
}
