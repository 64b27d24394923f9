//! The search index follows the store: built at start, updated after each
//! committed write, rebuilt when its directory is deleted or damaged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use watwerkt_domain::PublicationStatus;
use watwerkt_search::SearchRequest;
use watwerkt_store::ContentBatch;
use watwerkt_testkit::builders::{intervention, publication};
use watwerkt_testkit::TestApp;

async fn hits(t: &TestApp, q: &str) -> Vec<String> {
    let r = t.app.search(&SearchRequest::new(q)).await.unwrap();
    r.hits.into_iter().map(|h| h.id).collect()
}

#[tokio::test]
async fn the_demo_is_searchable_and_writes_update_the_index() {
    let t = TestApp::with_demo().await;
    assert!(!hits(&t, "mantelzorgers").await.is_empty());

    let mut p = publication(
        "wet-maatschappelijke-proef",
        "Wet maatschappelijke proefneming",
    );
    p.body = "Deze wet regelt de schuldhulpverlening aan jongvolwassenen.".into();
    t.app
        .import_batch(&ContentBatch {
            publications: vec![p.clone()],
            ..ContentBatch::default()
        })
        .await
        .unwrap();
    assert!(hits(&t, "proefneming").await.contains(&p.slug.to_string()));

    // Unpublishing removes it from the index.
    p.status = PublicationStatus::Archived;
    t.app
        .import_batch(&ContentBatch {
            publications: vec![p.clone()],
            ..ContentBatch::default()
        })
        .await
        .unwrap();
    assert!(!hits(&t, "proefneming").await.contains(&p.slug.to_string()));
}

#[tokio::test]
async fn searches_are_logged_without_personal_data_and_misses_are_listed() {
    let t = TestApp::with_demo().await;
    hits(&t, "mantelzorgers").await;
    hits(&t, "qqqzzzxxyy").await;
    hits(&t, "").await;
    let missed = t.app.missed_queries(10).await.unwrap();
    let missed: Vec<_> = missed.iter().map(|m| m.query.as_str()).collect();
    assert_eq!(missed, ["qqqzzzxxyy"]);
}

#[tokio::test]
async fn a_deleted_index_is_rebuilt_from_the_database() {
    let t = TestApp::with_demo().await;
    let mut i = intervention("eigen-proefaanpak", "Proefaanpak Zeldzaamwoord");
    i.themes = vec![watwerkt_domain::Theme::Toegang];
    t.app
        .import_batch(&ContentBatch {
            interventions: vec![i],
            ..ContentBatch::default()
        })
        .await
        .unwrap();
    let dir = t.dir.path().join("zoekindex");
    drop(t.app.search_index().cloned());
    std::fs::remove_dir_all(&dir).unwrap();
    let (index, reason) = t.app.open_search(&dir).await.unwrap();
    assert!(reason.is_some(), "a missing index is reported as rebuilt");
    let app = t.app.clone().with_search(index);
    let r = app
        .search(&SearchRequest::new("zeldzaamwoord"))
        .await
        .unwrap();
    assert_eq!(r.hits[0].id, "eigen-proefaanpak");
}

#[tokio::test]
async fn a_damaged_index_is_rebuilt_from_the_database() {
    let t = TestApp::with_demo().await;
    let dir = t.dir.path().join("zoekindex");
    std::fs::write(dir.join("meta.json"), b"{ dit is geen index").unwrap();
    let (index, reason) = t.app.open_search(&dir).await.unwrap();
    assert!(reason.is_some());
    let app = t.app.clone().with_search(index);
    assert!(
        app.search(&SearchRequest::new("mantelzorgers"))
            .await
            .unwrap()
            .total
            > 0
    );
}

#[tokio::test]
async fn a_folder_import_updates_the_index() {
    let t = TestApp::with_demo().await;
    let dir = t.dir.path().join("inhoud");
    std::fs::create_dir_all(dir.join("publicaties")).unwrap();
    let mut p = publication("handreiking-proef", "Handreiking Zeldzaamheidstoets");
    p.example_data = true;
    std::fs::write(
        dir.join("publicaties/handreiking-proef.md"),
        watwerkt_app::content::write_publication(&p),
    )
    .unwrap();
    t.app.import_dir(&dir, &mut |_, _| {}).await.unwrap();
    assert_eq!(hits(&t, "zeldzaamheidstoets").await, ["handreiking-proef"]);
}

/// `watwerkt import` while `serve` runs: a second process opens the same
/// database and index directory, imports and commits. The running
/// application finds the new item within seconds, without a restart.
#[tokio::test]
async fn an_import_by_another_process_appears_in_the_running_search() {
    let t = TestApp::with_demo().await;
    // The server wrote through its own index once (so it held the writer before).
    let own = publication("eigen-notitie", "Eigen notitie over buurtzorg");
    t.app
        .import_batch(&ContentBatch {
            publications: vec![own],
            ..ContentBatch::default()
        })
        .await
        .unwrap();
    assert!(hits(&t, "kwartiermakersproef").await.is_empty());

    // "The CLI": the same store, its own handle on the index directory.
    let dir = t.dir.path().join("zoekindex");
    let (cli_index, reason) = t.app.open_search(&dir).await.unwrap();
    assert_eq!(reason, None, "the CLI opens the server's index as it is");
    let cli = t.app.clone().with_search(cli_index);
    let p = publication("kwartiermaker", "Kwartiermakersproef in de wijk");
    cli.import_batch(&ContentBatch {
        publications: vec![p],
        ..ContentBatch::default()
    })
    .await
    .unwrap();

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if hits(&t, "kwartiermakersproef").await == ["kwartiermaker"] {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the running search did not see the other process's import"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
