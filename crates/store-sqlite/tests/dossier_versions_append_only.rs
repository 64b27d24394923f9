//! Published dossier versions can be neither changed nor removed, not even
//! with plain SQL: the triggers of migration 0005 refuse it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sqlx::{Connection, SqliteConnection};
use watwerkt_store_sqlite::SqliteStore;

#[tokio::test]
async fn dossier_versions_are_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let store = SqliteStore::open(&path).await.unwrap();
    store.close().await;
    let mut c = SqliteConnection::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO dossiers (slug, current_version, title, status, reviewed_on, review_due, \
         created_at, updated_at) VALUES ('d', 1, 'D', 'gepubliceerd', '2025-01-01', '2026-01-01', 'nu', 'nu')",
    )
    .execute(&mut c)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO dossier_versions (dossier_id, version, document, published_at) \
         VALUES (1, 1, '{}', 'nu')",
    )
    .execute(&mut c)
    .await
    .unwrap();
    let update = sqlx::query("UPDATE dossier_versions SET document = 'anders'")
        .execute(&mut c)
        .await
        .unwrap_err();
    assert!(update.to_string().contains("nooit gewijzigd"), "{update}");
    let delete = sqlx::query("DELETE FROM dossier_versions")
        .execute(&mut c)
        .await
        .unwrap_err();
    assert!(delete.to_string().contains("nooit verwijderd"), "{delete}");
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dossier_versions WHERE document = '{}'")
        .fetch_one(&mut c)
        .await
        .unwrap();
    assert_eq!(n, 1);
}
