//! The dossier, themadossier and publication pages on the demo content.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::NaiveDate;
use common::{all, hrefs, one, text, texts, Site};
use http_body_util::BodyExt;
use tower::ServiceExt;
use watwerkt_app::AppError;
use watwerkt_domain::dossier::KnowledgeKind;
use watwerkt_domain::Coded;

const DOSSIER: &str = "eenzaamheid-onder-ouderen";

fn attr(el: scraper::ElementRef<'_>, name: &str) -> String {
    el.value().attr(name).unwrap_or_default().to_owned()
}

#[tokio::test]
async fn the_dossier_list_shows_every_published_dossier() {
    let site = Site::demo().await;
    let doc = site.page("/dossiers").await;
    let links = hrefs(&doc, ".ww-dossier-card__title a");
    assert!(links.len() >= 6, "{links:?}");
    assert!(links.contains(&format!("/dossiers/{DOSSIER}")));
}

#[tokio::test]
async fn a_dossier_shows_claims_with_source_badges_and_a_chart_matching_its_table() {
    let site = Site::demo().await;
    let doc = site.page(&format!("/dossiers/{DOSSIER}")).await;
    let view = site.test.app.dossier(DOSSIER, None).await.unwrap();
    assert_eq!(texts(&doc, "h1"), std::slice::from_ref(&view.dossier.title));

    // Every claim carries at least one knowledge-source badge and source links.
    let claims = all(&doc, ".ww-claim");
    assert_eq!(claims.len(), view.total.claims as usize);
    for claim in &claims {
        let html = scraper::Html::parse_fragment(&claim.html());
        assert!(!all(&html, ".ww-kb-badge").is_empty(), "{}", claim.html());
        assert!(hrefs(&html, ".ww-claim__meta a")
            .iter()
            .all(|h| h.starts_with("#bron-")));
    }

    // The chart is an accessible SVG with a title and a description...
    let svg = one(&doc, "svg.ww-chart--kennisbron");
    assert_eq!(attr(svg, "role"), "img");
    assert!(!text(one(&doc, "svg.ww-chart--kennisbron title")).is_empty());
    assert!(text(one(&doc, "svg.ww-chart--kennisbron desc")).contains("Totaal"));
    // ...whose bars hold the same numbers as the table, row by row.
    let bars: Vec<(String, String)> = all(&doc, "svg.ww-chart--kennisbron rect")
        .into_iter()
        .map(|r| (attr(r, "data-kennisbron"), attr(r, "data-waarde")))
        .collect();
    let rows = all(&doc, "table.ww-counts tbody tr");
    assert_eq!(
        rows.len(),
        view.sections.len() + 1,
        "one row per section and the total"
    );
    assert_eq!(bars.len(), rows.len() * 3);
    let cells: Vec<(String, String)> = all(&doc, "table.ww-counts tbody td[data-kennisbron]")
        .into_iter()
        .map(|c| (attr(c, "data-kennisbron"), text(c)))
        .collect();
    assert_eq!(bars, cells);
    // The total row is the domain's count.
    let totals = &cells[cells.len() - 3..];
    assert_eq!(
        texts(&doc, "table.ww-counts tbody th").last().unwrap(),
        "Totaal"
    );
    assert_eq!(
        totals[2],
        ("ervaring".to_owned(), view.total.experiential.to_string())
    );
    assert!(view.total.scientific > 0 && view.total.practice > 0 && view.total.experiential > 0);

    // The literature lists every source with its tag; experiential ones say how.
    let sources = all(&doc, ".ww-source");
    assert_eq!(sources.len(), view.dossier.literature.sources.len());
    assert!(texts(&doc, ".ww-source .ww-kb-badge")
        .iter()
        .any(|t| t == "Ervaringskennis (ervaringspanel)"));
    // Werkzame elementen link both ways.
    let elements = hrefs(&doc, ".ww-elements a");
    assert!(elements.contains(&"/werkzame-elementen/laagdrempelige-ontmoeting".to_owned()));
}

