//! Accounts and sign-in: invitations, sign-in with rate limiting, sessions,
//! sign-out (here or everywhere) and password reset by single-use links.
//!
//! Secrets: passwords are hashed with argon2id (`password.rs`), session and
//! link tokens are 32 random bytes of which only the SHA-256 is stored
//! (`secret.rs`). None of them is ever logged. Pages never tell whether an
//! address has an account: sign-in failures and reset requests answer the same.

mod config;
mod invite;
mod mails;
pub mod password;
mod reset;
pub mod secret;
mod session;
mod throttle;

use watwerkt_domain::Account;

pub use config::AuthConfig;
pub use invite::{InvitationView, InviteInput, InviteSent};
pub use secret::Secret;
pub(crate) use throttle::Throttle;

use crate::AppError;

/// Per-process state of accounts: the sign-in throttle and the mail
/// sender's wake-up call.
#[derive(Debug, Default)]
pub(crate) struct AuthRuntime {
    pub(crate) throttle: Throttle,
    /// Reset mails sent per account (so nobody can flood a mailbox).
    pub(crate) reset_throttle: Throttle,
    pub(crate) mail_wake: tokio::sync::Notify,
}

/// A started session: the account and the token for its cookie.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// Who.
    pub account: Account,
    /// The cookie value (only the hash is stored).
    pub token: Secret,
}

/// Why a sign-in failed.
#[derive(Debug)]
pub enum LoginError {
    /// Wrong address or password (one message for both).
    BadCredentials,
    /// Too many failures: wait this many minutes.
    Throttled {
        /// Minutes to wait (at least 1).
        minutes: i64,
    },
    /// Something broke inside.
    Internal(AppError),
}

impl LoginError {
    /// The Dutch message.
    pub fn message(&self) -> String {
        match self {
            Self::BadCredentials => "Het e-mailadres of het wachtwoord klopt niet.".to_owned(),
            Self::Throttled { minutes } => format!(
                "Er is te vaak een verkeerd wachtwoord geprobeerd. Wacht {} en probeer het dan opnieuw.",
                if *minutes == 1 { "1 minuut".to_owned() } else { format!("{minutes} minuten") }
            ),
            Self::Internal(_) => "Er ging aan onze kant iets mis. Probeer het later opnieuw.".to_owned(),
        }
    }
}

/// Why a link (invitation or reset) cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// Unknown (mistyped, or not one of ours).
    Unknown,
    /// Already used.
    Used,
    /// Expired.
    Expired,
    /// The invited address has an account by now.
    EmailTaken,
}

impl LinkProblem {
    /// The Dutch message; `invitation` tells which kind of link.
    pub fn message(self, invitation: bool) -> &'static str {
        match (self, invitation) {
            (Self::Unknown, true) => "Deze uitnodigingslink kennen we niet. Controleer of u de hele link uit de e-mail hebt gebruikt.",
            (Self::Unknown, false) => "Deze herstellink kennen we niet. Controleer of u de hele link uit de e-mail hebt gebruikt, of vraag een nieuwe aan.",
            (Self::Used, true) => "Deze uitnodiging is al gebruikt: het account bestaat. Log in met uw e-mailadres en wachtwoord.",
            (Self::Used, false) => "Deze herstellink is al gebruikt. Vraag zo nodig een nieuwe aan.",
            (Self::Expired, true) => "Deze uitnodiging is verlopen. Vraag degene die u uitnodigde om een nieuwe uitnodiging.",
            (Self::Expired, false) => "Deze herstellink is verlopen. Vraag een nieuwe aan.",
            (Self::EmailTaken, _) => "Er bestaat al een account met dit e-mailadres. Log in, of vraag een nieuw wachtwoord aan.",
        }
    }
}

/// Why completing a link form (accept invitation, new password) failed.
#[derive(Debug)]
pub enum LinkFormError {
    /// The link itself cannot be used; nothing changed.
    Link(LinkProblem),
    /// The input is wrong (Dutch message); show the form again.
    Input(String),
    /// Something broke inside.
    Internal(AppError),
}

impl From<AppError> for LinkFormError {
    fn from(e: AppError) -> Self {
        Self::Internal(e)
    }
}

impl From<watwerkt_store::StoreError> for LinkFormError {
    fn from(e: watwerkt_store::StoreError) -> Self {
        Self::Internal(e.into())
    }
}

fn link_problem<T>(r: watwerkt_store::Redeemed<T>) -> Result<T, LinkProblem> {
    use watwerkt_store::Redeemed;
    match r {
        Redeemed::Done(t) => Ok(t),
        Redeemed::Unknown => Err(LinkProblem::Unknown),
        Redeemed::Used => Err(LinkProblem::Used),
        Redeemed::Expired => Err(LinkProblem::Expired),
        Redeemed::EmailTaken => Err(LinkProblem::EmailTaken),
    }
}
