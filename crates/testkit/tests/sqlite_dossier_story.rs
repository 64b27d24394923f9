//! The dossier story on a real SQLite file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use watwerkt_store_sqlite::SqliteStore;
use watwerkt_testkit::dossier_story::dossier_story;

#[tokio::test]
async fn sqlite_passes_the_dossier_story() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("dossiers.db"))
        .await
        .unwrap();
    dossier_story(&store).await;
}
