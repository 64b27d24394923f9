//! Accounts, sessions and single-use tokens (invitation, password reset).
//!
//! Secrets never reach the store in the clear: sessions and tokens are kept
//! as the SHA-256 hash (hex) of the random value the person holds, and
//! passwords as an argon2id PHC string.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use watwerkt_domain::{Account, Email, Role, RoleSet, UserId};

use crate::{OutgoingMail, StoreResult};

/// What a single-use token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Creates an account.
    Invitation,
    /// Sets a new password for an existing account.
    Reset,
}

impl TokenKind {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Invitation => "invitation",
            Self::Reset => "reset",
        }
    }
}

/// Who is invited, and as what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// The address the invitation was sent to; it becomes the account's.
    pub email: Email,
    /// Name as the inviter typed it (the person may correct it).
    pub name: String,
    /// Organisation.
    pub organisation: String,
    /// Roles the account will get.
    pub roles: RoleSet,
    /// Who invited (`None`: the command line).
    pub invited_by: Option<UserId>,
}

/// A single-use token as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneTimeToken {
    /// SHA-256 (hex) of the token in the link.
    pub hash: String,
    /// Purpose.
    pub kind: TokenKind,
    /// For a reset: the account.
    pub account: Option<UserId>,
    /// For an invitation: whom and as what.
    pub invitation: Option<Invitation>,
    /// Unusable from this moment.
    pub expires_at: DateTime<Utc>,
    /// When it was used (`None`: not yet).
    pub used_at: Option<DateTime<Utc>>,
}

/// The outcome of using a single-use token. Only [`Redeemed::Done`] changed anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redeemed<T> {
    /// Used now; the change is stored.
    Done(T),
    /// No such token (or one of another kind).
    Unknown,
    /// Already used.
    Used,
    /// Expired before use.
    Expired,
    /// An invitation for an address that has an account by now.
    EmailTaken,
}

/// A session to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// SHA-256 (hex) of the cookie value.
    pub token_hash: String,
    /// Started.
    pub created_at: DateTime<Utc>,
    /// Ends at the latest (absolute lifetime).
    pub expires_at: DateTime<Utc>,
}

/// A stored session with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// The account signed in.
    pub account: Account,
    /// Started.
    pub created_at: DateTime<Utc>,
    /// Last request seen (for the idle timeout).
    pub last_seen: DateTime<Utc>,
    /// Absolute end.
    pub expires_at: DateTime<Utc>,
}

/// An account with its password hash, for signing in.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The account.
    pub account: Account,
    /// Argon2id PHC string.
    pub password_hash: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("account", &self.account)
            .field("password_hash", &"[verborgen]")
            .finish()
    }
}

/// Accounts, sessions and tokens.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// One account; [`crate::StoreError::NotFound`] if absent.
    async fn account(&self, id: UserId) -> StoreResult<Account>;

    /// The account with this (normalised) address and its password hash.
    async fn credentials(&self, email: &Email) -> StoreResult<Option<Credentials>>;

    /// Whether an account with this address exists.
    async fn email_taken(&self, email: &Email) -> StoreResult<bool>;

    /// Every account, ordered by name.
    async fn list_accounts(&self) -> StoreResult<Vec<Account>>;

    /// The active accounts holding `role`, ordered by name.
    async fn accounts_with_role(&self, role: Role) -> StoreResult<Vec<Account>>;

    /// Stores a new token and queues `mails` in the same transaction.
    async fn store_token(&self, token: &OneTimeToken, mails: &[OutgoingMail]) -> StoreResult<()>;

    /// A token by hash, used or not.
    async fn token(&self, hash: &str) -> StoreResult<Option<OneTimeToken>>;

    /// In one transaction: uses the invitation `hash`, creates its account
    /// with `name` and `password_hash`, and starts `session` for it.
    async fn accept_invitation(
        &self,
        hash: &str,
        name: &str,
        password_hash: &str,
        session: &NewSession,
    ) -> StoreResult<Redeemed<Account>>;

    /// In one transaction: uses the reset token `hash`, sets the password and
    /// ends every session of the account.
    async fn reset_password(
        &self,
        hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Redeemed<Account>>;

    /// Stores a session for `account`.
    async fn create_session(&self, account: UserId, session: &NewSession) -> StoreResult<()>;

    /// The session with this hash and its account (expired or not; the
    /// caller judges the times).
    async fn session(&self, hash: &str) -> StoreResult<Option<SessionRecord>>;

    /// Records activity on a session.
    async fn touch_session(&self, hash: &str, now: DateTime<Utc>) -> StoreResult<()>;

    /// Ends one session (nothing happens when it does not exist).
    async fn delete_session(&self, hash: &str) -> StoreResult<()>;

    /// Ends every session of an account; returns how many.
    async fn delete_sessions(&self, account: UserId) -> StoreResult<u64>;

    /// Removes sessions that ended before `now`; returns how many.
    async fn delete_expired_sessions(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}
