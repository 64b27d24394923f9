//! The sender loop: deliver what is due, then sleep until the next retry or
//! until woken.

use std::time::Duration;

use chrono::Utc;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use watwerkt_store::QueuedMail;

use super::{MailConfig, MailSecurity};
use crate::App;

type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// Mails taken per round.
const BATCH: u32 = 20;

/// The name we greet the SMTP server with (EHLO): the site's host name.
fn hello_name(base_url: &str) -> Option<ClientId> {
    let host = base_url
        .split("://")
        .nth(1)?
        .split(['/', ':'])
        .next()
        .filter(|h| !h.is_empty())?;
    Some(ClientId::Domain(host.to_owned()))
}

fn transport(config: &MailConfig, base_url: &str) -> Result<Transport, String> {
    let host = config.smtp_host.trim();
    let builder = match config.security {
        MailSecurity::None => Transport::builder_dangerous(host),
        MailSecurity::Starttls => {
            Transport::starttls_relay(host).map_err(|e| format!("STARTTLS: {e}"))?
        }
        MailSecurity::Tls => Transport::relay(host).map_err(|e| format!("TLS: {e}"))?,
    };
    let mut builder = builder
        .port(config.smtp_port)
        .timeout(Some(Duration::from_secs(30)));
    if let Some(name) = hello_name(base_url) {
        builder = builder.hello_name(name);
    }
    if !config.username.is_empty() {
        builder = builder.credentials(Credentials::new(
            config.username.clone(),
            config.password.clone(),
        ));
    }
    Ok(builder.build())
}

fn message(from: &Mailbox, q: &QueuedMail) -> Result<Message, String> {
    let to: Mailbox = q
        .mail
        .to
        .parse()
        .map_err(|e| format!("ongeldige ontvanger: {e}"))?;
    let id = format!(
        "<watwerkt.{}.{}@{}>",
        q.id,
        Utc::now().timestamp_micros(),
        from.email.domain()
    );
    Message::builder()
        .message_id(Some(id))
        .from(from.clone())
        .to(to)
        .subject(q.mail.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(q.mail.body.clone())
        .map_err(|e| format!("bericht opbouwen: {e}"))
}

/// Delivers every mail that is due now, once. Returns how many were sent.
pub async fn deliver_due(app: &App, config: &MailConfig) -> Result<usize, String> {
    let transport = transport(config, &app.config().base_url)?;
    let from: Mailbox = config
        .from
        .parse()
        .map_err(|e| format!("ongeldige afzender [mail] from: {e}"))?;
    let store = app.store();
    let mut sent = 0;
    loop {
        let due = store
            .due_mails(Utc::now(), BATCH)
            .await
            .map_err(|e| e.to_string())?;
        if due.is_empty() {
            return Ok(sent);
        }
        for q in &due {
            let result = match message(&from, q) {
                Ok(m) => transport
                    .send(m)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    store
                        .mark_mail_sent(q.id, Utc::now())
                        .await
                        .map_err(|e| e.to_string())?;
                    sent += 1;
                    tracing::info!(mail = q.id, "mail delivered");
                }
                Err(e) => {
                    let attempts = q.attempts + 1;
                    let wait = config.backoff(attempts);
                    let next = Utc::now()
                        + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1));
                    tracing::warn!(mail = q.id, attempts, error = %e, retry_in_s = wait.as_secs(), "mail delivery failed; will retry");
                    store
                        .mark_mail_failed(q.id, &e, next)
                        .await
                        .map_err(|e| e.to_string())?;
                }
            }
        }
    }
}

/// Starts the sender on the current runtime. Without usable settings it
/// only warns (once) that mail stays queued.
pub fn spawn(app: App, config: MailConfig) -> tokio::task::JoinHandle<()> {
    tokio::spawn(run(app, config))
}

async fn run(app: App, config: MailConfig) {
    let wake = app.accounts.clone();
    if !config.is_usable() {
        let mut warned = false;
        loop {
            let waiting = app.store().unsent_mail_count().await.unwrap_or(0);
            if waiting > 0 && !warned {
                tracing::warn!(
                    waiting,
                    "e-mail is not configured ([mail] enabled, smtp_host): mail stays in the outbox until it is"
                );
                warned = true;
            }
            wake.mail_wake.notified().await;
        }
    }
    tracing::info!(host = %config.smtp_host, port = config.smtp_port, "mail sender started");
    loop {
        if let Err(e) = deliver_due(&app, &config).await {
            // Settings or the outbox are broken: wait a full retry period
            // rather than spinning on the same error.
            tracing::error!(error = %e, "mail sender");
            tokio::select! {
                () = wake.mail_wake.notified() => {},
                () = tokio::time::sleep(config.backoff(1)) => {},
            }
            continue;
        }
        let sleep = match app.store().next_mail_due().await {
            Ok(Some(t)) => (t - Utc::now())
                .to_std()
                .unwrap_or(Duration::ZERO)
                .max(Duration::from_millis(200)),
            Ok(None) => Duration::from_secs(3600),
            Err(e) => {
                tracing::error!(error = %e, "mail sender: reading the outbox");
                Duration::from_secs(30)
            }
        };
        tokio::select! {
            () = wake.mail_wake.notified() => {},
            () = tokio::time::sleep(sleep) => {},
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greets_with_the_site_host() {
        assert_eq!(
            hello_name("https://watwerkt.example:8443/pad"),
            Some(ClientId::Domain("watwerkt.example".into()))
        );
        assert_eq!(hello_name(""), None);
    }
}
