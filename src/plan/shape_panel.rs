//! The model-shape section as text: the shape's counts, a row per FLOPs convention, the
//! suggested shape for an N, and the memory its training state needs. The page's component
//! and the command line only print what these return.

use super::Plan;
use crate::law::hardware::Accelerator;
use crate::law::quantity::{format_count, format_flops, significant};
use crate::law::shape::{
    conventions, describe, fewest_devices, grouped, model_state, shape_presets, suggest, Bias,
    Convention, CountPrecision, Family, Norm, Position, Recipe, Shape, ShapePreset, Sharding,
    Suggestion, Template,
};
use crate::permalink::{Config, ShapeConfig};

/// "8.03B parameters (8,030,261,248) = 7.50B non-embedding + 525M embedding".
#[must_use]
pub fn counts(shape: &Shape) -> String {
    let p = shape.params();
    format!(
        "{} parameters ({}) = {} non-embedding + {} embedding",
        format_count(p.total as f64),
        grouped(p.total),
        format_count(p.non_embedding as f64),
        format_count(p.embedding as f64)
    )
}

/// Where a preset's shape comes from, and its computed total against the published count.
#[must_use]
pub fn preset_note(preset: &ShapePreset) -> String {
    let total = preset.shape.params().total as f64;
    let published = &preset.published;
    let kind = match published.precision {
        CountPrecision::Printed => "printed",
        CountPrecision::SizeClass => "a size name, not a count",
    };
    format!(
        "{}. Published: {} ({kind}; {}); computed {} ({:+.1} %).",
        preset.citation,
        format_count(published.params),
        published.source,
        format_count(total),
        100.0 * (total / published.params - 1.0)
    )
}

/// One row of the conventions table.
#[derive(Debug, Clone, PartialEq)]
pub struct ConventionRow {
    pub id: &'static str,
    pub label: &'static str,
    /// Training FLOPs per token, `6.11e10`.
    pub flops: String,
    /// Over 6N to three decimals, `1.267×` (Table A4 prints two).
    pub ratio: String,
    /// The formula and the citation, for hover.
    pub title: String,
    /// Whether the tokens and days at true cost use this convention.
    pub chosen: bool,
}

/// A row per convention, in [`Convention::ALL`] order.
#[must_use]
pub fn convention_rows(shape: &Shape, chosen: Convention) -> Vec<ConventionRow> {
    conventions(shape)
        .into_iter()
        .map(|c| ConventionRow {
            id: c.id,
            label: c.label,
            flops: format_flops(c.flops_per_token),
            ratio: format!("{:.3}×", c.ratio_to_6n),
            title: format!("{} — {}", c.formula, c.citation),
            chosen: c.id == chosen.id(),
        })
        .collect()
}

/// The conventions as a picker lists them: id, label, and formula with citation for hover.
#[must_use]
pub fn convention_options() -> Vec<(&'static str, &'static str, String)> {
    Convention::ALL
        .into_iter()
        .map(|c| {
            (
                c.id(),
                c.label(),
                format!("{} — {}", c.formula(), c.citation()),
            )
        })
        .collect()
}

/// The presets grouped by family, in display order: (family name, [(id, name)]).
#[must_use]
pub fn preset_groups() -> Vec<(&'static str, Vec<(String, String)>)> {
    let presets = shape_presets();
    Family::ALL
        .into_iter()
        .map(|family| {
            let members = presets
                .iter()
                .filter(|p| p.family == family)
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect();
            (family.label(), members)
        })
        .collect()
}

/// The picker's words for a position scheme.
#[must_use]
pub fn position_label(p: Position) -> &'static str {
    match p {
        Position::None => "None (rotary, ALiBi)",
        Position::Learned => "Learned table (GPT-2, GPT-3)",
        Position::Relative => "Relative (Transformer-XL; Gopher, Chinchilla)",
    }
}

/// The picker's words for a bias scheme.
#[must_use]
pub fn bias_label(b: Bias) -> &'static str {
    match b {
        Bias::None => "None (Llama, DeepSeek)",
        Bias::Qkv => "Q, K, V only (Qwen2.5)",
        Bias::All => "Every projection (GPT-3)",
    }
}

/// The picker's words for the norms.
#[must_use]
pub fn norm_label(n: Norm) -> &'static str {
    match n {
        Norm::RmsNorm => "RMSNorm (a gain)",
        Norm::LayerNorm => "LayerNorm (gain and bias)",
        Norm::None => "Not counted (Kaplan, DeepSeek)",
    }
}

/// The section's description of its shape: counts, dimensions, and for a preset its source
/// against the published count; `None` without a shape.
#[must_use]
pub fn summary(config: &ShapeConfig) -> Option<(String, String, Option<String>)> {
    let shape = config.shape()?;
    Some((
        counts(&shape),
        describe(&shape),
        config.preset().map(|p| preset_note(&p)),
    ))
}

/// The memory lines for the section's shape on the configured accelerator and device count.
#[must_use]
pub fn shape_memory(config: &Config) -> Option<Vec<String>> {
    let shape = config.shape.shape()?;
    Some(memory(
        shape.params().total as f64,
        config.shape.recipe,
        config.shape.sharding,
        config.hardware.accelerator,
        config.hardware.count,
    ))
}

/// The picker's words for a sharding.
#[must_use]
pub fn sharding_label(s: Sharding) -> &'static str {
    match s {
        Sharding::None => "Not sharded (plain data parallel)",
        Sharding::Zero1 => "ZeRO-1: optimizer state sharded",
        Sharding::Zero2 => "ZeRO-2: optimizer state and gradients sharded",
        Sharding::Zero3 => "ZeRO-3 / FSDP: everything sharded",
    }
}

