//! A shape for any parameter count: d_model a multiple of 128, heads of 128 (64 below 1B
//! parameters), layers from an aspect ratio d_model / layers.

use super::count::{conventions, ConventionValue};
use super::presets::chinchilla_like;
use super::{
    Bias, Norm, Position, Shape, ShapeError, ShapeField, ShapeSpec, MAX_D_MODEL, MAX_HEADS,
    MAX_LAYERS,
};

/// The default aspect ratio d_model / layers: 75, the median of Chinchilla Table A9's rows,
/// which range from 40 to 109 (Hoffmann et al. 2022).
pub const DEFAULT_ASPECT_RATIO: f64 = 75.0;

/// Accepted aspect ratios (inclusive).
pub const ASPECT_RATIO_RANGE: (f64, f64) = (4.0, 1024.0);

/// The largest parameter count a suggestion is asked for: 10^15.
const MAX_TARGET: f64 = 1e15;

/// d_model is a multiple of this.
const WIDTH_STEP: u64 = 128;

/// How much a miss in log aspect ratio weighs against a miss in log parameter count.
const ASPECT_WEIGHT: f64 = 0.1;

/// Below this many parameters heads are 64 wide, from it on 128.
const WIDE_HEADS_FROM: f64 = 1e9;

/// Everything about a suggested shape except its size: vocabulary, context, FFN form,
/// embeddings, KV heads, positions, biases and norms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Template {
    /// Vocabulary size.
    pub vocab: u64,
    /// Context length.
    pub context: u64,
    /// Gated (three-matrix) feed-forward block.
    pub gated: bool,
    /// FFN width as a multiple of d_model; the width is rounded up to a multiple of 128.
    pub ffn_ratio: f64,
    /// Tied input and output embeddings.
    pub tied_embeddings: bool,
    /// KV heads: `None` for as many as the query heads, `Some(g)` for g (d_model is then also a
    /// multiple of g × head size, so the query heads split into g equal groups).
    pub kv_heads: Option<u64>,
    /// Position parameters.
    pub position: Position,
    /// Bias vectors.
    pub bias: Bias,
    /// Normalisation parameters.
    pub norm: Norm,
}

impl Default for Template {
    fn default() -> Self {
        Template::chinchilla()
    }
}

impl Template {
    /// Chinchilla's models (Hoffmann et al. 2022, Table A9): FFN 4·d_model, vocabulary 32,000,
    /// context 2048, counted as the Chinchilla presets are. The default.
    #[must_use]
    pub fn chinchilla() -> Self {
        Template::from_spec(&chinchilla_like(1, 128, 1, 128, 512))
    }

    /// Llama 3's (Dubey et al. 2024, Table 3): SwiGLU with FFN 3.5·d_model, 8 KV heads,
    /// vocabulary 128,256, context 8192, untied, RMSNorm, no biases.
    #[must_use]
    pub fn llama3() -> Self {
        Template {
            vocab: 128_256,
            context: 8192,
            gated: true,
            ffn_ratio: 3.5,
            tied_embeddings: false,
            kv_heads: Some(8),
            position: Position::None,
            bias: Bias::None,
            norm: Norm::RmsNorm,
        }
    }

    /// The template of an existing shape (its FFN ratio, KV heads, vocabulary, …).
    #[must_use]
    pub fn from_shape(shape: &Shape) -> Self {
        let mut template = Template::from_spec(&shape.spec());
        template.kv_heads = (shape.kv_heads() != shape.heads()).then_some(shape.kv_heads().into());
        template
    }

    /// The step of d_model: 128, or its least common multiple with g × head size for g KV heads.
    fn width_step(&self, head_size: u64) -> u64 {
        match self.kv_heads {
            Some(g) if g > 1 => lcm(WIDTH_STEP, g.min(MAX_HEADS) * head_size),
            _ => WIDTH_STEP,
        }
    }

    fn from_spec(spec: &ShapeSpec) -> Self {
        Template {
            vocab: spec.vocab,
            context: spec.context,
            gated: spec.gated,
            ffn_ratio: spec.ffn as f64 / spec.d_model.max(1) as f64,
            tied_embeddings: spec.tied_embeddings,
            kv_heads: None,
            position: spec.position,
            bias: spec.bias,
            norm: spec.norm,
        }
    }

    /// The spec with this width, depth and head size.
    fn spec(&self, d_model: u64, layers: u64, head_size: u64) -> ShapeSpec {
        let heads = d_model / head_size;
        let kv_heads = self.kv_heads.map(|g| {
            // The width step makes g divide the heads; the largest divisor not above g is a guard.
            (1..=g.clamp(1, heads))
                .rev()
                .find(|k| heads.is_multiple_of(*k))
                .unwrap_or(1)
        });
        let ffn = (self.ffn_ratio * d_model as f64 / WIDTH_STEP as f64).ceil() as u64 * WIDTH_STEP;
        ShapeSpec {
            layers,
            d_model,
            heads,
            kv_heads,
            head_size: Some(head_size),
            ffn: ffn.max(WIDTH_STEP),
            gated: self.gated,
            vocab: self.vocab,
            context: self.context,
            tied_embeddings: self.tied_embeddings,
            position: self.position,
            bias: self.bias,
            norm: self.norm,
        }
    }
}

