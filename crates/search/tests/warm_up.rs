//! A search on a new generation of a large enough index starts decoding its
//! longest posting lists in the background; results do not change.

#![allow(clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::{doc, ids};
use watwerkt_search::query::warm::MIN_WARM_DOCS;
use watwerkt_search::{SearchIndex, SearchRequest};

fn index_of(n: u32) -> SearchIndex {
    let index = SearchIndex::in_memory().expect("index");
    for i in 0..n {
        index
            .upsert(&doc(
                &format!("regeling-{i}"),
                &format!("Regeling nummer {i}"),
                "Een regeling over schulden.",
                if i % 2 == 0 {
                    "Over schuldhulpverlening aan gezinnen in de gemeente."
                } else {
                    "Over mantelzorgers in de wijk en de gemeente."
                },
            ))
            .expect("upsert");
    }
    index.commit().expect("commit");
    index
}

fn ranked(index: &SearchIndex, q: &str) -> Vec<String> {
    let results = index
        .search(&SearchRequest {
            query: q.into(),
            per_page: 50,
            ..Default::default()
        })
        .expect("search");
    ids(&results)
}

fn wait_for_warm_up(index: &SearchIndex) -> watwerkt_search::query::warm::Warmed {
    let start = Instant::now();
    loop {
        if let Some(w) = index.last_warmed() {
            return w;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "no warm-up");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_search_starts_the_warm_up_and_results_stay_the_same() {
    let index = index_of(2 * MIN_WARM_DOCS);
    let queries = [
        "gemeente",
        "regeling schulden",
        "mantelzorgers wijk",
        "gezinnen",
    ];
    let before: Vec<Vec<String>> = queries.iter().map(|q| ranked(&index, q)).collect();
    let warmed = wait_for_warm_up(&index);
    assert!(warmed.terms >= 3, "{warmed:?}");
    assert!(warmed.postings >= 3 * MIN_WARM_DOCS as usize, "{warmed:?}");
    let after: Vec<Vec<String>> = queries.iter().map(|q| ranked(&index, q)).collect();
    assert_eq!(before, after);
    assert!(before.iter().all(|r| !r.is_empty()));

    // A commit makes a new generation, which is warmed in its turn.
    index
        .upsert(&doc(
            "extra",
            "Extra regeling",
            "Over de gemeente.",
            "Tekst.",
        ))
        .expect("upsert");
    index.commit().expect("commit");
    assert!(ranked(&index, "gemeente").contains(&"extra".to_string()));
    let start = Instant::now();
    while index.last_warmed().map(|w| w.generation) == Some(warmed.generation) {
        assert!(start.elapsed() < Duration::from_secs(30), "no new warm-up");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_small_index_is_not_warmed() {
    let index = index_of(MIN_WARM_DOCS / 2);
    assert!(!ranked(&index, "gemeente").is_empty());
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(index.last_warmed(), None);
}

#[test]
fn an_index_is_warm_after_a_rebuild_and_when_opened() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("index");
    let docs: Vec<_> = (0..2 * MIN_WARM_DOCS)
        .map(|i| {
            doc(
                &format!("r{i}"),
                "Regeling",
                "Over de gemeente.",
                "Tekst over zorg.",
            )
        })
        .collect();
    let index = SearchIndex::create(&dir, 1).expect("create");
    index.rebuild(docs).expect("rebuild");
    // Done on the rebuilding thread, before any search.
    let rebuilt = index.last_warmed().expect("warm after the rebuild");
    assert!(
        rebuilt.terms >= 3 && rebuilt.vocabulary_bytes > 0,
        "{rebuilt:?}"
    );
    drop(index);
    let index = SearchIndex::open(&dir, 1).expect("open");
    let opened = index.last_warmed().expect("warm when opened");
    assert_eq!(opened.terms, rebuilt.terms);
    // tantivy's file watcher reloads once when it starts (a new generation
    // of the same segments); after its first poll (500 ms), a search still
    // uses the warmed generation and starts no second warm-up.
    std::thread::sleep(Duration::from_millis(700));
    assert!(!ranked(&index, "gemeente").is_empty());
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(index.last_warmed(), Some(opened));
}
