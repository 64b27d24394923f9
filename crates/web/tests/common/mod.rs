//! Shared helpers of the web tests: a router on demo content, one-shot
//! requests, and HTML selector helpers (pages are asserted through selectors,
//! never substrings).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use chrono::NaiveDate;
use http_body_util::BodyExt;
use scraper::{ElementRef, Html, Selector};
use tower::ServiceExt;
use watwerkt_testkit::TestApp;
use watwerkt_web::{router, WebConfig};

/// A router over a test app; keep `test` alive as long as the router is used.
pub struct Site {
    pub test: TestApp,
    pub router: Router,
}

impl Site {
    /// The demo content, on the testkit's fixed day.
    pub async fn demo() -> Self {
        Self::from(TestApp::with_demo().await)
    }

    /// The demo content, with the clock on `today`.
    pub async fn demo_on(today: NaiveDate) -> Self {
        Self::from(TestApp::with_demo_on(today).await)
    }

    /// No content at all.
    pub async fn empty() -> Self {
        Self::from(TestApp::empty().await)
    }

    pub fn from(test: TestApp) -> Self {
        let router = router(
            test.app.clone(),
            WebConfig {
                base_url: "https://watwerkt.test".into(),
                ..WebConfig::default()
            },
        );
        Self { test, router }
    }

    /// GET `uri`.
    pub async fn get(&self, uri: &str) -> Reply {
        self.request(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    /// Any request.
    pub async fn request(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8(bytes.to_vec()).expect("utf-8 body"),
        }
    }

    /// GET a page that must answer 200 with HTML, parsed.
    pub async fn page(&self, uri: &str) -> Html {
        let reply = self.get(uri).await;
        assert_eq!(reply.status, StatusCode::OK, "GET {uri}: {}", reply.body);
        reply.html()
    }

    /// GET an API resource that must answer 200 with JSON, parsed.
    pub async fn json(&self, uri: &str) -> serde_json::Value {
        let reply = self.get(uri).await;
        assert_eq!(reply.status, StatusCode::OK, "GET {uri}: {}", reply.body);
        reply.json()
    }

    /// Slugs of every published intervention, through the use case.
    pub async fn published_slugs(&self) -> Vec<String> {
        let page = self
            .test
            .app
            .list_interventions(
                &watwerkt_store::InterventionFilter::default(),
                watwerkt_store::PageRequest::new(1, 100),
            )
            .await
            .unwrap();
        page.items
            .iter()
            .map(|c| c.summary.slug.to_string())
            .collect()
    }
}

/// A response with its body read.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn html(&self) -> Html {
        let content_type = self.header("content-type");
        assert!(
            content_type.starts_with("text/html"),
            "expected HTML, got {content_type}"
        );
        Html::parse_document(&self.body)
    }

    pub fn json(&self) -> serde_json::Value {
        let content_type = self.header("content-type");
        assert!(
            content_type.starts_with("application/json"),
            "expected JSON, got {content_type}"
        );
        serde_json::from_str(&self.body).expect("JSON body")
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// All elements matching `css`.
pub fn all<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(css)).collect()
}

/// The one element matching `css`.
pub fn one<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
    let found = all(doc, css);
    assert_eq!(
        found.len(),
        1,
        "expected one `{css}`, found {}",
        found.len()
    );
    found[0]
}

/// The text of an element, whitespace collapsed.
pub fn text(el: ElementRef<'_>) -> String {
    el.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Texts of all elements matching `css`.
pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    all(doc, css).into_iter().map(text).collect()
}

/// The `href`s of all elements matching `css`.
pub fn hrefs(doc: &Html, css: &str) -> Vec<String> {
    all(doc, css)
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect()
}

/// The slugs of the intervention cards on a page, in order.
pub fn card_slugs(doc: &Html) -> Vec<String> {
    hrefs(doc, ".ww-card .ww-card__title a")
        .into_iter()
        .map(|h| h.trim_start_matches("/interventies/").to_owned())
        .collect()
}
