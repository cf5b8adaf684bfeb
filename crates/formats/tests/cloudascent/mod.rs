//! Microsoft's CloudAscent downloads (fixtures under `tests/fixtures/cloudascent`, written with
//! the golden headers and the older spellings of FORMATS.md §1): each report detected, older and
//! renamed spellings mapped, unknown columns kept, `;` UTF-16, bad rows with their lines.

use std::path::PathBuf;

use partner_advisor_formats::cloudascent::{
    CloudAscentDownload, ColumnRole, Firmographic, PropensityReport, SolutionArea,
};
use partner_advisor_formats::{
    detect, read_file, Encoding, FileContent, FileKind, ImportReport, Severity,
};

fn fixture(name: &str) -> (String, Vec<u8>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cloudascent")
        .join(name);
    (
        name.to_owned(),
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
}

fn read(name: &str) -> (ImportReport, Option<CloudAscentDownload>) {
    let (file, bytes) = fixture(name);
    let parsed = read_file(&file, &bytes);
    let download = match parsed.content {
        FileContent::CloudAscent(d) => Some(d),
        _ => None,
    };
    (parsed.report, download)
}

fn errors(report: &ImportReport) -> Vec<String> {
    report.errors().map(ToString::to_string).collect()
}

#[test]
fn each_fixture_is_detected_as_its_report() {
    for (name, report) in [
        ("m365_2023.csv", PropensityReport::M365),
        ("azure_2021.csv", PropensityReport::Azure),
        ("d365_renamed.csv", PropensityReport::D365),
        ("security_utf16_semicolon.csv", PropensityReport::Security),
        ("renewal_2021_tab.csv", PropensityReport::AgreementRenewal),
        ("surface_2023.csv", PropensityReport::Surface),
        ("bad_m365.csv", PropensityReport::M365),
    ] {
        let (_, bytes) = fixture(name);
        assert_eq!(detect(&bytes), FileKind::CloudAscent(report), "{name}");
        assert!(FileKind::CloudAscent(report).is_importable());
        assert!(!FileKind::CloudAscent(report).is_leads());
    }
}

#[test]
fn m365_with_microsofts_2023_names() {
    let (report, download) = read("m365_2023.csv");
    assert!(errors(&report).is_empty(), "{report}");
    assert_eq!(report.encoding, Some(Encoding::Utf8Bom));
    assert_eq!(report.delimiter, Some(','));
    let d = download.expect("read");
    assert_eq!(d.report, PropensityReport::M365);
    assert!(d.unknown_columns.is_empty(), "{:?}", d.unknown_columns);
    assert_eq!(d.rows.len(), 5);
    assert_eq!((report.rows_read, report.rows_accepted), (5, 5));
    assert_eq!(d.areas(), vec![SolutionArea::M365, SolutionArea::Surface]);
    let first = &d.rows[0];
    assert_eq!(first.line, 2);
    assert_eq!(first.customer_id.as_deref(), Some("7311204"));
    assert_eq!(
        first.customer_name.as_deref(),
        Some("Contoso Pharmaceuticals Ltd")
    );
    assert_eq!(first.domain.as_deref(), Some("contoso-pharma.co.uk"));
    assert_eq!(first.cells.len(), d.columns.len());
    for s in &first.scores {
        assert!(s.cluster.as_deref().is_some_and(|c| c.len() == 2));
        assert!(s.fit.is_some_and(|f| (0.0..=100.0).contains(&f)));
        assert!(s.intent.is_some());
    }
    // `Surface Intent` (sic) is the M365 report's spelling.
    let intent = d
        .columns
        .iter()
        .find(|c| c.role == ColumnRole::Intent(SolutionArea::Surface))
        .expect("Surface Intent");
    assert_eq!(intent.name, "Surface Intent");
}

#[test]
fn azure_with_the_2021_spellings_and_its_extra_columns_kept() {
    let (report, download) = read("azure_2021.csv");
    assert!(errors(&report).is_empty(), "{report}");
    assert_eq!(report.encoding, Some(Encoding::Utf8));
    let d = download.expect("read");
    assert_eq!(d.rows.len(), 4);
    let role = |name: &str| d.columns.iter().find(|c| c.name == name).map(|c| c.role);
    assert_eq!(
        role("IsNonProfit"),
        Some(ColumnRole::Firmographic(Firmographic::IsNonprofit))
    );
    assert_eq!(
        role("AzureCluster"),
        Some(ColumnRole::Cluster(SolutionArea::Azure))
    );
    assert_eq!(
        role("TransactedInTheLast36months"),
        Some(ColumnRole::Transacted)
    );
    for kept in [
        "TopUnmanagedComputeBase",
        "MigrateSAPOnAzure",
        "WinServerStandardVersion",
        "AzureUpsellCustomer",
    ] {
        assert!(d.unknown_columns.iter().any(|c| c == kept), "{kept}");
        assert_eq!(role(kept), Some(ColumnRole::Play));
    }
    let warning = report
        .problems
        .iter()
        .find(|p| p.severity == Severity::Warning)
        .expect("a warning");
    assert!(
        warning.reason.starts_with("unknown columns kept"),
        "{warning}"
    );
    assert!(warning.reason.contains("MigrateSAPOnAzure"));
    // The kept cells stay on the row.
    let at = d
        .columns
        .iter()
        .position(|c| c.name == "WinServerStandardVersion")
        .expect("column");
    assert_eq!(d.rows[0].cells[at], "2012 R2");
    assert_eq!(d.areas(), vec![SolutionArea::Azure]);
}

#[test]
fn renamed_columns_map_and_unknown_ones_are_kept() {
    let (report, download) = read("d365_renamed.csv");
    assert!(errors(&report).is_empty(), "{report}");
    let d = download.expect("read");
    let documented = |name: &str| {
        d.columns
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| c.documented)
    };
    assert_eq!(documented("Customer ID"), Some("CustomerID"));
    assert_eq!(documented("Account Name"), Some("AccountName"));
    assert_eq!(documented("Postal-Code"), Some("PostalCode"));
    assert_eq!(documented("d365_bc_cluster"), Some("D365BCCluster"));
    assert_eq!(documented("D365 BC Fit"), Some("D365BCFit"));
    assert_eq!(documented("D365SPCluster"), Some("D365CECluster"));
    assert_eq!(documented("FY26 Offers"), Some("FY24 Offers"));
    assert_eq!(
        d.unknown_columns,
        vec![
            "D365_Copilot for Sales_Attach to Sales Enterprise".to_owned(),
            "D365_Customer Service_Migrate from Zendesk".to_owned(),
            "Partner Notes".to_owned(),
        ]
    );
    assert_eq!(d.rows.len(), 5);
    assert_eq!(d.rows[0].customer_id.as_deref(), Some("7311204"));
    assert_eq!(
        d.rows[2].cells.last().map(String::as_str),
        Some("owner: Ana")
    );
    assert_eq!(d.areas().len(), 4);
    assert!(report
        .notes
        .iter()
        .any(|n| n.contains("'D365SPCluster' read as 'D365CECluster'")));
}

