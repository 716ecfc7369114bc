//! The model-shape section's part of the configuration and its link form: which shape (a
//! published model's, or typed dimensions), the FLOPs convention, the N and aspect ratio of a
//! suggested shape, and the recipe and sharding of the training state.

use super::decode::{count, positive_number, Reader, Reason};
use super::text::{keys, number};
use crate::law::shape::{
    shape_preset, Bias, Convention, Norm, Position, Recipe, Shape, ShapeField, ShapePreset,
    ShapeSpec, Sharding, ASPECT_RATIO_RANGE, DEFAULT_ASPECT_RATIO,
};

/// The convention used when none is chosen: PaLM's 6N + 12·L·H·Q·T (Chowdhery et al. 2022,
/// App. B). It is the count model FLOPs utilisation is defined with, so the tokens and days it
/// gives agree with the MFU typed in the hardware fields.
pub const DEFAULT_CONVENTION: Convention = Convention::Palm;

/// Which shape the section describes.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeModel {
    /// A published model's shape, by its preset id (`law::shape::shape_presets`).
    Preset(String),
    /// A typed shape; checked when it was built, so always valid.
    Typed(Shape),
}

/// The model-shape section's inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeConfig {
    /// The shape; `None` leaves the results at 6N and hides the shape's columns.
    pub model: Option<ShapeModel>,
    /// How training FLOPs per token are counted for the tokens and days at true cost.
    pub convention: Convention,
    /// d_model / layers of a suggested shape.
    pub aspect_ratio: f64,
    /// The N a shape is suggested for; `None` means the first answered law's N.
    pub suggest_params: Option<f64>,
    /// Bytes per parameter of the training state.
    pub recipe: Recipe,
    /// How the training state is split over devices.
    pub sharding: Sharding,
}

impl Default for ShapeConfig {
    /// No shape, [`DEFAULT_CONVENTION`], Chinchilla's median aspect ratio, mixed-precision Adam
    /// (16 bytes per parameter), unsharded.
    fn default() -> Self {
        ShapeConfig {
            model: None,
            convention: DEFAULT_CONVENTION,
            aspect_ratio: DEFAULT_ASPECT_RATIO,
            suggest_params: None,
            recipe: Recipe::MixedAdam,
            sharding: Sharding::None,
        }
    }
}

impl ShapeConfig {
    /// The chosen preset, if the shape is one.
    #[must_use]
    pub fn preset(&self) -> Option<ShapePreset> {
        match &self.model {
            Some(ShapeModel::Preset(id)) => shape_preset(id),
            _ => None,
        }
    }

    /// The shape, whether a preset's or typed.
    #[must_use]
    pub fn shape(&self) -> Option<Shape> {
        match &self.model {
            Some(ShapeModel::Preset(id)) => shape_preset(id).map(|p| p.shape),
            Some(ShapeModel::Typed(shape)) => Some(*shape),
            None => None,
        }
    }

    /// Uses a typed shape; a preset stays chosen while the shape is still exactly its shape.
    pub fn set_typed(&mut self, shape: Shape) {
        if self.preset().is_some_and(|p| p.shape == shape) {
            return;
        }
        self.model = Some(ShapeModel::Typed(shape));
    }

    /// Whether every input is usable: a known preset, an aspect ratio in
    /// [`ASPECT_RATIO_RANGE`], a finite positive N to suggest for.
    #[must_use]
    pub fn is_usable(&self) -> bool {
        let preset_ok = match &self.model {
            Some(ShapeModel::Preset(id)) => shape_preset(id).is_some_and(|p| p.id == *id),
            _ => true,
        };
        preset_ok
            && aspect_in_range(self.aspect_ratio)
            && self.suggest_params.is_none_or(|n| n.is_finite() && n > 0.0)
    }
}

fn aspect_in_range(x: f64) -> bool {
    let (lo, hi) = ASPECT_RATIO_RANGE;
    x.is_finite() && (lo..=hi).contains(&x)
}

