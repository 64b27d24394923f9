#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Passwords, session tokens and link tokens never reach the log, even at
//! the most detailed level.

mod auth_support;
mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use auth_support::{set_cookie, site_with, Browser};
use tracing_subscriber::fmt::MakeWriter;
use watwerkt_app::AppConfig;
use watwerkt_domain::Role;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn no_secret_is_logged() {
    let log = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(log.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let site = site_with(AppConfig::default()).await;
    let password = "geheime zin die nooit in een log mag";
    let sent = site
        .test
        .app
        .invite(
            None,
            &watwerkt_app::auth::InviteInput {
                email: "log@voorbeeld.nl".into(),
                name: "Log".into(),
                organisation: "Org".into(),
                roles: [Role::Owner].into(),
            },
        )
        .await
        .unwrap();
    let link_token = watwerkt_testkit::accounts::token_of(&sent.link).to_owned();
    let path = format!("/uitnodiging/{link_token}");
    let mut browser = Browser::default();
    let reply = browser
        .submit(
            &site,
            &path,
            &path,
            &[
                ("naam", "Log"),
                ("wachtwoord", password),
                ("herhaling", password),
            ],
        )
        .await;
    assert_eq!(reply.status, 303);
    let session = set_cookie(&reply, "watwerkt_sessie").unwrap();
    assert_eq!(browser.get(&site, "/account").await.status, 200);
    let wrong = Browser::default()
        .login(&site, "log@voorbeeld.nl", "een fout maar geheim wachtwoord")
        .await;
    assert_eq!(wrong.status, 401);

    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("invitation accepted"), "the log was captured");
    assert!(
        text.contains("/uitnodiging/[verborgen]"),
        "request paths are logged, redacted"
    );
    for secret in [
        password,
        "een fout maar geheim wachtwoord",
        link_token.as_str(),
        session.as_str(),
    ] {
        assert!(!text.contains(secret), "a secret is in the log");
    }
}
