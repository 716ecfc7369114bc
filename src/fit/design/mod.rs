//! Planning an IsoFLOP sweep before any run: where its budgets and model sizes go under a prior
//! law, what it costs, and (`simulate`) how far Approaches 2 and 3 fitted to it will land from
//! that law's N_opt and D_opt at the budget the sweep is meant to extrapolate to.
//!
//! A design is `budgets` IsoFLOP budgets spaced by a factor `spacing`, the largest set so that
//! the whole sweep spends `sweep_flops`, each with `sizes` model sizes spread evenly in ln N over
//! ×`width` either side of the prior law's N_opt at that budget (Hoffmann et al. 2022, Eq. 4),
//! times `offset` (1 centres them on it), every run at C = 6ND.

pub mod explore;
pub mod simulate;

use crate::fit::runs::Run;
use crate::i18n::{sweep as cat, Lang};
use crate::law::loss::LossParams;

/// Defaults: five budgets ×4 apart, seven sizes over ×4 either way, centred.
pub const DEFAULT_BUDGETS: usize = 5;
/// The default factor between consecutive budgets.
pub const DEFAULT_SPACING: f64 = 4.0;
/// The default number of model sizes per budget.
pub const DEFAULT_SIZES: usize = 7;
/// The default width: the sizes reach ×4 either side of N_opt.
pub const DEFAULT_WIDTH: f64 = 4.0;
/// The default share of the target budget a sweep spends when the reader names none.
pub const DEFAULT_SWEEP_SHARE: f64 = 0.01;
/// The most budgets, sizes per budget and runs a design may have (a plan, not a cluster).
pub const MAX_BUDGETS: usize = 20;
/// The most model sizes per budget.
pub const MAX_SIZES: usize = 30;
/// The widest width: ×100 either way is already four decades of model size at one budget.
pub const MAX_WIDTH: f64 = 100.0;

/// The inputs of a sweep design, as numbers (read from the page's fields or the command line).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SweepDesign {
    /// The budget the sweep is meant to extrapolate to (FLOPs).
    pub target: f64,
    /// The compute the whole sweep spends (FLOPs).
    pub sweep_flops: f64,
    /// The number of IsoFLOP budgets.
    pub budgets: usize,
    /// The factor between consecutive budgets (> 1).
    pub spacing: f64,
    /// Model sizes per budget.
    pub sizes: usize,
    /// The sizes reach ×`width` either side of the centre (> 1).
    pub width: f64,
    /// The centre is the prior law's N_opt times `offset` (1 = centred).
    pub offset: f64,
}

/// One planned run.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PlannedRun {
    /// Its budget C = 6ND (FLOPs).
    pub flops: f64,
    /// Parameters N.
    pub n_params: f64,
    /// Tokens D = C/(6N).
    pub n_tokens: f64,
}

/// An input of a design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DesignField {
    Target,
    SweepFlops,
    Budgets,
    Spacing,
    Sizes,
    Width,
    Offset,
    Noise,
    Simulations,
    Law,
}

/// Why a design cannot be planned or fitted: the field, and what it accepts.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum DesignError {
    /// A number that must be positive and finite is not.
    NotPositive { field: DesignField },
    /// Fewer than two budgets: one IsoFLOP curve measures nothing of how N_opt grows with C.
    OneBudget,
    /// Too many budgets.
    TooManyBudgets,
    /// Fewer than three sizes: a parabola needs three.
    TooFewSizes,
    /// Too many sizes.
    TooManySizes,
    /// The width is at most 1 (every size the same) or above [`MAX_WIDTH`].
    Width,
    /// The spacing is at most 1: the budgets would not grow.
    Spacing,
    /// The offset puts every size on one side of every budget's expected minimum.
    OneSided,
    /// The noise is negative or 20 % or more.
    Noise,
    /// The number of simulations is outside 10–2000.
    Simulations,
    /// The prior law has no loss of the form E + A/N^α + B/D^β to simulate, or bad coefficients.
    Law,
    /// The largest budget would exceed the target: there is nothing to extrapolate to.
    TargetBelowSweep { top: f64 },
}

/// Simulations accepted.
pub const SIMULATIONS: (usize, usize) = (10, 2000);
/// The default number of simulated sweeps.
pub const DEFAULT_SIMULATIONS: usize = 200;
/// The largest relative noise accepted.
pub const MAX_NOISE: f64 = 0.2;

