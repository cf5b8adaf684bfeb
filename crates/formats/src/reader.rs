//! Reading CSV as Excel and Microsoft's portals write it, on top of the `csv` crate.
//!
//! [`CsvText::from_bytes`] decodes the bytes ([`crate::encoding`]), then sniffs the [`Dialect`]:
//! the delimiter (`,`, `;` or tab) whose field counts are most consistent over the first records,
//! quotes respected, and whether numbers use a decimal comma. Every [`Record`] carries its 1-based
//! physical line number (where the record starts; a quoted field with line breaks makes a record
//! span several lines, and CR-only line ends count as line ends too). Blank lines are skipped.
//! Records may have any number of fields: the typed readers compare them with the header and
//! report mismatches with their line numbers instead of failing the whole file.

use serde::Serialize;

use crate::encoding::{decode, Encoding};
use crate::values::{looks_like_comma_decimal, looks_like_point_decimal};
use crate::{FormatError, Result};

/// Delimiters tried when sniffing, in order of preference on a tie.
const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
/// Records looked at when sniffing.
const SNIFF_RECORDS: usize = 50;
/// Bytes of text looked at when sniffing.
const SNIFF_BYTES: usize = 256 * 1024;

/// How well a delimiter explains a sample: more than one field, consistency (per mille of
/// records with the most common field count), header agreeing, field count, preference.
type SniffScore = (bool, u64, bool, usize, usize);

/// How a CSV file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dialect {
    /// Field delimiter.
    pub delimiter: u8,
    /// Quote character; `None` disables quoting.
    pub quote: Option<u8>,
    /// Escape character inside quotes (Excel never uses one: quotes are doubled).
    pub escape: Option<u8>,
    /// Whether `""` inside a quoted field is a literal quote.
    pub double_quote: bool,
    /// Lines starting with this byte are comments (Excel never writes them).
    pub comment: Option<u8>,
    /// Record terminator; `None` means CR, LF or CRLF.
    pub terminator: Option<u8>,
    /// Whether numbers use a decimal comma (`1.234,5`).
    pub decimal_comma: bool,
}

impl Default for Dialect {
    fn default() -> Self {
        Self::excel(b',')
    }
}

impl Dialect {
    /// The dialect Excel writes with `delimiter`: `"` quotes doubled inside quoted fields, any
    /// line end, a decimal comma when the delimiter is `;`.
    pub fn excel(delimiter: u8) -> Self {
        Self {
            delimiter,
            quote: Some(b'"'),
            escape: None,
            double_quote: true,
            comment: None,
            terminator: None,
            decimal_comma: delimiter == b';',
        }
    }

    /// The delimiter as a character.
    pub fn delimiter_char(&self) -> char {
        char::from(self.delimiter)
    }

    /// Sniffs the dialect of decoded text (see the module documentation).
    pub fn sniff(text: &str) -> Self {
        let mut end = text.len().min(SNIFF_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let sample = &text[..end];
        let mut best: Option<(SniffScore, u8)> = None;
        for (rank, &delimiter) in CANDIDATES.iter().enumerate() {
            let counts: Vec<usize> = builder(&Dialect::excel(delimiter))
                .from_reader(sample.as_bytes())
                .records()
                .take(SNIFF_RECORDS)
                .filter_map(|r| r.ok())
                .map(|r| r.len())
                .collect();
            let Some(&first) = counts.first() else {
                continue;
            };
            let mode = mode(&counts);
            let agreeing = counts.iter().filter(|&&c| c == mode).count();
            // Consistency in per mille, so the score is totally ordered.
            let consistency = (agreeing as u64 * 1000) / counts.len() as u64;
            let score = (
                mode > 1,
                consistency,
                first == mode,
                mode,
                CANDIDATES.len() - rank,
            );
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, delimiter));
            }
        }
        let delimiter = best.map_or(b',', |(_, d)| d);
        let mut dialect = Dialect::excel(delimiter);
        dialect.decimal_comma = sniff_decimal_comma(sample, &dialect);
        dialect
    }

    /// Parses a number written in this dialect (`1.234,5` with a decimal comma, `1,234.5`
    /// otherwise; spaces and no-break spaces as thousands separators are accepted).
    pub fn parse_number(&self, text: &str) -> Option<f64> {
        crate::values::parse_number(text, self.decimal_comma)
    }
}

