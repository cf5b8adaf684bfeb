//! Partner Center's Referrals API (FORMATS.md §2.3): the list with OData filters and paging,
//! one referral by ID, and the update (PUT of the whole referral, guarded by its ETag).

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use partner_advisor_domain::Lead;
use partner_advisor_engine::jobs::{Progress, Step};
use partner_advisor_engine::sync::PulledReferrals;
use partner_advisor_formats::read_referrals_json;
use reqwest::StatusCode;
use serde_json::{json, Map, Value};

use crate::auth::{TokenSource, PARTNER_CENTER_SCOPE};
use crate::error::{Result, SyncError};
use crate::http::error_detail;

const SERVICE: &str = "Partner Center";
/// The most referrals one page may hold.
const PAGE_SIZE: u32 = 100;

/// Partner Center's referrals, for one sync.
pub struct Referrals<'a> {
    tokens: &'a TokenSource,
    base: String,
}

/// What an update did.
#[derive(Debug)]
pub enum PutOutcome {
    /// Partner Center took it; its copy now.
    Accepted(Value),
    /// The ETag no longer matches: someone changed the referral in Partner Center.
    Conflict,
    /// Partner Center refused the change, with its reason.
    Refused(String),
}

fn malformed(detail: impl Into<String>) -> SyncError {
    SyncError::Malformed {
        service: SERVICE,
        detail: detail.into(),
    }
}

fn key<'v>(item: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    item.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn updated_of(item: &Map<String, Value>) -> Option<DateTime<Utc>> {
    key(item, "updatedDateTime")
        .and_then(Value::as_str)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
}

