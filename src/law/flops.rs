//! Counting training FLOPs: C = 6ND by default (Kaplan et al. 2020, Sec. 2.1; Hoffmann et al.
//! 2022, Sec. 3.3), or the detailed count from a model's shape (Hoffmann et al. 2022, App. F).

use super::error::{in_range, positive, Input, LawError};
use super::shape::{appendix_f_forward_per_sequence, AppendixF};

/// Training FLOPs C = 6·N·D: 2 per parameter per token forward, twice that backward.
pub fn six_nd(n_params: f64, n_tokens: f64) -> Result<f64, LawError> {
    positive(Input::ParameterCount, n_params)?;
    positive(Input::TokenCount, n_tokens)?;
    in_range(6.0 * n_params * n_tokens)
}

/// A decoder-only transformer's shape, as Hoffmann et al. 2022 describe their models
/// (Table A9 columns, plus sequence length and vocabulary). The general, checked shape with
/// GQA, gated FFNs, embeddings and presets is [`super::shape::Shape`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelShape {
    /// Number of transformer layers.
    pub n_layers: u32,
    /// Model width d_model.
    pub d_model: u32,
    /// Attention heads H.
    pub n_heads: u32,
    /// Width of one head (key/value size).
    pub kv_size: u32,
    /// Hidden width of the feed-forward block.
    pub ffw_size: u32,
    /// Sequence length S.
    pub seq_len: u32,
    /// Vocabulary size V.
    pub vocab_size: u32,
}

impl ModelShape {
    fn check(&self) -> Result<(), LawError> {
        let fields = [
            (Input::Layers, self.n_layers),
            (Input::ModelWidth, self.d_model),
            (Input::Heads, self.n_heads),
            (Input::HeadSize, self.kv_size),
            (Input::FfnWidth, self.ffw_size),
            (Input::SequenceLength, self.seq_len),
            (Input::Vocab, self.vocab_size),
        ];
        for (what, value) in fields {
            positive(what, f64::from(value))?;
        }
        Ok(())
    }

    /// Parameters: per layer 4·d·(H·kv) for attention (Q, K, V, output) and 2·d·ffw for the
    /// feed-forward block; plus V·d for the (tied) embedding when `embeddings` is on.
    /// Biases and layer norms are left out, as in App. F.
    pub fn params(&self, embeddings: bool) -> Result<f64, LawError> {
        self.check()?;
        let d = f64::from(self.d_model);
        let attn = f64::from(self.n_heads) * f64::from(self.kv_size);
        let per_layer = 4.0 * d * attn + 2.0 * d * f64::from(self.ffw_size);
        let embedding = if embeddings {
            f64::from(self.vocab_size) * d
        } else {
            0.0
        };
        in_range(f64::from(self.n_layers) * per_layer + embedding)
    }

    /// Forward FLOPs for one sequence, App. F term by term (a multiply–accumulate is 2 FLOPs):
    /// embeddings 2·S·V·d (only when `embeddings` is on); per layer QKV 2·3·S·d·(kv·H),
    /// logits 2·S²·(kv·H), softmax 3·H·S², softmax@V 2·S²·(kv·H), output 2·S·(kv·H)·d,
    /// feed-forward 2·S·(2·d·ffw); final logits 2·S·d·V.
    pub fn forward_flops_per_sequence(&self, embeddings: bool) -> Result<f64, LawError> {
        self.check()?;
        let dims = AppendixF {
            layers: f64::from(self.n_layers),
            d_model: f64::from(self.d_model),
            heads: f64::from(self.n_heads),
            kv_heads: f64::from(self.n_heads),
            head_size: f64::from(self.kv_size),
            ffn: f64::from(self.ffw_size),
            ffn_matrices: 2.0,
            vocab: f64::from(self.vocab_size),
            seq: f64::from(self.seq_len),
        };
        // The final logits are always counted here; only the input embedding is optional.
        in_range(appendix_f_forward_per_sequence(&dims, embeddings, true))
    }

    /// Training FLOPs per token: the backward pass costs twice the forward (App. F), so 3×.
    pub fn training_flops_per_token(&self, embeddings: bool) -> Result<f64, LawError> {
        let forward = self.forward_flops_per_sequence(embeddings)?;
        in_range(3.0 * forward / f64::from(self.seq_len))
    }

    /// Training FLOPs for `n_tokens` tokens with the detailed count.
    pub fn training_flops(&self, n_tokens: f64, embeddings: bool) -> Result<f64, LawError> {
        positive(Input::TokenCount, n_tokens)?;
        in_range(self.training_flops_per_token(embeddings)? * n_tokens)
    }
}
