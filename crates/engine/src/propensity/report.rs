//! One of the six CloudAscent reports (SPEC §6, FORMATS §1) for the workspace's latest snapshot,
//! written as Excel-correct CSV.
//!
//! # What a report holds
//!
//! One row per customer of the latest snapshot in the time range, in tenant ID order, with the
//! report's columns ([`PropensityReport::columns`]: all by default, or a chosen subset written in
//! the report's order; an unknown name is refused with the list of valid ones). The cells come
//! from the customer's [`CustomerScores`] by [`ColumnRole`]:
//! - plays, `FY24 Offers`, the flags and "transacted in the last 36 months": `Yes`/`No`;
//! - `<Area>Fit` and `<Area>Intent`: whole numbers 0–100; `<Area>Cluster`: the segment code
//!   (A1–D4) of the fit × intent map of the run's [`ScoreOptions::map`];
//! - `<Area>Signals`: the area's reasons as sentences in the chosen language, joined;
//!   `RenewalSignals`: those of the renewal report's area with the highest intent;
//! - `<Area>RevenuePotential` and `Expiring Revenue`: whole USD; dates ISO (`2026-10-31`);
//! - the firmographics from the customer record: `MPNID`/`PartnerName` the workspace's partner,
//!   `CustomerID` the TPID, `OrgSize` the employees, `Segment` as stored;
//! - Azure's workload columns: counts and names joined with `, `.
//!
//! **Written empty** (no data source in the workspace yet): `DUNSNumber`, `Area`, `Subsidiary`,
//! `SalesTerritory`; in the renewal report `Agreement ID` (the enrolment number), and
//! `Agreement End Date` when the agreement's end is unknown (`License Program` and `Agreement End
//! Date` come from the Enterprise or Open agreement in force, empty when there is none).
//! `Expiring Revenue`, `RevSumDivisionName` and `Expiration Type` follow
//! [`super::scores::Renewal`]: the subscriptions and agreement ending in the twelve months after
//! the snapshot. A play column no rule computes would also be empty (none today).
//!
//! # Time range
//!
//! [`TimeRange::Lifetime`] (the default) writes every customer of the snapshot.
//! [`TimeRange::LastMonths`]`(n)` writes a customer when its last transaction with the partner
//! falls within the `n` months up to the snapshot's date (on or after the same day `n` months
//! before); customers that never transacted are left out.
//!
//! # How the file is written
//!
//! Rows stream from [`score_latest`] straight into [`ExcelCsvWriter`] (BOM, the language's
//! delimiter, formulas neutralised): memory holds one page of customers, never the file. The
//! file is written as `<out>.part` (created before scoring starts, so an unwritable folder fails
//! at once), flushed to disk and renamed to `<out>` only when complete. On cancel or any error
//! (an io error while writing, e.g. a full disk) the `.part` file is removed, nothing is left
//! under the name `<out>`, and the error says what happened.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
/// The six reports (re-exported for the callers of [`generate`]).
pub use partner_advisor_formats::cloudascent::PropensityReport;
use partner_advisor_formats::cloudascent::{
    column_key, ColumnRole, Firmographic, RenewalField, ReportColumn, SolutionArea, WorkloadField,
};
use partner_advisor_formats::{Cell, Delimiter, ExcelCsvWriter};
use partner_advisor_store::tables::history as history_table;
use partner_advisor_store::tables::partner as partner_table;
use partner_advisor_store::Workspace;

use super::cohorts::Play;
use super::facts::months_before;
use super::scores::{score_latest, CustomerScores, ScoreOptions};
use super::texts;
use crate::jobs::{CancelToken, Progress};
use crate::settings::Language;
use crate::{EngineError, Result};

/// Which customers a report writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeRange {
    /// Every customer of the latest snapshot.
    #[default]
    Lifetime,
    /// Customers whose last transaction is within this many months up to the snapshot.
    LastMonths(u32),
}

