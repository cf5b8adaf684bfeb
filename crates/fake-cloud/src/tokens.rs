//! Access tokens: opaque strings that remember their tenant, their API and their expiry, so a
//! token for one API or an expired one is refused as Entra-protected APIs refuse them.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Which API a token is for (its `aud`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Audience {
    /// `https://api.partner.microsoft.com`.
    PartnerCenter,
    /// `https://graph.microsoft.com`.
    Graph,
}

/// What the server knows about a token it issued.
#[derive(Debug, Clone)]
struct Issued {
    tenant: String,
    audience: Audience,
    expires: Instant,
    serial: u64,
}

/// Why a bearer token is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// No `Authorization: Bearer …` header.
    Missing,
    /// Never issued here.
    Unknown,
    /// Past its lifetime, or expired by [`Tokens::expire_all`].
    Expired,
    /// Issued for the other API.
    WrongAudience,
}

/// The tokens issued so far.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    issued: HashMap<String, Issued>,
    next_serial: u64,
    /// Tokens with a smaller serial were expired by [`Tokens::expire_all`].
    valid_from: u64,
}

impl Tokens {
    /// Issues a token.
    pub fn issue(&mut self, tenant: &str, audience: Audience, lifetime: Duration) -> String {
        let token = format!("fake.{}", crate::ids::random_hex(32));
        let now = Instant::now();
        // Forget tokens long expired, so a long benchmark does not grow the map forever.
        if self.issued.len() > 10_000 {
            self.issued.retain(|_, t| t.expires > now);
        }
        self.issued.insert(
            token.clone(),
            Issued {
                tenant: tenant.to_owned(),
                audience,
                expires: now + lifetime,
                serial: self.next_serial,
            },
        );
        self.next_serial += 1;
        token
    }

    /// Expires every token issued so far.
    pub fn expire_all(&mut self) {
        self.valid_from = self.next_serial;
    }

    /// The tenant of a valid token for `audience`.
    pub fn check(&self, token: Option<&str>, audience: Audience) -> Result<String, Refusal> {
        let token = token.ok_or(Refusal::Missing)?;
        let issued = self.issued.get(token).ok_or(Refusal::Unknown)?;
        if issued.serial < self.valid_from || Instant::now() >= issued.expires {
            return Err(Refusal::Expired);
        }
        if issued.audience != audience {
            return Err(Refusal::WrongAudience);
        }
        Ok(issued.tenant.clone())
    }
}

/// The token of an `Authorization: Bearer <token>` header.
pub(crate) fn bearer(header: Option<&str>) -> Option<&str> {
    let (scheme, token) = header?.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_expire_and_know_their_audience() {
        let mut tokens = Tokens::default();
        let t = tokens.issue("t1", Audience::Graph, Duration::from_secs(60));
        assert_eq!(tokens.check(Some(&t), Audience::Graph), Ok("t1".into()));
        assert_eq!(
            tokens.check(Some(&t), Audience::PartnerCenter),
            Err(Refusal::WrongAudience)
        );
        assert_eq!(
            tokens.check(Some("nope"), Audience::Graph),
            Err(Refusal::Unknown)
        );
        tokens.expire_all();
        assert_eq!(
            tokens.check(Some(&t), Audience::Graph),
            Err(Refusal::Expired)
        );
        let fresh = tokens.issue("t1", Audience::Graph, Duration::from_secs(60));
        assert!(tokens.check(Some(&fresh), Audience::Graph).is_ok());
        assert_eq!(bearer(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer(Some("bearer  abc ")), Some("abc"));
        assert_eq!(bearer(Some("Basic abc")), None);
    }
}
