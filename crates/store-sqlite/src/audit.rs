//! The append-only audit log (the table's triggers refuse updates and deletes).

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use watwerkt_domain::assessment::UserId;
use watwerkt_store::{AuditEntry, StoreError, StoreResult};

use crate::backend;

/// Appends one row, inside the caller's transaction.
pub(crate) async fn append(conn: &mut SqliteConnection, e: &AuditEntry) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, subject_kind, subject_id, action, from_state, to_state, detail) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(e.at.to_rfc3339())
    .bind(e.actor.map(|u| u.0))
    .bind(&e.subject_kind)
    .bind(&e.subject_id)
    .bind(&e.action)
    .bind(&e.from_state)
    .bind(&e.to_state)
    .bind(&e.detail)
    .execute(conn)
    .await
    .map_err(backend)?;
    Ok(())
}

pub(crate) fn instant(s: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| StoreError::Backend(format!("onverwachte tijd in de database: {s}")))
}

pub(crate) fn entry(row: &SqliteRow) -> StoreResult<AuditEntry> {
    let at: String = row.try_get("at").map_err(backend)?;
    let actor: Option<i64> = row.try_get("actor_id").map_err(backend)?;
    Ok(AuditEntry {
        id: row.try_get("id").map_err(backend)?,
        at: instant(&at)?,
        actor: actor.map(UserId),
        subject_kind: row.try_get("subject_kind").map_err(backend)?,
        subject_id: row.try_get("subject_id").map_err(backend)?,
        action: row.try_get("action").map_err(backend)?,
        from_state: row.try_get("from_state").map_err(backend)?,
        to_state: row.try_get("to_state").map_err(backend)?,
        detail: row.try_get("detail").map_err(backend)?,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::SqliteStore;

    /// Each statement fails with the append-only trigger's message.
    async fn assert_refused(conn: &mut sqlx::SqliteConnection, statements: &[&str]) {
        for sql in statements {
            let e = sqlx::query(sql)
                .execute(&mut *conn)
                .await
                .expect_err(sql)
                .to_string();
            assert!(e.contains("append-only"), "{sql}: {e}");
        }
    }

    #[tokio::test]
    async fn audit_rows_and_submitted_versions_cannot_be_changed_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("a.db")).await.unwrap();
        let mut conn = store.pool.acquire().await.unwrap();
        let row = AuditEntry {
            id: 0,
            at: Utc::now(),
            actor: Some(UserId(7)),
            subject_kind: "erkenningstraject".into(),
            subject_id: "1".into(),
            action: "ingediend".into(),
            from_state: Some("concept".into()),
            to_state: Some("ingediend".into()),
            detail: String::new(),
        };
        append(&mut conn, &row).await.unwrap();
        assert_refused(
            &mut conn,
            &[
                "UPDATE audit_log SET action = 'niets gebeurd'",
                "DELETE FROM audit_log",
            ],
        )
        .await;
        let kept: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'ingediend'")
                .fetch_one(&mut *conn)
                .await
                .unwrap()
                .try_get("n")
                .unwrap();
        assert_eq!(kept, 1);
        sqlx::query(
            "INSERT INTO interventions (slug, title, status, summary, owner, document, created_at, updated_at) \
             VALUES ('x', 'X', 'concept', '', '', '{}', '', '')",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO assessments (intervention_id, owner_id, level_requested, stage, state, version, created_at, updated_at) \
             VALUES (1, 7, 'goed-beschreven', 'ingediend', '{}', 1, '', '')",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO werkblad_versions (assessment_id, number, document, submitted_by, submitted_at) \
             VALUES (1, 1, '{}', 7, '')",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
        assert_refused(
            &mut conn,
            &[
                "UPDATE werkblad_versions SET document = 'anders'",
                "DELETE FROM werkblad_versions",
            ],
        )
        .await;
    }
}
