//! Invitations: the only way an account comes to exist.
//!
//! Least privilege: a beheerder may invite anyone with any roles; a
//! coördinator erkenning only owners, assessors and committee members
//! ([`Role::may_invite`]); nobody else may invite. The command line acts as
//! the operator (to create the first beheerder).

use chrono::Duration;
use watwerkt_domain::account::{clean_name, NameField};
use watwerkt_domain::{Account, Email, PasswordPolicy, Role, RoleSet};
use watwerkt_store::{Invitation, OneTimeToken, TokenKind};

use super::secret::Secret;
use super::{link_problem, mails, password, LinkFormError, LinkProblem, SignedIn};
use crate::{App, AppError};

/// What an inviter fills in.
#[derive(Debug, Clone, Default)]
pub struct InviteInput {
    /// E-mail address (normalised on the way in).
    pub email: String,
    /// Name.
    pub name: String,
    /// Organisation.
    pub organisation: String,
    /// Roles.
    pub roles: RoleSet,
}

/// A sent invitation.
#[derive(Debug, Clone)]
pub struct InviteSent {
    /// The invited address.
    pub email: Email,
    /// The single-use link (shown only to the operator on the command line).
    pub link: String,
}

/// What the invitation page shows before the account exists.
#[derive(Debug, Clone)]
pub struct InvitationView {
    /// Address the account gets.
    pub email: Email,
    /// Name as invited.
    pub name: String,
    /// Organisation.
    pub organisation: String,
    /// Roles.
    pub roles: RoleSet,
}

impl App {
    /// The absolute address of a site path, for links in e-mail.
    pub fn site_link(&self, path: &str) -> String {
        let base = if self.config.base_url.is_empty() {
            "http://127.0.0.1:8080"
        } else {
            self.config.base_url.trim_end_matches('/')
        };
        format!("{base}{path}")
    }

    /// Invites someone: checks who may hand out which role, stores the
    /// invitation and queues its e-mail in one transaction, then wakes the
    /// mail sender. `inviter` is `None` for the operator (command line).
    pub async fn invite(
        &self,
        inviter: Option<&Account>,
        input: &InviteInput,
    ) -> Result<InviteSent, AppError> {
        if let Some(who) = inviter {
            if let Some(role) = input
                .roles
                .iter()
                .find(|r| !Role::may_invite(&who.roles, *r))
            {
                return Err(AppError::Forbidden(format!(
                    "u mag niemand uitnodigen als {}",
                    watwerkt_domain::Coded::label(role)
                )));
            }
        }
        let invalid = |e: watwerkt_domain::AccountError| AppError::Invalid(e.to_string());
        let email = Email::parse(&input.email).map_err(invalid)?;
        let name = clean_name(&input.name, NameField::Name).map_err(invalid)?;
        let organisation =
            clean_name(&input.organisation, NameField::Organisation).map_err(invalid)?;
        if input.roles.is_empty() {
            return Err(invalid(watwerkt_domain::AccountError::NoRole));
        }
        if self.store.email_taken(&email).await? {
            return Err(AppError::Conflict(format!(
                "er bestaat al een account met het e-mailadres {email}"
            )));
        }
        let token = Secret::generate()?;
        let days = self.config.auth.invitation_days;
        let link = self.site_link(&format!("/uitnodiging/{}", token.expose()));
        let mail = mails::invitation(
            email.as_str(),
            &name,
            &input.roles.labels(),
            &link,
            days,
            inviter.map(|a| a.name.as_str()),
        );
        let record = OneTimeToken {
            hash: token.hash(),
            kind: TokenKind::Invitation,
            account: None,
            invitation: Some(Invitation {
                email: email.clone(),
                name,
                organisation,
                roles: input.roles.clone(),
                invited_by: inviter.map(|a| a.id),
            }),
            expires_at: self.clock.now() + Duration::days(i64::from(days)),
            used_at: None,
        };
        self.store.store_token(&record, &[mail]).await?;
        self.wake_mailer();
        tracing::info!(invited_by = ?inviter.map(|a| a.id), roles = %input.roles.codes(), "invitation queued");
        Ok(InviteSent { email, link })
    }

    /// The invitation behind a link, if it can still be used.
    pub async fn invitation(&self, token: &str) -> Result<InvitationView, LinkFormError> {
        let Some(secret) = Secret::from_received(token) else {
            return Err(LinkFormError::Link(LinkProblem::Unknown));
        };
        let Some(t) = self.store.token(&secret.hash()).await? else {
            return Err(LinkFormError::Link(LinkProblem::Unknown));
        };
        let Some(inv) = t.invitation.filter(|_| t.kind == TokenKind::Invitation) else {
            return Err(LinkFormError::Link(LinkProblem::Unknown));
        };
        if t.used_at.is_some() {
            return Err(LinkFormError::Link(LinkProblem::Used));
        }
        if t.expires_at <= self.clock.now() {
            return Err(LinkFormError::Link(LinkProblem::Expired));
        }
        Ok(InvitationView {
            email: inv.email,
            name: inv.name,
            organisation: inv.organisation,
            roles: inv.roles,
        })
    }

    /// Accepts an invitation: checks name and password, then in one
    /// transaction uses the link, creates the account and signs it in.
    pub async fn accept_invitation(
        &self,
        token: &str,
        name: &str,
        new_password: &str,
        repeated: &str,
    ) -> Result<SignedIn, LinkFormError> {
        let Some(secret) = Secret::from_received(token) else {
            return Err(LinkFormError::Link(LinkProblem::Unknown));
        };
        // A cheap look first, so a used or expired link says so before the
        // form is judged.
        self.invitation(token).await?;
        let name =
            clean_name(name, NameField::Name).map_err(|e| LinkFormError::Input(e.to_string()))?;
        PasswordPolicy::check(new_password, repeated)
            .map_err(|e| LinkFormError::Input(e.to_string()))?;
        let hash = password::hash(new_password).await?;
        let (session_token, session) = self.new_session()?;
        let account = self
            .store
            .accept_invitation(&secret.hash(), &name, &hash, &session)
            .await?;
        let account = link_problem(account).map_err(LinkFormError::Link)?;
        tracing::info!(account = %account.id, "invitation accepted");
        Ok(SignedIn {
            account,
            token: session_token,
        })
    }
}
