//! The model-shape section as text: the shape's counts, a row per FLOPs convention, the
//! suggested shape for an N, and the memory its training state needs. The page's component
//! and the command line only print what these return.

pub use super::shape_words::{bias_label, describe_in, norm_label, position_label, sharding_label};
use super::Plan;
use crate::i18n::{shape as cat, Lang};
use crate::law::hardware::Accelerator;
use crate::law::quantity::{format_count_in, format_flops, significant};
use crate::law::shape::{
    conventions, fewest_devices, grouped, model_state, shape_presets, suggest, Convention,
    CountPrecision, Family, Recipe, Shape, ShapePreset, Sharding, Suggestion, Template,
};
use crate::permalink::{Config, ShapeConfig};

/// "8.03B parameters (8,030,261,248) = 7.50B non-embedding + 525M embedding".
#[must_use]
pub fn counts(shape: &Shape, lang: Lang) -> String {
    let p = shape.params();
    cat::counts(
        lang,
        &format_count_in(p.total as f64, lang),
        &grouped(p.total),
        &format_count_in(p.non_embedding as f64, lang),
        &format_count_in(p.embedding as f64, lang),
    )
}

/// Where a preset's shape comes from, and its computed total against the published count.
#[must_use]
pub fn preset_note(preset: &ShapePreset, lang: Lang) -> String {
    let total = preset.shape.params().total as f64;
    let published = &preset.published;
    let kind = match published.precision {
        CountPrecision::Printed => cat::precision_printed(lang),
        CountPrecision::SizeClass => cat::precision_size_class(lang),
    };
    cat::preset_note(
        lang,
        &preset.citation,
        &format_count_in(published.params, lang),
        &kind,
        &published.source,
        &format_count_in(total, lang),
        &format!("{:+.1}", 100.0 * (total / published.params - 1.0)),
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
pub fn convention_rows(shape: &Shape, chosen: Convention, lang: Lang) -> Vec<ConventionRow> {
    conventions(shape)
        .into_iter()
        .map(|c| ConventionRow {
            id: c.id,
            label: Convention::from_id(c.id).map_or(c.label, |k| k.label_in(lang)),
            flops: format_flops(c.flops_per_token),
            ratio: format!("{:.3}×", c.ratio_to_6n),
            title: format!(
                "{} — {}",
                c.formula,
                Convention::from_id(c.id).map_or(c.citation, |k| k.citation_in(lang))
            ),
            chosen: c.id == chosen.id(),
        })
        .collect()
}

/// The conventions as a picker lists them: id, label, and formula with citation for hover.
#[must_use]
pub fn convention_options(lang: Lang) -> Vec<(&'static str, &'static str, String)> {
    Convention::ALL
        .into_iter()
        .map(|c| {
            (
                c.id(),
                c.label_in(lang),
                format!("{} — {}", c.formula(), c.citation_in(lang)),
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

/// The section's description of its shape: counts, dimensions, and for a preset its source
/// against the published count; `None` without a shape.
#[must_use]
pub fn summary(config: &ShapeConfig, lang: Lang) -> Option<(String, String, Option<String>)> {
    let shape = config.shape()?;
    Some((
        counts(&shape, lang),
        describe_in(&shape, lang),
        config.preset().map(|p| preset_note(&p, lang)),
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
        config.lang,
    ))
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
pub fn suggestion_target(config: &ShapeConfig, plan: &Plan, lang: Lang) -> Option<(f64, String)> {
    if let Some(n) = config.suggest_params {
        return Some((n, cat::suggest_for(lang, &format_count_in(n, lang))));
    }
    plan.rows.iter().find_map(|row| {
        let v = row.values.as_ref().ok()?;
        let n = v.allocation.n_params;
        Some((
            n,
            cat::suggest_for_law(lang, &format_count_in(n, lang), &row.law.name),
        ))
    })
}

/// The template a suggestion follows: the current shape's vocabulary, context, FFN ratio and
/// KV heads when there is one, else Chinchilla's (Hoffmann et al. 2022, Table A9).
#[must_use]
pub fn suggestion_template(config: &ShapeConfig, lang: Lang) -> (Template, &'static str) {
    match config.shape() {
        Some(shape) => (
            Template::from_shape(&shape),
            cat::suggest_like_current(lang),
        ),
        None => (Template::chinchilla(), cat::suggest_like_chinchilla(lang)),
    }
}

/// The suggested shape for the section's N at its aspect ratio.
#[must_use]
pub fn suggestion(config: &Config, plan: &Plan) -> SuggestionText {
    let shape_config = &config.shape;
    let lang = config.lang;
    let (template, like) = suggestion_template(shape_config, lang);
    let Some((n, heading)) = suggestion_target(shape_config, plan, lang) else {
        return SuggestionText {
            heading: cat::suggest_no_law(lang).into(),
            body: Err(cat::suggest_type_n(lang).into()),
            shape: None,
        };
    };
    let heading = cat::suggest_heading(
        lang,
        &heading,
        &significant(shape_config.aspect_ratio, 3),
        &like,
    );
    match suggest(n, shape_config.aspect_ratio, &template) {
        Ok(s) => SuggestionText {
            heading,
            body: Ok(suggestion_body(&s, shape_config.convention, lang)),
            shape: Some(s.shape),
        },
        Err(e) => SuggestionText {
            heading,
            body: Err(e.text(lang)),
            shape: None,
        },
    }
}

fn suggestion_body(s: &Suggestion, convention: Convention, lang: Lang) -> String {
    let flops = convention.flops_per_token(&s.shape);
    cat::suggest_body(
        lang,
        &describe_in(&s.shape, lang),
        &grouped(s.n_params),
        &format!("{:+.1}", 100.0 * s.deviation),
        &significant(s.aspect_ratio, 3),
        &format_flops(flops),
        &convention.label_in(lang),
        &significant(flops / (6.0 * s.n_params as f64), 4),
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
    lang: Lang,
) -> Vec<String> {
    let mut lines = Vec::new();
    let whole = match model_state(n_params, recipe, sharding, 1) {
        Ok(m) => m,
        Err(e) => return vec![e.text(lang)],
    };
    lines.push(cat::memory_state(
        lang,
        &recipe.label_in(lang),
        &format_count_in(n_params, lang),
        &bytes(whole.total_bytes),
    ));
    let device = format!("{} ({})", accelerator.name, bytes(accelerator.memory_bytes));
    let shard = sharding_label(sharding, lang);
    lines.push(
        match fewest_devices(n_params, recipe, sharding, accelerator.memory_bytes) {
            Ok(Some(1)) => cat::memory_one_holds(lang, &device, &shard),
            Ok(Some(k)) => cat::memory_fewest(lang, &device, &k, &shard),
            Ok(None) if sharding == Sharding::Zero3 => cat::memory_none_zero3(lang, &device),
            Ok(None) if sharding == Sharding::None => cat::memory_none_unsharded(lang, &device),
            Ok(None) => cat::memory_none_this_way(lang, &device),
            Err(e) => e.text(lang),
        },
    );
    if let Ok(m) = model_state(n_params, recipe, sharding, count) {
        let (per_device, memory) = (bytes(m.per_device_bytes), bytes(accelerator.memory_bytes));
        lines.push(if m.per_device_bytes <= accelerator.memory_bytes {
            cat::memory_fits(lang, &count, &per_device, &memory)
        } else {
            cat::memory_does_not_fit(lang, &count, &per_device, &memory)
        });
    }
    lines
}
