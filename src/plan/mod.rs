//! What the page shows for a configuration: one row per law with its allocation, loss, time
//! and cost, the Kaplan-vs-Chinchilla comparison, and the inference- and data-aware variants.
//! Pure (no web types): the page renders a [`Plan`], native tests check it.

pub mod table;

use crate::law::beyond::{
    data_constrained_optimal, inference_optimal_at_budget, BeyondError, DataConstrainedAllocation,
    InferenceAllocation,
};
use crate::law::hardware::{accelerator, Accelerator, Cluster, TrainingTime};
use crate::law::{preset, Allocation, Comparison, Law, LawError, LossModel, LossParams};
use crate::permalink::{Config, FitConfig, Mode};

/// The law a fit in the configuration stands for, id `fit`.
#[must_use]
pub fn fit_law(fit: &FitConfig) -> Law {
    Law::parametric(
        "fit",
        "Your fit",
        format!(
            "Fitted in this page (Approach 3, {} method, Huber δ = {})",
            if fit.paper_method { "paper" } else { "global" },
            fit.delta
        ),
        "L(N, D) = E + A/N^α + B/D^β fitted to your runs; only its coefficients travel in the link.",
        LossParams {
            e: fit.e,
            a: fit.a,
            b: fit.b,
            alpha: fit.alpha,
            beta: fit.beta,
        },
    )
}

/// The law with this id under `config`: a preset, the user's custom anchor, or the fit.
#[must_use]
pub fn resolve_law(config: &Config, id: &str) -> Option<Law> {
    match id {
        "fit" => config.fit.as_ref().map(fit_law),
        "custom" => Law::custom(config.anchor).ok(),
        _ => preset(id),
    }
}

/// The laws the page shows, in the configuration's order.
#[must_use]
pub fn shown_laws(config: &Config) -> Vec<Law> {
    config
        .laws
        .iter()
        .filter_map(|id| resolve_law(config, id))
        .collect()
}

/// The parametric coefficients of a law, if it has them (what the Sardana solver needs).
#[must_use]
pub fn loss_params(law: &Law) -> Option<LossParams> {
    match law.loss_model {
        Some(LossModel::Parametric(p)) => Some(p),
        _ => None,
    }
}

/// One law's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct RowValues {
    pub allocation: Allocation,
    /// The law's own predicted loss; `Err(NoLossModel)` when it has none.
    pub loss: Result<f64, LawError>,
    /// Device-hours and days on the configured hardware.
    pub time: Option<TrainingTime>,
    /// Cost at the configured price per device-hour.
    pub cost: Option<f64>,
    /// (N/N0, D/D0) in scale mode.
    pub scale: Option<(f64, f64)>,
    /// This allocation judged by the judge law (extra loss, compute-equivalent waste).
    pub judged: Option<Comparison>,
    /// Epochs over the unique tokens available, when those are limited.
    pub epochs: Option<f64>,
    /// The inference-aware allocation for the same loss (loss laws, when inference is set).
    pub inference: Option<Result<InferenceAllocation, BeyondError>>,
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

/// Everything the page shows for a configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The compute budget the question fixes (budget, hardware, scale modes).
    pub flops: Option<f64>,
    /// Why the budget could not be formed (hardware mode with bad hardware), if so.
    pub budget_error: Option<LawError>,
    pub accelerator: Option<&'static Accelerator>,
    pub judge: Option<Law>,
    pub rows: Vec<Row>,
    pub kaplan_vs_chinchilla: Option<KaplanVsChinchilla>,
    /// Muennighoff et al.'s optimum at the budget with the unique tokens available.
    pub data_constrained: Option<Result<DataConstrainedAllocation, BeyondError>>,
}

impl Plan {
    /// The row of law `id`, if shown and answered.
    #[must_use]
    pub fn values(&self, id: &str) -> Option<&RowValues> {
        self.rows
            .iter()
            .find(|r| r.law.id == id)
            .and_then(|r| r.values.as_ref().ok())
    }
}

/// The configured cluster, if its settings are valid.
fn cluster(config: &Config) -> Result<(Cluster, &'static Accelerator), LawError> {
    let hw = &config.hardware;
    let device = accelerator(&hw.accelerator).ok_or(LawError::InvalidInput {
        what: "accelerator",
        value: f64::NAN,
    })?;
    Ok((Cluster::new(device.peak_flops, hw.count, hw.mfu)?, device))
}

