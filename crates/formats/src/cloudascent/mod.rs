//! CloudAscent propensity reports (FORMATS.md §1): the six reports' columns as the app writes
//! them, with the older spellings an import of Microsoft's own downloads accepts, and the reader
//! of those downloads ([`download`]).

mod columns;
pub mod download;

/// The comparison key of a report column: [`crate::normalise_header`]'s letters and digits,
/// plus the comparison signs and `+` that tell some of Microsoft's play names apart
/// (`… with >300 Employees …` and `… with <300 Employees …`).
pub fn column_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '<' | '>' | '+'))
        .flat_map(char::to_lowercase)
        .collect()
}

pub use columns::{
    ColumnRole, Firmographic, Flag, PropensityReport, RenewalField, ReportColumn, SolutionArea,
    WorkloadField, FIRMOGRAPHIC_COLUMNS,
};
pub use download::{
    detect_report, read_download, CloudAscentDownload, DownloadColumn, DownloadRow, DownloadScore,
};

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::Path;

    use super::*;

    fn golden(report: PropensityReport) -> String {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden/cloudascent")
            .join(format!("{}.txt", report.key()))
            .to_string_lossy()
            .into_owned()
    }

    /// The header of each report against its golden list (one name per line). Regenerate with
    /// `UPDATE_GOLDEN=1 cargo test -p partner-advisor-formats cloudascent` and review the diff.
    #[test]
    fn each_reports_header_is_its_golden_list() {
        for report in PropensityReport::ALL {
            let path = golden(report);
            let header = report.header().join("\n") + "\n";
            if std::env::var_os("UPDATE_GOLDEN").is_some() {
                std::fs::create_dir_all(Path::new(&path).parent().expect("dir")).expect("mkdir");
                std::fs::write(&path, &header).expect("write golden");
                continue;
            }
            let expected = std::fs::read_to_string(&path).expect("golden file");
            assert_eq!(header, expected, "{report}: header differs from {path}");
        }
    }

    #[test]
    fn every_report_starts_with_the_firmographics_and_ends_with_transacted() {
        for report in PropensityReport::ALL {
            let cols = report.columns();
            assert!(cols[..FIRMOGRAPHIC_COLUMNS]
                .iter()
                .all(|c| matches!(c.role, ColumnRole::Firmographic(_))));
            assert!(!matches!(
                cols[FIRMOGRAPHIC_COLUMNS].role,
                ColumnRole::Firmographic(_)
            ));
            assert_eq!(cols.last().map(|c| c.role), Some(ColumnRole::Transacted));
            let transacted = cols.iter().filter(|c| c.role == ColumnRole::Transacted);
            assert_eq!(transacted.count(), 1, "{report}");
        }
        assert_eq!(PropensityReport::Surface.columns()[0].name, "MPN ID");
        assert_eq!(PropensityReport::M365.columns()[0].name, "MPNID");
        assert_eq!(
            PropensityReport::Surface.columns().last().map(|c| c.name),
            Some("Transacted in the last 36 months")
        );
        assert_eq!(
            PropensityReport::AgreementRenewal
                .columns()
                .last()
                .map(|c| c.name),
            Some("TransactedInTheLast36months")
        );
    }

    #[test]
    fn names_and_aliases_are_unambiguous_within_a_report() {
        for report in PropensityReport::ALL {
            let mut seen = HashSet::new();
            for c in report.columns() {
                assert!(
                    seen.insert(column_key(c.name)),
                    "{report}: {} twice",
                    c.name
                );
            }
            // An alias may repeat its own column's name, never another column's.
            for c in report.columns() {
                for a in c.aliases {
                    let key = column_key(a);
                    let owner = report.columns().iter().find(|o| column_key(o.name) == key);
                    assert!(
                        owner.is_none_or(|o| o.name == c.name),
                        "{report}: alias {a} of {} is another column",
                        c.name
                    );
                }
            }
        }
    }

    #[test]
    fn each_report_scores_its_areas_with_cluster_fit_and_intent() {
        use SolutionArea as A;
        let areas = |r: PropensityReport| r.areas();
        assert_eq!(areas(PropensityReport::M365), vec![A::M365, A::Surface]);
        assert_eq!(areas(PropensityReport::Surface), vec![A::M365, A::Surface]);
        assert_eq!(areas(PropensityReport::Azure), vec![A::Azure]);
        assert_eq!(areas(PropensityReport::Security), vec![A::Security]);
        assert_eq!(
            areas(PropensityReport::D365),
            vec![
                A::D365BusinessCentral,
                A::D365FinanceOperations,
                A::D365CustomerEngagement,
                A::PowerApps
            ]
        );
        assert_eq!(areas(PropensityReport::AgreementRenewal).len(), 6);
        for report in PropensityReport::ALL {
            if report == PropensityReport::AgreementRenewal {
                continue;
            }
            for area in report.areas() {
                let has = |role: ColumnRole| report.columns().iter().any(|c| c.role == role);
                assert!(has(ColumnRole::Fit(area)), "{report} {area:?} fit");
                assert!(has(ColumnRole::Intent(area)), "{report} {area:?} intent");
                assert!(
                    report.columns().iter().all(|c| match c.role {
                        ColumnRole::Cluster(a) | ColumnRole::Fit(a) | ColumnRole::Intent(a) =>
                            c.name.starts_with(a.prefix()),
                        _ => true,
                    }),
                    "{report}"
                );
            }
        }
        for report in PropensityReport::ALL {
            assert_eq!(PropensityReport::parse(report.key()), Some(report));
        }
        assert_eq!(
            PropensityReport::parse(" M365 "),
            Some(PropensityReport::M365)
        );
        assert_eq!(PropensityReport::parse("excel"), None);
    }
}
