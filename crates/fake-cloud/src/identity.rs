//! The Microsoft identity platform's token endpoint, client credentials flow only:
//! `POST /{tenant}/oauth2/v2.0/token`, with Entra's error shapes and AADSTS codes, so the
//! client's handling of a wrong secret, an unknown app or a tenant without consent is tested
//! against what Entra really answers.

use chrono::Utc;
use serde_json::json;

use crate::config::{GRAPH_SCOPE, PARTNER_CENTER_SCOPE};
use crate::http::{parse_query, Incoming, Reply};
use crate::ids::{guid, is_domain, is_guid};
use crate::state::{lock, Shared};
use crate::tokens::Audience;

/// An Entra error: `{"error", "error_description": "AADSTS…: … Trace ID…", "error_codes", …}`.
fn entra_error(status: u16, error: &str, code: u32, description: &str) -> Reply {
    let mut rng = rand::thread_rng();
    let (trace, correlation) = (guid(&mut rng), guid(&mut rng));
    let timestamp = Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string();
    Reply::json(
        status,
        &json!({
            "error": error,
            "error_description": format!(
                "AADSTS{code}: {description} Trace ID: {trace} Correlation ID: {correlation} \
                 Timestamp: {timestamp}"
            ),
            "error_codes": [code],
            "timestamp": timestamp,
            "trace_id": trace,
            "correlation_id": correlation,
            "error_uri": format!("https://login.microsoftonline.com/error?code={code}"),
        }),
    )
}

/// Answers a token request for `tenant`.
pub(crate) fn token(shared: &Shared, tenant: &str, request: &Incoming) -> Reply {
    if request.method != "POST" {
        return entra_error(
            400,
            "invalid_request",
            900_561,
            "The endpoint only accepts POST requests. Received a GET request.",
        );
    }
    let config = &shared.config;
    let tenant = tenant.trim().to_ascii_lowercase();
    let is_partner = tenant.eq_ignore_ascii_case(&config.partner_tenant);
    let known = is_partner
        || config.unknown_tenants_ok
        || config
            .customer_tenants
            .iter()
            .any(|t| t.eq_ignore_ascii_case(&tenant));
    if !(is_guid(&tenant) || is_domain(&tenant)) || !known {
        return entra_error(
            400,
            "invalid_request",
            90_002,
            &format!(
                "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID \
                 and are signing into the correct cloud."
            ),
        );
    }
    let form = parse_query(&String::from_utf8_lossy(&request.body));
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let missing = |name: &str| {
        entra_error(
            400,
            "invalid_request",
            900_144,
            &format!("The request body must contain the following parameter: '{name}'."),
        )
    };
    match field("grant_type") {
        None => return missing("grant_type"),
        Some("client_credentials") => {}
        Some(other) => {
            return entra_error(
                400,
                "unsupported_grant_type",
                70_003,
                &format!("The app requested an unsupported grant type '{other}'."),
            )
        }
    }
    let Some(client_id) = field("client_id") else {
        return missing("client_id");
    };
    if !client_id.eq_ignore_ascii_case(&config.client_id) {
        return entra_error(
            400,
            "unauthorized_client",
            700_016,
            &format!(
                "Application with identifier '{client_id}' was not found in the directory \
                 '{tenant}'. This can happen if the application has not been installed by the \
                 administrator of the tenant or consented to by any user in the tenant."
            ),
        );
    }
    let Some(secret) = field("client_secret") else {
        return entra_error(
            401,
            "invalid_client",
            7_000_216,
            "'client_assertion', 'client_secret' or 'request' is required for the \
             'client_credentials' grant type.",
        );
    };
    if secret != lock(&shared.client_secret).as_str() {
        return entra_error(
            401,
            "invalid_client",
            7_000_215,
            &format!(
                "Invalid client secret provided. Ensure the secret being sent in the request is \
                 the client secret value, not the client secret ID, for a secret added to app \
                 '{client_id}'."
            ),
        );
    }
    let Some(scope) = field("scope") else {
        return missing("scope");
    };
    let audience = if scope.eq_ignore_ascii_case(PARTNER_CENTER_SCOPE) && is_partner {
        Audience::PartnerCenter
    } else if scope.eq_ignore_ascii_case(GRAPH_SCOPE) {
        Audience::Graph
    } else {
        let why = if scope.eq_ignore_ascii_case(PARTNER_CENTER_SCOPE) {
            "Partner Center tokens are issued in the partner's own tenant only."
        } else {
            "The scope must be https://api.partner.microsoft.com/.default or \
             https://graph.microsoft.com/.default for the client credentials flow."
        };
        return entra_error(
            400,
            "invalid_scope",
            70_011,
            &format!("The provided value for the input parameter 'scope' is not valid. {why}"),
        );
    };
    if shared.is_forbidden(&tenant) {
        return entra_error(
            400,
            "invalid_grant",
            65_001,
            &format!(
                "The user or administrator has not consented to use the application with ID \
                 '{client_id}' named 'Partner Advisor'. Send an interactive authorization \
                 request for this user and resource."
            ),
        );
    }
    let lifetime = config.token_lifetime;
    let token = shared.tokens().issue(&tenant, audience, lifetime);
    Reply::json(
        200,
        &json!({
            "token_type": "Bearer",
            "expires_in": lifetime.as_secs(),
            "ext_expires_in": lifetime.as_secs(),
            "access_token": token,
        }),
    )
}