/// A suggested shape for the section's N, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionText {
    /// What N the shape is for and where it comes from.
    pub heading: String,
    /// The shape and how close it lands, or the reason there is none.
    pub body: Result<String, String>,
    /// The suggested shape, to use it.
    pub shape: Option<Shape>,
}

/// The N a suggestion is for: the section's own, else the first answered law's, with words
/// saying which.
#[must_use]
pub fn suggestion_target(config: &ShapeConfig, plan: &Plan) -> Option<(f64, String)> {
    if let Some(n) = config.suggest_params {
        return Some((n, format!("For {} parameters", format_count(n))));
    }
    plan.rows.iter().find_map(|row| {
        let v = row.values.as_ref().ok()?;
        let n = v.allocation.n_params;
        Some((
            n,
            format!(
                "For {} parameters ({}'s N for this question)",
                format_count(n),
                row.law.name
            ),
        ))
    })
}

/// The template a suggestion follows: the current shape's vocabulary, context, FFN ratio and
/// KV heads when there is one, else Chinchilla's (Hoffmann et al. 2022, Table A9).
#[must_use]
pub fn suggestion_template(config: &ShapeConfig) -> (Template, &'static str) {
    match config.shape() {
        Some(shape) => (
            Template::from_shape(&shape),
            "like the current shape (its vocabulary, context, FFN ratio, KV heads)",
        ),
        None => (
            Template::chinchilla(),
            "like Chinchilla's models (FFN 4·d_model, vocabulary 32,000, context 2048)",
        ),
    }
}

/// The suggested shape for the section's N at its aspect ratio.
#[must_use]
pub fn suggestion(config: &Config, plan: &Plan) -> SuggestionText {
    let shape_config = &config.shape;
    let (template, like) = suggestion_template(shape_config);
    let Some((n, heading)) = suggestion_target(shape_config, plan) else {
        return SuggestionText {
            heading: "No law answered this question".into(),
            body: Err("Type the N to suggest a shape for.".into()),
            shape: None,
        };
    };
    let heading = format!(
        "{heading}, aspect ratio d_model/layers {}, {like}:",
        significant(shape_config.aspect_ratio, 3)
    );
    match suggest(n, shape_config.aspect_ratio, &template) {
        Ok(s) => SuggestionText {
            heading,
            body: Ok(suggestion_body(&s, shape_config.convention)),
            shape: Some(s.shape),
        },
        Err(e) => SuggestionText {
            heading,
            body: Err(e.to_string()),
            shape: None,
        },
    }
}

fn suggestion_body(s: &Suggestion, convention: Convention) -> String {
    let flops = convention.flops_per_token(&s.shape);
    format!(
        "{}. Exactly {} parameters ({:+.1} % from the target), aspect {}; {} FLOPs per token under {} ({}× 6N).",
        describe(&s.shape),
        grouped(s.n_params),
        100.0 * s.deviation,
        significant(s.aspect_ratio, 3),
        format_flops(flops),
        convention.label(),
        significant(flops / (6.0 * s.n_params as f64), 4)
    )
}

/// Bytes as `80 GB`, `128 GB`, `1.12 TB`, `512 MB`: three significant figures without trailing
/// zeros, in 10^3 steps as accelerator datasheets print them.
#[must_use]
pub fn bytes(x: f64) -> String {
    const UNITS: [(f64, &str); 5] = [
        (1e15, "PB"),
        (1e12, "TB"),
        (1e9, "GB"),
        (1e6, "MB"),
        (1e3, "kB"),
    ];
    let (scale, unit) = UNITS
        .into_iter()
        .find(|(scale, _)| x >= scale * 0.9995)
        .unwrap_or((1.0, "B"));
    let digits = significant(x / scale, 3);
    let digits = if digits.contains('.') && !digits.contains('e') {
        digits
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        digits
    };
    format!("{digits} {unit}")
}

/// The training state of `n_params` parameters: its size, the fewest devices of `accelerator`
/// that hold it, and what each of `count` devices holds. Activations are not counted.
#[must_use]
pub fn memory(
    n_params: f64,
    recipe: Recipe,
    sharding: Sharding,
    accelerator: &Accelerator,
    count: u64,
) -> Vec<String> {
    let mut lines = Vec::new();
    let whole = match model_state(n_params, recipe, sharding, 1) {
        Ok(m) => m,
        Err(e) => return vec![e.to_string()],
    };
    lines.push(format!(
        "Model state: {} × {} parameters = {} (activations not counted).",
        recipe.label(),
        format_count(n_params),
        bytes(whole.total_bytes)
    ));
    let device = format!("{} ({})", accelerator.name, bytes(accelerator.memory_bytes));
    lines.push(
        match fewest_devices(n_params, recipe, sharding, accelerator.memory_bytes) {
            Ok(Some(1)) => format!("One {device} holds it ({}).", sharding_label(sharding)),
            Ok(Some(k)) => format!(
                "Fewest {device} that hold it: {k} ({}).",
                sharding_label(sharding)
            ),
            Ok(None) if sharding == Sharding::Zero3 => {
                format!("No number of {device} holds it.")
            }
            Ok(None) => format!(
                "No number of {device} holds it {}: the part every device keeps whole is too big; shard more.",
                match sharding {
                    Sharding::None => "unsharded",
                    _ => "this way",
                }
            ),
            Err(e) => e.to_string(),
        },
    );
    if let Ok(m) = model_state(n_params, recipe, sharding, count) {
        let fits = if m.per_device_bytes <= accelerator.memory_bytes {
            "fits"
        } else {
            "does not fit"
        };
        lines.push(format!(
            "On your {count} devices: {} each ({fits} in {}).",
            bytes(m.per_device_bytes),
            bytes(accelerator.memory_bytes)
        ));
    }
    lines
}
