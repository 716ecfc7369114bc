//! Quantities as people write them. Expected
//! values are the numbers the text denotes, written out by hand.

use isoflop::law::quantity::{format_count, format_flops, parse_count, parse_flops, ParseError};

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

#[test]
fn budgets_as_people_write_them() {
    for (text, value) in [
        ("5.76e23", 5.76e23),
        ("5.76×10^23", 5.76e23),
        ("5.76*10^23", 5.76e23),
        ("5.76 x 10^23", 5.76e23),
        ("576 ZFLOPs", 5.76e23),
        ("576ZFLOP", 5.76e23),
        ("3.8 YFLOPs", 3.8e24),
        ("1e21 FLOPs", 1e21),
        ("10^21", 1e21),
        ("1,000,000", 1e6),
        ("6.7e9", 6.7e9),
        // Kaplan et al. 2020, Sec. 1.3: 1 PF-day = 8.64e19 FLOPs.
        ("1 PF-day", 8.64e19),
        ("3640 pf-days", 3640.0 * 8.64e19),
    ] {
        let got = parse_flops(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(rel(got, value) < 1e-12, "{text}: {got}");
    }
    // The ×10^ form is rounded once, like the e form: bit-identical.
    assert_eq!(parse_flops("5.76×10^23"), parse_flops("5.76e23"));
}

#[test]
fn counts_as_people_write_them() {
    for (text, value) in [
        ("70B", 70e9),
        ("70 billion", 70e9),
        ("70 Billion params", 70e9),
        ("1.4T", 1.4e12),
        ("1.4 trillion tokens", 1.4e12),
        ("400M", 400e6),
        ("70,000,000,000", 70e9),
        ("6.7e9", 6.7e9),
        ("6.7×10^9", 6.7e9),
        ("175bn", 175e9),
        ("10k", 1e4),
        ("1.43e15", 1.43e15),
    ] {
        let got = parse_count(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(rel(got, value) < 1e-12, "{text}: {got}");
    }
}

#[test]
fn the_rest_is_rejected_with_what_is_accepted() {
    for (text, why) in [
        ("", ParseError::Empty),
        ("abc", ParseError::NotANumber),
        ("NaN", ParseError::NotANumber),
        ("inf", ParseError::NotANumber),
        ("1,5", ParseError::NotANumber), // a decimal comma is not read as 15
        ("5.76e23e4", ParseError::NotANumber),
        ("5×10^2.5", ParseError::NotANumber),
        ("FLOPs", ParseError::NotANumber),
        ("70B", ParseError::NotANumber), // B is not an SI prefix for FLOPs
        ("0", ParseError::NotPositive),
        ("-1e21", ParseError::NotPositive),
        ("1e999", ParseError::NotPositive),
        ("1×10^400", ParseError::NotPositive),
    ] {
        assert_eq!(parse_flops(text), Err(why.clone()), "{text:?}");
    }
    let message = parse_flops("abc").unwrap_err().to_string();
    assert!(
        message.contains("5.76e23") && message.contains("ZFLOPs"),
        "{message}"
    );
    for text in ["", "B", "seventy", "1.4X", "-70B", "0T", "1e400", "params"] {
        assert!(parse_count(text).is_err(), "{text:?}");
    }
    assert_eq!(parse_count("").unwrap_err().0, ParseError::Empty);
    let message = parse_count("seventy").unwrap_err().to_string();
    assert!(
        message.contains("70B") && message.contains("1.4T"),
        "{message}"
    );
}

/// Three significant figures, consistently: K/M/B/T for counts, scientific for FLOPs and for
/// counts from 1000T up.
#[test]
fn formatting() {
    assert_eq!(format_count(4.683e9), "4.68B");
    assert_eq!(format_count(2.05e11), "205B");
    assert_eq!(format_count(1.43e12), "1.43T");
    assert_eq!(format_count(999.6e6), "1.00B");
    assert_eq!(format_count(5.0e7), "50.0M");
    assert_eq!(format_count(20.0), "20.0");
    assert_eq!(format_count(1425.5e12), "1.43e15");
    assert_eq!(format_count(f64::NAN), "—");
    assert_eq!(format_flops(1e21), "1.00e21");
    assert_eq!(format_flops(5.76e23), "5.76e23");
    assert_eq!(format_flops(9.996e23), "1.00e24");
}

/// Plain numbers, fractions (MFU) and whole numbers (device counts) for the page's fields.
#[test]
fn plain_fraction_and_whole_fields() {
    use isoflop::law::quantity::{parse_fraction, parse_positive, parse_whole, ParseError};
    assert_eq!(parse_positive("30"), Ok(30.0));
    assert_eq!(parse_positive("2.5e12"), Ok(2.5e12));
    assert_eq!(parse_positive("1,000"), Ok(1000.0));
    assert_eq!(parse_positive(""), Err(ParseError::Empty));
    assert_eq!(parse_positive("-1"), Err(ParseError::NotPositive));
    assert_eq!(parse_positive("70B"), Err(ParseError::NotANumber));
    assert_eq!(parse_positive("inf"), Err(ParseError::NotANumber));
    assert_eq!(parse_fraction("0.4"), Ok(0.4));
    assert_eq!(parse_fraction("40%"), Ok(0.4));
    assert_eq!(parse_fraction("100 %"), Ok(1.0));
    assert_eq!(parse_fraction("1.2"), Err(ParseError::OutOfRange));
    assert_eq!(parse_fraction("0"), Err(ParseError::NotPositive));
    assert_eq!(parse_whole("16,384"), Ok(16_384));
    assert_eq!(parse_whole("2e3"), Ok(2000));
    assert_eq!(parse_whole("1.5"), Err(ParseError::NotANumber));
    assert_eq!(parse_whole("1e300"), Err(ParseError::OutOfRange));
    let msg = ParseError::OutOfRange.message("MFU", "e.g. 0.4 or 40%");
    assert!(msg.contains("MFU") && msg.contains("40%"), "{msg}");
}

/// Chinese counts (万 = 10⁴, 亿 = 10⁸, 万亿 = 10¹²) and full-width forms, as a reader in 中文
/// types them; each expected value is the place value times the number, worked by hand.
#[test]
fn chinese_units_and_full_width_forms() {
    let cases = [
        ("700亿", 7e10),
        ("1.4万亿", 1.4e12),
        ("7千万", 7e7),
        ("70 B", 7e10),
        ("７０Ｂ", 7e10),
        ("１．４Ｔ", 1.4e12),
        ("７００亿", 7e10),
        ("1,000万", 1e7),
        ("700亿参数", 7e10),
        ("3十亿", 3e9),
        ("5万", 5e4),
    ];
    for (text, want) in cases {
        let got = parse_count(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(
            (got - want).abs() <= want * 1e-15,
            "{text}: {got} vs {want}"
        );
    }
    assert_eq!(parse_flops("５.７６ｅ２３").unwrap(), 5.76e23);
    for nonsense in ["亿亿亿", "1亿亿亿", "7万千", "亿", "百万亿亿"] {
        let err = parse_count(nonsense).expect_err(nonsense);
        let message = err.to_string();
        assert!(!message.contains("NaN"), "{nonsense}: {message}");
        if nonsense.starts_with('1') || nonsense.starts_with('7') {
            assert!(message.contains("is not a unit"), "{nonsense}: {message}");
        }
    }
    assert!(parse_count("亿亿亿")
        .unwrap_err()
        .to_string()
        .contains("亿亿亿"));
}

#[test]
fn counts_in_chinese_sit_beside_the_si_form() {
    use isoflop::i18n::Lang;
    use isoflop::law::quantity::format_count_in;
    assert_eq!(format_count_in(70e9, Lang::En), "70.0B");
    assert_eq!(format_count_in(70e9, Lang::Zh), "70.0B（700亿）");
    assert_eq!(format_count_in(1.4e12, Lang::Zh), "1.40T（1.4万亿）");
    assert_eq!(format_count_in(512.0, Lang::Zh), "512");
}