/// What to write.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    /// The report.
    pub report: PropensityReport,
    /// The chosen columns by name (any spelling the report accepts); empty for all.
    pub columns: Vec<String>,
    /// The customers.
    pub range: TimeRange,
    /// The delimiter (follows the language, see `opportunities::export::delimiter_for`).
    pub delimiter: Delimiter,
    /// The language of the signal sentences.
    pub language: Language,
    /// The scoring options (cluster map, seed, page size).
    pub options: ScoreOptions,
}

impl ReportRequest {
    /// Every column, Lifetime, English with commas, default scoring.
    pub fn new(report: PropensityReport) -> Self {
        Self {
            report,
            columns: Vec::new(),
            range: TimeRange::Lifetime,
            delimiter: Delimiter::Comma,
            language: Language::En,
            options: ScoreOptions::default(),
        }
    }
}

/// What a run wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSummary {
    /// The report.
    pub report: PropensityReport,
    /// The file written.
    pub path: PathBuf,
    /// Rows written (customers in range), the header not counted.
    pub rows: u64,
    /// Customers scored.
    pub customers: u64,
    /// The file's size.
    pub bytes: u64,
    /// The snapshot's date.
    pub as_of: NaiveDate,
    /// Milliseconds from start to rename.
    pub elapsed_ms: u64,
}

/// The chosen columns of `report` in the report's order: all when `names` is empty. A name
/// matches a column's name or one of its older spellings (case, spaces and punctuation
/// ignored); an unknown name is refused with the list of valid ones.
pub fn select_columns(
    report: PropensityReport,
    names: &[String],
) -> Result<Vec<&'static ReportColumn>> {
    let all = report.columns();
    let names: Vec<&String> = names.iter().filter(|n| !n.trim().is_empty()).collect();
    if names.is_empty() {
        return Ok(all.iter().collect());
    }
    let mut chosen = vec![false; all.len()];
    let mut unknown = Vec::new();
    for name in names {
        let key = column_key(name);
        let found = all.iter().position(|c| {
            column_key(c.name) == key || c.aliases.iter().any(|a| column_key(a) == key)
        });
        match found {
            Some(i) => chosen[i] = true,
            None => unknown.push(name.trim().to_owned()),
        }
    }
    if !unknown.is_empty() {
        return Err(EngineError::InvalidInput(format!(
            "unknown column(s) of the {report} report: {}; valid columns: {}",
            unknown.join(", "),
            report.header().join(", ")
        )));
    }
    Ok(all
        .iter()
        .zip(chosen)
        .filter_map(|(c, keep)| keep.then_some(c))
        .collect())
}

/// Where a column's cell comes from, resolved once per report.
#[derive(Debug, Clone, Copy)]
enum Source {
    Role(ColumnRole),
    Play(Option<Play>),
}

fn source(c: &ReportColumn) -> Source {
    match c.role {
        ColumnRole::Play => Source::Play(
            Play::ALL
                .iter()
                .copied()
                .find(|p| p.column() == c.name || column_key(p.column()) == column_key(c.name)),
        ),
        role => Source::Role(role),
    }
}

fn yes_no(b: bool) -> Cell<'static> {
    Cell::Text(if b { "Yes" } else { "No" })
}

fn text(s: &str) -> Cell<'_> {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

/// Where a row's cells go: the CSV file, or the rows of a preview.
trait CellSink {
    fn cell(&mut self, cell: Cell<'_>) -> io::Result<()>;
    fn end_row(&mut self) -> io::Result<()>;
}

impl<W: Write> CellSink for ExcelCsvWriter<W> {
    fn cell(&mut self, cell: Cell<'_>) -> io::Result<()> {
        ExcelCsvWriter::cell(self, cell)
    }

