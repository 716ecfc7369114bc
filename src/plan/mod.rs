//! One question (budget, hardware, model size, tokens, target loss, scale) → one answer per
//! law: allocation, loss, time and cost, the judge's verdict, the Kaplan-vs-Chinchilla
//! comparison, and the inference- and data-aware variants; and that answer as text (the page's
//! table, Markdown, CSV, the command line's table and JSON). Pure (no web types): the page and
//! the command line both ask [`answer`], native tests check it.

mod columns;
pub mod fit_bias;
pub mod fit_compare;
pub mod fit_rows;
pub mod flat;
mod json;
pub mod planner;
mod question;
pub mod recipe;
mod recipe_text;
pub mod shape;
pub mod shape_form;
pub mod shape_panel;
pub mod shape_words;
pub mod summary;
pub mod table;
mod table_forms;
mod text;
pub mod units;
pub mod why;

pub use crate::permalink::DEFAULT_CONVENTION;
pub use question::{
    config_fit_law, fit_law, law_choices, resolve_law, shown_laws, Given, Hardware, Question,
};
pub use shape::ShapeCost;
pub use text::text;

use std::fmt;

use crate::law::beyond::{
    data_constrained_optimal, inference_optimal, BeyondError, DataConstrainedAllocation,
    InferenceAllocation,
};
use crate::law::error::flops;
use crate::law::hardware::{Accelerator, Cluster, TrainingTime};
use crate::law::shape::TrueCost;
use crate::law::{Allocation, Comparison, Law, LawError, LawId, LossModel, LossParams};
use crate::permalink::Config;

/// The parametric coefficients of a law, if it has them (what the Sardana solver needs).
#[must_use]
pub fn loss_params(law: &Law) -> Option<LossParams> {
    law.loss_params()
}

/// Why a row has no inference-aware allocation.
#[derive(Debug, Clone, PartialEq)]
pub enum InferenceError {
    /// The law predicts no loss.
    NoLossModel,
    /// The law's loss is not of the form E + A/N^α + B/D^β (Kaplan's).
    NotParametric,
    /// The row's own question has no answer, so there is no loss to match.
    NoTarget,
    /// Sardana et al.'s solver refused (an unreachable loss, an overflow).
    Solver(BeyondError),
}

impl InferenceError {
    /// The reason in `lang` (a table cell).
    #[must_use]
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::errors;
        match self {
            InferenceError::NoLossModel => errors::inference_no_loss_model(lang).to_string(),
            InferenceError::NotParametric => errors::inference_not_parametric(lang).to_string(),
            InferenceError::NoTarget => errors::inference_no_target(lang).to_string(),
            InferenceError::Solver(e) => e.text(lang),
        }
    }
}

impl fmt::Display for InferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(crate::i18n::Lang::En))
    }
}

/// One law's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct RowValues {
    pub allocation: Allocation,
    /// The law's own predicted loss; `Err(NoLossModel)` when it has none.
    pub loss: Result<f64, LawError>,
    /// Device-hours and days on the question's hardware.
    pub time: Option<TrainingTime>,
    /// Cost at the question's price per device-hour.
    pub cost: Option<f64>,
    /// (N/N0, D/D0) when scaling a reference run.
    pub scale: Option<(f64, f64)>,
    /// This allocation judged by the judge law (extra loss, compute-equivalent waste).
    pub judged: Option<Comparison>,
    /// Epochs over the unique tokens available, when those are limited.
    pub epochs: Option<f64>,
    /// The model of the same loss with the fewest training plus inference FLOPs (Sardana et
    /// al. 2024), when inference tokens are set.
    pub inference: Option<Result<InferenceAllocation, InferenceError>>,
    /// With a shape: the tokens the row's compute buys at the shape's FLOPs per token.
    pub true_cost: Option<Result<TrueCost, LawError>>,
    /// Hardware mode with a shape: the days to train the shape on the row's tokens at the
    /// convention's FLOPs per token ([`shape`]).
    pub shape_days: Option<Result<f64, LawError>>,
    /// The N and D within the question's tolerance of the law's optimal loss at the row's
    /// compute ([`flat`]), when the question asks for it.
    pub flat: Option<Result<crate::law::flat::FlatRange, flat::FlatError>>,
}

/// A row of the results table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub law: Law,
    pub values: Result<RowValues, LawError>,
}

