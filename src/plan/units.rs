//! Durations and money as the page's cells print them in the reader's language; the English
//! is `law::quantity::format_duration` and `format_count`'s, unchanged for the command line.

use crate::i18n::{table as cat, Lang};
use crate::law::quantity::{format_count, format_count_in, format_duration, Duration};

/// A duration given in days, as `law::quantity::format_duration` says it (`41 min`, `3.2 h`,
/// `12 days`, `1.4 years`), in `lang`'s words; "—" if not finite or negative.
#[must_use]
pub fn format_duration_in(days: f64, lang: Lang) -> String {
    if lang == Lang::En {
        return format_duration(days);
    }
    let amount = Duration::amount;
    match Duration::of_days(days) {
        Duration::Invalid => format_duration(days),
        Duration::UnderMinute => cat::duration_under_minute(lang).to_string(),
        Duration::Minutes(m) => cat::duration_minutes(lang, &format!("{m:.0}")),
        Duration::Hours(h) => cat::duration_hours(lang, &amount(h)),
        Duration::Days(d) => cat::duration_days(lang, &amount(d)),
        Duration::Years(y) => cat::duration_years(lang, &amount(y)),
        Duration::ManyYears(y) => cat::duration_years(lang, &format_count_in(y, lang)),
        Duration::OverMillion => cat::duration_over_million_years(lang).to_string(),
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