    fn end_row(&mut self) -> io::Result<()> {
        ExcelCsvWriter::end_row(self)
    }
}

/// The first rows of a report as text, cells written as the file writes them (but not
/// neutralised: the preview is not a spreadsheet).
#[derive(Debug, Default)]
struct PreviewRows {
    rows: Vec<Vec<String>>,
    current: Vec<String>,
}

impl CellSink for PreviewRows {
    fn cell(&mut self, cell: Cell<'_>) -> io::Result<()> {
        self.current.push(match cell {
            Cell::Text(t) => t.to_owned(),
            Cell::Number(n) if n.is_finite() => n.to_string(),
            Cell::Number(_) | Cell::Empty => String::new(),
            Cell::Integer(i) => i.to_string(),
            Cell::Date(d) => d.to_string(),
        });
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.rows.push(std::mem::take(&mut self.current));
        Ok(())
    }
}

/// Writes one customer's row.
struct RowWriter {
    report: PropensityReport,
    sources: Vec<Source>,
    language: Language,
    mpn_id: String,
    partner_name: String,
    buf: String,
}

impl RowWriter {
    fn row<S: CellSink>(&mut self, csv: &mut S, s: &CustomerScores) -> io::Result<()> {
        for i in 0..self.sources.len() {
            let src = self.sources[i];
            self.cell(csv, s, src)?;
        }
        csv.end_row()
    }

    fn cell<S: CellSink>(
        &mut self,
        csv: &mut S,
        s: &CustomerScores,
        src: Source,
    ) -> io::Result<()> {
        use ColumnRole as R;
        let c = &s.customer;
        let role = match src {
            Source::Play(p) => {
                return csv.cell(p.map_or(Cell::Empty, |p| yes_no(s.plays.contains(p))))
            }
            Source::Role(role) => role,
        };
        let cell = match role {
            R::Firmographic(f) => match f {
                Firmographic::MpnId => text(&self.mpn_id),
                Firmographic::PartnerName => text(&self.partner_name),
                Firmographic::CustomerId => text(&c.identity.tpid),
                Firmographic::AccountName => text(&c.identity.name),
                Firmographic::Domain => text(&c.domain),
                Firmographic::OrgSize => Cell::Integer(i64::from(c.employees)),
                Firmographic::Industry => text(&c.industry),
                Firmographic::Vertical => text(&c.vertical),
                Firmographic::City => text(&c.identity.city),
                Firmographic::State => text(&c.identity.state),
                Firmographic::PostalCode => text(&c.identity.postal_code),
                Firmographic::Country => text(&c.country),
                Firmographic::Segment => text(&c.identity.segment),
                Firmographic::SubSegment => text(s.sub_segment),
                Firmographic::SmcTypeSummary => Cell::Text(s.smc_type.label()),
                Firmographic::IsNonprofit => Cell::Text(s.is_nonprofit),
                Firmographic::DunsNumber
                | Firmographic::Area
                | Firmographic::Subsidiary
                | Firmographic::SalesTerritory => Cell::Empty,
            },
            R::Play => Cell::Empty,
            R::Offers => yes_no(s.offers(self.report)),
            R::Cluster(a) => {
                self.buf.clear();
                let _ = write!(self.buf, "{}", s.area(a).segment);
                return csv.cell(Cell::Text(&self.buf));
            }
            R::Fit(a) => Cell::Integer(i64::from(s.area(a).fit)),
            R::Intent(a) => Cell::Integer(i64::from(s.area(a).intent)),
            R::Signals(a) => return self.signals(csv, s, a),
            R::RevenuePotential(a) => usd(s.area(a).revenue_potential_usd),
            R::Flag(f) => yes_no(s.flags.contains(f)),
            R::Renewal(field) => match field {
                RenewalField::LicenseProgram => {
                    c.agreement.map_or(Cell::Empty, |a| Cell::Text(a.0))
                }
                RenewalField::AgreementEndDate => c.agreement.and_then(|a| a.1).into(),
                RenewalField::Signals => {
                    let top = self
                        .report
                        .areas()
                        .into_iter()
                        .max_by_key(|a| (s.area(*a).intent, std::cmp::Reverse(*a as u8)));
                    return match top {
                        Some(a) => self.signals(csv, s, a),
                        None => csv.cell(Cell::Empty),
                    };
                }
                RenewalField::ExpiringRevenue => usd(c.renewal.expiring_usd),
                RenewalField::RevSumDivisionName => {
                    c.renewal.division.map_or(Cell::Empty, Cell::Text)
                }
                RenewalField::ExpirationType => {
                    c.renewal.expiration_type.map_or(Cell::Empty, Cell::Text)
                }
                // Microsoft's enrolment number: no file the workspace imports carries it.
                RenewalField::AgreementId => Cell::Empty,
            },
            R::Workloads(w) => match w {
                WorkloadField::ExistingCount => Cell::Integer(s.azure_existing.len() as i64),
                WorkloadField::RecommendedCount => Cell::Integer(s.azure_recommended.len() as i64),
                WorkloadField::Existing | WorkloadField::Recommended => {
                    let set = if w == WorkloadField::Existing {
                        s.azure_existing
                    } else {
                        s.azure_recommended
                    };
                    self.buf.clear();
                    for (i, wl) in set.iter().enumerate() {
                        if i > 0 {
                            self.buf.push_str(", ");
                        }
                        self.buf.push_str(wl.name());
                    }
                    return csv.cell(text(&self.buf));
                }
            },
            R::Transacted => yes_no(s.transacted_36m),
        };
        csv.cell(cell)
    }

