#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Signing in and out: wrong passwords, rate limits per account and per
//! address, CSRF on the sign-in form, sessions ended here or everywhere.

mod auth_support;
mod common;

use auth_support::{set_cookie, set_cookie_line, signed_in, site_with, Browser};
use axum::http::StatusCode;
use common::{one, text};
use watwerkt_app::auth::AuthConfig;
use watwerkt_app::AppConfig;
use watwerkt_domain::Role;
use watwerkt_testkit::accounts::TEST_PASSWORD;

async fn site() -> common::Site {
    site_with(AppConfig::default()).await
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_one_message_for_both_mistakes() {
    let site = site().await;
    let (account, _) = signed_in(&site, &[Role::Owner]).await;
    let mut browser = Browser::default();
    let wrong = browser
        .login(&site, account.email.as_str(), "niet het wachtwoord")
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(set_cookie(&wrong, "watwerkt_sessie").is_none());
    let wrong_text = text(one(&wrong.html(), ".ww-form-error"));
    assert_eq!(wrong_text, "Het e-mailadres of het wachtwoord klopt niet.");
    // An unknown address gets exactly the same answer.
    let unknown = browser
        .login(&site, "niemand@nergens.nl", "niet het wachtwoord")
        .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(text(one(&unknown.html(), ".ww-form-error")), wrong_text);
    // The typed address is kept, the password is not.
    let doc = unknown.html();
    assert_eq!(
        one(&doc, "#email").value().attr("value"),
        Some("niemand@nergens.nl")
    );
    assert_eq!(one(&doc, "#wachtwoord").value().attr("value"), None);

    let ok = browser
        .login(&site, account.email.as_str(), TEST_PASSWORD)
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = browser.get(&site, "/account").await;
    assert_eq!(page.status, StatusCode::OK);
    // The header shows who is signed in and a sign-out button.
    let doc = page.html();
    assert_eq!(text(one(&doc, ".ww-account__name")), account.name);
    assert_eq!(text(one(&doc, ".ww-account__logout button")), "Uitloggen");
}

#[tokio::test]
async fn signing_in_returns_to_the_page_asked_for_but_never_elsewhere() {
    let site = site().await;
    let (account, _) = signed_in(&site, &[Role::Admin]).await;
    let mut browser = Browser::default();
    let asked = browser.get(&site, "/beheer/gebruikers").await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    assert_eq!(
        asked.header("location"),
        "/inloggen?terug=%2Fbeheer%2Fgebruikers"
    );
    let reply = browser
        .submit(
            &site,
            "/inloggen?terug=%2Fbeheer%2Fgebruikers",
            "/inloggen",
            &[
                ("email", account.email.as_str()),
                ("wachtwoord", TEST_PASSWORD),
                ("terug", "/beheer/gebruikers"),
            ],
        )
        .await;
    assert_eq!(reply.header("location"), "/beheer/gebruikers");
    let mut other = Browser::default();
    let reply = other
        .submit(
            &site,
            "/inloggen",
            "/inloggen",
            &[
                ("email", account.email.as_str()),
                ("wachtwoord", TEST_PASSWORD),
                ("terug", "https://kwaadaardig.example/"),
            ],
        )
        .await;
    assert_eq!(reply.header("location"), "/account");
}

#[tokio::test]
async fn only_a_page_with_a_form_gets_a_csrf_cookie() {
    let site = site().await;
    let mut browser = Browser::default();
    // The token is made when a form asks for it: the API and a page
    // without a form set no cookie.
    let api = browser.get(&site, "/api/v1/search?q=zorg").await;
    assert_eq!(api.status, StatusCode::OK);
    assert!(set_cookie(&api, "watwerkt_csrf").is_none());
    let search = browser.get(&site, "/zoeken?q=zorg").await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(set_cookie(&search, "watwerkt_csrf").is_none());
    // The sign-in page has a form: its field and the cookie carry one value.
    let page = browser.get(&site, "/inloggen").await;
    let cookie = set_cookie(&page, "watwerkt_csrf").expect("a CSRF cookie");
    assert_eq!(cookie.len(), 43, "{cookie}");
    assert_eq!(auth_support::form_csrf(&page), cookie);
}

#[tokio::test]
async fn the_sign_in_form_needs_its_csrf_token() {
    let site = site().await;
    let (account, _) = signed_in(&site, &[Role::Owner]).await;
    let mut browser = Browser::default();
    let page = browser.get(&site, "/inloggen").await;
    // The visitor's CSRF cookie is set with the form.
    let line = set_cookie_line(&page, "watwerkt_csrf");
    assert!(
        line.contains("HttpOnly") && line.contains("SameSite=Lax"),
        "{line}"
    );
    let fields = [
        ("email", account.email.as_str()),
        ("wachtwoord", TEST_PASSWORD),
    ];
    let missing = browser.post_raw(&site, "/inloggen", &fields).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(set_cookie(&missing, "watwerkt_sessie").is_none());
    // A token from another visitor's cookie does not fit this one.
    let other_page = Browser::default().get(&site, "/inloggen").await;
    let foreign = auth_support::form_csrf(&other_page);
    let mut with_foreign = fields.to_vec();
    with_foreign.push(("csrf", &foreign));
    let wrong = browser.post_raw(&site, "/inloggen", &with_foreign).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    // Without any CSRF cookie, even a well-formed token is refused.
    let mut no_cookie = Browser::default();
    let reply = no_cookie.post_raw(&site, "/inloggen", &with_foreign).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn too_many_failures_pause_an_account_even_from_other_addresses() {
    let site = site().await;
    let (account, _) = signed_in(&site, &[Role::Owner]).await;
    let email = account.email.as_str();
    for i in 0..5 {
        let mut b = Browser::at(&format!("10.0.0.{i}:4000"));
        let r = b.login(&site, email, "verkeerd wachtwoord").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // Now even the right password is refused, with a message to wait.
    let mut b = Browser::at("10.0.0.99:4000");
    let r = b.login(&site, email, TEST_PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let message = text(one(&r.html(), ".ww-form-error"));
    assert!(message.contains("Wacht 15 minuten"), "{message}");
    assert!(set_cookie(&r, "watwerkt_sessie").is_none());
    // Other accounts are not affected.
    let (other, _) = signed_in(&site, &[Role::Owner]).await;
    let r = b.login(&site, other.email.as_str(), TEST_PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // After the window the account works again.
    site.test.clock.advance(chrono::Duration::minutes(15));
    let r = Browser::at("10.0.0.99:4000")
        .login(&site, email, TEST_PASSWORD)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn too_many_failures_from_one_address_pause_that_address() {
    let config = AppConfig {
        auth: AuthConfig {
            max_failures_per_address: 4,
            ..AuthConfig::default()
        },
        ..AppConfig::default()
    };
    let site = site_with(config).await;
    let (account, _) = signed_in(&site, &[Role::Owner]).await;
    let mut attacker = Browser::at("192.0.2.7:5555");
    for i in 0..4 {
        let r = attacker
            .login(&site, &format!("gok{i}@voorbeeld.nl"), "raden raden raden")
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = attacker
        .login(&site, account.email.as_str(), TEST_PASSWORD)
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // The same account from another address is fine.
    let r = Browser::at("198.51.100.1:5555")
        .login(&site, account.email.as_str(), TEST_PASSWORD)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let site = site().await;
    let (_account, mut browser) = signed_in(&site, &[Role::Editor]).await;
    let page = browser.get(&site, "/account").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = text(one(&page.html(), ".ww-account__logout"));
    assert_eq!(csrf, "Uitloggen");
    let token = one(&page.html(), ".ww-account__logout input[name=csrf]")
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let old_session = browser.session.clone();
    // Without the token: refused, still signed in.
    let refused = browser.post_raw(&site, "/uitloggen", &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(browser.get(&site, "/account").await.status, StatusCode::OK);
    let out = browser
        .post_raw(&site, "/uitloggen", &[("csrf", &token)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(set_cookie(&out, "watwerkt_sessie").as_deref(), Some(""));
    // The old cookie no longer works, even if kept.
    let mut replay = Browser {
        session: old_session,
        ..Browser::default()
    };
    let r = replay.get(&site, "/account").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header("location"), "/inloggen?terug=%2Faccount");
}

#[tokio::test]
async fn signing_out_everywhere_ends_the_other_sessions_too() {
    let site = site().await;
    let (account, mut laptop) = signed_in(&site, &[Role::Owner]).await;
    let mut phone = Browser::default();
    assert_eq!(
        phone
            .login(&site, account.email.as_str(), TEST_PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let (_, mut someone_else) = signed_in(&site, &[Role::Owner]).await;
    assert_eq!(phone.get(&site, "/account").await.status, StatusCode::OK);
    let reply = laptop
        .submit(&site, "/account", "/account/overal-uitloggen", &[])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(text(one(&reply.html(), ".ww-account-message")).contains("2 sessies"));
    assert_eq!(
        laptop.get(&site, "/account").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        phone.get(&site, "/account").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        someone_else.get(&site, "/account").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_idle_session_expires() {
    let site = site().await;
    let (_, mut browser) = signed_in(&site, &[Role::Owner]).await;
    site.test.clock.advance(chrono::Duration::hours(7));
    assert_eq!(browser.get(&site, "/account").await.status, StatusCode::OK);
    site.test.clock.advance(chrono::Duration::hours(7));
    assert_eq!(browser.get(&site, "/account").await.status, StatusCode::OK);
    site.test.clock.advance(chrono::Duration::hours(8));
    let r = browser.get(&site, "/account").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(set_cookie(&r, "watwerkt_sessie").as_deref(), Some(""));
}

#[tokio::test]
async fn public_pages_set_no_cookies_for_visitors() {
    let site = site().await;
    let r = Browser::default().get(&site, "/interventies").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers.get("set-cookie").is_none());
    let doc = r.html();
    assert_eq!(text(one(&doc, ".ww-account__login")), "Inloggen");
}

#[tokio::test]
async fn the_database_keeps_only_a_hash_of_the_session_token() {
    use watwerkt_store::AccountStore;
    let site = site().await;
    let (account, token) = site.test.sign_in_as(&[Role::Owner]).await;
    let store = &site.test.store;
    assert!(store.session(token.expose()).await.unwrap().is_none());
    let stored = store.session(&token.hash()).await.unwrap().unwrap();
    assert_eq!(stored.account.id, account.id);
}
