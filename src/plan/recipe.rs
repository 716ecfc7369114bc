//! The training recipe at each law's allocation and at a run the user chose: the model it is
//! read for (the chosen shape, else the shape suggested for the row's N), the peak learning
//! rate and batch under each hyperparameter law (`law::hyper`), the batch in whole sequences,
//! the steps, the warm-up, and with hardware the time per step and for the run. The page, the
//! command line's text and its JSON all read [`recipes`] (as text: `recipe_text`).

use super::{Hardware, Plan};
use crate::i18n::{recipe as t, Lang};
use crate::law::hardware::Cluster;
use crate::law::hyper::{
    configure, deepseek, steplaw, Configured, HyperLaw, RecipeError, Schedule,
};
use crate::law::shape::{
    shape_presets, suggest, Convention, Shape, ShapeError, Template, DEFAULT_ASPECT_RATIO,
};
use crate::law::LawError;
use crate::permalink::Config;

/// What the recipe is asked with, besides the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct RecipeSetup {
    pub schedule: Schedule,
    /// Warm-up steps as typed; `None` for [`crate::law::hyper::DEFAULT_WARMUP`].
    pub warmup: Option<u64>,
    /// The context (sequence length) as typed; `None` for the model shape's.
    pub context: Option<f64>,
    /// A run already chosen: (N, D).
    pub run: Option<(f64, f64)>,
    /// The aspect ratio d_model / layers of a suggested shape.
    pub aspect: f64,
}

impl Default for RecipeSetup {
    fn default() -> Self {
        RecipeSetup {
            schedule: Schedule::default(),
            warmup: None,
            context: None,
            run: None,
            aspect: DEFAULT_ASPECT_RATIO,
        }
    }
}

impl From<&Config> for RecipeSetup {
    fn from(config: &Config) -> Self {
        let r = &config.recipe;
        RecipeSetup {
            schedule: r.schedule,
            warmup: r.warmup,
            context: r.context,
            run: r.run_params.zip(r.run_tokens),
            aspect: config.shape.aspect_ratio,
        }
    }
}

/// Where the model a recipe is read for comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelOrigin {
    /// The shape chosen in the model-shape section (a published model's name, or none typed).
    Chosen(Option<String>),
    /// The shape the page suggests for the row's N.
    Suggested,
}

/// The model a recipe is read for.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelUsed {
    pub shape: Shape,
    pub origin: ModelOrigin,
    /// The context the batch is counted in.
    pub context: f64,
    /// Its non-embedding parameters (Step Law's N).
    pub non_embedding: f64,
    /// DeepSeek's M at that context (DeepSeek-AI 2024, Eq. 2).
    pub m: f64,
    /// The FLOPs per token the time is counted with (the question's convention).
    pub flops_per_token: f64,
}

/// One hyperparameter law's recipe.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRecipe {
    pub configured: Configured,
    /// Seconds per step and for the whole run on the question's hardware.
    pub time: Option<(f64, f64)>,
}

/// The recipes at one (N, D).
#[derive(Debug, Clone, PartialEq)]
pub struct LawRecipe {
    /// The law's id, or `run` for the run the user chose.
    pub id: String,
    pub name: String,
    pub n_params: f64,
    pub n_tokens: f64,
    pub model: Result<ModelUsed, RecipeError>,
    /// One per [`HyperLaw::ALL`].
    pub recipes: Vec<(HyperLaw, Result<SourceRecipe, RecipeError>)>,
}

/// Every recipe of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipes {
    pub setup: RecipeSetup,
    pub rows: Vec<LawRecipe>,
}

/// The published model whose shape this is, if any.
fn preset_name(shape: &Shape) -> Option<String> {
    shape_presets()
        .into_iter()
        .find(|p| p.shape == *shape)
        .map(|p| p.name)
}

/// The shape at another context.
fn at_context(shape: &Shape, context: f64) -> Result<Shape, RecipeError> {
    if !(context.is_finite() && context >= 1.0 && context.fract() == 0.0) {
        return Err(RecipeError::Context(context));
    }
    let mut spec = shape.spec();
    spec.context = context as u64;
    spec.build()
        .map_err(|_: ShapeError| RecipeError::Context(context))
}

/// What every row of a plan shares, worked out once: the FLOPs convention, the hardware, and
/// the chosen shape's model (the same for every row).
struct Shared {
    convention: Convention,
    cluster: Option<Cluster>,
    chosen: Option<Result<ModelUsed, RecipeError>>,
}

