//! What reading one file found: its kind, how many rows were read and accepted, and every problem
//! with its line and column.

use std::fmt;

use serde::Serialize;

use crate::detect::FileKind;
use crate::encoding::Encoding;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Severity {
    /// The row or file cannot be used: an import that meets one writes nothing.
    Error,
    /// Reported, and handled (e.g. a duplicated row counted once).
    Warning,
}

/// One problem in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// How bad it is.
    pub severity: Severity,
    /// 1-based physical line, when the problem is in a row (or the header, line 1).
    pub line: Option<u64>,
    /// The column, by the name the file gives it.
    pub column: Option<String>,
    /// What is wrong, in words.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column '{column}'")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// The report of reading one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The file's name as the user gave it.
    pub file: String,
    /// What the file is.
    pub kind: FileKind,
    /// The encoding it was read in.
    pub encoding: Option<Encoding>,
    /// The delimiter found.
    pub delimiter: Option<char>,
    /// Whether numbers were read with a decimal comma.
    pub decimal_comma: bool,
    /// Data rows read (the header excluded).
    pub rows_read: u64,
    /// Rows that will be imported.
    pub rows_accepted: u64,
    /// Whether user names are concealed (hashed) in the report.
    pub concealed: bool,
    /// Problems, in file order.
    pub problems: Vec<Problem>,
    /// What the reader noticed and handled: unknown columns, workloads or products, skipped rows.
    pub notes: Vec<String>,
}

impl ImportReport {
    /// An empty report for `file`.
    pub fn new(file: impl Into<String>, kind: FileKind) -> Self {
        Self {
            file: file.into(),
            kind,
            encoding: None,
            delimiter: None,
            decimal_comma: false,
            rows_read: 0,
            rows_accepted: 0,
            concealed: false,
            problems: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Records an error (the file cannot be imported).
    pub fn error(&mut self, line: Option<u64>, column: Option<&str>, reason: impl Into<String>) {
        self.push(Severity::Error, line, column, reason.into());
    }

    /// Records a warning (reported and handled).
    pub fn warning(&mut self, line: Option<u64>, column: Option<&str>, reason: impl Into<String>) {
        self.push(Severity::Warning, line, column, reason.into());
    }

    /// Adds a note.
    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    fn push(
        &mut self,
        severity: Severity,
        line: Option<u64>,
        column: Option<&str>,
        reason: String,
    ) {
        self.problems.push(Problem {
            severity,
            line,
            column: column.map(|c| clipped(c.to_owned())),
            reason: clipped(reason),
        });
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// Whether the file can be imported: a known kind, no errors.
    pub fn is_usable(&self) -> bool {
        self.kind.is_importable() && self.errors().next().is_none()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.kind)?;
        if let Some(encoding) = self.encoding {
            write!(f, "; {}", encoding.name())?;
        }
        if let Some(d) = self.delimiter {
            let name = match d {
                '\t' => "tab".to_owned(),
                c => format!("'{c}'"),
            };
            write!(f, ", delimiter {name}")?;
        }
        if self.decimal_comma {
            f.write_str(", decimal comma")?;
        }
        write!(
            f,
            "; {} rows read, {} accepted",
            self.rows_read, self.rows_accepted
        )?;
        if self.concealed {
            f.write_str("; user names concealed")?;
        }
        // A file with a million bad rows is said in a screenful: the first problems, a count.
        const SHOWN: usize = 50;
        for problem in self.problems.iter().take(SHOWN) {
            write!(f, "\n  {problem}")?;
        }
        if self.problems.len() > SHOWN {
            write!(f, "\n  … and {} more problems", self.problems.len() - SHOWN)?;
        }
        for note in &self.notes {
            write!(f, "\n  note: {note}")?;
        }
        Ok(())
    }
}

/// Longest problem text kept whole: a reason quotes the value it refuses, and a hostile file's
/// value can be 100 MB long.
const MAX_REASON_CHARS: usize = 300;

/// `text`, or its start and end around an ellipsis when it is longer than [`MAX_REASON_CHARS`]
/// (the end says what was wrong: "… is not a date").
fn clipped(text: String) -> String {
    let chars = text.chars().count();
    if chars <= MAX_REASON_CHARS {
        return text;
    }
    let head: String = text.chars().take(160).collect();
    let tail: String = text.chars().skip(chars - 100).collect();
    format!("{head} … ({} characters left out) … {tail}", chars - 260)
}

#[cfg(test)]
mod clip_tests {
    use super::*;

    #[test]
    fn long_reasons_keep_their_start_and_end() {
        let mut report = ImportReport::new("f.csv", FileKind::Unknown { header: Vec::new() });
        let value = format!("2022-10-23{}", "x".repeat(1_000_000));
        report.error(
            Some(2),
            Some("Report Refresh Date"),
            format!("'{value}' is not a date"),
        );
        let reason = &report.problems[0].reason;
        assert!(reason.len() < 400, "{}", reason.len());
        assert!(reason.starts_with("'2022-10-23xxx"));
        assert!(reason.ends_with("xx' is not a date"));
        assert!(reason.contains("characters left out"));
        report.error(None, None, "short");
        assert_eq!(report.problems[1].reason, "short");
    }
}
