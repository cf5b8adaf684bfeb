//! Everything an import checks before it writes: the tenant, whose data the usage reports are,
//! which customers the opportunities belong to, which months are missing.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Months, NaiveDate};
use partner_advisor_formats::values::is_concealed_name;
use partner_advisor_formats::{
    normalise_header, tenant_usage, FileContent, FileKind, TenantUsage, UsageReport,
};
use partner_advisor_store::tables::customers::CustomerIdentity;
use partner_advisor_store::tables::imported_opportunities::ImportedOpportunity;
use partner_advisor_store::tables::usage;
use partner_advisor_store::Workspace;

use super::{ImportOptions, ImportSummary, ReadFile};
use crate::Result;

/// What the write step writes.
pub(super) struct Plan {
    /// The tenant of the usage reports.
    pub tenant_id: Option<String>,
    /// Its usage, when usage reports were given.
    pub usage: Option<TenantUsage>,
    /// Opportunity rows, matched to customers where possible.
    pub opportunities: Vec<ImportedOpportunity>,
    /// The latest refresh date of the usage reports.
    pub latest_refresh: Option<NaiveDate>,
}

/// Checks the files read; `None` when anything makes the import unusable (the reasons are in
/// the files' reports and `summary.errors`).
pub(super) async fn check(
    read: &mut [ReadFile],
    known: &[CustomerIdentity],
    options: &ImportOptions,
    workspace: &Workspace,
    summary: &mut ImportSummary,
) -> Result<Option<Plan>> {
    let has_usage = read.iter().any(is_usage_report);
    let tenant = resolve_tenant(read, known, options, has_usage);
    if let Some(tenant) = tenant {
        check_usage_is_the_tenants(read, known, tenant);
    }
    let mut opportunities = Vec::new();
    for file in read.iter_mut() {
        if let FileContent::LighthouseOpportunities(rows) = &file.content {
            opportunities.extend(match_opportunities(&mut file.report, rows, known));
        }
    }

    let fatal = read.iter().any(|f| f.report.errors().next().is_some());
    let reports: Vec<&UsageReport> = read
        .iter()
        .filter_map(|f| match &f.content {
            FileContent::UsageReport(r) => Some(r),
            _ => None,
        })
        .collect();
    if !fatal && reports.is_empty() && opportunities.is_empty() {
        summary.errors.push(
            "nothing to import: no usage report the importer uses and no opportunity row".into(),
        );
    }
    if fatal || !summary.errors.is_empty() {
        return Ok(None);
    }

    let usage = match tenant {
        Some(t) if !reports.is_empty() => {
            let usage = tenant_usage(&t.tenant_id, &reports);
            note_months(workspace, &t.tenant_id, &usage, summary).await?;
            summary.notes.extend(usage.notes.iter().cloned());
            Some(usage)
        }
        _ => None,
    };
    Ok(Some(Plan {
        tenant_id: tenant.map(|t| t.tenant_id.clone()),
        usage,
        opportunities,
        latest_refresh: reports.iter().map(|r| r.refresh_date).max(),
    }))
}

/// Whether the file is a usage report the importer uses (read or not).
fn is_usage_report(file: &ReadFile) -> bool {
    matches!(file.report.kind, FileKind::UsageReport(_))
}

/// The chosen customer; errors on the usage reports when there is none.
fn resolve_tenant<'k>(
    read: &mut [ReadFile],
    known: &'k [CustomerIdentity],
    options: &ImportOptions,
    has_usage: bool,
) -> Option<&'k CustomerIdentity> {
    let problem = match options.tenant_id.as_deref().map(str::trim) {
        Some(wanted) if !wanted.is_empty() => {
            let found = known.iter().find(|c| {
                c.tenant_id.eq_ignore_ascii_case(wanted)
                    || c.primary_domain.eq_ignore_ascii_case(wanted)
            });
            match found {
                Some(c) => return Some(c),
                None => format!(
                    "tenant {wanted} is not a customer of this workspace (give a customer's tenant \
                     ID or primary domain)"
                ),
            }
        }
        _ => "usage reports do not name their tenant: say which customer they belong to (its \
              tenant ID or primary domain)"
            .to_owned(),
    };
    if has_usage {
        for file in read.iter_mut().filter(|f| is_usage_report(f)) {
            file.report.error(None, None, problem.clone());
        }
    }
    None
}

/// Whether two company names are the same company (`CONTOSO` and `Contoso Ltd`).
fn same_company(a: &str, b: &str) -> bool {
    let (a, b) = (normalise_header(a), normalise_header(b));
    !a.is_empty() && !b.is_empty() && (a == b || a.starts_with(&b) || b.starts_with(&a))
}

