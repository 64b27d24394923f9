//! Sign in, sessions, sign out (here or everywhere).

use chrono::{DateTime, Duration, Utc};
use watwerkt_domain::{Account, Email};
use watwerkt_store::NewSession;

use super::secret::Secret;
use super::throttle::Limits;
use super::{password, LoginError, SignedIn};
use crate::{App, AppError};

/// Sessions whose last request is less than this old are not touched again.
const TOUCH_EVERY: Duration = Duration::seconds(60);

impl App {
    fn limits(&self) -> Limits {
        let c = &self.config.auth;
        Limits {
            per_account: c.max_failures_per_account,
            per_address: c.max_failures_per_address,
            window: Duration::minutes(i64::from(c.failure_window_minutes)),
        }
    }

    /// A new session row for now.
    pub(crate) fn new_session(&self) -> Result<(Secret, NewSession), AppError> {
        let token = Secret::generate()?;
        let now = self.clock.now();
        let session = NewSession {
            token_hash: token.hash(),
            created_at: now,
            expires_at: now + Duration::hours(i64::from(self.config.auth.session_max_hours)),
        };
        Ok((token, session))
    }

    /// Signs in with e-mail and password from client `address`. Unknown
    /// addresses, inactive accounts and wrong passwords give the same answer
    /// after the same work (one argon2 verification).
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        address: &str,
    ) -> Result<SignedIn, LoginError> {
        let limits = self.limits();
        let now = self.clock.now();
        let throttle = &self.accounts.throttle;
        if let Some(wait) = throttle.blocked(email, address, limits, now) {
            tracing::warn!(client = %address, "sign-in refused: too many failures");
            let minutes = ((wait.num_seconds() + 59) / 60).max(1);
            return Err(LoginError::Throttled { minutes });
        }
        let credentials = match Email::parse(email) {
            Ok(e) => self
                .store
                .credentials(&e)
                .await
                .map_err(|e| LoginError::Internal(e.into()))?,
            Err(_) => None,
        };
        let ok = match &credentials {
            Some(c) if c.account.active => password::verify(password, &c.password_hash)
                .await
                .map_err(LoginError::Internal)?,
            _ => {
                password::verify_dummy(password)
                    .await
                    .map_err(LoginError::Internal)?;
                false
            }
        };
        let Some(credentials) = credentials.filter(|_| ok) else {
            throttle.record_failure(email, address, limits, now);
            tracing::info!(client = %address, "sign-in failed");
            return Err(LoginError::BadCredentials);
        };
        throttle.clear_account(email);
        let (token, session) = self.new_session().map_err(LoginError::Internal)?;
        self.store
            .create_session(credentials.account.id, &session)
            .await
            .map_err(|e| LoginError::Internal(e.into()))?;
        tracing::info!(account = %credentials.account.id, "signed in");
        Ok(SignedIn {
            account: credentials.account,
            token,
        })
    }

    /// The account of a session token, if the session is alive: not past its
    /// absolute end, not idle too long, account active. Records activity.
    pub async fn session_account(&self, token: &Secret) -> Result<Option<Account>, AppError> {
        let hash = token.hash();
        let Some(record) = self.store.session(&hash).await? else {
            return Ok(None);
        };
        let now = self.clock.now();
        let idle = Duration::minutes(i64::from(self.config.auth.session_idle_minutes));
        if now >= record.expires_at || now - record.last_seen >= idle || !record.account.active {
            self.store.delete_session(&hash).await?;
            return Ok(None);
        }
        if now - record.last_seen >= TOUCH_EVERY {
            self.store.touch_session(&hash, now).await?;
        }
        Ok(Some(record.account))
    }

    /// Ends this session.
    pub async fn logout(&self, token: &Secret) -> Result<(), AppError> {
        self.store.delete_session(&token.hash()).await?;
        Ok(())
    }

    /// Ends every session of the account (all devices); returns how many.
    pub async fn logout_everywhere(&self, account: &Account) -> Result<u64, AppError> {
        let n = self.store.delete_sessions(account.id).await?;
        tracing::info!(account = %account.id, sessions = n, "signed out everywhere");
        Ok(n)
    }

    /// Removes sessions past their absolute end (housekeeping).
    pub async fn purge_sessions(&self, now: DateTime<Utc>) -> Result<u64, AppError> {
        Ok(self.store.delete_expired_sessions(now).await?)
    }
}

impl App {
    /// Removes sessions past their absolute end, now and every hour.
    pub fn spawn_session_purge(&self) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        tokio::spawn(async move {
            loop {
                match app.purge_sessions(app.clock.now()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(sessions = n, "expired sessions removed"),
                    Err(e) => tracing::warn!(error = %e, "removing expired sessions failed"),
                }
                tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
            }
        })
    }
}
