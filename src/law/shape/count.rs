//! Parameter counts and training FLOPs per token under each published convention.

use super::{Bias, Norm, Position, Shape};
use crate::law::error::LawError;

/// A shape's parameters, exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ParamCounts {
    /// Every parameter.
    pub total: u64,
    /// Everything but the embeddings: layers, their norms and biases, the final norm.
    pub non_embedding: u64,
    /// The token embedding, the output (unembedding) matrix when untied, and a learned position
    /// table: what Kaplan et al. 2020 (Eq. 2.1) leave out of N.
    pub embedding: u64,
}

impl Shape {
    /// Exact parameter counts. Per layer: Q and O of d·(h·k) each, K and V of d·(g·k) each
    /// (g KV heads), the feed-forward's two (or, gated, three) d·ffn matrices, biases and two
    /// norms as the shape says, and for relative positions d·(h·k) + 2·h·k (Transformer-XL's
    /// position projection and two biases, Dai et al. 2019). Then a final norm, V·d for the
    /// tied embedding (2·V·d untied) and context·d for a learned position table.
    #[must_use]
    pub fn params(&self) -> ParamCounts {
        let d = u64::from(self.d_model());
        let a = self.attention_width();
        let kv = self.kv_width();
        let f = u64::from(self.ffn());
        let m = if self.gated() { 3 } else { 2 };
        let bias = match self.bias() {
            Bias::None => 0,
            Bias::Qkv => a + 2 * kv,
            // Q, K, V, O; the up (and gate) projections' f each and the down projection's d.
            Bias::All => a + 2 * kv + d + (m - 1) * f + d,
        };
        let norm = match self.norm() {
            Norm::RmsNorm => d,
            Norm::LayerNorm => 2 * d,
            Norm::None => 0,
        };
        let relative = match self.position() {
            Position::Relative => d * a + 2 * a,
            Position::None | Position::Learned => 0,
        };
        let per_layer = d * (2 * a + 2 * kv) + m * d * f + bias + 2 * norm + relative;
        let vocab = u64::from(self.vocab()) * d;
        let positions = match self.position() {
            Position::Learned => u64::from(self.context()) * d,
            Position::None | Position::Relative => 0,
        };
        let embedding = if self.tied_embeddings() {
            vocab
        } else {
            2 * vocab
        } + positions;
        let non_embedding = u64::from(self.layers()) * per_layer + norm;
        ParamCounts {
            total: non_embedding + embedding,
            non_embedding,
            embedding,
        }
    }

    /// Learned position-table parameters (zero unless [`Position::Learned`]).
    fn position_table(&self) -> u64 {
        match self.position() {
            Position::Learned => u64::from(self.context()) * u64::from(self.d_model()),
            Position::None | Position::Relative => 0,
        }
    }

    fn appendix_f(&self) -> AppendixF {
        AppendixF {
            layers: f64::from(self.layers()),
            d_model: f64::from(self.d_model()),
            heads: f64::from(self.heads()),
            kv_heads: f64::from(self.kv_heads()),
            head_size: f64::from(self.head_size()),
            ffn: f64::from(self.ffn()),
            ffn_matrices: if self.gated() { 3.0 } else { 2.0 },
            vocab: f64::from(self.vocab()),
            seq: f64::from(self.context()),
        }
    }
}

/// The dimensions Hoffmann et al. 2022, App. F counts with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AppendixF {
    pub layers: f64,
    pub d_model: f64,
    pub heads: f64,
    pub kv_heads: f64,
    pub head_size: f64,
    pub ffn: f64,
    /// 2 for a plain feed-forward block, 3 for a gated one.
    pub ffn_matrices: f64,
    pub vocab: f64,
    pub seq: f64,
}

/// Forward FLOPs for one sequence, Hoffmann et al. 2022, App. F term by term (a multiply–add is
/// 2 FLOPs): embeddings 2·S·V·d; per layer QKV 2·3·S·d·(k·h), logits 2·S²·(k·h), softmax
/// 3·h·S², softmax@V 2·S²·(k·h), output 2·S·(k·h)·d, dense 2·S·(d·f + d·f); final logits
/// 2·S·d·V. The K and V projections are counted at their own width g·k (grouped KV heads) and the
/// dense block with its number of matrices; with g = h and two matrices this is App. F exactly.
pub(crate) fn appendix_f_forward_per_sequence(
    x: &AppendixF,
    input_embedding: bool,
    final_logits: bool,
) -> f64 {
    let s = x.seq;
    let d = x.d_model;
    let attn = x.heads * x.head_size;
    let kv = x.kv_heads * x.head_size;
    let per_layer = 2.0 * s * d * (attn + 2.0 * kv)
        + 2.0 * s * s * attn
        + 3.0 * x.heads * s * s
        + 2.0 * s * s * attn
        + 2.0 * s * attn * d
        + 2.0 * s * x.ffn_matrices * d * x.ffn;
    let embedding = if input_embedding {
        2.0 * s * x.vocab * d
    } else {
        0.0
    };
    let logits = if final_logits {
        2.0 * s * d * x.vocab
    } else {
        0.0
    };
    embedding + x.layers * per_layer + logits
}