    fn signals<S: CellSink>(
        &mut self,
        csv: &mut S,
        s: &CustomerScores,
        area: SolutionArea,
    ) -> io::Result<()> {
        texts::signals_cell(
            s.area(area),
            area,
            &s.customer.industry,
            self.language,
            &mut self.buf,
        );
        csv.cell(text(&self.buf))
    }
}

/// Whole USD (negative or not finite written empty).
fn usd(v: f64) -> Cell<'static> {
    if v.is_finite() && v >= 0.0 {
        Cell::Integer(v.round() as i64)
    } else {
        Cell::Empty
    }
}

/// `<out>.part`.
pub fn part_path(out: &Path) -> PathBuf {
    let mut p = out.as_os_str().to_owned();
    p.push(".part");
    PathBuf::from(p)
}

/// Whether a customer is in the range (see the module documentation).
fn in_range(last: Option<NaiveDate>, from: Option<NaiveDate>) -> bool {
    match from {
        None => true,
        Some(from) => last.is_some_and(|d| d >= from),
    }
}

/// The chosen columns and the writer of their cells.
async fn row_writer(
    ws: &Workspace,
    request: &ReportRequest,
) -> Result<(Vec<&'static ReportColumn>, RowWriter)> {
    if let TimeRange::LastMonths(0) = request.range {
        return Err(EngineError::InvalidInput(
            "the time range needs at least one month".into(),
        ));
    }
    let columns = select_columns(request.report, &request.columns)?;
    let partner = partner_table::get(ws.pool()).await?;
    let (mpn_id, partner_name) = partner.map_or_else(Default::default, |p| (p.global_id, p.name));
    let rows = RowWriter {
        report: request.report,
        sources: columns.iter().map(|c| source(c)).collect(),
        language: request.language,
        mpn_id,
        partner_name,
        buf: String::new(),
    };
    Ok((columns, rows))
}

/// The first rows of a report, to look at before writing it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportPreview {
    /// The chosen columns, in the report's order.
    pub columns: Vec<&'static str>,
    /// Up to the asked number of rows, cells as the file would hold them.
    pub rows: Vec<Vec<String>>,
    /// The snapshot's date.
    pub as_of: NaiveDate,
    /// Customers of the snapshot.
    pub customers: u64,
    /// Rows the whole report would have; `None` when the preview stopped at its limit first.
    pub rows_in_range: Option<u64>,
}