/// How Kaplan's choice compares with Chinchilla's at the same question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KaplanVsChinchilla {
    /// N_Kaplan / N_Chinchilla.
    pub params_ratio: f64,
    /// D_Kaplan / D_Chinchilla.
    pub tokens_ratio: f64,
}

/// Everything answered for a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The question answered.
    pub given: Given,
    /// The compute budget the question fixes (budget, hardware, scale).
    pub flops: Option<f64>,
    /// Why the budget could not be formed (hardware days with bad hardware), if so.
    pub budget_error: Option<LawError>,
    /// The hardware, when it is usable.
    pub hardware: Option<Hardware>,
    pub accelerator: Option<&'static Accelerator>,
    pub judge: Option<Law>,
    pub inference_tokens: Option<f64>,
    pub unique_tokens: Option<f64>,
    pub rows: Vec<Row>,
    pub kaplan_vs_chinchilla: Option<KaplanVsChinchilla>,
    /// Muennighoff et al.'s optimum at the budget with the unique tokens available.
    pub data_constrained: Option<Result<DataConstrainedAllocation, BeyondError>>,
    /// The question's model shape and FLOPs convention, if it set one.
    pub shape: Option<ShapeCost>,
    /// The flat-optimum column's relative tolerance, when the question asks for it.
    pub flat_tolerance: Option<f64>,
}

impl Plan {
    /// The row of law `id`, if shown and answered.
    #[must_use]
    pub fn values(&self, id: LawId) -> Option<&RowValues> {
        self.rows
            .iter()
            .find(|r| r.law.id == id)
            .and_then(|r| r.values.as_ref().ok())
    }

    /// Whether at least one law answered.
    #[must_use]
    pub fn any_answer(&self) -> bool {
        self.rows.iter().any(|r| r.values.is_ok())
    }
}

/// The question's cluster, if it has hardware and the hardware is usable.
fn cluster(hardware: Option<&Hardware>) -> Option<Result<Cluster, LawError>> {
    hardware.map(|hw| Cluster::new(hw.accelerator.peak_flops, hw.count, hw.mfu))
}

/// The budget the question fixes, if it fixes one.
fn budget(
    given: Given,
    cluster: Option<&Result<Cluster, LawError>>,
) -> Result<Option<f64>, LawError> {
    match given {
        Given::Budget(c) => flops(c).map(Some),
        Given::HardwareDays(days) => match cluster {
            Some(Ok(c)) => c.flops_in_days(days).map(Some),
            Some(Err(e)) => Err(e.clone()),
            None => Err(LawError::InvalidInput {
                what: crate::law::Input::Hardware,
                value: days,
            }),
        },
        Given::Scale { n0, d0, multiplier } => flops(6.0 * n0 * d0 * multiplier).map(Some),
        Given::Params(_) | Given::Tokens(_) | Given::Loss(_) => Ok(None),
    }
}

/// One law's allocation for the question.
fn allocate(law: &Law, given: Given, flops: Option<f64>) -> Result<Allocation, LawError> {
    match (given, flops) {
        (Given::Params(n), _) => law.allocation_for_params(n),
        (Given::Tokens(d), _) => law.allocation_for_tokens(d),
        (Given::Loss(target), _) => law.allocation_for_loss(target),
        (Given::Scale { n0, d0, multiplier }, _) => law.scale_run(n0, d0, multiplier),
        (Given::Budget(_) | Given::HardwareDays(_), Some(c)) => law.allocate(c),
        // `answer` gives every row the budget's own error before asking here.
        (Given::Budget(c) | Given::HardwareDays(c), None) => Err(LawError::InvalidFlops(c)),
    }
}

/// The inference-aware model of the same loss as the row: the question's target in loss mode,
/// else the loss the law predicts for its own allocation.
fn inference(
    law: &Law,
    given: Given,
    loss: &Result<f64, LawError>,
    inference_tokens: f64,
) -> Result<InferenceAllocation, InferenceError> {
    let params = match &law.loss_model {
        None => return Err(InferenceError::NoLossModel),
        Some(LossModel::Kaplan(_)) => return Err(InferenceError::NotParametric),
        Some(LossModel::Parametric(p)) => p,
    };
    let target = match given {
        Given::Loss(target) => target,
        _ => *loss.as_ref().map_err(|_| InferenceError::NoTarget)?,
    };
    inference_optimal(params, target, inference_tokens).map_err(InferenceError::Solver)
}

