//! The conformance story on a real SQLite file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use watwerkt_store_sqlite::SqliteStore;
use watwerkt_testkit::story::store_story;

#[tokio::test]
async fn sqlite_passes_the_store_story() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("story.db"))
        .await
        .unwrap();
    store_story(&store).await;
}

#[tokio::test]
async fn sqlite_data_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reopen.db");
    {
        let store = SqliteStore::open(&path).await.unwrap();
        store_story(&store).await;
        store.close().await;
    }
    let store = SqliteStore::open(&path).await.unwrap();
    use watwerkt_store::InterventionStore;
    assert_eq!(store.all_interventions().await.unwrap().len(), 3);
}
