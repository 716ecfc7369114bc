//! The one question type: what the page's configuration and the command line's arguments both
//! map onto, and the only thing [`super::answer`] reads.

use crate::i18n::Lang;
use crate::law::hardware::{Accelerator, DEFAULT_MFU};
use crate::law::{preset_by_id, CustomAnchor, Law, LawId, LossParams};
use crate::permalink::{Config, FitConfig, Mode, SweepFitConfig};

use super::ShapeCost;

/// What the question fixes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Given {
    /// A compute budget in FLOPs.
    Budget(f64),
    /// The compute of the question's hardware running for this many days.
    HardwareDays(f64),
    /// A model size N → the budget where N is optimal.
    Params(f64),
    /// A token count D → the budget where D is optimal.
    Tokens(f64),
    /// A target loss → the smallest budget that reaches it.
    Loss(f64),
    /// A reference run (N₀, D₀) scaled by a compute multiplier k.
    Scale { n0: f64, d0: f64, multiplier: f64 },
}

/// Accelerators that set the budget ([`Given::HardwareDays`]) or price every answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hardware {
    pub accelerator: &'static Accelerator,
    /// Number of devices (a count of 0 is refused by the plan, not here).
    pub count: u64,
    /// Model FLOPs utilisation in (0, 1].
    pub mfu: f64,
    /// Dollars per device-hour; `None` leaves cost out.
    pub price: Option<f64>,
}

impl Hardware {
    /// One device of `accelerator` at the default MFU, no price (the command line's defaults).
    #[must_use]
    pub fn new(accelerator: &'static Accelerator) -> Self {
        Hardware {
            accelerator,
            count: 1,
            mfu: DEFAULT_MFU,
            price: None,
        }
    }
}

/// One question, whoever asks it.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub given: Given,
    /// The laws that answer, in order.
    pub laws: Vec<Law>,
    /// The hardware, if any: it adds device-hours, days and cost.
    pub hardware: Option<Hardware>,
    /// The loss law that judges every allocation (extra loss, compute wasted).
    pub judge: Option<Law>,
    /// Lifetime inference tokens (Sardana et al. 2024).
    pub inference_tokens: Option<f64>,
    /// Unique training tokens available (Muennighoff et al. 2023).
    pub unique_tokens: Option<f64>,
    /// A model shape: adds the tokens each row's compute buys at its true cost.
    pub shape: Option<ShapeCost>,
    /// The flat-optimum column's relative tolerance (0.005 = +0.5 % of the optimal loss);
    /// `None` leaves the column out.
    pub flat_tolerance: Option<f64>,
}

impl Question {
    /// A question about `given` answered by `laws`, with nothing else set.
    #[must_use]
    pub fn new(given: Given, laws: Vec<Law>) -> Self {
        Question {
            given,
            laws,
            hardware: None,
            judge: None,
            inference_tokens: None,
            unique_tokens: None,
            shape: None,
            flat_tolerance: None,
        }
    }
}

/// The law a fit stands for, id `fit`. `method` says how it was fitted, for its citation.
#[must_use]
pub fn fit_law(params: LossParams, method: &str) -> Law {
    Law::parametric(
        LawId::Fit,
        "Your fit",
        method,
        "L(N, D) = E + A/N^α + B/D^β fitted to your runs; only its coefficients travel in the link.",
        params,
    )
}

/// The law of a fit in the page's configuration.
#[must_use]
pub fn config_fit_law(fit: &FitConfig) -> Law {
    fit_law(
        fit.params,
        &format!(
            "Fitted in this page (Approach 3, {} method, Huber δ = {})",
            if fit.paper_method { "paper" } else { "global" },
            fit.delta
        ),
    )
}

/// The law of a sweep fit in the page's configuration: N_opt = k·C^a, D = C/(6N), no loss.
#[must_use]
pub fn sweep_fit_law(fit: &SweepFitConfig) -> Law {
    Law {
        id: LawId::SweepFit,
        name: "Your sweep fit".to_string(),
        citation: format!(
            "Fitted in this page ({} of Hoffmann et al. 2022)",
            fit.approach.title()
        ),
        notes: "N_opt = k·C^a fitted to your runs, D = C/(6N); it predicts no loss. Only k and a travel in the link.".to_string(),
        frontier: crate::law::Frontier::ParamsPowerLaw {
            coef: fit.coef,
            exponent: fit.exponent,
            flops_unit: 1.0,
        },
        loss_model: None,
    }
}

