//! The sweep planner's keys: each value read back exactly, one notice per bad value (which
//! keeps the default), and a link from before the planner opening its defaults.

use super::tests_notices::notice;
use super::*;
use crate::law::LawId;

#[test]
fn planner_keys_round_trip() {
    for (query, expected) in [
        (
            "v=1&ptarget=1e24&pspend=3e21&plaw=chinchilla-a3",
            PlanConfig {
                target: Some(1e24),
                spend: Some(3e21),
                law: LawId::ChinchillaA3,
                ..PlanConfig::default()
            },
        ),
        (
            "v=1&pbud=7&pspace=2.5&psizes=9&pwidth=3&poff=0.5&pnoise=0.25&psims=500",
            PlanConfig {
                budgets: Some(7),
                spacing: Some(2.5),
                sizes: Some(9),
                width: Some(3.0),
                offset: Some(0.5),
                noise_percent: Some(0.25),
                simulations: Some(500),
                ..PlanConfig::default()
            },
        ),
        // Values the planner itself refuses (one budget, a width of 1) are kept as typed: the
        // section says what is wrong beside the field.
        (
            "v=1&pbud=1&pwidth=1",
            PlanConfig {
                budgets: Some(1),
                width: Some(1.0),
                ..PlanConfig::default()
            },
        ),
    ] {
        let d = decode(query);
        assert!(d.notices.is_empty(), "{query}: {:?}", d.notices);
        assert_eq!(d.config.planner, expected, "{query}");
        assert_eq!(encode(&d.config), query);
        assert!(d.config.planner.is_set());
    }
    // The budget in the page's notations, written back as the shortest number.
    let d = decode("v=1&ptarget=576%20ZFLOPs");
    assert_eq!(d.config.planner.target, Some(5.76e23));
    assert_eq!(encode(&d.config), "v=1&ptarget=5.76e23");
    // Your fit as the prior, only with a fit.
    let d = decode("v=1&fit=1.8,480,2000,0.35,0.37&plaw=fit");
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    assert_eq!(d.config.planner.law, LawId::Fit);
    // A link from before the planner opens its defaults, and writes nothing of it.
    let d = decode("v=1&flops=1e24");
    assert_eq!(d.config.planner, PlanConfig::default());
    assert!(!d.config.planner.is_set());
    assert_eq!(encode(&d.config), "v=1&flops=1e24");
}

#[test]
fn each_bad_planner_value_is_named() {
    for (query, expected) in [
        ("ptarget=0", "Ignored ptarget=0: not positive and finite."),
        (
            "ptarget=1e40",
            "Ignored ptarget=1e40: outside the accepted range, 1e12 to 1e35.",
        ),
        ("pspend=lots", "Ignored pspend=lots: not a number."),
        (
            "plaw=kaplan2020",
            "Ignored plaw=kaplan2020: that law's loss is not E + A/N^α + B/D^β.",
        ),
        ("plaw=fit", "Ignored plaw=fit: the link has no fit."),
        ("plaw=nope", "Ignored plaw=nope: unknown law."),
        (
            "pbud=21",
            "Ignored pbud=21: outside the accepted range, 1 to 20.",
        ),
        ("psizes=2.5", "Ignored psizes=2.5: not whole numbers."),
        (
            "pwidth=0.5",
            "Ignored pwidth=0.5: outside the accepted range, 1 to 100.",
        ),
        (
            "pnoise=60",
            "Ignored pnoise=60: outside the accepted range, 0 to 50.",
        ),
        (
            "psims=0",
            "Ignored psims=0: outside the accepted range, 1 to 2000.",
        ),
    ] {
        assert_eq!(notice(query), expected, "{query}");
        assert_eq!(decode(query).config.planner, PlanConfig::default());
    }
}
