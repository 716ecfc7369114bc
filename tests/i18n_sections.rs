//! The page's section texts that repeat an English label kept elsewhere (the command line's)
//! say the same thing in English, so the two never drift.

use isoflop::i18n::{sections, Lang};
use isoflop::law::shape::Recipe;

/// A catalog text.
type Text = fn(Lang) -> &'static str;

#[test]
fn training_recipes_read_as_the_command_line_names_them_in_english() {
    let page: [(Recipe, Text); 5] = [
        (Recipe::MixedAdam, sections::recipe_mixed_adam),
        (Recipe::Fp32Adam, sections::recipe_fp32_adam),
        (Recipe::Bf16Adam, sections::recipe_bf16_adam),
        (Recipe::MixedAdam8bit, sections::recipe_mixed_adam_8bit),
        (Recipe::Bf16Weights, sections::recipe_bf16_weights),
    ];
    assert_eq!(page.len(), Recipe::ALL.len());
    for (recipe, text) in page {
        assert_eq!(text(Lang::En), recipe.label());
        assert_ne!(text(Lang::Zh), recipe.label());
    }
}
