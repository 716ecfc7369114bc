//! Model shapes: a decoder-only transformer described by its layers, widths, heads, vocabulary
//! and context, checked field by field; its exact parameter counts; its training FLOPs per token
//! under each published convention (Kaplan et al. 2020, Hoffmann et al. 2022 App. F, DeepSeek-AI
//! 2024 Eq. 2, Chowdhery et al. 2022 App. B); presets of published models; a suggested shape
//! for any N; the tokens a budget buys at a shape's true cost; and the memory its training
//! state needs.
//!
//! Build a [`Shape`] from a [`ShapeSpec`] (what the user typed) with [`ShapeSpec::build`], or
//! take one from [`shape_preset`]. A built shape is always valid, so its counts cannot fail.

mod count;
mod family;
mod field;
mod memory;
mod presets;
mod report;
mod series;
mod suggest;
mod tables;

pub(crate) use count::{appendix_f_forward_per_sequence, AppendixF};
pub use count::{
    conventions, tokens_for_budget, Convention, ConventionValue, ParamCounts, TrueCost,
};
pub use field::{FieldError, Problem, ShapeError, ShapeField};
pub use memory::{fewest_devices, model_state, MemoryPlan, Recipe, Sharding, StateBytes};
pub use presets::{
    shape_preset, shape_presets, CountPrecision, Family, PublishedCount, ShapePreset,
};
pub use report::{describe, grouped, render_text, FlopsPerToken, ShapeReport};
pub use series::{
    family_ratio_series, suggested_ratio_series, table_a4_points, PrintedRatio, RatioLine,
    RatioPoint, TABLE_A4_CITATION,
};
pub use suggest::{suggest, Suggestion, Template, ASPECT_RATIO_RANGE, DEFAULT_ASPECT_RATIO};
pub use tables::{TableA9Row, TABLE_A9, TABLE_A9_CITATION};

/// The largest accepted number of layers. Published dense models stop near 128 (Llama 3 405B
/// has 126; Dubey et al. 2024, Table 3); the limits keep every count below 2^53, exact in f64.
pub const MAX_LAYERS: u64 = 1024;
/// The largest accepted d_model (published dense models reach about 20k).
pub const MAX_D_MODEL: u64 = 131_072;
/// The largest accepted number of attention heads.
pub const MAX_HEADS: u64 = 4096;
/// The largest accepted head size.
pub const MAX_HEAD_SIZE: u64 = 1024;
/// The largest accepted feed-forward width.
pub const MAX_FFN: u64 = 1_048_576;
/// The largest accepted vocabulary (published vocabularies stop near 256k).
pub const MAX_VOCAB: u64 = 16_777_216;
/// The largest accepted context (sequence) length.
pub const MAX_CONTEXT: u64 = 16_777_216;

/// How positions enter the parameter count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum Position {
    /// No position parameters (rotary embeddings, ALiBi).
    #[default]
    #[serde(rename = "none")]
    None,
    /// A learned context × d_model table (GPT-2, GPT-3). Counted as embedding parameters, as
    /// Kaplan et al. 2020 (Table 1, "(n_vocab + n_ctx)·d_model") do.
    #[serde(rename = "learned")]
    Learned,
    /// Transformer-XL relative positions (Dai et al. 2019), as in Gopher and Chinchilla: per layer
    /// a d_model × (heads·head_size) projection and two biases of heads·head_size.
    #[serde(rename = "relative")]
    Relative,
}

/// Which linear layers carry a bias vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum Bias {
    /// No biases (Llama, DeepSeek LLM, Baichuan 2).
    #[default]
    #[serde(rename = "none")]
    None,
    /// Biases on the query, key and value projections only (Qwen2.5).
    #[serde(rename = "qkv")]
    Qkv,
    /// Biases on every attention and feed-forward projection (GPT-2, GPT-3).
    #[serde(rename = "all")]
    All,
}

