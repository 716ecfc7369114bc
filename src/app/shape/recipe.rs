//! Where each training recipe's bytes per parameter come from, in the page's language
//! (`locales/sections.toml`, the recipe's tooltip); `Recipe::citation` is the command line's
//! English, and `tests/i18n_sections.rs` keeps the catalog's English equal to it.

use crate::i18n::{sections as t, Lang};
use crate::law::shape::Recipe;

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