impl DesignError {
    /// The field at fault.
    #[must_use]
    pub fn field(&self) -> DesignField {
        match *self {
            DesignError::NotPositive { field } => field,
            DesignError::OneBudget | DesignError::TooManyBudgets => DesignField::Budgets,
            DesignError::TooFewSizes | DesignError::TooManySizes => DesignField::Sizes,
            DesignError::Width => DesignField::Width,
            DesignError::Spacing => DesignField::Spacing,
            DesignError::OneSided => DesignField::Offset,
            DesignError::Noise => DesignField::Noise,
            DesignError::Simulations => DesignField::Simulations,
            DesignError::Law => DesignField::Law,
            DesignError::TargetBelowSweep { .. } => DesignField::Target,
        }
    }

    /// The reason in `lang` (the command line's English for `Lang::En`).
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match *self {
            DesignError::NotPositive { field } => cat::not_positive(lang, &field_name(field, lang)),
            DesignError::OneBudget => cat::one_budget(lang).to_string(),
            DesignError::TooManyBudgets => cat::too_many_budgets(lang, &MAX_BUDGETS),
            DesignError::TooFewSizes => cat::too_few_sizes(lang).to_string(),
            DesignError::TooManySizes => cat::too_many_sizes(lang, &MAX_SIZES),
            DesignError::Width => cat::width(lang, &MAX_WIDTH),
            DesignError::Spacing => cat::spacing(lang).to_string(),
            DesignError::OneSided => cat::one_sided(lang).to_string(),
            DesignError::Noise => cat::noise(lang, &(MAX_NOISE * 100.0)),
            DesignError::Simulations => cat::simulations(lang, &SIMULATIONS.0, &SIMULATIONS.1),
            DesignError::Law => cat::law(lang).to_string(),
            DesignError::TargetBelowSweep { top } => {
                cat::target_below_sweep(lang, &format!("{top:.3e}"))
            }
        }
    }
}

impl std::fmt::Display for DesignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// The field's name in `lang`.
#[must_use]
pub fn field_name(field: DesignField, lang: Lang) -> String {
    match field {
        DesignField::Target => cat::field_target(lang),
        DesignField::SweepFlops => cat::field_sweep_flops(lang),
        DesignField::Budgets => cat::field_budgets(lang),
        DesignField::Spacing => cat::field_spacing(lang),
        DesignField::Sizes => cat::field_sizes(lang),
        DesignField::Width => cat::field_width(lang),
        DesignField::Offset => cat::field_offset(lang),
        DesignField::Noise => cat::field_noise(lang),
        DesignField::Simulations => cat::field_simulations(lang),
        DesignField::Law => cat::field_law(lang),
    }
    .to_string()
}

fn positive(x: f64, field: DesignField) -> Result<(), DesignError> {
    if x.is_finite() && x > 0.0 {
        Ok(())
    } else {
        Err(DesignError::NotPositive { field })
    }
}

impl SweepDesign {
    /// The design with the defaults around `target`: 1 % of it spent on the sweep, five
    /// budgets ×4 apart, seven sizes over ×4 either way, centred.
    #[must_use]
    pub fn around(target: f64) -> Self {
        SweepDesign {
            target,
            sweep_flops: target * DEFAULT_SWEEP_SHARE,
            budgets: DEFAULT_BUDGETS,
            spacing: DEFAULT_SPACING,
            sizes: DEFAULT_SIZES,
            width: DEFAULT_WIDTH,
            offset: 1.0,
        }
    }

