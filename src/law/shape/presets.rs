//! Shapes of published models, each with its source and the parameter count its paper or model
//! card reports.

pub use super::family::Family;
use super::tables::TABLE_A9;
use super::{Bias, Norm, Position, Shape, ShapeSpec};

/// How precise a published count is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum CountPrecision {
    /// A count printed to two or more significant figures (175.0B, 7.61B, 6.7B).
    #[serde(rename = "printed")]
    Printed,
    /// Only the model's size name ("7B"): not a measured count.
    #[serde(rename = "size-class")]
    SizeClass,
}

/// The parameter count a paper or model card reports for a model.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PublishedCount {
    /// Total parameters as published.
    pub params: f64,
    /// Non-embedding parameters, where the source gives them.
    pub non_embedding: Option<f64>,
    /// Whether `params` is a printed count or only a size name.
    pub precision: CountPrecision,
    /// Where the count is printed.
    pub source: &'static str,
}

/// A published model's shape.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ShapePreset {
    /// Stable id (`chinchilla-70b`, `chinchilla-a9-1018m`, `gpt3-175b`, `llama3-8b`, …).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The family, for the ratio chart.
    pub family: Family,
    /// Where the shape comes from.
    pub citation: &'static str,
    /// The count the source reports, to check the computed total against.
    pub published: PublishedCount,
    /// The shape.
    pub shape: Shape,
}

const fn printed(params: f64, source: &'static str) -> PublishedCount {
    PublishedCount {
        params,
        non_embedding: None,
        precision: CountPrecision::Printed,
        source,
    }
}

const fn size_class(params: f64, source: &'static str) -> PublishedCount {
    PublishedCount {
        params,
        non_embedding: None,
        precision: CountPrecision::SizeClass,
        source,
    }
}

/// A Llama-style shape: gated FFN, no biases, RMSNorm, no position parameters, untied.
#[allow(clippy::too_many_arguments)]
const fn llama_like(
    layers: u64,
    d_model: u64,
    heads: u64,
    kv_heads: u64,
    ffn: u64,
    vocab: u64,
    context: u64,
) -> ShapeSpec {
    ShapeSpec {
        layers,
        d_model,
        heads,
        kv_heads: Some(kv_heads),
        head_size: None,
        ffn,
        gated: true,
        vocab,
        context,
        tied_embeddings: false,
        position: Position::None,
        bias: Bias::None,
        norm: Norm::RmsNorm,
    }
}

/// A Chinchilla-style shape, counted as Karpathy's nanoGPT `chinchilla_params` counts it
/// (biases, LayerNorm, Transformer-XL relative positions, one 32,000 × d matrix), which
/// reproduces every Table A9 count to within 0.7 %. Vocabulary 32,000 (the Gopher tokenizer,
/// which Chinchilla's nearly shares: Hoffmann et al. 2022, §4.1); sequence length 2048
/// (App. F).
pub(crate) const fn chinchilla_like(
    layers: u64,
    d_model: u64,
    heads: u64,
    head_size: u64,
    ffn: u64,
) -> ShapeSpec {
    ShapeSpec {
        layers,
        d_model,
        heads,
        kv_heads: None,
        head_size: Some(head_size),
        ffn,
        gated: false,
        vocab: 32_000,
        context: 2048,
        tied_embeddings: true,
        position: Position::Relative,
        bias: Bias::All,
        norm: Norm::LayerNorm,
    }
}

struct Entry {
    id: &'static str,
    name: &'static str,
    family: Family,
    citation: &'static str,
    published: PublishedCount,
    spec: ShapeSpec,
}

