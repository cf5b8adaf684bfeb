//! ASCII folding and slugs: how company and person names become domains and e-mail addresses.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// `text` without accents: "Wiśniewski Łódź Lefèvre Straße" → "Wisniewski Lodz Lefevre Strasse".
pub(crate) fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'đ' => out.push('d'),
            _ => out.push(c),
        }
    }
    out
}

/// Words a domain leaves out ("Construcciones del Levante" → "construccioneslevante").
const DOMAIN_STOP_WORDS: &[&str] = &[
    "de", "del", "la", "las", "los", "el", "y", "e", "et", "du", "des", "le", "les", "l", "d", "i",
    "w", "z", "and", "the", "of", "&",
];

/// The lower-case ASCII words of `text`, split on anything that is not a letter or digit.
pub(crate) fn ascii_words(text: &str) -> Vec<String> {
    fold_ascii(text)
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The host part of a company's domain, from its name without the legal suffix:
/// "Talleres Hermanos Ortega" → "talleresortega" or "talleres-hermanos-ortega".
///
/// `style` (0–3) picks between the ways real companies build theirs.
pub(crate) fn domain_label(base: &str, style: u8) -> String {
    let words: Vec<String> = ascii_words(base)
        .into_iter()
        .filter(|w| !DOMAIN_STOP_WORDS.contains(&w.as_str()))
        .collect();
    if words.is_empty() {
        return "empresa".into();
    }
    let label = match style % 4 {
        // All words run together, at most three.
        0 => words.iter().take(3).cloned().collect::<String>(),
        // Hyphenated.
        1 => words.iter().take(3).cloned().collect::<Vec<_>>().join("-"),
        // The last two words (often the distinctive ones: "ortega-transportes").
        2 if words.len() > 1 => words[words.len().saturating_sub(2)..].concat(),
        // Initials of the leading words plus the last one ("ctg-garcia").
        _ if words.len() > 2 => {
            let initials: String = words[..words.len() - 1]
                .iter()
                .filter_map(|w| w.chars().next())
                .collect();
            format!("{initials}{}", words[words.len() - 1])
        }
        _ => words.concat(),
    };
    truncate_label(&label, 40)
}

/// `label` cut to at most `max` characters, never ending in a hyphen.
fn truncate_label(label: &str, max: usize) -> String {
    let cut: String = label.chars().take(max).collect();
    cut.trim_end_matches('-').to_owned()
}

/// An e-mail local part from a person's names: "José Luis", "Núñez" → "joseluis.nunez".
pub(crate) fn email_local(first: &str, last: &str) -> String {
    let first: String = ascii_words(first).concat();
    let last: String = ascii_words(last).concat();
    match (first.is_empty(), last.is_empty()) {
        (false, false) => format!("{first}.{last}"),
        (false, true) => first,
        (true, false) => last,
        (true, true) => "contact".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_the_four_languages() {
        assert_eq!(
            fold_ascii("Wiśniewski Łódź Lefèvre Núñez Straße"),
            "Wisniewski Lodz Lefevre Nunez Strasse"
        );
    }

    #[test]
    fn domain_labels_drop_stop_words_and_accents() {
        assert_eq!(
            domain_label("Construcciones del Levante", 0),
            "construccioneslevante"
        );
        assert_eq!(
            domain_label("Boulangerie Lefèvre", 1),
            "boulangerie-lefevre"
        );
        assert_eq!(
            domain_label("Talleres Hermanos Ortega", 2),
            "hermanosortega"
        );
        assert_eq!(domain_label("Talleres Hermanos Ortega", 3), "thortega");
        assert_eq!(domain_label("Brightwater Dental", 3), "brightwaterdental");
    }

    #[test]
    fn email_locals() {
        assert_eq!(email_local("José Luis", "Núñez"), "joseluis.nunez");
        assert_eq!(email_local("Zoë", "O'Brien"), "zoe.obrien");
    }
}
