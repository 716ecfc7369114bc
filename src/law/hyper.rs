//! The training recipe at a chosen (N, D): the peak learning rate and the batch size under the
//! published hyperparameter laws, rounded to whole sequences, the steps that makes, the
//! warm-up, and the learning-rate schedule around the peak.
//!
//! - DeepSeek-AI 2024 (DeepSeek LLM), §3.1, Eq. 1: η_opt = 0.3118·C^−0.1250 and
//!   B_opt = 0.2920·C^0.3271 (B in tokens), with C = M·D and M the non-embedding FLOPs per
//!   token with attention (§3.2, Eq. 2: M = 72·n_layer·d² + 12·n_layer·d·l_seq).
//! - Li et al. 2025 (Step Law, "Predictable Scale: Part I"), Eq. (1)–(2):
//!   η = 1.79·N^−0.713·D^0.307 and B = 0.58·D^0.571 (N non-embedding parameters, D and B in
//!   tokens); here the mean of the authors' 1000 bootstrap fits, with their spread.

use std::fmt;

use super::error::{positive, LawError};
pub use super::schedule::Schedule;
use crate::i18n::{recipe as t, Lang};

/// A published law for the peak learning rate and the batch size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HyperLaw {
    /// DeepSeek-AI 2024 (DeepSeek LLM), §3.1, Eq. 1: from C = M·D alone.
    DeepSeek2024,
    /// Li et al. 2025 (Step Law): the rate from N and D, the batch from D alone.
    StepLaw2025,
}

impl HyperLaw {
    /// Both, in the order the page and the command line list them.
    pub const ALL: [HyperLaw; 2] = [HyperLaw::DeepSeek2024, HyperLaw::StepLaw2025];

    /// The JSON's and the command line's spelling: `deepseek2024`, `steplaw2025`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            HyperLaw::DeepSeek2024 => "deepseek2024",
            HyperLaw::StepLaw2025 => "steplaw2025",
        }
    }

    /// The published name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            HyperLaw::DeepSeek2024 => "DeepSeek LLM",
            HyperLaw::StepLaw2025 => "Step Law",
        }
    }

    /// Paper, section and equation.
    #[must_use]
    pub fn citation(self) -> &'static str {
        match self {
            HyperLaw::DeepSeek2024 => {
                "DeepSeek-AI 2024 (DeepSeek LLM, arXiv:2401.02954), §3.1 Eq. 1: η = 0.3118·C^−0.1250, B = 0.2920·C^0.3271 tokens, C = M·D (M: §3.2 Eq. 2)"
            }
            HyperLaw::StepLaw2025 => {
                "Li et al. 2025 (Step Law, arXiv:2503.04715), Eq. 1–2: η = 1.797·N^−0.7129·D^0.3075, B = 0.5807·D^0.5709 tokens (mean of the authors' 1000 bootstrap fits)"
            }
        }
    }
}

/// DeepSeek-AI 2024, §3.1, Eq. 1: η_opt = 0.3118·C^−0.1250.
pub const DEEPSEEK_LR: (f64, f64) = (0.3118, -0.1250);
/// DeepSeek-AI 2024, §3.1, Eq. 1: B_opt = 0.2920·C^0.3271 tokens.
pub const DEEPSEEK_BATCH: (f64, f64) = (0.2920, 0.3271);
/// The compute DeepSeek-AI 2024 fitted Eq. 1 on (§3.1: "compute budgets ranging from 1e17 to
/// 2e19", in their C = M·D; they checked it at 1e20, Fig. 2b, but did not fit there).
pub const DEEPSEEK_FITTED: (f64, f64) = (1e17, 2e19);

/// Step Law (Li et al. 2025): the mean of the 1000 bootstrap fits the authors publish
/// (step-law/steplaw, `data/1004_fitted_lr_bs_scaling_model_parameters.csv`, the fits their
/// `fit_tool.py` averages), ln η = ln a + α·ln N + β·ln D as (ln a, α, β): a = 1.7973,
/// α = −0.71292, β = 0.30749.
pub const STEPLAW_LR: [f64; 3] = [0.586_307_790_74, -0.712_922_291_187, 0.307_490_950_412];
/// Step Law's batch in tokens, ln B = ln b + γ·ln D as (ln b, γ): b = 0.58069, γ = 0.57094.
pub const STEPLAW_BATCH: [f64; 2] = [-0.543_542_173_61, 0.570_944_364_69];
/// The covariance (n − 1) of (ln a, α, β) over the same 1000 fits.
pub const STEPLAW_LR_COV: [[f64; 3]; 3] = [
    [
        3.890_621_114_877e-1,
        -1.355_893_897_078e-2,
        -5.132_493_532_094e-3,
    ],
    [
        -1.355_893_897_078e-2,
        8.914_857_372_464e-4,
        -1.743_317_885_257e-4,
    ],
    [
        -5.132_493_532_094e-3,
        -1.743_317_885_257e-4,
        3.663_118_429_043e-4,
    ],
];
/// The covariance (n − 1) of (ln b, γ) over the same fits (correlation −0.9986: the interval
/// needs both terms).
pub const STEPLAW_BATCH_COV: [[f64; 2]; 2] = [
    [1.911_796_358_741e-1, -8.151_572_248_020e-3],
    [-8.151_572_248_020e-3, 3.485_179_394_957e-4],
];
/// The non-embedding model sizes of the dense runs the authors release (step-law/steplaw
/// data: N = layers·(4h² + 3h·ffn), five sizes from 2.15e8 to 1.07e9).
pub const STEPLAW_FITTED_N: (f64, f64) = (2.15e8, 1.07e9);
/// The token counts of those runs: 4e9 to 1e11.
pub const STEPLAW_FITTED_D: (f64, f64) = (4e9, 1e11);