/// Decimal comma: with `;` unless the sample only shows decimal points; with a tab when the
/// sample shows more decimal commas than points (Excel's "Unicode text" in a comma locale).
fn sniff_decimal_comma(sample: &str, dialect: &Dialect) -> bool {
    if dialect.delimiter == b',' {
        return false;
    }
    let (mut commas, mut points) = (0usize, 0usize);
    for record in builder(dialect)
        .from_reader(sample.as_bytes())
        .records()
        .take(SNIFF_RECORDS)
        .filter_map(|r| r.ok())
    {
        for field in record.iter() {
            if looks_like_comma_decimal(field) {
                commas += 1;
            } else if looks_like_point_decimal(field) {
                points += 1;
            }
        }
    }
    if dialect.delimiter == b';' {
        !(points > 0 && commas == 0)
    } else {
        commas > points
    }
}

fn mode(counts: &[usize]) -> usize {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let mut best = (0usize, 0usize);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&c| c == sorted[i]).count();
        if j > best.1 || (j == best.1 && sorted[i] > best.0) {
            best = (sorted[i], j);
        }
        i += j;
    }
    best.0
}

fn builder(dialect: &Dialect) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.has_headers(false)
        .flexible(true)
        .delimiter(dialect.delimiter)
        .quoting(dialect.quote.is_some())
        .quote(dialect.quote.unwrap_or(b'"'))
        .escape(dialect.escape)
        .double_quote(dialect.double_quote)
        .comment(dialect.comment)
        .terminator(match dialect.terminator {
            Some(t) => csv::Terminator::Any(t),
            None => csv::Terminator::CRLF,
        });
    b
}

/// One record of a CSV file with the physical line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based physical line number where the record starts.
    pub line: u64,
    fields: csv::StringRecord,
}

impl Record {
    /// The field at `index`.
    pub fn get(&self, index: usize) -> Option<&str> {
        self.fields.get(index)
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the record has no field.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The fields in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.fields.iter()
    }

    /// The fields as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.fields.iter().map(str::to_owned).collect()
    }
}

/// A decoded CSV file with its dialect: iterate its [`Record`]s.
#[derive(Debug, Clone)]
pub struct CsvText {
    text: String,
    encoding: Encoding,
    dialect: Dialect,
    line_starts: Vec<usize>,
}