/// The normalisation layers' parameters: two per layer (pre-attention, pre-FFN) and a final one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum Norm {
    /// RMSNorm: a gain of d_model per norm.
    #[default]
    #[serde(rename = "rmsnorm")]
    RmsNorm,
    /// LayerNorm: a gain and a bias, 2·d_model per norm.
    #[serde(rename = "layernorm")]
    LayerNorm,
    /// Norm parameters left out of the count, as Kaplan et al. 2020 (Eq. 2.1) and DeepSeek's
    /// Eq. 2 do.
    #[serde(rename = "none")]
    None,
}

/// A shape as typed, unchecked. [`ShapeSpec::build`] checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShapeSpec {
    /// Transformer layers.
    pub layers: u64,
    /// Model width d_model.
    pub d_model: u64,
    /// Query heads.
    pub heads: u64,
    /// Key/value heads; `None` means as many as `heads` (multi-head attention).
    pub kv_heads: Option<u64>,
    /// Head size; `None` means d_model / heads (which must then be whole).
    pub head_size: Option<u64>,
    /// Feed-forward hidden width.
    pub ffn: u64,
    /// A gated feed-forward block (SwiGLU: three matrices) instead of two matrices.
    pub gated: bool,
    /// Vocabulary size.
    pub vocab: u64,
    /// Context (training sequence) length.
    pub context: u64,
    /// One matrix for input embedding and output logits (tied), or two (untied).
    pub tied_embeddings: bool,
    /// Position parameters.
    pub position: Position,
    /// Bias vectors.
    pub bias: Bias,
    /// Normalisation parameters.
    pub norm: Norm,
}

/// A checked decoder-only transformer shape. Every field is in range and the heads divide as
/// they must, so every count and FLOPs figure of it is finite (and every count below 2^53).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Shape {
    layers: u32,
    d_model: u32,
    heads: u32,
    kv_heads: u32,
    head_size: u32,
    ffn: u32,
    gated: bool,
    vocab: u32,
    context: u32,
    tied_embeddings: bool,
    position: Position,
    bias: Bias,
    norm: Norm,
}

fn whole_in(errors: &mut Vec<FieldError>, field: ShapeField, value: u64, max: u64) -> u32 {
    if (1..=max).contains(&value) {
        // max ≤ 2^24, so the value fits.
        value as u32
    } else {
        errors.push(FieldError {
            field,
            problem: Problem::Whole { max, got: value },
        });
        1
    }
}

impl ShapeSpec {
    /// Check every field and build the shape, or say which fields are wrong and why.
    pub fn build(&self) -> Result<Shape, ShapeError> {
        use ShapeField as F;
        let mut errors = Vec::new();
        let e = &mut errors;
        let layers = whole_in(e, F::Layers, self.layers, MAX_LAYERS);
        let d_model = whole_in(e, F::DModel, self.d_model, MAX_D_MODEL);
        let heads = whole_in(e, F::Heads, self.heads, MAX_HEADS);
        let head_size = match self.head_size {
            Some(k) => whole_in(e, F::HeadSize, k, MAX_HEAD_SIZE),
            None if self.heads >= 1
                && self.d_model >= 1
                && self.d_model.is_multiple_of(self.heads) =>
            {
                let k = self.d_model / self.heads;
                if k <= MAX_HEAD_SIZE {
                    k as u32
                } else {
                    // The user typed heads, not a head size: the message belongs under heads.
                    e.push(FieldError {
                        field: F::Heads,
                        problem: Problem::HeadTooLarge {
                            max: MAX_HEAD_SIZE,
                            head: k,
                        },
                    });
                    1
                }
            }
            None => {
                if (1..=MAX_HEADS).contains(&self.heads)
                    && (1..=MAX_D_MODEL).contains(&self.d_model)
                {
                    e.push(FieldError {
                        field: F::Heads,
                        problem: Problem::HeadsDivide {
                            d_model: self.d_model,
                            heads: self.heads,
                        },
                    });
                }
                1
            }
        };
        let heads_ok = (1..=MAX_HEADS).contains(&self.heads);
        let kv_heads = match self.kv_heads {
            None => heads,
            // Judged against heads only once heads itself is valid.
            Some(_) if !heads_ok => 1,
            Some(g) if (1..=self.heads).contains(&g) && self.heads.is_multiple_of(g) => g as u32,
            Some(g) => {
                e.push(FieldError {
                    field: F::KvHeads,
                    problem: Problem::KvHeads {
                        got: g,
                        heads: self.heads,
                    },
                });
                1
            }
        };
        let ffn = whole_in(e, F::Ffn, self.ffn, MAX_FFN);
        let vocab = whole_in(e, F::Vocab, self.vocab, MAX_VOCAB);
        let context = whole_in(e, F::Context, self.context, MAX_CONTEXT);
        if !errors.is_empty() {
            // Report in the fields' display order.
            crate::sort::sort_by_key(&mut errors, |err| err.field as u8);
            return Err(ShapeError::new(errors));
        }
        Ok(Shape {
            layers,
            d_model,
            heads,
            kv_heads,
            head_size,
            ffn,
            gated: self.gated,
            vocab,
            context,
            tied_embeddings: self.tied_embeddings,
            position: self.position,
            bias: self.bias,
            norm: self.norm,
        })
    }
}

