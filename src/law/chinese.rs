//! Numbers as Chinese readers write them: full-width digits and punctuation (`７０Ｂ`,
//! `１．４Ｔ`), and counts in 万 (10⁴), 亿 (10⁸) and 万亿 (10¹²), optionally after 十, 百
//! or 千 (`700亿` = 70B, `1.4万亿` = 1.4T, `7千万` = 70M). The parsers in
//! [`super::quantity`] read both; tables in 中文 print counts both ways.

/// `text` with full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space (U+3000) turned
/// into their ASCII equivalents, so `７０Ｂ` reads as `70B` and `１，０００` as `1,000`.
#[must_use]
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// The digit-place characters a count may end with.
const PLACES: [char; 5] = ['十', '百', '千', '万', '亿'];

/// Why a count's Chinese unit was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadUnit(pub String);

/// Splits a trailing Chinese unit off `body`: `Ok(Some((number, scale)))` for `700亿` →
/// (`700`, 1e8), `Ok(None)` when `body` ends in no such character, `Err` for a run that is
/// not one unit (`亿亿亿`, `万千`, `百百`).
pub fn split_unit(body: &str) -> Result<Option<(&str, f64)>, BadUnit> {
    let number = body.trim_end_matches(PLACES);
    let unit = &body[number.len()..];
    if unit.is_empty() {
        return Ok(None);
    }
    let mut chars: Vec<char> = unit.chars().collect();
    // The large unit last: 万亿 (10¹²), 亿 (10⁸), 万 (10⁴), or none.
    let large = if unit.ends_with("万亿") {
        chars.truncate(chars.len() - 2);
        1e12
    } else if unit.ends_with('亿') {
        chars.pop();
        1e8
    } else if unit.ends_with('万') {
        chars.pop();
        1e4
    } else {
        1.0
    };
    // Before it, at most one of 十, 百, 千.
    let small = match chars.as_slice() {
        [] => 1.0,
        ['十'] => 10.0,
        ['百'] => 100.0,
        ['千'] => 1000.0,
        _ => return Err(BadUnit(unit.to_string())),
    };
    Ok(Some((number, small * large)))
}

/// A count in 万/亿/万亿 with three significant figures (`700亿`, `1.4万亿`, `6700万`), or
/// `None` below 10 000 (where the plain number is the Chinese form too) or from 10¹⁶ up.
#[must_use]
pub fn format_count(x: f64) -> Option<String> {
    let a = x.abs();
    if !x.is_finite() || !(9999.5..1e16).contains(&a) {
        return None;
    }
    let (scale, unit) = if a >= 0.99995e12 {
        (1e12, "万亿")
    } else if a >= 0.99995e8 {
        (1e8, "亿")
    } else {
        (1e4, "万")
    };
    Some(format!("{}{unit}", trimmed_three_sig(x / scale)))
}

/// Three significant figures without trailing zeros after the point: 700, 1.4, 67, 1430
/// (4849 → 4850, as 485B beside it).
fn trimmed_three_sig(x: f64) -> String {
    if x.abs() >= 1000.0 {
        let step = 10f64.powi(x.abs().log10().floor() as i32 - 2);
        return format!("{:.0}", (x / step).round() * step);
    }
    let digits = if x.abs() >= 100.0 {
        0
    } else if x.abs() >= 10.0 {
        1
    } else {
        2
    };
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_become_ascii() {
        assert_eq!(half_width("７０Ｂ"), "70B");
        assert_eq!(half_width("１．４Ｔ"), "1.4T");
        assert_eq!(half_width("１，０００\u{3000}ｔｏｋｅｎｓ"), "1,000 tokens");
        assert_eq!(half_width("700亿"), "700亿");
    }

    #[test]
    fn units_scale_by_their_place_values() {
        // 万 = 10⁴, 亿 = 10⁸, 万亿 = 10¹² (by definition of the characters).
        assert_eq!(split_unit("700亿"), Ok(Some(("700", 1e8))));
        assert_eq!(split_unit("1.4万亿"), Ok(Some(("1.4", 1e12))));
        assert_eq!(split_unit("7千万"), Ok(Some(("7", 1e7))));
        assert_eq!(split_unit("3十亿"), Ok(Some(("3", 1e9))));
        assert_eq!(split_unit("5百"), Ok(Some(("5", 100.0))));
        assert_eq!(split_unit("2千万亿"), Ok(Some(("2", 1e15))));
        assert_eq!(split_unit("70"), Ok(None));
        for bad in ["1亿亿亿", "1亿亿", "1万千", "1百百", "1亿万", "1十百万"] {
            assert!(split_unit(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counts_print_in_the_largest_unit() {
        let cases = [
            (70e9, "700亿"),
            (1.4e12, "1.4万亿"),
            (6.7e9, "67亿"),
            (7e7, "7000万"),
            (1.43e15, "1430万亿"),
            (4.68e9, "46.8亿"),
            (12_345.0, "1.23万"),
            (99_999_999.0, "1亿"),
            (484.9e9, "4850亿"),
            (166.7e9, "1670亿"),
        ];
        for (x, want) in cases {
            assert_eq!(format_count(x).as_deref(), Some(want), "{x}");
        }
        assert_eq!(format_count(9000.0), None);
        assert_eq!(format_count(f64::NAN), None);
        assert_eq!(format_count(2e16), None);
    }
}