impl CsvText {
    /// Decodes `bytes` and sniffs the dialect.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (text, encoding) = decode(bytes)?;
        Self::from_decoded(text, encoding)
    }

    /// Decodes `bytes` and reads them with a known dialect.
    pub fn with_dialect(bytes: &[u8], dialect: Dialect) -> Result<Self> {
        let (text, encoding) = decode(bytes)?;
        Self::new(text, encoding, dialect)
    }

    /// Text already decoded from `encoding`, with its dialect sniffed.
    pub(crate) fn from_decoded(text: String, encoding: Encoding) -> Result<Self> {
        let dialect = Dialect::sniff(&text);
        Self::new(text, encoding, dialect)
    }

    /// Refuses a NUL byte, a record with more than [`MAX_FIELDS`] fields or a value longer
    /// than [`MAX_FIELD_CHARS`], with its line and column.
    fn new(text: String, encoding: Encoding, dialect: Dialect) -> Result<Self> {
        let line_starts = line_starts(&text);
        check_limits(&text, &dialect, &line_starts)?;
        Ok(Self {
            text,
            encoding,
            dialect,
            line_starts,
        })
    }

    /// The encoding the bytes were in.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The dialect records are read with.
    pub fn dialect(&self) -> &Dialect {
        &self.dialect
    }

    /// The decoded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every record, the header included, in file order.
    pub fn records(&self) -> Records<'_> {
        self.records_from(0)
    }

    /// The records of the text from byte `start` on, which must be a line start.
    fn records_from(&self, start: usize) -> Records<'_> {
        Records {
            reader: builder(&self.dialect).from_reader(&self.text.as_bytes()[start..]),
            text: self.text.as_bytes(),
            base: start,
            line_starts: &self.line_starts,
            lines_before: self.line_starts.partition_point(|&s| s < start),
            record: csv::StringRecord::new(),
        }
    }

    /// `f` of every record, the header included, in file order: the same as
    /// `self.records().map(f).collect()`, on every core for a big file.
    ///
    /// The text is cut at line starts into one part per core and each part is read from its
    /// cut by its own reader. A cut inside a quoted value would read differently, and no scan
    /// can tell that without reading what comes before it, so the reader of the part before
    /// checks: it stops where a record of its own starts exactly at the cut, and if none does
    /// (the cut fell inside a record) it reads on to the end and the later parts are dropped.
    /// The result is always the sequential one; only the time differs.
    pub fn map_records<T, F>(&self, f: F) -> Vec<T>
    where
        T: Send,
        F: Fn(Record) -> T + Sync,
    {
        let cuts = self.cuts();
        if cuts.len() <= 2 {
            return self.records().map(f).collect();
        }
        let parts: Vec<(Vec<T>, bool)> = std::thread::scope(|scope| {
            let workers: Vec<_> = cuts
                .windows(2)
                .map(|w| {
                    let (start, next) = (w[0], w[1]);
                    let f = &f;
                    scope.spawn(move || self.read_part(start, next, f))
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        let mut all = Vec::with_capacity(parts.iter().map(|(p, _)| p.len()).sum());
        for (part, reached_cut) in parts {
            all.extend(part);
            if !reached_cut {
                break;
            }
        }
        all
    }

    /// Records from `start` until one starts exactly at `next` (then `true`), or to the end of
    /// the text when none does (`false`).
    fn read_part<T>(&self, start: usize, next: usize, f: &impl Fn(Record) -> T) -> (Vec<T>, bool) {
        let mut out = Vec::new();
        let mut records = self.records_from(start);
        while let Some((record, offset)) = records.next_with_offset() {
            if offset == next {
                return (out, true);
            }
            out.push(f(record));
        }
        (out, next == self.text.len())
    }

    /// Where the text is cut for [`Self::map_records`]: 0, line starts, the text's end. One part
    /// per core, none smaller than [`PARALLEL_PART_BYTES`]; a dialect with an escape character or
    /// comments is read whole (its records are not known to restart cleanly at a line start).
    fn cuts(&self) -> Vec<usize> {
        let len = self.text.len();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let parts = threads.min(len / PARALLEL_PART_BYTES).max(1);
        if parts < 2 || self.dialect.escape.is_some() || self.dialect.comment.is_some() {
            return vec![0, len];
        }
        let mut cuts = vec![0];
        for i in 1..parts {
            let target = len / parts * i;
            let at = self.line_starts.partition_point(|&s| s < target);
            if let Some(&cut) = self.line_starts.get(at) {
                if cut > *cuts.last().unwrap_or(&0) && cut < len {
                    cuts.push(cut);
                }
            }
        }
        cuts.push(len);
        cuts
    }

    /// The 1-based line holding byte `offset` of the text.
    pub fn line_of(&self, offset: usize) -> u64 {
        line_of(&self.line_starts, offset)
    }

    /// Reads the whole file as a header and rows.
    pub fn into_table(self) -> Result<Table> {
        let mut rows = self.map_records(|r| r);
        if rows.is_empty() {
            return Err(FormatError::Empty);
        }
        let header = rows.remove(0);
        Ok(Table {
            encoding: self.encoding,
            dialect: self.dialect,
            header,
            rows,
        })
    }
}

/// Smallest part of a file read on a core of its own by [`CsvText::map_records`].
const PARALLEL_PART_BYTES: usize = 4 << 20;

/// Most fields a record may have: Excel's column limit.
pub const MAX_FIELDS: usize = 16_384;
/// Longest value: what Excel keeps in a cell.
pub const MAX_FIELD_CHARS: usize = 32_767;

/// No NUL byte, [`MAX_FIELDS`] and [`MAX_FIELD_CHARS`]. Only files with a line of at least 16 KiB can break
/// either without a line break inside a quoted value, so only they are parsed an extra time.
fn check_limits(text: &str, dialect: &Dialect, starts: &[usize]) -> Result<()> {
    const LONG_LINE: usize = 16 * 1024;
    if let Some(at) = text.find('\0') {
        let line = line_of(starts, at);
        let start = starts[line as usize - 1];
        return Err(FormatError::Unreadable {
            line,
            column: text[start..at].chars().count() as u64 + 1,
            reason: "a NUL byte: the file is binary or damaged".into(),
        });
    }
    let longest = starts
        .windows(2)
        .map(|w| w[1] - w[0])
        .chain(starts.last().map(|&s| text.len() - s))
        .max()
        .unwrap_or(0);
    if longest < LONG_LINE {
        return Ok(());
    }
    let mut reader = builder(dialect).from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    while let Ok(true) = reader.read_byte_record(&mut record) {
        let offset = record.position().map_or(0, |p| p.byte() as usize);
        let line = || line_of(starts, offset);
        if record.len() > MAX_FIELDS {
            return Err(FormatError::Unreadable {
                line: line(),
                column: MAX_FIELDS as u64 + 1,
                reason: format!(
                    "the row has {} fields; at most {MAX_FIELDS} are read (Excel's limit)",
                    record.len()
                ),
            });
        }
        if record.as_slice().len() <= MAX_FIELD_CHARS {
            continue;
        }
        for (i, field) in record.iter().enumerate() {
            // Bytes first: a value can only hold too many characters if it has as many bytes.
            if field.len() > MAX_FIELD_CHARS {
                let chars = String::from_utf8_lossy(field).chars().count();
                if chars > MAX_FIELD_CHARS {
                    return Err(FormatError::Unreadable {
                        line: line(),
                        column: i as u64 + 1,
                        reason: format!(
                            "a value of {chars} characters; a cell holds at most \
                             {MAX_FIELD_CHARS} (Excel's limit)"
                        ),
                    });
                }
            }
        }
    }
    Ok(())
}

/// Byte offsets where lines start; CRLF, LF and a lone CR end a line.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    // The next CR and the next LF, each found by `str::find` (a `memchr` in the standard
    // library, many bytes at a time, also in unoptimised builds) rather than byte by byte.
    let next = |end: char, from: usize| text[from..].find(end).map(|p| p + from);
    let (mut cr, mut lf) = (next('\r', 0), next('\n', 0));
    loop {
        let end = match (cr, lf) {
            (None, None) => break,
            (Some(c), None) => c,
            (None, Some(l)) => l,
            (Some(c), Some(l)) => c.min(l),
        };
        if bytes[end] == b'\r' {
            if lf == Some(end + 1) {
                starts.push(end + 2);
                lf = next('\n', end + 2);
            } else {
                starts.push(end + 1);
            }
            cr = next('\r', end + 1);
        } else {
            starts.push(end + 1);
            lf = next('\n', end + 1);
        }
    }
    starts
}

/// The 1-based line holding byte `offset`, given [`line_starts`].
pub(crate) fn line_of(starts: &[usize], offset: usize) -> u64 {
    starts.partition_point(|&s| s <= offset) as u64
}

/// Iterator over the records of a [`CsvText`].
pub struct Records<'a> {
    reader: csv::Reader<&'a [u8]>,
    text: &'a [u8],
    /// Where in `text` the reader starts (its positions are relative to it).
    base: usize,
    line_starts: &'a [usize],
    /// How many lines start at or before the last record: records come in file order, so each
    /// record's line is found from there rather than by a search of every line.
    lines_before: usize,
    record: csv::StringRecord,
}

impl Records<'_> {
    /// [`line_of`] for an offset at or after the last record's.
    fn line_at(&mut self, offset: usize) -> u64 {
        let starts = self.line_starts;
        while self.lines_before < starts.len() && starts[self.lines_before] <= offset {
            self.lines_before += 1;
        }
        self.lines_before as u64
    }
}

