//! Accounts and their roles; the [`AccountStore`] implementation, which hands
//! sessions to `sessions.rs` and single-use tokens to `tokens.rs`.

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use watwerkt_domain::{Account, Coded, Email, Role, RoleSet, UserId};
use watwerkt_store::{
    AccountStore, Credentials, NewSession, OneTimeToken, OutgoingMail, Redeemed, SessionRecord,
    StoreError, StoreResult,
};

use crate::{backend, sessions, tokens, SqliteStore};

/// A time as stored: UTC, microseconds, `Z` (sorts as text).
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Reads a stored time.
pub(crate) fn parse_ts(s: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Backend(format!("onverwachte tijd in de database: {s}")))
}

/// Columns of [`account`], with `a` the accounts table.
pub(crate) const ACCOUNT_COLUMNS: &str = "a.id, a.email, a.name, a.organisation, a.active, \
     (SELECT group_concat(role, ',') FROM account_roles r WHERE r.account_id = a.id) AS roles";

/// An account from a row selected with [`ACCOUNT_COLUMNS`].
pub(crate) fn account(row: &SqliteRow) -> StoreResult<Account> {
    let email: String = row.try_get("email").map_err(backend)?;
    let roles: Option<String> = row.try_get("roles").map_err(backend)?;
    let roles = roles
        .unwrap_or_default()
        .split(',')
        .filter_map(Role::from_code)
        .collect::<RoleSet>();
    Ok(Account {
        id: UserId(row.try_get("id").map_err(backend)?),
        email: Email::parse(&email)
            .map_err(|_| StoreError::Backend("onverwacht e-mailadres in de database".into()))?,
        name: row.try_get("name").map_err(backend)?,
        organisation: row.try_get("organisation").map_err(backend)?,
        roles,
        active: row.try_get("active").map_err(backend)?,
    })
}

/// One account on an open connection.
pub(crate) async fn account_by_id(conn: &mut SqliteConnection, id: UserId) -> StoreResult<Account> {
    let row = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(backend)?
    .ok_or_else(|| StoreError::not_found("account", id.to_string()))?;
    account(&row)
}

/// Inserts an account with its roles; returns its id.
pub(crate) async fn insert_account(
    conn: &mut SqliteConnection,
    email: &Email,
    name: &str,
    organisation: &str,
    roles: &RoleSet,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<UserId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (email, name, organisation, password_hash, active, created_at) \
         VALUES (?, ?, ?, ?, TRUE, ?) RETURNING id",
    )
    .bind(email.as_str())
    .bind(name)
    .bind(organisation)
    .bind(password_hash)
    .bind(ts(now))
    .fetch_one(&mut *conn)
    .await
    .map_err(backend)?;
    for role in roles.iter() {
        sqlx::query("INSERT INTO account_roles (account_id, role) VALUES (?, ?)")
            .bind(id)
            .bind(role.code())
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
    }
    Ok(UserId(id))
}

#[async_trait]
impl AccountStore for SqliteStore {
    async fn account(&self, id: UserId) -> StoreResult<Account> {
        let mut conn = self.pool.acquire().await.map_err(backend)?;
        account_by_id(&mut conn, id).await
    }

    async fn credentials(&self, email: &Email) -> StoreResult<Option<Credentials>> {
        let row = sqlx::query(&format!(
            "SELECT {ACCOUNT_COLUMNS}, a.password_hash FROM accounts a \
             WHERE lower(a.email) = lower(?)"
        ))
        .bind(email.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        row.map(|r| {
            Ok(Credentials {
                account: account(&r)?,
                password_hash: r.try_get("password_hash").map_err(backend)?,
            })
        })
        .transpose()
    }

    async fn email_taken(&self, email: &Email) -> StoreResult<bool> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE lower(email) = lower(?)")
                .bind(email.as_str())
                .fetch_one(&self.pool)
                .await
                .map_err(backend)?;
        Ok(n > 0)
    }

    async fn list_accounts(&self) -> StoreResult<Vec<Account>> {
        let rows = sqlx::query(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a ORDER BY a.name COLLATE NOCASE, a.id"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(account).collect()
    }

    async fn accounts_with_role(&self, role: Role) -> StoreResult<Vec<Account>> {
        let rows = sqlx::query(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a \
             WHERE a.active AND EXISTS (SELECT 1 FROM account_roles r \
                                        WHERE r.account_id = a.id AND r.role = ?) \
             ORDER BY a.name COLLATE NOCASE, a.id"
        ))
        .bind(role.code())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(account).collect()
    }

    async fn store_token(&self, token: &OneTimeToken, mails: &[OutgoingMail]) -> StoreResult<()> {
        tokens::store(&self.pool, token, mails).await
    }

    async fn token(&self, hash: &str) -> StoreResult<Option<OneTimeToken>> {
        tokens::get(&self.pool, hash).await
    }

    async fn accept_invitation(
        &self,
        hash: &str,
        name: &str,
        password_hash: &str,
        session: &NewSession,
    ) -> StoreResult<Redeemed<Account>> {
        tokens::accept_invitation(&self.pool, hash, name, password_hash, session).await
    }

    async fn reset_password(
        &self,
        hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Redeemed<Account>> {
        tokens::reset_password(&self.pool, hash, password_hash, now).await
    }

    async fn create_session(&self, account: UserId, session: &NewSession) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await.map_err(backend)?;
        sessions::insert(&mut conn, account, session).await
    }

    async fn session(&self, hash: &str) -> StoreResult<Option<SessionRecord>> {
        sessions::get(&self.pool, hash).await
    }

    async fn touch_session(&self, hash: &str, now: DateTime<Utc>) -> StoreResult<()> {
        sessions::touch(&self.pool, hash, now).await
    }

    async fn delete_session(&self, hash: &str) -> StoreResult<()> {
        sessions::delete(&self.pool, hash).await
    }

    async fn delete_sessions(&self, account: UserId) -> StoreResult<u64> {
        let mut conn = self.pool.acquire().await.map_err(backend)?;
        sessions::delete_all_of(&mut conn, account).await
    }

    async fn delete_expired_sessions(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        sessions::delete_expired(&self.pool, before).await
    }
}
