//! The link's two properties: any valid configuration survives the link exactly, and no query
//! string whatever makes `decode` panic or return an invalid configuration.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::RngAlgorithm;

use super::tests_strategies::{law_ids, valid_config};
use super::text::keys;
use super::*;
use crate::law::LawId;

/// Characters for junk text: all of ASCII (controls, `&`, `=`, `%`, `+`, `?` included), a few
/// accented letters, an emoji, U+FFFD and the last code point. (A narrow class: proptest's
/// `\PC` is correct but its range search dominated the run time.)
const JUNK: &str = r"[\x00-\x7Fé€ü×\x{1F980}\x{FFFD}\x{10FFFF}]";

/// A string strategy from a regex, parsed once (a bare `&str` strategy re-parses per case).
fn re(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
    proptest::string::string_regex(pattern).expect("a valid test regex")
}

/// Text that looks like a number, or nearly: every float spelling, overflow, NaN, unicode
/// digits, other notations.
fn numberish() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|x| x.to_string()),
        any::<f64>().prop_map(|x| format!("{x:e}")),
        any::<i64>().prop_map(|x| x.to_string()),
        re("[0-9]{1,400}"),
        select(vec![
            "NaN",
            "nan",
            "inf",
            "-inf",
            "infinity",
            "1e999",
            "-1e999",
            "1e-400",
            "-0",
            "0",
            "+1",
            "٣",
            "１２",
            "5.76×10^23",
            "70B",
            "1.4T",
            "1,000",
            "0x10",
            "1e",
            ".",
            "e5",
            "10^99999",
        ])
        .prop_map(String::from),
    ]
}

/// A link of known keys and junk with values of every kind, including long unicode.
fn junk_query() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        6 => select(keys::ALL.to_vec()).prop_map(String::from),
        1 => re(&format!("{JUNK}{{0,8}}")),
        1 => re("%[0-9A-Fa-f]{0,2}[a-z]{0,4}"),
    ];
    let ids: Vec<String> = law_ids()
        .into_iter()
        .chain([LawId::Fit])
        .map(|id| id.to_string())
        .collect();
    let law = prop_oneof![select(ids), re(&format!("{JUNK}{{0,6}}"))];
    let value = prop_oneof![
        4 => numberish(),
        2 => vec(law, 0..6).prop_map(|ids| ids.join(",")),
        2 => vec(numberish(), 0..7).prop_map(|xs| xs.join(",")),
        2 => re(&format!("{JUNK}{{0,60}}")),
        1 => re("(%[0-9A-Fa-fG-Z]{0,2}){0,8}"),
        1 => select(vec!["budget", "hardware", "paper", "global", "dark", "h100", "H100-SXM", "2"])
            .prop_map(String::from),
        1 => select(vec![
            "llama3-8b", "QWEN2.5-72B", "chinchilla-a9-44m", "palm", "kaplan", "6n", "zero3",
            "fsdp", "mixed-adam-8bit", "128", "3.5",
            "32,4096,32,8,128,14336,128256,8192,gated",
            "80,8192,64,64,128,32768,32000,2048,tied,relative,all-bias,layernorm",
            "1,1,1,1,1,1,1,1", "0,0,0,0,0,0,0,0", "99999999999999999999,1,1,1,1,1,1,1",
            "2,64,3,2,64,256,100,16", "2,64,4,2,64,256,100,16,gated,gated,no-norm,qkv-bias",
        ])
        .prop_map(String::from),
        1 => Just(String::new()),
    ];
    let pair = prop_oneof![
        8 => (key.clone(), value).prop_map(|(k, v)| format!("{k}={v}")),
        1 => key,
    ];
    (any::<bool>(), vec(pair, 0..24)).prop_map(|(question_mark, pairs)| {
        let prefix = if question_mark { "?" } else { "" };
        format!("{prefix}{}", pairs.join("&"))
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2_000,
        failure_persistence: None,
        // XorShift: the default ChaCha, unoptimised in test builds, was 90 % of the run time.
        rng_algorithm: RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    })]

    /// Config → link → the same Config, bit for bit, with no notice.
    #[test]
    fn any_valid_config_round_trips(config in valid_config()) {
        prop_assert!(config.is_valid(), "{:?}", config.validate());
        let link = encode(&config);
        prop_assert!(link.is_empty() || link.starts_with("v=1&"), "{}", link);
        let decoded = decode(&link);
        prop_assert_eq!(&decoded.config, &config, "{}", link);
        prop_assert!(decoded.notices.is_empty(), "{:?}", decoded.notices);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10_000,
        failure_persistence: None,
        // XorShift: the default ChaCha, unoptimised in test builds, was 90 % of the run time.
        rng_algorithm: RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    })]

    /// Any query string: no panic, a valid configuration, short notices, and the configuration
    /// it gives is itself a clean link.
    #[test]
    fn any_query_gives_a_valid_config(query in junk_query()) {
        let decoded = decode(&query);
        prop_assert!(decoded.config.is_valid(), "{:?}", decoded.config.validate());
        for notice in &decoded.notices {
            let notice = notice.to_string();
            prop_assert!(notice.chars().count() <= 100, "{}", notice);
        }
        let again = decode(&encode(&decoded.config));
        prop_assert_eq!(again.config, decoded.config);
        prop_assert!(again.notices.is_empty(), "{:?}", again.notices);
    }
}

/// No word a reader would take for a broken number: NaN, inf, Infinity, undefined.
fn nonsense(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    ["nan", "inf", "infinity", "undefined"]
        .into_iter()
        .find(|bad| words.contains(bad))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3_000,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    })]

    /// Any link, however extreme or malformed, and any valid configuration: every text the page
    /// or the command line shows for it — the table (page, Markdown, CSV, text), the summaries
    /// and the "Why they differ" findings — reads as numbers or words, never NaN or inf.
    #[test]
    fn no_link_prints_nonsense(query in junk_query(), config in valid_config()) {
        for c in [decode(&query).config, config] {
            let p = crate::plan::plan(&c);
            let why = crate::plan::why::why(&c, &p);
            let mut texts = vec![crate::plan::text(&p)];
            for lang in crate::i18n::Lang::ALL {
                let t = crate::plan::table::table(&p, lang);
                texts.extend([t.markdown(), t.csv()]);
                texts.extend(t.rows.iter().flat_map(|r| r.cells.iter().filter_map(|c| c.title.clone())));
                texts.extend(
                    [
                        crate::plan::summary::kaplan_vs_chinchilla(&p, lang),
                        crate::plan::summary::kaplan_penalty(&p, lang),
                        crate::plan::summary::data_constrained(&p, lang),
                    ]
                    .into_iter()
                    .flatten(),
                );
                texts.push(crate::plan::summary::caption(&p, lang));
            }
            texts.extend(why.findings("law"));
            for text in &texts {
                prop_assert!(nonsense(text).is_none(), "{:?} in {}\nfrom {:?}", nonsense(text), text, c);
            }
        }
    }
}
