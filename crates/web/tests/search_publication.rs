//! Publications: the `/publicaties/{slug}` page, its 404, and how search
//! finds and labels them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use axum::http::StatusCode;
use common::{all, hrefs, one, text, texts, Site};
use watwerkt_domain::{Publication, PublicationKind, PublicationStatus, Theme};
use watwerkt_store::ContentBatch;
use watwerkt_testkit::builders;

fn handreiking() -> Publication {
    let mut p = builders::publication(
        "handreiking-eenzaamheid",
        "Handreiking eenzaamheid in de wijk",
    );
    p.kind = PublicationKind::Guide;
    p.year = Some(2024);
    p.authors = vec!["A. de Vries".into(), "B. Jansen".into()];
    p.themes = vec![Theme::Eenzaamheid, Theme::Ouderen];
    p.link = Some("https://voorbeeld.example/handreiking.pdf".into());
    p.example_data = true;
    p.body = "# Inleiding\n\nEenzaamheid onder ouderen vraagt om **nabijheid**.\n\n\
              <script>alert(1)</script>\n\n[klik](javascript:alert(2)) of \
              [lees verder](https://voorbeeld.example/meer)."
        .into();
    p
}

async fn site_with(publications: Vec<Publication>) -> Site {
    let site = Site::demo().await;
    site.test
        .app
        .import_batch(&ContentBatch {
            publications,
            ..ContentBatch::default()
        })
        .await
        .unwrap();
    site
}

#[tokio::test]
async fn a_publication_page_shows_its_facts_and_safe_text() {
    let site = site_with(vec![handreiking()]).await;
    let doc = site.page("/publicaties/handreiking-eenzaamheid").await;
    assert_eq!(texts(&doc, "h1"), ["Handreiking eenzaamheid in de wijk"]);
    assert_eq!(text(one(&doc, ".ww-kind")), "Publicatie · Handreiking");
    assert_eq!(text(one(&doc, ".ww-publication__year")), "2024");
    assert_eq!(
        text(one(&doc, ".ww-publication__authors")),
        "A. de Vries, B. Jansen"
    );
    assert_eq!(
        hrefs(&doc, ".ww-publication__themes a"),
        ["/themas/eenzaamheid", "/themas/ouderen"]
    );
    assert_eq!(
        hrefs(&doc, ".ww-publication__link"),
        ["https://voorbeeld.example/handreiking.pdf"]
    );
    // The body: Markdown below the page's headings, raw HTML as text, unsafe links dropped.
    assert_eq!(texts(&doc, ".ww-publication__body h3"), ["Inleiding"]);
    assert_eq!(texts(&doc, ".ww-publication__body strong"), ["nabijheid"]);
    assert!(all(&doc, "main script").is_empty());
    let body: String = one(&doc, ".ww-publication__body").text().collect();
    assert!(body.contains("<script>alert(1)</script>"), "{body}");
    assert_eq!(
        hrefs(&doc, ".ww-publication__body a"),
        ["https://voorbeeld.example/meer"]
    );
    // Example content says so.
    let notice = text(one(&doc, ".ww-example-notice"));
    assert!(notice.contains("Voorbeelddata"), "{notice}");
    // The breadcrumb leads to the publications in search.
    assert!(hrefs(&doc, ".ww-breadcrumbs a").contains(&"/zoeken?type=publicatie".to_owned()));
}

#[tokio::test]
async fn a_bare_publication_shows_what_it_has() {
    let mut p = builders::publication("kale-publicatie", "Kale publicatie");
    p.year = None;
    p.authors = Vec::new();
    p.themes = Vec::new();
    p.link = Some("javascript:alert(1)".into());
    let site = site_with(vec![p]).await;
    let doc = site.page("/publicaties/kale-publicatie").await;
    assert!(all(&doc, ".ww-publication__year").is_empty());
    assert!(all(&doc, ".ww-publication__authors").is_empty());
    assert!(all(&doc, ".ww-publication__themes").is_empty());
    assert!(all(&doc, ".ww-publication__link").is_empty());
    assert!(all(&doc, ".ww-example-notice").is_empty());
    assert_eq!(
        text(one(&doc, ".ww-kind")),
        "Publicatie · Wet- en regelgeving"
    );
}

#[tokio::test]
async fn absent_or_unpublished_publications_are_404() {
    let mut draft = builders::publication("concept", "Concept");
    draft.status = PublicationStatus::Draft;
    let site = site_with(vec![draft]).await;
    for uri in [
        "/publicaties/bestaat-niet",
        "/publicaties/concept",
        "/publicaties/Geen%20Slug!",
    ] {
        let reply = site.get(uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        let doc = reply.html();
        assert_eq!(texts(&doc, "h1"), ["Pagina niet gevonden"], "{uri}");
        assert!(hrefs(&doc, "main a").contains(&"/".to_owned()));
    }
}

#[tokio::test]
async fn search_finds_publications_and_labels_them() {
    let site = site_with(vec![handreiking()]).await;
    let doc = site.page("/zoeken?q=handreiking%20eenzaamheid").await;
    let hit = one(&doc, ".ww-hit--publicatie");
    let href = hit
        .select(&common::sel(".ww-hit__title a"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(href, "/publicaties/handreiking-eenzaamheid");
    let kind = hit.select(&common::sel(".ww-hit__kind")).next().unwrap();
    assert_eq!(text(kind), "Publicatie");
    let detail = hit.select(&common::sel(".ww-hit__detail")).next().unwrap();
    assert_eq!(text(detail), "Handreiking, 2024");
    assert_eq!(hit.select(&common::sel(".ww-rating")).count(), 0);

    // The type facet offers both kinds; choosing one keeps only that kind.
    let labels = texts(&doc, "[data-facet=type] label");
    assert!(
        labels.iter().any(|l| l.starts_with("Publicatie (")),
        "{labels:?}"
    );
    // (The demo content has publications of its own, one about eenzaamheid.)
    let published = site
        .test
        .app
        .publications(&Default::default(), Default::default())
        .await
        .unwrap()
        .page
        .total;
    let only = site.page("/zoeken?q=eenzaamheid&type=publicatie").await;
    let hits = all(&only, ".ww-hit").len();
    assert!(hits >= 1);
    assert_eq!(all(&only, ".ww-hit--publicatie").len(), hits);
    assert!(common::hrefs(&only, ".ww-hit__title a")
        .contains(&"/publicaties/handreiking-eenzaamheid".to_owned()));
    let browse = site.page("/zoeken?type=publicatie").await;
    assert_eq!(
        text(one(&browse, "h2.ww-result-count")),
        format!("{published} resultaten")
    );

    let json = site
        .json("/api/v1/search?q=eenzaamheid&type=publicatie")
        .await;
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), hits);
    assert!(items.iter().all(|i| i["kind"] == "publicatie"));
    let item = items
        .iter()
        .find(|i| i["url"] == "/publicaties/handreiking-eenzaamheid")
        .unwrap();
    assert_eq!(item["rating"], serde_json::Value::Null);
    assert_eq!(item["date"], "2024-01-01");
}
