//! The page's section texts that repeat an English label kept elsewhere (the command line's)
//! say the same thing in English, so the two never drift.

use isoflop::i18n::{sections, Lang};
use isoflop::law::shape::Recipe;

/// A catalog text.
type Text = fn(Lang) -> &'static str;

#[test]
fn training_recipes_sources_read_as_the_command_line_has_them_in_english() {
    let page: [(Recipe, Text); 5] = [
        (Recipe::MixedAdam, sections::recipe_mixed_adam_source),
        (Recipe::Fp32Adam, sections::recipe_fp32_adam_source),
        (Recipe::Bf16Adam, sections::recipe_bf16_adam_source),
        (
            Recipe::MixedAdam8bit,
            sections::recipe_mixed_adam_8bit_source,
        ),
        (Recipe::Bf16Weights, sections::recipe_bf16_weights_source),
    ];
    assert_eq!(page.len(), Recipe::ALL.len());
    for (recipe, source) in page {
        assert_eq!(source(Lang::En), recipe.citation());
        assert_ne!(source(Lang::Zh), recipe.citation());
    }
}
