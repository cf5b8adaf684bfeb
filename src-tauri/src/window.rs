//! The main window, built here rather than from `tauri.conf.json` alone (its entry has
//! `"create": false`) so that it never shows remote content: it stays on the app's own pages
//! (a link, a script or a redirect cannot take it elsewhere) and it opens no other window
//! (`window.open` is refused on every system; WebView2 would otherwise open a popup).

use tauri::webview::NewWindowResponse;
use tauri::{App, Url, WebviewWindowBuilder};

/// The label of the main window (its capability names it too).
pub const MAIN: &str = "main";

/// Whether `url` is one of the app's own pages: `tauri://localhost` on Linux and macOS,
/// `http(s)://tauri.localhost` on Windows.
pub fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    }
}

/// Creates the main window as configured, with its navigation and new-window guards.
pub fn create_main(app: &App) -> tauri::Result<()> {
    let Some(config) = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN)
        .cloned()
    else {
        return Err(tauri::Error::WindowNotFound);
    };
    WebviewWindowBuilder::from_config(app.handle(), &config)?
        .on_navigation(|url| {
            let allowed = is_app_page(url);
            if !allowed {
                tracing::warn!(%url, "navigation away from the app refused");
            }
            allowed
        })
        .on_new_window(|url, _| {
            tracing::warn!(%url, "a new window was refused");
            NewWindowResponse::Deny
        })
        .build()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str) -> bool {
        Url::parse(url).is_ok_and(|u| is_app_page(&u))
    }

    #[test]
    fn only_the_app_pages_are_shown() {
        assert!(page("tauri://localhost/"));
        assert!(page("tauri://localhost/index.html#/leads"));
        assert!(page("http://tauri.localhost/"));
        assert!(page("https://tauri.localhost/index.html"));
        assert!(!page("https://example.com/"));
        assert!(!page("http://127.0.0.1:9/x"));
        assert!(!page("http://tauri.localhost.example.com/"));
        assert!(!page("http://tauri.localhost:8080/"));
        assert!(!page("tauri://evil/"));
        assert!(!page("file:///etc/passwd"));
        assert!(!page("about:blank"));
        assert!(!page("data:text/html,<script>alert(1)</script>"));
        assert!(!page("javascript:alert(1)"));
    }
}
