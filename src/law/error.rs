//! Why a law, a FLOPs count or a hardware conversion could not answer, in either language
//! (`locales/errors.toml`; `Display` is the English, as the command line prints it).

use std::fmt;

use crate::i18n::{errors, Lang};

/// Why a question could not be answered. Never a panic, never a NaN: every bad input and every
/// question a law does not define ends here.
#[derive(Debug, Clone, PartialEq)]
pub enum LawError {
    /// The compute budget is not a finite positive number of FLOPs.
    InvalidFlops(f64),
    /// An input other than the budget is not a finite positive number (or is outside its range).
    InvalidInput {
        /// Which input ([`Input::name`] says it in words).
        what: Input,
        /// The value that was given.
        value: f64,
    },
    /// A law's coefficients do not make a usable law (for example a custom exponent outside (0, 1)).
    InvalidLaw(LawDefect),
    /// The law does not predict loss (it is an allocation rule only).
    NoLossModel,
    /// The target loss is at or below what the law can ever reach.
    LossUnreachable {
        /// The loss the law approaches as compute grows without bound.
        floor: f64,
    },
    /// The answer overflowed or underflowed f64.
    OutOfRange,
}

impl LawError {
    /// The message in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            LawError::InvalidFlops(x) => errors::invalid_flops(lang, x),
            LawError::InvalidInput { what, value } => {
                errors::invalid_input(lang, &what.name(lang), value)
            }
            LawError::InvalidLaw(why) => errors::invalid_law(lang, &why.text(lang)),
            LawError::NoLossModel => errors::no_loss_model(lang).to_string(),
            LawError::LossUnreachable { floor } => {
                errors::loss_unreachable(lang, &format!("{floor:.4}"))
            }
            LawError::OutOfRange => errors::out_of_range(lang).to_string(),
        }
    }
}

impl fmt::Display for LawError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for LawError {}

/// An input an error can name ([`LawError::InvalidInput`], `BeyondError::InvalidInput`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Input {
    Hardware,
    ParameterCount,
    TokenCount,
    ReferenceParams,
    ReferenceTokens,
    Price,
    PeakFlops,
    DeviceCount,
    Mfu,
    Days,
    DeviceHours,
    DeviceMemory,
    LossTolerance,
    ComputeRange,
    BudgetCount,
    FitPoints,
    Vocab,
    Aspect,
    EmbeddingCoefficient,
    NonEmbeddingParams,
    TotalParams,
    Multiplier,
    TargetLoss,
    TrainingTokens,
    UniqueTokens,
    ComputeBudget,
    InferenceTokens,
    Layers,
    ModelWidth,
    Heads,
    HeadSize,
    FfnWidth,
    SequenceLength,
}

impl Input {
    /// Every input, for the tests.
    pub const ALL: [Input; 33] = [
        Input::Hardware,
        Input::ParameterCount,
        Input::TokenCount,
        Input::ReferenceParams,
        Input::ReferenceTokens,
        Input::Price,
        Input::PeakFlops,
        Input::DeviceCount,
        Input::Mfu,
        Input::Days,
        Input::DeviceHours,
        Input::DeviceMemory,
        Input::LossTolerance,
        Input::ComputeRange,
        Input::BudgetCount,
        Input::FitPoints,
        Input::Vocab,
        Input::Aspect,
        Input::EmbeddingCoefficient,
        Input::NonEmbeddingParams,
        Input::TotalParams,
        Input::Multiplier,
        Input::TargetLoss,
        Input::TrainingTokens,
        Input::UniqueTokens,
        Input::ComputeBudget,
        Input::InferenceTokens,
        Input::Layers,
        Input::ModelWidth,
        Input::Heads,
        Input::HeadSize,
        Input::FfnWidth,
        Input::SequenceLength,
    ];

