//! A bulk write leaves one segment (a query then looks each term up once);
//! small edits keep tantivy's segments and do not pay for a merge.

#![allow(clippy::expect_used)]

mod common;

use common::{doc, ids};
use watwerkt_search::{IndexOptions, SearchIndex, SearchRequest, COMPACT_AFTER_DOCS};

fn numbered(from: u64, n: u64) -> Vec<watwerkt_search::SearchDoc> {
    (from..from + n)
        .map(|i| {
            doc(
                &format!("regeling-{i}"),
                &format!("Regeling nummer {i}"),
                "Een regeling.",
                if i % 2 == 0 {
                    "Over schuldhulpverlening aan gezinnen."
                } else {
                    "Over mantelzorgers in de wijk."
                },
            )
        })
        .collect()
}

fn commit_all(index: &SearchIndex, docs: &[watwerkt_search::SearchDoc]) {
    for d in docs {
        index.upsert(d).expect("upsert");
    }
    index.commit().expect("commit");
}

fn total(index: &SearchIndex, q: &str) -> u64 {
    index
        .search(&SearchRequest {
            query: q.into(),
            ..Default::default()
        })
        .expect("search")
        .total
}

#[test]
fn small_commits_keep_their_segments() {
    let index = SearchIndex::in_memory().expect("index");
    for i in 0..3 {
        commit_all(&index, &numbered(i * 10, 10));
    }
    assert_eq!(
        index.num_segments(),
        3,
        "three small commits, three segments"
    );
    assert_eq!(index.num_docs(), 30);
}

#[test]
fn a_bulk_write_ends_in_one_segment_with_nothing_lost() {
    let index = SearchIndex::in_memory().expect("index");
    // Even, so that each half has as many even as odd numbers.
    let half = COMPACT_AFTER_DOCS / 2 + 2;
    // A few small commits first: segments of their own.
    commit_all(&index, &numbered(0, 10));
    commit_all(&index, &numbered(10, 10));
    assert_eq!(index.num_segments(), 2);
    // Then a bulk import in two commits: the second one crosses the threshold.
    commit_all(&index, &numbered(1_000_000, half));
    assert!(index.num_segments() > 1);
    commit_all(&index, &numbered(2_000_000, half));
    assert_eq!(index.num_segments(), 1, "merged after the bulk write");
    assert_eq!(index.num_docs(), 20 + 2 * half);
    assert_eq!(total(&index, "schuldhulpverlening"), 10 + half);
    assert_eq!(total(&index, "mantelzorgers"), 10 + half);

    // Replacing a document after compaction still replaces it.
    let mut changed = numbered(3, 1);
    changed[0].title = "Regeling over vroegsignalering".into();
    commit_all(&index, &changed);
    assert_eq!(index.num_docs(), 20 + 2 * half);
    let r = index
        .search(&SearchRequest {
            query: "vroegsignalering".into(),
            ..Default::default()
        })
        .expect("search");
    assert_eq!(ids(&r), vec!["regeling-3"]);
}

#[test]
fn a_rebuild_with_several_writer_threads_ends_in_one_segment() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let options = IndexOptions {
        memory_bytes: 40_000_000,
        threads: 2,
        ..IndexOptions::default()
    };
    let index = SearchIndex::create_with(&tmp.path().join("index"), 1, options).expect("index");
    index.rebuild(numbered(0, 2_000)).expect("rebuild");
    assert_eq!(index.num_segments(), 1);
    assert_eq!(index.num_docs(), 2_000);
    assert_eq!(total(&index, "schuldhulpverlening"), 1_000);
}
