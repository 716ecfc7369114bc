//! One test per kind of notice a link can raise: each bad value named with its key and kept at
//! its default, a newer version, long or strange values, and `validate` naming the field.

use super::*;
use crate::law::{LawId, LossParams};

/// The one notice `query` raises, as the page says it.
pub(super) fn notice(query: &str) -> String {
    let d = decode(query);
    assert!(d.config.is_valid(), "{query}: {:?}", d.config.validate());
    assert_eq!(d.notices.len(), 1, "{query}: {:?}", d.notices);
    d.notices[0].to_string()
}

/// Each bad value keeps its default and names its key; the text is as written.
#[test]
fn each_bad_value_is_named() {
    for (query, expected) in [
        ("v=two", "Ignored v=two: not a version number."),
        ("mode=turbo", "Ignored mode=turbo: not a mode."),
        ("flops=NaN", "Ignored flops=NaN: not a number."),
        (
            "flops=1e999",
            "Ignored flops=1e999: not positive and finite.",
        ),
        ("flops=-1", "Ignored flops=-1: not positive and finite."),
        ("flops=", "Ignored flops=: empty."),
        ("gpu=gpu9000", "Ignored gpu=gpu9000: unknown accelerator."),
        ("n=0", "Ignored n=0: not a whole number ≥ 1."),
        ("n=1.5", "Ignored n=1.5: not a whole number ≥ 1."),
        (
            "n=99999999999999999999",
            "Ignored n=99999999999999999999: not a whole number ≥ 1.",
        ),
        ("days=inf", "Ignored days=inf: not finite."),
        ("mfu=1.5", "Ignored mfu=1.5: above 1."),
        ("mfu=0", "Ignored mfu=0: not positive."),
        ("price=-2", "Ignored price=-2: negative."),
        ("params=lots", "Ignored params=lots: not a number."),
        ("n0=0", "Ignored n0=0: not positive and finite."),
        ("d0=%20", "Ignored d0= : empty."),
        ("ca=1", "Ignored ca=1: not in (0, 1)."),
        ("cb=-0.5", "Ignored cb=-0.5: not in (0, 1)."),
        ("k=infinity", "Ignored k=infinity: not finite."),
        ("loss=0", "Ignored loss=0: not positive."),
        ("inf=0", "Ignored inf=0: not positive and finite."),
        ("unique=25e9e9", "Ignored unique=25e9e9: not a number."),
        (
            "fit=1,2,3",
            "Ignored fit=1,2,3: needs five numbers E,A,B,α,β.",
        ),
        ("fit=1,2,3,4,x", "Ignored fit=1,2,3,4,x: not a number."),
        (
            "fit=1,2,3,4,-5",
            "Ignored fit=1,2,3,4,-5: needs E ≥ 0 and positive A, B, α, β.",
        ),
        (
            "fit=1,2,3,4,5&fitm=best",
            "Ignored fitm=best: not paper or global.",
        ),
        ("fit=1,2,3,4,5&fitd=NaN", "Ignored fitd=NaN: not finite."),
        (
            "laws=nope,kaplan2020",
            "Ignored laws=nope: unknown law ids.",
        ),
        (
            "laws=fit,epoch2024",
            "Ignored laws=fit: the link has no fit.",
        ),
        ("laws=,,", "Ignored laws=,,: no law ids."),
        (
            "hide=loss,nope,flops",
            "Ignored hide=nope: unknown column ids.",
        ),
        (
            "judge=chinchilla-a1",
            "Ignored judge=chinchilla-a1: that law predicts no loss.",
        ),
        ("judge=fit", "Ignored judge=fit: the link has no fit."),
        (
            "laws=sweep-fit,epoch2024",
            "Ignored laws=sweep-fit: the link has no sweep fit.",
        ),
        ("sfit=1", "Ignored sfit=1: needs two numbers k,a."),
        ("sfit=0.1,1.5", "Ignored sfit=0.1,1.5: not in (0, 1)."),
        ("sfit=-1,0.5", "Ignored sfit=-1,0.5: not positive."),
        ("sfit=0.1,0.5&sfita=3", "Ignored sfita=3: not 1 or 2."),
        (
            "sfit=0.1,0.5&judge=sweep-fit",
            "Ignored judge=sweep-fit: that law predicts no loss.",
        ),
        ("judge=nope", "Ignored judge=nope: unknown law."),
        ("theme=blue", "Ignored theme=blue: not auto, light or dark."),
        ("lang=fr", "Ignored lang=fr: not en or zh."),
        ("why=yes", "Ignored why=yes: not 0 or 1."),
        (
            "rlaw=kaplan2020",
            "Ignored rlaw=kaplan2020: that law's loss is not E + A/N^α + B/D^β.",
        ),
        ("rlaw=fit", "Ignored rlaw=fit: the link has no fit."),
        ("vocab=0", "Ignored vocab=0: not positive and finite."),
        ("aspect=-3", "Ignored aspect=-3: not positive."),
    ] {
        assert_eq!(notice(query), expected, "{query}");
        assert_eq!(decode(query).config.theme, Theme::Auto);
    }
    // The default stays where the value was bad, and the good values around it are kept.
    let d = decode("mfu=1.5&days=10");
    assert_eq!(d.config.hardware.mfu, 0.4);
    assert_eq!(d.config.hardware.days, 10.0);
    // Hidden columns: known ids kept in the table's order, each once.
    let d = decode("hide=flat-n,nope,loss,flat-n");
    assert_eq!(d.config.hidden, [ColumnId::Loss, ColumnId::FlatN]);
    // Unknown ids are dropped and named; known ones keep their order, repeats dropped.
    let d = decode("laws=epoch2024,nope,kaplan2020,epoch2024");
    assert_eq!(d.config.laws, ["epoch2024", "kaplan2020"]);
    // Only unknown ids: the default laws stay.
    let d = decode("laws=nope");
    assert_eq!(d.config.laws, DEFAULT_LAWS);
    // Method and δ without a fit have nothing to apply to.
    assert_eq!(decode("fitm=paper&fitd=1").config, Config::default());
}

