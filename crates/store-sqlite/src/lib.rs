//! The embedded default backend: one SQLite file in the data directory, in WAL
//! mode, with append-only migrations (`migrations/`).

mod accounts;
mod assessments;
mod audit;
mod dossiers;
mod elements;
mod import;
mod interventions;
pub mod outbox;
mod publications;
mod rows;
mod sessions;
mod tokens;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use watwerkt_store::StoreError;

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// The search log's own connection (see [`SqliteStore::connect`]).
    log_pool: SqlitePool,
}

pub(crate) fn backend(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e {
        if db.is_unique_violation() {
            return StoreError::Conflict(db.message().to_string());
        }
        if db.is_foreign_key_violation() || db.is_check_violation() {
            return StoreError::Invalid(db.message().to_string());
        }
    }
    tracing::error!(error = %e, "sqlite");
    StoreError::Backend(e.to_string())
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and brings its
    /// schema up to date.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: an acknowledged commit survives a power cut, not only a crash.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        Self::connect(options).await
    }

    /// Opens a database from a `sqlite:` URL.
    pub async fn open_url(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(backend)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        Self::connect(options).await
    }

    /// The pool for content, and one connection for the search log. The
    /// search log is statistics that nobody is told was saved: its commits
    /// skip the wait for the disk (`synchronous = NORMAL`, which in WAL mode
    /// still never leaves the file inconsistent; a power cut can lose the
    /// last batches of the log, never content, whose commits on the other
    /// connections stay `FULL` and make everything before them durable).
    /// Under load that wait was most of what logging a search cost.
    async fn connect(options: SqliteConnectOptions) -> Result<Self, StoreError> {
        let log_options = options.clone().synchronous(SqliteSynchronous::Normal);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .connect_with(options)
            .await
            .map_err(backend)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Backend(format!("migratie mislukt: {e}")))?;
        // Opened at the first batch, after the migrations above. (An
        // in-memory database is shared between connections: sqlx opens it
        // with a shared cache.)
        let log_pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(0)
            .connect_lazy_with(log_options);
        Ok(Self { pool, log_pool })
    }

    /// Closes the pools, checkpointing the WAL.
    pub async fn close(&self) {
        self.log_pool.close().await;
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use chrono::Utc;
    use watwerkt_store::{SearchLogStore, SearchRecord};

    use super::SqliteStore;

    async fn synchronous(pool: &sqlx::SqlitePool) -> i64 {
        sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(pool)
            .await
            .unwrap()
    }

    fn missed(query: &str) -> SearchRecord {
        SearchRecord {
            query: query.to_owned(),
            results: 0,
            at: Utc::now(),
        }
    }

    #[tokio::test]
    async fn only_the_search_log_skips_the_wait_for_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("w.db").display());
        for store in [
            SqliteStore::open(&dir.path().join("v.db")).await.unwrap(),
            SqliteStore::open_url(&url).await.unwrap(),
        ] {
            store
                .record_searches(&[missed("schuldhulp"), missed("schuldhulp")])
                .await
                .unwrap();
            // FULL (2) for content, NORMAL (1) for the log.
            assert_eq!(synchronous(&store.pool).await, 2);
            assert_eq!(synchronous(&store.log_pool).await, 1);
            // What the log connection wrote, the content pool reads.
            let read = store.missed_queries(10).await.unwrap();
            assert_eq!(read.len(), 1);
            assert_eq!((read[0].query.as_str(), read[0].times), ("schuldhulp", 2));
            store.close().await;
        }
    }
}
