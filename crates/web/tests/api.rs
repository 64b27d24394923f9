//! The JSON API: lists, filters, paging, one intervention, themes and the
//! error envelope.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::Site;
use serde_json::Value;
use watwerkt_domain::{Coded, Section, Theme};
use watwerkt_testkit::builders::date;

fn assert_envelope(body: &Value, code: &str) {
    let object = body.as_object().expect("an object");
    assert_eq!(object.len(), 2, "{body}");
    assert_eq!(body["error"], code, "{body}");
    assert!(
        !body["message"].as_str().unwrap_or_default().is_empty(),
        "{body}"
    );
}

#[tokio::test]
async fn interventions_are_listed_a_page_at_a_time() {
    let site = Site::demo().await;
    let published = site.published_slugs().await;
    let body = site.json("/api/v1/interventions").await;
    assert_eq!(body["page"], 1);
    assert_eq!(body["per_page"], 20);
    assert_eq!(body["total"], published.len());
    assert_eq!(body["total_pages"], published.len().div_ceil(20));
    assert_eq!(body["items"].as_array().unwrap().len(), 20);

    let mut seen = Vec::new();
    for page in 1..=3 {
        let body = site
            .json(&format!("/api/v1/interventions?per_page=10&page={page}"))
            .await;
        assert_eq!(body["per_page"], 10);
        for item in body["items"].as_array().unwrap() {
            seen.push(item["slug"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(seen, published);

    let beyond = site.json("/api/v1/interventions?page=999").await;
    assert_eq!(beyond["items"].as_array().unwrap().len(), 0);
    assert_eq!(beyond["total"], published.len());
}

#[tokio::test]
async fn list_items_carry_rating_and_themes() {
    let site = Site::demo().await;
    let body = site.json("/api/v1/interventions?per_page=100").await;
    let item = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "deurwaarts")
        .expect("deurwaarts is published");
    assert_eq!(item["title"], "Deurwaarts");
    assert_eq!(item["example_data"], true);
    assert_eq!(item["rating"]["level"], "effectief-eerste-aanwijzingen");
    assert_eq!(item["rating"]["numeral"], "II");
    assert_eq!(item["rating"]["valid_until"], "2028-05-16");
    assert_eq!(item["themes"][0]["code"], "eenzaamheid");
    assert_eq!(item["themes"][0]["label"], "Eenzaamheid");
}

#[tokio::test]
async fn filters_are_the_same_as_on_the_page() {
    let site = Site::demo().await;
    let body = site
        .json("/api/v1/interventions?thema=eenzaamheid&thema=ouderen&per_page=100")
        .await;
    let items = body["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        let codes: Vec<&str> = item["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["code"].as_str().unwrap())
            .collect();
        assert!(
            codes.contains(&"eenzaamheid") || codes.contains(&"ouderen"),
            "{codes:?}"
        );
    }
    let level = site
        .json("/api/v1/interventions?niveau=goed-beschreven&per_page=100")
        .await;
    for item in level["items"].as_array().unwrap() {
        assert_eq!(item["rating"]["level"], "goed-beschreven");
    }
    let plus = site.json("/api/v1/interventions?leeftijd=65%2B").await;
    assert!(plus["total"].as_u64().unwrap() >= 1);
}

#[tokio::test]
async fn one_intervention_has_every_field_and_section() {
    let site = Site::demo().await;
    let body = site.json("/api/v1/interventions/deurwaarts").await;
    assert_eq!(body["slug"], "deurwaarts");
    assert_eq!(body["target_group"]["age_bands"][0]["code"], "65+");
    assert_eq!(body["goals"]["sub"].as_array().unwrap().len(), 3);
    assert_eq!(body["approach"]["duration"], "6 maanden");
    assert_eq!(body["costs"]["amount_cents"], 41_000);
    assert_eq!(body["costs"]["amount_display"], "€ 410");
    assert_eq!(body["costs"]["per"], "deelnemer");
    assert_eq!(
        body["owner"]["website"],
        "https://voorbeeld.example/deurwaarts"
    );
    assert_eq!(body["contact"]["phone"], "010-5550142");
    assert_eq!(body["active_elements"][0]["slug"], "outreachend-werken");
    assert_eq!(body["research"].as_array().unwrap().len(), 2);
    let rating = &body["rating"];
    assert_eq!(rating["level"], "effectief-eerste-aanwijzingen");
    assert_eq!(rating["label"], "Effectief volgens eerste aanwijzingen");
    assert_eq!(rating["numeral"], "II");
    assert_eq!(rating["decided_on"], "2023-05-16");
    assert_eq!(rating["valid_until"], "2028-05-16");
    assert_eq!(rating["expired"], false);
    assert!(body["rating_history"].as_array().unwrap().is_empty());

    let view = site.test.app.intervention("deurwaarts").await.unwrap();
    let sections = body["sections"].as_object().unwrap();
    let expected: Vec<&str> = Section::ALL
        .iter()
        .filter(|s| view.intervention.description.get(**s).is_some())
        .map(|s| s.code())
        .collect();
    let keys: Vec<&str> = sections.keys().map(String::as_str).collect();
    let mut sorted = expected.clone();
    sorted.sort_unstable();
    assert_eq!(
        keys, sorted,
        "serde_json::Value sorts keys; the set must match"
    );
    // The served text keeps werkblad order.
    let raw = site.get("/api/v1/interventions/deurwaarts").await.body;
    let position = |code: &str| raw.find(&format!("\"{code}\":")).unwrap();
    let positions: Vec<usize> = expected.iter().map(|c| position(c)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{expected:?}");
}

#[tokio::test]
async fn expiry_follows_the_clock() {
    let site = Site::demo_on(date("2030-01-01")).await;
    let body = site.json("/api/v1/interventions/deurwaarts").await;
    assert_eq!(body["rating"]["expired"], true);
}

#[tokio::test]
async fn themes_come_with_their_counts() {
    let site = Site::demo().await;
    let body = site.json("/api/v1/themes").await;
    let themes = body.as_array().unwrap();
    assert_eq!(themes.len(), Theme::ALL.len());
    for (json, theme) in themes.iter().zip(Theme::ALL) {
        assert_eq!(json["code"], theme.code());
        assert_eq!(json["label"], theme.label());
        assert!(json["intervention_count"].is_u64());
    }
    let total: u64 = themes
        .iter()
        .map(|t| t["intervention_count"].as_u64().unwrap())
        .sum();
    assert!(total >= site.published_slugs().await.len() as u64);
}

#[tokio::test]
async fn errors_use_the_envelope() {
    let site = Site::demo().await;
    let cases = [
        ("/api/v1/interventions/bestaat-niet", 404, "not_found"),
        ("/api/v1/interventions/Geen%20Slug", 404, "not_found"),
        ("/api/v1/bestaat-niet", 404, "not_found"),
        ("/api/v2/interventions", 404, "not_found"),
        ("/api", 404, "not_found"),
        (
            "/api/v1/interventions?thema=astrologie",
            400,
            "invalid_filter",
        ),
        ("/api/v1/interventions?niveau=x", 400, "invalid_filter"),
        ("/api/v1/interventions?thema=", 400, "invalid_filter"),
        ("/api/v1/interventions?page=0", 400, "invalid_page"),
        ("/api/v1/interventions?page=een", 400, "invalid_page"),
        ("/api/v1/interventions?per_page=101", 400, "invalid_page"),
        ("/api/v1/interventions?per_page=0", 400, "invalid_page"),
    ];
    for (uri, status, code) in cases {
        let reply = site.get(uri).await;
        assert_eq!(reply.status.as_u16(), status, "{uri}: {}", reply.body);
        assert_envelope(&reply.json(), code);
    }
}

#[tokio::test]
async fn a_wrong_method_gets_405_in_the_envelope() {
    let site = Site::demo().await;
    let reply = site
        .request(
            Request::post("/api/v1/interventions")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_envelope(&reply.json(), "method_not_allowed");
}
