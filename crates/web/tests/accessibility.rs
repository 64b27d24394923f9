//! Structural accessibility checks on every kind of page, without a browser:
//! language, one h1, heading order, landmarks, skip link, labels, tables,
//! unique ids and named navigation. (Colour contrast and the rest of axe-core
//! run in the browser tests.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use std::collections::HashSet;

use common::{all, one, Site};
use scraper::Html;

const PAGES: &[&str] = &[
    "/",
    "/interventies",
    "/interventies?pagina=2",
    "/interventies?thema=eenzaamheid&leeftijd=65%2B",
    "/interventies/deurwaarts",
    "/themas",
    "/themas/eenzaamheid",
    "/werkzame-elementen",
    "/werkzame-elementen/outreachend-werken",
    "/bestaat-niet",
    "/interventies?thema=astrologie",
    "/zoeken",
    "/zoeken?q=eenzaamheid",
    "/zoeken?q=eenzaamheid&thema=eenzaamheid&sorteer=niveau",
    "/zoeken?q=eenzaamhied",
    "/zoeken?q=de&pagina=2",
    "/zoeken?q=ruimtevaart&thema=astrologie",
    "/zoeken?q=eenzaamheid&pagina=9",
    "/zoeken?q=%3F%21",
    "/zoeken?q=eenzaamheid&pagina=twee",
];

fn check(uri: &str, doc: &Html) {
    let html = one(doc, "html");
    assert_eq!(html.value().attr("lang"), Some("nl"), "{uri}: lang");
    assert_eq!(all(doc, "h1").len(), 1, "{uri}: one h1");
    for landmark in ["header", "main", "footer"] {
        assert_eq!(all(doc, landmark).len(), 1, "{uri}: one {landmark}");
    }
    assert_eq!(all(doc, "main h1").len(), 1, "{uri}: the h1 is in main");

    // The skip link is first and points at main.
    let skip = one(doc, "body > a.utrecht-skip-link");
    let target = skip.value().attr("href").unwrap_or_default();
    assert_eq!(target, "#inhoud", "{uri}");
    assert_eq!(one(doc, "main").value().attr("id"), Some("inhoud"), "{uri}");

    // Heading levels never skip on the way down.
    let mut previous = 0;
    for h in all(doc, "h1, h2, h3, h4, h5, h6") {
        let level: u32 = h.value().name()[1..].parse().unwrap();
        assert!(
            level <= previous + 1,
            "{uri}: <{}> follows <h{previous}>",
            h.value().name()
        );
        previous = level;
    }

    // Ids are unique, and every in-page link has a target.
    let mut ids = HashSet::new();
    for el in all(doc, "[id]") {
        let id = el.value().attr("id").unwrap();
        assert!(ids.insert(id.to_owned()), "{uri}: duplicate id {id}");
    }
    for a in all(doc, "a[href^='#']") {
        let href = a.value().attr("href").unwrap();
        assert!(ids.contains(&href[1..]), "{uri}: link to missing {href}");
    }

    // Every form control has a label (hidden fields are not controls).
    for control in all(doc, "input:not([type=hidden]), select, textarea") {
        let id = control.value().attr("id").unwrap_or_default();
        assert!(!id.is_empty(), "{uri}: control without id");
        let labels = all(doc, &format!("label[for='{id}']"));
        assert_eq!(labels.len(), 1, "{uri}: control {id} needs one label");
    }
    for fieldset in all(doc, "fieldset") {
        let legends = fieldset
            .children()
            .filter_map(scraper::ElementRef::wrap)
            .filter(|c| c.value().name() == "legend")
            .count();
        assert_eq!(legends, 1, "{uri}: fieldset without legend");
    }

    // Tables have a caption and header cells.
    for table in all(doc, "table") {
        let html = Html::parse_fragment(&table.html());
        assert_eq!(all(&html, "caption").len(), 1, "{uri}: table caption");
        assert!(!all(&html, "th[scope]").is_empty(), "{uri}: table headers");
    }

    // Every nav is named, and names differ.
    let mut names = HashSet::new();
    for nav in all(doc, "nav") {
        let name = nav.value().attr("aria-label").unwrap_or_default();
        assert!(!name.is_empty(), "{uri}: nav without aria-label");
        assert!(
            names.insert(name.to_owned()),
            "{uri}: two navs named {name}"
        );
    }
    assert!(names.contains("Hoofdmenu"), "{uri}");

    // Links have text; images (none expected) would need alt.
    for a in all(doc, "a") {
        assert!(
            !common::text(a).is_empty(),
            "{uri}: empty link {}",
            a.html()
        );
    }
    for img in all(doc, "img") {
        assert!(img.value().attr("alt").is_some(), "{uri}: img without alt");
    }
}

