//! Bad input on `/zoeken` and `/api/v1/search`: each gives a sensible result
//! or a clear Dutch message, never a 500 (a panic would be caught as one).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use axum::http::StatusCode;
use common::{all, hrefs, one, text, texts, Site};
use watwerkt_domain::Theme;
use watwerkt_store::ContentBatch;
use watwerkt_testkit::builders;

/// Percent-encodes a query value.
fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn an_empty_query_gives_the_form_or_everything() {
    let site = Site::demo().await;
    for uri in ["/zoeken?q=", "/zoeken?q=%20%20", "/zoeken?q=&pagina=1"] {
        let doc = site.page(uri).await;
        assert_eq!(all(&doc, ".ww-search-help").len(), 1, "{uri}");
        assert!(all(&doc, ".ww-notice").is_empty(), "{uri}");
    }
    let json = site.json("/api/v1/search?q=").await;
    assert_eq!(json["query"], "");
    assert!(
        json["total"].as_u64().unwrap() > 20,
        "browsing lists everything"
    );
    assert_eq!(json["items"].as_array().unwrap().len(), 20);
}

#[tokio::test]
async fn a_query_of_ten_thousand_characters_is_cut_with_a_notice() {
    let site = Site::demo().await;
    let long = "eenzaamheid ".repeat(834);
    assert!(long.len() > 10_000);
    let solid = "x".repeat(10_000);
    for query in [long.as_str(), solid.as_str()] {
        let doc = site.page(&format!("/zoeken?q={}", enc(query))).await;
        let notice = text(one(&doc, ".ww-truncated-notice"));
        assert!(notice.contains("te lang"), "{notice}");
        let value = one(&doc, "input[type=search][name=q]")
            .value()
            .attr("value")
            .unwrap();
        assert!(value.chars().count() <= 500, "{}", value.len());
        let heading = text(one(&doc, "h2.ww-result-count"));
        assert!(heading.chars().count() < 120, "{heading}");

        let json = site.json(&format!("/api/v1/search?q={}", enc(query))).await;
        assert_eq!(json["truncated"], true);
        assert!(json["query"].as_str().unwrap().chars().count() <= 500);
    }
    // The repeated word still finds what it means.
    let json = site.json(&format!("/api/v1/search?q={}", enc(&long))).await;
    assert!(json["total"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn only_punctuation_asks_for_words() {
    let site = Site::demo().await;
    for query in [
        "?!.,;", "---", "…", "\"", "\"\"", ":", "(", ")", "*", "~", "\":(*~",
    ] {
        let uri = format!("/zoeken?q={}", enc(query));
        let doc = site.page(&uri).await;
        let notice = text(one(&doc, ".ww-no-words-notice"));
        assert!(
            notice.contains("geen letters of cijfers"),
            "{uri}: {notice}"
        );
        assert!(all(&doc, ".ww-hit").is_empty(), "{uri}");
        assert_eq!(all(&doc, ".ww-search-help").len(), 1, "{uri}");

        let reply = site.get(&format!("/api/v1/search?q={}", enc(query))).await;
        assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.body);
        assert_eq!(reply.json()["did_you_mean"], serde_json::Value::Null);
    }
}

#[tokio::test]
async fn query_syntax_characters_are_plain_text() {
    let site = Site::demo().await;
    for query in [
        "\"eenzaamheid",
        "eenzaamheid\"",
        "\"ouderen eenzaamheid\"",
        "title:deurwaarts",
        "eenzaamheid:",
        "(eenzaamheid",
        "eenzaam*",
        "eenzaamheid~2",
        "ouderen AND (eenzaamheid OR schulden)",
        "+eenzaamheid -ouderen",
        "[1 TO 5]",
        "{a}^3 \\ / ! %",
        "%FF%FE",
    ] {
        let uri = format!("/zoeken?q={}", enc(query));
        let reply = site.get(&uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.body);
        let doc = reply.html();
        assert_eq!(all(&doc, "h2.ww-result-count").len(), 1, "{query}");

        let reply = site.get(&format!("/api/v1/search?q={}", enc(query))).await;
        assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.body);
    }
    // The words around the syntax still count.
    for query in [
        "title:deurwaarts",
        "eenzaam*",
        "eenzaamheid~2",
        "(eenzaamheid",
    ] {
        let json = site.json(&format!("/api/v1/search?q={}", enc(query))).await;
        assert!(json["total"].as_u64().unwrap() > 0, "{query}: {json}");
    }
}

#[tokio::test]
async fn script_text_is_shown_as_text_never_as_markup() {
    let site = Site::demo().await;
    let mut p = builders::publication(
        "scriptproef",
        "Handreiking <script>alert(1)</script> veilig",
    );
    p.body = "Wie <script>alert('x')</script> of <b>vet</b> typt, ziet tekst.".into();
    p.themes = vec![Theme::Eenzaamheid];
    site.test
        .app
        .import_batch(&ContentBatch {
            publications: vec![p],
            ..ContentBatch::default()
        })
        .await
        .unwrap();

    // Markup in the content: never rendered; titles escaped, highlighted with <mark>.
    let doc = site.page("/zoeken?q=script%20alert").await;
    assert!(all(&doc, "main script").is_empty());
    assert!(all(&doc, "main b").is_empty());
    let title = one(&doc, ".ww-hit--publicatie .ww-hit__title a");
    assert_eq!(
        title.text().collect::<String>(),
        "Handreiking <script>alert(1)</script> veilig"
    );
    assert!(!all(&doc, ".ww-hit--publicatie .ww-hit__title mark").is_empty());
    let snippet: String = one(&doc, ".ww-hit--publicatie .ww-hit__snippet")
        .text()
        .collect();
    // The indexed text is plain text: tags in the Markdown are gone, words stay.
    assert!(snippet.contains("vet typt"), "{snippet}");
    assert!(!snippet.contains("<b>"), "{snippet}");

    // Markup in the query: echoed as text.
    let query = "<script>alert(1)</script>";
    let doc = site.page(&format!("/zoeken?q={}", enc(query))).await;
    assert!(all(&doc, "main script").is_empty());
    let input = one(&doc, "input[type=search][name=q]");
    assert_eq!(input.value().attr("value"), Some(query));
    assert!(text(one(&doc, "h2.ww-result-count")).contains(query));
}

#[tokio::test]
async fn unknown_facet_values_are_ignored_with_a_notice() {
    let site = Site::demo().await;
    let doc = site
        .page("/zoeken?q=eenzaamheid&thema=astrologie&type=video&niveau=super&doelgroep=eenhoorns")
        .await;
    let notice = text(one(&doc, ".ww-ignored-notice"));
    for part in [
        "thema ‘astrologie’",
        "type ‘video’",
        "erkenningsniveau ‘super’",
        "doelgroep ‘eenhoorns’",
    ] {
        assert!(notice.contains(part), "{part}: {notice}");
    }
    assert!(notice.contains("niet toegepast"), "{notice}");
    // The results are those of the words alone, and links drop the unknown values.
    let plain = site.page("/zoeken?q=eenzaamheid").await;
    assert_eq!(
        texts(&doc, ".ww-hit__title"),
        texts(&plain, ".ww-hit__title")
    );
    assert!(!all(&doc, ".ww-hit").is_empty());
    for href in hrefs(&doc, "main a[href^='/zoeken']") {
        assert!(!href.contains("astrologie"), "{href}");
    }
    assert!(all(&doc, "main input[value=astrologie]").is_empty());

    let json = site
        .json("/api/v1/search?q=eenzaamheid&thema=astrologie&type=video")
        .await;
    let ignored = json["ignored_filters"].as_array().unwrap();
    assert!(ignored
        .iter()
        .any(|i| i["parameter"] == "thema" && i["value"] == "astrologie"));
    assert!(ignored
        .iter()
        .any(|i| i["parameter"] == "type" && i["value"] == "video"));
    assert!(json["total"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn a_page_past_the_end_says_so_and_links_back() {
    let site = Site::demo().await;
    for uri in [
        "/zoeken?q=eenzaamheid&pagina=7",
        "/zoeken?q=eenzaamheid&pagina=4294967295",
    ] {
        let doc = site.page(uri).await;
        assert!(all(&doc, ".ww-hit").is_empty(), "{uri}");
        let message = one(&doc, ".ww-beyond-last");
        assert!(text(message).contains("bestaat niet"), "{uri}");
        assert_eq!(
            hrefs(&doc, ".ww-beyond-last a"),
            ["/zoeken?q=eenzaamheid"],
            "{uri}"
        );
        assert!(all(&doc, ".ww-pagination a[aria-current]").is_empty());
    }
    let json = site.json("/api/v1/search?q=eenzaamheid&page=7").await;
    assert!(json["items"].as_array().unwrap().is_empty());
    assert!(json["total"].as_u64().unwrap() > 0);
    assert_eq!(json["page"], 7);
}

#[tokio::test]
async fn bad_paging_and_sort_values_are_clear_400s() {
    let site = Site::demo().await;
    for (uri, code) in [
        ("/zoeken?q=eenzaamheid&pagina=twee", "invalid_page"),
        ("/zoeken?q=eenzaamheid&pagina=0", "invalid_page"),
        ("/zoeken?q=eenzaamheid&pagina=-1", "invalid_page"),
        ("/zoeken?q=eenzaamheid&pagina=1.5", "invalid_page"),
        ("/zoeken?q=eenzaamheid&sorteer=alfabet", "invalid_request"),
    ] {
        let reply = site.get(uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        let doc = reply.html();
        let message = text(one(&doc, ".ww-error-message"));
        let expected = if code == "invalid_page" {
            "Ongeldig paginanummer"
        } else {
            "Onbekende sortering"
        };
        assert!(message.starts_with(expected), "{uri}: {message}");
        assert!(hrefs(&doc, "main a").contains(&"/zoeken".to_owned()));
    }
    for (uri, code) in [
        ("/api/v1/search?q=eenzaamheid&page=twee", "invalid_page"),
        ("/api/v1/search?q=eenzaamheid&page=0", "invalid_page"),
        ("/api/v1/search?q=eenzaamheid&per_page=0", "invalid_page"),
        ("/api/v1/search?q=eenzaamheid&per_page=101", "invalid_page"),
        (
            "/api/v1/search?q=eenzaamheid&sort=alfabet",
            "invalid_request",
        ),
        ("/api/v1/suggest?q=eenz&limit=veel", "invalid_request"),
        ("/api/v1/suggest?q=eenz&limit=0", "invalid_request"),
        ("/api/v1/suggest?q=eenz&limit=21", "invalid_request"),
    ] {
        let reply = site.get(uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        let json = reply.json();
        assert_eq!(json["error"], code, "{uri}");
        assert!(!json["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn suggestions_survive_odd_input() {
    let site = Site::demo().await;
    let long = "eenzaamheid".repeat(1_000);
    for q in ["", "%20", "%22%3A(*~", "%3Cscript%3E", &long, "%FF"] {
        let reply = site.get(&format!("/api/v1/suggest?q={q}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{q}: {}", reply.body);
        assert!(reply.json().is_array());
    }
    assert_eq!(site.json("/api/v1/suggest").await, serde_json::json!([]));
}