/// The normal quantile of a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// Where an input lies outside what a law was fitted on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outside {
    /// DeepSeek's C = M·D.
    Compute { value: f64, range: (f64, f64) },
    /// Step Law's non-embedding N.
    Params { value: f64, range: (f64, f64) },
    /// Step Law's D.
    Tokens { value: f64, range: (f64, f64) },
}

impl Outside {
    fn check(value: f64, range: (f64, f64), make: fn(f64, (f64, f64)) -> Outside) -> Option<Self> {
        // A little slack for the rounding of the published ranges.
        let slack = 1.0 + 1e-9;
        (value < range.0 / slack || value > range.1 * slack).then(|| make(value, range))
    }

    /// "C = 8.5e22 FLOPs is outside 1e17–1e20, where the law was fitted".
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        use super::quantity::{format_count, format_flops};
        match *self {
            Outside::Compute { value, range } => t::outside_compute(
                lang,
                &format_flops(value),
                &format_flops(range.0),
                &format_flops(range.1),
            ),
            Outside::Params { value, range } => t::outside_params(
                lang,
                &format_count(value),
                &format_count(range.0),
                &format_count(range.1),
            ),
            Outside::Tokens { value, range } => t::outside_tokens(
                lang,
                &format_count(value),
                &format_count(range.0),
                &format_count(range.1),
            ),
        }
    }
}

/// One law's peak learning rate and batch at a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Peak {
    pub law: HyperLaw,
    /// The peak learning rate.
    pub lr: f64,
    /// Its 95 % interval, where the law gives one (Step Law's bootstrap fits).
    pub lr_interval: Option<(f64, f64)>,
    /// The batch in tokens, unrounded.
    pub batch_tokens: f64,
    /// Its 95 % interval, where the law gives one.
    pub batch_interval: Option<(f64, f64)>,
    /// The law's own compute C = M·D (DeepSeek), for the reader.
    pub compute: Option<f64>,
    /// Where the run lies outside what the law was fitted on (empty: inside).
    pub outside: Vec<Outside>,
}

impl Peak {
    /// Whether the run lies inside what the law was fitted on.
    #[must_use]
    pub fn in_fitted_range(&self) -> bool {
        self.outside.is_empty()
    }
}

/// DeepSeek-AI 2024, Eq. 1, at a model of `m` non-embedding FLOPs per token (their Eq. 2)
/// trained on `d` tokens.
pub fn deepseek(m: f64, d: f64) -> Result<Peak, LawError> {
    let m = positive(super::Input::NonEmbeddingParams, m)?;
    let d = positive(super::Input::TrainingTokens, d)?;
    let c = m * d;
    let (a, alpha) = DEEPSEEK_LR;
    let (b, gamma) = DEEPSEEK_BATCH;
    Ok(Peak {
        law: HyperLaw::DeepSeek2024,
        lr: a * c.powf(alpha),
        lr_interval: None,
        batch_tokens: b * c.powf(gamma),
        batch_interval: None,
        compute: Some(c),
        outside: Outside::check(c, DEEPSEEK_FITTED, |value, range| Outside::Compute {
            value,
            range,
        })
        .into_iter()
        .collect(),
    })
}

/// gᵀΣg for a gradient `g` and a covariance `cov`.
fn quadratic<const K: usize>(g: [f64; K], cov: &[[f64; K]; K]) -> f64 {
    let mut s = 0.0;
    for i in 0..K {
        for j in 0..K {
            s += g[i] * cov[i][j] * g[j];
        }
    }
    s
}

/// exp(mean) and exp(mean ± z·sd): the 95 % interval of a log-linear law whose coefficients
/// vary as the bootstrap fits do (normal in the coefficients, so normal in the log).
fn log_normal_interval(mean: f64, variance: f64) -> (f64, (f64, f64)) {
    let sd = variance.max(0.0).sqrt();
    (
        mean.exp(),
        ((mean - Z95 * sd).exp(), (mean + Z95 * sd).exp()),
    )
}