/// A report whose Teams tenant name or user domains are another customer's is refused.
fn check_usage_is_the_tenants(
    read: &mut [ReadFile],
    known: &[CustomerIdentity],
    tenant: &CustomerIdentity,
) {
    for file in read.iter_mut() {
        let FileContent::UsageReport(report) = &file.content else {
            continue;
        };
        for name in &report.tenant_display_names {
            if same_company(name, &tenant.name) {
                continue;
            }
            match known
                .iter()
                .find(|c| c.tenant_id != tenant.tenant_id && same_company(name, &c.name))
            {
                Some(other) => file.report.error(
                    None,
                    Some("Tenant Display Name"),
                    format!(
                        "the report is from {name} ({}), another customer than the chosen \
                         tenant {} ({})",
                        other.tenant_id, tenant.name, tenant.tenant_id
                    ),
                ),
                None => file.report.warning(
                    None,
                    Some("Tenant Display Name"),
                    format!(
                        "the report names the tenant {name}, not {}: check that it is this \
                         customer's report",
                        tenant.name
                    ),
                ),
            }
        }
        // Visible user names: the domain most users are in.
        let mut domains: BTreeMap<String, usize> = BTreeMap::new();
        for user in &report.users {
            let upn = &user.user_principal_name;
            if is_concealed_name(upn) {
                continue;
            }
            if let Some((_, domain)) = upn.rsplit_once('@') {
                *domains.entry(domain.to_lowercase()).or_default() += 1;
            }
        }
        let visible: usize = domains.values().sum();
        if let Some((domain, n)) = domains.iter().max_by_key(|(_, n)| **n) {
            let own = domain.eq_ignore_ascii_case(&tenant.primary_domain);
            let other = known.iter().find(|c| {
                c.tenant_id != tenant.tenant_id && c.primary_domain.eq_ignore_ascii_case(domain)
            });
            if let (false, Some(other), true) = (own, other, n * 2 > visible) {
                let line = report
                    .users
                    .iter()
                    .find(|u| {
                        u.user_principal_name
                            .to_lowercase()
                            .ends_with(&format!("@{domain}"))
                    })
                    .map(|u| u.line);
                file.report.error(
                    line,
                    None,
                    format!(
                        "{n} of {visible} users are in {domain}, the domain of {} ({}), not of the \
                         chosen tenant {} ({})",
                        other.name, other.tenant_id, tenant.name, tenant.primary_domain
                    ),
                );
            }
        }
    }
}

/// Matches opportunity rows to customers: `Customer ID` = tenant ID, else `TPID`.
fn match_opportunities(
    report: &mut partner_advisor_formats::ImportReport,
    rows: &[partner_advisor_formats::LighthouseOpportunity],
    known: &[CustomerIdentity],
) -> Vec<ImportedOpportunity> {
    let mut unmatched: Vec<String> = Vec::new();
    let out = rows
        .iter()
        .map(|row| {
            let by_id = row.customer_id.as_deref().and_then(|id| {
                known
                    .iter()
                    .find(|c| c.tenant_id.eq_ignore_ascii_case(id.trim()))
            });
            let by_tpid = || {
                row.tpid.as_deref().and_then(|tpid| {
                    known
                        .iter()
                        .find(|c| c.tpid.as_deref().is_some_and(|t| t.trim() == tpid.trim()))
                })
            };
            let tenant = by_id.or_else(by_tpid).map(|c| c.tenant_id.clone());
            if tenant.is_none() {
                unmatched.push(format!("line {} ({})", row.line, row.customer_name));
            }
            ImportedOpportunity {
                line: row.line,
                tenant_id: tenant,
                customer_id: row.customer_id.clone(),
                tpid: row.tpid.clone(),
                customer_name: row.customer_name.clone(),
                opportunity_type: row.opportunity_type.clone(),
                insight: row.insight.clone(),
                actions: row.actions.clone(),
                resources: row.resources.clone(),
                propensity: row.propensity.clone(),
                product: row.product.clone(),
                seats: row.seats,
                date_added: row.date_added,
                link: row.link.clone(),
            }
        })
        .collect();
    if !unmatched.is_empty() {
        let shown: Vec<&str> = unmatched.iter().take(20).map(String::as_str).collect();
        report.note(format!(
            "{} rows match no customer by Customer ID or TPID (kept, unmatched): {}{}",
            unmatched.len(),
            shown.join("; "),
            if unmatched.len() > 20 { "; …" } else { "" }
        ));
    }
    out
}

/// Notes months missing between the tenant's stored usage and the imported months, and months
/// the import replaces.
async fn note_months(
    workspace: &Workspace,
    tenant_id: &str,
    usage: &TenantUsage,
    summary: &mut ImportSummary,
) -> Result<()> {
    let stored: BTreeSet<NaiveDate> = usage::history_of_customer(workspace.pool(), tenant_id)
        .await?
        .into_iter()
        .map(|u| u.month)
        .collect();
    let imported: BTreeSet<NaiveDate> = usage.covered_months.iter().copied().collect();
    summary.months = imported.iter().copied().collect();
    let all: BTreeSet<NaiveDate> = stored.union(&imported).copied().collect();
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return Ok(());
    };
    let mut missing = Vec::new();
    let mut month = *first;
    while month < *last {
        if !all.contains(&month) {
            missing.push(month.format("%Y-%m").to_string());
        }
        month = month
            .with_day(1)
            .and_then(|m| m.checked_add_months(Months::new(1)))
            .unwrap_or(*last);
    }
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(24).map(String::as_str).collect();
        summary.notes.push(format!(
            "{} months without usage for this tenant, neither stored nor imported: {}{}; they stay \
             missing",
            missing.len(),
            shown.join(", "),
            if missing.len() > 24 { ", …" } else { "" }
        ));
    }
    let replaced: Vec<String> = imported
        .intersection(&stored)
        .map(|m| m.format("%Y-%m").to_string())
        .collect();
    if !replaced.is_empty() {
        summary.notes.push(format!(
            "months already held for this tenant, now given by the imported reports: {}",
            replaced.join(", ")
        ));
    }
    Ok(())
}