/// A suggested shape and how close it lands.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    /// The parameter count asked for.
    pub target: f64,
    /// The shape.
    pub shape: Shape,
    /// Its exact parameter count.
    pub n_params: u64,
    /// n_params / target − 1.
    pub deviation: f64,
    /// Its actual d_model / layers.
    pub aspect_ratio: f64,
    /// Its FLOPs per token under every convention.
    pub flops_per_token: Vec<ConventionValue>,
}

/// Suggest a shape of about `n_params` parameters: d_model is the multiple of 128 (and of
/// g × head size when the template fixes g KV heads) at which a model of `aspect_ratio` =
/// d_model / layers has `n_params` parameters, heads are 128 wide (64 below 1B parameters), and
/// the layers are the whole number that brings the count closest to `n_params`. Of the two
/// widths around the crossing, the one minimising |ln(N / n_params)| + 0.1·|ln(aspect /
/// aspect_ratio)| wins. Below the smallest shape (one width step, one layer) that shape is
/// returned with its deviation.
pub fn suggest(
    n_params: f64,
    aspect_ratio: f64,
    template: &Template,
) -> Result<Suggestion, ShapeError> {
    let mut errors = Vec::new();
    if !(n_params.is_finite() && n_params > 0.0 && n_params <= MAX_TARGET) {
        errors.push(super::FieldError {
            field: ShapeField::Params,
            problem: super::Problem::SuggestParams {
                max: MAX_TARGET,
                got: n_params,
            },
        });
    }
    let (lo, hi) = ASPECT_RATIO_RANGE;
    if !(aspect_ratio.is_finite() && (lo..=hi).contains(&aspect_ratio)) {
        errors.push(super::FieldError {
            field: ShapeField::AspectRatio,
            problem: super::Problem::Aspect {
                lo,
                hi,
                got: aspect_ratio,
            },
        });
    }
    if !(template.ffn_ratio.is_finite() && (0.25..=16.0).contains(&template.ffn_ratio)) {
        errors.push(super::FieldError {
            field: ShapeField::FfnRatio,
            problem: super::Problem::FfnRatio {
                got: template.ffn_ratio,
            },
        });
    }
    if !errors.is_empty() {
        return Err(ShapeError::new(errors));
    }
    let head_size = if n_params < WIDE_HEADS_FROM { 64 } else { 128 };
    // The count is linear in the layers: N(d, L) = fixed(d) + L·per_layer(d).
    let linear = |d: u64| -> Result<(f64, f64), ShapeError> {
        let one = template.spec(d, 1, head_size).build()?.params().total as f64;
        let two = template.spec(d, 2, head_size).build()?.params().total as f64;
        Ok((two - one, one - (two - one)))
    };
    // The real-valued layers a width needs; the width's aspect at that depth grows with d.
    let mut candidates = Vec::new();
    let mut crossed = false;
    let step = template.width_step(head_size);
    let mut d = step;
    while d <= MAX_D_MODEL {
        let (per_layer, fixed) = linear(d)?;
        let layers = (n_params - fixed) / per_layer;
        candidates.push((d, per_layer, fixed));
        if layers < 1.0 || d as f64 / layers >= aspect_ratio {
            crossed = true;
            break;
        }
        d += step;
    }
    if !crossed {
        return Err(too_large(n_params, aspect_ratio));
    }
    let last = candidates.len();
    let mut best: Option<(f64, u64, u64)> = None;
    for &(d, per_layer, fixed) in &candidates[last.saturating_sub(2)..] {
        let layers = ((n_params - fixed) / per_layer)
            .round()
            .clamp(1.0, MAX_LAYERS as f64 + 1.0);
        let count = fixed + layers * per_layer;
        let miss = (count / n_params).ln().abs();
        let aspect_miss = (d as f64 / layers / aspect_ratio).ln().abs();
        // The count matters more than the aspect ratio, to which loss is nearly flat over a wide
        // range (Kaplan et al. 2020, Fig. 5): a 10 % aspect miss weighs as a 1 % count miss.
        let score = miss + ASPECT_WEIGHT * aspect_miss;
        if best.is_none_or(|(s, _, _)| score < s) {
            best = Some((score, d, layers as u64));
        }
    }
    let Some((_, d, layers)) = best else {
        return Err(too_large(n_params, aspect_ratio));
    };
    if layers > MAX_LAYERS {
        return Err(too_large(n_params, aspect_ratio));
    }
    let shape = template.spec(d, layers, head_size).build()?;
    let n = shape.params().total;
    Ok(Suggestion {
        target: n_params,
        shape,
        n_params: n,
        deviation: n as f64 / n_params - 1.0,
        aspect_ratio: shape.aspect_ratio(),
        flops_per_token: conventions(&shape),
    })
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn lcm(a: u64, b: u64) -> u64 {
    a / gcd(a, b) * b
}

fn too_large(n_params: f64, aspect_ratio: f64) -> ShapeError {
    ShapeError::one(
        ShapeField::Params,
        super::Problem::TooLarge {
            max_d_model: MAX_D_MODEL,
            max_layers: MAX_LAYERS,
            n_params,
            aspect: aspect_ratio,
        },
    )
}
