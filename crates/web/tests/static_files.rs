//! The embedded stylesheets: served with long caching, and every
//! `utrecht-*` class the templates use exists in the installed package.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{all, Site};

async fn stylesheet_links(site: &Site) -> Vec<String> {
    let doc = site.page("/").await;
    all(&doc, "link[rel=stylesheet]")
        .into_iter()
        .map(|l| l.value().attr("href").unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn stylesheets_are_served_with_long_caching_and_etags() {
    let site = Site::empty().await;
    let links = stylesheet_links(&site).await;
    assert_eq!(links.len(), 2);
    assert!(links[0].starts_with("/static/utrecht.css?v="));
    assert!(links[1].starts_with("/static/watwerkt.css?v="));
    for link in links {
        let reply = site.get(&link).await;
        assert_eq!(reply.status, StatusCode::OK, "{link}");
        assert_eq!(reply.header("content-type"), "text/css; charset=utf-8");
        assert!(reply.header("cache-control").contains("max-age=31536000"));
        let etag = reply.header("etag");
        assert!(!etag.is_empty());
        let again = site
            .request(
                Request::get(&link)
                    .header("if-none-match", &etag)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{link}");
        assert!(again.body.is_empty());
    }
}

#[tokio::test]
async fn our_theme_sets_utrecht_tokens_and_no_foreign_theme_is_bundled() {
    let site = Site::empty().await;
    let ours = site.get("/static/watwerkt.css").await.body;
    assert!(ours.contains(".watwerkt-theme {"));
    assert!(ours.contains("--utrecht-document-color:"));
    let utrecht = site.get("/static/utrecht.css").await.body;
    assert!(utrecht.starts_with("/* @utrecht/component-library-css "));
    // Component CSS only: no design-token theme of Utrecht or Rijkshuisstijl.
    assert!(!utrecht.contains(".utrecht-theme {"));
    assert!(!utrecht.contains(".rijkshuisstijl-theme"));
}

/// Every `utrecht-*` class in our templates must exist in the served
/// component CSS, so a package upgrade cannot silently drop styling.
#[tokio::test]
async fn every_utrecht_class_in_the_templates_exists() {
    let site = Site::empty().await;
    let css = site.get("/static/utrecht.css").await.body;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut used = BTreeSet::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
                if word.starts_with("utrecht-") && !word.ends_with('-') {
                    used.insert(word.to_owned());
                }
            }
        }
    }
    assert!(used.len() > 20, "{used:?}");
    let missing: Vec<_> = used
        .iter()
        .filter(|class| {
            let dotted = format!(".{class}");
            !css.match_indices(&dotted).any(|(i, _)| {
                css[i + dotted.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            })
        })
        .collect();
    assert!(
        missing.is_empty(),
        "classes not in the package: {missing:?}"
    );
}
