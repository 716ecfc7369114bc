//! Quantities as people write them: parsing budgets and counts, and formatting them back
//! consistently (three significant figures; counts with K/M/B/T, FLOPs in scientific notation).

mod error;
pub mod field;

pub use error::{CountParseError, ParseError};

/// FLOPs in one PF-day (Kaplan et al. 2020, Sec. 1.3).
const PF_DAY: f64 = super::PF_DAY_FLOPS;

/// Parses a FLOPs budget: `1e21`, `5.76e23`, `5.76×10^23`, `5.76*10^23`, `10^21`,
/// `1,000,000`, with an optional SI prefix and unit (`576 ZFLOPs`, `3.8 YFLOP`) or in PF-days
/// (`3640 PF-days`).
pub fn parse_flops(text: &str) -> Result<f64, ParseError> {
    let compact = compact(text)?;
    for unit in [
        "petaflop/s-days",
        "petaflop-days",
        "pfs-days",
        "pf-days",
        "pfdays",
        "pf-day",
    ] {
        if let Some(number) = strip_suffix_ignore_case(&compact, unit) {
            return positive(parse_scientific(number).ok_or(ParseError::NotANumber)? * PF_DAY);
        }
    }
    let rest = ["flops", "flop"]
        .iter()
        .find_map(|unit| strip_suffix_ignore_case(&compact, unit))
        .unwrap_or(&compact);
    if let Some(value) = parse_scientific(rest) {
        return positive(value);
    }
    let (number, prefix) = split_last_char(rest).ok_or(ParseError::NotANumber)?;
    let scale = match prefix {
        'k' | 'K' => 1e3,
        'M' => 1e6,
        'G' => 1e9,
        'T' => 1e12,
        'P' => 1e15,
        'E' => 1e18,
        'Z' => 1e21,
        'Y' => 1e24,
        _ => return Err(ParseError::NotANumber),
    };
    positive(parse_scientific(number).ok_or(ParseError::NotANumber)? * scale)
}

/// Parses a count of parameters or tokens: `70B`, `70 billion`, `1.4T`, `400M`, `6.7e9`,
/// `70,000,000,000`, `5.76×10^23`; an optional trailing `params` / `parameters` / `tokens`
/// is ignored.
pub fn parse_count(text: &str) -> Result<f64, CountParseError> {
    let compact = compact(text).map_err(CountParseError)?;
    // ASCII only: every suffix is ASCII, and Unicode case tables would cost the page ~10 KB.
    let lower = compact.to_ascii_lowercase();
    let mut body = lower.as_str();
    for noun in ["parameters", "params", "tokens"] {
        if let Some(stripped) = body.strip_suffix(noun) {
            body = stripped;
            break;
        }
    }
    for noun in ["参数", "个"] {
        body = body.strip_suffix(noun).unwrap_or(body);
    }
    if body.is_empty() {
        return Err(CountParseError(ParseError::NotANumber));
    }
    // 700亿, 1.4万亿, 7千万 (the place values of the characters).
    match super::chinese::split_unit(body) {
        Ok(Some((number, scale))) => {
            let value = parse_scientific(number).ok_or(CountParseError(ParseError::NotANumber))?;
            return positive(value * scale).map_err(CountParseError);
        }
        Ok(None) => {}
        Err(super::chinese::BadUnit(unit)) => {
            return Err(CountParseError(ParseError::ChineseUnit(unit)))
        }
    }
    const SUFFIXES: [(&str, f64); 11] = [
        ("quadrillion", 1e15),
        ("trillion", 1e12),
        ("billion", 1e9),
        ("million", 1e6),
        ("thousand", 1e3),
        ("bn", 1e9),
        ("mn", 1e6),
        ("t", 1e12),
        ("b", 1e9),
        ("m", 1e6),
        ("k", 1e3),
    ];
    let (number, scale) = SUFFIXES
        .iter()
        .find_map(|(suffix, scale)| body.strip_suffix(suffix).map(|n| (n, *scale)))
        .unwrap_or((body, 1.0));
    let value = parse_scientific(number).ok_or(CountParseError(ParseError::NotANumber))?;
    positive(value * scale).map_err(CountParseError)
}

/// Parses a plain positive number: `30`, `7.5`, `2e12`, `1,000` (no unit suffixes).
pub fn parse_positive(text: &str) -> Result<f64, ParseError> {
    let compact = compact(text)?;
    positive(plain_number(&compact).ok_or(ParseError::NotANumber)?)
}