/// A newer link loads what this page knows, and says so once.
#[test]
fn a_newer_version_loads_what_it_can() {
    let d = decode("v=2&flops=1e22&hologram=3");
    assert_eq!(d.config.flops, 1e22);
    assert_eq!(d.notices.len(), 1);
    let text = d.notices[0].to_string();
    assert!(text.contains("newer") && text.contains("v=2"));
    assert!(decode("v=1&flops=1e22").notices.is_empty());
}

/// Notices stay short however long the value: 24 characters of it, then `…`.
#[test]
fn notices_do_not_echo_long_values() {
    let long = "x".repeat(10_000);
    let text = notice(&format!("flops={long}"));
    assert_eq!(
        text,
        format!("Ignored flops={}…: not a number.", "x".repeat(24))
    );
    let unicode = "🦀".repeat(5_000);
    let text = notice(&format!("laws={unicode}"));
    assert!(text.chars().count() < 80, "{text}");
}

/// A 10 000-character link of junk, unicode and broken escapes: no panic, a valid default.
#[test]
fn long_strange_links() {
    let mut query = String::new();
    while query.len() < 10_000 {
        query.push_str("%ZZ&é=ü&%F0%9F%A6%80=%&flops=%E2%82&=&&");
    }
    let d = decode(&query);
    assert!(d.config.is_valid());
    assert_eq!(d.config, Config::default());
    assert_eq!(d.notices.len(), 1, "{:?}", d.notices);
    let d = decode(&"&".repeat(10_000));
    assert_eq!(d, Decoded::default());
}

/// `validate` names the field at fault (a second, independent statement of the rules).
#[test]
fn validate_names_the_field() {
    let bad = |edit: fn(&mut Config)| {
        let mut c = Config::default();
        edit(&mut c);
        c.validate().unwrap_err().0
    };
    assert_eq!(bad(|c| c.flops = f64::NAN), "flops");
    assert_eq!(bad(|c| c.flops = f64::INFINITY), "flops");
    assert_eq!(bad(|c| c.hardware.count = 0), "device count");
    assert_eq!(bad(|c| c.hardware.mfu = 1.01), "MFU");
    assert_eq!(bad(|c| c.hardware.price = Some(-1.0)), "price");
    assert_eq!(bad(|c| c.anchor.a = 1.0), "anchor exponents");
    assert_eq!(bad(|c| c.laws.clear()), "laws");
    assert_eq!(bad(|c| c.laws.push(LawId::Kaplan2020)), "laws");
    assert_eq!(bad(|c| c.laws.push(LawId::Fit)), "laws");
    assert_eq!(bad(|c| c.judge = LawId::DeepSeek2024), "judge");
    assert_eq!(bad(|c| c.inference_tokens = Some(0.0)), "inference tokens");
    assert_eq!(
        bad(|c| c.fit = Some(FitConfig {
            params: LossParams {
                e: 1.0,
                a: 1.0,
                b: 1.0,
                alpha: 0.3,
                beta: 0.3,
            },
            paper_method: false,
            delta: 0.0,
        })),
        "fit"
    );
    assert!(Config::default().is_valid());
    assert!(is_loss_law(LawId::Kaplan2020, false) && !is_loss_law(LawId::Llama3, false));
}
