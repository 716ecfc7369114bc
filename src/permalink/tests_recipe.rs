//! The training recipe's keys: each value read back exactly, one notice per bad value (which
//! keeps the default), and a link without them opening the default recipe.

use super::tests_notices::notice;
use super::*;
use crate::law::hyper::Schedule;

#[test]
fn recipe_keys_round_trip() {
    for (query, expected) in [
        (
            "v=1&sched=multistep",
            RecipeConfig {
                schedule: Schedule::MultiStep,
                ..RecipeConfig::default()
            },
        ),
        (
            "v=1&warm=0&ctx=8192",
            RecipeConfig {
                warmup: Some(0),
                context: Some(8192.0),
                ..RecipeConfig::default()
            },
        ),
        (
            "v=1&rn=7e9&rd=2e12",
            RecipeConfig {
                run_params: Some(7e9),
                run_tokens: Some(2e12),
                ..RecipeConfig::default()
            },
        ),
    ] {
        let d = decode(query);
        assert!(d.notices.is_empty(), "{query}: {:?}", d.notices);
        assert_eq!(d.config.recipe, expected, "{query}");
        assert_eq!(encode(&d.config), query);
    }
    // The context is written as digits, and read in the notation the first build wrote.
    for (query, written) in [
        ("v=1&ctx=3e4", "v=1&ctx=30000"),
        ("v=1&ctx=30000", "v=1&ctx=30000"),
    ] {
        let d = decode(query);
        assert!(d.notices.is_empty(), "{query}: {:?}", d.notices);
        assert_eq!(d.config.recipe.context, Some(30000.0), "{query}");
        assert_eq!(encode(&d.config), written, "{query}");
    }
    // A link from before the section opens the default recipe.
    assert_eq!(
        decode("v=1&flops=1e24").config.recipe,
        RecipeConfig::default()
    );
}

#[test]
fn each_bad_recipe_value_is_named() {
    for (query, expected) in [
        (
            "sched=linear",
            "Ignored sched=linear: not cosine, wsd or multistep.",
        ),
        ("warm=-5", "Ignored warm=-5: not whole numbers."),
        ("warm=2.5", "Ignored warm=2.5: not whole numbers."),
        (
            "ctx=0",
            "Ignored ctx=0: outside the accepted range, 1 to 1e7.",
        ),
        (
            "ctx=99999999",
            "Ignored ctx=99999999: outside the accepted range, 1 to 1e7.",
        ),
        ("ctx=4096.5", "Ignored ctx=4096.5: not whole numbers."),
        ("ctx=lots", "Ignored ctx=lots: not whole numbers."),
        ("rn=lots", "Ignored rn=lots: not a number."),
        ("rd=0", "Ignored rd=0: not positive and finite."),
    ] {
        assert_eq!(notice(query), expected, "{query}");
        assert_eq!(decode(query).config.recipe, RecipeConfig::default());
    }
}
