//! The account, session, token and outbox story on a real SQLite file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use watwerkt_store_sqlite::SqliteStore;
use watwerkt_testkit::account_story::account_story;

#[tokio::test]
async fn sqlite_passes_the_account_story() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("accounts.db"))
        .await
        .unwrap();
    account_story(&store).await;
}