#[test]
fn security_in_utf16_with_semicolons_and_decimal_commas() {
    let (report, download) = read("security_utf16_semicolon.csv");
    assert!(errors(&report).is_empty(), "{report}");
    assert_eq!(report.encoding, Some(Encoding::Utf16Le));
    assert_eq!(report.delimiter, Some(';'));
    let d = download.expect("read");
    assert_eq!(d.report, PropensityReport::Security);
    assert_eq!(d.rows.len(), 4);
    let fits: Vec<Option<f64>> = d.rows.iter().map(|r| r.scores[0].fit).collect();
    assert_eq!(fits, vec![Some(81.5), Some(64.0), Some(33.25), Some(12.0)]);
    assert_eq!(
        d.rows[3].customer_name.as_deref(),
        Some("Wide World Importers Sp. z o.o.")
    );
    assert!(d.rows[3].cells.iter().any(|c| c == "Kraków"));
}

#[test]
fn renewal_with_the_2021_spellings_tab_delimited() {
    let (report, download) = read("renewal_2021_tab.csv");
    assert!(errors(&report).is_empty(), "{report}");
    assert_eq!(report.delimiter, Some('\t'));
    let d = download.expect("read");
    assert!(d.unknown_columns.is_empty(), "{:?}", d.unknown_columns);
    assert_eq!(d.areas().len(), 6);
    // Clusters only: no fit or intent in the renewal report.
    assert!(d.rows[0]
        .scores
        .iter()
        .all(|s| s.cluster.is_some() && s.fit.is_none() && s.intent.is_none()));
}

#[test]
fn surface_with_its_own_spellings() {
    let (report, download) = read("surface_2023.csv");
    assert!(errors(&report).is_empty(), "{report}");
    let d = download.expect("read");
    assert_eq!(d.report, PropensityReport::Surface);
    assert!(d.unknown_columns.is_empty(), "{:?}", d.unknown_columns);
}

#[test]
fn bad_rows_are_reported_with_their_lines_and_left_out() {
    let (report, download) = read("bad_m365.csv");
    let d = download.expect("the good rows are read");
    assert_eq!(report.rows_read, 5);
    assert_eq!(report.rows_accepted, 1);
    assert_eq!(d.rows.len(), 1);
    assert_eq!(d.rows[0].line, 2);
    let errs: Vec<(Option<u64>, Option<String>, String)> = report
        .errors()
        .map(|p| (p.line, p.column.clone(), p.reason.clone()))
        .collect();
    assert_eq!(errs.len(), 5, "{errs:#?}");
    assert_eq!(errs[0].0, Some(3));
    assert_eq!(errs[0].1.as_deref(), Some("M365Fit"));
    assert_eq!(errs[0].2, "fit 120 is not from 0 to 100");
    assert_eq!(errs[1].0, Some(4));
    assert!(
        errs[1].2.contains("is not a number from 0 to 100"),
        "{}",
        errs[1].2
    );
    assert_eq!(errs[1].1.as_deref(), Some("M365Intent"));
    assert_eq!(errs[2].0, Some(4));
    assert_eq!(errs[2].1.as_deref(), Some("SurfaceCluster"));
    assert_eq!(errs[2].2, "'E9' is not a cluster code A1 to D4");
    assert_eq!(errs[3].0, Some(5));
    assert!(errs[3].2.contains("names no customer"));
    assert_eq!(errs[4].0, Some(6));
    assert!(errs[4].2.contains("fields, the header"));
    assert!(!report.is_usable());
}

#[test]
fn a_header_without_customer_columns_is_refused() {
    let (report, download) = {
        let bytes = b"AzureCluster,AzureFit\nA1,80\n".to_vec();
        let parsed = read_file("x.csv", &bytes);
        (parsed.report, parsed.content)
    };
    assert_eq!(report.kind, FileKind::CloudAscent(PropensityReport::Azure));
    assert!(matches!(download, FileContent::Nothing));
    assert!(errors(&report)[0].contains("CustomerID or AccountName"));
}