/// Parses a fraction in (0, 1], written `0.4` or `40%`.
pub fn parse_fraction(text: &str) -> Result<f64, ParseError> {
    let compact = compact(text)?;
    let value = match compact.strip_suffix('%') {
        Some(percent) => positive(plain_number(percent).ok_or(ParseError::NotANumber)?)? / 100.0,
        None => positive(plain_number(&compact).ok_or(ParseError::NotANumber)?)?,
    };
    if value <= 1.0 {
        Ok(value)
    } else {
        Err(ParseError::OutOfRange)
    }
}

/// Parses a whole number ≥ 1: `1024`, `16,384`, `2e3`.
pub fn parse_whole(text: &str) -> Result<u64, ParseError> {
    let value = parse_positive(text)?;
    if value.fract() != 0.0 {
        return Err(ParseError::NotANumber);
    }
    if value > 1e15 {
        return Err(ParseError::OutOfRange);
    }
    Ok(value as u64)
}

/// Removes blanks and underscores and well-formed thousands separators (`70,000,000`).
fn compact(text: &str) -> Result<String, ParseError> {
    // Full-width digits and punctuation (７０Ｂ, １．４Ｔ) read as their ASCII forms.
    let spaced: String = super::chinese::half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    if spaced.is_empty() {
        return Err(ParseError::Empty);
    }
    if !spaced.contains(',') {
        return Ok(spaced);
    }
    // Only `d{1,3}(,ddd)+` groups: `1,5` (a decimal comma) is refused rather than read as 15.
    let end = spaced
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .unwrap_or(spaced.len());
    let (grouped, tail) = spaced.split_at(end);
    let mut groups = grouped.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    let rest_ok = groups.all(|g| g.len() == 3);
    if first_ok && rest_ok && !tail.contains(',') {
        Ok(format!("{}{tail}", grouped.replace(',', "")))
    } else {
        Err(ParseError::NotANumber)
    }
}

/// `Ok(x)` for finite positive x.
fn positive(x: f64) -> Result<f64, ParseError> {
    if x.is_finite() && x > 0.0 {
        Ok(x)
    } else {
        Err(ParseError::NotPositive)
    }
}

/// `s` without `suffix`, compared ignoring ASCII case.
fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    (s.is_char_boundary(cut) && s[cut..].eq_ignore_ascii_case(suffix)).then(|| &s[..cut])
}

/// Splits off the last character, if there is one.
fn split_last_char(s: &str) -> Option<(&str, char)> {
    let last = s.chars().next_back()?;
    Some((&s[..s.len() - last.len_utf8()], last))
}

/// `m`, `me±k`, `m×10^k`, `m*10^k`, `m·10^k`, `m x 10^k`, `10^k`.
fn parse_scientific(s: &str) -> Option<f64> {
    for sep in ["×10^", "*10^", "·10^", "x10^", "X10^"] {
        if let Some((mantissa, exponent)) = s.split_once(sep) {
            let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
            let digits = exponent.strip_prefix('-').unwrap_or(exponent);
            let exp_ok = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
            if !exp_ok || mantissa.contains(['e', 'E']) {
                return None;
            }
            plain_number(mantissa)?;
            // Let the float parser round `m e k` once, exactly as it rounds `5.76e23`.
            return format!("{mantissa}e{exponent}").parse::<f64>().ok();
        }
    }
    if let Some(exponent) = s.strip_prefix("10^") {
        return parse_scientific(&format!("1×10^{exponent}"));
    }
    plain_number(s)
}

/// A decimal number with an optional `e` exponent; rejects Rust's `inf`/`nan` spellings.
fn plain_number(s: &str) -> Option<f64> {
    let ok = !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | '+' | '-'))
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    if ok {
        s.parse::<f64>().ok()
    } else {
        None
    }
}

/// A count with K/M/B/T suffix and three significant figures: `4.68B`, `205B`, `1.43T`;
/// below 1 and from 1000T up, scientific notation (`1.43e15`), as [`parse_count`] reads back.
#[must_use]
pub fn format_count(x: f64) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let a = x.abs();
    if !(0.9995..999.5e12).contains(&a) {
        return format!("{x:.2e}");
    }
    const UNITS: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
    for (scale, suffix) in UNITS {
        if a >= scale * 0.9995 {
            return format!("{}{suffix}", three_sig(x / scale));
        }
    }
    three_sig(x)
}

