//! The shape report: a JSON object for the command line and its plain-text rendering.

use super::count::Convention;
use super::{Bias, Norm, Position, Shape};

/// Training FLOPs per token under each convention; the JSON keys are the convention ids.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct FlopsPerToken {
    /// 6N, N every parameter.
    #[serde(rename = "6n")]
    pub six_n: f64,
    /// 6N, N non-embedding (Kaplan's C).
    #[serde(rename = "6n_non_embedding")]
    pub six_n_non_embedding: f64,
    /// Kaplan et al. 2020, Table 1, with the attention term.
    pub kaplan: f64,
    /// Hoffmann et al. 2022, App. F with embeddings and logits.
    pub chinchilla: f64,
    /// App. F without embeddings and logits (reproduces Table A4).
    pub chinchilla_no_embedding: f64,
    /// DeepSeek's M.
    pub deepseek: f64,
    /// PaLM's 6N + 12·L·H·Q·T.
    pub palm: f64,
}

impl FlopsPerToken {
    /// The figure for one convention.
    #[must_use]
    pub fn get(&self, convention: Convention) -> f64 {
        match convention {
            Convention::SixN => self.six_n,
            Convention::SixNNonEmbedding => self.six_n_non_embedding,
            Convention::Kaplan => self.kaplan,
            Convention::Chinchilla => self.chinchilla,
            Convention::ChinchillaNoEmbedding => self.chinchilla_no_embedding,
            Convention::DeepSeek => self.deepseek,
            Convention::Palm => self.palm,
        }
    }
}

/// Everything the command line prints about a shape. Its JSON is exactly
/// `{"n_params", "n_non_embedding", "n_embedding", "flops_per_token": {"6n",
/// "6n_non_embedding", "kaplan", "chinchilla", "chinchilla_no_embedding", "deepseek", "palm"},
/// "shape": {…}}`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ShapeReport {
    /// Every parameter.
    pub n_params: u64,
    /// Non-embedding parameters.
    pub n_non_embedding: u64,
    /// Embedding parameters (token embedding, untied output matrix, learned positions).
    pub n_embedding: u64,
    /// Training FLOPs per token under each convention.
    pub flops_per_token: FlopsPerToken,
    /// The shape.
    pub shape: Shape,
}

impl ShapeReport {
    /// The report for `shape`.
    #[must_use]
    pub fn new(shape: &Shape) -> Self {
        let counts = shape.params();
        let f = |c: Convention| c.flops_per_token(shape);
        ShapeReport {
            n_params: counts.total,
            n_non_embedding: counts.non_embedding,
            n_embedding: counts.embedding,
            flops_per_token: FlopsPerToken {
                six_n: f(Convention::SixN),
                six_n_non_embedding: f(Convention::SixNNonEmbedding),
                kaplan: f(Convention::Kaplan),
                chinchilla: f(Convention::Chinchilla),
                chinchilla_no_embedding: f(Convention::ChinchillaNoEmbedding),
                deepseek: f(Convention::DeepSeek),
                palm: f(Convention::Palm),
            },
            shape: *shape,
        }
    }
}

/// `1234567` → `1,234,567`.
#[must_use]
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One line describing the shape: "32 layers, d_model 4096, 32 heads (8 KV) of 128, FFN 14336
/// (gated), vocabulary 128256, context 8192, untied embeddings, no position parameters, no
/// biases, RMSNorm".
#[must_use]
pub fn describe(shape: &Shape) -> String {
    let kv = if shape.kv_heads() == shape.heads() {
        String::new()
    } else {
        format!(" ({} KV)", shape.kv_heads())
    };
    let position = match shape.position() {
        Position::None => "no position parameters",
        Position::Learned => "learned positions",
        Position::Relative => "relative positions",
    };
    let bias = match shape.bias() {
        Bias::None => "no biases",
        Bias::Qkv => "QKV biases",
        Bias::All => "biases",
    };
    let norm = match shape.norm() {
        Norm::RmsNorm => "RMSNorm",
        Norm::LayerNorm => "LayerNorm",
        Norm::None => "norms not counted",
    };
    format!(
        "{} layers, d_model {}, {} heads{kv} of {}, FFN {}{}, vocabulary {}, context {}, {} \
         embeddings, {position}, {bias}, {norm}",
        shape.layers(),
        shape.d_model(),
        shape.heads(),
        shape.head_size(),
        shape.ffn(),
        if shape.gated() { " (gated)" } else { "" },
        shape.vocab(),
        shape.context(),
        if shape.tied_embeddings() {
            "tied"
        } else {
            "untied"
        },
    )
}

/// The report as plain text: the shape, its counts, and a table of FLOPs per token with each
/// convention's ratio to 6N and formula.
#[must_use]
pub fn render_text(report: &ShapeReport) -> String {
    let mut out = String::new();
    out.push_str(&format!("Shape: {}\n", describe(&report.shape)));
    out.push_str(&format!(
        "Parameters: {} total = {} non-embedding + {} embedding\n",
        grouped(report.n_params),
        grouped(report.n_non_embedding),
        grouped(report.n_embedding)
    ));
    out.push_str("Training FLOPs per token:\n");
    let six_n = report.flops_per_token.six_n;
    for c in Convention::ALL {
        let value = report.flops_per_token.get(c);
        out.push_str(&format!(
            "  {:<40} {:>10.4e}  {:>6.3} × 6N  {}\n",
            c.label(),
            value,
            value / six_n,
            c.formula()
        ));
    }
    out
}
