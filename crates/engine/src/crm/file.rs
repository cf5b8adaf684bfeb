//! Reading a CRM account list: CSV in any encoding and delimiter Excel and CRMs write (decoded and
//! sniffed by `partner_advisor_formats::CsvText`), with tolerant headers ([`COLUMNS`]).
//!
//! The file is refused as a whole, with line numbers, when a required column (ID, name) is
//! missing, a row has more fields than the header (an unquoted delimiter), a row's ID or name is
//! empty, or two rows share a CRM ID (both lines named). Accounts sharing a domain are accepted
//! with a warning: matching gives such a domain's customer the account whose name is closest
//! (file order on a tie) at confidence 0.9. Blank rows are skipped.

use std::collections::HashMap;
use std::path::Path;

use partner_advisor_domain::CrmAccount;
use partner_advisor_formats::{Column, CsvText, Encoding, HeaderMap};

use super::normalise;
use crate::{EngineError, Result};

/// Problems listed in one error before "and N more".
const MAX_LISTED: usize = 10;

/// The columns of a CRM account list and the spellings accepted for each.
pub const COLUMNS: &[Column] = &[
    Column::required("Account ID").or(&[
        "CRM ID",
        "CrmID",
        "Id",
        "accountid",
        "Account GUID",
        "Record ID",
    ]),
    Column::required("Account Name").or(&[
        "Name",
        "Company",
        "Company Name",
        "Organization",
        "Organisation",
        "Organization Name",
        "Customer Name",
    ]),
    Column::optional("Website").or(&[
        "Domain",
        "Web site",
        "Web",
        "URL",
        "Website URL",
        "Email domain",
        "Domain Name",
        "Email",
    ]),
    Column::optional("TPID").or(&["Customer ID", "CustomerID", "MS TPID", "Microsoft TPID"]),
    Column::optional("Country").or(&["Country/Region", "Country Code", "Country/Region Code"]),
];

/// A CRM account list read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct CrmFile {
    /// The accounts in file order (fields trimmed; empty optional fields `None`).
    pub accounts: Vec<CrmAccount>,
    /// The 1-based line each account starts on, parallel to `accounts`.
    pub lines: Vec<u64>,
    /// The encoding the file was in.
    pub encoding: Encoding,
    /// The delimiter found.
    pub delimiter: char,
    /// What was accepted but is worth knowing (shared domains, unknown or approximate columns).
    pub warnings: Vec<String>,
}

/// Reads a CRM account list file (see the module documentation).
pub fn read_accounts_file(path: &Path) -> Result<CrmFile> {
    let bytes = std::fs::read(path)
        .map_err(|e| EngineError::io(format!("cannot read {}", path.display()), e))?;
    read_accounts(&bytes).map_err(|e| match e {
        EngineError::InvalidInput(m) => {
            EngineError::InvalidInput(format!("{}: {m}", path.display()))
        }
        e => e,
    })
}

