//! CSV that Excel opens correctly in every locale.
//!
//! UTF-8 with a byte order mark (so Excel does not guess the ANSI code page); `,` as delimiter, or
//! `;` where the locale writes numbers with a decimal comma (Excel splits on the list separator,
//! which is `;` there), and then numbers with a decimal comma; ISO dates; CRLF line ends; quotes
//! only where needed. Text cells that Excel would run as a formula (starting with `=`, `+`, `-`,
//! `@`, a tab or a CR) get a leading `'`, unless they are plain numbers such as `-5`.
//!
//! Writing is buffered and allocation-free per cell: text is copied straight to the buffer, and
//! numbers are formatted on the stack.

use std::io::{self, BufWriter, Write};

use chrono::NaiveDate;
use serde::Serialize;

/// The delimiter of an exported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Delimiter {
    /// `,` with a decimal point: English and the locales that write `1,234.5`.
    Comma,
    /// `;` with a decimal comma: the locales that write `1.234,5` (es, fr, pl, de, …).
    Semicolon,
}

/// Languages whose default number format has a decimal comma.
const DECIMAL_COMMA_LANGUAGES: &[&str] = &[
    "af", "az", "be", "bg", "bs", "ca", "cs", "da", "de", "el", "es", "et", "eu", "fi", "fo", "fr",
    "gl", "hr", "hu", "hy", "id", "is", "it", "ka", "kk", "ky", "lb", "lt", "lv", "mk", "mn", "nb",
    "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr", "uk", "uz", "vi",
];
/// Regions that write a decimal point although their language usually does not.
const DECIMAL_POINT_REGIONS: &[&str] = &[
    "es-mx", "es-us", "es-419", "es-pr", "es-do", "es-gt", "es-hn", "es-ni", "es-pa", "es-sv",
    "de-ch", "de-li", "fr-ch", "it-ch",
];
/// Regions that write a decimal comma although their language usually does not.
const DECIMAL_COMMA_REGIONS: &[&str] = &["en-za", "en-be", "en-de", "en-dk", "en-nl", "en-se"];

impl Delimiter {
    /// The delimiter for a language or locale tag (`es`, `fr-FR`, `pl_PL`, `en-US`): `;` where
    /// the locale writes a decimal comma.
    pub fn for_locale(tag: &str) -> Self {
        let tag = tag
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .trim()
            .replace('_', "-")
            .to_lowercase();
        let language = tag.split('-').next().unwrap_or("");
        let region_is = |list: &[&str]| list.iter().any(|r| tag.starts_with(r));
        let comma = if region_is(DECIMAL_POINT_REGIONS) {
            false
        } else if region_is(DECIMAL_COMMA_REGIONS) {
            true
        } else {
            DECIMAL_COMMA_LANGUAGES.contains(&language)
        };
        if comma {
            Delimiter::Semicolon
        } else {
            Delimiter::Comma
        }
    }

    /// The delimiter byte.
    pub fn as_byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
        }
    }

    /// The decimal separator numbers are written with.
    pub fn decimal_separator(self) -> u8 {
        match self {
            Delimiter::Comma => b'.',
            Delimiter::Semicolon => b',',
        }
    }
}

/// One cell of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Text, neutralised and quoted as needed.
    Text(&'a str),
    /// A number with the delimiter's decimal separator; NaN and infinities are written empty.
    Number(f64),
    /// A whole number.
    Integer(i64),
    /// An ISO date (`2026-10-31`).
    Date(NaiveDate),
    /// Nothing.
    Empty,
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Self {
        Cell::Text(text)
    }
}

impl<'a> From<&'a String> for Cell<'a> {
    fn from(text: &'a String) -> Self {
        Cell::Text(text)
    }
}

impl From<f64> for Cell<'_> {
    fn from(value: f64) -> Self {
        Cell::Number(value)
    }
}

impl From<i64> for Cell<'_> {
    fn from(value: i64) -> Self {
        Cell::Integer(value)
    }
}

impl From<u32> for Cell<'_> {
    fn from(value: u32) -> Self {
        Cell::Integer(i64::from(value))
    }
}

impl From<NaiveDate> for Cell<'_> {
    fn from(value: NaiveDate) -> Self {
        Cell::Date(value)
    }
}

impl<'a, T: Into<Cell<'a>>> From<Option<T>> for Cell<'a> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Cell::Empty, Into::into)
    }
}

