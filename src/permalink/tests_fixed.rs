//! The fit panel's fixed or tied coefficients (`fixa`, `fixb`, `fixe`, `tie`) and the
//! flat-optimum tolerance (`flat`) in the link: exact links written by hand, round trips, and
//! one notice per kind of bad value.

use super::tests_notices::notice;
use super::*;
use crate::fit::Constraints;

/// Links written by hand from the key table, read back to the same configuration.
#[test]
fn fixed_coefficients_and_the_tolerance_travel_in_the_link() {
    let cases = [
        (
            Constraints {
                alpha: Some(0.34),
                ..Constraints::FREE
            },
            DEFAULT_FLAT_PERCENT,
            "v=1&fixa=0.34",
        ),
        (
            Constraints {
                beta: Some(0.28),
                e: Some(0.0),
                tie: true,
                ..Constraints::FREE
            },
            DEFAULT_FLAT_PERCENT,
            "v=1&fixb=0.28&fixe=0&tie=1",
        ),
        (
            Constraints {
                alpha: Some(0.3),
                beta: Some(0.3),
                tie: true,
                e: None,
            },
            2.0,
            "v=1&fixa=0.3&fixb=0.3&tie=1&flat=2",
        ),
        (Constraints::FREE, 0.1 + 0.2, "v=1&flat=0.30000000000000004"),
    ];
    for (fixed, flat_percent, link) in cases {
        let config = Config {
            fixed,
            flat_percent,
            ..Config::default()
        };
        assert!(config.is_valid(), "{config:?}");
        assert_eq!(encode(&config), link);
        let decoded = decode(link);
        assert_eq!(decoded.config, config, "{link}");
        assert!(decoded.notices.is_empty(), "{:?}", decoded.notices);
    }
    // The default tolerance is written as nothing at all.
    let default = Config {
        flat_percent: 0.5,
        ..Config::default()
    };
    assert_eq!(encode(&default), "");
}

/// Each bad value keeps its default and is named, with the reason, in one notice.
#[test]
fn bad_fixed_values_and_tolerances_are_named() {
    for (query, expected) in [
        ("fixa=0", "Ignored fixa=0: not positive."),
        ("fixb=-0.3", "Ignored fixb=-0.3: not positive."),
        ("fixa=abc", "Ignored fixa=abc: not a number."),
        ("fixe=-1", "Ignored fixe=-1: negative."),
        ("fixe=inf", "Ignored fixe=inf: not finite."),
        ("tie=yes", "Ignored tie=yes: not 0 or 1."),
        (
            "fixa=0.3&fixb=0.4&tie=1",
            "Ignored tie=1: α and β are fixed to different values.",
        ),
        ("flat=0", "Ignored flat=0: not positive."),
        ("flat=101", "Ignored flat=101: above 100 %."),
        ("flat=NaN", "Ignored flat=NaN: not finite."),
    ] {
        assert_eq!(notice(query), expected, "{query}");
        let c = decode(query).config;
        assert!(c.is_valid(), "{query}");
    }
    // What was usable is kept: the two fixed exponents without the tie.
    let c = decode("fixa=0.3&fixb=0.4&tie=1").config;
    assert_eq!(
        c.fixed,
        Constraints {
            alpha: Some(0.3),
            beta: Some(0.4),
            ..Constraints::FREE
        }
    );
    assert_eq!(decode("flat=101").config.flat_percent, DEFAULT_FLAT_PERCENT);
}

/// `validate` refuses what `decode` never returns.
#[test]
fn validate_names_the_fixed_coefficients_and_the_tolerance() {
    let contradictory = Config {
        fixed: Constraints {
            alpha: Some(0.3),
            beta: Some(0.4),
            tie: true,
            e: None,
        },
        ..Config::default()
    };
    assert_eq!(contradictory.validate(), Err(Invalid("fixed coefficients")));
    for bad in [0.0, -1.0, 100.5, f64::NAN, f64::INFINITY] {
        let c = Config {
            flat_percent: bad,
            ..Config::default()
        };
        assert_eq!(
            c.validate(),
            Err(Invalid("flat-optimum tolerance")),
            "{bad}"
        );
    }
}
