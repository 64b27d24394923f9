//! Test helpers: a [`TestApp`] on a fresh SQLite file, builders, and the
//! storage conformance story every backend must pass.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod builders;
pub mod story;

use std::sync::Arc;

use chrono::NaiveDate;
use tempfile::TempDir;
use watwerkt_app::{App, AppConfig, FixedClock};
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
}

impl TestApp {
    /// An empty database, clock on [`test_today`].
    pub async fn empty() -> Self {
        Self::empty_on(test_today()).await
    }

    /// An empty database with the clock fixed on `today`.
    pub async fn empty_on(today: NaiveDate) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Arc::new(
            SqliteStore::open(&dir.path().join("watwerkt.db"))
                .await
                .expect("open sqlite"),
        );
        let app = App::new(
            store.clone(),
            AppConfig::default(),
            Arc::new(FixedClock::on(today)),
        );
        let (index, _) = app
            .open_search(&dir.path().join("zoekindex"))
            .await
            .expect("search index");
        let app = app.with_search(index);
        Self { app, store, dir }
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
