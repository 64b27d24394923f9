//! The `/zoeken` page on demo content: results, facets, sorting, typo
//! tolerance, compounds, paging and the search log, asserted through selectors.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::{all, hrefs, one, text, texts, Site};
use scraper::Html;

/// The slugs of the intervention hits on a search page, in order.
fn hit_slugs(doc: &Html) -> Vec<String> {
    hrefs(doc, ".ww-hit .ww-hit__title a")
        .into_iter()
        .filter_map(|h| h.strip_prefix("/interventies/").map(str::to_owned))
        .collect()
}

/// The theme codes of an intervention, through the API.
async fn themes_of(site: &Site, slug: &str) -> Vec<String> {
    let json = site.json(&format!("/api/v1/interventions/{slug}")).await;
    json["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap().to_owned())
        .collect()
}

/// The count shown next to a facet checkbox, e.g. `(3)` → 3.
fn facet_count(doc: &Html, id: &str) -> u64 {
    let label = one(doc, &format!("label[for={id}] .ww-facet__count"));
    text(label)
        .trim_matches(['(', ')'])
        .parse()
        .expect("a number")
}

/// The total in the result heading, e.g. `5 resultaten voor ‘x’` → 5.
fn total(doc: &Html) -> u64 {
    let heading = text(one(doc, "h2.ww-result-count"));
    heading
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn the_empty_page_shows_the_form_and_help_without_error() {
    let site = Site::demo().await;
    let doc = site.page("/zoeken").await;
    assert_eq!(texts(&doc, "h1"), ["Zoeken"]);
    let form = one(&doc, "main form[role=search]");
    assert_eq!(form.value().attr("method"), Some("get"));
    assert_eq!(form.value().attr("action"), Some("/zoeken"));
    let input = one(&doc, "main form[role=search] input[name=q]");
    let id = input.value().attr("id").unwrap();
    assert_eq!(texts(&doc, &format!("label[for={id}]")).len(), 1);
    assert_eq!(
        all(&doc, "main form[role=search] button[type=submit]").len(),
        1
    );
    assert!(all(&doc, ".ww-hit").is_empty());
    assert!(all(&doc, ".ww-result-count").is_empty());
    assert_eq!(all(&doc, ".ww-search-help").len(), 1);
    assert!(!hrefs(&doc, ".ww-search-examples a").is_empty());
    // The menu has a current "Zoeken" item.
    let current = one(&doc, ".ww-menu a[aria-current=page]");
    assert_eq!(current.value().attr("href"), Some("/zoeken"));
}

#[tokio::test]
async fn home_and_menu_lead_to_search() {
    let site = Site::demo().await;
    let doc = site.page("/").await;
    let form = one(&doc, "main form[role=search]");
    assert_eq!(form.value().attr("action"), Some("/zoeken"));
    assert_eq!(all(&doc, "main form[role=search] input[name=q]").len(), 1);
    assert!(hrefs(&doc, ".ww-menu a").contains(&"/zoeken".to_owned()));
}

#[tokio::test]
async fn eenzaamheid_finds_interventions_about_eenzaamheid() {
    let site = Site::demo().await;
    // Only interventions (dossiers and publications are found too).
    let doc = site.page("/zoeken?q=eenzaamheid&type=interventie").await;
    let slugs = hit_slugs(&doc);
    assert!(slugs.len() >= 3, "{slugs:?}");
    assert!(slugs.contains(&"deurwaarts".to_owned()), "{slugs:?}");
    let heading = text(one(&doc, "h2.ww-result-count"));
    assert_eq!(
        heading,
        format!("{} resultaten voor ‘eenzaamheid’", slugs.len())
    );
    // Every hit says what it is, and the query words are highlighted.
    for hit in all(&doc, ".ww-hit") {
        let kind = hit.select(&common::sel(".ww-hit__kind")).next().unwrap();
        assert_eq!(text(kind), "Interventie");
        assert_eq!(
            hit.select(&common::sel(".ww-rating")).count(),
            1,
            "{}",
            hit.html()
        );
    }
    assert!(!all(&doc, ".ww-hit mark").is_empty());
    let marked = texts(&doc, ".ww-hit mark");
    assert!(
        marked.iter().any(|m| m.to_lowercase().starts_with("eenza")),
        "{marked:?}"
    );
    // The theme links of a hit lead to the theme pages.
    assert!(hrefs(&doc, ".ww-hit__themes a").contains(&"/themas/eenzaamheid".to_owned()));
    // Deurwaarts is about eenzaamheid, and says so.
    assert!(themes_of(&site, "deurwaarts")
        .await
        .contains(&"eenzaamheid".to_owned()));
}

#[tokio::test]
async fn facets_count_and_combine_with_the_query() {
    let site = Site::demo().await;
    let doc = site.page("/zoeken?q=eenzaamheid&type=interventie").await;
    let all_total = total(&doc);
    let legends = texts(&doc, ".ww-facet-form legend");
    for wanted in ["Type (1 gekozen)", "Thema", "Doelgroep", "Erkenningsniveau"] {
        assert!(legends.iter().any(|l| l == wanted), "{legends:?}");
    }
    // The facet form carries the words, and its checkboxes are labelled.
    let q = one(&doc, ".ww-facet-form input[type=hidden][name=q]");
    assert_eq!(q.value().attr("value"), Some("eenzaamheid"));
    assert_eq!(
        text(one(&doc, "label[for=facet-thema-eenzaamheid]")),
        format!(
            "Eenzaamheid ({})",
            facet_count(&doc, "facet-thema-eenzaamheid")
        )
    );
    let theme_count = facet_count(&doc, "facet-thema-eenzaamheid");
    assert!(theme_count < all_total, "{theme_count} of {all_total}");

    let filtered = site
        .page("/zoeken?q=eenzaamheid&type=interventie&thema=eenzaamheid")
        .await;
    assert_eq!(total(&filtered), theme_count);
    let slugs = hit_slugs(&filtered);
    assert_eq!(u64::try_from(slugs.len()).unwrap(), theme_count);
    for slug in &slugs {
        assert!(
            themes_of(&site, slug)
                .await
                .contains(&"eenzaamheid".to_owned()),
            "{slug}"
        );
    }
    // The chosen value is checked, listed with a removal link, and kept by
    // the search box.
    let checkbox = one(&filtered, "#facet-thema-eenzaamheid");
    assert!(checkbox.value().attr("checked").is_some());
    assert_eq!(
        hrefs(&filtered, ".ww-active-filter__remove"),
        [
            "/zoeken?q=eenzaamheid&thema=eenzaamheid",
            "/zoeken?q=eenzaamheid&type=interventie"
        ]
    );
    let kept = one(
        &filtered,
        "main form[role=search] input[type=hidden][name=thema]",
    );
    assert_eq!(kept.value().attr("value"), Some("eenzaamheid"));
}

#[tokio::test]
async fn sorting_by_niveau_orders_by_rating() {
    let site = Site::demo().await;
    let doc = site.page("/zoeken?q=eenzaamheid&sorteer=niveau").await;
    let slugs = hit_slugs(&doc);
    assert!(slugs.len() >= 3);
    let mut ranks = Vec::new();
    for slug in &slugs {
        let json = site.json(&format!("/api/v1/interventions/{slug}")).await;
        let level = json["rating"]["level"].as_str().unwrap_or("").to_owned();
        let rank = [
            "",
            "goed-beschreven",
            "goed-onderbouwd",
            "effectief-eerste-aanwijzingen",
            "effectief-goede-aanwijzingen",
            "effectief-sterke-aanwijzingen",
        ]
        .iter()
        .position(|l| *l == level)
        .unwrap();
        ranks.push(rank);
    }
    assert!(
        ranks.windows(2).all(|w| w[0] >= w[1]),
        "{slugs:?} {ranks:?}"
    );
    assert!(ranks.first() > ranks.last(), "{ranks:?}");
    // The select shows the chosen order and the form keeps the words.
    let selected = one(&doc, "select[name=sorteer] option[selected]");
    assert_eq!(selected.value().attr("value"), Some("niveau"));
    let label = one(&doc, "label[for=sorteer]");
    assert_eq!(text(label), "Sorteer op");
    let q = one(&doc, ".ww-sort-form input[type=hidden][name=q]");
    assert_eq!(q.value().attr("value"), Some("eenzaamheid"));
}

#[tokio::test]
async fn a_misspelling_still_finds_results_and_offers_the_spelling() {
    let site = Site::demo().await;
    for (typo, right) in [
        ("eenzaamhied", "eenzaamheid"),
        ("mantelzorgre", "mantelzorger"),
    ] {
        let doc = site
            .page(&format!("/zoeken?q={typo}&thema=ouderen&sorteer=datum"))
            .await;
        let unfiltered = site.page(&format!("/zoeken?q={typo}")).await;
        let found = !hit_slugs(&unfiltered).is_empty();
        let offered = texts(&unfiltered, ".ww-did-you-mean a");
        assert!(found || offered == [right], "{typo}: {offered:?}");
        // "Bedoelde u …?" links to the spelling, keeping filters and sort.
        let link = one(&doc, ".ww-did-you-mean a");
        assert_eq!(text(link), right);
        assert_eq!(
            link.value().attr("href"),
            Some(format!("/zoeken?q={right}&thema=ouderen&sorteer=datum").as_str())
        );
        assert!(
            text(one(&doc, ".ww-did-you-mean")).starts_with("Bedoelde u"),
            "{typo}"
        );
        if found {
            let notice = text(one(&unfiltered, ".ww-inexact-notice"));
            assert!(notice.starts_with("Geen exacte treffers"), "{notice}");
        }
    }
}

#[tokio::test]
async fn a_part_of_a_compound_finds_the_compound() {
    // The demo text has "schuldhulpverlening" (and never "schuldhulp" alone).
    let site = Site::demo().await;
    let doc = site.page("/zoeken?q=schuldhulp").await;
    let slugs = hit_slugs(&doc);
    for expected in ["paperassenploeg", "helder-geregeld", "huis-voorop"] {
        assert!(
            slugs.contains(&expected.to_owned()),
            "{expected}: {slugs:?}"
        );
        let json = site
            .json(&format!("/api/v1/interventions/{expected}"))
            .await;
        let all_text = json.to_string().to_lowercase();
        assert!(all_text.contains("schuldhulpverlening"), "{expected}");
    }
    assert!(all(&doc, ".ww-inexact-notice").is_empty());
}

#[tokio::test]
async fn paging_links_keep_words_filters_and_sort() {
    let site = Site::demo().await;
    let doc = site
        .page("/zoeken?q=de&type=interventie&sorteer=datum")
        .await;
    assert_eq!(hit_slugs(&doc).len(), 20);
    assert_eq!(text(one(&doc, ".ww-page-status")), "Pagina 1 van 2.");
    let next = hrefs(&doc, ".ww-pagination a[rel=next]");
    assert_eq!(
        next,
        ["/zoeken?q=de&type=interventie&sorteer=datum&pagina=2"]
    );
    let second = site.page(&next[0]).await;
    let mut seen = hit_slugs(&doc);
    seen.extend(hit_slugs(&second));
    let total_hits = usize::try_from(total(&doc)).unwrap();
    assert_eq!(seen.len(), total_hits);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), total_hits, "no hit on both pages");
    assert_eq!(
        hrefs(&second, ".ww-pagination a[rel=prev]"),
        ["/zoeken?q=de&type=interventie&sorteer=datum"]
    );
    let current = one(&second, ".ww-pagination a[aria-current=page]");
    assert_eq!(text(current), "Pagina 2");
}

