//! `isoflop-cli shape`: a model shape, typed or a published model's or suggested for an N; its
//! exact parameter counts and training FLOPs per token under each convention
//! ([`crate::law::shape::ShapeReport`]), and optionally the memory its training state needs.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Args};
use serde_json::{json, Value};

use super::allocate::{gpu_parser, params, positive, whole};
use super::Outcome;
use crate::i18n::Lang;
use crate::law::hardware::Accelerator;
use crate::law::quantity::format_count;
use crate::law::shape::{
    render_text, shape_preset, shape_presets, suggest, Bias, Convention, Norm, Position, Recipe,
    Shape, ShapeError, ShapeField, ShapePreset, ShapeReport, ShapeSpec, Sharding, Suggestion,
    Template, DEFAULT_ASPECT_RATIO,
};
use crate::plan::shape_panel::{bytes, memory, preset_note, sharding_label};

/// The options of `shape`.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("which").required(true).args(["preset", "suggest", "layers", "presets"])))]
pub struct ShapeArgs {
    /// A published model's shape by id (llama3-8b, gpt3-175b, chinchilla-a9-1018m; --presets).
    #[arg(long, value_name = "ID", value_parser = preset_entry)]
    preset: Option<ShapePreset>,
    /// Suggest a shape of about N parameters (7e10, 70B): d_model a multiple of 128, heads of
    /// 128 (64 below 1B), layers from --aspect.
    #[arg(long, value_name = "N", value_parser = params)]
    suggest: Option<f64>,
    /// Aspect ratio d_model/layers of the suggestion (default 75, Chinchilla's median).
    #[arg(long, value_name = "R", value_parser = positive, requires = "suggest")]
    aspect: Option<f64>,
    /// The suggestion's vocabulary, context, FFN and KV heads: chinchilla (default) or llama3.
    #[arg(long, value_name = "T", value_parser = ["chinchilla", "llama3"], requires = "suggest")]
    template: Option<String>,
    /// List the preset ids with their computed and published counts.
    #[arg(long)]
    presets: bool,
    /// Transformer layers (a typed shape needs --d-model, --heads, --ffn, --vocab, --context).
    #[arg(long, value_name = "L", value_parser = dimension,
          requires_all = ["d_model", "heads", "ffn", "vocab", "context"])]
    layers: Option<u64>,
    /// Model width d_model.
    #[arg(long, value_name = "D", value_parser = dimension, requires = "layers")]
    d_model: Option<u64>,
    /// Query heads.
    #[arg(long, value_name = "H", value_parser = dimension, requires = "layers")]
    heads: Option<u64>,
    /// Key/value heads (GQA; 1 for MQA); default as many as --heads.
    #[arg(long, value_name = "G", value_parser = dimension, requires = "layers")]
    kv_heads: Option<u64>,
    /// Head size; default d_model / heads.
    #[arg(long, value_name = "K", value_parser = dimension, requires = "layers")]
    head_size: Option<u64>,
    /// Feed-forward hidden width.
    #[arg(long, value_name = "F", value_parser = dimension, requires = "layers")]
    ffn: Option<u64>,
    /// A gated (SwiGLU) feed-forward block: three matrices instead of two.
    #[arg(long, requires = "layers")]
    gated: bool,
    /// Vocabulary size.
    #[arg(long, value_name = "V", value_parser = dimension, requires = "layers")]
    vocab: Option<u64>,
    /// Context (training sequence) length.
    #[arg(long, value_name = "S", value_parser = dimension, requires = "layers")]
    context: Option<u64>,
    /// One matrix for input embedding and output logits.
    #[arg(long, requires = "layers")]
    tied: bool,
    /// Position parameters (default none: rotary or ALiBi).
    #[arg(long, value_name = "P", value_parser = ["none", "learned", "relative"], requires = "layers")]
    position: Option<String>,
    /// Bias vectors (default none).
    #[arg(long, value_name = "B", value_parser = ["none", "qkv", "all"], requires = "layers")]
    bias: Option<String>,
    /// Normalisation parameters (default rmsnorm).
    #[arg(long, value_name = "N", value_parser = ["rmsnorm", "layernorm", "none"], requires = "layers")]
    norm: Option<String>,
    /// Bytes per parameter of the training state (default mixed-adam, 16 B/param).
    #[arg(long, value_name = "RECIPE", value_parser = recipe_parser())]
    memory: Option<Recipe>,
    /// How the training state is split over devices (default none).
    #[arg(long, value_name = "S", value_parser = sharding_parser())]
    sharding: Option<Sharding>,
    /// Accelerator: the fewest of them that hold the training state.
    #[arg(long, value_name = "ID", ignore_case = true, value_parser = gpu_parser())]
    gpu: Option<&'static Accelerator>,
    /// Number of devices the state is spread over (default 1).
    #[arg(long, value_name = "K", value_parser = whole, requires = "gpu")]
    count: Option<u64>,
    /// One JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// A shape preset by id (case-insensitive); its error points at `--presets`.
