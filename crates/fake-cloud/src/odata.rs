//! The OData subset the Referrals API list call takes: `$filter` clauses joined by `and`
//! (`updatedDateTime ge 2026-11-01T00:00:00Z`, `status eq 'New'`, …) and `$orderby` on a date.
//! Values may be quoted or not, and a date-time may have lost its `+` to form decoding, as
//! lenient as OData servers are.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Ge,
    Gt,
    Le,
    Lt,
}

impl Op {
    fn parse(word: &str) -> Option<Self> {
        Some(match word.to_ascii_lowercase().as_str() {
            "eq" => Op::Eq,
            "ne" => Op::Ne,
            "ge" => Op::Ge,
            "gt" => Op::Gt,
            "le" => Op::Le,
            "lt" => Op::Lt,
            _ => return None,
        })
    }

    /// Whether `ordering` (the item compared with the value) satisfies the comparison.
    pub fn holds(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Op::Eq => ordering == Equal,
            Op::Ne => ordering != Equal,
            Op::Ge => ordering != Less,
            Op::Gt => ordering == Greater,
            Op::Le => ordering != Greater,
            Op::Lt => ordering == Less,
        }
    }
}

/// A date property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeField {
    /// `updatedDateTime`.
    Updated,
    /// `createdDateTime`.
    Created,
}

/// A text property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextField {
    /// `status`.
    Status,
    /// `substatus`.
    Substatus,
    /// `engagementId`.
    EngagementId,
    /// `id`.
    Id,
}

/// One clause of a `$filter`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Clause {
    /// A date compared with an instant.
    Time(TimeField, Op, DateTime<Utc>),
    /// Text equal (or not) to a value, without case.
    Text(TextField, bool, String),
}

/// A `$filter`: every clause must hold.
pub(crate) type Filter = Vec<Clause>;

/// The sort of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OrderBy {
    /// By which date.
    pub field: TimeField,
    /// Newest first.
    pub descending: bool,
}

impl Default for OrderBy {
    fn default() -> Self {
        Self {
            field: TimeField::Updated,
            descending: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Quoted(String),
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() || c == '(' || c == ')' {
            // Parentheses only group here (clauses are joined by `and` alone), so they can go.
            chars.next();
        } else if c == '\'' {
            chars.next();
            let mut value = String::new();
            loop {
                match chars.next() {
                    Some('\'') if chars.peek() == Some(&'\'') => {
                        chars.next();
                        value.push('\'');
                    }
                    Some('\'') => break,
                    Some(c) => value.push(c),
                    None => return Err(format!("an unclosed quote in '{text}'")),
                }
            }
            out.push(Token::Quoted(value));
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '\'' || c == '(' || c == ')' {
                    break;
                }
                word.push(c);
                chars.next();
            }
            out.push(Token::Word(word));
        }
    }
    Ok(out)
}

/// Parses a `$filter`.
pub(crate) fn parse_filter(text: &str) -> Result<Filter, String> {
    let tokens = tokens(text)?;
    let mut clauses = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !clauses.is_empty() {
            match &tokens[i] {
                Token::Word(w) if w.eq_ignore_ascii_case("and") => i += 1,
                Token::Word(w) if w.eq_ignore_ascii_case("or") => {
                    return Err("'or' is not supported in $filter: join clauses with 'and'".into())
                }
                other => return Err(format!("expected 'and' in $filter, found {other:?}")),
            }
        }
        let Some(Token::Word(field)) = tokens.get(i) else {
            return Err(format!("expected a property name in $filter '{text}'"));
        };
        let Some(Token::Word(op)) = tokens.get(i + 1) else {
            return Err(format!("expected an operator after '{field}' in $filter"));
        };
        let op = Op::parse(op).ok_or_else(|| format!("'{op}' is not an OData operator"))?;
        i += 2;
        // `datetime'…'` (OData v3) is the quoted value that follows.
        if let Some(Token::Word(w)) = tokens.get(i) {
            if w.eq_ignore_ascii_case("datetime") || w.eq_ignore_ascii_case("datetimeoffset") {
                i += 1;
            }
        }
        let value = match tokens.get(i) {
            Some(Token::Word(w) | Token::Quoted(w)) => w.clone(),
            None => return Err(format!("expected a value after '{field}' in $filter")),
        };
        i += 1;
        clauses.push(clause(field, op, &value)?);
    }
    Ok(clauses)
}