/// A way of counting training FLOPs per token. All count the backward pass as twice the
/// forward, so training = 3 × forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Convention {
    /// 6·N with N every parameter.
    SixN,
    /// 6·N with N the non-embedding parameters: Kaplan's C.
    SixNNonEmbedding,
    /// Kaplan et al. 2020, Table 1, with the attention (context) term.
    Kaplan,
    /// Hoffmann et al. 2022, App. F as printed: embeddings and final logits included.
    Chinchilla,
    /// App. F without the embedding and final-logit terms. **This is the convention that
    /// reproduces Chinchilla Table A4**: its ratio to 6N, with N the exact count including the
    /// embedding matrix, gives 1.03/1.10/1.08/1.04/1.03/0.99 to ±0.01. App. F's text includes
    /// embeddings and logits, but that reading gives 1.58/1.32/1.23/1.14/1.12/1.03: a typo in
    /// the paper, per the authors' correspondence quoted in Karpathy's nanoGPT
    /// (`scaling_laws.ipynb`). Table A4's row labels are also truncated (73M and 305M for A9's
    /// 74M and 306M models).
    ChinchillaNoEmbedding,
    /// DeepSeek-AI 2024 (DeepSeek LLM), Eq. 2: M = 72·n_layer·d² + 12·n_layer·d·l_seq.
    DeepSeek,
    /// Chowdhery et al. 2022 (PaLM), App. B: 6N + 12·L·H·Q·T.
    Palm,
}

impl Convention {
    /// Every convention, in display order (the order of the JSON `flops_per_token` keys).
    pub const ALL: [Convention; 7] = [
        Convention::SixN,
        Convention::SixNNonEmbedding,
        Convention::Kaplan,
        Convention::Chinchilla,
        Convention::ChinchillaNoEmbedding,
        Convention::DeepSeek,
        Convention::Palm,
    ];

    /// Stable id: `6n`, `6n_non_embedding`, `kaplan`, `chinchilla`, `chinchilla_no_embedding`,
    /// `deepseek`, `palm`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Convention::SixN => "6n",
            Convention::SixNNonEmbedding => "6n_non_embedding",
            Convention::Kaplan => "kaplan",
            Convention::Chinchilla => "chinchilla",
            Convention::ChinchillaNoEmbedding => "chinchilla_no_embedding",
            Convention::DeepSeek => "deepseek",
            Convention::Palm => "palm",
        }
    }

    /// The convention with this id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Convention> {
        let id = id.trim().to_ascii_lowercase();
        Convention::ALL.into_iter().find(|c| c.id() == id)
    }

    /// Short display label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Convention::SixN => "6N (all parameters)",
            Convention::SixNNonEmbedding => "6N (non-embedding, Kaplan's C)",
            Convention::Kaplan => "Kaplan Table 1 (with attention)",
            Convention::Chinchilla => "Chinchilla App. F",
            Convention::ChinchillaNoEmbedding => "Chinchilla App. F, no embeddings/logits",
            Convention::DeepSeek => "DeepSeek M",
            Convention::Palm => "PaLM 6N + 12LHQT",
        }
    }

    /// [`Convention::label`] in `lang` (the command line prints the English).
    #[must_use]
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::shape as cat;
        match self {
            Convention::SixN => cat::conv_six_n(lang),
            Convention::SixNNonEmbedding => cat::conv_six_n_non_embedding(lang),
            Convention::Kaplan => cat::conv_kaplan(lang),
            Convention::Chinchilla => cat::conv_chinchilla(lang),
            Convention::ChinchillaNoEmbedding => cat::conv_chinchilla_no_embedding(lang),
            Convention::DeepSeek => cat::conv_deepseek(lang),
            Convention::Palm => cat::conv_palm(lang),
        }
    }

    /// The formula, per token, in the paper's symbols (L layers, d d_model, h heads, g KV heads,
    /// k head size, f FFN width, m FFN matrices, V vocabulary, S = T = context).
    #[must_use]
    pub fn formula(self) -> &'static str {
        match self {
            Convention::SixN => "6·N",
            Convention::SixNNonEmbedding => "6·N_non-embedding",
            Convention::Kaplan => "6·N_non-embedding + 6·L·S·(h·k)",
            Convention::Chinchilla => {
                "3·[2·V·d + L·(2·d·(h·k + 2·g·k) + 4·S·h·k + 3·h·S + 2·h·k·d + 2·m·d·f) + 2·d·V]"
            }
            Convention::ChinchillaNoEmbedding => {
                "3·L·(2·d·(h·k + 2·g·k) + 4·S·h·k + 3·h·S + 2·h·k·d + 2·m·d·f)"
            }
            Convention::DeepSeek => "72·L·d² + 12·L·d·S",
            Convention::Palm => "6·N_no-position-table + 12·L·h·k·S",
        }
    }

    /// Where the convention comes from, and how it is read here.
    #[must_use]
    pub fn citation(self) -> &'static str {
        self.citation_in(crate::i18n::Lang::En)
    }

    /// [`Convention::citation`] in `lang` (citations as published, the reading translated).
    #[must_use]
    pub fn citation_in(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::shape as cat;
        match self {
            Convention::SixN => cat::citation_six_n(lang),
            Convention::SixNNonEmbedding => cat::citation_six_n_non_embedding(lang),
            Convention::Kaplan => cat::citation_kaplan(lang),
            Convention::Chinchilla => cat::citation_chinchilla(lang),
            Convention::ChinchillaNoEmbedding => cat::citation_chinchilla_no_embedding(lang),
            Convention::DeepSeek => cat::citation_deepseek(lang),
            Convention::Palm => cat::citation_palm(lang),
        }
    }

    /// Training FLOPs per token of `shape` under this convention.
    #[must_use]
    pub fn flops_per_token(self, shape: &Shape) -> f64 {
        let counts = shape.params();
        let layers = f64::from(shape.layers());
        let d = f64::from(shape.d_model());
        let s = f64::from(shape.context());
        let attn = shape.attention_width() as f64;
        match self {
            Convention::SixN => 6.0 * counts.total as f64,
            Convention::SixNNonEmbedding => 6.0 * counts.non_embedding as f64,
            Convention::Kaplan => 6.0 * counts.non_embedding as f64 + 6.0 * layers * s * attn,
            Convention::Chinchilla => {
                3.0 * appendix_f_forward_per_sequence(&shape.appendix_f(), true, true) / s
            }
            Convention::ChinchillaNoEmbedding => {
                3.0 * appendix_f_forward_per_sequence(&shape.appendix_f(), false, false) / s
            }
            Convention::DeepSeek => 72.0 * layers * d * d + 12.0 * layers * d * s,
            Convention::Palm => {
                6.0 * (counts.total - shape.position_table()) as f64 + 12.0 * layers * attn * s
            }
        }
    }
}