#[tokio::test]
async fn claims_can_be_filtered_by_knowledge_source_without_javascript() {
    let site = Site::demo().await;
    let view = site.test.app.dossier(DOSSIER, None).await.unwrap();
    for kind in KnowledgeKind::ALL {
        let doc = site
            .page(&format!("/dossiers/{DOSSIER}?bron={}", kind.code()))
            .await;
        let claims = all(&doc, ".ww-claim");
        assert_eq!(claims.len(), view.total.get(*kind) as usize, "{kind:?}");
        for claim in claims {
            let html = scraper::Html::parse_fragment(&claim.html());
            assert!(
                all(&html, ".ww-kb-badge")
                    .iter()
                    .any(|b| attr(*b, "data-kennisbron") == kind.code()),
                "{kind:?}: {}",
                claim.html()
            );
        }
        let current = one(&doc, ".ww-source-filter a[aria-current]");
        assert_eq!(text(current), kind.label());
    }
    let bad = site.get(&format!("/dossiers/{DOSSIER}?bron=gevoel")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.body.contains("Onbekende kennisbron &#39;gevoel&#39;")
            || bad.body.contains("Onbekende kennisbron 'gevoel'"),
        "{}",
        bad.body
    );
    assert_eq!(
        site.get("/dossiers/bestaat-niet").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_dossier_past_its_review_date_is_marked_wordt_geactualiseerd() {
    // On the test day (24 November 2026) the eenzaamheid dossier (due 10 February
    // 2026) is due; the mantelzorg dossier (due 1 December 2026) is not yet.
    let site = Site::demo().await;
    let due = site.page(&format!("/dossiers/{DOSSIER}")).await;
    assert_eq!(
        texts(&due, ".ww-dossier__facts .ww-review--due"),
        ["Wordt geactualiseerd"]
    );
    assert_eq!(all(&due, ".ww-review-notice").len(), 1);
    assert_eq!(
        attr(one(&due, ".ww-dossier__reviewed time"), "datetime"),
        "2025-02-10"
    );
    let current = site.page("/dossiers/mantelzorgers-ontlasten").await;
    assert!(all(&current, ".ww-review--due").is_empty());

    // A week later it is due too.
    let later = Site::demo_on(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).await;
    let doc = later.page("/dossiers/mantelzorgers-ontlasten").await;
    assert_eq!(
        texts(&doc, ".ww-dossier__facts .ww-review--due"),
        ["Wordt geactualiseerd"]
    );

    // The redactie's list holds the due ones, earliest date first.
    let due = site.test.app.dossiers_due_for_review().await.unwrap();
    let dates: Vec<_> = due.iter().map(|d| d.summary.review_due).collect();
    assert!(dates.len() >= 2);
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(due
        .iter()
        .all(|d| d.summary.review_due <= watwerkt_testkit::test_today()));
}

#[tokio::test]
async fn the_review_list_is_for_the_redactie_only() {
    let site = Site::demo().await;
    let anonymous = site.get("/redactie/dossiers").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.header("location").starts_with("/inloggen"));
}

#[tokio::test]
async fn a_theme_page_shows_figures_as_svg_with_a_table_of_the_same_numbers() {
    let site = Site::demo().await;
    let doc = site.page("/themas/eenzaamheid").await;
    let blocks = all(&doc, ".ww-figure-block");
    assert_eq!(blocks.len(), 2);
    for block in blocks {
        let html = scraper::Html::parse_fragment(&block.html());
        let svg = one(&html, "svg.ww-chart");
        assert_eq!(attr(svg, "role"), "img");
        let labels = texts(&html, "svg .ww-chart__value");
        let cells = texts(&html, "table td");
        assert!(!cells.is_empty());
        assert_eq!(
            labels, cells,
            "chart labels and table hold the same numbers"
        );
        let years: Vec<String> = all(&html, "svg [data-jaar]")
            .into_iter()
            .map(|e| attr(e, "data-jaar"))
            .collect();
        assert_eq!(years, texts(&html, "table tbody th"));
    }
    // The first figure is a time series: a line chart with 5 points, one with a decimal comma.
    let first = all(&doc, ".ww-figure-block")[0];
    let html = scraper::Html::parse_fragment(&first.html());
    assert_eq!(all(&html, "svg.ww-chart--lijn circle").len(), 5);
    assert!(texts(&html, "table td").contains(&"9,8".to_owned()));

    // The themadossier lists its dossiers, interventions and publications.
    assert!(hrefs(&doc, ".ww-dossier-card__title a").contains(&format!("/dossiers/{DOSSIER}")));
    assert!(!common::card_slugs(&doc).is_empty());
    assert!(hrefs(&doc, ".ww-publications__title a")
        .contains(&"/publicaties/factsheet-eenzaamheid-ouderen".to_owned()));
}

#[tokio::test]
async fn publications_are_listed_with_filters_and_their_pdf_downloads() {
    let site = Site::demo().await;
    let doc = site.page("/publicaties").await;
    assert!(all(&doc, ".ww-publications__item").len() >= 3);
    for (query, expect) in [
        ("type=factsheet", "factsheet-eenzaamheid-ouderen"),
        (
            "thema=informele-zorg",
            "handreiking-mantelzorgers-ontlasten",
        ),
        ("jaar=2023", "rapport-schulden-en-stress"),
    ] {
        let doc = site.page(&format!("/publicaties?{query}")).await;
        assert_eq!(
            hrefs(&doc, ".ww-publications__title a"),
            [format!("/publicaties/{expect}")],
            "{query}"
        );
    }
    for bad in ["type=roman", "thema=astrologie", "jaar=elf"] {
        assert_eq!(
            site.get(&format!("/publicaties?{bad}")).await.status,
            StatusCode::BAD_REQUEST,
            "{bad}"
        );
    }

    let slug = "factsheet-eenzaamheid-ouderen";
    let doc = site.page(&format!("/publicaties/{slug}")).await;
    let link = one(&doc, ".ww-publication__attachment a");
    assert_eq!(attr(link, "href"), format!("/publicaties/{slug}/bestand"));
    let meta = text(one(&doc, ".ww-download__meta"));
    assert_eq!(meta, "(PDF, 1,1 kB)");

    let response = site
        .router
        .clone()
        .oneshot(
            Request::get(format!("/publicaties/{slug}/bestand"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    assert!(bytes.starts_with(b"%PDF-"));
    let stored = site
        .test
        .app
        .publication(slug)
        .await
        .unwrap()
        .attachment
        .unwrap();
    assert_eq!(bytes.len() as u64, stored.size);
    assert_eq!(watwerkt_app::dossier::sha256_hex(&bytes), stored.sha256);

    // A publication without attachment has no file.
    let none = site.get("/publicaties/bestaat-niet/bestand").await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn publishing_keeps_every_version_and_the_history_shows_a_readable_diff() {
    let site = Site::demo().await;
    let app = &site.test.app;
    let edit = app.dossier_for_edit(DOSSIER).await.unwrap();
    assert_eq!(edit.based_on, 1);
    let changed = edit.text.replace(
        "Een vast aanspreekpunt maakt het makkelijker om hulp te vragen.",
        "Een vast en bekend aanspreekpunt maakt het makkelijker om hulp te vragen.",
    );
    assert_ne!(changed, edit.text);
    assert_eq!(
        app.publish_dossier_text(DOSSIER, &changed, 1, None)
            .await
            .unwrap(),
        2
    );

    // Someone else's edit, also based on version 1, is refused and changes nothing.
    let stale = edit
        .text
        .replace("Regelmatige ontmoeting", "Wekelijkse ontmoeting");
    let err = app
        .publish_dossier_text(DOSSIER, &stale, 1, None)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, AppError::Conflict(m) if m.contains("iemand anders heeft intussen versie 2 gepubliceerd")),
        "{err:?}"
    );
    let versions = app.dossier_versions(DOSSIER).await.unwrap();
    assert_eq!(
        versions.iter().map(|v| v.number).collect::<Vec<_>>(),
        [2, 1]
    );
    assert!(!versions[0]
        .dossier
        .what_works
        .iter()
        .any(|g| g.claims.iter().any(|c| c.text.starts_with("Wekelijkse"))));

    // Version 1 stays readable; the current page shows version 2.
    let old = site.page(&format!("/dossiers/{DOSSIER}?versie=1")).await;
    assert!(text(one(&old, ".ww-kind")).contains("versie 1"));
    assert!(texts(&old, ".ww-claim__text")
        .contains(&"Een vast aanspreekpunt maakt het makkelijker om hulp te vragen.".to_owned()));

    let doc = site.page(&format!("/dossiers/{DOSSIER}/versies")).await;
    assert_eq!(all(&doc, "table.ww-versions tbody tr").len(), 2);
    let diff_link = hrefs(&doc, "table.ww-versions a")
        .into_iter()
        .find(|h| h.contains("van=1&naar=2"))
        .unwrap();
    let doc = site.page(&diff_link.replace("&amp;", "&")).await;
    assert_eq!(texts(&doc, ".ww-diff__section"), ["Wat werkt"]);
    let added = texts(&doc, ".ww-diff__added ins");
    let removed = texts(&doc, ".ww-diff__removed del");
    assert_eq!(added.len(), 1);
    assert_eq!(removed.len(), 1);
    assert!(
        added[0].contains("Een vast en bekend aanspreekpunt"),
        "{added:?}"
    );
    assert!(removed[0].contains("Een vast aanspreekpunt"), "{removed:?}");

    let same = site
        .get(&format!("/dossiers/{DOSSIER}/versies?van=2&naar=2"))
        .await;
    assert_eq!(same.status, StatusCode::BAD_REQUEST);
    let missing = site
        .get(&format!("/dossiers/{DOSSIER}/versies?van=1&naar=9"))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_edit_with_a_claim_without_source_is_refused_and_changes_nothing() {
    let site = Site::demo().await;
    let app = &site.test.app;
    let edit = app.dossier_for_edit(DOSSIER).await.unwrap();
    let bad = edit.text.replacen(
        "  - tekst: Regelmatige ontmoeting in de eigen buurt vermindert gevoelens van eenzaamheid.\n    bronnen:\n    - jansen-2021\n    - panel-2024\n",
        "  - tekst: Regelmatige ontmoeting in de eigen buurt vermindert gevoelens van eenzaamheid.\n",
        1,
    );
    assert_ne!(bad, edit.text);
    let err = app
        .publish_dossier_text(DOSSIER, &bad, 1, None)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, AppError::Invalid(m) if m.contains("noemt geen bron")),
        "{err:?}"
    );
    let err = app
        .save_dossier_draft(DOSSIER, &bad, 1, None)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Invalid(_)));
    assert_eq!(app.dossier_versions(DOSSIER).await.unwrap().len(), 1);
    let slug = watwerkt_domain::Slug::parse(DOSSIER).unwrap();
    let draft = watwerkt_store::DossierStore::dossier_draft(site.test.store.as_ref(), &slug)
        .await
        .unwrap();
    assert!(draft.is_none());
    assert!(!app.dossier_for_edit(DOSSIER).await.unwrap().from_draft);
}