impl Iterator for Records<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        self.next_with_offset().map(|(record, _)| record)
    }
}

impl Records<'_> {
    /// The next record and the byte of the text it starts at.
    fn next_with_offset(&mut self) -> Option<(Record, usize)> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(true) => {
                    // The reader leaves the LF of a CRLF (and skipped blank lines) before the
                    // record's position; a record never starts with a line end, so skip them.
                    let mut offset =
                        self.base + self.record.position().map_or(0, |p| p.byte() as usize);
                    while matches!(self.text.get(offset), Some(b'\r' | b'\n')) {
                        offset += 1;
                    }
                    let record = Record {
                        line: self.line_at(offset),
                        fields: self.record.clone(),
                    };
                    return Some((record, offset));
                }
                Ok(false) => return None,
                // Text is valid UTF-8 and records are flexible: nothing else can fail; skip.
                Err(_) => continue,
            }
        }
    }
}

/// A CSV file read whole: its header record and the records after it.
#[derive(Debug, Clone)]
pub struct Table {
    /// The encoding the bytes were in.
    pub encoding: Encoding,
    /// The dialect.
    pub dialect: Dialect,
    /// The first record.
    pub header: Record,
    /// The other records.
    pub rows: Vec<Record>,
}

/// Decodes, sniffs and reads a whole file (header plus rows).
pub fn read_table(bytes: &[u8]) -> Result<Table> {
    CsvText::from_bytes(bytes)?.into_table()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(u64, Vec<String>)> {
        CsvText::from_bytes(text.as_bytes())
            .unwrap()
            .records()
            .map(|r| (r.line, r.to_vec()))
            .collect()
    }

    #[test]
    fn nul_bytes_too_many_fields_and_huge_values_are_refused_with_their_position() {
        let err = |text: &str| match CsvText::from_bytes(text.as_bytes()) {
            Err(FormatError::Unreadable {
                line,
                column,
                reason,
            }) => (line, column, reason),
            other => panic!("{other:?}"),
        };
        let (line, column, reason) = err("a,b\nx,y\u{0}z\n");
        assert_eq!((line, column), (2, 4));
        assert!(reason.contains("NUL"), "{reason}");
        let wide = format!("a,b\n1,2\n{}\n", ",".repeat(MAX_FIELDS));
        let (line, column, _) = err(&wide);
        assert_eq!((line, column), (3, MAX_FIELDS as u64 + 1));
        let long = format!("a,b\n1,\"{}\"\n", "é".repeat(MAX_FIELD_CHARS + 1));
        let (line, column, reason) = err(&long);
        assert_eq!((line, column), (2, 2));
        assert!(
            reason.contains("32767 characters") || reason.contains("32768"),
            "{reason}"
        );
        // At the limits, read as usual.
        let ok = format!("a,b\n1,{}\n", "é".repeat(MAX_FIELD_CHARS));
        assert_eq!(
            CsvText::from_bytes(ok.as_bytes())
                .unwrap()
                .records()
                .count(),
            2
        );
    }

    #[test]
    fn sniffs_delimiters_with_quotes_respected() {
        assert_eq!(Dialect::sniff("a,b,c\n1,2,3\n").delimiter, b',');
        assert_eq!(Dialect::sniff("a;b;c\n1;2;3\n").delimiter, b';');
        assert_eq!(Dialect::sniff("a\tb\tc\n1\t2\t3\n").delimiter, b'\t');
        // Commas inside quotes and unquoted commas in text do not win over a consistent `;`.
        let text =
            "Name;Note;Seats\n\"Contoso, Ltd\";run a workshop, then call;10\nFabrikam;ok;5\n";
        assert_eq!(Dialect::sniff(text).delimiter, b';');
        let text = "Name,Note\n\"a;b\",\"c;d;e\"\nx,y\n";
        assert_eq!(Dialect::sniff(text).delimiter, b',');
    }

    #[test]
    fn decimal_comma_follows_the_numbers() {
        let d = Dialect::sniff("a;b\nx;1.234,5\n");
        assert!(d.decimal_comma);
        assert_eq!(d.parse_number("1.234,5"), Some(1234.5));
        assert!(!Dialect::sniff("a;b\nx;1234.56\n").decimal_comma);
        assert!(Dialect::sniff("a\tb\nx\t12,5\n").decimal_comma);
        assert!(!Dialect::sniff("a,b\nx,\"12,5\"\n").decimal_comma);
    }

    #[test]
    fn line_starts_find_every_line_end() {
        let slow = |text: &str| {
            let b = text.as_bytes();
            let mut starts = vec![0];
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    starts.push(i + 2);
                    i += 2;
                    continue;
                }
                if matches!(b[i], b'\r' | b'\n') {
                    starts.push(i + 1);
                }
                i += 1;
            }
            starts
        };
        let mut text = String::new();
        for n in 0..40 {
            text.push_str(&"ab,cé".repeat(n % 7));
            text.push_str(["\n", "\r\n", "\r", "\n\n", "\r\r\n"][n % 5]);
            assert_eq!(line_starts(&text), slow(&text), "{text:?}");
        }
        assert_eq!(line_starts(""), [0]);
        assert_eq!(line_starts("\r"), [0, 1]);
    }

    #[test]
    fn line_numbers_count_physical_lines() {
        let got = rows("h1,h2\r\n\"multi\r\nline\",x\r\n\r\nlast,y\r\n");
        assert_eq!(got[0].0, 1);
        assert_eq!(got[1].0, 2);
        assert_eq!(got[1].1[0], "multi\r\nline");
        assert_eq!(got[2].0, 5, "after a 2-line record and a blank line");
        let got = rows("a,b\rc,d\re,f");
        assert_eq!(got.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 3]);
    }

    /// `map_records` against the sequential reader, on files big enough to be cut.
    fn same_as_sequential(text: &str) {
        let csv = CsvText::from_bytes(text.as_bytes()).unwrap();
        assert!(
            csv.cuts().len() > 2 || std::thread::available_parallelism().map_or(1, |n| n.get()) < 2
        );
        let sequential: Vec<_> = csv.records().map(|r| (r.line, r.to_vec())).collect();
        let parallel = csv.map_records(|r| (r.line, r.to_vec()));
        assert_eq!(parallel.len(), sequential.len());
        assert!(parallel == sequential, "the parallel read differs");
    }

    #[test]
    fn a_big_file_read_on_every_core_reads_as_one_reader_does() {
        let mut text = String::from("id;name;notes\r\n");
        for i in 0..300_000 {
            text.push_str(&format!("{i};Łódź {i};plain, 5\" screen\r\n"));
        }
        same_as_sequential(&text);
    }

    #[test]
    fn a_cut_inside_a_quoted_value_falls_back_to_one_reader() {
        // Most lines start inside a quoted value here, so the cuts land inside one, and an
        // odd stray quote in unquoted text fools any count of quotes before a cut.
        let mut text = String::from("id,text,more\n");
        let body: String = (0..60)
            .map(|l| format!("line {l} of a \"\"note\"\"\n"))
            .collect();
        for i in 0..9_000 {
            text.push_str(&format!("{i},\"{body}end\",5\" x\n\n"));
        }
        same_as_sequential(&text);
        let csv = CsvText::from_bytes(text.as_bytes()).unwrap();
        let table = csv.into_table().unwrap();
        assert_eq!(table.rows.len(), 9_000);
        assert_eq!(table.rows[8_999].get(0), Some("8999"));
    }
}