/// The first `limit` rows of the report `request` asks for, computed as [`generate`] computes
/// them; scoring stops once they are found.
pub async fn preview(
    ws: &Workspace,
    request: &ReportRequest,
    limit: usize,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<ReportPreview> {
    let (columns, mut rows) = row_writer(ws, request).await?;
    let window = super::inputs::window(ws).await?.ok_or_else(|| {
        EngineError::InvalidInput("the workspace has no snapshot to score".into())
    })?;
    let customers =
        u64::try_from(history_table::tenants_in(ws.pool(), window.snapshot_id).await?).unwrap_or(0);
    let mut out = PreviewRows::default();
    let mut seen = 0u64;
    let mut from: Option<Option<NaiveDate>> = None;
    // Stopping at the limit ends the run as a cancel would; `stopped` tells the two apart.
    let mut stopped = false;
    let run = score_latest(
        ws,
        &request.options,
        progress,
        cancel,
        &mut |s: &CustomerScores| {
            cancel.check()?;
            let from = *from.get_or_insert_with(|| match request.range {
                TimeRange::Lifetime => None,
                TimeRange::LastMonths(n) => Some(months_before(s.as_of, n)),
            });
            if in_range(s.customer.last_transaction, from) {
                seen += 1;
                if out.rows.len() < limit {
                    rows.row(&mut out, s)
                        .map_err(|e| EngineError::io("preview".to_owned(), e))?;
                } else {
                    stopped = true;
                    return Err(EngineError::Cancelled);
                }
            }
            Ok(())
        },
    )
    .await;
    let complete = match run {
        Ok(_) => true,
        Err(EngineError::Cancelled) if stopped && !cancel.is_cancelled() => false,
        Err(e) => return Err(e),
    };
    Ok(ReportPreview {
        columns: columns.iter().map(|c| c.name).collect(),
        rows: out.rows,
        as_of: window.as_of,
        customers,
        rows_in_range: complete.then_some(seen),
    })
}

/// Writes the report `request` asks for to `out` (see the module documentation). Progress
/// stages are the scoring run's (`propensity.read`, `propensity.learn`, `propensity.score`).
pub async fn generate(
    ws: &Workspace,
    request: &ReportRequest,
    out: &Path,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<ReportSummary> {
    let mut summaries = generate_many(
        ws,
        &[(request.clone(), out.to_path_buf())],
        progress,
        cancel,
    )
    .await?;
    Ok(summaries.remove(0))
}

/// One report being written by [`generate_many`].
struct Output<'a> {
    request: &'a ReportRequest,
    out: &'a Path,
    part: PathBuf,
    rows: RowWriter,
    csv: ExcelCsvWriter<File>,
    from: Option<Option<NaiveDate>>,
    written: u64,
}

fn io_error(out: &Path) -> impl Fn(io::Error) -> EngineError + '_ {
    move |e| EngineError::io(format!("writing {}", out.display()), e)
}