impl Shape {
    /// The shape as an editable spec (head size and KV heads explicit).
    #[must_use]
    pub fn spec(&self) -> ShapeSpec {
        ShapeSpec {
            layers: self.layers.into(),
            d_model: self.d_model.into(),
            heads: self.heads.into(),
            kv_heads: Some(self.kv_heads.into()),
            head_size: Some(self.head_size.into()),
            ffn: self.ffn.into(),
            gated: self.gated,
            vocab: self.vocab.into(),
            context: self.context.into(),
            tied_embeddings: self.tied_embeddings,
            position: self.position,
            bias: self.bias,
            norm: self.norm,
        }
    }

    /// Transformer layers.
    #[must_use]
    pub fn layers(&self) -> u32 {
        self.layers
    }
    /// Model width d_model.
    #[must_use]
    pub fn d_model(&self) -> u32 {
        self.d_model
    }
    /// Query heads.
    #[must_use]
    pub fn heads(&self) -> u32 {
        self.heads
    }
    /// Key/value heads.
    #[must_use]
    pub fn kv_heads(&self) -> u32 {
        self.kv_heads
    }
    /// Head size.
    #[must_use]
    pub fn head_size(&self) -> u32 {
        self.head_size
    }
    /// Feed-forward hidden width.
    #[must_use]
    pub fn ffn(&self) -> u32 {
        self.ffn
    }
    /// Whether the feed-forward block is gated (three matrices).
    #[must_use]
    pub fn gated(&self) -> bool {
        self.gated
    }
    /// Vocabulary size.
    #[must_use]
    pub fn vocab(&self) -> u32 {
        self.vocab
    }
    /// Context (training sequence) length.
    #[must_use]
    pub fn context(&self) -> u32 {
        self.context
    }
    /// Whether input and output embeddings share one matrix.
    #[must_use]
    pub fn tied_embeddings(&self) -> bool {
        self.tied_embeddings
    }
    /// Position parameters.
    #[must_use]
    pub fn position(&self) -> Position {
        self.position
    }
    /// Bias vectors.
    #[must_use]
    pub fn bias(&self) -> Bias {
        self.bias
    }
    /// Normalisation parameters.
    #[must_use]
    pub fn norm(&self) -> Norm {
        self.norm
    }
    /// Attention width heads × head size (Kaplan's d_attn); differs from d_model in some
    /// Chinchilla Table A9 rows.
    #[must_use]
    pub fn attention_width(&self) -> u64 {
        u64::from(self.heads) * u64::from(self.head_size)
    }
    /// Key (and value) width kv_heads × head size.
    #[must_use]
    pub fn kv_width(&self) -> u64 {
        u64::from(self.kv_heads) * u64::from(self.head_size)
    }
    /// d_model / layers.
    #[must_use]
    pub fn aspect_ratio(&self) -> f64 {
        f64::from(self.d_model) / f64::from(self.layers)
    }
}

#[cfg(test)]
mod tests;
