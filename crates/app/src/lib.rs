//! Use cases of watwerkt. The web handlers and the CLI both call these, so an
//! import validates exactly like a form would.

pub mod assessment;
pub mod auth;
pub mod clock;
pub mod content;
pub mod demo;
pub mod dossier;
mod error;
mod expiry;
mod export;
mod import;
pub mod mail;
pub mod plain_text;
mod read;
pub mod search;
mod views;

use std::sync::Arc;

use watwerkt_domain::assessment::AssessmentRules;
use watwerkt_domain::ValidityPolicy;
use watwerkt_store::Store;

pub use clock::{Clock, FixedClock, ManualClock, SystemClock};
pub use error::AppError;
pub use expiry::ExpiryReport;
pub use import::ImportError;
pub use views::{ActiveElementView, InterventionCard, InterventionView, RatingView, ThemeView};

/// Settings the use cases need.
#[derive(Debug, Clone, Default)]
pub struct AppConfig {
    /// How long ratings hold.
    pub validity: ValidityPolicy,
    /// Limits on uploaded files (`[uploads]`).
    pub uploads: dossier::UploadPolicy,
    /// Where uploaded and imported files live (`<data_dir>/bestanden`); `None`: no files.
    pub files_dir: Option<std::path::PathBuf>,
    /// Accounts, sessions and sign-in limits (`[auth]`).
    pub auth: auth::AuthConfig,
    /// The rules of the erkenningstraject (`[assessment]`).
    pub assessment: AssessmentRules,
    /// The public address of the site, without trailing slash, for links in
    /// e-mail (empty: links are site paths).
    pub base_url: String,
    /// Whether the search index's files are mapped whole when opened
    /// (`search_preload`; see `watwerkt_search::preload`).
    pub search_preload: watwerkt_search::Preload,
}

/// The application: the store, its settings and a clock.
#[derive(Clone)]
pub struct App {
    store: Arc<dyn Store>,
    /// Shared: the app is cloned per request.
    config: Arc<AppConfig>,
    clock: Arc<dyn Clock>,
    search: Option<Arc<watwerkt_search::SearchIndex>>,
    /// Searches not yet written to the search log.
    search_log: Arc<std::sync::Mutex<search::PendingSearches>>,
    /// Sign-in throttle and the mail sender's wake-up call.
    accounts: Arc<auth::AuthRuntime>,
}

impl App {
    /// Builds the application around a store.
    pub fn new(store: Arc<dyn Store>, config: AppConfig, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            config: Arc::new(config),
            clock,
            search: None,
            search_log: Arc::default(),
            accounts: Arc::default(),
        }
    }

    /// The settings.
    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    /// Today's date according to the application's clock.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// The store (for the CLI's bulk operations and tests).
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }
}
