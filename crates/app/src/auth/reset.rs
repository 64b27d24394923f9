//! Forgotten passwords: a single-use link by e-mail. The request answers the
//! same whether or not the address has an account.

use chrono::Duration;
use watwerkt_domain::{Account, Email, PasswordPolicy};
use watwerkt_store::{OneTimeToken, TokenKind};

use super::secret::Secret;
use super::throttle::Limits;
use super::{link_problem, mails, password, LinkFormError, LinkProblem};
use crate::{App, AppError};

/// Reset mails per account within the sign-in window (`failure_window_minutes`).
const RESET_MAILS_PER_WINDOW: u32 = 3;

impl App {
    /// Sends a reset link if `email` belongs to an active account; otherwise
    /// does nothing. The caller answers the same in both cases.
    pub async fn request_password_reset(&self, email: &str) -> Result<(), AppError> {
        let Ok(email) = Email::parse(email) else {
            return Ok(());
        };
        let Some(c) = self.store.credentials(&email).await? else {
            return Ok(());
        };
        if !c.account.active {
            return Ok(());
        }
        let now = self.clock.now();
        let limits = Limits {
            per_account: RESET_MAILS_PER_WINDOW,
            per_address: u32::MAX,
            window: Duration::minutes(i64::from(self.config.auth.failure_window_minutes)),
        };
        let throttle = &self.accounts.reset_throttle;
        if throttle.blocked(email.as_str(), "", limits, now).is_some() {
            tracing::info!(account = %c.account.id, "reset mail not sent: too many requests");
            return Ok(());
        }
        throttle.record_failure(email.as_str(), "", limits, now);
        let token = Secret::generate()?;
        let minutes = self.config.auth.reset_minutes;
        let link = self.site_link(&format!("/wachtwoord-herstellen/{}", token.expose()));
        let mail = mails::reset(email.as_str(), &c.account.name, &link, minutes);
        let record = OneTimeToken {
            hash: token.hash(),
            kind: TokenKind::Reset,
            account: Some(c.account.id),
            invitation: None,
            expires_at: now + Duration::minutes(i64::from(minutes)),
            used_at: None,
        };
        self.store.store_token(&record, &[mail]).await?;
        self.wake_mailer();
        Ok(())
    }

    /// Whether a reset link can still be used.
    pub async fn check_reset_link(&self, token: &str) -> Result<(), LinkFormError> {
        let Some(secret) = Secret::from_received(token) else {
            return Err(LinkFormError::Link(LinkProblem::Unknown));
        };
        let Some(t) = self.store.token(&secret.hash()).await? else {
            return Err(LinkFormError::Link(LinkProblem::Unknown));
        };
        if t.kind != TokenKind::Reset {
            return Err(LinkFormError::Link(LinkProblem::Unknown));
        }
        if t.used_at.is_some() {
            return Err(LinkFormError::Link(LinkProblem::Used));
        }
        if t.expires_at <= self.clock.now() {
            return Err(LinkFormError::Link(LinkProblem::Expired));
        }
        Ok(())
    }

    /// Sets a new password with a reset link; ends every session of the
    /// account (in the same transaction). The person signs in afterwards.
    pub async fn reset_password(
        &self,
        token: &str,
        new_password: &str,
        repeated: &str,
    ) -> Result<Account, LinkFormError> {
        self.check_reset_link(token).await?;
        let Some(secret) = Secret::from_received(token) else {
            return Err(LinkFormError::Link(LinkProblem::Unknown));
        };
        PasswordPolicy::check(new_password, repeated)
            .map_err(|e| LinkFormError::Input(e.to_string()))?;
        let hash = password::hash(new_password).await?;
        let done = self
            .store
            .reset_password(&secret.hash(), &hash, self.clock.now())
            .await?;
        let account = link_problem(done).map_err(LinkFormError::Link)?;
        tracing::info!(account = %account.id, "password reset; all sessions ended");
        Ok(account)
    }

    /// Every account (for the beheerder's list).
    pub async fn accounts(&self) -> Result<Vec<Account>, AppError> {
        Ok(self.store.list_accounts().await?)
    }
}