#[tokio::test]
async fn searches_are_logged_and_misses_show_up() {
    let site = Site::demo().await;
    let doc = site.page("/zoeken?q=ruimtevaartbegeleiding").await;
    assert!(all(&doc, ".ww-hit").is_empty());
    assert_eq!(
        text(one(&doc, "h2.ww-result-count")),
        "Geen resultaten voor ‘ruimtevaartbegeleiding’"
    );
    assert_eq!(all(&doc, ".ww-no-results").len(), 1);
    let missed = site.test.app.missed_queries(10).await.unwrap();
    let miss = missed
        .iter()
        .find(|m| m.query == "ruimtevaartbegeleiding")
        .expect("the zero-result search is in the log");
    assert_eq!(miss.times, 1);
    // A search that finds something is not a miss.
    site.page("/zoeken?q=eenzaamheid").await;
    let missed = site.test.app.missed_queries(10).await.unwrap();
    assert!(missed.iter().all(|m| m.query != "eenzaamheid"));
}

#[tokio::test]
async fn the_suggestion_script_is_served_and_only_enhances() {
    let site = Site::demo().await;
    let doc = site.page("/zoeken").await;
    let script = one(&doc, "head script[src]");
    let src = script.value().attr("src").unwrap();
    assert!(src.starts_with("/static/zoeken.js?v="), "{src}");
    assert!(script.value().attr("defer").is_some());
    // Without the script the input has no list; the script adds it.
    let input = one(&doc, "input[type=search][name=q]");
    assert_eq!(input.value().attr("data-suggest"), Some("/api/v1/suggest"));
    assert!(input.value().attr("list").is_none());
    let js = site.get(src).await;
    assert_eq!(js.status, 200);
    assert_eq!(js.header("content-type"), "text/javascript; charset=utf-8");
    assert!(js.header("cache-control").contains("max-age=31536000"));
    assert!(js.body.contains("/api/v1/suggest") || js.body.contains("data-suggest"));
}

