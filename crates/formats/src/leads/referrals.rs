//! Referrals API list responses (FORMATS.md §2.3): a page `{"value": [referral…],
//! "@odata.nextLink": "…", "totalCount": n}`, a bare array of referrals, or one referral object.
//!
//! Keys are matched without case (`id`, `Id`, `ETag`, `eTag` all read), as the docs' sample
//! writes camelCase and the property table PascalCase. Mapped: `id` (mandatory), `engagementId`,
//! `name` (deal name), `externalReferenceId` (CRM ID), `createdDateTime`, `updatedDateTime`,
//! `expirationDateTime`, `status`, `substatus`, `qualification` (`Direct` is a customer inquiry,
//! `None` none), `type` (a lead type only when it is `Profile` or `Offer`: the API's `Shared` and
//! `Independent` say who the referral is shared with, not where it came from), `customerProfile`
//! {`name`, `address`{`city`, `country`}, `size` (company size), `team[0]` (the contact),
//! `team[1..]` (more contacts)}, `details`{`notes`, `dealValue`, `currency`, `closingDateTime`
//! (estimated close), `requirements.industries[0].id` (industry)}, `team` (the partner's members,
//! as "First Last" or their e-mail), `statusReason`, `callToAction`, `referralSource` (AppSource,
//! Azure Marketplace, Azure portal; other values are a warning and no source) and `eTag`
//! (`@odata.etag` too). Other keys are ignored without a note: the API has many (consent,
//! targets, invite context, links) the app does not keep.
//!
//! Lines: a record's line is the line of the item's opening `{`, found by scanning the text
//! after it parsed; problems name the item's path (`value[3].status`, 0-based as in JSON paths),
//! so they stay unambiguous in minified JSON where every item is on line 1. Malformed JSON is a
//! [`FormatError::Json`] with serde_json's line and the column in characters.

use std::collections::BTreeMap;

use partner_advisor_domain::{
    CallToAction, DealDetails, LeadClassification, LeadContact, LeadSource, LeadType,
};
use serde_json::{Map, Value};

use super::dates::{OrderEvidence, SlashOrder};
use super::fields::Row;
use super::{lead_file, shown, Ids, LeadFile, LeadFileFormat, LeadRecord};
use crate::detect::FileKind;
use crate::encoding::{decode, Encoding};
use crate::reader::{line_of, line_starts};
use crate::report::ImportReport;
use crate::{FormatError, Result};

/// The date keys, as paths inside an item.
const DATE_KEYS: [&str; 4] = [
    "createdDateTime",
    "updatedDateTime",
    "expirationDateTime",
    "details.closingDateTime",
];

/// Reads a Referrals API response (see the module documentation).
pub fn read_referrals_json(bytes: &[u8]) -> Result<LeadFile> {
    let (text, encoding) = decode(bytes)?;
    read_json_text("", &text, encoding)
}

