//! Why a typed quantity was not accepted, in either language (`locales/fields.toml`; the
//! English is the command line's text).

use std::fmt;

use crate::i18n::{fields, Lang};

/// Why a typed quantity was not accepted.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    /// Nothing was typed.
    Empty,
    /// The text is not a number in a form we accept.
    NotANumber,
    /// A number, but zero, negative, infinite or NaN.
    NotPositive,
    /// A number outside the accepted range (e.g. an MFU above 100 %).
    OutOfRange,
    /// A number outside the input's accepted range ([`crate::law::limits`]).
    Outside(crate::law::limits::Limits),
    /// A run of 十/百/千/万/亿 that is not one unit (`亿亿亿`).
    ChineseUnit(String),
}

impl ParseError {
    /// The message in `lang` for a field holding `quantity`, accepting `forms` (both already
    /// in `lang`).
    #[must_use]
    pub fn message_in(&self, lang: Lang, quantity: &str, forms: &str) -> String {
        match self {
            ParseError::Empty => fields::parse_empty(lang, &quantity, &forms),
            ParseError::NotANumber => fields::parse_not_a_number(lang, &forms),
            ParseError::NotPositive => fields::parse_not_positive(lang, &quantity, &forms),
            ParseError::OutOfRange => fields::parse_out_of_range(lang, &quantity, &forms),
            ParseError::Outside(limits) => {
                fields::parse_outside(lang, &limits.describe_in(lang), &quantity, &forms)
            }
            ParseError::ChineseUnit(unit) => fields::parse_chinese_unit(lang, unit),
        }
    }

    /// The English message for a field holding `quantity`, accepting `forms` (the command
    /// line's).
    #[must_use]
    pub fn message(&self, quantity: &str, forms: &str) -> String {
        self.message_in(Lang::En, quantity, forms)
    }

    /// The message in `lang` for a compute budget ([`super::parse_flops`]).
    #[must_use]
    pub fn flops_text(&self, lang: Lang) -> String {
        self.message_in(
            lang,
            fields::quantity_flops(lang),
            fields::forms_flops(lang),
        )
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.flops_text(Lang::En))
    }
}

impl std::error::Error for ParseError {}

/// Why a typed count (parameters, tokens) was not accepted; the same reasons as
/// [`ParseError`], with a message about counts.
#[derive(Debug, Clone, PartialEq)]
pub struct CountParseError(pub ParseError);

impl CountParseError {
    /// The message in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        self.0.message_in(
            lang,
            fields::quantity_count(lang),
            fields::forms_count(lang),
        )
    }
}

impl fmt::Display for CountParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for CountParseError {}
