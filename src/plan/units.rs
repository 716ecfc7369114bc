//! Durations and money as the page's cells print them in the reader's language; the English
//! is `law::quantity::format_duration` and `format_count`'s, unchanged for the command line.

use crate::i18n::{table as cat, Lang};
use crate::law::quantity::{format_count, format_count_in, format_duration};

/// A duration given in days, as `law::quantity::format_duration` says it (`41 min`, `3.2 h`,
/// `12 days`, `1.4 years`), in `lang`'s words; "—" if not finite or negative.
#[must_use]
pub fn format_duration_in(days: f64, lang: Lang) -> String {
    if lang == Lang::En || !(days.is_finite() && days >= 0.0) {
        return format_duration(days);
    }
    let minutes = days * 1440.0;
    let hours = days * 24.0;
    let years = days / 365.25;
    // The same steps as `format_duration`: one decimal below 10, whole numbers above.
    let amount = |x: f64| {
        if x < 9.95 {
            format!("{x:.1}")
        } else {
            format!("{x:.0}")
        }
    };
    if minutes < 1.0 {
        cat::duration_under_minute(lang).to_string()
    } else if minutes < 59.5 {
        cat::duration_minutes(lang, &format!("{minutes:.0}"))
    } else if hours < 23.95 {
        cat::duration_hours(lang, &amount(hours))
    } else if days < 365.25 {
        cat::duration_days(lang, &amount(days))
    } else if years < 1000.0 {
        cat::duration_years(lang, &amount(years))
    } else if years < 1e6 {
        cat::duration_years(lang, &format_count_in(years, lang))
    } else {
        cat::duration_over_million_years(lang).to_string()
    }
}

/// Dollars: `$1.20M`, in 中文 with the count in 万/亿 beside it.
#[must_use]
pub fn money_in(x: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("${}", format_count(x)),
        Lang::Zh => format!("${}", format_count_in(x, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_both_languages() {
        for days in [
            0.0,
            0.0005,
            0.02,
            0.5,
            3.0,
            41.0,
            400.0,
            5e5,
            1e9,
            f64::NAN,
            -1.0,
        ] {
            assert_eq!(format_duration_in(days, Lang::En), format_duration(days));
            let zh = format_duration_in(days, Lang::Zh);
            assert!(!zh.contains("NaN") && !zh.is_empty(), "{zh}");
        }
        assert_eq!(format_duration_in(3.0, Lang::Zh), "3.0 天");
        assert_eq!(format_duration_in(0.5, Lang::Zh), "12 小时");
        assert_eq!(format_duration_in(1e-4, Lang::Zh), "不到 1 分钟");
        assert_eq!(money_in(1.2e6, Lang::En), "$1.20M");
        assert!(money_in(1.2e6, Lang::Zh).contains("120万"));
    }
}