/// Reads decoded JSON, naming the file in the report.
pub(crate) fn read_json_text(file: &str, text: &str, encoding: Encoding) -> Result<LeadFile> {
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    let root: Value = serde_json::from_str(text).map_err(|e| json_error(text, &e))?;
    let mut report = ImportReport::new(file, FileKind::ReferralsApi);
    report.encoding = Some(encoding);
    let (mut next_link, mut total_count) = (None, None);
    let (items, shape): (&[Value], Shape) = match &root {
        Value::Array(items) => (items, Shape::Array),
        Value::Object(page) => match key(page, "value") {
            Some(Value::Array(items)) => {
                next_link = key(page, "@odata.nextLink")
                    .or_else(|| key(page, "nextLink"))
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                total_count = key(page, "totalCount").and_then(Value::as_u64);
                (items, Shape::Page)
            }
            Some(_) => {
                report.error(Some(1), Some("value"), "'value' is not a list of referrals");
                return Ok(lead_file(
                    LeadFileFormat::ReferralsApiJson,
                    report,
                    Vec::new(),
                ));
            }
            None if key(page, "id").is_some() => (std::slice::from_ref(&root), Shape::Single),
            None => {
                report.error(
                    Some(1),
                    None,
                    "not a Referrals API response: expected {\"value\": [referrals…]}, a list of \
                     referrals or one referral",
                );
                return Ok(lead_file(
                    LeadFileFormat::ReferralsApiJson,
                    report,
                    Vec::new(),
                ));
            }
        },
        _ => {
            report.error(
                Some(1),
                None,
                "not a Referrals API response: expected an object or a list",
            );
            return Ok(lead_file(
                LeadFileFormat::ReferralsApiJson,
                report,
                Vec::new(),
            ));
        }
    };
    let starts = line_starts(text);
    let offsets = match shape {
        Shape::Single => first_object(text).into_iter().collect(),
        Shape::Page | Shape::Array => item_offsets(text),
    };
    let lines: Vec<u64> = if offsets.len() == items.len() {
        offsets.iter().map(|&o| line_of(&starts, o)).collect()
    } else {
        (1..=items.len() as u64).collect()
    };
    let line = |i: usize| lines[i];
    let path = |i: usize| match shape {
        Shape::Page => format!("value[{i}]"),
        Shape::Array => format!("[{i}]"),
        Shape::Single => String::new(),
    };
    report.rows_read = items.len() as u64;

    let mut evidence: BTreeMap<&str, OrderEvidence> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        for k in DATE_KEYS {
            if let Some(v) = item
                .as_object()
                .and_then(|o| at(o, k))
                .and_then(Value::as_str)
            {
                evidence.entry(k).or_default().see(line(i), v);
            }
        }
    }
    let orders: BTreeMap<&str, SlashOrder> = evidence
        .iter()
        .map(|(k, e)| (*k, e.resolve(k, &mut report)))
        .collect();
    let order = |k: &str| orders.get(k).copied().unwrap_or_default();

    let mut ids = Ids::default();
    let mut records = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let here = path(i);
        let col = |k: &str| {
            if here.is_empty() {
                k.to_owned()
            } else {
                format!("{here}.{k}")
            }
        };
        let mut row = Row::new(&mut report, line(i));
        let Some(obj) = item.as_object() else {
            let place = if here.is_empty() { "the item" } else { &here };
            row.error(
                &here,
                format!("{place} is not a referral object (found {})", kind(item)),
            );
            continue;
        };
        let text_at = |row: &mut Row<'_>, k: &str| -> Option<String> {
            match at(obj, k) {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => {
                    Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned)
                }
                Some(v @ (Value::Number(_) | Value::Bool(_))) => Some(v.to_string()),
                Some(v) => {
                    row.error(&col(k), format!("expected text, found {}", kind(v)));
                    None
                }
            }
        };
        let Some(id) = text_at(&mut row, "id") else {
            row.error(&col("id"), "the referral has no id");
            continue;
        };
        ids.check(&mut row, &col("id"), &id, &here);

        let status_text = text_at(&mut row, "status");
        let (status, substatus_in_status) = row.status(&col("status"), status_text.as_deref());
        let substatus_text = text_at(&mut row, "substatus");
        let substatus = row
            .wire(&col("substatus"), substatus_text.as_deref())
            .or(substatus_in_status);
        row.check_pair(&col("substatus"), status, substatus);

        let lead_type = match text_at(&mut row, "type") {
            Some(t) if ["shared", "independent"].contains(&t.to_lowercase().as_str()) => None,
            t => row.wire::<LeadType>(&col("type"), t.as_deref()),
        };
        let classification = {
            let q = text_at(&mut row, "qualification");
            row.wire::<LeadClassification>(&col("qualification"), q.as_deref())
        };
        let source = {
            let s = text_at(&mut row, "referralSource");
            row.wire::<LeadSource>(&col("referralSource"), s.as_deref())
        };
        let call_to_action = {
            let c = text_at(&mut row, "callToAction");
            row.wire::<CallToAction>(&col("callToAction"), c.as_deref())
        };

        let dt = |row: &mut Row<'_>, k: &str| {
            let v = text_at(row, k);
            row.datetime(&col(k), v.as_deref(), order(k))
        };
        let created_at = dt(&mut row, "createdDateTime");
        let updated_at = dt(&mut row, "updatedDateTime");
        let expires_at = dt(&mut row, "expirationDateTime");
        let close = text_at(&mut row, "details.closingDateTime");
        let estimated_close = row.day(
            &col("details.closingDateTime"),
            close.as_deref(),
            order("details.closingDateTime"),
        );

        let deal_value = match at(obj, "details.dealValue") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => match n.as_f64() {
                Some(v) if v >= 0.0 => Some(v),
                _ => {
                    row.error(
                        &col("details.dealValue"),
                        format!("'{n}': a deal value cannot be negative"),
                    );
                    None
                }
            },
            Some(Value::String(s)) => {
                row.amount(&col("details.dealValue"), Some(s.as_str()), false)
            }
            Some(v) => {
                row.error(
                    &col("details.dealValue"),
                    format!("expected a number, found {}", kind(v)),
                );
                None
            }
        };
        let currency = {
            let c = text_at(&mut row, "details.currency");
            row.currency(&col("details.currency"), c.as_deref())
        };
        let country = {
            let c = text_at(&mut row, "customerProfile.address.country");
            row.country(&col("customerProfile.address.country"), c.as_deref())
        };

        let contacts: Vec<LeadContact> = list(obj, "customerProfile.team")
            .iter()
            .filter_map(Value::as_object)
            .map(member)
            .collect();
        let mut contacts = contacts.into_iter();
        let contact = contacts.next().unwrap_or_default();
        let team_members = list(obj, "team")
            .iter()
            .filter_map(Value::as_object)
            .map(member)
            .filter_map(|m| {
                let name = format!("{} {}", m.first_name, m.last_name)
                    .trim()
                    .to_owned();
                Some(if name.is_empty() { m.email } else { name }).filter(|n| !n.is_empty())
            })
            .collect();
        let industry = list(obj, "details.requirements.industries")
            .first()
            .and_then(|i| match i {
                Value::Object(o) => key(o, "id").and_then(Value::as_str),
                Value::String(s) => Some(s.as_str()),
                _ => None,
            })
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        let etag = text_at(&mut row, "eTag").or_else(|| {
            key(obj, "@odata.etag")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        });
        let empty = |s: String| Some(s).filter(|s| !s.is_empty());

        let lead = LeadRecord {
            line: row.line,
            id,
            engagement_id: text_at(&mut row, "engagementId"),
            lead_type,
            classification,
            source,
            call_to_action,
            offer_name: None,
            customer_name: text_at(&mut row, "customerProfile.name"),
            contact_first_name: empty(contact.first_name),
            contact_last_name: empty(contact.last_name),
            email: empty(contact.email),
            phone: empty(contact.phone),
            country,
            city: text_at(&mut row, "customerProfile.address.city"),
            industry,
            company_size: text_at(&mut row, "customerProfile.size"),
            quality: None,
            status,
            substatus,
            created_at,
            updated_at,
            expires_at,
            deal_value,
            currency,
            status_reason: {
                let r = text_at(&mut row, "statusReason");
                row.close_reason(&col("statusReason"), r.as_deref(), false)
            },
            deal: DealDetails {
                name: text_at(&mut row, "name"),
                estimated_close,
                team_members,
                notes: text_at(&mut row, "details.notes"),
                marketing_campaign_id: None,
                crm_id: text_at(&mut row, "externalReferenceId"),
                more_contacts: contacts.collect(),
            },
            email_validity: None,
            phone_validity: None,
            favourite: None,
            etag,
        };
        if !row.failed {
            records.push(lead);
        }
    }
    let mut out = lead_file(LeadFileFormat::ReferralsApiJson, report, records);
    out.next_link = next_link;
    out.total_count = total_count;
    Ok(out)
}