/// Step Law (Li et al. 2025) at `n` non-embedding parameters trained on `d` tokens.
pub fn steplaw(n: f64, d: f64) -> Result<Peak, LawError> {
    let n = positive(super::Input::NonEmbeddingParams, n)?;
    let d = positive(super::Input::TrainingTokens, d)?;
    let g_lr = [1.0, n.ln(), d.ln()];
    let mean_lr: f64 = g_lr.iter().zip(STEPLAW_LR).map(|(g, c)| g * c).sum();
    let (lr, lr_interval) = log_normal_interval(mean_lr, quadratic(g_lr, &STEPLAW_LR_COV));
    let g_b = [1.0, d.ln()];
    let mean_b: f64 = g_b.iter().zip(STEPLAW_BATCH).map(|(g, c)| g * c).sum();
    let (batch, batch_interval) = log_normal_interval(mean_b, quadratic(g_b, &STEPLAW_BATCH_COV));
    let outside = [
        Outside::check(n, STEPLAW_FITTED_N, |value, range| Outside::Params {
            value,
            range,
        }),
        Outside::check(d, STEPLAW_FITTED_D, |value, range| Outside::Tokens {
            value,
            range,
        }),
    ];
    Ok(Peak {
        law: HyperLaw::StepLaw2025,
        lr,
        lr_interval: Some(lr_interval),
        batch_tokens: batch,
        batch_interval: Some(batch_interval),
        compute: None,
        outside: outside.into_iter().flatten().collect(),
    })
}

/// The warm-up when none is typed: DeepSeek-AI 2024, §2.3, 2000 steps — at most a tenth of
/// a shorter run.
pub const DEFAULT_WARMUP: u64 = 2000;

/// Why a recipe cannot be configured.
#[derive(Debug, Clone, PartialEq)]
pub enum RecipeError {
    /// The context is not a whole number of tokens ≥ 1.
    Context(f64),
    /// The batch holds more tokens than the whole run.
    BatchAboveTokens { batch: f64, tokens: f64 },
    /// The warm-up is not shorter than the run.
    WarmupTooLong { warmup: u64, steps: u64 },
    /// The law cannot be evaluated (N, M or D unusable).
    Law(LawError),
}

impl RecipeError {
    /// The reason in `lang`, naming the field.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        use super::quantity::{format_count, significant};
        match self {
            RecipeError::Context(x) => t::error_context(lang, &significant(*x, 4)),
            RecipeError::BatchAboveTokens { batch, tokens } => {
                t::error_batch_above_tokens(lang, &format_count(*batch), &format_count(*tokens))
            }
            RecipeError::WarmupTooLong { warmup, steps } => {
                t::error_warmup_too_long(lang, &warmup.to_string(), &steps.to_string())
            }
            RecipeError::Law(e) => e.text(lang),
        }
    }
}

impl fmt::Display for RecipeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl From<LawError> for RecipeError {
    fn from(e: LawError) -> Self {
        RecipeError::Law(e)
    }
}

/// A peak configured as people set up a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Configured {
    pub peak: Peak,
    /// The batch in whole sequences of the context (at least one).
    pub batch_sequences: u64,
    /// batch_sequences × context.
    pub batch_tokens_rounded: f64,
    /// ⌈D / rounded batch⌉.
    pub steps: u64,
    /// Warm-up steps.
    pub warmup_steps: u64,
    /// Whether the warm-up was typed (else [`DEFAULT_WARMUP`], at most a tenth of the run).
    pub warmup_typed: bool,
}

/// Rounds `peak`'s batch to whole sequences of `context` tokens and counts the steps over `d`
/// tokens and the warm-up (`warmup` as typed, else the default).
pub fn configure(
    peak: Peak,
    d: f64,
    context: f64,
    warmup: Option<u64>,
) -> Result<Configured, RecipeError> {
    if !(context.is_finite() && context >= 1.0 && context.fract() == 0.0) {
        return Err(RecipeError::Context(context));
    }
    let d = positive(super::Input::TrainingTokens, d)?;
    let sequences = (peak.batch_tokens / context).round().max(1.0);
    let rounded = sequences * context;
    if rounded > d {
        return Err(RecipeError::BatchAboveTokens {
            batch: rounded,
            tokens: d,
        });
    }
    let steps = (d / rounded).ceil() as u64;
    let warmup_steps = warmup.unwrap_or_else(|| DEFAULT_WARMUP.min(steps / 10));
    if warmup.is_some() && warmup_steps >= steps {
        return Err(RecipeError::WarmupTooLong {
            warmup: warmup_steps,
            steps,
        });
    }
    Ok(Configured {
        peak,
        batch_sequences: sequences as u64,
        batch_tokens_rounded: rounded,
        steps,
        warmup_steps,
        warmup_typed: warmup.is_some(),
    })
}
