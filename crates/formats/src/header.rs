//! Header matching that tolerates what happens to headers between Microsoft's docs, its portals
//! and Excel: case, surrounding spaces, a stray BOM, `_`/`-`/punctuation, spellings that drift
//! between years (`Customer ID`/`CustomerId`), documented aliases, and one typo in a long name.

use crate::reader::Record;

/// The comparison key of a column name: lower-case letters and digits only.
pub fn normalise_header(name: &str) -> String {
    if name.is_ascii() {
        // The same key without decoding characters (readers call this for cells too).
        let mut key = String::with_capacity(name.len());
        for b in name.bytes() {
            if b.is_ascii_alphanumeric() {
                key.push(char::from(b.to_ascii_lowercase()));
            }
        }
        return key;
    }
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A column a reader expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The documented name.
    pub name: &'static str,
    /// Other spellings accepted.
    pub aliases: &'static [&'static str],
    /// Whether the file is unusable without it.
    pub required: bool,
}

impl Column {
    /// A column the file must have.
    pub const fn required(name: &'static str) -> Self {
        Self {
            name,
            aliases: &[],
            required: true,
        }
    }

    /// A column the reader uses when present.
    pub const fn optional(name: &'static str) -> Self {
        Self {
            name,
            aliases: &[],
            required: false,
        }
    }

    /// The same column with other accepted spellings.
    pub const fn or(self, aliases: &'static [&'static str]) -> Self {
        Self { aliases, ..self }
    }
}

/// Where each expected column is in a file's header, and what did not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap {
    columns: Vec<(&'static str, Option<usize>)>,
    missing: Vec<&'static str>,
    unknown: Vec<String>,
    approximate: Vec<(String, &'static str)>,
    duplicated: Option<String>,
}

impl HeaderMap {
    /// Matches `header` (the file's first record) against the expected `columns`.
    pub fn new<'h>(header: impl IntoIterator<Item = &'h str>, columns: &[Column]) -> Self {
        let names: Vec<&str> = header.into_iter().collect();
        let keys: Vec<String> = names.iter().map(|n| normalise_header(n)).collect();
        let mut taken = vec![false; keys.len()];
        let mut found: Vec<Option<usize>> = vec![None; columns.len()];
        // Exact keys first (name, then aliases), so an alias never steals another's column.
        for (c, column) in columns.iter().enumerate() {
            let wanted: Vec<String> = std::iter::once(column.name)
                .chain(column.aliases.iter().copied())
                .map(normalise_header)
                .collect();
            let hit = wanted
                .iter()
                .find_map(|w| (0..keys.len()).find(|&i| !taken[i] && &keys[i] == w));
            if let Some(i) = hit {
                taken[i] = true;
                found[c] = Some(i);
            }
        }
        // Then one edit away, for long names only, when exactly one header is that close.
        let mut approximate = Vec::new();
        for (c, column) in columns.iter().enumerate() {
            if found[c].is_some() {
                continue;
            }
            let key = normalise_header(column.name);
            if key.chars().count() < 8 {
                continue;
            }
            let close: Vec<usize> = (0..keys.len())
                .filter(|&i| !taken[i] && within_one_edit(&keys[i], &key))
                .collect();
            if let [i] = close[..] {
                taken[i] = true;
                found[c] = Some(i);
                approximate.push((names[i].trim().to_owned(), column.name));
            }
        }
        let missing = columns
            .iter()
            .zip(&found)
            .filter(|(c, f)| c.required && f.is_none())
            .map(|(c, _)| c.name)
            .collect();
        let unknown = names
            .iter()
            .zip(&taken)
            .filter(|(n, t)| !**t && !normalise_header(n).is_empty())
            .map(|(n, _)| n.trim().trim_start_matches('\u{feff}').to_owned())
            .collect();
        // An expected column named twice: which of the two to read is anybody's guess.
        let duplicated = found.iter().flatten().find_map(|&i| {
            let j = (0..keys.len()).find(|&j| j != i && keys[j] == keys[i])?;
            Some(format!(
                "the column '{}' appears twice (columns {} and {}): remove one",
                names[i].trim().trim_start_matches('\u{feff}'),
                i.min(j) + 1,
                i.max(j) + 1
            ))
        });
        Self {
            columns: columns.iter().map(|c| c.name).zip(found).collect(),
            missing,
            unknown,
            approximate,
            duplicated,
        }
    }

    /// An expected column the header names twice, as a sentence.
    pub fn duplicated(&self) -> Option<&str> {
        self.duplicated.as_deref()
    }

    /// The position of an expected column (by its documented name) in the file.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, p)| *p)
    }

    /// The position in the file of every expected column, in the order the columns were given
    /// to [`HeaderMap::new`]: a reader looks them up once, not per row.
    pub fn positions(&self) -> impl Iterator<Item = Option<usize>> + '_ {
        self.columns.iter().map(|(_, p)| *p)
    }

    /// Whether the file has the column.
    pub fn has(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// The value of a column in a record (`None` when the column or the field is absent).
    pub fn get<'r>(&self, record: &'r Record, name: &str) -> Option<&'r str> {
        self.position(name).and_then(|p| record.get(p))
    }

    /// Required columns the file lacks.
    pub fn missing(&self) -> &[&'static str] {
        &self.missing
    }

    /// Columns of the file that no expected column matched (kept out, never fatal).
    pub fn unknown(&self) -> &[String] {
        &self.unknown
    }

    /// Columns matched with one typo: (the file's name, the documented name).
    pub fn approximate(&self) -> &[(String, &'static str)] {
        &self.approximate
    }

    /// How many expected columns were found.
    pub fn found_count(&self) -> usize {
        self.columns.iter().filter(|(_, p)| p.is_some()).count()
    }
}

/// Levenshtein distance of at most one.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        prefix == short.len() || short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column::required("Customer ID").or(&["Tenant ID"]),
        Column::required("Customer Name"),
        Column::optional("Recommended Product").or(&["Product"]),
        Column::required("Opportunity Type"),
    ];

    #[test]
    fn matches_tolerantly_and_says_what_is_missing() {
        let header = ["\u{feff} customer_id ", "CUSTOMER-NAME", "Product", "Extra"];
        let map = HeaderMap::new(header, COLUMNS);
        assert_eq!(map.position("Customer ID"), Some(0));
        assert_eq!(map.position("Customer Name"), Some(1));
        assert_eq!(map.position("Recommended Product"), Some(2));
        assert_eq!(map.missing(), ["Opportunity Type"]);
        assert_eq!(map.unknown(), ["Extra"]);
    }

    #[test]
    fn one_typo_in_a_long_name_is_accepted_and_reported() {
        let map = HeaderMap::new(["TenantID", "Customer Nme", "Oportunity Type"], COLUMNS);
        assert_eq!(map.position("Customer ID"), Some(0));
        assert_eq!(map.position("Customer Name"), Some(1));
        assert_eq!(map.position("Opportunity Type"), Some(2));
        assert_eq!(map.approximate().len(), 2);
        assert!(map.missing().is_empty());
    }

    #[test]
    fn edit_distance() {
        assert!(within_one_edit("abcdef", "abcdef"));
        assert!(within_one_edit("abcdef", "abcxef"));
        assert!(within_one_edit("abcdef", "abcef"));
        assert!(within_one_edit("abcdef", "abcdefg"));
        assert!(!within_one_edit("abcdef", "abdcef"));
        assert!(!within_one_edit("abcdef", "abc"));
    }
}
