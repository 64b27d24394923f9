//! The OpenAPI document is a committed snapshot: the served document must
//! equal `tests/snapshots/openapi.json` byte for byte. After an intended API
//! change, run `UPDATE_SNAPSHOTS=1 cargo test -p watwerkt-web --test openapi`
//! and commit the new snapshot with the change.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use std::path::PathBuf;

use common::Site;
use serde_json::Value;

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi.json")
}

#[tokio::test]
async fn the_served_document_matches_the_snapshot() {
    let site = Site::empty().await;
    let reply = site.get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, 200);
    assert!(reply.header("content-type").starts_with("application/json"));
    let served = reply.body;

    // The public function returns the same document.
    let pretty = watwerkt_web::openapi().to_pretty_json().unwrap() + "\n";
    assert_eq!(served, pretty, "served and openapi() differ");

    let path = snapshot_path();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &served).unwrap();
        eprintln!("updated {}", path.display());
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == served,
        "\n\nThe OpenAPI document differs from the committed snapshot\n  {}\n\n\
         If the API change is intended, update the snapshot and commit it:\n\n  \
         UPDATE_SNAPSHOTS=1 cargo test -p watwerkt-web --test openapi\n\n\
         First difference at line {}.\n",
        path.display(),
        first_difference(&committed, &served),
    );
}

fn first_difference(a: &str, b: &str) -> usize {
    a.lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.lines().count().min(b.lines().count()))
        + 1
}

#[test]
fn the_document_is_openapi_3_1_with_operation_ids_verb_resource() {
    let doc: Value = serde_json::to_value(watwerkt_web::openapi()).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let mut ids = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        assert!(path.starts_with("/api/v1/"), "{path}");
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap_or_default().to_owned();
            let verb = id.split('_').next().unwrap_or_default();
            assert!(
                ["list", "get", "create", "update", "delete"].contains(&verb),
                "{method} {path}: operation id {id}"
            );
            ids.push(id);
        }
    }
    ids.sort();
    assert_eq!(
        ids,
        [
            "get_intervention",
            "get_openapi",
            "list_interventions",
            "list_search_results",
            "list_suggestions",
            "list_themes"
        ]
    );
}

#[tokio::test]
async fn every_documented_path_is_served() {
    let site = Site::demo().await;
    let doc: Value = serde_json::to_value(watwerkt_web::openapi()).unwrap();
    for path in doc["paths"].as_object().unwrap().keys() {
        let uri = path.replace("{slug}", "deurwaarts");
        let reply = site.get(&uri).await;
        assert_eq!(reply.status, 200, "{uri}");
    }
}
