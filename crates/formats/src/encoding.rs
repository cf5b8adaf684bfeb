//! Text encodings Excel writes CSV files in, detected from the bytes.
//!
//! - "CSV UTF-8" saves UTF-8 with a byte order mark; other tools save UTF-8 without one.
//! - "Unicode text" saves UTF-16 little-endian with a byte order mark (tab-delimited).
//! - Plain "CSV" saves the Windows ANSI code page (Windows-1252 in western Europe and the
//!   Americas). Bytes that are not UTF-8 are read as Windows-1252, which never fails; the
//!   report says so, because a Polish file in Windows-1250 would show a few wrong letters.

use serde::Serialize;

use crate::FormatError;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Encoding {
    /// UTF-8 starting with a byte order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-8 without a byte order mark (or plain ASCII).
    Utf8,
    /// UTF-16 little-endian (Excel's "Unicode text"), with or without a byte order mark.
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// Windows-1252, the ANSI code page of Excel's plain "CSV" in western locales.
    Windows1252,
}

impl Encoding {
    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes a file's bytes to text, detecting the encoding. A byte order mark is removed.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), FormatError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| FormatError::Encoding {
            reason: format!(
                "the file starts as UTF-8 but byte {} is not UTF-8",
                e.valid_up_to() + 3
            ),
        })?;
        return Ok((text.to_owned(), Encoding::Utf8Bom));
    }
    // UTF-32's marks begin like UTF-16 LE's: tell them apart before UTF-16 reads NULs as text.
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(FormatError::Encoding {
            reason: "UTF-32 text (byte order mark at byte 0): save the file as UTF-8 or \
                     UTF-16 (\"Unicode text\" in Excel)"
                .into(),
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok((utf16(rest, 2, u16::from_le_bytes)?, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok((utf16(rest, 2, u16::from_be_bytes)?, Encoding::Utf16Be));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let decode = if encoding == Encoding::Utf16Le {
            u16::from_le_bytes
        } else {
            u16::from_be_bytes
        };
        let text = utf16(bytes, 0, decode)?;
        return Ok((
            text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned(),
            encoding,
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), Encoding::Utf8)),
        Err(_) => Ok((
            bytes.iter().map(|&b| windows_1252(b)).collect(),
            Encoding::Windows1252,
        )),
    }
}

/// [`decode`] taking the bytes: UTF-8 (the usual case, and the big files) becomes the text
/// without a copy, so a 1 GB file is in memory once, not twice.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<(String, Encoding), FormatError> {
    let other_marks = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || bytes.starts_with(b"\x00\x00\xFE\xFF");
    if other_marks || utf16_without_bom(&bytes).is_some() {
        return decode(&bytes);
    }
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if bom {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((
            text,
            if bom {
                Encoding::Utf8Bom
            } else {
                Encoding::Utf8
            },
        )),
        Err(e) if bom => Err(FormatError::Encoding {
            reason: format!(
                "the file starts as UTF-8 but byte {} is not UTF-8",
                e.utf8_error().valid_up_to() + 3
            ),
        }),
        Err(e) => decode(e.as_bytes()),
    }
}

/// UTF-16 text without a byte order mark: ASCII-heavy text has a zero byte in every other position.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(512) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_high = sample.chunks(2).filter(|p| p[1] == 0 && p[0] != 0).count();
    let zero_low = sample.chunks(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    if zero_high * 10 >= pairs * 9 {
        Some(Encoding::Utf16Le)
    } else if zero_low * 10 >= pairs * 9 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], bom: usize, unit: fn([u8; 2]) -> u16) -> Result<String, FormatError> {
    if bytes.len() % 2 != 0 {
        return Err(FormatError::Encoding {
            reason: format!(
                "UTF-16 text with an odd number of bytes: byte {} is half a character (the file \
                 is cut short)",
                bom + bytes.len() - 1
            ),
        });
    }
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    // Position in UTF-16 units: a character outside the BMP takes two.
    let mut at = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                at += c.len_utf16();
                text.push(c);
            }
            Err(_) => {
                return Err(FormatError::Encoding {
                    reason: format!("invalid UTF-16 at byte {}", bom + at * 2),
                })
            }
        }
    }
    Ok(text)
}

/// Windows-1252 to Unicode: Latin-1 except for 0x80–0x9F.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in text.encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
        out
    }

    #[test]
    fn detects_every_excel_encoding() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa;b\r\n").unwrap(),
            ("a;b\r\n".into(), Encoding::Utf8Bom)
        );
        assert_eq!(
            decode("Zażółć".as_bytes()).unwrap(),
            ("Zażółć".into(), Encoding::Utf8)
        );
        assert_eq!(
            decode(&utf16le("Año\tb\r\n", true)).unwrap(),
            ("Año\tb\r\n".into(), Encoding::Utf16Le)
        );
        assert_eq!(
            decode(&utf16le("Report Refresh Date\tx", false)).unwrap(),
            ("Report Refresh Date\tx".into(), Encoding::Utf16Le)
        );
        let mut be = vec![0xFE, 0xFF];
        for u in "ß,x".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap(), ("ß,x".into(), Encoding::Utf16Be));
        assert_eq!(
            decode(b"Caf\xe9 \x80").unwrap(),
            ("Café €".into(), Encoding::Windows1252)
        );
    }

    #[test]
    fn broken_utf16_is_an_error() {
        assert!(decode(&[0xFF, 0xFE, 0x41]).is_err());
        assert!(decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).is_err());
    }
}
