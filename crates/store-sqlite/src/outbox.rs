//! The mail outbox: `enqueue` is called inside the transaction of the change
//! that causes the mail; the sender in `app` reads and marks them.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{Row, SqliteConnection};
use watwerkt_store::{MailOutbox, OutgoingMail, QueuedMail, StoreResult};

use crate::accounts::{parse_ts, ts};
use crate::{backend, SqliteStore};

/// Queues `mails` on `conn` — pass the open transaction of the change
/// (`outbox::enqueue(&mut *tx, mails)`), so the mails are stored exactly when
/// the change is.
pub async fn enqueue(conn: &mut SqliteConnection, mails: &[OutgoingMail]) -> StoreResult<()> {
    let now = ts(Utc::now());
    for m in mails {
        sqlx::query(
            "INSERT INTO mail_outbox (recipient, subject, body, created_at) VALUES (?, ?, ?, ?)",
        )
        .bind(&m.to)
        .bind(&m.subject)
        .bind(&m.body)
        .bind(&now)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

#[async_trait]
impl MailOutbox for SqliteStore {
    async fn enqueue_mails(&self, mails: &[OutgoingMail]) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        enqueue(&mut tx, mails).await?;
        tx.commit().await.map_err(backend)
    }

    async fn due_mails(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<Vec<QueuedMail>> {
        let rows = sqlx::query(
            "SELECT id, recipient, subject, body, attempts FROM mail_outbox \
             WHERE sent_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?) \
             ORDER BY id LIMIT ?",
        )
        .bind(ts(now))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|r| {
                let attempts: i64 = r.try_get("attempts").map_err(backend)?;
                Ok(QueuedMail {
                    id: r.try_get("id").map_err(backend)?,
                    mail: OutgoingMail {
                        to: r.try_get("recipient").map_err(backend)?,
                        subject: r.try_get("subject").map_err(backend)?,
                        body: r.try_get("body").map_err(backend)?,
                    },
                    attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                })
            })
            .collect()
    }

    async fn mark_mail_sent(&self, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query(
            "UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL \
             WHERE id = ?",
        )
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn mark_mail_failed(
        &self,
        id: i64,
        error: &str,
        next_attempt_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let error: String = error.chars().take(1000).collect();
        sqlx::query(
            "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? \
             WHERE id = ?",
        )
        .bind(error)
        .bind(ts(next_attempt_at))
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn next_mail_due(&self) -> StoreResult<Option<DateTime<Utc>>> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, \
             SUM(CASE WHEN next_attempt_at IS NULL THEN 1 ELSE 0 END) AS now_due, \
             MIN(next_attempt_at) AS earliest \
             FROM mail_outbox WHERE sent_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(backend)?;
        let n: i64 = row.try_get("n").map_err(backend)?;
        if n == 0 {
            return Ok(None);
        }
        let now_due: Option<i64> = row.try_get("now_due").map_err(backend)?;
        if now_due.unwrap_or(0) > 0 {
            return Ok(Some(DateTime::<Utc>::MIN_UTC));
        }
        let earliest: Option<String> = row.try_get("earliest").map_err(backend)?;
        earliest.as_deref().map(parse_ts).transpose()
    }

    async fn unsent_mail_count(&self) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
