//! What a link's notice says: a value the page ignored and why (or that the link is newer),
//! kept typed so the page says it in its language (`locales/link.toml`); `Display` is English.

use std::fmt;

use crate::i18n::{link, Lang};
use crate::law::limits::Limits;

/// One thing a link could not give the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The link is from a newer version (`v=`); only what this page knows was loaded.
    Newer {
        /// The link's version.
        version: u64,
    },
    /// A value that could not be used: it keeps its default.
    Ignored {
        /// The link's key (`flops`).
        key: &'static str,
        /// The value as the link has it, shortened ([`super::text::shorten`]).
        value: String,
        /// Why it was not used.
        reason: Reason,
    },
}

impl Notice {
    /// The sentence in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Notice::Newer { version } => link::newer(lang, version),
            Notice::Ignored { key, value, reason } => {
                link::ignored(lang, key, value, &reason.text(lang))
            }
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Why a link's value was not used, in a few words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason {
    /// Outside the input's accepted range ("outside the accepted range, 1e12 to 1e35").
    Outside(Limits),
    /// "not a version number"
    NotVersion,
    /// "not a mode"
    NotMode,
    /// "unknown accelerator"
    UnknownAccelerator,
    /// "not a whole number ≥ 1"
    NotWholeAtLeastOne,
    /// "above 1"
    AboveOne,
    /// "negative"
    Negative,
    /// "not paper or global"
    NotPaperOrGlobal,
    /// "not 1 or 2"
    NotOneOrTwo,
    /// "the link has no fit"
    NoFit,
    /// "the link has no sweep fit"
    NoSweepFit,
    /// "unknown law ids"
    UnknownLawIds,
    /// "unknown column ids"
    UnknownColumnIds,
    /// "no law ids"
    NoLawIds,
    /// "that law predicts no loss"
    NoLoss,
    /// "unknown law"
    UnknownLaw,
    /// "not auto, light or dark"
    NotTheme,
    /// "not en or zh"
    NotLang,
    /// "not 0 or 1"
    NotZeroOrOne,
    /// "above 100 %"
    AbovePercent,
    /// "α and β are fixed to different values"
    FixedDiffer,
    /// "that law's loss is not E + A/N^α + B/D^β"
    NotParametric,
    /// "empty"
    Empty,
    /// "not a number"
    NotANumber,
    /// "not positive and finite"
    NotPositiveFinite,
    /// "out of range"
    OutOfRange,
    /// "not a count unit"
    NotCountUnit,
    /// "not finite"
    NotFinite,
    /// "not positive"
    NotPositive,
    /// "not in (0, 1)"
    NotFraction,
    /// "needs two numbers k,a"
    NeedsTwo,
    /// "needs k > 0 and a in (0, 1)"
    NeedsSweep,
    /// "needs five numbers E,A,B,α,β"
    NeedsFive,
    /// "needs E ≥ 0 and positive A, B, α, β"
    NeedsCoefficients,
    /// "unknown shape preset"
    UnknownShapePreset,
    /// "needs 8 whole numbers"
    NeedsEight,
    /// "not whole numbers"
    NotWholeNumbers,
    /// "unknown shape flag"
    UnknownShapeFlag,
    /// "layers not from 1 to 1024"
    ShapeLayers,
    /// "d_model not from 1 to 131072"
    ShapeDModel,
    /// "heads out of range"
    ShapeHeads,
    /// "KV heads must divide heads"
    ShapeKvHeads,
    /// "head size not from 1 to 1024"
    ShapeHeadSize,
    /// "FFN size out of range"
    ShapeFfn,
    /// "vocabulary out of range"
    ShapeVocab,
    /// "context out of range"
    ShapeContext,
    /// "not a valid shape"
    NotShape,
    /// "not a convention id"
    NotConvention,
    /// "not from 4 to 1024"
    NotAspect,
    /// "not a memory recipe id"
    NotRecipe,
    /// "not none, zero1, zero2 or zero3"
    NotSharding,
    /// "not cosine, wsd or multistep"
    NotSchedule,
}