/// The law with this id under `config`: a preset, the user's custom anchor, or a fit; the
/// user's own laws are named in the configuration's language (presets keep their names).
#[must_use]
pub fn resolve_law(config: &Config, id: LawId) -> Option<Law> {
    let law = match id {
        LawId::Fit => config.fit.as_ref().map(config_fit_law),
        LawId::SweepFit => config.sweep_fit.as_ref().map(sweep_fit_law),
        LawId::Custom => Law::custom(config.anchor).ok(),
        _ => preset_by_id(id),
    }?;
    Some(match config.lang {
        Lang::En => law,
        lang => named_in(law, config, config.anchor, lang),
    })
}

/// The user's own law `law` (a fit, a sweep fit, the custom law made from `anchor`) named in
/// `lang`.
fn named_in(mut law: Law, config: &Config, anchor: CustomAnchor, lang: Lang) -> Law {
    use crate::i18n::question as cat;
    match law.id {
        LawId::Fit => {
            if let Some(fit) = &config.fit {
                let method = if fit.paper_method {
                    cat::method_paper(lang)
                } else {
                    cat::method_global(lang)
                };
                law.name = cat::your_fit(lang).into();
                law.citation = cat::your_fit_citation(lang, &method, &fit.delta);
            }
        }
        LawId::SweepFit => {
            if let Some(fit) = &config.sweep_fit {
                let approach = match fit.approach {
                    crate::fit::Approach::One => cat::approach_one(lang),
                    crate::fit::Approach::Two => cat::approach_two(lang),
                    crate::fit::Approach::Three => cat::approach_three(lang),
                };
                law.name = cat::your_sweep_fit(lang).into();
                law.citation = cat::your_sweep_fit_citation(lang, &approach);
            }
        }
        LawId::Custom => {
            // As `Law::custom` prints them.
            law.name = cat::custom(lang, &anchor.a, &anchor.b);
            law.citation = cat::custom_citation(lang).into();
        }
        _ => {}
    }
    law
}

/// The laws the page shows, in the configuration's order.
#[must_use]
pub fn shown_laws(config: &Config) -> Vec<Law> {
    config
        .laws
        .iter()
        .filter_map(|id| resolve_law(config, *id))
        .collect()
}

/// The laws a user can pick on the page: every preset, and the fits when there are.
#[must_use]
pub fn law_choices(config: &Config) -> Vec<Law> {
    let mut laws: Vec<Law> = crate::law::presets()
        .into_iter()
        .map(|law| match (law.id, config.lang) {
            // `Law::custom_default`'s anchor.
            (LawId::Custom, Lang::Zh) => named_in(law, config, CustomAnchor::CHINCHILLA, Lang::Zh),
            _ => law,
        })
        .collect();
    laws.extend(resolve_law(config, LawId::Fit));
    laws.extend(resolve_law(config, LawId::SweepFit));
    laws
}

impl From<&Config> for Question {
    /// The page's question: its mode's inputs, its laws, its hardware (always set on the page,
    /// so every row has time and, with a price, cost), its judge, the beyond settings and the
    /// model shape with its convention, and the flat-optimum column's tolerance.
    fn from(config: &Config) -> Self {
        let hw = &config.hardware;
        let given = match config.mode {
            Mode::Budget => Given::Budget(config.flops),
            Mode::Hardware => Given::HardwareDays(hw.days),
            Mode::Params => Given::Params(config.n_params),
            Mode::Scale => Given::Scale {
                n0: config.anchor.n0,
                d0: config.anchor.d0,
                multiplier: config.multiplier,
            },
            Mode::Loss => Given::Loss(config.target_loss),
        };
        Question {
            given,
            laws: shown_laws(config),
            hardware: Some(Hardware {
                accelerator: hw.accelerator,
                count: hw.count,
                mfu: hw.mfu,
                price: hw.price,
            }),
            judge: resolve_law(config, config.judge).filter(|l| l.loss_model.is_some()),
            inference_tokens: config.inference_tokens,
            unique_tokens: config.unique_tokens,
            shape: config.shape.shape().map(|shape| ShapeCost {
                shape,
                convention: config.shape.convention,
            }),
            flat_tolerance: Some(config.flat_percent / 100.0),
        }
    }
}
