//! What every handler gets: the application and the web settings.

use std::sync::Arc;

use watwerkt_app::App;

use crate::WebConfig;

/// Shared state of the router.
#[derive(Clone)]
pub(crate) struct AppState {
    /// The use cases.
    pub app: App,
    /// Web settings.
    pub config: Arc<WebConfig>,
}

impl AppState {
    /// The absolute address of a site path, for canonical links.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url.trim_end_matches('/'))
    }

    /// Whether cookies get the `Secure` flag (the site runs on https).
    pub fn secure_cookies(&self) -> bool {
        self.config.base_url.starts_with("https://")
    }
}