/// The spelling of a position scheme in the page's picker: `none`, `learned`, `relative`.
#[must_use]
pub fn position_id(p: Position) -> &'static str {
    match p {
        Position::None => "none",
        Position::Learned => "learned",
        Position::Relative => "relative",
    }
}

/// The spelling of a bias scheme in the page's picker: `none`, `qkv`, `all`.
#[must_use]
pub fn bias_id(b: Bias) -> &'static str {
    match b {
        Bias::None => "none",
        Bias::Qkv => "qkv",
        Bias::All => "all",
    }
}

/// The spelling of a norm scheme in the page's picker: `rmsnorm`, `layernorm`, `none`.
#[must_use]
pub fn norm_id(n: Norm) -> &'static str {
    match n {
        Norm::RmsNorm => "rmsnorm",
        Norm::LayerNorm => "layernorm",
        Norm::None => "none",
    }
}

/// Every position scheme, bias scheme and norm, as the pickers list them.
pub const POSITIONS: [Position; 3] = [Position::None, Position::Learned, Position::Relative];
/// Every bias scheme.
pub const BIASES: [Bias; 3] = [Bias::None, Bias::Qkv, Bias::All];
/// Every norm.
pub const NORMS: [Norm; 3] = [Norm::RmsNorm, Norm::LayerNorm, Norm::None];

/// The words after a typed shape's numbers, one per non-default choice: the word, whether a
/// shape has it, and how a spec gets it.
type Flag = (&'static str, fn(&Shape) -> bool, fn(&mut ShapeSpec));
const FLAGS: [Flag; 8] = [
    ("gated", |s| s.gated(), |s| s.gated = true),
    (
        "tied",
        |s| s.tied_embeddings(),
        |s| s.tied_embeddings = true,
    ),
    (
        "learned",
        |s| s.position() == Position::Learned,
        |s| s.position = Position::Learned,
    ),
    (
        "relative",
        |s| s.position() == Position::Relative,
        |s| s.position = Position::Relative,
    ),
    (
        "qkv-bias",
        |s| s.bias() == Bias::Qkv,
        |s| s.bias = Bias::Qkv,
    ),
    (
        "all-bias",
        |s| s.bias() == Bias::All,
        |s| s.bias = Bias::All,
    ),
    (
        "layernorm",
        |s| s.norm() == Norm::LayerNorm,
        |s| s.norm = Norm::LayerNorm,
    ),
    (
        "no-norm",
        |s| s.norm() == Norm::None,
        |s| s.norm = Norm::None,
    ),
];

/// `shape=`'s value: a preset id, or `layers,d_model,heads,kv_heads,head_size,ffn,vocab,context`
/// and then the flags that differ from the defaults (`gated`, `tied`, `learned` or `relative`,
/// `qkv-bias` or `all-bias`, `layernorm` or `no-norm`).
#[must_use]
pub fn model_text(model: &ShapeModel) -> String {
    match model {
        ShapeModel::Preset(id) => id.clone(),
        ShapeModel::Typed(s) => {
            let mut parts: Vec<String> = [
                s.layers(),
                s.d_model(),
                s.heads(),
                s.kv_heads(),
                s.head_size(),
                s.ffn(),
                s.vocab(),
                s.context(),
            ]
            .iter()
            .map(ToString::to_string)
            .collect();
            parts.extend(
                FLAGS
                    .iter()
                    .filter(|(_, has, _)| has(s))
                    .map(|(word, _, _)| (*word).to_string()),
            );
            parts.join(",")
        }
    }
}

/// Reads `shape=`'s value (see [`model_text`]).
pub fn parse_model(text: &str) -> Result<ShapeModel, Reason> {
    let text = text.trim();
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return shape_preset(text)
            .map(|p| ShapeModel::Preset(p.id))
            .ok_or(Reason::UnknownShapePreset);
    }
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    if parts.len() < 8 {
        return Err(Reason::NeedsEight);
    }
    let mut numbers = [0u64; 8];
    for (slot, part) in numbers.iter_mut().zip(&parts) {
        *slot = part.parse().map_err(|_| Reason::NotWholeNumbers)?;
    }
    let [layers, d_model, heads, kv_heads, head_size, ffn, vocab, context] = numbers;
    let mut spec = ShapeSpec {
        layers,
        d_model,
        heads,
        kv_heads: Some(kv_heads),
        head_size: Some(head_size),
        ffn,
        gated: false,
        vocab,
        context,
        tied_embeddings: false,
        position: Position::None,
        bias: Bias::None,
        norm: Norm::RmsNorm,
    };
    for word in &parts[8..] {
        let (_, _, apply) = FLAGS
            .iter()
            .find(|(name, _, _)| name.eq_ignore_ascii_case(word))
            .ok_or(Reason::UnknownShapeFlag)?;
        apply(&mut spec);
    }
    spec.build().map(ShapeModel::Typed).map_err(|e| {
        // The first refused field, in a few words (the page's fields give the whole reason).
        match e.errors().first().map(|f| f.field) {
            Some(ShapeField::Layers) => Reason::ShapeLayers,
            Some(ShapeField::DModel) => Reason::ShapeDModel,
            Some(ShapeField::Heads) => Reason::ShapeHeads,
            Some(ShapeField::KvHeads) => Reason::ShapeKvHeads,
            Some(ShapeField::HeadSize) => Reason::ShapeHeadSize,
            Some(ShapeField::Ffn) => Reason::ShapeFfn,
            Some(ShapeField::Vocab) => Reason::ShapeVocab,
            Some(ShapeField::Context) => Reason::ShapeContext,
            _ => Reason::NotShape,
        }
    })
}

