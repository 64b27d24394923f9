//! Test helpers: a [`TestApp`] on a fresh SQLite file, builders, and the
//! storage conformance story every backend must pass.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod account_story;
pub mod accounts;
pub mod assessment_story;
pub mod builders;
pub mod dossier_story;
pub mod smtp;
pub mod story;

use std::sync::Arc;

use chrono::NaiveDate;
use tempfile::TempDir;
use watwerkt_app::{App, AppConfig, ManualClock};
use watwerkt_store_sqlite::SqliteStore;

/// The day tests run on unless they say otherwise, so that "verlopen" and
/// "erkend tot" do not change with the calendar.
pub fn test_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date")
}

/// An application on its own temporary SQLite database, with a search index
/// in the same temporary directory.
pub struct TestApp {
    /// The application.
    pub app: App,
    /// The store behind it.
    pub store: Arc<SqliteStore>,
    /// The temporary data directory (removed on drop).
    pub dir: TempDir,
    /// The application's clock: stands still unless moved (`clock.advance(..)`).
    pub clock: Arc<ManualClock>,
}

impl TestApp {
    /// An empty database, clock on [`test_today`].
    pub async fn empty() -> Self {
        Self::empty_on(test_today()).await
    }

    /// An empty database with the clock fixed on `today`.
    pub async fn empty_on(today: NaiveDate) -> Self {
        Self::empty_with(today, AppConfig::default()).await
    }

    /// An empty database with the clock on `today` and these settings.
    pub async fn empty_with(today: NaiveDate, config: AppConfig) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Arc::new(
            SqliteStore::open(&dir.path().join("watwerkt.db"))
                .await
                .expect("open sqlite"),
        );
        let clock = Arc::new(ManualClock::on(today));
        let mut config = config;
        config
            .files_dir
            .get_or_insert_with(|| dir.path().join("bestanden"));
        let app = App::new(store.clone(), config, clock.clone());
        let (index, _) = app
            .open_search(&dir.path().join("zoekindex"))
            .await
            .expect("search index");
        let app = app.with_search(index);
        Self {
            app,
            store,
            dir,
            clock,
        }
    }

    /// The embedded demo content, clock on [`test_today`].
    pub async fn with_demo() -> Self {
        Self::with_demo_on(test_today()).await
    }

    /// The embedded demo content with the clock fixed on `today`.
    pub async fn with_demo_on(today: NaiveDate) -> Self {
        let t = Self::empty_on(today).await;
        assert!(
            t.app.load_demo_if_empty().await.expect("demo loads"),
            "demo content should load into an empty database"
        );
        t
    }
}
