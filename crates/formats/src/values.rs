//! Cell values as Microsoft's files and Excel's re-saves write them: numbers with either decimal
//! separator, dates in ISO or the locale's order, booleans in the four UI languages and German.

use chrono::NaiveDate;

/// Whether `text` is a number written with a decimal comma (`12,5`, `1.234,56`).
pub(crate) fn looks_like_comma_decimal(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['-', '+']);
    let Some((int, frac)) = t.rsplit_once(',') else {
        return false;
    };
    !frac.is_empty()
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && int.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && (!int.contains('.') || int.split('.').skip(1).all(|g| g.len() == 3))
}

/// Whether `text` is a number written with a decimal point that cannot be a thousands separator
/// (`12.5`, `0.25`, not `1.234`).
pub(crate) fn looks_like_point_decimal(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['-', '+']);
    let Some((int, frac)) = t.split_once('.') else {
        return false;
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && !frac.is_empty()
        && frac.len() != 3
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Parses a number; `decimal_comma` says which separator is the decimal one. Thousands
/// separators (the other one, spaces, no-break spaces, apostrophes) are dropped.
pub fn parse_number(text: &str, decimal_comma: bool) -> Option<f64> {
    let (decimal, thousands) = if decimal_comma {
        (',', '.')
    } else {
        ('.', ',')
    };
    let mut clean = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            c if c == thousands => {}
            ' ' | '\u{a0}' | '\u{202f}' | '\'' => {}
            c if c == decimal => clean.push('.'),
            c => clean.push(c),
        }
    }
    if clean.is_empty() || !clean.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    clean.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses a non-negative whole number (seats, counts), with thousands separators either way.
pub fn parse_count(text: &str) -> Option<u64> {
    let clean: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if clean.is_empty() {
        return None;
    }
    clean.parse().ok()
}

/// Parses a date: ISO (`2024-10-31`, with or without a time), `2024/10/31`, or day-first
/// (`31/10/2024`, `31.10.2024`) when `day_first` or when the first part cannot be a month;
/// month-first (`10/31/2024`, US) otherwise. Empty text is `Ok(None)`.
pub fn parse_date(text: &str, day_first: bool) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // Drop a time part: `2024-10-31T00:00:00Z`, `2024-10-31 00:00:00`, `31/10/2024 0:00`.
    let date = t.split(['T', ' ']).next().unwrap_or(t);
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let bad = || format!("'{t}' is not a date");
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    let n = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let (y, m, d) = if parts[0].len() == 4 {
        (n(parts[0])? as i32, n(parts[1])?, n(parts[2])?)
    } else if parts[2].len() == 4 || parts[2].len() == 2 {
        let year = n(parts[2])? as i32;
        let year = if parts[2].len() == 2 {
            2000 + year
        } else {
            year
        };
        let (a, b) = (n(parts[0])?, n(parts[1])?);
        if day_first || a > 12 {
            (year, b, a)
        } else {
            (year, a, b)
        }
    } else {
        return Err(bad());
    };
    NaiveDate::from_ymd_opt(y, m, d).map(Some).ok_or_else(bad)
}

/// Parses a yes/no value as Graph writes it (`True`/`False`, `Yes`/`No`) or as Excel localises
/// it on a re-save (VERDADERO, VRAI, PRAWDA, WAHR…). Empty text is `Ok(None)`.
pub fn parse_bool(text: &str) -> Result<Option<bool>, String> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "" => Ok(None),
        "true" | "yes" | "1" | "y" | "verdadero" | "sí" | "si" | "vrai" | "oui" | "prawda"
        | "tak" | "wahr" | "ja" => Ok(Some(true)),
        "false" | "no" | "0" | "n" | "falso" | "faux" | "non" | "fałsz" | "falsz" | "nie"
        | "falsch" | "nein" => Ok(Some(false)),
        _ => Err(format!("'{}' is not yes or no", text.trim())),
    }
}

