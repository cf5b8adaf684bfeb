//! Numbers, percentages and dates as each language writes them, for sentences and exports.

use chrono::NaiveDate;

use crate::settings::Language;

fn separators(lang: Language) -> (char, &'static str) {
    match lang {
        Language::En => ('.', ","),
        Language::Es => (',', "."),
        // French and Polish group thousands with a (narrow) no-break space.
        Language::Fr => (',', "\u{202f}"),
        Language::Pl => (',', "\u{a0}"),
    }
}

/// A whole number with the language's grouping ("12,345", "12.345", "12 345").
pub(crate) fn int(n: i64, lang: Language) -> String {
    let (_, group) = separators(lang);
    let digits = n.unsigned_abs().to_string();
    // Spanish leaves four-digit numbers ungrouped.
    let min_grouped = if lang == Language::Es { 5 } else { 4 };
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    if digits.len() < min_grouped {
        out.push_str(&digits);
        return out;
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(c);
    }
    out
}

/// A decimal number with `places` decimals.
pub(crate) fn decimal(x: f64, places: usize, lang: Language) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let (dec, _) = separators(lang);
    let text = format!("{:.*}", places, x.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let whole: i64 = whole.parse().unwrap_or(0);
    let mut out = int(whole, lang);
    if x < 0.0 && x.abs() >= 0.5 * 10f64.powi(-(places as i32)) {
        out.insert(0, '-');
    }
    if !frac.is_empty() {
        out.push(dec);
        out.push_str(frac);
    }
    out
}

/// A share 0–1 as a whole percentage ("64%", "64 %").
pub(crate) fn percent(ratio: f64, lang: Language) -> String {
    if !ratio.is_finite() {
        return "–".into();
    }
    let n = int((ratio * 100.0).round() as i64, lang);
    match lang {
        Language::En => format!("{n}%"),
        Language::Fr | Language::Es => format!("{n}\u{a0}%"),
        Language::Pl => format!("{n}%"),
    }
}

/// Signed points ("+8", "−3").
pub(crate) fn signed(x: f64, lang: Language) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let r = x.round() as i64;
    if r > 0 {
        format!("+{}", int(r, lang))
    } else if r < 0 {
        format!("\u{2212}{}", int(-r, lang))
    } else {
        "0".into()
    }
}

/// A date as the language writes it ("Mar 5, 2026" style kept numeric to stay unambiguous).
pub(crate) fn date(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::En => d.format("%b %-d, %Y").to_string(),
        Language::Es | Language::Fr => d.format("%d/%m/%Y").to_string(),
        Language::Pl => d.format("%d.%m.%Y").to_string(),
    }
}

/// A month ("March 2026" in English, numeric elsewhere to avoid shipping month names twice).
pub(crate) fn month(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::En => d.format("%B %Y").to_string(),
        Language::Es | Language::Fr => d.format("%m/%Y").to_string(),
        Language::Pl => d.format("%m.%Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(int(1234567, Language::En), "1,234,567");
        assert_eq!(int(1234, Language::Es), "1234");
        assert_eq!(int(12345, Language::Es), "12.345");
        assert_eq!(decimal(1234.5, 1, Language::Pl), "1\u{a0}234,5");
        assert_eq!(percent(0.642, Language::Fr), "64\u{a0}%");
        assert_eq!(signed(-3.2, Language::En), "\u{2212}3");
        assert_eq!(decimal(-0.04, 1, Language::En), "0.0");
    }
}
