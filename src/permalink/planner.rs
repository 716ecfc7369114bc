//! The sweep planner's part of the configuration and its link form: the target, what the sweep
//! spends, the prior law, and the design's numbers as typed. Each is kept within its range
//! here; whether they make a design that can be fitted (two budgets, three sizes, a width above
//! 1, sizes around the minimum) is the planner's to say (`fit::design::DesignError`), beside
//! the field, so a link keeps what its sender typed.

use super::decode::{in_limits, plain_number, reason, whole_in, Reader, Reason};
use super::text::{keys, number};
use super::validate::is_parametric_law;
use crate::law::limits::{self, Limits};
use crate::law::quantity::parse_flops;
use crate::law::LawId;

/// The prior law when the link names none: Epoch AI's refit of Chinchilla.
pub const DEFAULT_PLAN_LAW: LawId = LawId::Epoch2024;

/// The sweep planner's inputs; `None` is the planner's default (or, for the sizes and the
/// width, the design the simulations choose).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanConfig {
    /// The budget to extrapolate to; `None` for the page's first answered budget.
    pub target: Option<f64>,
    /// What the whole sweep spends; `None` for 1 % of the target.
    pub spend: Option<f64>,
    /// The prior law (a law with E + A/N^α + B/D^β, or `fit`).
    pub law: LawId,
    /// Budgets; `None` for 5.
    pub budgets: Option<u64>,
    /// The factor between budgets; `None` for 4.
    pub spacing: Option<f64>,
    /// Sizes per budget; `None` to let the simulations choose.
    pub sizes: Option<u64>,
    /// ×k either side of N_opt; `None` to let the simulations choose.
    pub width: Option<f64>,
    /// The centre as a multiple of N_opt; `None` for 1.
    pub offset: Option<f64>,
    /// Noise on each loss in per cent; `None` for 0.5.
    pub noise_percent: Option<f64>,
    /// Simulated sweeps per design; `None` for 200.
    pub simulations: Option<u64>,
}

impl Default for PlanConfig {
    fn default() -> Self {
        PlanConfig {
            target: None,
            spend: None,
            law: DEFAULT_PLAN_LAW,
            budgets: None,
            spacing: None,
            sizes: None,
            width: None,
            offset: None,
            noise_percent: None,
            simulations: None,
        }
    }
}

impl PlanConfig {
    /// Whether every value set is within its range and the law is one with a loss to simulate.
    #[must_use]
    pub fn is_usable(&self, has_fit: bool) -> bool {
        let within = |x: Option<f64>, l: Limits| x.is_none_or(|x| l.contains(x));
        let whole = |x: Option<u64>, l: Limits| x.is_none_or(|x| l.contains(x as f64));
        is_parametric_law(self.law, has_fit)
            && within(self.target, limits::FLOPS)
            && within(self.spend, limits::FLOPS)
            && whole(self.budgets, limits::SWEEP_BUDGETS)
            && within(self.spacing, limits::SWEEP_SPACING)
            && whole(self.sizes, limits::SWEEP_SIZES)
            && within(self.width, limits::SWEEP_WIDTH)
            && within(self.offset, limits::SWEEP_OFFSET)
            && within(self.noise_percent, limits::SWEEP_NOISE_PERCENT)
            && whole(self.simulations, limits::SWEEP_SIMULATIONS)
    }

    /// Whether any input differs from the defaults (the link then asks for the section at once).
    #[must_use]
    pub fn is_set(&self) -> bool {
        *self != PlanConfig::default()
    }
}

/// Reads the planner's keys into `plan`, each forgivingly: budgets in FLOPs as the page's
/// budget is read, the law by id, the rest as plain numbers within their ranges (whole numbers
/// as digits).
pub(super) fn decode(r: &mut Reader, plan: &mut PlanConfig, has_fit: bool) {
    for (key, slot) in [
        (keys::PLAN_TARGET, &mut plan.target),
        (keys::PLAN_SPEND, &mut plan.spend),
    ] {
        r.set(slot, key, |s| {
            in_limits(parse_flops(s).map_err(reason), limits::FLOPS).map(Some)
        });
    }
    r.set(&mut plan.law, keys::PLAN_LAW, |s| match LawId::parse(s) {
        Some(id) if is_parametric_law(id, has_fit) => Ok(id),
        Some(LawId::Fit) => Err(Reason::NoFit),
        Some(_) => Err(Reason::NotParametric),
        None => Err(Reason::UnknownLaw),
    });
    for (key, slot, within) in [
        (keys::PLAN_BUDGETS, &mut plan.budgets, limits::SWEEP_BUDGETS),
        (keys::PLAN_SIZES, &mut plan.sizes, limits::SWEEP_SIZES),
        (
            keys::PLAN_SIMULATIONS,
            &mut plan.simulations,
            limits::SWEEP_SIMULATIONS,
        ),
    ] {
        r.set(slot, key, |s| whole_in(s, within).map(Some));
    }
    for (key, slot, within) in [
        (keys::PLAN_SPACING, &mut plan.spacing, limits::SWEEP_SPACING),
        (keys::PLAN_WIDTH, &mut plan.width, limits::SWEEP_WIDTH),
        (keys::PLAN_OFFSET, &mut plan.offset, limits::SWEEP_OFFSET),
        (
            keys::PLAN_NOISE,
            &mut plan.noise_percent,
            limits::SWEEP_NOISE_PERCENT,
        ),
    ] {
        r.set(slot, key, |s| in_limits(plain_number(s), within).map(Some));
    }
}

/// The planner's keys that differ from the defaults.
pub(super) fn encode(plan: &PlanConfig, pairs: &mut Vec<(&'static str, String)>) {
    let numbers = [
        (keys::PLAN_TARGET, plan.target),
        (keys::PLAN_SPEND, plan.spend),
    ];
    for (key, value) in numbers {
        if let Some(x) = value {
            pairs.push((key, number(x)));
        }
    }
    if plan.law != DEFAULT_PLAN_LAW {
        pairs.push((keys::PLAN_LAW, plan.law.as_str().to_string()));
    }
    // Whole numbers as digits (`psims=1000`, not `1e3`), the rest as the shortest number.
    let rest = [
        (keys::PLAN_BUDGETS, plan.budgets.map(|b| b.to_string())),
        (keys::PLAN_SPACING, plan.spacing.map(number)),
        (keys::PLAN_SIZES, plan.sizes.map(|s| s.to_string())),
        (keys::PLAN_WIDTH, plan.width.map(number)),
        (keys::PLAN_OFFSET, plan.offset.map(number)),
        (keys::PLAN_NOISE, plan.noise_percent.map(number)),
        (
            keys::PLAN_SIMULATIONS,
            plan.simulations.map(|m| m.to_string()),
        ),
    ];
    for (key, value) in rest {
        if let Some(text) = value {
            pairs.push((key, text));
        }
    }
}