fn named_models() -> Vec<Entry> {
    use Family as F;
    vec![
        // Hoffmann et al. 2022, Table 4: 80 layers, 64 heads, key/value size 128, d_model 8192;
        // ffw = 4·d_model as in every Table A9 row. Computed 70.07B.
        Entry {
            id: "chinchilla-70b",
            name: "Chinchilla 70B",
            family: F::Chinchilla,
            citation: "Hoffmann et al. 2022, Table 4 (80 layers, 64 heads, kv 128, d_model 8192); ffw 4·d_model as in Table A9",
            published: size_class(70e9, "Hoffmann et al. 2022, §4 and Table 4: 70B"),
            spec: chinchilla_like(80, 8192, 64, 128, 32_768),
        },
        // Brown et al. 2020, Table 2.1: n_params 175.0B, 96 layers, d_model 12288, 96 heads of
        // 128, context 2048, d_ff = 4·d_model; GPT-2's architecture (§2.1): learned positions,
        // biases, LayerNorm, tied embeddings; GPT-2's vocabulary of 50,257 (Radford et al. 2019).
        // Computed 174.6B.
        Entry {
            id: "gpt3-175b",
            name: "GPT-3 175B",
            family: F::Gpt3,
            citation: "Brown et al. 2020, Table 2.1 (96 layers, d_model 12288, 96 heads of 128, context 2048, d_ff 4·d_model); GPT-2's architecture (§2.1) and 50,257-token vocabulary (Radford et al. 2019)",
            published: printed(175.0e9, "Brown et al. 2020, Table 2.1: 175.0B"),
            spec: ShapeSpec {
                layers: 96,
                d_model: 12_288,
                heads: 96,
                kv_heads: None,
                head_size: Some(128),
                ffn: 49_152,
                gated: false,
                vocab: 50_257,
                context: 2048,
                tied_embeddings: true,
                position: Position::Learned,
                bias: Bias::All,
                norm: Norm::LayerNorm,
            },
        },
        // Touvron et al. 2023b (Llama 2), Table 1 (7B, context 4k, no GQA) and §2.2 (Llama 1's
        // architecture); Touvron et al. 2023a (LLaMA), Table 2 prints 6.7B for this shape
        // (d 4096, 32 heads, 32 layers; FFN 11008, vocabulary 32,000). Computed 6,738,415,616.
        Entry {
            id: "llama2-7b",
            name: "Llama 2 7B",
            family: F::Llama2,
            citation: "Touvron et al. 2023b (Llama 2), Table 1 and §2.2; shape as LLaMA 7B (Touvron et al. 2023a, Table 2): 32 layers, d 4096, 32 heads, FFN 11008, vocabulary 32,000",
            published: printed(6.7e9, "Touvron et al. 2023a (LLaMA), Table 2: 6.7B for the same shape (Llama 2's Table 1 names it 7B)"),
            spec: llama_like(32, 4096, 32, 32, 11_008, 32_000, 4096),
        },
        // Llama 2 Table 1 (70B, GQA, context 4k); released config: 80 layers, d 8192, 64 heads,
        // 8 KV heads, FFN 28672, vocabulary 32,000. Computed 68,976,648,192.
        Entry {
            id: "llama2-70b",
            name: "Llama 2 70B",
            family: F::Llama2,
            citation: "Touvron et al. 2023b (Llama 2), Table 1; released config (meta-llama/Llama-2-70b-hf): 80 layers, d 8192, 64 heads, 8 KV heads, FFN 28672",
            published: printed(69e9, "Hugging Face model card meta-llama/Llama-2-70b-hf, checkpoint size 69B (the paper names it 70B)"),
            spec: llama_like(80, 8192, 64, 8, 28_672, 32_000, 4096),
        },
        // Dubey et al. 2024 (Llama 3), Table 3: 32/80/126 layers, d 4096/8192/16384, FFN
        // 14336/28672/53248, 32/64/128 heads, 8 KV heads, vocabulary 128K (128,256 in the
        // released config); pre-training sequences of 8,192 tokens.
        Entry {
            id: "llama3-8b",
            name: "Llama 3 8B",
            family: F::Llama3,
            citation: "Dubey et al. 2024 (Llama 3), Table 3; 8,192-token pre-training sequences; vocabulary 128,256 per the released config",
            published: size_class(8e9, "Dubey et al. 2024, Table 3: 8B"),
            spec: llama_like(32, 4096, 32, 8, 14_336, 128_256, 8192),
        },
        Entry {
            id: "llama3-70b",
            name: "Llama 3 70B",
            family: F::Llama3,
            citation: "Dubey et al. 2024 (Llama 3), Table 3; 8,192-token pre-training sequences; vocabulary 128,256 per the released config",
            published: size_class(70e9, "Dubey et al. 2024, Table 3: 70B"),
            spec: llama_like(80, 8192, 64, 8, 28_672, 128_256, 8192),
        },
        Entry {
            id: "llama3-405b",
            name: "Llama 3 405B",
            family: F::Llama3,
            citation: "Dubey et al. 2024 (Llama 3), Table 3; 8,192-token pre-training sequences; vocabulary 128,256 per the released config",
            published: size_class(405e9, "Dubey et al. 2024, Table 3: 405B"),
            spec: llama_like(126, 16_384, 128, 8, 53_248, 128_256, 8192),
        },
        // Yang et al. 2023 (Baichuan 2), Table 2: 7B RoPE, hidden 4096, FFN 11008, 32 heads, 32
        // layers; 13B ALiBi, 5120, 13696, 40, 40; sequence 4096; vocabulary 125,696;
        // NormHead output layer, untied. Computed 7.51B and 13.90B: the names are 7 % low.
        Entry {
            id: "baichuan2-7b",
            name: "Baichuan 2 7B",
            family: F::Baichuan2,
            citation: "Yang et al. 2023 (Baichuan 2), Table 2 (RoPE, 4096, FFN 11008, 32 heads, 32 layers, 4096 sequence); tokenizer vocabulary 125,696",
            published: size_class(7e9, "Yang et al. 2023, Table 2: 7B (a size name; the checkpoint's shapes give 7.51B)"),
            spec: llama_like(32, 4096, 32, 32, 11_008, 125_696, 4096),
        },
        Entry {
            id: "baichuan2-13b",
            name: "Baichuan 2 13B",
            family: F::Baichuan2,
            citation: "Yang et al. 2023 (Baichuan 2), Table 2 (ALiBi, 5120, FFN 13696, 40 heads, 40 layers, 4096 sequence); tokenizer vocabulary 125,696",
            published: size_class(13e9, "Yang et al. 2023, Table 2: 13B (a size name; the checkpoint's shapes give 13.90B)"),
            spec: llama_like(40, 5120, 40, 40, 13_696, 125_696, 4096),
        },
        // DeepSeek-AI 2024 (DeepSeek LLM), Table 2: 7B 30 layers, d 4096, 32 heads, 32 KV
        // heads; 67B 95 layers, d 8192, 64 heads, 8 KV heads; context 4096; vocabulary 102,400
        // ; FFN 11008 / 22016 per the released configs. Computed 6.91B and 67.4B.
        Entry {
            id: "deepseek-7b",
            name: "DeepSeek LLM 7B",
            family: F::DeepSeek,
            citation: "DeepSeek-AI 2024 (DeepSeek LLM), Table 2 (vocabulary 102,400); FFN 11008 per the released config",
            published: size_class(7e9, "DeepSeek-AI 2024, Table 2: 7B (a size name; the checkpoint's shapes give 6.91B)"),
            spec: llama_like(30, 4096, 32, 32, 11_008, 102_400, 4096),
        },
        Entry {
            id: "deepseek-67b",
            name: "DeepSeek LLM 67B",
            family: F::DeepSeek,
            citation: "DeepSeek-AI 2024 (DeepSeek LLM), Table 2 (vocabulary 102,400); FFN 22016 per the released config",
            published: size_class(67e9, "DeepSeek-AI 2024, Table 2: 67B"),
            spec: llama_like(95, 8192, 64, 8, 22_016, 102_400, 4096),
        },
        // Qwen Team 2024 (Qwen2.5 technical report), Table 1 (layers, Q/KV heads, untied
        // embeddings) and the model cards (7.61B / 6.53B non-embedding; 72.7B / 70.0B): hidden
        // 3584 / 8192, FFN 18944 / 29568, vocabulary 152,064, QKV bias, RMSNorm. Context 4096,
        // the pre-training length before the final long-context stage.
        Entry {
            id: "qwen2.5-7b",
            name: "Qwen2.5 7B",
            family: F::Qwen25,
            citation: "Qwen Team 2024 (Qwen2.5 technical report), Table 1; model card Qwen/Qwen2.5-7B (hidden 3584, FFN 18944, vocabulary 152,064, QKV bias)",
            published: PublishedCount {
                non_embedding: Some(6.53e9),
                ..printed(7.61e9, "Model card Qwen/Qwen2.5-7B: 7.61B parameters, 6.53B non-embedding")
            },
            spec: ShapeSpec {
                bias: Bias::Qkv,
                ..llama_like(28, 3584, 28, 4, 18_944, 152_064, 4096)
            },
        },
        Entry {
            id: "qwen2.5-72b",
            name: "Qwen2.5 72B",
            family: F::Qwen25,
            citation: "Qwen Team 2024 (Qwen2.5 technical report), Table 1; model card Qwen/Qwen2.5-72B (hidden 8192, FFN 29568, vocabulary 152,064, QKV bias)",
            published: PublishedCount {
                non_embedding: Some(70.0e9),
                ..printed(72.7e9, "Model card Qwen/Qwen2.5-72B: 72.7B parameters, 70.0B non-embedding")
            },
            spec: ShapeSpec {
                bias: Bias::Qkv,
                ..llama_like(80, 8192, 64, 8, 29_568, 152_064, 4096)
            },
        },
    ]
}