    /// Every problem with the design's own numbers (not the law's), in field order.
    #[must_use]
    pub fn problems(&self) -> Vec<DesignError> {
        let mut out = Vec::new();
        let mut push = |r: Result<(), DesignError>| {
            if let Err(e) = r {
                out.push(e);
            }
        };
        push(positive(self.target, DesignField::Target));
        push(positive(self.sweep_flops, DesignField::SweepFlops));
        push(match self.budgets {
            0 | 1 => Err(DesignError::OneBudget),
            b if b > MAX_BUDGETS => Err(DesignError::TooManyBudgets),
            _ => Ok(()),
        });
        push(if self.spacing.is_finite() && self.spacing > 1.0 {
            Ok(())
        } else {
            Err(DesignError::Spacing)
        });
        push(match self.sizes {
            0..=2 => Err(DesignError::TooFewSizes),
            s if s > MAX_SIZES => Err(DesignError::TooManySizes),
            _ => Ok(()),
        });
        push(
            if self.width.is_finite() && self.width > 1.0 && self.width <= MAX_WIDTH {
                Ok(())
            } else {
                Err(DesignError::Width)
            },
        );
        push(positive(self.offset, DesignField::Offset));
        // Sizes on one side of every minimum: the smallest at or above N_opt, or the largest
        // at or below it (1.001 leaves room for rounding).
        if self.offset.is_finite()
            && self.offset > 0.0
            && self.width > 1.0
            && (self.offset / self.width >= 1.0 / 1.001 || self.offset * self.width <= 1.001)
        {
            push(Err(DesignError::OneSided));
        }
        if out.is_empty() {
            let top = self.budget_list()[self.budgets - 1];
            if top > self.target {
                out.push(DesignError::TargetBelowSweep { top });
            }
        }
        out
    }

    /// The budgets, smallest first: ×`spacing` apart, the largest set so that `sizes` runs at
    /// each add up to `sweep_flops`.
    #[must_use]
    pub fn budget_list(&self) -> Vec<f64> {
        let b = self.budgets.max(1);
        let sum: f64 = (0..b).map(|i| self.spacing.powi(-(i as i32))).sum();
        let top = self.sweep_flops / (self.sizes.max(1) as f64 * sum);
        (0..b)
            .map(|i| top * self.spacing.powi(i as i32 - (b as i32 - 1)))
            .collect()
    }

    /// The runs, budget by budget, smallest model first, under `law`'s N_opt; refused with
    /// every problem of the design or the law.
    pub fn runs(&self, law: &LossParams) -> Result<Vec<PlannedRun>, Vec<DesignError>> {
        let mut problems = self.problems();
        if law.check().is_err() {
            problems.push(DesignError::Law);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let s = self.sizes;
        let mut runs = Vec::with_capacity(self.budgets * s);
        for c in self.budget_list() {
            let centre = law.optimal(c).0 * self.offset;
            for j in 0..s {
                let u = 2.0 * j as f64 / (s - 1) as f64 - 1.0;
                let n = centre * self.width.powf(u);
                runs.push(PlannedRun {
                    flops: c,
                    n_params: n,
                    n_tokens: c / (6.0 * n),
                });
            }
        }
        Ok(runs)
    }
}

/// Each budget's C and model sizes, as [`crate::fit::parabola_bias`] takes a design.
#[must_use]
pub fn design_of(runs: &[PlannedRun]) -> Vec<(f64, Vec<f64>)> {
    let mut out: Vec<(f64, Vec<f64>)> = Vec::new();
    for r in runs {
        match out.last_mut() {
            Some((c, sizes)) if *c == r.flops => sizes.push(r.n_params),
            _ => out.push((r.flops, vec![r.n_params])),
        }
    }
    out
}

/// The runs as fit-panel runs with `losses` (one per run), numbered from line 2 as a file's.
#[must_use]
pub fn as_runs(planned: &[PlannedRun], losses: &[f64]) -> Vec<Run> {
    planned
        .iter()
        .zip(losses)
        .enumerate()
        .map(|(i, (p, &loss))| Run {
            line: i + 2,
            n_params: p.n_params,
            n_tokens: p.n_tokens,
            flops: p.flops,
            loss,
            budget: Some(p.flops),
        })
        .collect()
}

/// The total compute of `runs` (FLOPs).
#[must_use]
pub fn total_flops(runs: &[PlannedRun]) -> f64 {
    runs.iter().map(|r| r.flops).sum()
}

/// The runs as CSV with the columns the fit panel reads (`budget,params,tokens,flops,loss`),
/// the loss left empty to be filled in; numbers to 6 significant digits, which the reader groups
/// by budget exactly.
#[must_use]
pub fn to_csv(runs: &[PlannedRun]) -> String {
    let mut out = String::from("budget,params,tokens,flops,loss\n");
    for r in runs {
        out.push_str(&format!(
            "{:.5e},{:.5e},{:.5e},{:.5e},\n",
            r.flops, r.n_params, r.n_tokens, r.flops
        ));
    }
    out
}

#[cfg(test)]
mod tests;