impl<'a> Referrals<'a> {
    /// The API at `base` (Partner Center's base URL).
    pub fn new(tokens: &'a TokenSource, base: &str) -> Self {
        Referrals {
            tokens,
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    fn collection(&self) -> String {
        format!("{}/v1.0/engagements/referrals", self.base)
    }

    async fn get_page(&self, url: &str) -> Result<Value> {
        let tenant = self.tokens.partner_tenant().to_owned();
        // A page cut short in transit is fetched once more before the sync gives up on it.
        for attempt in 0..2 {
            let response = self
                .tokens
                .send(SERVICE, &tenant, PARTNER_CENTER_SCOPE, || {
                    self.tokens_http_get(url)
                })
                .await?;
            let status = response.status();
            if !status.is_success() {
                return Err(api_error(response).await);
            }
            let bytes = response
                .bytes()
                .await
                .map_err(|e| malformed(e.to_string()))?;
            match serde_json::from_slice::<Value>(&bytes) {
                Ok(v) => return Ok(v),
                Err(e) if attempt == 0 => {
                    tracing::warn!(error = %e, "malformed referrals page; fetching it again");
                }
                Err(e) => {
                    return Err(malformed(format!(
                        "a page of referrals is not valid JSON (line {}, column {}: {})",
                        e.line(),
                        e.column(),
                        e
                    )))
                }
            }
        }
        unreachable!("the loop returns on its second pass")
    }

    fn tokens_http_get(&self, url: &str) -> reqwest::RequestBuilder {
        self.tokens
            .http()
            .client()
            .get(url)
            .header("Accept", "application/json")
    }

    /// Every referral changed since `since` (all of them when `None`), following
    /// `@odata.nextLink` to the last page.
    pub async fn changed_since(
        &self,
        since: Option<DateTime<Utc>>,
        progress: &dyn Progress,
    ) -> Result<PulledReferrals> {
        let mut url = url::Url::parse(&self.collection())
            .map_err(|e| malformed(format!("the Partner Center URL is not valid: {e}")))?;
        {
            let mut q = url.query_pairs_mut();
            if let Some(t) = since {
                q.append_pair(
                    "$filter",
                    &format!(
                        "updatedDateTime ge {}",
                        t.to_rfc3339_opts(SecondsFormat::Secs, true)
                    ),
                );
            }
            q.append_pair("$orderby", "updatedDateTime asc");
            q.append_pair("$top", &PAGE_SIZE.to_string());
        }
        let mut next = Some(url.to_string());
        let mut items: HashMap<String, Map<String, Value>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut pages = 0u64;
        let mut expected_pages = 1u64;
        while let Some(page_url) = next.take() {
            self.tokens.http().check_cancel()?;
            self.check_same_service(&page_url)?;
            let page = self.get_page(&page_url).await?;
            pages += 1;
            let Value::Object(page) = page else {
                return Err(malformed("a page of referrals is not a JSON object"));
            };
            let values = match key(&page, "value") {
                Some(Value::Array(v)) => v,
                _ => return Err(malformed("a page of referrals has no 'value' list")),
            };
            if let Some(total) = key(&page, "totalCount").and_then(Value::as_u64) {
                expected_pages = total.div_ceil(u64::from(PAGE_SIZE)).max(pages);
            }
            for (i, item) in values.iter().enumerate() {
                let Value::Object(item) = item else {
                    return Err(malformed(format!(
                        "item {i} of page {pages} is not an object"
                    )));
                };
                let Some(id) = key(item, "id").and_then(Value::as_str).map(str::to_owned) else {
                    return Err(malformed(format!("item {i} of page {pages} has no id")));
                };
                match items.get(&id) {
                    Some(seen) if updated_of(seen) > updated_of(item) => {}
                    Some(_) => {
                        items.insert(id, item.clone());
                    }
                    None => {
                        order.push(id.clone());
                        items.insert(id, item.clone());
                    }
                }
            }
            next = key(&page, "@odata.nextLink")
                .or_else(|| key(&page, "nextLink"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            progress.report(Step {
                stage: "sync.referrals",
                done: pages,
                total: expected_pages.max(pages + u64::from(next.is_some())),
            });
        }
        let ordered: Vec<Value> = order
            .iter()
            .filter_map(|id| items.remove(id).map(|m| (id, m)))
            .map(|(_, m)| Value::Object(m))
            .collect();
        let watermark = ordered
            .iter()
            .filter_map(|v| v.as_object().and_then(updated_of))
            .max();
        let raw: HashMap<String, String> = ordered
            .iter()
            .filter_map(|v| {
                let id = v
                    .as_object()
                    .and_then(|o| key(o, "id"))?
                    .as_str()?
                    .to_owned();
                Some((id, v.to_string()))
            })
            .collect();
        let text = serde_json::to_vec(&Value::Array(ordered))
            .map_err(|e| malformed(format!("referrals: {e}")))?;
        let file = read_referrals_json(&text).map_err(|e| malformed(e.to_string()))?;
        let mut report = file.report;
        report.file = "Partner Center referrals".into();
        Ok(PulledReferrals {
            report,
            records: file.records,
            raw,
            watermark,
        })
    }

    /// A `@odata.nextLink` must stay on the configured Partner Center host: the bearer token
    /// goes with it.
    fn check_same_service(&self, url: &str) -> Result<()> {
        let origin = |u: &str| {
            url::Url::parse(u).ok().map(|u| {
                (
                    u.scheme().to_owned(),
                    u.host_str().map(str::to_owned),
                    u.port_or_known_default(),
                )
            })
        };
        if origin(url).is_some() && origin(url) == origin(&self.base) {
            Ok(())
        } else {
            Err(malformed(
                "a page of referrals points to its next page on another host; the sync stopped there",
            ))
        }
    }

    /// One referral, with its ETag.
    pub async fn get(&self, id: &str) -> Result<Option<Value>> {
        let url = format!("{}/{}", self.collection(), path_segment(id));
        let tenant = self.tokens.partner_tenant().to_owned();
        let response = self
            .tokens
            .send(SERVICE, &tenant, PARTNER_CENTER_SCOPE, || {
                self.tokens_http_get(&url)
            })
            .await?;
        if response.status() == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !response.status().is_success() {
            return Err(api_error(response).await);
        }
        let header_etag = response
            .headers()
            .get(reqwest::header::ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut value: Value = response
            .json()
            .await
            .map_err(|e| malformed(format!("referral {id}: {e}")))?;
        if let (Some(etag), Some(obj)) = (header_etag, value.as_object_mut()) {
            if key(obj, "eTag").is_none() {
                obj.insert("eTag".into(), Value::String(etag));
            }
        }
        Ok(Some(value))
    }

    /// Sends `body` (the whole referral) over Partner Center's copy whose ETag is `etag`.
    pub async fn put(&self, id: &str, body: &Value, etag: &str) -> Result<PutOutcome> {
        let url = format!("{}/{}", self.collection(), path_segment(id));
        let tenant = self.tokens.partner_tenant().to_owned();
        let response = self
            .tokens
            .send(SERVICE, &tenant, PARTNER_CENTER_SCOPE, || {
                self.tokens
                    .http()
                    .client()
                    .put(&url)
                    .header("If-Match", etag)
                    .header("Accept", "application/json")
                    .json(body)
            })
            .await?;
        match response.status() {
            s if s.is_success() => {
                let value = response
                    .json()
                    .await
                    .map_err(|e| malformed(format!("the answer to updating {id}: {e}")))?;
                Ok(PutOutcome::Accepted(value))
            }
            StatusCode::PRECONDITION_FAILED | StatusCode::CONFLICT => Ok(PutOutcome::Conflict),
            StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY | StatusCode::NOT_FOUND => {
                let status = response.status().as_u16();
                let detail = error_detail(response).await;
                let reason = detail.trim_start_matches(": ").to_owned();
                Ok(PutOutcome::Refused(if reason.is_empty() {
                    format!("HTTP {status}")
                } else {
                    reason
                }))
            }
            _ => Err(api_error(response).await),
        }
    }
}

fn path_segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

/// A non-success answer as a sync error.
pub(crate) async fn api_error(response: reqwest::Response) -> SyncError {
    let status = response.status().as_u16();
    let detail = error_detail(response).await;
    match status {
        403 => SyncError::MissingPermission {
            what: format!("Partner Center refused access to referrals{detail} (the app registration needs the Partner Center API permission and a role with access to referrals)"),
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

/// The ETag of a referral's JSON.
pub fn etag_of(value: &Value) -> Option<String> {
    let obj = value.as_object()?;
    key(obj, "eTag")
        .or_else(|| key(obj, "@odata.etag"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// When a referral's JSON says it last changed.
pub fn updated_at_of(value: &Value) -> Option<DateTime<Utc>> {
    value.as_object().and_then(updated_of)
}

/// Sets `name` in `obj`, replacing a key that differs only in case (the API is read with either).
fn set(obj: &mut Map<String, Value>, name: &str, value: Value) {
    let existing = obj
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_owned());
    obj.insert(existing, value);
}

fn child<'v>(obj: &'v mut Map<String, Value>, name: &str) -> &'v mut Map<String, Value> {
    let existing = obj
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_owned());
    let slot = obj.entry(existing).or_insert_with(|| json!({}));
    if !slot.is_object() {
        *slot = json!({});
    }
    slot.as_object_mut().expect("made an object above")
}

/// Partner Center's copy `remote` with the partner's changes of `lead` laid over it: status,
/// substatus and reason, the deal (name, value, currency, close date, notes, CRM ID, team) and
/// the customer details the app edits (industry, size). Everything else is Partner Center's, so
/// fields the app does not keep (consent, targets, invite context) go back untouched.
pub fn update_body(remote: &Value, lead: &Lead) -> Value {
    let mut body = remote.clone();
    let Some(obj) = body.as_object_mut() else {
        return body;
    };
    obj.retain(|k, _| !k.eq_ignore_ascii_case("links"));
    set(obj, "status", json!(lead.status().as_str()));
    set(obj, "substatus", json!(lead.substatus.as_str()));
    if let Some(reason) = &lead.status_reason {
        set(obj, "statusReason", json!(reason));
    }
    if let Some(name) = &lead.deal.name {
        set(obj, "name", json!(name));
    }
    if let Some(crm) = &lead.deal.crm_id {
        set(obj, "externalReferenceId", json!(crm));
    }
    if let Some(etag) = &lead.etag {
        set(obj, "eTag", json!(etag));
    }
    if !lead.deal.team_members.is_empty() {
        let team: Vec<Value> = lead.deal.team_members.iter().map(|m| member(m)).collect();
        set(obj, "team", Value::Array(team));
    }
    {
        let details = child(obj, "details");
        if let Some(v) = lead.deal_value {
            set(details, "dealValue", json!(v));
        }
        if let Some(c) = &lead.currency {
            set(details, "currency", json!(c));
        }
        if let Some(d) = lead.deal.estimated_close {
            set(details, "closingDateTime", json!(format!("{d}T00:00:00Z")));
        }
        if let Some(n) = &lead.deal.notes {
            set(details, "notes", json!(n));
        }
        if !lead.industry.trim().is_empty() {
            let requirements = child(details, "requirements");
            set(requirements, "industries", json!([{ "id": lead.industry }]));
        }
    }
    if !lead.company_size.trim().is_empty() {
        let profile = child(obj, "customerProfile");
        set(profile, "size", json!(lead.company_size));
    }
    body
}

/// A team member as the API's `Member`: an e-mail address, or a name split in two.
fn member(text: &str) -> Value {
    let t = text.trim();
    if t.contains('@') {
        return json!({ "email": t });
    }
    match t.split_once(' ') {
        Some((first, last)) => json!({ "firstName": first, "lastName": last.trim() }),
        None => json!({ "firstName": t }),
    }
}