/// Every preset: Chinchilla 70B, the 50 Table A9 models, then GPT-3, Llama 2 and 3,
/// Baichuan 2, DeepSeek LLM and Qwen2.5.
#[must_use]
pub fn shape_presets() -> Vec<ShapePreset> {
    let mut named = named_models().into_iter();
    let mut out = Vec::new();
    // Chinchilla 70B first, then its Table A9 siblings.
    out.extend(named.next().and_then(preset_from));
    for row in TABLE_A9 {
        let spec = chinchilla_like(
            row.layers.into(),
            row.d_model.into(),
            row.heads.into(),
            row.head_size.into(),
            row.ffn.into(),
        );
        if let Ok(shape) = spec.build() {
            out.push(ShapePreset {
                id: format!("chinchilla-a9-{}m", row.params_million),
                name: format!("Chinchilla Table A9, {}M", row.params_million),
                family: Family::Chinchilla,
                citation: "Hoffmann et al. 2022, Table A9 (d_model, ffw_size, kv_size, n_heads, n_layers); vocabulary 32,000, sequence 2048",
                published: printed(
                    f64::from(row.params_million) * 1e6,
                    "Hoffmann et al. 2022, Table A9 (in millions)",
                ),
                shape,
            });
        }
    }
    out.extend(named.filter_map(preset_from));
    out
}

fn preset_from(entry: Entry) -> Option<ShapePreset> {
    // Every preset spec is valid (a test builds them all); a bad one would be left out, not panic.
    let shape = entry.spec.build().ok()?;
    Some(ShapePreset {
        id: entry.id.to_string(),
        name: entry.name.to_string(),
        family: entry.family,
        citation: entry.citation,
        published: entry.published,
        shape,
    })
}

/// The preset with this id (case-insensitive).
#[must_use]
pub fn shape_preset(id: &str) -> Option<ShapePreset> {
    let id = id.trim().to_ascii_lowercase();
    shape_presets().into_iter().find(|p| p.id == id)
}
