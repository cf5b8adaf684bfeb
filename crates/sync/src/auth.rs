//! OAuth 2.0 client credentials against the Microsoft identity platform (tenant-specific token
//! endpoint). Tokens live in memory only and are renewed before they expire; the client secret is
//! read from the keychain for each token request and wiped after it; a token the service rejects
//! (expired or revoked mid-sync) is dropped and the request retried once with a new one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use partner_advisor_engine::credentials::{self, CredentialKind};
use partner_advisor_store::SecretStore;
use reqwest::{RequestBuilder, Response, StatusCode};
use serde::Deserialize;
use zeroize::Zeroizing;

use crate::error::{Result, SyncError};
use crate::http::{error_detail, Http};

/// Partner Center's API, as a token scope.
pub const PARTNER_CENTER_SCOPE: &str = "https://api.partner.microsoft.com/.default";
/// Microsoft Graph, as a token scope.
pub const GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";

struct Token {
    value: Zeroizing<String>,
    renew_at: Instant,
}

/// Issues and caches access tokens for one sync.
pub struct TokenSource {
    http: Http,
    login_url: String,
    secrets: Arc<dyn SecretStore>,
    partner_tenant: String,
    client_id: String,
    cache: Mutex<HashMap<(String, &'static str), Arc<Token>>>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    expires_in: Option<u64>,
}

#[derive(Deserialize, Default)]
struct TokenError {
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: String,
}

fn read(secrets: &dyn SecretStore, kind: CredentialKind) -> Result<Option<Zeroizing<String>>> {
    Ok(credentials::read(secrets, kind)?.filter(|v| !v.trim().is_empty()))
}

impl TokenSource {
    /// A token source for the app registration in `secrets`; `Err(MissingCredentials)` naming
    /// what Settings lacks.
    pub fn new(http: Http, login_url: &str, secrets: Arc<dyn SecretStore>) -> Result<Self> {
        let tenant = read(secrets.as_ref(), CredentialKind::EntraTenantId)?;
        let client = read(secrets.as_ref(), CredentialKind::EntraClientId)?;
        let secret_set = read(secrets.as_ref(), CredentialKind::EntraClientSecret)?.is_some();
        let mut missing = Vec::new();
        if tenant.is_none() {
            missing.push("the tenant ID");
        }
        if client.is_none() {
            missing.push("the application (client) ID");
        }
        if !secret_set {
            missing.push("the client secret");
        }
        if !missing.is_empty() {
            return Err(SyncError::MissingCredentials {
                missing: missing.join(", "),
            });
        }
        Ok(TokenSource {
            http,
            login_url: login_url.trim_end_matches('/').to_owned(),
            secrets,
            partner_tenant: tenant.map(|t| t.trim().to_owned()).unwrap_or_default(),
            client_id: client.map(|c| c.trim().to_owned()).unwrap_or_default(),
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The HTTP client it signs in with.
    pub fn http(&self) -> &Http {
        &self.http
    }

    /// The partner's own tenant.
    pub fn partner_tenant(&self) -> &str {
        &self.partner_tenant
    }

    fn cached(&self, tenant: &str, scope: &'static str) -> Option<Arc<Token>> {
        let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .get(&(tenant.to_owned(), scope))
            .filter(|t| Instant::now() < t.renew_at)
            .cloned()
    }

    fn forget(&self, tenant: &str, scope: &'static str, token: &Arc<Token>) {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        let key = (tenant.to_owned(), scope);
        if cache.get(&key).is_some_and(|t| Arc::ptr_eq(t, token)) {
            cache.remove(&key);
        }
    }

    /// A valid token for `scope` in `tenant`.
    async fn token(&self, tenant: &str, scope: &'static str) -> Result<Arc<Token>> {
        if let Some(t) = self.cached(tenant, scope) {
            return Ok(t);
        }
        let secret =
            read(self.secrets.as_ref(), CredentialKind::EntraClientSecret)?.ok_or_else(|| {
                SyncError::MissingCredentials {
                    missing: "the client secret".into(),
                }
            })?;
        let body: Zeroizing<String> = Zeroizing::new(
            url::form_urlencoded::Serializer::new(String::new())
                .append_pair("grant_type", "client_credentials")
                .append_pair("client_id", &self.client_id)
                .append_pair("client_secret", &secret)
                .append_pair("scope", scope)
                .finish(),
        );
        drop(secret);
        let url = format!(
            "{}/{}/oauth2/v2.0/token",
            self.login_url,
            url::form_urlencoded::byte_serialize(tenant.as_bytes()).collect::<String>()
        );
        let response = self
            .http
            .send("Microsoft Entra sign-in", || {
                self.http
                    .client()
                    .post(&url)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(body.as_str().to_owned())
            })
            .await?;
        let status = response.status();
        let text = Zeroizing::new(response.text().await.map_err(|e| SyncError::Malformed {
            service: "Microsoft Entra sign-in",
            detail: format!("the token answer could not be read: {e}"),
        })?);
        if !status.is_success() {
            let err: TokenError = serde_json::from_str(&text).unwrap_or_default();
            return Err(self.refusal(tenant, status, &err));
        }
        let answer: TokenAnswer =
            serde_json::from_str(&text).map_err(|e| SyncError::Malformed {
                service: "Microsoft Entra sign-in",
                detail: format!("the token answer is not the expected JSON ({e})"),
            })?;
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(3599).max(1));
        // Renew ahead of expiry: five minutes early, or a tenth of a short lifetime.
        let margin = (lifetime / 10).min(Duration::from_secs(300));
        let token = Arc::new(Token {
            value: Zeroizing::new(answer.access_token),
            renew_at: Instant::now() + lifetime - margin,
        });
        self.cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert((tenant.to_owned(), scope), token.clone());
        Ok(token)
    }

    /// Entra's refusal as the partner reads it: bad credentials for the partner's own tenant,
    /// a missing consent for a customer's.
    fn refusal(&self, tenant: &str, status: StatusCode, err: &TokenError) -> SyncError {
        let code = err
            .error_description
            .split(':')
            .next()
            .filter(|c| c.starts_with("AADSTS"))
            .unwrap_or("")
            .to_owned();
        let sentence = err
            .error_description
            .split_once(':')
            .map_or(err.error_description.as_str(), |(_, rest)| rest)
            .split(['.', '\r', '\n'])
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        let reason = match (code.is_empty(), sentence.is_empty()) {
            (false, false) => format!("{sentence} ({code})"),
            (true, false) => sentence,
            _ => format!("{} (HTTP {})", err.error, status.as_u16()),
        };
        let own = tenant.eq_ignore_ascii_case(&self.partner_tenant);
        match err.error.as_str() {
            "invalid_grant" | "invalid_scope" | "unauthorized_client" if !own => {
                SyncError::MissingPermission {
                    what: format!(
                        "the app registration is not consented in customer tenant {tenant}: {reason}"
                    ),
                }
            }
            "invalid_grant" | "invalid_scope" => SyncError::MissingPermission {
                what: format!("the app registration lacks an API permission: {reason}"),
            },
            _ => SyncError::BadCredentials { reason },
        }
    }

    /// Sends the request `build` makes with a bearer token for `scope` in `tenant`. A 401 (the
    /// token expired or was revoked mid-sync) drops the token and tries once more with a new one.
    pub async fn send(
        &self,
        service: &'static str,
        tenant: &str,
        scope: &'static str,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<Response> {
        for fresh in [false, true] {
            let token = self.token(tenant, scope).await?;
            let response = self
                .http
                .send(service, || build().bearer_auth(token.value.as_str()))
                .await?;
            if response.status() != StatusCode::UNAUTHORIZED {
                return Ok(response);
            }
            self.forget(tenant, scope, &token);
            if fresh {
                let detail = error_detail(response).await;
                return Err(SyncError::BadCredentials {
                    reason: format!("{service} rejected a new access token{detail}"),
                });
            }
            tracing::info!(service, "access token rejected; signing in again");
        }
        unreachable!("the loop returns on its second pass")
    }
}