pub(super) fn preset_entry(s: &str) -> Result<ShapePreset, String> {
    shape_preset(s)
        .ok_or_else(|| "unknown shape preset (isoflop-cli shape --presets lists them)".to_string())
}

/// A shape preset's shape, for `allocate --shape-preset`.
pub(super) fn preset(s: &str) -> Result<Shape, String> {
    preset_entry(s).map(|p| p.shape)
}

/// The conventions by id.
pub(super) fn convention_parser() -> impl TypedValueParser<Value = Convention> {
    let ids: Vec<&'static str> = Convention::ALL.iter().map(|c| c.id()).collect();
    PossibleValuesParser::new(ids).map(|s| Convention::from_id(&s).unwrap_or(Convention::Palm))
}

fn recipe_parser() -> impl TypedValueParser<Value = Recipe> {
    let ids: Vec<&'static str> = Recipe::ALL.iter().map(|r| r.id()).collect();
    PossibleValuesParser::new(ids).map(|s| Recipe::from_id(&s).unwrap_or(Recipe::MixedAdam))
}

fn sharding_parser() -> impl TypedValueParser<Value = Sharding> {
    PossibleValuesParser::new(["none", "zero1", "zero2", "zero3", "fsdp"])
        .map(|s| Sharding::from_id(&s).unwrap_or(Sharding::None))
}

/// A dimension as typed: any whole number, zero included, so that the law layer says what the
/// accepted range is (`4,096` and `14_336` read as numbers).
fn dimension(s: &str) -> Result<u64, String> {
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '_'))
        .collect();
    if compact.is_empty() || !compact.chars().all(|c| c.is_ascii_digit()) {
        return Err("needs a whole number, e.g. 4096".to_string());
    }
    compact
        .parse()
        .map_err(|_| "too large for any shape".to_string())
}

/// The option that sets `field`, for refusals.
fn flag(field: ShapeField) -> &'static str {
    match field {
        ShapeField::Layers => "--layers",
        ShapeField::DModel => "--d-model",
        ShapeField::Heads => "--heads",
        ShapeField::KvHeads => "--kv-heads",
        ShapeField::HeadSize => "--head-size",
        ShapeField::Ffn => "--ffn",
        ShapeField::Vocab => "--vocab",
        ShapeField::Context => "--context",
        ShapeField::Params => "--suggest",
        ShapeField::AspectRatio => "--aspect",
        ShapeField::FfnRatio => "--template",
    }
}

/// One line per refused field: `isoflop-cli shape: --heads: heads must divide d_model …`.
fn refused(e: &ShapeError) -> Outcome {
    let lines: String = e
        .errors()
        .iter()
        .map(|f| format!("isoflop-cli shape: {}: {}\n", flag(f.field), f.message()))
        .collect();
    Outcome::failed(String::new(), lines)
}

impl ShapeArgs {
    fn typed(&self) -> Result<Shape, ShapeError> {
        let position = match self.position.as_deref() {
            Some("learned") => Position::Learned,
            Some("relative") => Position::Relative,
            _ => Position::None,
        };
        let bias = match self.bias.as_deref() {
            Some("qkv") => Bias::Qkv,
            Some("all") => Bias::All,
            _ => Bias::None,
        };
        let norm = match self.norm.as_deref() {
            Some("layernorm") => Norm::LayerNorm,
            Some("none") => Norm::None,
            _ => Norm::RmsNorm,
        };
        ShapeSpec {
            // clap requires them all with --layers.
            layers: self.layers.unwrap_or(0),
            d_model: self.d_model.unwrap_or(0),
            heads: self.heads.unwrap_or(0),
            kv_heads: self.kv_heads,
            head_size: self.head_size,
            ffn: self.ffn.unwrap_or(0),
            gated: self.gated,
            vocab: self.vocab.unwrap_or(0),
            context: self.context.unwrap_or(0),
            tied_embeddings: self.tied,
            position,
            bias,
            norm,
        }
        .build()
    }