/// A count as [`format_count`] prints it, and in 中文 also in 万/亿/万亿 beside it:
/// `70B（700亿）`, `1.4T（1.4万亿）`; below 10 000 the plain number alone.
#[must_use]
pub fn format_count_in(x: f64, lang: crate::i18n::Lang) -> String {
    let si = format_count(x);
    match (lang, super::chinese::format_count(x)) {
        (crate::i18n::Lang::Zh, Some(zh)) => format!("{si}（{zh}）"),
        _ => si,
    }
}

/// FLOPs in scientific notation with three significant figures: `1.00e21`, `5.76e23`.
#[must_use]
pub fn format_flops(x: f64) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    // Rust prints `1.00e21`: the form people type back in.
    format!("{x:.2e}")
}

/// A duration in the unit people say it in: the one rule behind [`format_duration`] and the
/// page's translated durations (`plan::units::format_duration_in`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Duration {
    /// Not finite or negative.
    Invalid,
    /// Under a minute.
    UnderMinute,
    /// Whole minutes, under an hour.
    Minutes(f64),
    /// Hours, under a day.
    Hours(f64),
    /// Days, under a year.
    Days(f64),
    /// Years, under a thousand.
    Years(f64),
    /// Years, a thousand to a million (written as a count: `1.23K`).
    ManyYears(f64),
    /// A million years or more.
    OverMillion,
}

impl Duration {
    /// The unit and amount for `days` (a year of 365.25 days).
    #[must_use]
    pub fn of_days(days: f64) -> Duration {
        if !(days.is_finite() && days >= 0.0) {
            return Duration::Invalid;
        }
        let minutes = days * 1440.0;
        let hours = days * 24.0;
        let years = days / 365.25;
        if minutes < 1.0 {
            Duration::UnderMinute
        } else if minutes < 59.5 {
            Duration::Minutes(minutes)
        } else if hours < 23.95 {
            Duration::Hours(hours)
        } else if days < 365.25 {
            Duration::Days(days)
        } else if years < 1000.0 {
            Duration::Years(years)
        } else if years < 1e6 {
            Duration::ManyYears(years)
        } else {
            Duration::OverMillion
        }
    }

    /// An amount as durations print it: one decimal below 10, whole numbers above ("3.2",
    /// "12").
    #[must_use]
    pub fn amount(x: f64) -> String {
        if x < 9.95 {
            format!("{x:.1}")
        } else {
            format!("{x:.0}")
        }
    }
}

/// A duration given in days, as people say it: `41 min`, `3.2 h`, `12 days`, `1.4 years`
/// (a year of 365.25 days); under a minute `under 1 min`; "—" if not finite or negative.
#[must_use]
pub fn format_duration(days: f64) -> String {
    let amount = Duration::amount;
    match Duration::of_days(days) {
        Duration::Invalid => "—".to_string(),
        Duration::UnderMinute => "under 1 min".to_string(),
        Duration::Minutes(m) => format!("{m:.0} min"),
        Duration::Hours(h) => format!("{} h", amount(h)),
        Duration::Days(d) => format!("{} days", amount(d)),
        Duration::Years(y) => {
            let unit = if y < 1.05 { "year" } else { "years" };
            format!("{} {unit}", amount(y))
        }
        Duration::ManyYears(y) => format!("{} years", format_count(y)),
        Duration::OverMillion => "over a million years".to_string(),
    }
}

/// Three significant figures without an exponent, for magnitudes in [0.9995, 999.5).
fn three_sig(x: f64) -> String {
    significant(x, 3)
}

/// `x` to `digits` significant figures (at least 1): plain for magnitudes in [0.001, 10⁶) after
/// rounding (`0.0286`, `2.86`, `10.0`, `286`), scientific outside (`1.23e7`); "—" if not finite.
/// The one significant-figures rule of every table, summary and readout.
#[must_use]
pub fn significant(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let digits = digits.max(1);
    // The magnitude after rounding, so 9.996 to three figures reads 10.0, not 10.00.
    let rounded: f64 = format!("{x:.*e}", digits - 1).parse().unwrap_or(x);
    let magnitude = rounded.abs().log10().floor() as i32;
    if (-3..6).contains(&magnitude) {
        let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
        format!("{x:.decimals$}")
    } else {
        format!("{x:.*e}", digits - 1)
    }
}