/// The budget the configuration fixes, if its mode fixes one.
fn budget(
    config: &Config,
    cluster: &Result<(Cluster, &Accelerator), LawError>,
) -> Result<Option<f64>, LawError> {
    match config.mode {
        Mode::Budget => Ok(Some(config.flops)),
        Mode::Hardware => match cluster {
            Ok((c, _)) => c.flops_in_days(config.hardware.days).map(Some),
            Err(e) => Err(e.clone()),
        },
        Mode::Scale => {
            let c = 6.0 * config.anchor.n0 * config.anchor.d0 * config.multiplier;
            if c.is_finite() && c > 0.0 {
                Ok(Some(c))
            } else {
                Err(LawError::InvalidFlops(c))
            }
        }
        Mode::Params | Mode::Loss => Ok(None),
    }
}

/// One law's answer to the configuration's question.
fn answer(law: &Law, config: &Config, flops: Option<f64>) -> Result<Allocation, LawError> {
    match (config.mode, flops) {
        (Mode::Params, _) => law.allocation_for_params(config.n_params),
        (Mode::Loss, _) => law.allocation_for_loss(config.target_loss),
        (Mode::Scale, _) => {
            // The framing of most summaries: N = N0·k^a, D = D0·k^b with the law's exponents.
            let (a, b) = (law.params_exponent(), law.tokens_exponent());
            let k = config.multiplier;
            let (n, d) = (config.anchor.n0 * k.powf(a), config.anchor.d0 * k.powf(b));
            if n.is_finite() && d.is_finite() && n > 0.0 && d > 0.0 {
                Ok(Allocation {
                    flops: 6.0 * n * d,
                    n_params: n,
                    n_tokens: d,
                })
            } else {
                Err(LawError::OutOfRange)
            }
        }
        (_, Some(c)) => law.allocate(c),
        (_, None) => Err(LawError::InvalidFlops(f64::NAN)),
    }
}

/// The plan for `config`. Never panics; every failure is a typed error in its row.
#[must_use]
pub fn plan(config: &Config) -> Plan {
    let cluster = cluster(config);
    let (flops, budget_error) = match budget(config, &cluster) {
        Ok(f) => (f, None),
        Err(e) => (None, Some(e)),
    };
    let judge = resolve_law(config, &config.judge).filter(|l| l.loss_model.is_some());
    let rows: Vec<Row> = shown_laws(config)
        .into_iter()
        .map(|law| {
            let values = answer(&law, config, flops).map(|allocation| {
                let time = cluster
                    .as_ref()
                    .ok()
                    .and_then(|(c, _)| c.training_time(allocation.flops).ok());
                let cost = time.and_then(|t| config.hardware.price.and_then(|p| t.cost(p).ok()));
                let scale = (config.mode == Mode::Scale).then(|| {
                    (
                        allocation.n_params / config.anchor.n0,
                        allocation.n_tokens / config.anchor.d0,
                    )
                });
                let judged = judge
                    .as_ref()
                    .and_then(|j| j.compare(allocation.n_params, allocation.n_tokens).ok());
                let epochs = config.unique_tokens.map(|u| allocation.n_tokens / u);
                let inference = config.inference_tokens.and_then(|d_inf| {
                    loss_params(&law)
                        .map(|p| inference_optimal_at_budget(&p, allocation.flops, d_inf))
                });
                RowValues {
                    loss: law.loss(allocation.n_params, allocation.n_tokens),
                    allocation,
                    time,
                    cost,
                    scale,
                    judged,
                    epochs,
                    inference,
                }
            });
            Row { law, values }
        })
        .collect();
    let plan = Plan {
        flops,
        budget_error,
        accelerator: cluster.as_ref().ok().map(|(_, a)| *a),
        judge,
        rows,
        kaplan_vs_chinchilla: None,
        data_constrained: match (flops, config.unique_tokens) {
            (Some(c), Some(u)) => Some(data_constrained_optimal(c, u)),
            _ => None,
        },
    };
    let kaplan_vs_chinchilla = match (plan.values("kaplan2020"), plan.values("chinchilla-a1")) {
        (Some(k), Some(c)) => Some(KaplanVsChinchilla {
            params_ratio: k.allocation.n_params / c.allocation.n_params,
            tokens_ratio: k.allocation.n_tokens / c.allocation.n_tokens,
        }),
        _ => None,
    };
    Plan {
        kaplan_vs_chinchilla,
        ..plan
    }
}

#[cfg(test)]
mod tests;