/// Undoes the writer's formula neutralisation: a leading `'` before `=`, `+`, `-`, `@`, a tab
/// or a CR (see [`crate::writer`]) is dropped, so what the app exported reads back as it was.
pub(crate) fn unneutralise(text: &str) -> &str {
    match text.as_bytes() {
        [b'\'', b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r', ..] => &text[1..],
        _ => text,
    }
}

/// [`str::trim`], without decoding characters when both ends are ASCII (as cells nearly always
/// are): readers call it for every cell.
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let (mut start, mut end) = (0, bytes.len());
    // The ASCII characters `char::is_whitespace` accepts.
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
    while start < end && space(bytes[start]) {
        start += 1;
    }
    while end > start && space(bytes[end - 1]) {
        end -= 1;
    }
    let rest = &text[start..end];
    match rest.as_bytes() {
        [first, .., last] if first.is_ascii() && last.is_ascii() => rest,
        [only] if only.is_ascii() => rest,
        [] => rest,
        // Other whitespace (a no-break space, U+3000…) is not ASCII.
        _ => rest.trim(),
    }
}

/// Whether a user or site name is concealed: an MD5-like run of 32 hex digits or a GUID, as the
/// usage reports write names when the tenant hides them.
pub fn is_concealed_name(name: &str) -> bool {
    let t = name.trim();
    if t.contains('@') {
        return false;
    }
    let hex: Vec<u8> = t.bytes().filter(|b| *b != b'-').collect();
    (hex.len() == 32 && hex.iter().all(u8::is_ascii_hexdigit)) && (t.len() == 32 || t.len() == 36)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn numbers_in_both_locales() {
        assert_eq!(parse_number("1.234,5", true), Some(1234.5));
        assert_eq!(parse_number("1 234,5", true), Some(1234.5));
        assert_eq!(parse_number("1,234.5", false), Some(1234.5));
        assert_eq!(parse_number("-0.25", false), Some(-0.25));
        assert_eq!(parse_number("", false), None);
        assert_eq!(parse_number("abc", false), None);
        assert_eq!(parse_count("1.234"), Some(1234));
        assert_eq!(parse_count("12"), Some(12));
        assert_eq!(parse_count("-3"), None);
        assert!(looks_like_comma_decimal("1.234,56"));
        assert!(looks_like_comma_decimal("-12,5"));
        assert!(!looks_like_comma_decimal("1,2,3"));
        assert!(looks_like_point_decimal("12.5"));
        assert!(!looks_like_point_decimal("1.234"));
        assert!(!looks_like_point_decimal("2024.10.31"));
    }

    #[test]
    fn dates_in_every_order() {
        assert_eq!(parse_date("2022-10-23", false), Ok(d(2022, 10, 23)));
        assert_eq!(
            parse_date("2022-10-23T00:00:00Z", false),
            Ok(d(2022, 10, 23))
        );
        assert_eq!(parse_date("23/10/2022", false), Ok(d(2022, 10, 23)));
        assert_eq!(parse_date("10/23/2022", false), Ok(d(2022, 10, 23)));
        assert_eq!(parse_date("01/02/2022", true), Ok(d(2022, 2, 1)));
        assert_eq!(parse_date("01/02/2022", false), Ok(d(2022, 1, 2)));
        assert_eq!(parse_date("23.10.2022", true), Ok(d(2022, 10, 23)));
        assert_eq!(parse_date("", false), Ok(None));
        assert!(parse_date("2022-13-45", false).is_err());
        assert!(parse_date("yesterday", false).is_err());
    }

    #[test]
    fn trimming_is_str_trim() {
        for text in [
            "",
            " ",
            "a",
            " a ",
            "\t\r\n\x0B\x0Cab c\x0C ",
            "\u{a0}a\u{3000}",
            " \u{a0} a \u{85}",
            "é",
            " ł ",
            "\u{2028}",
            "'=1",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
        assert_eq!(unneutralise("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unneutralise("'+48 1"), "+48 1");
        assert_eq!(unneutralise("'a"), "'a");
        assert_eq!(unneutralise("'"), "'");
    }

    #[test]
    fn booleans_and_concealed_names() {
        assert_eq!(parse_bool("True"), Ok(Some(true)));
        assert_eq!(parse_bool("FAUX"), Ok(Some(false)));
        assert_eq!(parse_bool(""), Ok(None));
        assert!(parse_bool("maybe").is_err());
        assert!(is_concealed_name("77E5979DD60BA6EAA53E814DBEEEFA5F"));
        assert!(is_concealed_name("00000000-0000-0000-0000-000000000000"));
        assert!(!is_concealed_name("adele@contoso.com"));
        assert!(!is_concealed_name("Adele Vance"));
    }
}