#[tokio::test]
async fn dossiers_and_theme_pages_are_searchable_with_a_kennisbron_facet() {
    let site = Site::demo().await;
    let doc = site.page("/zoeken?q=eenzaamheid").await;
    let hrefs_found = hrefs(&doc, ".ww-hit__title a");
    assert!(
        hrefs_found.contains(&format!("/dossiers/{DOSSIER}")),
        "{hrefs_found:?}"
    );
    assert!(
        hrefs_found.contains(&"/themas/eenzaamheid".to_owned()),
        "{hrefs_found:?}"
    );
    let labels = texts(&doc, "[data-facet=kennisbron] label");
    for kind in KnowledgeKind::ALL {
        assert!(
            labels.iter().any(|l| l.starts_with(kind.label())),
            "{kind:?} missing in {labels:?}"
        );
    }
    // Choosing a knowledge source keeps only what rests on it: dossiers.
    let only = site.page("/zoeken?q=eenzaamheid&kennisbron=ervaring").await;
    let hits = hrefs(&only, ".ww-hit__title a");
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.starts_with("/dossiers/")), "{hits:?}");
    let types = texts(&site.page("/zoeken?type=dossier").await, ".ww-hit__kind");
    assert!(types.len() >= 6);
    assert!(types.iter().all(|t| t == "Wat Werkt-dossier"), "{types:?}");
}

#[tokio::test]
async fn a_werkzaam_element_links_back_to_the_dossiers_that_name_it() {
    let site = Site::demo().await;
    let doc = site
        .page("/werkzame-elementen/laagdrempelige-ontmoeting")
        .await;
    let dossiers = hrefs(&doc, ".ww-dossier-card__title a");
    assert!(
        dossiers.contains(&format!("/dossiers/{DOSSIER}")),
        "{dossiers:?}"
    );
    assert!(dossiers.contains(&"/dossiers/dementie-thuis-blijven-wonen".to_owned()));
    // The interventions on the page are still only interventions.
    assert!(common::card_slugs(&doc)
        .iter()
        .all(|s| !s.starts_with("/dossiers")));
}
