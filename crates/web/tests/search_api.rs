//! `GET /api/v1/search` and `GET /api/v1/suggest` on demo content.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::Site;
use serde_json::Value;

fn ids(json: &Value) -> Vec<String> {
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

fn facet<'a>(json: &'a Value, name: &str, value: &str) -> &'a Value {
    json["facets"][name]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == value)
        .unwrap_or_else(|| panic!("no facet {name}={value}"))
}

#[tokio::test]
async fn a_search_answers_the_documented_shape() {
    let site = Site::demo().await;
    let reply = site.get("/api/v1/search?q=eenzaamheid").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), "application/json");
    let json = site.json("/api/v1/search?q=eenzaamheid").await;
    for key in [
        "query",
        "total",
        "page",
        "per_page",
        "total_pages",
        "sort",
        "did_you_mean",
        "corrected",
        "fuzzy",
        "partial",
        "truncated",
        "items",
        "facets",
        "ignored_filters",
    ] {
        assert!(json.get(key).is_some(), "missing {key}: {json}");
    }
    assert_eq!(json["query"], "eenzaamheid");
    assert_eq!(json["page"], 1);
    assert_eq!(json["per_page"], 20);
    assert_eq!(json["sort"], "relevantie");
    assert_eq!(json["did_you_mean"], Value::Null);
    let items = json["items"].as_array().unwrap();
    assert_eq!(json["total"].as_u64().unwrap(), items.len() as u64);
    assert!(ids(&json).contains(&"deurwaarts".to_owned()));
    let first = &items[0];
    for key in [
        "kind",
        "id",
        "title",
        "title_html",
        "snippet_html",
        "url",
        "rating",
        "date",
        "themes",
    ] {
        assert!(first.get(key).is_some(), "missing item.{key}: {first}");
    }
    let deurwaarts = items.iter().find(|i| i["id"] == "deurwaarts").unwrap();
    assert_eq!(deurwaarts["kind"], "interventie");
    assert_eq!(deurwaarts["url"], "/interventies/deurwaarts");
    assert_eq!(
        deurwaarts["rating"]["code"],
        "effectief-eerste-aanwijzingen"
    );
    assert!(deurwaarts["themes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["code"] == "eenzaamheid" && t["label"] == "Eenzaamheid"));
    assert!(items
        .iter()
        .any(|i| i["snippet_html"].as_str().unwrap().contains("<mark>")));
    for name in ["type", "thema", "doelgroep", "niveau"] {
        assert!(
            !json["facets"][name].as_array().unwrap().is_empty(),
            "{name}"
        );
    }
    let kind = facet(&json, "type", "interventie");
    assert_eq!(kind["label"], "Interventie");
    // Every hit has one type: the type counts add up to the total.
    let sum: u64 = json["facets"]["type"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["count"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, json["total"].as_u64().unwrap());
}

#[tokio::test]
async fn facets_combine_with_the_words() {
    let site = Site::demo().await;
    let all = site.json("/api/v1/search?q=eenzaamheid").await;
    let count = facet(&all, "thema", "eenzaamheid")["count"]
        .as_u64()
        .unwrap();
    assert!(count < all["total"].as_u64().unwrap());
    let filtered = site
        .json("/api/v1/search?q=eenzaamheid&thema=eenzaamheid")
        .await;
    assert_eq!(filtered["total"].as_u64().unwrap(), count);
    for item in filtered["items"].as_array().unwrap() {
        assert!(
            item["themes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["code"] == "eenzaamheid"),
            "{item}"
        );
    }
    assert_eq!(
        facet(&filtered, "thema", "eenzaamheid")["selected"],
        Value::Bool(true)
    );
}

#[tokio::test]
async fn sort_and_paging_are_applied() {
    let site = Site::demo().await;
    let json = site
        .json("/api/v1/search?q=eenzaamheid&sort=niveau&per_page=2&page=2")
        .await;
    assert_eq!(json["sort"], "niveau");
    assert_eq!(
        (json["page"].as_u64(), json["per_page"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(json["items"].as_array().unwrap().len(), 2);
    let total = json["total"].as_u64().unwrap();
    assert_eq!(json["total_pages"].as_u64().unwrap(), total.div_ceil(2));

    let by_rating = site.json("/api/v1/search?q=eenzaamheid&sort=niveau").await;
    let order = [
        "goed-beschreven",
        "goed-onderbouwd",
        "effectief-eerste-aanwijzingen",
        "effectief-goede-aanwijzingen",
        "effectief-sterke-aanwijzingen",
    ];
    let ranks: Vec<usize> = by_rating["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i["rating"]["code"]
                .as_str()
                .and_then(|c| order.iter().position(|o| *o == c))
                .map_or(0, |p| p + 1)
        })
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");
}

#[tokio::test]
async fn typos_and_compounds_are_found() {
    let site = Site::demo().await;
    for (typo, right) in [
        ("eenzaamhied", "eenzaamheid"),
        ("mantelzorgre", "mantelzorger"),
    ] {
        let json = site.json(&format!("/api/v1/search?q={typo}")).await;
        assert!(
            json["total"].as_u64().unwrap() > 0 || json["did_you_mean"] == right,
            "{typo}: {json}"
        );
        assert_eq!(json["did_you_mean"], right, "{typo}");
    }
    let json = site.json("/api/v1/search?q=schuldhulp").await;
    assert!(ids(&json).contains(&"paperassenploeg".to_owned()), "{json}");
    assert_eq!(json["fuzzy"], false);
    assert_eq!(json["corrected"], false);
}

#[tokio::test]
async fn suggestions_complete_what_is_typed() {
    let site = Site::demo().await;
    let json = site.json("/api/v1/suggest?q=eenz").await;
    let list = json.as_array().unwrap();
    assert!(!list.is_empty());
    let texts: Vec<&str> = list.iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&"eenzaamheid"), "{texts:?}");
    for s in list {
        assert!(s.get("url").is_some() && s.get("kind").is_some(), "{s}");
    }
    // A title suggestion points to its page.
    let titles = site.json("/api/v1/suggest?q=deurw").await;
    let deurwaarts = titles
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "Deurwaarts")
        .expect("the title is suggested");
    assert_eq!(deurwaarts["url"], "/interventies/deurwaarts");
    assert_eq!(deurwaarts["kind"], "interventie");
    // The limit is kept.
    let one = site.json("/api/v1/suggest?q=e&limit=1").await;
    assert!(one.as_array().unwrap().len() <= 1);
}

#[tokio::test]
async fn api_searches_are_logged_too() {
    let site = Site::demo().await;
    site.json("/api/v1/search?q=maanlanding").await;
    let missed = site.test.app.missed_queries(10).await.unwrap();
    assert!(missed.iter().any(|m| m.query == "maanlanding"));
}

/// Machine clients may leave out facet counts and snippets: the items stay
/// the same, the facet lists are empty and `snippet_html` is empty.
#[tokio::test]
async fn facets_and_snippets_can_be_left_out() {
    let site = Site::demo().await;
    let full = site.json("/api/v1/search?q=eenzaamheid").await;
    assert!(!full["facets"]["thema"].as_array().unwrap().is_empty());
    assert!(full["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["snippet_html"].as_str().unwrap().contains("<mark>")));

    let lean = site
        .json("/api/v1/search?q=eenzaamheid&facetten=nee&fragmenten=nee")
        .await;
    assert_eq!(ids(&lean), ids(&full));
    assert_eq!(lean["total"], full["total"]);
    for name in ["type", "thema", "doelgroep", "niveau"] {
        assert_eq!(lean["facets"][name], serde_json::json!([]), "{name}");
    }
    for item in lean["items"].as_array().unwrap() {
        assert_eq!(item["snippet_html"], "");
        assert!(!item["title_html"].as_str().unwrap().contains("<mark>"));
    }
    // Each can be left out on its own; `ja` is the default.
    let no_facets = site
        .json("/api/v1/search?q=eenzaamheid&facetten=nee&fragmenten=ja")
        .await;
    assert_eq!(no_facets["facets"]["thema"], serde_json::json!([]));
    assert_eq!(no_facets["items"], full["items"]);

    let reply = site
        .get("/api/v1/search?q=eenzaamheid&facetten=misschien")
        .await;
    assert_eq!(reply.status, 400);
    let body = reply.json();
    assert_eq!(body["error"], "invalid_request");
    assert!(
        body["message"].as_str().unwrap().contains("ja of nee"),
        "{body}"
    );
}

#[tokio::test]
async fn the_kennisbron_facet_counts_and_filters_dossiers() {
    let site = Site::demo().await;
    let all = site.json("/api/v1/search?q=eenzaamheid").await;
    let experiential = facet(&all, "kennisbron", "ervaring");
    assert_eq!(experiential["label"], "Ervaringskennis");
    let count = experiential["count"].as_u64().unwrap();
    assert!(count >= 1, "{all}");
    for value in ["wetenschappelijk", "praktijk"] {
        assert!(facet(&all, "kennisbron", value)["count"].as_u64().unwrap() >= 1);
    }

    let filtered = site
        .json("/api/v1/search?q=eenzaamheid&kennisbron=ervaring")
        .await;
    assert_eq!(filtered["total"].as_u64().unwrap(), count, "{filtered}");
    assert!(facet(&filtered, "kennisbron", "ervaring")["selected"] == true);
    for item in filtered["items"].as_array().unwrap() {
        assert_eq!(item["kind"], "dossier", "{item}");
    }
    assert!(
        filtered["total"].as_u64().unwrap() < all["total"].as_u64().unwrap(),
        "the filter leaves out interventions"
    );
}