/// Writes an Excel-correct CSV file (see the module documentation).
pub struct ExcelCsvWriter<W: Write> {
    out: BufWriter<W>,
    delimiter: Delimiter,
    first_in_row: bool,
}

impl<W: Write> ExcelCsvWriter<W> {
    /// Starts a file: writes the byte order mark.
    pub fn new(writer: W, delimiter: Delimiter) -> io::Result<Self> {
        let mut out = BufWriter::with_capacity(64 * 1024, writer);
        out.write_all(b"\xEF\xBB\xBF")?;
        Ok(Self {
            out,
            delimiter,
            first_in_row: true,
        })
    }

    /// The delimiter in use.
    pub fn delimiter(&self) -> Delimiter {
        self.delimiter
    }

    /// Writes a whole row and ends it.
    pub fn row<'c, I>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator,
        I::Item: Into<Cell<'c>>,
    {
        for cell in cells {
            self.cell(cell.into())?;
        }
        self.end_row()
    }

    /// Writes one cell of the current row.
    pub fn cell(&mut self, cell: Cell<'_>) -> io::Result<()> {
        if !self.first_in_row {
            self.out.write_all(&[self.delimiter.as_byte()])?;
        }
        self.first_in_row = false;
        match cell {
            Cell::Text(text) => self.text(text),
            Cell::Number(value) => self.number(value),
            Cell::Integer(value) => self.integer(value),
            Cell::Date(date) => self.date(date),
            Cell::Empty => Ok(()),
        }
    }

    /// Writes rows `0..rows`, each by `write_row(i, writer)` (one whole row, e.g. with
    /// [`Self::row`]): the same bytes as calling it for each `i` in order on this writer, but
    /// formatted on every core, a batch of rows at a time, then written in order. Memory holds
    /// one batch of formatted text, whatever the number of rows.
    pub fn rows_parallel<F>(&mut self, rows: usize, write_row: F) -> io::Result<()>
    where
        F: Fn(usize, &mut ExcelCsvWriter<Vec<u8>>) -> io::Result<()> + Sync,
    {
        if !self.first_in_row {
            self.end_row()?;
        }
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        // Each part's buffer is kept from batch to batch: a fresh one per batch costs a page
        // fault per 4 KiB of output, which made this slower than one core writing straight.
        let format = |range: std::ops::Range<usize>, mut buffer: Vec<u8>| -> io::Result<Vec<u8>> {
            buffer.clear();
            let mut part = ExcelCsvWriter {
                out: BufWriter::with_capacity(32 * 1024, buffer),
                delimiter: self.delimiter,
                first_in_row: true,
            };
            for i in range {
                write_row(i, &mut part)?;
                if !part.first_in_row {
                    part.end_row()?;
                }
            }
            part.finish()
        };
        let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); threads.max(1)];
        let batch = PARALLEL_BATCH_ROWS * threads;
        let mut start = 0;
        while start < rows {
            let end = rows.min(start + batch);
            if threads < 2 || end - start < 2 * PARALLEL_MIN_ROWS {
                let bytes = format(start..end, std::mem::take(&mut buffers[0]))?;
                self.out.write_all(&bytes)?;
                buffers[0] = bytes;
            } else {
                let size = (end - start).div_ceil(threads);
                let parts: Vec<io::Result<Vec<u8>>> = std::thread::scope(|scope| {
                    let workers: Vec<_> = (start..end)
                        .step_by(size)
                        .zip(buffers.iter_mut())
                        .map(|(s, buffer)| {
                            let format = &format;
                            let buffer = std::mem::take(buffer);
                            scope.spawn(move || format(s..end.min(s + size), buffer))
                        })
                        .collect();
                    workers
                        .into_iter()
                        .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                        .collect()
                });
                for (part, buffer) in parts.into_iter().zip(buffers.iter_mut()) {
                    let part = part?;
                    self.out.write_all(&part)?;
                    *buffer = part;
                }
            }
            start = end;
        }
        Ok(())
    }

    /// Ends the current row with CRLF.
    pub fn end_row(&mut self) -> io::Result<()> {
        self.first_in_row = true;
        self.out.write_all(b"\r\n")
    }

    /// Flushes and returns the underlying writer.
    pub fn finish(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }

    fn text(&mut self, text: &str) -> io::Result<()> {
        let neutralise = needs_neutralising(text);
        let delimiter = self.delimiter.as_byte();
        let quote = text
            .bytes()
            .any(|b| b == delimiter || matches!(b, b'"' | b'\r' | b'\n'))
            || text.starts_with(' ')
            || text.ends_with(' ');
        if quote {
            self.out.write_all(b"\"")?;
        }
        if neutralise {
            self.out.write_all(b"'")?;
        }
        if quote {
            let mut parts = text.split('"');
            if let Some(first) = parts.next() {
                self.out.write_all(first.as_bytes())?;
            }
            for part in parts {
                self.out.write_all(b"\"\"")?;
                self.out.write_all(part.as_bytes())?;
            }
            self.out.write_all(b"\"")
        } else {
            self.out.write_all(text.as_bytes())
        }
    }

    /// Digits on the stack: `write!` goes through the formatting machinery for every cell.
    fn integer(&mut self, value: i64) -> io::Result<()> {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = value.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if value < 0 {
            self.out.write_all(b"-")?;
        }
        self.out.write_all(&digits[at..])
    }

    /// `YYYY-MM-DD` (`%Y-%m-%d`) without parsing a format string per cell; years outside
    /// 0..=9999 keep chrono's own form.
    fn date(&mut self, date: NaiveDate) -> io::Result<()> {
        use chrono::Datelike;
        let (y, m, d) = (date.year(), date.month(), date.day());
        if !(0..=9999).contains(&y) {
            return write!(self.out, "{}", date.format("%Y-%m-%d"));
        }
        let y = y as u32;
        let digit = |v: u32| b'0' + (v % 10) as u8;
        self.out.write_all(&[
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ])
    }

    fn number(&mut self, value: f64) -> io::Result<()> {
        if !value.is_finite() {
            return Ok(());
        }
        let mut buffer = StackBuffer::default();
        // Shortest representation that reads back exactly; never an exponent.
        let value = if value == 0.0 { 0.0 } else { value };
        std::fmt::Write::write_fmt(&mut buffer, format_args!("{value}"))
            .map_err(|_| io::Error::other("number too long"))?;
        let separator = self.delimiter.decimal_separator();
        let bytes = buffer.as_mut_bytes();
        if separator != b'.' {
            for b in bytes.iter_mut().filter(|b| **b == b'.') {
                *b = separator;
            }
        }
        self.out.write_all(bytes)
    }
}

