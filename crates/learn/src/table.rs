//! Any CSV file as a learning table: dialect detection, automatic column types, the outcome
//! column, and the typed errors a person can act on.
//!
//! * Encoding: UTF-8 with or without a byte-order mark, UTF-16 LE/BE with a byte-order mark; text
//!   that is not valid UTF-8 is read as Windows-1252 (what Excel writes on Western systems).
//! * Delimiter: `,`, `;` or tab, whichever the header line holds most (outside quotes). A `;` file
//!   reads `1,5` as 1.5 (decimal comma, `.` as thousands separator).
//! * Missing values: empty, `NA`, `N/A`, `#N/A`, `null`, `NaN`, `?` (any case).
//! * Types, from the non-missing values: numeric when all are numbers; date when all are dates in
//!   one format (`2024-03-31`, `2024-03-31T12:00`, `2024/03/31`, `31.03.2024`, `31-03-2024`,
//!   `31/03/2024` or `03/31/2024`; slashes are read day-first unless a value shows month-first);
//!   categorical otherwise. A date column becomes two features: `NAME` (days since 1970-01-01)
//!   and `NAME_month` (categorical, `01`–`12`).
//! * Dropped with a note: constant columns, all-empty columns, and text columns whose every value
//!   is distinct (identifiers).
//!
//! The typing is kept as an [`InputSchema`] in the model file, so a file to score is read the
//! same way, mapped by column name.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::dataset::{Column, Dataset, MISSING_CODE};
use crate::error::{LearnError, MixedDates, Result, ValueCount};

/// The text encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16 little-endian (with a byte-order mark).
    Utf16Le,
    /// UTF-16 big-endian (with a byte-order mark).
    Utf16Be,
    /// Windows-1252 (the fallback for text that is not UTF-8).
    Windows1252,
}

impl std::fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1252 => "Windows-1252",
        })
    }
}

/// How a file was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// The field delimiter.
    pub delimiter: u8,
    /// The encoding.
    pub encoding: TextEncoding,
    /// Whether numbers use a decimal comma (`;` files).
    pub decimal_comma: bool,
}

/// One column's cells, stored in a single string.
#[derive(Debug, Clone, Default)]
struct RawColumn {
    text: String,
    ends: Vec<u32>,
}

impl RawColumn {
    fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len() as u32);
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).map(move |i| self.get(i))
    }
}

/// A CSV file's cells (trimmed), column by column, with the file line of each record.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<String>,
    columns: Vec<RawColumn>,
    lines: Vec<u64>,
    dialect: Dialect,
    notes: Vec<String>,
}

/// The outcome column read as labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// One label per row; `None` where the outcome is missing.
    pub labels: Vec<Option<bool>>,
    /// The positive value.
    pub positive: String,
    /// Its complement.
    pub negative: String,
    /// Rows without an outcome.
    pub missing: usize,
}

impl Outcome {
    /// The rows that have an outcome.
    pub fn known_rows(&self) -> Vec<usize> {
        (0..self.labels.len())
            .filter(|&r| self.labels[r].is_some())
            .collect()
    }
}

/// The order of day and month in slash dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOrder {
    /// `31/03/2024`.
    DayFirst,
    /// `03/31/2024`.
    MonthFirst,
}

/// How a source column became features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ColumnKind {
    /// A numeric feature.
    Numeric,
    /// A categorical feature.
    Categorical,
    /// Two features: `NAME` (days since 1970-01-01) and `NAME_month`.
    Date {
        /// The day order of slash dates in training.
        order: DayOrder,
    },
}

/// A source column and its type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputColumn {
    /// The column's header.
    pub name: String,
    /// Its type.
    pub kind: ColumnKind,
}

/// How a model's features are read from a CSV file (kept in the model file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InputSchema {
    /// The feature columns, in order.
    pub columns: Vec<InputColumn>,
    /// The outcome column of training.
    pub target: Option<String>,
    /// Its positive value.
    pub positive: Option<String>,
    /// Its negative value.
    pub negative: Option<String>,
    /// The time column that ordered the validation split.
    pub time: Option<String>,
}

