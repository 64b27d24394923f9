//! Content pages: an intervention, themes, werkzame elementen, the 404 page
//! and the example-data notice, asserted through HTML selectors on demo content.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use axum::http::StatusCode;
use common::{all, card_slugs, hrefs, one, text, texts, Site};
use watwerkt_domain::{Coded, Section};
use watwerkt_testkit::builders::date;

#[tokio::test]
async fn an_intervention_page_shows_every_section_present() {
    let site = Site::demo().await;
    for slug in site.published_slugs().await {
        let view = site.test.app.intervention(&slug).await.unwrap();
        let doc = site.page(&format!("/interventies/{slug}")).await;
        assert_eq!(
            texts(&doc, "h1"),
            std::slice::from_ref(&view.intervention.title)
        );
        for section in Section::ALL {
            if view.intervention.description.get(*section).is_some() {
                let heading = one(&doc, &format!("main #{}", section.code()));
                let level = if section.is_implementation_part() {
                    "h3"
                } else {
                    "h2"
                };
                assert_eq!(heading.value().name(), level, "{slug}: {section:?}");
                assert_eq!(text(heading), section.label());
            }
        }
        if view.intervention.description.has_implementation() {
            assert_eq!(text(one(&doc, "h2#uitvoering")), "Uitvoering");
        }
        // Studies as a table with a caption and column headers.
        let rows = all(&doc, "table.ww-studies tbody tr");
        assert_eq!(rows.len(), view.intervention.research.len(), "{slug}");
        if !rows.is_empty() {
            assert_eq!(all(&doc, "table.ww-studies caption").len(), 1);
            assert_eq!(all(&doc, "table.ww-studies th[scope=col]").len(), 4);
        }
        // Werkzame elementen and themes as links.
        let links = hrefs(&doc, ".ww-facts a");
        for e in &view.active_elements {
            assert!(
                links.contains(&format!("/werkzame-elementen/{}", e.slug)),
                "{slug}"
            );
        }
        for t in &view.intervention.themes {
            assert!(links.contains(&format!("/themas/{}", t.code())), "{slug}");
        }
    }
}

#[tokio::test]
async fn the_rating_badge_shows_level_numeral_and_validity() {
    let site = Site::demo().await;
    let doc = site.page("/interventies/deurwaarts").await;
    let badge = one(&doc, ".ww-rating-box .ww-rating");
    assert_eq!(
        text(badge),
        "Niveau II Effectief volgens eerste aanwijzingen"
    );
    // Decided 16 May 2023, level II holds five years.
    let validity = one(&doc, ".ww-rating-box .ww-validity");
    assert_eq!(text(validity), "erkend tot 16 mei 2028");
    assert_eq!(
        one(&doc, ".ww-rating-box .ww-validity time")
            .value()
            .attr("datetime"),
        Some("2028-05-16")
    );
    // Structured facts.
    assert_eq!(text(one(&doc, ".ww-costs")), "€ 410 per deelnemer");
}

#[tokio::test]
async fn an_expired_rating_says_verlopen_with_its_end_date() {
    let site = Site::demo_on(date("2028-05-17")).await;
    let doc = site.page("/interventies/deurwaarts").await;
    let validity = one(&doc, ".ww-rating-box .ww-validity--expired");
    assert_eq!(text(validity), "Erkenning verlopen op 16 mei 2028");
    assert!(all(&doc, ".ww-rating-box .ww-rating--expired").len() == 1);
    // One day earlier it still holds.
    let site = Site::demo_on(date("2028-05-16")).await;
    let doc = site.page("/interventies/deurwaarts").await;
    assert!(all(&doc, ".ww-validity--expired").is_empty());
}

#[tokio::test]
async fn an_intervention_without_rating_says_so() {
    let site = Site::demo().await;
    let mut found = false;
    for slug in site.published_slugs().await {
        let view = site.test.app.intervention(&slug).await.unwrap();
        if view.rating.is_none() {
            let doc = site.page(&format!("/interventies/{slug}")).await;
            assert_eq!(
                text(one(&doc, ".ww-rating-box .ww-rating")),
                "Nog niet beoordeeld"
            );
            found = true;
        }
    }
    if !found {
        let mut i = watwerkt_testkit::builders::intervention("zonder-oordeel", "Zonder oordeel");
        i.rating = None;
        let batch = watwerkt_store::ContentBatch {
            interventions: vec![i],
            ..Default::default()
        };
        site.test.app.import_batch(&batch).await.unwrap();
        let doc = site.page("/interventies/zonder-oordeel").await;
        assert_eq!(
            text(one(&doc, ".ww-rating-box .ww-rating")),
            "Nog niet beoordeeld"
        );
    }
}