/// Rows per core formatted at once by [`ExcelCsvWriter::rows_parallel`]: a few MB of text,
/// which stays in the cache until it is written.
const PARALLEL_BATCH_ROWS: usize = 2_048;
/// Fewer rows per core than this are formatted on one.
const PARALLEL_MIN_ROWS: usize = 512;

/// Whether Excel would read the text as a formula.
fn needs_neutralising(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !is_plain_number(text),
        _ => false,
    }
}

/// A signed decimal number and nothing else (`-5`, `+3.25`, `-0,5`).
fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (int, frac) = match body.split_once(['.', ',']) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// A fixed buffer on the stack for formatting one number.
struct StackBuffer {
    bytes: [u8; 400],
    len: usize,
}

impl Default for StackBuffer {
    fn default() -> Self {
        Self {
            bytes: [0; 400],
            len: 0,
        }
    }
}

impl StackBuffer {
    fn as_mut_bytes(&mut self) -> &mut [u8] {
        &mut self.bytes[..self.len]
    }
}

impl std::fmt::Write for StackBuffer {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        if end > self.bytes.len() {
            return Err(std::fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(delimiter: Delimiter, rows: &[Vec<Cell<'_>>]) -> String {
        let mut w = ExcelCsvWriter::new(Vec::new(), delimiter).unwrap();
        for row in rows {
            w.row(row.iter().copied()).unwrap();
        }
        String::from_utf8(w.finish().unwrap()).unwrap()
    }

    #[test]
    fn integers_and_dates_are_written_as_the_formatting_machinery_writes_them() {
        let ints = [
            0,
            7,
            -7,
            10,
            -10,
            99,
            1_000_000,
            i64::MAX,
            i64::MIN,
            -1,
            42_000_017,
        ];
        let dates = [
            (2026, 10, 31),
            (1, 1, 1),
            (999, 12, 9),
            (9999, 12, 31),
            (0, 2, 29),
            (-5, 3, 1),
            (12_345, 6, 7),
        ]
        .map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let cells: Vec<Cell<'_>> = ints
            .iter()
            .map(|&i| Cell::Integer(i))
            .chain(dates.iter().map(|&d| Cell::Date(d)))
            .collect();
        let expected: Vec<String> = ints
            .iter()
            .map(|i| i.to_string())
            .chain(dates.iter().map(|d| d.format("%Y-%m-%d").to_string()))
            .collect();
        assert_eq!(
            write(Delimiter::Semicolon, &[cells]),
            format!("\u{feff}{}\r\n", expected.join(";"))
        );
    }

    #[test]
    fn rows_written_on_every_core_are_the_rows_written_one_by_one() {
        let text: Vec<String> = (0..70_000).map(|i| format!("=cell \"{i}\", ok")).collect();
        let cells = |i: usize| {
            [
                Cell::Integer(i as i64 - 5),
                Cell::Text(&text[i]),
                Cell::Number(i as f64 / 7.0),
                Cell::Empty,
            ]
        };
        let mut one = ExcelCsvWriter::new(Vec::new(), Delimiter::Semicolon).unwrap();
        one.row(["a", "b", "c", "d"]).unwrap();
        for i in 0..text.len() {
            one.row(cells(i)).unwrap();
        }
        let mut all = ExcelCsvWriter::new(Vec::new(), Delimiter::Semicolon).unwrap();
        all.row(["a", "b", "c", "d"]).unwrap();
        all.rows_parallel(text.len(), |i, w| w.row(cells(i)))
            .unwrap();
        // A row left open is ended, as the next row would have it.
        all.rows_parallel(2, |i, w| w.cell(Cell::Integer(i as i64)))
            .unwrap();
        one.row([Cell::Integer(0)]).unwrap();
        one.row([Cell::Integer(1)]).unwrap();
        assert!(one.finish().unwrap() == all.finish().unwrap());
    }

    #[test]
    fn locales() {
        for tag in [
            "es",
            "es-ES",
            "fr_FR",
            "pl-PL",
            "de",
            "pt-BR",
            "en-ZA",
            "fr_FR.UTF-8",
        ] {
            assert_eq!(Delimiter::for_locale(tag), Delimiter::Semicolon, "{tag}");
        }
        for tag in ["en", "en-US", "en-GB", "es-MX", "de-CH", "ja", "zh-CN", ""] {
            assert_eq!(Delimiter::for_locale(tag), Delimiter::Comma, "{tag}");
        }
    }

    #[test]
    fn writes_what_excel_expects() {
        let date = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        let rows = vec![
            vec![
                Cell::Text("Name"),
                Cell::Text("Seats"),
                Cell::Text("Ratio"),
                Cell::Text("Date"),
            ],
            vec![
                Cell::Text("Contoso; Ltd"),
                Cell::Integer(12),
                Cell::Number(0.25),
                Cell::Date(date),
            ],
            vec![
                Cell::Text("=1+1"),
                Cell::Text("-5"),
                Cell::Number(-1234.5),
                Cell::Empty,
            ],
            vec![
                Cell::Text("say \"hi\""),
                Cell::Text("-x"),
                Cell::Number(f64::NAN),
                Cell::Text("@a"),
            ],
        ];
        assert_eq!(
            write(Delimiter::Semicolon, &rows),
            "\u{feff}Name;Seats;Ratio;Date\r\n\"Contoso; Ltd\";12;0,25;2026-10-31\r\n'=1+1;-5;-1234,5;\r\n\"say \"\"hi\"\"\";'-x;;'@a\r\n"
        );
        assert_eq!(
            write(Delimiter::Comma, &rows[1..2]),
            "\u{feff}Contoso; Ltd,12,0.25,2026-10-31\r\n"
        );
        assert_eq!(
            write(
                Delimiter::Comma,
                &[vec![
                    Cell::Text("\tx"),
                    Cell::Text("a\r\nb"),
                    Cell::Text("+1")
                ]]
            ),
            "\u{feff}'\tx,\"a\r\nb\",+1\r\n"
        );
    }

    #[test]
    fn numbers_never_use_an_exponent() {
        let out = write(
            Delimiter::Comma,
            &[vec![
                Cell::Number(1e21),
                Cell::Number(1e-7),
                Cell::Number(-0.0),
            ]],
        );
        assert_eq!(out, "\u{feff}1000000000000000000000,0.0000001,0\r\n");
    }
}