/// The scoring run's summary and, per report, its report, `.part`, destination and rows, once
/// every file is flushed to disk.
#[allow(clippy::type_complexity)]
fn finish_outputs<'a>(
    result: Result<super::scores::ScoringSummary>,
    outputs: Vec<Output<'a>>,
    cancel: &CancelToken,
) -> Result<(
    super::scores::ScoringSummary,
    Vec<(PropensityReport, PathBuf, &'a Path, u64)>,
)> {
    let summary = result?;
    cancel.check()?;
    let mut done = Vec::with_capacity(outputs.len());
    for o in outputs {
        let file = o.csv.finish().map_err(io_error(o.out))?;
        file.sync_all().map_err(io_error(o.out))?;
        drop(file);
        done.push((o.request.report, o.part, o.out, o.written));
    }
    Ok((summary, done))
}

/// Writes several reports of the latest snapshot in one scoring pass (each customer is scored
/// once and written to every file), each as [`generate`] writes it. They must share their
/// scoring options (the first request's are used; a different map is refused). All or nothing:
/// on cancel or any error no file is left, not even the ones already complete.
pub async fn generate_many(
    ws: &Workspace,
    requests: &[(ReportRequest, PathBuf)],
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<Vec<ReportSummary>> {
    let started = Instant::now();
    let Some((first, _)) = requests.first() else {
        return Ok(Vec::new());
    };
    if requests.iter().any(|(r, _)| r.options != first.options) {
        return Err(EngineError::InvalidInput(
            "reports written together share one cluster map".into(),
        ));
    }
    let mut outputs: Vec<Output> = Vec::with_capacity(requests.len());
    let opened = async {
        for (request, out) in requests {
            let (columns, rows) = row_writer(ws, request).await?;
            let part = part_path(out);
            let file = File::create(&part)
                .map_err(|e| EngineError::io(format!("cannot create {}", part.display()), e))?;
            // Listed before anything can fail, so its `.part` is removed with the others.
            outputs.push(Output {
                request,
                out,
                part,
                rows,
                csv: ExcelCsvWriter::new(file, request.delimiter).map_err(io_error(out))?,
                from: None,
                written: 0,
            });
            let o = outputs.last_mut().expect("just pushed");
            o.csv
                .row(columns.iter().map(|c| c.name))
                .map_err(io_error(out))?;
        }
        Ok::<_, EngineError>(())
    }
    .await;
    let result = match opened {
        Err(e) => Err(e),
        Ok(()) => {
            score_latest(
                ws,
                &first.options,
                progress,
                cancel,
                &mut |s: &CustomerScores| {
                    cancel.check()?;
                    for o in outputs.iter_mut() {
                        let range = o.request.range;
                        let from = *o.from.get_or_insert_with(|| match range {
                            TimeRange::Lifetime => None,
                            TimeRange::LastMonths(n) => Some(months_before(s.as_of, n)),
                        });
                        if in_range(s.customer.last_transaction, from) {
                            o.rows.row(&mut o.csv, s).map_err(io_error(o.out))?;
                            o.written += 1;
                        }
                    }
                    Ok(())
                },
            )
            .await
        }
    };
    let parts: Vec<PathBuf> = outputs.iter().map(|o| o.part.clone()).collect();
    let finished = finish_outputs(result, outputs, cancel);
    let (summary, done) = match finished {
        Ok(d) => d,
        Err(e) => {
            for part in &parts {
                let _ = std::fs::remove_file(part);
            }
            return Err(e);
        }
    };
    // Every file is complete on disk before the first takes its name.
    for (i, (_, part, out, _)) in done.iter().enumerate() {
        if let Err(e) = std::fs::rename(part, out) {
            for (_, part, out, _) in &done[..i] {
                let _ = std::fs::remove_file(out);
                let _ = std::fs::remove_file(part);
            }
            for (_, part, _, _) in &done[i..] {
                let _ = std::fs::remove_file(part);
            }
            return Err(EngineError::io(
                format!("renaming {} to {}", part.display(), out.display()),
                e,
            ));
        }
    }
    let elapsed_ms = started.elapsed().as_millis() as u64;
    Ok(done
        .into_iter()
        .map(|(report, _, out, written)| ReportSummary {
            report,
            path: out.to_path_buf(),
            rows: written,
            customers: summary.customers,
            bytes: std::fs::metadata(out).map(|m| m.len()).unwrap_or(0),
            as_of: summary.as_of,
            elapsed_ms,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_chosen_in_the_reports_order_and_unknown_ones_refused() {
        let r = PropensityReport::Azure;
        assert_eq!(
            select_columns(r, &[]).expect("all").len(),
            r.columns().len()
        );
        let names = ["AzureIntent", "accountname", "TPID"].map(String::from);
        let chosen: Vec<&str> = select_columns(r, &names)
            .expect("chosen")
            .iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(chosen, ["CustomerID", "AccountName", "AzureIntent"]);
        let err = select_columns(r, &["Nope".into(), "AzureFit".into()])
            .expect_err("unknown")
            .to_string();
        assert!(
            err.contains("Nope") && err.contains("valid columns: MPNID"),
            "{err}"
        );
    }

    #[test]
    fn every_play_column_has_a_rule() {
        for r in PropensityReport::ALL {
            for c in r.columns() {
                if let Source::Play(p) = source(c) {
                    assert!(p.is_some(), "{r}: {}", c.name);
                }
            }
        }
    }

    #[test]
    fn the_range_keeps_recent_transactions() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day);
        let from = d(4, 30);
        assert!(in_range(None, None));
        assert!(!in_range(None, from));
        assert!(in_range(d(4, 30), from));
        assert!(!in_range(d(4, 29), from));
        assert_eq!(part_path(Path::new("/x/a.csv")), Path::new("/x/a.csv.part"));
    }
}