/// One convention's figure for a shape, with everything the page's hover text needs.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ConventionValue {
    /// [`Convention::id`].
    pub id: &'static str,
    /// [`Convention::label`].
    pub label: &'static str,
    /// [`Convention::formula`].
    pub formula: &'static str,
    /// [`Convention::citation`].
    pub citation: &'static str,
    /// Training FLOPs per token.
    pub flops_per_token: f64,
    /// flops_per_token / (6·N), N every parameter.
    pub ratio_to_6n: f64,
}

/// Every convention's FLOPs per token for `shape`, in [`Convention::ALL`] order.
#[must_use]
pub fn conventions(shape: &Shape) -> Vec<ConventionValue> {
    let six_n = Convention::SixN.flops_per_token(shape);
    Convention::ALL
        .into_iter()
        .map(|c| {
            let flops_per_token = c.flops_per_token(shape);
            ConventionValue {
                id: c.id(),
                label: c.label(),
                formula: c.formula(),
                citation: c.citation(),
                flops_per_token,
                ratio_to_6n: flops_per_token / six_n,
            }
        })
        .collect()
}

/// What a budget buys at a shape's true per-token cost.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct TrueCost {
    /// The budget C in FLOPs.
    pub flops: f64,
    /// The convention's id.
    pub convention: &'static str,
    /// Training FLOPs per token under that convention.
    pub flops_per_token: f64,
    /// Tokens D = C / flops_per_token.
    pub tokens: f64,
    /// The tokens C = 6ND would promise (N every parameter).
    pub tokens_at_6n: f64,
}

/// The tokens `flops` buys when each token costs what `convention` says for `shape`, next to
/// the 6N figure.
pub fn tokens_for_budget(
    shape: &Shape,
    flops: f64,
    convention: Convention,
) -> Result<TrueCost, LawError> {
    if !(flops.is_finite() && flops > 0.0) {
        return Err(LawError::InvalidFlops(flops));
    }
    let flops_per_token = convention.flops_per_token(shape);
    let tokens = flops / flops_per_token;
    let tokens_at_6n = flops / Convention::SixN.flops_per_token(shape);
    if !(tokens.is_finite() && tokens > 0.0 && tokens_at_6n.is_finite() && tokens_at_6n > 0.0) {
        return Err(LawError::OutOfRange);
    }
    Ok(TrueCost {
        flops,
        convention: convention.id(),
        flops_per_token,
        tokens,
        tokens_at_6n,
    })
}
