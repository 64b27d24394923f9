#![allow(clippy::unwrap_used, clippy::expect_used)]
//! A mail that cannot be delivered stays in the outbox and is retried with
//! backoff until the SMTP server is back; it is delivered exactly once.

mod auth_support;
mod common;

use std::time::{Duration, Instant};

use watwerkt_app::auth::InviteInput;
use watwerkt_domain::{Role, RoleSet};
use watwerkt_store::MailOutbox;
use watwerkt_testkit::smtp::SmtpSink;

#[tokio::test]
async fn a_failed_delivery_is_retried_and_delivered_once_the_server_is_up() {
    let mut sink = SmtpSink::start();
    sink.stop();
    let site = auth_support::site_with(Default::default()).await;
    let store = site.test.store.clone();
    watwerkt_app::mail::spawn(site.test.app.clone(), sink.mail_config());
    let input = InviteInput {
        email: "gert@voorbeeld.nl".into(),
        name: "Gert".into(),
        organisation: "Wijkteam Oost".into(),
        roles: RoleSet::from([Role::Assessor]),
    };
    // The invitation is stored even though mail cannot go out.
    site.test.app.invite(None, &input).await.unwrap();

    // Wait until at least one delivery attempt failed.
    let started = Instant::now();
    loop {
        let next = store.next_mail_due().await.unwrap();
        let failed = next.is_some_and(|t| t > chrono::DateTime::<chrono::Utc>::MIN_UTC);
        if failed {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no failed attempt recorded"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(store.unsent_mail_count().await.unwrap(), 1);
    assert!(sink.received().is_empty());

    // The server comes back: the retry delivers it.
    sink.restart();
    let mails = sink.wait_for(1).await;
    assert_eq!(mails[0].rcpt_to, ["gert@voorbeeld.nl"]);
    assert_eq!(mails[0].subject, "Uitnodiging voor watwerkt");
    let started = Instant::now();
    while store.unsent_mail_count().await.unwrap() != 0 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "outbox not marked sent"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // And only once, even after further wake-ups.
    site.test.app.wake_mailer();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.received().len(), 1);
}

#[tokio::test]
async fn without_smtp_settings_mail_waits_in_the_outbox() {
    let site = auth_support::site_with(Default::default()).await;
    watwerkt_app::mail::spawn(site.test.app.clone(), Default::default());
    let (_, _) = site.test.sign_in_as(&[Role::Owner]).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(site.test.store.unsent_mail_count().await.unwrap(), 1);
}