/// The features of a table, typed.
#[derive(Debug, Clone)]
pub struct Typed {
    /// The features.
    pub dataset: Dataset,
    /// How they were read.
    pub schema: InputSchema,
    /// What was dropped or assumed, for the user.
    pub notes: Vec<String>,
}

/// Suffix of the month feature of a date column.
pub const MONTH_SUFFIX: &str = "_month";

/// True for the spellings of a missing value.
pub fn is_missing(cell: &str) -> bool {
    let c = cell.trim();
    c.is_empty()
        || ["na", "n/a", "#n/a", "null", "nan", "?"]
            .iter()
            .any(|m| c.eq_ignore_ascii_case(m))
}

/// Parses a number: optional sign, digits with an optional decimal point and exponent. With
/// `decimal_comma`, a value holding a comma reads it as the decimal point and drops `.`
/// thousands separators.
pub fn parse_number(cell: &str, decimal_comma: bool) -> Option<f64> {
    let t = cell.trim();
    let owned;
    let t = if decimal_comma && t.contains(',') {
        if t.matches(',').count() > 1 {
            return None;
        }
        owned = t.replace('.', "").replace(',', ".");
        owned.as_str()
    } else {
        t
    };
    let b = t.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let mut digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// The written form of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateFamily {
    Iso,
    YearSlash,
    Dotted,
    Dashed,
    Slashed,
}

impl DateFamily {
    fn describe(self) -> &'static str {
        match self {
            DateFamily::Iso => "YYYY-MM-DD",
            DateFamily::YearSlash => "YYYY/MM/DD",
            DateFamily::Dotted => "DD.MM.YYYY",
            DateFamily::Dashed => "DD-MM-YYYY",
            DateFamily::Slashed => "DD/MM/YYYY or MM/DD/YYYY",
        }
    }
}