    fn suggestion(&self, n: f64) -> Result<Suggestion, ShapeError> {
        let template = match self.template.as_deref() {
            Some("llama3") => Template::llama3(),
            _ => Template::chinchilla(),
        };
        suggest(n, self.aspect.unwrap_or(DEFAULT_ASPECT_RATIO), &template)
    }
}

/// `--presets`: one line per preset, or a JSON array.
fn list(as_json: bool) -> String {
    let presets = shape_presets();
    if as_json {
        let list: Vec<Value> = presets
            .iter()
            .map(|p| {
                json!({"id": p.id, "name": p.name, "family": p.family, "citation": p.citation,
                       "n_params": p.shape.params().total, "published": p.published})
            })
            .collect();
        return format!("{}\n", Value::Array(list));
    }
    presets
        .iter()
        .map(|p| {
            format!(
                "{:<22} {:<30} {:>7} (published {})\n",
                p.id,
                p.name,
                format_count(p.shape.params().total as f64),
                format_count(p.published.params)
            )
        })
        .collect()
}

/// Prints the report; a shape the law refuses exits 1 with each wrong option and its reason.
pub(super) fn run(args: &ShapeArgs) -> Outcome {
    if args.presets {
        return Outcome::ok(list(args.json));
    }
    let mut extra_json = serde_json::Map::new();
    let mut extra_text = Vec::new();
    let shape = if let Some(p) = &args.preset {
        extra_json.insert(
            "preset".into(),
            json!({"id": p.id, "name": p.name, "citation": p.citation, "published": p.published}),
        );
        extra_text.push(format!("Preset: {} — {}", p.name, preset_note(p, Lang::En)));
        p.shape
    } else if let Some(n) = args.suggest {
        match args.suggestion(n) {
            Ok(s) => {
                extra_json.insert(
                    "suggestion".into(),
                    json!({"target": s.target, "deviation": s.deviation, "aspect_ratio": s.aspect_ratio}),
                );
                extra_text.push(format!(
                    "Suggested for {} parameters: {:+.2} % off, aspect ratio {:.1}",
                    format_count(s.target),
                    100.0 * s.deviation,
                    s.aspect_ratio
                ));
                s.shape
            }
            Err(e) => return refused(&e),
        }
    } else {
        match args.typed() {
            Ok(shape) => shape,
            Err(e) => return refused(&e),
        }
    };
    let report = ShapeReport::new(&shape);
    if args.memory.is_some() || args.sharding.is_some() || args.gpu.is_some() {
        let recipe = args.memory.unwrap_or(Recipe::MixedAdam);
        let sharding = args.sharding.unwrap_or(Sharding::None);
        let n = report.n_params as f64;
        let devices = args.count.unwrap_or(1);
        let state = crate::law::shape::model_state(n, recipe, sharding, devices);
        let mut value = state
            .as_ref()
            .ok()
            .and_then(|m| serde_json::to_value(m).ok())
            .unwrap_or(Value::Null);
        match (args.gpu, value.as_object_mut()) {
            (Some(gpu), Some(object)) => {
                let fewest =
                    crate::law::shape::fewest_devices(n, recipe, sharding, gpu.memory_bytes).ok();
                object.insert("gpu".into(), json!(gpu.id));
                object.insert("device_memory_bytes".into(), json!(gpu.memory_bytes));
                object.insert("fewest_devices".into(), json!(fewest.flatten()));
                extra_text.extend(memory(n, recipe, sharding, gpu, devices, Lang::En));
            }
            _ => match &state {
                Ok(m) => extra_text.push(format!(
                    "Model state: {} B/param ({}) × {} parameters = {} (activations not counted); \
                     {} on each of {devices} devices ({})",
                    m.bytes_per_param,
                    recipe.label(),
                    format_count(n),
                    bytes(m.total_bytes),
                    bytes(m.per_device_bytes),
                    sharding_label(sharding, Lang::En)
                )),
                Err(e) => extra_text.push(e.to_string()),
            },
        }
        extra_json.insert("memory".into(), value);
    }
    if args.json {
        let mut value = serde_json::to_value(report).unwrap_or(Value::Null);
        if let Some(object) = value.as_object_mut() {
            object.extend(extra_json);
        }
        Outcome::ok(format!("{value}\n"))
    } else {
        let mut out = render_text(&report);
        for line in extra_text {
            out.push_str(&line);
            out.push('\n');
        }
        Outcome::ok(out)
    }
}