impl Shared {
    fn of(plan: &Plan, setup: &RecipeSetup) -> Self {
        let convention = plan
            .shape
            .as_ref()
            .map_or(crate::permalink::DEFAULT_CONVENTION, |s| s.convention);
        let cluster = plan.hardware.as_ref().and_then(|hw: &Hardware| {
            Cluster::new(hw.accelerator.peak_flops, hw.count, hw.mfu).ok()
        });
        let chosen = plan.shape.as_ref().map(|s| {
            let origin = ModelOrigin::Chosen(preset_name(&s.shape));
            model_of(s.shape, origin, setup, convention)
        });
        Shared {
            convention,
            cluster,
            chosen,
        }
    }
}

/// The model a recipe at `n` parameters is read for: the chosen shape's, else the one
/// suggested for `n`.
fn model_used(n: f64, setup: &RecipeSetup, shared: &Shared) -> Result<ModelUsed, RecipeError> {
    if let Some(chosen) = &shared.chosen {
        return chosen.clone();
    }
    let s = suggest(n, setup.aspect, &Template::default()).map_err(|_| {
        RecipeError::Law(LawError::InvalidInput {
            what: crate::law::Input::ParameterCount,
            value: n,
        })
    })?;
    model_of(s.shape, ModelOrigin::Suggested, setup, shared.convention)
}

/// A shape's counts at the setup's context.
fn model_of(
    shape: Shape,
    origin: ModelOrigin,
    setup: &RecipeSetup,
    convention: Convention,
) -> Result<ModelUsed, RecipeError> {
    let context = setup.context.unwrap_or(f64::from(shape.context()));
    let shape = at_context(&shape, context)?;
    Ok(ModelUsed {
        shape,
        origin,
        context,
        non_embedding: shape.params().non_embedding as f64,
        m: Convention::DeepSeek.flops_per_token(&shape),
        flops_per_token: convention.flops_per_token(&shape),
        // The convention's count is the one the MFU is defined with (PaLM's by default).
    })
}

/// One hyperparameter law's recipe at (model, D).
fn source_recipe(
    law: HyperLaw,
    model: &ModelUsed,
    d: f64,
    setup: &RecipeSetup,
    cluster: Option<&Cluster>,
) -> Result<SourceRecipe, RecipeError> {
    let peak = match law {
        HyperLaw::DeepSeek2024 => deepseek(model.m, d)?,
        HyperLaw::StepLaw2025 => steplaw(model.non_embedding, d)?,
    };
    let configured = configure(peak, d, model.context, setup.warmup)?;
    let time = cluster.map(|c| {
        let step = model.flops_per_token * configured.batch_tokens_rounded
            / (c.device_flops_per_second() * c.count as f64);
        (step, step * configured.steps as f64)
    });
    Ok(SourceRecipe { configured, time })
}

fn law_recipe(
    id: String,
    name: String,
    (n, d): (f64, f64),
    setup: &RecipeSetup,
    shared: &Shared,
) -> LawRecipe {
    let model = model_used(n, setup, shared);
    let recipes = HyperLaw::ALL
        .into_iter()
        .map(|law| {
            let r = match &model {
                Ok(m) => source_recipe(law, m, d, setup, shared.cluster.as_ref()),
                Err(e) => Err(e.clone()),
            };
            (law, r)
        })
        .collect();
    LawRecipe {
        id,
        name,
        n_params: n,
        n_tokens: d,
        model,
        recipes,
    }
}

/// The recipes at every answered law's allocation, then at the run chosen (if any).
#[must_use]
pub fn recipes(plan: &Plan, setup: &RecipeSetup, lang: Lang) -> Recipes {
    let shared = Shared::of(plan, setup);
    let mut rows: Vec<LawRecipe> = plan
        .rows
        .iter()
        .filter_map(|row| {
            let v = row.values.as_ref().ok()?;
            let a = &v.allocation;
            Some(law_recipe(
                row.law.id.as_str().to_string(),
                row.law.name.clone(),
                (a.n_params, a.n_tokens),
                setup,
                &shared,
            ))
        })
        .collect();
    if let Some(run) = setup.run {
        rows.push(law_recipe(
            "run".into(),
            t::your_run(lang).into(),
            run,
            setup,
            &shared,
        ));
    }
    Recipes {
        setup: setup.clone(),
        rows,
    }
}

pub use super::recipe_text::{cells, extrapolated, grouped, rate};
