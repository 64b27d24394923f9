#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Forgotten passwords: the request answers the same for every address, the
//! link arrives over SMTP, works once, expires, and ends every session.

mod auth_support;
mod common;

use auth_support::{signed_in, site_with, site_with_mail, Browser};
use axum::http::StatusCode;
use chrono::Duration;
use common::{one, text};
use watwerkt_app::AppConfig;
use watwerkt_domain::Role;
use watwerkt_store::MailOutbox;
use watwerkt_testkit::accounts::TEST_PASSWORD;

const NEW_PASSWORD: &str = "nieuw en nog langer wachtwoord";

fn path_of(link: &str) -> String {
    let rest = link.split("://").nth(1).unwrap();
    rest[rest.find('/').unwrap()..].to_owned()
}

#[tokio::test]
async fn the_answer_is_the_same_for_known_and_unknown_addresses() {
    let site = site_with(AppConfig::default()).await;
    let (account, _) = signed_in(&site, &[Role::Owner]).await;
    let queued = site.test.store.unsent_mail_count().await.unwrap();
    let mut browser = Browser::default();
    let known = browser
        .submit(
            &site,
            "/wachtwoord-vergeten",
            "/wachtwoord-vergeten",
            &[("email", account.email.as_str())],
        )
        .await;
    let unknown = browser
        .submit(
            &site,
            "/wachtwoord-vergeten",
            "/wachtwoord-vergeten",
            &[("email", "onbekend@voorbeeld.nl")],
        )
        .await;
    let garbage = browser
        .submit(
            &site,
            "/wachtwoord-vergeten",
            "/wachtwoord-vergeten",
            &[("email", "geen adres")],
        )
        .await;
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(
        (unknown.status, garbage.status),
        (known.status, known.status)
    );
    assert_eq!(unknown.body, known.body, "the pages must not differ");
    assert_eq!(garbage.body, known.body);
    assert!(text(one(&known.html(), ".ww-account-message")).starts_with("Als er een account"));
    // Only the known address got a mail.
    assert_eq!(
        site.test.store.unsent_mail_count().await.unwrap(),
        queued + 1
    );
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let (site, sink) = site_with_mail().await;
    let (account, mut old_session) = signed_in(&site, &[Role::Assessor]).await;
    assert_eq!(
        old_session.get(&site, "/account").await.status,
        StatusCode::OK
    );
    let mut browser = Browser::default();
    browser
        .submit(
            &site,
            "/wachtwoord-vergeten",
            "/wachtwoord-vergeten",
            &[("email", account.email.as_str())],
        )
        .await;
    let mails = sink.wait_for(2).await;
    let mail = mails
        .iter()
        .find(|m| m.subject == "Nieuw wachtwoord voor watwerkt")
        .expect("reset mail");
    assert_eq!(mail.rcpt_to, [account.email.as_str()]);
    let path = path_of(
        &mail
            .link_containing("/wachtwoord-herstellen/")
            .expect("link"),
    );

    let reply = browser
        .submit(
            &site,
            &path,
            &path,
            &[("wachtwoord", NEW_PASSWORD), ("herhaling", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(text(one(&reply.html(), ".ww-account-message")).contains("gewijzigd"));
    // Every session of the account ended.
    assert_eq!(
        old_session.get(&site, "/account").await.status,
        StatusCode::SEE_OTHER
    );
    // Old password out, new password in.
    let mut b = Browser::default();
    assert_eq!(
        b.login(&site, account.email.as_str(), TEST_PASSWORD)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        b.login(&site, account.email.as_str(), NEW_PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // The link works once.
    let again = Browser::default().get(&site, &path).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(text(one(&again.html(), ".ww-account-message")).contains("al gebruikt"));
}

#[tokio::test]
async fn an_expired_reset_link_changes_nothing() {
    let site = site_with(AppConfig::default()).await;
    let (account, _) = signed_in(&site, &[Role::Owner]).await;
    site.test
        .app
        .request_password_reset(account.email.as_str())
        .await
        .unwrap();
    let outbox = site
        .test
        .store
        .due_mails(chrono::Utc::now(), 10)
        .await
        .unwrap();
    let mail = outbox
        .iter()
        .find(|q| q.mail.subject.starts_with("Nieuw wachtwoord"))
        .unwrap();
    let link = mail
        .mail
        .body
        .split_whitespace()
        .find(|w| w.contains("/wachtwoord-herstellen/"))
        .unwrap();
    let path = path_of(link);
    let mut browser = Browser::default();
    let page = browser.get(&site, &path).await;
    let csrf = auth_support::form_csrf(&page);
    site.test.clock.advance(Duration::minutes(61));
    let r = browser
        .post_raw(
            &site,
            &path,
            &[
                ("csrf", &csrf),
                ("wachtwoord", NEW_PASSWORD),
                ("herhaling", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(text(one(&r.html(), ".ww-account-message")).contains("verlopen"));
    let mut b = Browser::default();
    assert_eq!(
        b.login(&site, account.email.as_str(), TEST_PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn repeated_requests_do_not_flood_the_mailbox() {
    let site = site_with(AppConfig::default()).await;
    let (account, _) = signed_in(&site, &[Role::Owner]).await;
    let before = site.test.store.unsent_mail_count().await.unwrap();
    let mut browser = Browser::default();
    for _ in 0..5 {
        let r = browser
            .submit(
                &site,
                "/wachtwoord-vergeten",
                "/wachtwoord-vergeten",
                &[("email", account.email.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    assert_eq!(
        site.test.store.unsent_mail_count().await.unwrap(),
        before + 3
    );
    site.test.clock.advance(Duration::minutes(15));
    site.test
        .app
        .request_password_reset(account.email.as_str())
        .await
        .unwrap();
    assert_eq!(
        site.test.store.unsent_mail_count().await.unwrap(),
        before + 4
    );
}