/// Reads a CRM account list from a file's bytes (see the module documentation).
pub fn read_accounts(bytes: &[u8]) -> Result<CrmFile> {
    let text = CsvText::from_bytes(bytes).map_err(|e| EngineError::InvalidInput(e.to_string()))?;
    let mut records = text.records();
    let header = records
        .next()
        .ok_or_else(|| EngineError::InvalidInput("the file is empty".into()))?;
    let map = HeaderMap::new(header.iter(), COLUMNS);
    if !map.missing().is_empty() {
        return Err(EngineError::InvalidInput(format!(
            "line {}: missing column{} {} (the header has: {}; accepted names for the ID: \
             Account ID, CRM ID, Id, accountid; for the name: Account Name, Name, Company)",
            header.line,
            if map.missing().len() > 1 { "s" } else { "" },
            map.missing().join(", "),
            header
                .iter()
                .map(|h| h.trim().trim_start_matches('\u{feff}'))
                .collect::<Vec<_>>()
                .join(", "),
        )));
    }
    let mut warnings = Vec::new();
    for (found, documented) in map.approximate() {
        warnings.push(format!("column \"{found}\" read as \"{documented}\""));
    }
    if !map.unknown().is_empty() {
        warnings.push(format!("columns not used: {}", map.unknown().join(", ")));
    }
    let [id, name, website, tpid, country]: [Option<usize>; 5] = map
        .positions()
        .collect::<Vec<_>>()
        .try_into()
        .map_err(|_| EngineError::InvalidInput("internal: column count".into()))?;
    let (id, name) = (id.unwrap_or_default(), name.unwrap_or_default());
    let fields = header.len();
    let field = |record: &partner_advisor_formats::Record, at: Option<usize>| {
        at.and_then(|p| record.get(p))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let mut problems = Vec::new();
    let mut accounts = Vec::new();
    let mut lines = Vec::new();
    let mut ids: HashMap<String, u64> = HashMap::new();
    for record in records {
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let line = record.line;
        if record.len() > fields {
            problems.push(format!(
                "line {line}: {} fields where the header has {fields} (a delimiter inside an \
                 unquoted value?)",
                record.len()
            ));
            continue;
        }
        let Some(crm_id) = field(&record, Some(id)) else {
            problems.push(format!("line {line}: the account ID is empty"));
            continue;
        };
        let Some(account_name) = field(&record, Some(name)) else {
            problems.push(format!("line {line}: account {crm_id} has no name"));
            continue;
        };
        if let Some(first) = ids.get(&crm_id) {
            problems.push(format!(
                "line {line}: account ID {crm_id} is also on line {first}"
            ));
            continue;
        }
        ids.insert(crm_id.clone(), line);
        accounts.push(CrmAccount {
            crm_id,
            name: account_name,
            domain: field(&record, website),
            tpid: field(&record, tpid),
            country: field(&record, country),
        });
        lines.push(line);
    }
    if !problems.is_empty() {
        let more = problems.len().saturating_sub(MAX_LISTED);
        let mut message = problems[..problems.len().min(MAX_LISTED)].join("; ");
        if more > 0 {
            message.push_str(&format!("; and {more} more"));
        }
        return Err(EngineError::InvalidInput(format!(
            "{} row{} refused, nothing read: {message}",
            problems.len(),
            if problems.len() > 1 { "s" } else { "" }
        )));
    }
    warnings.extend(shared_domains(&accounts, &lines));
    Ok(CrmFile {
        accounts,
        lines,
        encoding: text.encoding(),
        delimiter: text.dialect().delimiter_char(),
        warnings,
    })
}

/// One warning per normalised domain that several accounts give, with their lines.
fn shared_domains(accounts: &[CrmAccount], lines: &[u64]) -> Vec<String> {
    let mut by_domain: HashMap<String, Vec<u64>> = HashMap::new();
    for (account, line) in accounts.iter().zip(lines) {
        if let Some(d) = account.domain.as_deref().and_then(normalise::domain) {
            by_domain.entry(d).or_default().push(*line);
        }
    }
    let mut shared: Vec<(String, Vec<u64>)> =
        by_domain.into_iter().filter(|(_, l)| l.len() > 1).collect();
    shared.sort_by_key(|(_, lines)| lines[0]);
    shared
        .into_iter()
        .map(|(domain, lines)| {
            let lines: Vec<String> = lines.iter().map(u64::to_string).collect();
            format!(
                "domain {domain} is on lines {}: its customer gets the account with the closest \
                 name (the first line on a tie), confidence 0.9",
                lines.join(", ")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, little: bool) -> Vec<u8> {
        let mut out = if little {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            out.extend_from_slice(&if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn reads_utf16_tab_files_with_other_header_names() {
        let text = "accountid\tCompany\tWeb site\tCustomerID\tCountry\r\n\
                    a-1\tŻabka Polska Sp. z o.o.\twww.zabka.pl\t123\tPL\r\n\
                    a-2\tCafé Martín\t\t\t\r\n";
        for little in [true, false] {
            let file = read_accounts(&utf16(text, little)).expect("read");
            assert_eq!(
                file.encoding,
                if little {
                    Encoding::Utf16Le
                } else {
                    Encoding::Utf16Be
                }
            );
            assert_eq!(file.delimiter, '\t');
            assert_eq!(file.accounts.len(), 2);
            assert_eq!(file.accounts[0].name, "Żabka Polska Sp. z o.o.");
            assert_eq!(file.accounts[0].domain.as_deref(), Some("www.zabka.pl"));
            assert_eq!(file.accounts[0].tpid.as_deref(), Some("123"));
            assert_eq!(file.accounts[1].domain, None);
            assert_eq!(file.lines, [2, 3]);
        }
    }

    #[test]
    fn reads_semicolon_files_with_a_bom() {
        let text = "\u{feff}CRM ID;Account Name;Website;TPID;Country;Owner\r\n\
                    7;\"Dupont; Fils SARL\";https://www.dupont.fr/accueil;;FR;Anne\r\n";
        let file = read_accounts(text.as_bytes()).expect("read");
        assert_eq!(file.encoding, Encoding::Utf8Bom);
        assert_eq!(file.delimiter, ';');
        assert_eq!(file.accounts[0].name, "Dupont; Fils SARL");
        assert!(
            file.warnings.iter().any(|w| w.contains("Owner")),
            "{:?}",
            file.warnings
        );
    }

    #[test]
    fn reads_windows_1252_with_accents() {
        let mut bytes = b"Id,Name,Domain\r\n1,".to_vec();
        bytes.extend_from_slice(b"Boulangerie Lef\xe8vre \x80 Cie,lefevre.fr\r\n");
        let file = read_accounts(&bytes).expect("read");
        assert_eq!(file.encoding, Encoding::Windows1252);
        assert_eq!(file.accounts[0].name, "Boulangerie Lefèvre € Cie");
    }

    #[test]
    fn refuses_missing_columns_bad_rows_and_duplicate_ids() {
        let err = read_accounts(b"Name,Website\r\nx,y.com\r\n")
            .expect_err("no id")
            .to_string();
        assert!(
            err.contains("line 1") && err.contains("Account ID"),
            "{err}"
        );

        let err = read_accounts(b"Id,Name\r\n1,A\r\n,B\r\n3,\r\n1,D\r\n4,E,extra\r\n")
            .expect_err("bad rows")
            .to_string();
        assert!(err.starts_with("4 rows refused"), "{err}");
        assert!(err.contains("line 3: the account ID is empty"), "{err}");
        assert!(err.contains("line 4: account 3 has no name"), "{err}");
        assert!(
            err.contains("line 5: account ID 1 is also on line 2"),
            "{err}"
        );
        assert!(err.contains("line 6: 3 fields"), "{err}");

        assert!(read_accounts(b"").is_err());
    }

    #[test]
    fn shared_domains_are_a_warning() {
        let file = read_accounts(
            b"Id,Name,Website\r\n1,A,www.a.com\r\n\r\n2,A Bis,https://a.com/x\r\n3,B,b.com\r\n",
        )
        .expect("read");
        assert_eq!(file.accounts.len(), 3);
        assert_eq!(file.warnings.len(), 1, "{:?}", file.warnings);
        assert!(
            file.warnings[0].contains("a.com is on lines 2, 4"),
            "{:?}",
            file.warnings
        );
    }
}
