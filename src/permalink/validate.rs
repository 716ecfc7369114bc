//! What a usable configuration is: every number finite and in its range, every id known.
//! `decode` only ever returns configurations that pass [`Config::validate`].

use std::fmt;

use super::config::Config;
use crate::law::limits;
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
    /// `Ok(())` if every field is usable: budgets, counts, days, the anchor, k, the target
    /// loss, the price and the token counts within their accepted ranges (`law::limits`); MFU in (0, 1]; ≥ 1 device; a price
    /// finite and ≥ 0; the anchor's exponents in (0, 1); the laws non-empty, known and without
    /// repeats (`fit` only with a fit); the judge a law with a loss model; the optional token
    /// counts finite and positive; a fit with finite E ≥ 0 and positive A, B, α, β, δ; fixed
    /// coefficients the fit layer accepts; a flat-optimum tolerance in (0, 100] %; the
    /// model shape's inputs usable ([`super::ShapeConfig::is_usable`]); the training recipe's
    /// too ([`super::RecipeConfig::is_usable`]), and the sweep planner's
    /// ([`super::PlanConfig::is_usable`]).
    pub fn validate(&self) -> Result<(), Invalid> {
        let hw = &self.hardware;
        check(limits::FLOPS.contains(self.flops), "flops")?;
        check(limits::DEVICES.contains(hw.count as f64), "device count")?;
        check(limits::DAYS.contains(hw.days), "days")?;
        check(positive(hw.mfu) && hw.mfu <= 1.0, "MFU")?;
        check(hw.price.is_none_or(|p| limits::PRICE.contains(p)), "price")?;
        check(limits::PARAMS.contains(self.n_params), "model size")?;
        let anchor = &self.anchor;
        check(
            limits::PARAMS.contains(anchor.n0) && limits::TOKENS.contains(anchor.d0),
            "anchor run",
        )?;
        check(fraction(anchor.a) && fraction(anchor.b), "anchor exponents")?;
        check(
            limits::MULTIPLIER.contains(self.multiplier),
            "compute multiplier",
        )?;
        check(limits::LOSS.contains(self.target_loss), "target loss")?;
        check(
            self.inference_tokens
                .is_none_or(|x| limits::INFERENCE_TOKENS.contains(x)),
            "inference tokens",
        )?;
        check(
            self.unique_tokens
                .is_none_or(|x| limits::UNIQUE_TOKENS.contains(x)),
            "unique tokens",
        )?;
        check(self.fit.as_ref().is_none_or(|f| f.is_usable()), "fit")?;
        check(
            self.sweep_fit.as_ref().is_none_or(|f| f.is_usable()),
            "sweep fit",
        )?;
        check(self.fixed.check().is_ok(), "fixed coefficients")?;
        check(
            self.flat_percent.is_finite()
                && self.flat_percent > 0.0
                && self.flat_percent <= 100.0 * crate::law::flat::MAX_FLAT_TOLERANCE,
            "flat-optimum tolerance",
        )?;
        let has_fit = self.fit.is_some();
        check(!self.laws.is_empty(), "laws")?;
        for (i, id) in self.laws.iter().enumerate() {
            let known = if *id == LawId::SweepFit {
                self.sweep_fit.is_some()
            } else {
                is_known_law(*id, has_fit)
            };
            check(known, "laws")?;
            check(!self.laws[..i].contains(id), "laws")?;
        }
        check(is_loss_law(self.judge, has_fit), "judge")?;
        let r = &self.reconcile;
        check(is_parametric_law(r.law, has_fit), "reconciliation law")?;
        check(
            positive(r.vocab) && positive(r.aspect),
            "vocabulary or aspect ratio",
        )?;
        check(self.shape.is_usable(), "model shape")?;
        check(self.recipe.is_usable(), "training recipe")?;
        check(self.planner.is_usable(has_fit), "sweep planner")
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

/// A law whose loss is E + A/N^α + B/D^β: a preset of that form, or `fit` when there is a fit.
#[must_use]
pub fn is_parametric_law(id: LawId, has_fit: bool) -> bool {
    (id == LawId::Fit && has_fit) || preset_by_id(id).is_some_and(|law| law.loss_params().is_some())
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