/// An allocation a person can act on: at least one parameter and one token (an extreme fitted
/// law can put the optimum at 1e-269 parameters), else the law's answer is out of range.
fn sensible(a: Allocation) -> Result<Allocation, LawError> {
    if a.n_params >= 1.0 && a.n_tokens >= 1.0 && a.tokens_per_param().is_finite() {
        Ok(a)
    } else {
        Err(LawError::OutOfRange)
    }
}

/// One law's answer to the question.
fn row(
    q: &Question,
    law: Law,
    budget: &Result<Option<f64>, LawError>,
    cluster: Option<&Cluster>,
) -> Row {
    let values = budget
        .clone()
        .and_then(|flops| allocate(&law, q.given, flops))
        .and_then(sensible)
        .map(|allocation| {
            let loss = law.loss(allocation.n_params, allocation.n_tokens);
            let time = cluster.and_then(|c| c.training_time(allocation.flops).ok());
            let price = q.hardware.and_then(|h| h.price);
            let cost = time.zip(price).and_then(|(t, p)| t.cost(p).ok());
            let scale = match q.given {
                Given::Scale { n0, d0, .. } => {
                    Some((allocation.n_params / n0, allocation.n_tokens / d0))
                }
                _ => None,
            };
            let judged = q
                .judge
                .as_ref()
                .and_then(|j| j.compare(allocation.n_params, allocation.n_tokens).ok());
            let epochs = q.unique_tokens.map(|u| allocation.n_tokens / u);
            let inference = q
                .inference_tokens
                .map(|d_inf| inference(&law, q.given, &loss, d_inf));
            let true_cost = q.shape.map(|s| shape::true_cost(&s, &allocation));
            let shape_days = match (q.given, &q.shape, cluster) {
                (Given::HardwareDays(_), Some(s), Some(c)) => {
                    Some(shape::shape_days(s, &allocation, c))
                }
                _ => None,
            };
            let flat = q
                .flat_tolerance
                .map(|tol| flat::flat_range(&law, allocation.flops, tol));
            RowValues {
                flat,
                allocation,
                loss,
                time,
                cost,
                scale,
                judged,
                epochs,
                inference,
                true_cost,
                shape_days,
            }
        });
    Row { law, values }
}

/// The answer to `question`, one row per law: the only place a question is answered, for the
/// page and the command line alike. Never panics; every failure is a typed error in its row.
#[must_use]
pub fn answer(question: &Question) -> Plan {
    let cluster = cluster(question.hardware.as_ref());
    let budget = budget(question.given, cluster.as_ref());
    let usable = cluster.as_ref().and_then(|c| c.as_ref().ok());
    let rows: Vec<Row> = question
        .laws
        .iter()
        .map(|law| row(question, law.clone(), &budget, usable))
        .collect();
    let (flops, budget_error) = match budget {
        Ok(f) => (f, None),
        Err(e) => (None, Some(e)),
    };
    let ratio = |k: &RowValues, c: &RowValues| KaplanVsChinchilla {
        params_ratio: k.allocation.n_params / c.allocation.n_params,
        tokens_ratio: k.allocation.n_tokens / c.allocation.n_tokens,
    };
    let mut plan = Plan {
        given: question.given,
        flops,
        budget_error,
        hardware: question.hardware.filter(|_| usable.is_some()),
        accelerator: usable.and(question.hardware.map(|h| h.accelerator)),
        judge: question.judge.clone(),
        inference_tokens: question.inference_tokens,
        unique_tokens: question.unique_tokens,
        rows,
        kaplan_vs_chinchilla: None,
        data_constrained: flops
            .zip(question.unique_tokens)
            .map(|(c, u)| data_constrained_optimal(c, u)),
        shape: question.shape,
        flat_tolerance: question.flat_tolerance,
    };
    plan.kaplan_vs_chinchilla = plan
        .values(LawId::Kaplan2020)
        .zip(plan.values(LawId::ChinchillaA1))
        .map(|(k, c)| ratio(k, c));
    plan
}

/// The plan for the page's configuration: [`answer`] to its [`Question`].
#[must_use]
pub fn plan(config: &Config) -> Plan {
    answer(&Question::from(config))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_flat;
#[cfg(test)]
mod tests_i18n;
#[cfg(test)]
mod tests_shape;