#[tokio::test]
async fn earlier_ratings_are_shown_as_history() {
    let site = Site::demo().await;
    let mut i = watwerkt_testkit::builders::intervention("met-geschiedenis", "Met geschiedenis");
    i.rating = Some(watwerkt_testkit::builders::rating(
        watwerkt_domain::Rating::WellDescribed,
        "2020-01-10",
    ));
    let batch = |i: &watwerkt_domain::Intervention| watwerkt_store::ContentBatch {
        interventions: vec![i.clone()],
        ..Default::default()
    };
    site.test.app.import_batch(&batch(&i)).await.unwrap();
    i.rating = Some(watwerkt_testkit::builders::rating(
        watwerkt_domain::Rating::WellFounded,
        "2024-03-12",
    ));
    site.test.app.import_batch(&batch(&i)).await.unwrap();

    let doc = site.page("/interventies/met-geschiedenis").await;
    assert_eq!(
        text(one(&doc, ".ww-rating-box .ww-validity")),
        "erkend tot 12 maart 2029"
    );
    let rows = all(&doc, ".ww-history__table tbody tr");
    assert_eq!(rows.len(), 1);
    assert!(text(rows[0]).starts_with("Niveau 0: Goed beschreven 10 januari 2020"));
}

#[tokio::test]
async fn section_markdown_cannot_inject_html() {
    let site = Site::demo().await;
    let mut i = watwerkt_testkit::builders::intervention("met-html", "Met HTML");
    i.description.set(
        Section::Summary,
        Some("Tekst <script>alert(1)</script> en [klik](javascript:alert(2)).".into()),
    );
    let batch = watwerkt_store::ContentBatch {
        interventions: vec![i],
        ..Default::default()
    };
    site.test.app.import_batch(&batch).await.unwrap();
    let doc = site.page("/interventies/met-html").await;
    assert!(all(&doc, "main script").is_empty());
    assert!(all(&doc, "main a[href^=javascript]").is_empty());
    let summary = one(&doc, "h2#samenvatting + .ww-prose");
    assert!(text(summary).contains("<script>alert(1)</script>"));
}

#[tokio::test]
async fn themes_list_all_29_with_counts_and_a_theme_lists_its_interventions() {
    let site = Site::demo().await;
    let doc = site.page("/themas").await;
    let rows = all(&doc, "table.ww-theme-table tbody tr");
    assert_eq!(rows.len(), 29);
    assert_eq!(all(&doc, "table.ww-theme-table caption").len(), 1);

    let counts = site.test.app.themes().await.unwrap();
    let (theme, n) = counts.iter().max_by_key(|(_, n)| *n).unwrap();
    let doc = site.page(&format!("/themas/{}", theme.code())).await;
    assert_eq!(texts(&doc, "h1"), [theme.label()]);
    assert_eq!(card_slugs(&doc).len(), usize::try_from(*n).unwrap());
    assert_eq!(
        hrefs(&doc, ".ww-breadcrumbs a"),
        ["/", "/themas"],
        "breadcrumbs lead back"
    );
}

#[tokio::test]
async fn a_werkzaam_element_page_lists_the_interventions_sharing_it() {
    let site = Site::demo().await;
    let doc = site.page("/werkzame-elementen").await;
    let links = hrefs(&doc, "table.ww-element-table a");
    assert!(!links.is_empty());

    let elements = site.test.app.active_elements().await.unwrap();
    let (shared, n) = elements.iter().max_by_key(|(_, n)| *n).unwrap();
    assert!(*n >= 2, "the demo should share an element");
    let doc = site
        .page(&format!("/werkzame-elementen/{}", shared.slug))
        .await;
    assert_eq!(texts(&doc, "h1"), std::slice::from_ref(&shared.name));
    let slugs = card_slugs(&doc);
    assert_eq!(slugs.len(), usize::try_from(*n).unwrap());
    for slug in slugs {
        let view = site.test.app.intervention(&slug).await.unwrap();
        assert!(view.intervention.active_elements.contains(&shared.slug));
    }
}

#[tokio::test]
async fn unknown_urls_get_a_404_page_that_helps_on() {
    let site = Site::demo().await;
    for uri in [
        "/bestaat-niet",
        "/interventies/bestaat-niet",
        "/interventies/Ongeldige%20Slug",
        "/themas/astrologie",
        "/werkzame-elementen/bestaat-niet",
    ] {
        let reply = site.get(uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        let doc = reply.html();
        assert_eq!(texts(&doc, "h1"), ["Pagina niet gevonden"], "{uri}");
        let links = hrefs(&doc, ".ww-error-links a");
        assert_eq!(links, ["/", "/interventies", "/themas", "/zoeken"], "{uri}");
    }
}

#[tokio::test]
async fn example_data_is_marked_on_every_content_page() {
    let site = Site::demo().await;
    for uri in [
        "/",
        "/interventies",
        "/interventies/deurwaarts",
        "/themas",
        "/themas/eenzaamheid",
        "/werkzame-elementen",
        "/werkzame-elementen/outreachend-werken",
    ] {
        let doc = site.page(uri).await;
        let notice = one(&doc, "main .ww-example-notice");
        assert!(text(notice).starts_with("Voorbeelddata:"), "{uri}");
        assert_eq!(all(&doc, "footer .ww-site-notice").len(), 1, "{uri}");
    }
    let doc = site.page("/interventies/deurwaarts").await;
    assert_eq!(
        text(one(&doc, ".ww-example-notice")),
        "Voorbeelddata: deze interventie is fictief en dient alleen als voorbeeld."
    );
}
