//! The home page and the intervention list (filters, paging, errors),
//! asserted through HTML selectors on demo content.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use axum::http::StatusCode;
use common::{all, card_slugs, hrefs, one, text, texts, Site};
use watwerkt_domain::{Coded, Theme};

#[tokio::test]
async fn home_offers_every_entry_point() {
    let site = Site::demo().await;
    let doc = site.page("/").await;
    assert_eq!(texts(&doc, "h1"), ["Wat werkt in het sociaal domein"]);
    let links = hrefs(&doc, "main a");
    assert!(links.contains(&"/interventies".to_owned()));
    // Every theme, with its count.
    let themes = all(&doc, ".ww-theme-list li");
    assert_eq!(themes.len(), Theme::ALL.len());
    for theme in Theme::ALL {
        assert!(
            links.contains(&format!("/themas/{}", theme.code())),
            "{theme:?}"
        );
    }
    assert!(themes.iter().all(|li| text(*li).contains("interventie")));
    // Every rating level explained, with a link to the filtered list.
    let levels = all(&doc, "#niveaus ~ .ww-levels .ww-levels__item");
    assert_eq!(levels.len(), 5);
    assert!(links.contains(&"/interventies?niveau=effectief-sterke-aanwijzingen".to_owned()));
    // Werkzame elementen.
    assert!(links.iter().any(|l| l.starts_with("/werkzame-elementen/")));
}

#[tokio::test]
async fn list_shows_a_page_of_cards_with_count_and_paging() {
    let site = Site::demo().await;
    let published = site.published_slugs().await;
    assert!(published.len() > 20, "the demo should need two pages");

    let doc = site.page("/interventies").await;
    assert_eq!(texts(&doc, "h1"), ["Interventies"]);
    assert_eq!(card_slugs(&doc).len(), 20);
    assert_eq!(
        text(one(&doc, ".ww-result-count")),
        format!("{} interventies gevonden", published.len())
    );
    let next = hrefs(&doc, ".ww-pagination a[rel=next]");
    assert_eq!(next, ["/interventies?pagina=2"]);

    let second = site.page("/interventies?pagina=2").await;
    let mut seen = card_slugs(&doc);
    seen.extend(card_slugs(&second));
    assert_eq!(
        seen, published,
        "two pages show every published intervention once, in order"
    );
    assert_eq!(
        hrefs(&second, ".ww-pagination a[rel=prev]"),
        ["/interventies"]
    );
    assert!(all(&second, ".ww-pagination a[rel=next]").is_empty());
    let current = one(&second, ".ww-pagination a[aria-current=page]");
    assert_eq!(text(current), "Pagina 2");
}

#[tokio::test]
async fn a_theme_filter_only_shows_that_theme_and_keeps_it_when_paging() {
    let site = Site::demo().await;
    let doc = site.page("/interventies?thema=eenzaamheid").await;
    let slugs = card_slugs(&doc);
    assert!(!slugs.is_empty());
    for slug in &slugs {
        let json = site.json(&format!("/api/v1/interventions/{slug}")).await;
        let themes: Vec<&str> = json["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["code"].as_str().unwrap())
            .collect();
        assert!(themes.contains(&"eenzaamheid"), "{slug} has {themes:?}");
    }
    // The checkbox is checked and the active filter can be removed.
    let checked = one(&doc, "input[name=thema][checked]");
    assert_eq!(checked.value().attr("value"), Some("eenzaamheid"));
    let active = one(&doc, ".ww-active-filter");
    assert!(text(active).starts_with("Thema: Eenzaamheid"));
    assert_eq!(hrefs(&doc, ".ww-active-filter a"), ["/interventies"]);
}

#[tokio::test]
async fn filters_combine_and_paging_links_keep_them() {
    let site = Site::demo().await;
    let doc = site
        .page("/interventies?thema=eenzaamheid&thema=ouderen&leeftijd=65%2B")
        .await;
    let active = texts(&doc, ".ww-active-filter__text");
    assert_eq!(
        active,
        [
            "Thema: Eenzaamheid",
            "Thema: Ouderen",
            "Leeftijd: 65 jaar en ouder"
        ]
    );
    // Removing one keeps the others.
    let removes = hrefs(&doc, ".ww-active-filter a");
    assert_eq!(removes[0], "/interventies?thema=ouderen&leeftijd=65%2B");
    // With a page size of 20 and few results there is no paging; force it with
    // a broad filter instead: all levels.
    let broad = "/interventies?niveau=goed-beschreven&niveau=goed-onderbouwd\
                 &niveau=effectief-eerste-aanwijzingen&niveau=effectief-goede-aanwijzingen\
                 &niveau=effectief-sterke-aanwijzingen";
    let doc = site.page(broad).await;
    for href in hrefs(&doc, ".ww-pagination a") {
        assert_eq!(
            href.matches("niveau=").count(),
            5,
            "paging link {href} lost filters"
        );
    }
}

#[tokio::test]
async fn an_unknown_filter_value_gives_a_clear_400_page() {
    let site = Site::demo().await;
    for uri in [
        "/interventies?thema=astrologie",
        "/interventies?niveau=super",
        "/interventies?doelgroep=marsbewoners",
        "/interventies?leeftijd=100-200",
    ] {
        let reply = site.get(uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        let doc = reply.html();
        let message = text(one(&doc, ".ww-error-message"));
        assert!(message.starts_with("Onbekend"), "{uri}: {message}");
        assert!(hrefs(&doc, "main a").contains(&"/interventies".to_owned()));
    }
    let reply = site.get("/interventies?pagina=nul").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(text(one(&reply.html(), ".ww-error-message")).contains("paginanummer"));
}

#[tokio::test]
async fn a_page_after_the_last_says_so() {
    let site = Site::demo().await;
    let doc = site.page("/interventies?pagina=99").await;
    assert!(card_slugs(&doc).is_empty());
    assert_eq!(hrefs(&doc, ".ww-empty a"), ["/interventies"]);
}

#[tokio::test]
async fn an_empty_site_still_works() {
    let site = Site::empty().await;
    for uri in ["/", "/interventies", "/themas", "/werkzame-elementen"] {
        let doc = site.page(uri).await;
        assert!(all(&doc, ".ww-example-notice").is_empty(), "{uri}");
    }
    let doc = site.page("/interventies").await;
    assert_eq!(
        text(one(&doc, ".ww-result-count")),
        "0 interventies gevonden"
    );
}