/// Where the referrals are in the response.
#[derive(Clone, Copy)]
enum Shape {
    /// `{"value": [...]}`: items named `value[i]`.
    Page,
    /// A bare array: items named `[i]`.
    Array,
    /// One referral object: keys named as they are.
    Single,
}

/// A key of an object, exact first, else without case.
fn key<'v>(obj: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    obj.get(name).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// A dotted path of keys (`customerProfile.address.city`).
fn at<'v>(obj: &'v Map<String, Value>, path: &str) -> Option<&'v Value> {
    let mut parts = path.split('.');
    let mut value = key(obj, parts.next()?)?;
    for part in parts {
        value = key(value.as_object()?, part)?;
    }
    Some(value)
}

/// An array at a path (empty when absent or not an array).
fn list<'v>(obj: &'v Map<String, Value>, path: &str) -> &'v [Value] {
    at(obj, path)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A `Member`: first and last name, e-mail, phone (`phoneNumber`).
fn member(obj: &Map<String, Value>) -> LeadContact {
    let text = |k: &str| {
        key(obj, k)
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let phone = text("phoneNumber");
    LeadContact {
        first_name: text("firstName"),
        last_name: text("lastName"),
        email: text("email"),
        phone: if phone.is_empty() {
            text("phone")
        } else {
            phone
        },
    }
}

/// What a JSON value is, for messages.
fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text '{}'", shown(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// serde_json's error with the column in characters and the message without its position.
/// serde_json puts a fault right after a line break (a line break inside a string, the end of
/// the text after one) at column 0 of the next line: that is column 1 here, columns being 1-based.
fn json_error(text: &str, e: &serde_json::Error) -> FormatError {
    let line = (e.line() as u64).max(1);
    let byte_column = e.column();
    let column = text
        .split_inclusive('\n')
        .nth(e.line().saturating_sub(1))
        .map_or(byte_column, |l| {
            let mut end = byte_column.min(l.len());
            while !l.is_char_boundary(end) {
                end -= 1;
            }
            l[..end].chars().count()
        })
        .max(1) as u64;
    let message = e.to_string();
    let reason = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    FormatError::Json {
        line,
        column,
        reason,
    }
}

/// Byte offsets where the items of the referral list start: the top-level array's elements, or
/// the elements of the top-level object's `value` array. The text is valid JSON (it parsed).
fn item_offsets(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let i = skip_ws(b, 0);
    match b.get(i) {
        Some(b'[') => elements(b, i),
        Some(b'{') => {
            let mut j = i + 1;
            loop {
                j = skip_ws(b, j);
                if b.get(j) != Some(&b'"') {
                    return Vec::new();
                }
                let end = skip_value(b, j);
                let name = &text[j + 1..end.saturating_sub(1).max(j + 1)];
                j = skip_ws(b, end);
                if b.get(j) != Some(&b':') {
                    return Vec::new();
                }
                j = skip_ws(b, j + 1);
                if name.eq_ignore_ascii_case("value") && b.get(j) == Some(&b'[') {
                    return elements(b, j);
                }
                j = skip_ws(b, skip_value(b, j));
                if b.get(j) == Some(&b',') {
                    j += 1;
                } else {
                    return Vec::new();
                }
            }
        }
        _ => Vec::new(),
    }
}

/// The offset of the first `{` (a single referral object).
fn first_object(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let i = skip_ws(b, 0);
    (b.get(i) == Some(&b'{')).then_some(i)
}

/// Start offsets of the elements of the array opening at `open`.
fn elements(b: &[u8], open: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = skip_ws(b, open + 1);
    if b.get(j) == Some(&b']') {
        return out;
    }
    while j < b.len() {
        out.push(j);
        j = skip_ws(b, skip_value(b, j));
        if b.get(j) == Some(&b',') {
            j = skip_ws(b, j + 1);
        } else {
            break;
        }
    }
    out
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        i += 1;
    }
    i
}

