//! Partner credentials: which are set; set and delete. Values never travel back to the UI.

use partner_advisor_engine::credentials::{self, CredentialKind, CredentialStatus};
use tauri::State;
use zeroize::Zeroizing;

use crate::error::IpcResult;
use crate::state::AppState;

/// Which credentials are set.
#[tauri::command]
#[specta::specta]
pub fn credential_status(state: State<'_, AppState>) -> IpcResult<Vec<CredentialStatus>> {
    Ok(credentials::status(&state.keychain)?)
}

/// Stores a credential in the OS keychain.
#[tauri::command]
#[specta::specta]
pub fn set_credential(
    state: State<'_, AppState>,
    kind: CredentialKind,
    value: String,
) -> IpcResult<Vec<CredentialStatus>> {
    let value = Zeroizing::new(value);
    credentials::set(&state.keychain, kind, &value)?;
    tracing::info!(?kind, "credential stored in the keychain");
    Ok(credentials::status(&state.keychain)?)
}

/// Removes a credential from the OS keychain.
#[tauri::command]
#[specta::specta]
pub fn delete_credential(
    state: State<'_, AppState>,
    kind: CredentialKind,
) -> IpcResult<Vec<CredentialStatus>> {
    credentials::delete(&state.keychain, kind)?;
    tracing::info!(?kind, "credential removed from the keychain");
    Ok(credentials::status(&state.keychain)?)
}