/// The badges on the results page come from the index, judged on the
/// application's day: on a day after every rating ended, each badge says
/// "verlopen" and the erkenningsniveau facet counts nothing.
#[tokio::test]
async fn badges_and_the_niveau_facet_follow_the_day_of_the_search() {
    let site = Site::demo().await;
    let doc = site.page("/zoeken?q=eenzaamheid").await;
    let badges = all(&doc, ".ww-hit .ww-rating");
    assert!(!badges.is_empty());
    assert!(all(&doc, ".ww-hit .ww-rating--expired").len() < badges.len());
    let json = site.json("/api/v1/search?q=eenzaamheid").await;
    assert!(!json["facets"]["niveau"].as_array().unwrap().is_empty());

    let later = Site::demo_on(chrono::NaiveDate::from_ymd_opt(2060, 1, 1).unwrap()).await;
    let doc = later.page("/zoeken?q=eenzaamheid").await;
    let badges = all(&doc, ".ww-hit .ww-rating");
    assert_eq!(badges.len(), all(&doc, ".ww-hit .ww-rating--expired").len());
    assert!(!badges.is_empty());
    assert!(!texts(&doc, ".ww-hit .ww-validity--expired").is_empty());
    let json = later.json("/api/v1/search?q=eenzaamheid").await;
    assert_eq!(json["facets"]["niveau"], serde_json::json!([]));
    assert!(json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| !i["rating"].is_null())
        .all(|i| i["rating"]["expired"] == true));
    // A filter on a level finds nothing once every rating has expired.
    let json = later
        .json("/api/v1/search?niveau=effectief-goede-aanwijzingen")
        .await;
    assert_eq!(json["total"], 0);
}

/// The example-data notice and the publication detail come from the index too.
#[tokio::test]
async fn hits_show_example_data_and_publication_details_from_the_index() {
    let site = Site::demo().await;
    let doc = site.page("/zoeken?q=eenzaamheid").await;
    assert!(doc.html().contains("fictieve inhoud"), "example notice");
    let json = site.json("/api/v1/search?type=publicatie").await;
    let first = json["items"][0]["id"].as_str().unwrap().to_owned();
    let doc = site.page("/zoeken?type=publicatie").await;
    let details = texts(&doc, ".ww-hit__detail");
    assert!(
        !details.is_empty(),
        "publication hits show type and year: {first}"
    );
}
