//! The mail outbox: e-mails are stored in the same transaction as the change
//! that causes them and delivered afterwards, with retries, by the sender in
//! `app`. A failed delivery never undoes the change.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::StoreResult;

/// One plain-text e-mail (Dutch) to be sent.
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

/// Bodies can hold single-use links: Debug shows only recipient and subject.
impl std::fmt::Debug for OutgoingMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutgoingMail")
            .field("to", &self.to)
            .field("subject", &self.subject)
            .field(
                "body",
                &format_args!("[{} tekens]", self.body.chars().count()),
            )
            .finish()
    }
}

/// A mail in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMail {
    /// Outbox id.
    pub id: i64,
    /// The mail.
    pub mail: OutgoingMail,
    /// Delivery attempts so far.
    pub attempts: u32,
}

/// The outbox.
#[async_trait]
pub trait MailOutbox: Send + Sync {
    /// Queues mails on their own (changes that send mail queue them inside
    /// their own transaction instead).
    async fn enqueue_mails(&self, mails: &[OutgoingMail]) -> StoreResult<()>;

    /// Unsent mails whose next attempt is due at `now`, oldest first.
    async fn due_mails(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<Vec<QueuedMail>>;

    /// Marks a mail delivered.
    async fn mark_mail_sent(&self, id: i64, now: DateTime<Utc>) -> StoreResult<()>;

    /// Records a failed attempt and when to try again.
    async fn mark_mail_failed(
        &self,
        id: i64,
        error: &str,
        next_attempt_at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// When the earliest unsent mail is due (`None`: nothing to send).
    async fn next_mail_due(&self) -> StoreResult<Option<DateTime<Utc>>>;

    /// Number of mails not yet delivered.
    async fn unsent_mail_count(&self) -> StoreResult<u64>;
}