    /// The input in words (`parameter count`, `MFU (a fraction in (0, 1])`, …).
    #[must_use]
    pub fn name(self, lang: Lang) -> &'static str {
        use errors as e;
        let name = match self {
            Input::Hardware => e::input_hardware,
            Input::ParameterCount => e::input_parameter_count,
            Input::TokenCount => e::input_token_count,
            Input::ReferenceParams => e::input_reference_params,
            Input::ReferenceTokens => e::input_reference_tokens,
            Input::Price => e::input_price,
            Input::PeakFlops => e::input_peak_flops,
            Input::DeviceCount => e::input_device_count,
            Input::Mfu => e::input_mfu,
            Input::Days => e::input_days,
            Input::DeviceHours => e::input_device_hours,
            Input::DeviceMemory => e::input_device_memory,
            Input::LossTolerance => e::input_loss_tolerance,
            Input::ComputeRange => e::input_compute_range,
            Input::BudgetCount => e::input_budget_count,
            Input::FitPoints => e::input_fit_points,
            Input::Vocab => e::input_vocab,
            Input::Aspect => e::input_aspect,
            Input::EmbeddingCoefficient => e::input_embedding_coefficient,
            Input::NonEmbeddingParams => e::input_non_embedding_params,
            Input::TotalParams => e::input_total_params,
            Input::Multiplier => e::input_multiplier,
            Input::TargetLoss => e::input_target_loss,
            Input::TrainingTokens => e::input_training_tokens,
            Input::UniqueTokens => e::input_unique_tokens,
            Input::ComputeBudget => e::input_compute_budget,
            Input::InferenceTokens => e::input_inference_tokens,
            Input::Layers => e::input_layers,
            Input::ModelWidth => e::input_model_width,
            Input::Heads => e::input_heads,
            Input::HeadSize => e::input_head_size,
            Input::FfnWidth => e::input_ffn_width,
            Input::SequenceLength => e::input_sequence_length,
        };
        name(lang)
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name(Lang::En))
    }
}

/// Why coefficients do not make a usable law ([`LawError::InvalidLaw`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LawDefect {
    /// E finite and ≥ 0, A, B, α, β finite and positive ([`super::LossParams::check`]).
    LossRequirement,
    /// `E,A,B,α,β` is not five numbers.
    FiveNumbers,
    /// A frontier's coefficient is not a positive, finite number.
    Coefficient,
    /// A frontier's parameter exponent is not in (0, 1).
    Exponent,
    /// A custom law's exponents do not add up to 1.
    ExponentSum,
    /// The law chosen has no loss E + A/N^α + B/D^β.
    ChooseParametric,
    /// The reconciliation needs a loss E + A/N^α + B/D^β.
    ReconcileParametric,
    /// Kaplan's counting ratio (βB/(αA))^(1/β) overflows.
    KaplanRatio,
}

impl LawDefect {
    /// Every defect, for the tests.
    pub const ALL: [LawDefect; 8] = [
        LawDefect::LossRequirement,
        LawDefect::FiveNumbers,
        LawDefect::Coefficient,
        LawDefect::Exponent,
        LawDefect::ExponentSum,
        LawDefect::ChooseParametric,
        LawDefect::ReconcileParametric,
        LawDefect::KaplanRatio,
    ];

    /// The reason in words.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        use errors as e;
        let text = match self {
            LawDefect::LossRequirement => e::law_loss_requirement,
            LawDefect::FiveNumbers => e::law_five_numbers,
            LawDefect::Coefficient => e::law_coefficient,
            LawDefect::Exponent => e::law_exponent,
            LawDefect::ExponentSum => e::law_exponent_sum,
            LawDefect::ChooseParametric => e::law_choose_parametric,
            LawDefect::ReconcileParametric => e::law_reconcile_parametric,
            LawDefect::KaplanRatio => e::law_kaplan_ratio,
        };
        text(lang)
    }
}

impl fmt::Display for LawDefect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text(Lang::En))
    }
}

/// `Ok(x)` if `x` is finite and positive, else `InvalidInput`.
pub fn positive(what: Input, x: f64) -> Result<f64, LawError> {
    if x.is_finite() && x > 0.0 {
        Ok(x)
    } else {
        Err(LawError::InvalidInput { what, value: x })
    }
}

/// `Ok(c)` if `c` is a usable compute budget (finite, positive FLOPs), else `InvalidFlops`.
pub fn flops(c: f64) -> Result<f64, LawError> {
    if c.is_finite() && c > 0.0 {
        Ok(c)
    } else {
        Err(LawError::InvalidFlops(c))
    }
}

/// `Ok(x)` if a computed result is finite and positive, else `OutOfRange`.
pub fn in_range(x: f64) -> Result<f64, LawError> {
    if x.is_finite() && x > 0.0 {
        Ok(x)
    } else {
        Err(LawError::OutOfRange)
    }
}