fn clause(field: &str, op: Op, value: &str) -> Result<Clause, String> {
    let time = match field.to_ascii_lowercase().as_str() {
        "updateddatetime" => Some(TimeField::Updated),
        "createddatetime" => Some(TimeField::Created),
        _ => None,
    };
    if let Some(time) = time {
        let at = parse_instant(value)
            .ok_or_else(|| format!("'{value}' is not an ISO 8601 date-time in $filter"))?;
        return Ok(Clause::Time(time, op, at));
    }
    let text = match field.to_ascii_lowercase().as_str() {
        "status" => TextField::Status,
        "substatus" => TextField::Substatus,
        "engagementid" => TextField::EngagementId,
        "id" => TextField::Id,
        _ => {
            return Err(format!(
                "'{field}' cannot be filtered on (updatedDateTime, createdDateTime, status, \
                 substatus, engagementId, id can)"
            ))
        }
    };
    let equal = match op {
        Op::Eq => true,
        Op::Ne => false,
        _ => return Err(format!("'{field}' can only be compared with eq or ne")),
    };
    Ok(Clause::Text(text, equal, value.to_owned()))
}

/// An instant: RFC 3339, a date-time without offset (UTC), or a date (its midnight, UTC).
pub(crate) fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    // `…T00:00:00 01:00`: a `+` that form decoding turned into a space.
    let t = match t.rfind(' ') {
        Some(i) if i > 10 => format!("{}+{}", &t[..i], &t[i + 1..]),
        _ => t.to_owned(),
    };
    if let Ok(at) = DateTime::parse_from_rfc3339(&t) {
        return Some(at.with_timezone(&Utc));
    }
    for form in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(&t, form) {
            return Some(at.and_utc());
        }
    }
    NaiveDate::parse_from_str(&t, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

/// Parses a `$orderby` (`createdDateTime desc`, `updatedDateTime asc`, `updatedDateTime`).
pub(crate) fn parse_orderby(text: &str) -> Result<OrderBy, String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let field = match words.first().map(|w| w.to_ascii_lowercase()) {
        Some(w) if w == "updateddatetime" => TimeField::Updated,
        Some(w) if w == "createddatetime" => TimeField::Created,
        _ => {
            return Err(format!(
                "'{text}' cannot be sorted on (updatedDateTime or createdDateTime, asc or desc)"
            ))
        }
    };
    let descending = match words.get(1).map(|w| w.to_ascii_lowercase()) {
        None => false,
        Some(w) if w == "asc" => false,
        Some(w) if w == "desc" => true,
        Some(w) => return Err(format!("'{w}' is not asc or desc in $orderby")),
    };
    if words.len() > 2 {
        return Err(format!(
            "only one sort key is supported in $orderby '{text}'"
        ));
    }
    Ok(OrderBy { field, descending })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters() {
        let f = parse_filter(
            "updatedDateTime ge 2026-11-01T00:00:00Z and status eq 'New' and (substatus eq Received)",
        )
        .unwrap();
        assert_eq!(f.len(), 3);
        assert_eq!(
            f[0],
            Clause::Time(
                TimeField::Updated,
                Op::Ge,
                parse_instant("2026-11-01T00:00:00Z").unwrap()
            )
        );
        assert_eq!(f[1], Clause::Text(TextField::Status, true, "New".into()));
        assert_eq!(
            f[2],
            Clause::Text(TextField::Substatus, true, "Received".into())
        );
        let quoted = parse_filter("updatedDateTime gt '2026-11-01T01:00:00 01:00'").unwrap();
        assert_eq!(
            quoted[0],
            Clause::Time(
                TimeField::Updated,
                Op::Gt,
                parse_instant("2026-11-01T00:00:00Z").unwrap()
            )
        );
        assert!(parse_filter("engagementId eq 'it''s'").is_ok());
        assert!(parse_filter("updatedDateTime ge datetime'2026-11-01'").is_ok());
        assert!(parse_filter("status ge 'New'").is_err());
        assert!(parse_filter("colour eq 'red'").is_err());
        assert!(parse_filter("updatedDateTime ge yesterday").is_err());
        assert!(parse_filter("status eq 'New' or status eq 'Active'").is_err());
        assert!(parse_filter("status eq").is_err());
    }

    #[test]
    fn orderings() {
        assert_eq!(
            parse_orderby("createdDateTime desc"),
            Ok(OrderBy {
                field: TimeField::Created,
                descending: true
            })
        );
        assert_eq!(parse_orderby("updatedDateTime"), Ok(OrderBy::default()));
        assert!(parse_orderby("name asc").is_err());
    }
}
