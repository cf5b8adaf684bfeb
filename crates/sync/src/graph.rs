//! Microsoft Graph usage reports (FORMATS.md §4) per customer tenant: each call answers `302`
//! with a short-lived, pre-authenticated download, which is fetched without the bearer token and
//! read by the same importer as a file the partner downloaded by hand.

use partner_advisor_engine::sync::{PulledUsage, UsagePeriod};
use partner_advisor_formats::{read_file, tenant_usage, FileContent, UsageReport, UsageReportKind};
use reqwest::StatusCode;

use crate::auth::{TokenSource, GRAPH_SCOPE};
use crate::error::{Result, SyncError};
use crate::http::error_detail;

const SERVICE: &str = "Microsoft Graph";

/// The reports a sync asks each tenant for: the ones the usage importer joins (the daily counts
/// and the site list add nothing to per-user usage).
pub const REPORTS: [UsageReportKind; 6] = [
    UsageReportKind::Office365ActiveUserDetail,
    UsageReportKind::M365AppUserDetail,
    UsageReportKind::TeamsUserActivityUserDetail,
    UsageReportKind::EmailActivityUserDetail,
    UsageReportKind::OneDriveActivityUserDetail,
    UsageReportKind::SharePointActivityUserDetail,
];

/// Graph's usage reports, for one sync.
pub struct UsageReports<'a> {
    tokens: &'a TokenSource,
    base: String,
    period: UsagePeriod,
}

impl<'a> UsageReports<'a> {
    /// Graph at `base`, asked for `period`.
    pub fn new(tokens: &'a TokenSource, base: &str, period: UsagePeriod) -> Self {
        UsageReports {
            tokens,
            base: base.trim_end_matches('/').to_owned(),
            period,
        }
    }

    /// One report of `tenant` as CSV bytes.
    pub async fn download(&self, tenant: &str, kind: UsageReportKind) -> Result<Vec<u8>> {
        let url = format!(
            "{}/v1.0/reports/{}(period='{}')",
            self.base,
            kind.graph_function(),
            self.period.as_str()
        );
        let response = self
            .tokens
            .send(SERVICE, tenant, GRAPH_SCOPE, || {
                self.tokens.http().client().get(&url)
            })
            .await?;
        let status = response.status();
        let response = if status.is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
                .ok_or_else(|| SyncError::Malformed {
                    service: SERVICE,
                    detail: format!("{} redirected nowhere", kind.graph_function()),
                })?;
            let target = url::Url::parse(&url)
                .and_then(|u| u.join(&location))
                .map_err(|e| SyncError::Malformed {
                    service: SERVICE,
                    detail: format!(
                        "{} redirected to an invalid address: {e}",
                        kind.graph_function()
                    ),
                })?;
            // Read the redirect's (empty) body so its connection goes back to the pool.
            let _ = response.bytes().await;
            // The download is pre-authenticated: no bearer token goes to the storage host.
            self.tokens
                .http()
                .send(SERVICE, || self.tokens.http().client().get(target.clone()))
                .await?
        } else {
            response
        };
        let status = response.status();
        if !status.is_success() {
            return Err(graph_error(
                tenant,
                kind,
                status,
                error_detail(response).await,
            ));
        }
        let bytes = response.bytes().await.map_err(|e| SyncError::Malformed {
            service: SERVICE,
            detail: format!(
                "{} of tenant {tenant} was cut short: {e}",
                kind.graph_function()
            ),
        })?;
        Ok(bytes.to_vec())
    }

    /// Every report of `tenant`, read and joined into its usage.
    pub async fn tenant(&self, tenant: &str) -> Result<PulledUsage> {
        let mut reports: Vec<UsageReport> = Vec::with_capacity(REPORTS.len());
        for kind in REPORTS {
            self.tokens.http().check_cancel()?;
            let bytes = self.download(tenant, kind).await?;
            let name = format!("{} ({tenant})", kind.graph_function());
            let parsed = read_file(&name, &bytes);
            if let Some(problem) = parsed.report.errors().next() {
                return Err(SyncError::Malformed {
                    service: SERVICE,
                    detail: format!("{name}: {problem}"),
                });
            }
            match parsed.content {
                FileContent::UsageReport(r) => reports.push(r),
                _ => {
                    return Err(SyncError::Malformed {
                        service: SERVICE,
                        detail: format!("{name} is not the usage report it was asked for"),
                    })
                }
            }
        }
        let refresh_date = reports
            .iter()
            .map(|r| r.refresh_date)
            .max()
            .unwrap_or_else(|| chrono::Utc::now().date_naive());
        let refs: Vec<&UsageReport> = reports.iter().collect();
        Ok(PulledUsage {
            tenant_id: tenant.to_owned(),
            usage: tenant_usage(tenant, &refs),
            refresh_date,
        })
    }
}

fn graph_error(
    tenant: &str,
    kind: UsageReportKind,
    status: StatusCode,
    detail: String,
) -> SyncError {
    match status.as_u16() {
        403 => SyncError::MissingPermission {
            what: format!(
                "Microsoft Graph refused {} in tenant {tenant}{detail} (the app registration needs Reports.Read.All, consented by the customer)",
                kind.graph_function()
            ),
        },
        s if s >= 500 => SyncError::Server {
            service: SERVICE,
            status: s,
            detail,
        },
        s => SyncError::Refused {
            service: SERVICE,
            status: s,
            detail,
        },
    }
}