/// A date as written: family and its three numbers (year, a, b) where (a, b) is (month, day) for
/// year-first forms and the first two fields otherwise.
fn scan_date(cell: &str) -> Option<(DateFamily, i32, u32, u32)> {
    let t = cell.trim();
    let num = |s: &str, min: usize, max: usize| -> Option<u32> {
        (s.len() >= min && s.len() <= max && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    // Year first, with an optional time after 'T' or a space.
    if t.len() >= 8
        && t.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && t.as_bytes().get(4).is_some_and(|&c| c == b'-' || c == b'/')
    {
        let sep = t.as_bytes()[4] as char;
        let (date, rest) = match t.find(['T', ' ']) {
            Some(i) => (&t[..i], &t[i + 1..]),
            None => (t, ""),
        };
        if !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let parts: Vec<&str> = date.split(sep).collect();
        if parts.len() == 3 {
            let y = num(parts[0], 4, 4)?;
            let m = num(parts[1], 1, 2)?;
            let d = num(parts[2], 1, 2)?;
            let family = if sep == '-' {
                DateFamily::Iso
            } else {
                DateFamily::YearSlash
            };
            return Some((family, y as i32, m, d));
        }
        return None;
    }
    for (sep, family) in [
        ('.', DateFamily::Dotted),
        ('-', DateFamily::Dashed),
        ('/', DateFamily::Slashed),
    ] {
        let parts: Vec<&str> = t.split(sep).collect();
        if parts.len() == 3 {
            let a = num(parts[0], 1, 2)?;
            let b = num(parts[1], 1, 2)?;
            let y = num(parts[2], 4, 4)?;
            return Some((family, y as i32, a, b));
        }
    }
    None
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's `days_from_civil`.
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of a scanned date under a day order, if it is a real date.
fn resolve(family: DateFamily, y: i32, a: u32, b: u32, order: DayOrder) -> Option<(i32, u32, u32)> {
    let (m, d) = match family {
        DateFamily::Iso | DateFamily::YearSlash => (a, b),
        DateFamily::Dotted | DateFamily::Dashed => (b, a),
        DateFamily::Slashed => match order {
            DayOrder::DayFirst => (b, a),
            DayOrder::MonthFirst => (a, b),
        },
    };
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

/// How a column's non-missing cells read.
enum Inferred {
    Empty,
    Numeric,
    Date(DayOrder),
    Categorical,
}

/// Decodes bytes to text by byte-order mark, else UTF-8, else Windows-1252.
fn decode(bytes: &[u8]) -> Result<(String, TextEncoding)> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let s = std::str::from_utf8(rest).map_err(|e| {
            LearnError::Encoding(format!(
                "invalid UTF-8 after the byte-order mark at byte {}",
                e.valid_up_to() + 3
            ))
        })?;
        return Ok((s.to_owned(), TextEncoding::Utf8Bom));
    }
    let utf16 = |rest: &[u8], le: bool| -> Result<String> {
        if !rest.len().is_multiple_of(2) {
            return Err(LearnError::Encoding(
                "UTF-16 text with an odd number of bytes".into(),
            ));
        }
        let units = rest.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<std::result::Result<String, _>>()
            .map_err(|e| LearnError::Encoding(format!("invalid UTF-16: {e}")))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok((utf16(rest, true)?, TextEncoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok((utf16(rest, false)?, TextEncoding::Utf16Be));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), TextEncoding::Utf8)),
        Err(_) => Ok((
            bytes.iter().map(|&b| windows_1252(b)).collect(),
            TextEncoding::Windows1252,
        )),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) {
        HIGH[(b - 0x80) as usize]
    } else {
        char::from(b)
    }
}

/// The delimiter the first line uses most, outside quotes (`,` when none).
fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let cands = [b',', b';', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    cands[best]
}

impl Table {
    /// Reads a CSV file.
    pub fn read(path: &Path) -> Result<Table> {
        let bytes = std::fs::read(path).map_err(|source| LearnError::Io {
            path: path.to_owned(),
            source,
        })?;
        Table::parse(&bytes)
    }

    /// Parses CSV bytes.
    pub fn parse(bytes: &[u8]) -> Result<Table> {
        let (text, encoding) = decode(bytes)?;
        let delimiter = detect_delimiter(&text);
        let mut notes = Vec::new();
        if encoding == TextEncoding::Windows1252 {
            notes.push("the file is not UTF-8: read as Windows-1252".to_owned());
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let csv_error = |e: csv::Error| {
            let line = e.position().map_or(0, csv::Position::line);
            LearnError::Csv {
                line,
                message: e.to_string(),
            }
        };
        let header = reader.headers().map_err(csv_error)?.clone();
        if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
            return Err(LearnError::NoRows);
        }
        let mut headers: Vec<String> = Vec::with_capacity(header.len());
        for (i, h) in header.iter().enumerate() {
            let name = if h.is_empty() {
                notes.push(format!(
                    "column {} has no name: called `column_{}`",
                    i + 1,
                    i + 1
                ));
                format!("column_{}", i + 1)
            } else {
                h.to_owned()
            };
            if headers.contains(&name) {
                return Err(LearnError::DuplicateColumn(name));
            }
            headers.push(name);
        }
        let mut columns = vec![RawColumn::default(); headers.len()];
        let mut lines = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return Err(csv_error(e)),
            }
            let line = record.position().map_or(0, csv::Position::line);
            if record.len() == 1 && record[0].is_empty() && headers.len() > 1 {
                continue; // a blank line
            }
            if record.len() != headers.len() {
                return Err(LearnError::RaggedRow {
                    line,
                    expected: headers.len(),
                    found: record.len(),
                });
            }
            for (c, cell) in columns.iter_mut().zip(record.iter()) {
                c.push(cell);
            }
            lines.push(line);
        }
        if lines.is_empty() {
            return Err(LearnError::NoRows);
        }
        if columns.iter().any(|c| c.text.len() > u32::MAX as usize) {
            return Err(LearnError::invalid("a column holds more than 4 GB of text"));
        }
        Ok(Table {
            headers,
            columns,
            lines,
            dialect: Dialect {
                delimiter,
                encoding,
                decimal_comma: delimiter == b';',
            },
            notes,
        })
    }

    /// The column names.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Number of data rows.
    pub fn rows(&self) -> usize {
        self.lines.len()
    }

    /// The file line of a row.
    pub fn line(&self, row: usize) -> u64 {
        self.lines[row]
    }

    /// How the file was written.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Notes from reading (encoding fallback, unnamed columns).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The cell of a row in a column, trimmed.
    pub fn cell(&self, row: usize, column: &str) -> Option<&str> {
        self.index(column).map(|c| self.columns[c].get(row))
    }

    /// Reads the outcome column: `positive` and one other value (`negative` when given); rows
    /// with a missing outcome are `None`.
    pub fn outcome(&self, column: &str, positive: &str, negative: Option<&str>) -> Result<Outcome> {
        let c = self
            .index(column)
            .ok_or_else(|| LearnError::MissingOutcome {
                column: column.to_owned(),
                available: self.headers.clone(),
            })?;
        let positive = positive.trim();
        let mut counts: Vec<ValueCount> = Vec::new();
        let mut missing = 0;
        for (row, cell) in self.columns[c].iter().enumerate() {
            if is_missing(cell) {
                missing += 1;
                continue;
            }
            match counts.iter_mut().find(|v| v.value == cell) {
                Some(v) => v.rows += 1,
                None => counts.push(ValueCount {
                    value: cell.to_owned(),
                    rows: 1,
                    first_line: self.lines[row],
                }),
            }
        }
        let pos_rows = counts
            .iter()
            .find(|v| v.value == positive)
            .map_or(0, |v| v.rows);
        let others: Vec<ValueCount> = counts
            .iter()
            .filter(|v| v.value != positive)
            .cloned()
            .collect();
        let listing = || {
            counts
                .iter()
                .map(|v| format!("`{}` ({} rows)", v.value, v.rows))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if pos_rows == 0 {
            return Err(LearnError::OneClass {
                column: column.to_owned(),
                detail: if counts.is_empty() {
                    "every value is missing".to_owned()
                } else {
                    format!(
                        "no row has the positive value `{positive}`; the column holds {}",
                        listing()
                    )
                },
            });
        }
        let negative = match negative {
            Some(n) => {
                let n = n.trim();
                let unexpected: Vec<ValueCount> =
                    others.iter().filter(|v| v.value != n).cloned().collect();
                if !unexpected.is_empty() {
                    return Err(LearnError::UnexpectedOutcomeValues {
                        column: column.to_owned(),
                        expected: format!("`{positive}` or `{n}`"),
                        others: unexpected,
                    });
                }
                n.to_owned()
            }
            None => match others.len() {
                1 => others[0].value.clone(),
                0 => String::new(),
                _ => {
                    return Err(LearnError::UnexpectedOutcomeValues {
                        column: column.to_owned(),
                        expected: format!(
                            "`{positive}` and one other value (or name the negative value)"
                        ),
                        others,
                    })
                }
            },
        };
        let neg_rows = counts
            .iter()
            .find(|v| v.value == negative)
            .map_or(0, |v| v.rows);
        if neg_rows == 0 {
            return Err(LearnError::OneClass {
                column: column.to_owned(),
                detail: format!("all {pos_rows} rows with an outcome are `{positive}`"),
            });
        }
        let labels = self.columns[c]
            .iter()
            .map(|cell| (!is_missing(cell)).then(|| cell == positive))
            .collect();
        Ok(Outcome {
            labels,
            positive: positive.to_owned(),
            negative,
            missing,
        })
    }

    /// The values of a time column (numbers, or dates as days since 1970-01-01), one per row.
    pub fn time_values(&self, column: &str) -> Result<Vec<i64>> {
        let c = self
            .index(column)
            .ok_or_else(|| LearnError::MissingColumn(column.to_owned()))?;
        let kind = self.infer_column(c)?;
        let mut out = Vec::with_capacity(self.rows());
        for (row, cell) in self.columns[c].iter().enumerate() {
            let bad = |expected: &str| LearnError::BadValue {
                column: column.to_owned(),
                value: cell.to_owned(),
                line: self.lines[row],
                expected: expected.to_owned(),
            };
            if is_missing(cell) {
                return Err(bad("a time (the time column must not be empty)"));
            }
            out.push(match kind {
                Inferred::Date(order) => {
                    self.date_days(cell, order).ok_or_else(|| bad("a date"))?
                }
                _ => parse_number(cell, self.dialect.decimal_comma)
                    .map(|x| x.floor() as i64)
                    .ok_or_else(|| bad("a date or a number"))?,
            });
        }
        Ok(out)
    }

    fn date_days(&self, cell: &str, order: DayOrder) -> Option<i64> {
        let (family, y, a, b) = scan_date(cell)?;
        let (y, m, d) = resolve(family, y, a, b, order)?;
        Some(days_from_civil(y, m, d))
    }

    /// Types column `c` from its non-missing cells.
    fn infer_column(&self, c: usize) -> Result<Inferred> {
        let col = &self.columns[c];
        let mut any = false;
        let mut numeric = true;
        let mut date = true;
        let mut family: Option<(DateFamily, usize)> = None;
        let mut day_first_evidence: Option<usize> = None;
        let mut month_first_evidence: Option<usize> = None;
        for (row, cell) in col.iter().enumerate() {
            if is_missing(cell) {
                continue;
            }
            any = true;
            if numeric && parse_number(cell, self.dialect.decimal_comma).is_none() {
                numeric = false;
            }
            if date {
                match scan_date(cell) {
                    None => date = false,
                    Some((f, _, a, b)) => {
                        match family {
                            None => family = Some((f, row)),
                            Some((g, first)) if g != f => {
                                // Only an error when the column is dates throughout.
                                if col.iter().all(|x| is_missing(x) || scan_date(x).is_some()) {
                                    return Err(self.mixed(c, first, g, row, f));
                                }
                                date = false;
                            }
                            Some(_) => {}
                        }
                        if f == DateFamily::Slashed {
                            if a > 12 {
                                day_first_evidence.get_or_insert(row);
                            }
                            if b > 12 {
                                month_first_evidence.get_or_insert(row);
                            }
                        }
                    }
                }
            }
            if !numeric && !date {
                break;
            }
        }
        if !any {
            return Ok(Inferred::Empty);
        }
        if numeric {
            return Ok(Inferred::Numeric);
        }
        if date {
            let order = match (day_first_evidence, month_first_evidence) {
                (Some(d), Some(m)) => {
                    return Err(LearnError::MixedDateFormats(Box::new(MixedDates {
                        column: self.headers[c].clone(),
                        first_format: "DD/MM/YYYY".into(),
                        first_value: col.get(d).to_owned(),
                        first_line: self.lines[d],
                        other_format: "MM/DD/YYYY".into(),
                        other_value: col.get(m).to_owned(),
                        other_line: self.lines[m],
                    })))
                }
                (None, Some(_)) => DayOrder::MonthFirst,
                _ => DayOrder::DayFirst,
            };
            // Every value must be a real date in that order.
            for (row, cell) in col.iter().enumerate() {
                if !is_missing(cell) && self.date_days(cell, order).is_none() {
                    return Err(LearnError::BadValue {
                        column: self.headers[c].clone(),
                        value: cell.to_owned(),
                        line: self.lines[row],
                        expected: "a valid date".into(),
                    });
                }
            }
            return Ok(Inferred::Date(order));
        }
        Ok(Inferred::Categorical)
    }

    fn mixed(
        &self,
        c: usize,
        first: usize,
        f1: DateFamily,
        other: usize,
        f2: DateFamily,
    ) -> LearnError {
        LearnError::MixedDateFormats(Box::new(MixedDates {
            column: self.headers[c].clone(),
            first_format: f1.describe().into(),
            first_value: self.columns[c].get(first).to_owned(),
            first_line: self.lines[first],
            other_format: f2.describe().into(),
            other_value: self.columns[c].get(other).to_owned(),
            other_line: self.lines[other],
        }))
    }

    /// Types every column except `exclude` (the outcome, the time column) into features.
    pub fn infer(&self, exclude: &[&str]) -> Result<Typed> {
        let mut notes = self.notes.clone();
        let mut columns = Vec::new();
        for (c, name) in self.headers.iter().enumerate() {
            if exclude.contains(&name.as_str()) {
                continue;
            }
            let kind = match self.infer_column(c)? {
                Inferred::Empty => {
                    notes.push(format!("column `{name}` is empty in every row: dropped"));
                    continue;
                }
                Inferred::Numeric => ColumnKind::Numeric,
                Inferred::Date(order) => {
                    if order == DayOrder::DayFirst
                        && self.columns[c]
                            .iter()
                            .any(|x| matches!(scan_date(x), Some((DateFamily::Slashed, ..))))
                    {
                        notes.push(format!(
                            "column `{name}`: slash dates read day first (DD/MM/YYYY); no value shows the order"
                        ));
                    }
                    ColumnKind::Date { order }
                }
                Inferred::Categorical => ColumnKind::Categorical,
            };
            // Constant columns (one distinct non-missing value) carry nothing.
            let mut distinct: Vec<&str> =
                self.columns[c].iter().filter(|x| !is_missing(x)).collect();
            let present = distinct.len();
            distinct.sort_unstable();
            distinct.dedup();
            if distinct.len() == 1 && !matches!(kind, ColumnKind::Numeric)
                || self.is_constant_number(c, &kind)
            {
                notes.push(format!(
                    "column `{name}` holds one value only (`{}`): dropped",
                    distinct.first().copied().unwrap_or("")
                ));
                continue;
            }
            if kind == ColumnKind::Categorical && distinct.len() == present && present >= 20 {
                notes.push(format!(
                    "column `{name}` has a different text in every row (an identifier?): dropped"
                ));
                continue;
            }
            if kind == ColumnKind::Categorical {
                let numbers = self.columns[c]
                    .iter()
                    .filter(|x| {
                        !is_missing(x) && parse_number(x, self.dialect.decimal_comma).is_some()
                    })
                    .count();
                if numbers * 10 >= present * 9 {
                    if let Some((row, cell)) = self.columns[c].iter().enumerate().find(|(_, x)| {
                        !is_missing(x) && parse_number(x, self.dialect.decimal_comma).is_none()
                    }) {
                        notes.push(format!(
                            "column `{name}` is mostly numbers but holds `{cell}` on line {}: read as categories",
                            self.lines[row]
                        ));
                    }
                }
            }
            columns.push(InputColumn {
                name: name.clone(),
                kind,
            });
        }
        let schema = InputSchema {
            columns,
            ..InputSchema::default()
        };
        let dataset = self.apply(&schema)?;
        Ok(Typed {
            dataset,
            schema,
            notes,
        })
    }

    fn is_constant_number(&self, c: usize, kind: &ColumnKind) -> bool {
        if *kind != ColumnKind::Numeric {
            return false;
        }
        let mut first: Option<f64> = None;
        for x in self.columns[c].iter().filter(|x| !is_missing(x)) {
            let v = parse_number(x, self.dialect.decimal_comma).unwrap_or(f64::NAN);
            match first {
                None => first = Some(v),
                Some(f) if f != v => return false,
                _ => {}
            }
        }
        true
    }

    /// Reads the features of `schema` from this table, by column name.
    pub fn apply(&self, schema: &InputSchema) -> Result<Dataset> {
        let mut data = Dataset::new();
        for col in &schema.columns {
            let c = self
                .index(&col.name)
                .ok_or_else(|| LearnError::MissingColumn(col.name.clone()))?;
            let cells = &self.columns[c];
            let bad = |row: usize, expected: &str| LearnError::BadValue {
                column: col.name.clone(),
                value: cells.get(row).to_owned(),
                line: self.lines[row],
                expected: expected.to_owned(),
            };
            match &col.kind {
                ColumnKind::Numeric => {
                    let mut v = Vec::with_capacity(self.rows());
                    for (row, cell) in cells.iter().enumerate() {
                        v.push(if is_missing(cell) {
                            f64::NAN
                        } else {
                            parse_number(cell, self.dialect.decimal_comma)
                                .ok_or_else(|| bad(row, "a number"))?
                        });
                    }
                    data.try_push(&col.name, Column::Numeric(v))?;
                }
                ColumnKind::Categorical => {
                    let mut levels: Vec<String> = Vec::new();
                    let mut index = std::collections::BTreeMap::<&str, u32>::new();
                    let codes = cells
                        .iter()
                        .map(|cell| {
                            if is_missing(cell) {
                                MISSING_CODE
                            } else {
                                *index.entry(cell).or_insert_with(|| {
                                    levels.push(cell.to_owned());
                                    (levels.len() - 1) as u32
                                })
                            }
                        })
                        .collect();
                    data.try_push(&col.name, Column::Categorical { codes, levels })?;
                }
                ColumnKind::Date { order } => {
                    // The file's own slash order when it shows one, else training's.
                    let order = match self.infer_column(c)? {
                        Inferred::Date(o) if cells.iter().any(|x| {
                            matches!(scan_date(x), Some((DateFamily::Slashed, _, a, b)) if a > 12 || b > 12)
                        }) => o,
                        Inferred::Date(_) | Inferred::Empty => *order,
                        _ => {
                            let row = cells
                                .iter()
                                .position(|x| !is_missing(x) && scan_date(x).is_none())
                                .unwrap_or(0);
                            return Err(bad(row, "a date"));
                        }
                    };
                    let mut days = Vec::with_capacity(self.rows());
                    let mut months = Vec::with_capacity(self.rows());
                    for (row, cell) in cells.iter().enumerate() {
                        if is_missing(cell) {
                            days.push(f64::NAN);
                            months.push(MISSING_CODE);
                            continue;
                        }
                        let (family, y, a, b) =
                            scan_date(cell).ok_or_else(|| bad(row, "a date"))?;
                        let (y, m, d) = resolve(family, y, a, b, order)
                            .ok_or_else(|| bad(row, "a valid date"))?;
                        days.push(days_from_civil(y, m, d) as f64);
                        months.push(m - 1);
                    }
                    data.try_push(&col.name, Column::Numeric(days))?;
                    data.try_push(
                        &format!("{}{MONTH_SUFFIX}", col.name),
                        Column::Categorical {
                            codes: months,
                            levels: (1..=12).map(|m| format!("{m:02}")).collect(),
                        },
                    )?;
                }
            }
        }
        Ok(data)
    }

    /// The cells of a row, in column order, trimmed.
    pub fn row(&self, row: usize) -> impl Iterator<Item = &str> + '_ {
        self.columns.iter().map(move |c| c.get(row))
    }

    /// A table holding the given rows only.
    pub fn select_rows(&self, rows: &[usize]) -> Table {
        let columns = self
            .columns
            .iter()
            .map(|c| {
                let mut out = RawColumn::default();
                for &r in rows {
                    out.push(c.get(r));
                }
                out
            })
            .collect();
        Table {
            headers: self.headers.clone(),
            columns,
            lines: rows.iter().map(|&r| self.lines[r]).collect(),
            dialect: self.dialect,
            notes: self.notes.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_strictly() {
        assert_eq!(parse_number("1.5", false), Some(1.5));
        assert_eq!(parse_number("-2e3", false), Some(-2000.0));
        assert_eq!(parse_number("1,5", true), Some(1.5));
        assert_eq!(parse_number("1.234,5", true), Some(1234.5));
        assert_eq!(parse_number("1,5", false), None);
        assert_eq!(parse_number("inf", false), None);
        assert_eq!(parse_number("NaN", false), None);
        assert_eq!(parse_number("12a", false), None);
        assert_eq!(parse_number(".", false), None);
    }

    #[test]
    fn civil_days_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }

    #[test]
    fn dates_scan_in_each_family() {
        assert!(matches!(
            scan_date("2024-03-31"),
            Some((DateFamily::Iso, 2024, 3, 31))
        ));
        assert!(matches!(
            scan_date("2024-03-31T10:00:00Z"),
            Some((DateFamily::Iso, ..))
        ));
        assert!(matches!(
            scan_date("31.03.2024"),
            Some((DateFamily::Dotted, 2024, 31, 3))
        ));
        assert!(matches!(
            scan_date("3/31/2024"),
            Some((DateFamily::Slashed, 2024, 3, 31))
        ));
        assert!(scan_date("2024").is_none());
        assert!(scan_date("abc-de-fghi").is_none());
    }
}
