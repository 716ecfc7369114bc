//! The training recipes' names and sources in the page's language (`locales/sections.toml`);
//! `Recipe::label` and `Recipe::citation` are the command line's English, and
//! `tests/i18n_sections.rs` keeps the catalog's English equal to them.

use crate::i18n::{sections as t, Lang};
use crate::law::shape::Recipe;

/// A training recipe's name in `lang` (`Recipe::label` is the English, for the command line).
pub(super) fn recipe_label(recipe: Recipe, lang: Lang) -> &'static str {
    match recipe {
        Recipe::MixedAdam => t::recipe_mixed_adam(lang),
        Recipe::Fp32Adam => t::recipe_fp32_adam(lang),
        Recipe::Bf16Adam => t::recipe_bf16_adam(lang),
        Recipe::MixedAdam8bit => t::recipe_mixed_adam_8bit(lang),
        Recipe::Bf16Weights => t::recipe_bf16_weights(lang),
    }
}

/// Where a recipe's bytes come from, in `lang` (`Recipe::citation` is the English).
pub(super) fn recipe_source(recipe: Recipe, lang: Lang) -> &'static str {
    match recipe {
        Recipe::MixedAdam => t::recipe_mixed_adam_source(lang),
        Recipe::Fp32Adam => t::recipe_fp32_adam_source(lang),
        Recipe::Bf16Adam => t::recipe_bf16_adam_source(lang),
        Recipe::MixedAdam8bit => t::recipe_mixed_adam_8bit_source(lang),
        Recipe::Bf16Weights => t::recipe_bf16_weights_source(lang),
    }
}