/// The offset just past the value starting at `i`.
fn skip_value(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => {
            let mut j = i + 1;
            while let Some(&c) = b.get(j) {
                match c {
                    b'\\' => j += 2,
                    b'"' => return j + 1,
                    _ => j += 1,
                }
            }
            j
        }
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while let Some(&c) = b.get(j) {
                match c {
                    b'"' => {
                        j = skip_value(b, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            j
        }
        _ => {
            let mut j = i;
            while let Some(&c) = b.get(j) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n') {
                    break;
                }
                j += 1;
            }
            j
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_items_and_their_lines() {
        let text = "{\n \"@odata.count\": 2, \"Value\": [\n  {\"id\": \"a\", \"s\": \"x]}\\\"\"},\n  [1, {\"b\": 2}],\n  3\n ]\n}";
        let starts = line_starts(text);
        let lines: Vec<u64> = item_offsets(text)
            .into_iter()
            .map(|o| line_of(&starts, o))
            .collect();
        assert_eq!(lines, [3, 4, 5]);
        assert_eq!(item_offsets("[]"), Vec::<usize>::new());
        assert_eq!(item_offsets(" [ {} , {} ]"), [3, 8]);
    }

    #[test]
    fn malformed_json_has_a_line_and_a_character_column() {
        let err = read_referrals_json("{\"value\": [\n  {\"id\": \"żółw\" \"x\"}\n]}".as_bytes())
            .unwrap_err();
        let FormatError::Json {
            line,
            column,
            reason,
        } = err
        else {
            panic!("{err}");
        };
        assert_eq!((line, column), (2, 17));
        assert_eq!(reason, "expected `,` or `}`");
    }
}
