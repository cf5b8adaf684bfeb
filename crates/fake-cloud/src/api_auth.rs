//! Bearer tokens on API calls: refused as each API refuses them (401 with `WWW-Authenticate`),
//! in that API's error shape.

use crate::http::{Incoming, Reply};
use crate::state::Shared;
use crate::tokens::{bearer, Audience, Refusal};

/// The tenant of the request's valid token for `audience`, or the 401 to answer.
pub(crate) fn authenticate(
    shared: &Shared,
    request: &Incoming,
    audience: Audience,
) -> Result<String, Reply> {
    let token = bearer(request.header("Authorization"));
    let refusal = match shared.tokens().check(token, audience) {
        Ok(tenant) => return Ok(tenant),
        Err(refusal) => refusal,
    };
    let (challenge, message) = match refusal {
        Refusal::Missing => (
            "Bearer".to_owned(),
            "No access token was sent: an Authorization: Bearer header is required",
        ),
        Refusal::Expired => (
            r#"Bearer error="invalid_token", error_description="The access token expired""#
                .to_owned(),
            "The access token expired",
        ),
        Refusal::Unknown => (
            r#"Bearer error="invalid_token", error_description="The access token is invalid""#
                .to_owned(),
            "The access token is invalid",
        ),
        Refusal::WrongAudience => (
            r#"Bearer error="invalid_token", error_description="The audience is invalid""#
                .to_owned(),
            "The access token was issued for another API (invalid audience)",
        ),
    };
    let reply = match audience {
        Audience::PartnerCenter => Reply::partner_error(401, "Unauthorized", message),
        Audience::Graph => Reply::graph_error(401, "InvalidAuthenticationToken", message),
    };
    Err(reply.with_header("WWW-Authenticate", challenge))
}