impl Reason {
    /// Every reason but [`Reason::Outside`], for the tests.
    #[cfg(test)]
    pub(crate) const ALL: &'static [Reason] = &[
        Reason::NotVersion,
        Reason::NotMode,
        Reason::UnknownAccelerator,
        Reason::NotWholeAtLeastOne,
        Reason::AboveOne,
        Reason::Negative,
        Reason::NotPaperOrGlobal,
        Reason::NotOneOrTwo,
        Reason::NoFit,
        Reason::NoSweepFit,
        Reason::UnknownLawIds,
        Reason::UnknownColumnIds,
        Reason::NoLawIds,
        Reason::NoLoss,
        Reason::UnknownLaw,
        Reason::NotTheme,
        Reason::NotLang,
        Reason::NotZeroOrOne,
        Reason::NotParametric,
        Reason::Empty,
        Reason::NotANumber,
        Reason::NotPositiveFinite,
        Reason::OutOfRange,
        Reason::NotCountUnit,
        Reason::NotFinite,
        Reason::NotPositive,
        Reason::NotFraction,
        Reason::NeedsTwo,
        Reason::NeedsSweep,
        Reason::NeedsFive,
        Reason::NeedsCoefficients,
        Reason::UnknownShapePreset,
        Reason::NeedsEight,
        Reason::NotWholeNumbers,
        Reason::UnknownShapeFlag,
        Reason::ShapeLayers,
        Reason::ShapeDModel,
        Reason::ShapeHeads,
        Reason::ShapeKvHeads,
        Reason::ShapeHeadSize,
        Reason::ShapeFfn,
        Reason::ShapeVocab,
        Reason::ShapeContext,
        Reason::NotShape,
        Reason::NotConvention,
        Reason::NotAspect,
        Reason::NotRecipe,
        Reason::NotSharding,
        Reason::NotSchedule,
    ];

    /// The reason in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> String {
        let words = match self {
            Reason::Outside(limits) => return limits.outside(lang),
            Reason::NotVersion => link::reason_not_version,
            Reason::NotMode => link::reason_not_mode,
            Reason::UnknownAccelerator => link::reason_unknown_accelerator,
            Reason::NotWholeAtLeastOne => link::reason_not_whole_at_least_one,
            Reason::AboveOne => link::reason_above_one,
            Reason::Negative => link::reason_negative,
            Reason::AbovePercent => link::reason_above_percent,
            Reason::FixedDiffer => link::reason_fixed_differ,
            Reason::NotPaperOrGlobal => link::reason_not_paper_or_global,
            Reason::NotOneOrTwo => link::reason_not_one_or_two,
            Reason::NoFit => link::reason_no_fit,
            Reason::NoSweepFit => link::reason_no_sweep_fit,
            Reason::UnknownLawIds => link::reason_unknown_law_ids,
            Reason::UnknownColumnIds => link::reason_unknown_column_ids,
            Reason::NoLawIds => link::reason_no_law_ids,
            Reason::NoLoss => link::reason_no_loss,
            Reason::UnknownLaw => link::reason_unknown_law,
            Reason::NotTheme => link::reason_not_theme,
            Reason::NotLang => link::reason_not_lang,
            Reason::NotZeroOrOne => link::reason_not_zero_or_one,
            Reason::NotParametric => link::reason_not_parametric,
            Reason::Empty => link::reason_empty,
            Reason::NotANumber => link::reason_not_a_number,
            Reason::NotPositiveFinite => link::reason_not_positive_finite,
            Reason::OutOfRange => link::reason_out_of_range,
            Reason::NotCountUnit => link::reason_not_count_unit,
            Reason::NotFinite => link::reason_not_finite,
            Reason::NotPositive => link::reason_not_positive,
            Reason::NotFraction => link::reason_not_fraction,
            Reason::NeedsTwo => link::reason_needs_two,
            Reason::NeedsSweep => link::reason_needs_sweep,
            Reason::NeedsFive => link::reason_needs_five,
            Reason::NeedsCoefficients => link::reason_needs_coefficients,
            Reason::UnknownShapePreset => link::reason_unknown_shape_preset,
            Reason::NeedsEight => link::reason_needs_eight,
            Reason::NotWholeNumbers => link::reason_not_whole_numbers,
            Reason::UnknownShapeFlag => link::reason_unknown_shape_flag,
            Reason::ShapeLayers => link::reason_shape_layers,
            Reason::ShapeDModel => link::reason_shape_d_model,
            Reason::ShapeHeads => link::reason_shape_heads,
            Reason::ShapeKvHeads => link::reason_shape_kv_heads,
            Reason::ShapeHeadSize => link::reason_shape_head_size,
            Reason::ShapeFfn => link::reason_shape_ffn,
            Reason::ShapeVocab => link::reason_shape_vocab,
            Reason::ShapeContext => link::reason_shape_context,
            Reason::NotShape => link::reason_not_shape,
            Reason::NotConvention => link::reason_not_convention,
            Reason::NotAspect => link::reason_not_aspect,
            Reason::NotRecipe => link::reason_not_recipe,
            Reason::NotSharding => link::reason_not_sharding,
            Reason::NotSchedule => link::reason_not_schedule,
        };
        words(lang).to_string()
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}
