#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Accounts come from invitations: the e-mail arrives over real SMTP, the
//! link works once and expires, and the password is stored as argon2id.

mod auth_support;
mod common;

use auth_support::{set_cookie_line, site_with_mail, Browser};
use chrono::Duration;
use common::{one, text};
use watwerkt_app::auth::InviteInput;
use watwerkt_domain::{Email, Role, RoleSet};
use watwerkt_store::{AccountStore, MailOutbox};
use watwerkt_testkit::accounts::token_of;

const PASSWORD: &str = "een zin van vijf woorden";

fn input(email: &str) -> InviteInput {
    InviteInput {
        email: email.into(),
        name: "Anna de Vries".into(),
        organisation: "Stichting Buurtkracht".into(),
        roles: RoleSet::from([Role::Owner]),
    }
}

fn path_of(link: &str) -> String {
    let rest = link.split("://").nth(1).unwrap();
    rest[rest.find('/').unwrap()..].to_owned()
}

#[tokio::test]
async fn an_invitation_mail_leads_to_a_signed_in_account() {
    let (site, sink) = site_with_mail().await;
    let (_admin, mut admin) = auth_support::signed_in(&site, &[Role::Admin]).await;
    let reply = admin
        .submit(
            &site,
            "/beheer/gebruikers",
            "/beheer/gebruikers",
            &[
                ("email", " Anna@Buurtkracht.NL "),
                ("naam", "Anna de Vries"),
                ("organisatie", "Stichting Buurtkracht"),
                ("rol", "eigenaar"),
                ("rol", "beoordelaar"),
            ],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(text(one(&reply.html(), ".ww-form-notice")).contains("anna@buurtkracht.nl"));

    // The mail arrives over SMTP, with the link.
    let mails = sink.wait_for(2).await; // the admin's own invitation + this one
    let mail = mails
        .iter()
        .find(|m| m.rcpt_to == ["anna@buurtkracht.nl"])
        .expect("invitation to Anna");
    assert_eq!(mail.subject, "Uitnodiging voor watwerkt");
    assert!(
        mail.body
            .contains("interventie-eigenaar, praktijkbeoordelaar"),
        "{}",
        mail.body
    );
    let link = mail.link_containing("/uitnodiging/").expect("a link");
    assert!(
        link.starts_with("https://watwerkt.test/uitnodiging/"),
        "{link}"
    );

    // Open it, choose a password: signed in.
    let mut anna = Browser::default();
    let page = anna.get(&site, &path_of(&link)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let doc = page.html();
    assert_eq!(
        one(&doc, "#email").value().attr("value"),
        Some("anna@buurtkracht.nl")
    );
    let reply = anna
        .submit(
            &site,
            &path_of(&link),
            &path_of(&link),
            &[
                ("naam", "Anna de Vries"),
                ("wachtwoord", PASSWORD),
                ("herhaling", PASSWORD),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(reply.header("location"), "/account");
    let cookie = set_cookie_line(&reply, "watwerkt_sessie");
    for part in ["HttpOnly", "SameSite=Lax", "Path=/", "Secure"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    let account_page = anna.get(&site, "/account").await;
    assert_eq!(account_page.status, 200);
    let doc = account_page.html();
    assert_eq!(
        text(one(&doc, ".ww-account-facts__email")),
        "anna@buurtkracht.nl"
    );
    assert_eq!(text(one(&doc, ".ww-account__name")), "Anna de Vries");

    // The password is stored as argon2id, never in the clear.
    let creds = site
        .test
        .store
        .credentials(&Email::parse("anna@buurtkracht.nl").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(
        creds.password_hash.starts_with("$argon2id$"),
        "{}",
        creds.password_hash
    );
    assert!(!creds.password_hash.contains(PASSWORD));

    // And she can sign in with it.
    let mut later = Browser::default();
    let reply = later.login(&site, "ANNA@buurtkracht.nl", PASSWORD).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
}

#[tokio::test]
async fn a_used_invitation_link_changes_nothing_the_second_time() {
    let site = auth_support::site_with(Default::default()).await;
    let sent = site
        .test
        .app
        .invite(None, &input("bram@x.nl"))
        .await
        .unwrap();
    let path = format!("/uitnodiging/{}", token_of(&sent.link));
    let mut first = Browser::default();
    let page = first.get(&site, &path).await;
    let csrf = auth_support::form_csrf(&page);
    let fields = [
        ("csrf", csrf.as_str()),
        ("naam", "Bram"),
        ("wachtwoord", PASSWORD),
        ("herhaling", PASSWORD),
    ];
    let ok = first.post_raw(&site, &path, &fields).await;
    assert_eq!(ok.status, 303);
    let accounts_before = site.test.app.accounts().await.unwrap();

    // The same form sent again (double click, back button): refused, clearly.
    let mut again = first.clone();
    again.session = None;
    let twice = again.post_raw(&site, &path, &fields).await;
    assert_eq!(twice.status, 410, "{}", twice.body);
    assert!(text(one(&twice.html(), ".ww-account-message")).contains("al gebruikt"));
    assert!(auth_support::set_cookie(&twice, "watwerkt_sessie").is_none());
    assert_eq!(site.test.app.accounts().await.unwrap(), accounts_before);

    // Opening the link again says the same.
    let reopened = Browser::default().get(&site, &path).await;
    assert_eq!(reopened.status, 410);
}

#[tokio::test]
async fn an_expired_invitation_link_is_refused() {
    let site = auth_support::site_with(Default::default()).await;
    let sent = site
        .test
        .app
        .invite(None, &input("cor@x.nl"))
        .await
        .unwrap();
    let path = format!("/uitnodiging/{}", token_of(&sent.link));
    let mut browser = Browser::default();
    let page = browser.get(&site, &path).await;
    let csrf = auth_support::form_csrf(&page);
    site.test
        .clock
        .advance(Duration::days(7) + Duration::seconds(1));
    let reply = browser
        .post_raw(
            &site,
            &path,
            &[
                ("csrf", &csrf),
                ("naam", "Cor"),
                ("wachtwoord", PASSWORD),
                ("herhaling", PASSWORD),
            ],
        )
        .await;
    assert_eq!(reply.status, 410, "{}", reply.body);
    assert!(text(one(&reply.html(), ".ww-account-message")).contains("verlopen"));
    assert!(site.test.app.accounts().await.unwrap().is_empty());
    assert_eq!(
        Browser::default()
            .get(&site, "/uitnodiging/onzin")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_weak_password_keeps_the_link_usable() {
    let site = auth_support::site_with(Default::default()).await;
    let sent = site
        .test
        .app
        .invite(None, &input("dirk@x.nl"))
        .await
        .unwrap();
    let path = format!("/uitnodiging/{}", token_of(&sent.link));
    let mut browser = Browser::default();
    let reply = browser
        .submit(
            &site,
            &path,
            &path,
            &[
                ("naam", "Dirk"),
                ("wachtwoord", "kort"),
                ("herhaling", "kort"),
            ],
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(text(one(&reply.html(), ".ww-form-error")).contains("minstens 12 tekens"));
    assert!(site.test.app.accounts().await.unwrap().is_empty());
    let reply = browser
        .submit(
            &site,
            &path,
            &path,
            &[
                ("naam", "Dirk"),
                ("wachtwoord", PASSWORD),
                ("herhaling", PASSWORD),
            ],
        )
        .await;
    assert_eq!(reply.status, 303);
}

#[tokio::test]
async fn accepting_without_the_csrf_token_is_refused_and_creates_nothing() {
    let site = auth_support::site_with(Default::default()).await;
    let sent = site
        .test
        .app
        .invite(None, &input("eva@x.nl"))
        .await
        .unwrap();
    let path = format!("/uitnodiging/{}", token_of(&sent.link));
    let mut browser = Browser::default();
    browser.get(&site, &path).await;
    let fields = [
        ("naam", "Eva"),
        ("wachtwoord", PASSWORD),
        ("herhaling", PASSWORD),
    ];
    let missing = browser.post_raw(&site, &path, &fields).await;
    assert_eq!(missing.status, 403, "{}", missing.body);
    let mut wrong = fields.to_vec();
    wrong.push(("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    let wrong = browser.post_raw(&site, &path, &wrong).await;
    assert_eq!(wrong.status, 403);
    assert!(text(one(&wrong.html(), ".ww-error-message")).contains("beveiligingscode"));
    assert!(site.test.app.accounts().await.unwrap().is_empty());
    // The link still works afterwards.
    assert_eq!(Browser::default().get(&site, &path).await.status, 200);
}

#[tokio::test]
async fn a_coordinator_may_not_invite_a_beheerder() {
    let site = auth_support::site_with(Default::default()).await;
    let (_c, mut coordinator) = auth_support::signed_in(&site, &[Role::Coordinator]).await;
    let page = coordinator.get(&site, "/beheer/gebruikers").await;
    let offered: Vec<String> = common::all(&page.html(), "input[name=rol]")
        .iter()
        .filter_map(|e| e.value().attr("value").map(str::to_owned))
        .collect();
    assert_eq!(offered, ["eigenaar", "beoordelaar", "commissielid"]);
    let before = site.test.app.accounts().await.unwrap().len();
    let reply = coordinator
        .submit(
            &site,
            "/beheer/gebruikers",
            "/beheer/gebruikers",
            &[
                ("email", "f@x.nl"),
                ("naam", "F"),
                ("organisatie", "O"),
                ("rol", "beheerder"),
            ],
        )
        .await;
    assert_eq!(reply.status, 403, "{}", reply.body);
    let pending = site.test.store.unsent_mail_count().await.unwrap();
    assert_eq!(site.test.app.accounts().await.unwrap().len(), before);
    // Only the coordinator's own invitation mail is queued, not this one.
    assert_eq!(pending, 1);
}

#[tokio::test]
async fn an_invitation_form_without_its_csrf_token_sends_nothing() {
    let site = auth_support::site_with(Default::default()).await;
    let (_a, mut admin) = auth_support::signed_in(&site, &[Role::Admin]).await;
    let queued = site.test.store.unsent_mail_count().await.unwrap();
    let fields = [
        ("email", "h@x.nl"),
        ("naam", "H"),
        ("organisatie", "O"),
        ("rol", "beheerder"),
    ];
    let reply = admin.post_raw(&site, "/beheer/gebruikers", &fields).await;
    assert_eq!(reply.status, 403);
    let mut wrong = fields.to_vec();
    wrong.push(("csrf", "bijna-goed"));
    let reply = admin.post_raw(&site, "/beheer/gebruikers", &wrong).await;
    assert_eq!(reply.status, 403);
    assert_eq!(site.test.store.unsent_mail_count().await.unwrap(), queued);
    assert!(!site
        .test
        .store
        .email_taken(&Email::parse("h@x.nl").unwrap())
        .await
        .unwrap());
}
