//! Sessions: stored by the SHA-256 hash of the cookie value only.

use chrono::{DateTime, Utc};
use sqlx::{Row, SqliteConnection, SqlitePool};
use watwerkt_domain::UserId;
use watwerkt_store::{NewSession, SessionRecord, StoreResult};

use crate::accounts::{account, parse_ts, ts, ACCOUNT_COLUMNS};
use crate::backend;

pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    account: UserId,
    s: &NewSession,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, created_at, last_seen, expires_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(&s.token_hash)
    .bind(account.0)
    .bind(ts(s.created_at))
    .bind(ts(s.created_at))
    .bind(ts(s.expires_at))
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

pub(crate) async fn get(pool: &SqlitePool, hash: &str) -> StoreResult<Option<SessionRecord>> {
    let row = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS}, s.created_at AS s_created, s.last_seen, s.expires_at \
         FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?"
    ))
    .bind(hash)
    .fetch_optional(pool)
    .await
    .map_err(backend)?;
    let Some(row) = row else { return Ok(None) };
    let created: String = row.try_get("s_created").map_err(backend)?;
    let last_seen: String = row.try_get("last_seen").map_err(backend)?;
    let expires: String = row.try_get("expires_at").map_err(backend)?;
    Ok(Some(SessionRecord {
        account: account(&row)?,
        created_at: parse_ts(&created)?,
        last_seen: parse_ts(&last_seen)?,
        expires_at: parse_ts(&expires)?,
    }))
}

pub(crate) async fn touch(pool: &SqlitePool, hash: &str, now: DateTime<Utc>) -> StoreResult<()> {
    sqlx::query("UPDATE sessions SET last_seen = ? WHERE token_hash = ? AND last_seen < ?")
        .bind(ts(now))
        .bind(hash)
        .bind(ts(now))
        .execute(pool)
        .await
        .map_err(backend)?;
    Ok(())
}

pub(crate) async fn delete(pool: &SqlitePool, hash: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(hash)
        .execute(pool)
        .await
        .map_err(backend)?;
    Ok(())
}

pub(crate) async fn delete_all_of(
    conn: &mut SqliteConnection,
    account: UserId,
) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE account_id = ?")
        .bind(account.0)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    Ok(done.rows_affected())
}

pub(crate) async fn delete_expired(pool: &SqlitePool, before: DateTime<Utc>) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at < ?")
        .bind(ts(before))
        .execute(pool)
        .await
        .map_err(backend)?;
    Ok(done.rows_affected())
}