/// Reads the section's keys into `shape`, each forgivingly.
pub(super) fn decode(r: &mut Reader, shape: &mut ShapeConfig) {
    r.set(&mut shape.model, keys::SHAPE, |s| parse_model(s).map(Some));
    r.set(&mut shape.convention, keys::CONVENTION, |s| {
        Convention::from_id(s).ok_or(Reason::NotConvention)
    });
    r.set(&mut shape.suggest_params, keys::SUGGEST_PARAMS, |s| {
        count(s).map(Some)
    });
    r.set(&mut shape.aspect_ratio, keys::SUGGEST_ASPECT, |s| {
        positive_number(s).and_then(|x| {
            if aspect_in_range(x) {
                Ok(x)
            } else {
                Err(Reason::NotAspect)
            }
        })
    });
    r.set(&mut shape.recipe, keys::MEMORY, |s| {
        Recipe::from_id(s).ok_or(Reason::NotRecipe)
    });
    r.set(&mut shape.sharding, keys::SHARDING, |s| {
        Sharding::from_id(s).ok_or(Reason::NotSharding)
    });
}

/// The section's keys that differ from the defaults.
pub(super) fn encode(shape: &ShapeConfig, pairs: &mut Vec<(&'static str, String)>) {
    let d = ShapeConfig::default();
    if let Some(model) = &shape.model {
        pairs.push((keys::SHAPE, model_text(model)));
    }
    if shape.convention != d.convention {
        pairs.push((keys::CONVENTION, shape.convention.id().to_string()));
    }
    if let Some(n) = shape.suggest_params {
        pairs.push((keys::SUGGEST_PARAMS, number(n)));
    }
    if shape.aspect_ratio != d.aspect_ratio {
        pairs.push((keys::SUGGEST_ASPECT, number(shape.aspect_ratio)));
    }
    if shape.recipe != d.recipe {
        pairs.push((keys::MEMORY, shape.recipe.id().to_string()));
    }
    if shape.sharding != d.sharding {
        pairs.push((keys::SHARDING, shape.sharding.id().to_string()));
    }
}