#[tokio::test]
async fn every_page_has_accessible_structure() {
    let site = Site::demo().await;
    for uri in PAGES {
        let reply = site.get(uri).await;
        let doc = reply.html();
        check(uri, &doc);
    }
}

#[tokio::test]
async fn breadcrumbs_are_a_named_nav_with_the_current_page_marked() {
    let site = Site::demo().await;
    let doc = site.page("/interventies/deurwaarts").await;
    let nav = one(&doc, "nav.utrecht-breadcrumb-nav");
    assert_eq!(nav.value().attr("aria-label"), Some("Kruimelpad"));
    let current = one(&doc, ".ww-breadcrumbs [aria-current=page]");
    assert_eq!(common::text(current), "Deurwaarts");
    let menu = one(&doc, "nav[aria-label=Hoofdmenu] [aria-current=page]");
    assert_eq!(menu.value().attr("href"), Some("/interventies"));
}

#[tokio::test]
async fn a_publication_page_has_accessible_structure() {
    let site = Site::demo().await;
    let mut p = watwerkt_testkit::builders::publication("proefwet", "Proefwet");
    p.body = "# Kop\n\nTekst met een [link](https://voorbeeld.example).".into();
    site.test
        .app
        .import_batch(&watwerkt_store::ContentBatch {
            publications: vec![p],
            ..watwerkt_store::ContentBatch::default()
        })
        .await
        .unwrap();
    for uri in ["/publicaties/proefwet", "/zoeken?type=publicatie"] {
        let doc = site.page(uri).await;
        check(uri, &doc);
    }
}

#[tokio::test]
async fn account_pages_have_accessible_structure() {
    use axum::body::Body;
    use axum::http::{header, Request};
    use watwerkt_domain::Role;
    use watwerkt_store::MailOutbox;

    let site = Site::demo().await;
    let (admin, token) = site.test.sign_in_as(&[Role::Admin]).await;
    let cookie = format!("watwerkt_sessie={}", token.expose());
    for uri in ["/account", "/beheer/gebruikers"] {
        let reply = site
            .request(
                Request::get(uri)
                    .header(header::COOKIE, &cookie)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(reply.status, 200, "{uri}");
        check(uri, &reply.html());
    }
    let invitation = site
        .test
        .app
        .invite(
            None,
            &watwerkt_app::auth::InviteInput {
                email: "nieuw@voorbeeld.nl".into(),
                name: "Nieuw".into(),
                organisation: "Org".into(),
                roles: [Role::Owner].into(),
            },
        )
        .await
        .unwrap();
    site.test
        .app
        .request_password_reset(admin.email.as_str())
        .await
        .unwrap();
    let outbox = site
        .test
        .store
        .due_mails(chrono::Utc::now(), 10)
        .await
        .unwrap();
    let reset_link = outbox
        .iter()
        .flat_map(|q| q.mail.body.split_whitespace())
        .find(|w| w.contains("/wachtwoord-herstellen/"))
        .unwrap();
    let path = |link: &str| {
        let rest = link.split("://").nth(1).unwrap();
        rest[rest.find('/').unwrap()..].to_owned()
    };
    for uri in [
        "/inloggen".to_owned(),
        "/wachtwoord-vergeten".to_owned(),
        "/uitnodiging/onbekend".to_owned(),
        path(&invitation.link),
        path(reset_link),
    ] {
        let reply = site.get(&uri).await;
        check(&uri, &reply.html());
    }
}
