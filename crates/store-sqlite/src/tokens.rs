//! Single-use tokens (invitation, password reset), stored by hash only. Using
//! one is a single transaction that claims the token (`used_at`) and makes the
//! change, so a token works exactly once even when a form is sent twice.

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, SqlitePool, Transaction};
use watwerkt_domain::{Account, Email, RoleSet, UserId};
use watwerkt_store::{
    Invitation, NewSession, OneTimeToken, OutgoingMail, Redeemed, StoreError, StoreResult,
    TokenKind,
};

use crate::accounts::{account_by_id, insert_account, parse_ts, ts};
use crate::{backend, outbox, sessions};

const COLUMNS: &str = "token_hash, kind, account_id, email, name, organisation, roles, \
                       invited_by, expires_at, used_at";

fn corrupt(what: &str) -> StoreError {
    StoreError::Backend(format!("onverwachte waarde in de database ({what})"))
}

fn token(row: &SqliteRow) -> StoreResult<OneTimeToken> {
    let kind: String = row.try_get("kind").map_err(backend)?;
    let kind = match kind.as_str() {
        "invitation" => TokenKind::Invitation,
        "reset" => TokenKind::Reset,
        _ => return Err(corrupt("soort token")),
    };
    let account: Option<i64> = row.try_get("account_id").map_err(backend)?;
    let invitation = if kind == TokenKind::Invitation {
        let email: Option<String> = row.try_get("email").map_err(backend)?;
        let roles: Option<String> = row.try_get("roles").map_err(backend)?;
        let invited_by: Option<i64> = row.try_get("invited_by").map_err(backend)?;
        let name: Option<String> = row.try_get("name").map_err(backend)?;
        let organisation: Option<String> = row.try_get("organisation").map_err(backend)?;
        Some(Invitation {
            email: Email::parse(email.as_deref().unwrap_or_default())
                .map_err(|_| corrupt("e-mailadres"))?,
            name: name.unwrap_or_default(),
            organisation: organisation.unwrap_or_default(),
            roles: RoleSet::parse_codes(roles.as_deref().unwrap_or_default())
                .map_err(|_| corrupt("rollen"))?,
            invited_by: invited_by.map(UserId),
        })
    } else {
        None
    };
    let expires: String = row.try_get("expires_at").map_err(backend)?;
    let used: Option<String> = row.try_get("used_at").map_err(backend)?;
    Ok(OneTimeToken {
        hash: row.try_get("token_hash").map_err(backend)?,
        kind,
        account: account.map(UserId),
        invitation,
        expires_at: parse_ts(&expires)?,
        used_at: used.as_deref().map(parse_ts).transpose()?,
    })
}

pub(crate) async fn store(
    pool: &SqlitePool,
    t: &OneTimeToken,
    mails: &[OutgoingMail],
) -> StoreResult<()> {
    let mut tx = pool.begin().await.map_err(backend)?;
    let inv = t.invitation.as_ref();
    sqlx::query(&format!(
        "INSERT INTO one_time_tokens ({COLUMNS}, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ))
    .bind(&t.hash)
    .bind(t.kind.code())
    .bind(t.account.map(|a| a.0))
    .bind(inv.map(|i| i.email.as_str().to_owned()))
    .bind(inv.map(|i| i.name.clone()))
    .bind(inv.map(|i| i.organisation.clone()))
    .bind(inv.map(|i| i.roles.codes()))
    .bind(inv.and_then(|i| i.invited_by).map(|a| a.0))
    .bind(ts(t.expires_at))
    .bind(t.used_at.map(ts))
    .bind(ts(Utc::now()))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    outbox::enqueue(&mut tx, mails).await?;
    tx.commit().await.map_err(backend)
}

pub(crate) async fn get(pool: &SqlitePool, hash: &str) -> StoreResult<Option<OneTimeToken>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM one_time_tokens WHERE token_hash = ?"
    ))
    .bind(hash)
    .fetch_optional(pool)
    .await
    .map_err(backend)?;
    row.as_ref().map(token).transpose()
}

/// Claims the token inside `tx`: checks kind, use and expiry, then marks it used.
async fn claim(
    tx: &mut Transaction<'_, Sqlite>,
    hash: &str,
    kind: TokenKind,
    now: DateTime<Utc>,
) -> StoreResult<Result<OneTimeToken, Redeemed<Account>>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM one_time_tokens WHERE token_hash = ?"
    ))
    .bind(hash)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?;
    let Some(t) = row.as_ref().map(token).transpose()? else {
        return Ok(Err(Redeemed::Unknown));
    };
    if t.kind != kind {
        return Ok(Err(Redeemed::Unknown));
    }
    if t.used_at.is_some() {
        return Ok(Err(Redeemed::Used));
    }
    if t.expires_at <= now {
        return Ok(Err(Redeemed::Expired));
    }
    let done = sqlx::query(
        "UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
    )
    .bind(ts(now))
    .bind(hash)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    if done.rows_affected() != 1 {
        return Ok(Err(Redeemed::Used));
    }
    Ok(Ok(t))
}

pub(crate) async fn accept_invitation(
    pool: &SqlitePool,
    hash: &str,
    name: &str,
    password_hash: &str,
    session: &NewSession,
) -> StoreResult<Redeemed<Account>> {
    let now = session.created_at;
    // IMMEDIATE: take the write lock first, so two submissions of the same
    // form are serialised and the second sees the token used.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(backend)?;
    let t = match claim(&mut tx, hash, TokenKind::Invitation, now).await? {
        Ok(t) => t,
        Err(refused) => return Ok(refused),
    };
    let Some(inv) = t.invitation else {
        return Ok(Redeemed::Unknown);
    };
    let taken: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE lower(email) = lower(?)")
            .bind(inv.email.as_str())
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
    if taken > 0 {
        return Ok(Redeemed::EmailTaken);
    }
    let id = insert_account(
        &mut tx,
        &inv.email,
        name,
        &inv.organisation,
        &inv.roles,
        password_hash,
        now,
    )
    .await?;
    sessions::insert(&mut tx, id, session).await?;
    let account = account_by_id(&mut tx, id).await?;
    tx.commit().await.map_err(backend)?;
    Ok(Redeemed::Done(account))
}

pub(crate) async fn reset_password(
    pool: &SqlitePool,
    hash: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Redeemed<Account>> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(backend)?;
    let t = match claim(&mut tx, hash, TokenKind::Reset, now).await? {
        Ok(t) => t,
        Err(refused) => return Ok(refused),
    };
    let Some(id) = t.account else {
        return Ok(Redeemed::Unknown);
    };
    sqlx::query("UPDATE accounts SET password_hash = ? WHERE id = ?")
        .bind(password_hash)
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    // Other reset links of the account stop working too.
    sqlx::query(
        "UPDATE one_time_tokens SET used_at = ? \
         WHERE account_id = ? AND kind = 'reset' AND used_at IS NULL",
    )
    .bind(ts(now))
    .bind(id.0)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    sessions::delete_all_of(&mut tx, id).await?;
    let account = account_by_id(&mut tx, id).await?;
    tx.commit().await.map_err(backend)?;
    Ok(Redeemed::Done(account))
}
