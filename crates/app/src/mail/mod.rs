//! Delivering the mail outbox over SMTP (`lettre`).
//!
//! Changes queue their mails in the outbox inside their own transaction; the
//! sender started by `watwerkt serve` ([`spawn`]) delivers them afterwards.
//! A failed delivery is kept with its error and retried with exponential
//! backoff; it never undoes the change. [`App::wake_mailer`] nudges the
//! sender right after a commit; otherwise it sleeps until the next retry is due.

mod config;
mod sender;

pub use config::{MailConfig, MailSecurity};
pub use sender::{deliver_due, spawn};

use crate::App;

impl App {
    /// Tells the mail sender that new mail is waiting (cheap; call after commit).
    pub fn wake_mailer(&self) {
        self.accounts.mail_wake.notify_one();
    }
}
