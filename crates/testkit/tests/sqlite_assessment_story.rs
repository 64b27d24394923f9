//! The erkenningstraject storage story on a real SQLite file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use watwerkt_store_sqlite::SqliteStore;
use watwerkt_testkit::assessment_story::assessment_story;

#[tokio::test]
async fn sqlite_passes_the_assessment_story() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("assessments.db"))
        .await
        .unwrap();
    assessment_story(&store).await;
}
