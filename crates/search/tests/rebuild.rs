//! The index on disk: missing, deleted, corrupt and outdated directories are

#![allow(clippy::expect_used)] // test helpers: a failure is a test failure
//! detected and rebuilt.

mod common;

use std::convert::Infallible;

use common::databank;
use watwerkt_search::{RebuildReason, SearchError, SearchIndex, SearchRequest, VERSION_FILE};

fn load() -> Result<Vec<watwerkt_search::SearchDoc>, Infallible> {
    Ok(databank())
}

fn open_or_rebuild(dir: &std::path::Path, version: u32) -> (SearchIndex, Option<RebuildReason>) {
    SearchIndex::open_or_rebuild(dir, version, load).expect("open or rebuild")
}

#[test]
fn missing_deleted_corrupt_and_outdated_are_rebuilt() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("index");

    let (index, reason) = open_or_rebuild(&dir, 1);
    assert_eq!(reason, Some(RebuildReason::Missing));
    assert_eq!(index.num_docs(), 6);
    drop(index);

    let (index, reason) = open_or_rebuild(&dir, 1);
    assert_eq!(reason, None);
    assert_eq!(
        index
            .search(&SearchRequest::new("eenzaamheid"))
            .expect("search")
            .total,
        1
    );
    drop(index);

    // Outdated: the caller's content mapping changed.
    assert!(matches!(
        SearchIndex::open(&dir, 2),
        Err(SearchError::NeedsRebuild(RebuildReason::Outdated { .. }))
    ));
    let (index, reason) = open_or_rebuild(&dir, 2);
    assert!(matches!(reason, Some(RebuildReason::Outdated { .. })));
    drop(index);

    // The directory deleted.
    std::fs::remove_dir_all(&dir).expect("rm");
    let (index, reason) = open_or_rebuild(&dir, 2);
    assert_eq!(reason, Some(RebuildReason::Missing));
    assert_eq!(index.num_docs(), 6);
    drop(index);

    // A segment file damaged.
    let victim = std::fs::read_dir(&dir)
        .expect("ls")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .expect("a store file");
    let mut bytes = std::fs::read(&victim).expect("read");
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&victim, bytes).expect("write");
    assert!(matches!(
        SearchIndex::open(&dir, 2),
        Err(SearchError::NeedsRebuild(RebuildReason::Corrupt(_)))
    ));
    let (index, reason) = open_or_rebuild(&dir, 2);
    assert!(
        matches!(reason, Some(RebuildReason::Corrupt(_))),
        "{reason:?}"
    );
    assert_eq!(index.num_docs(), 6);
    drop(index);

    // meta.json garbage.
    std::fs::write(dir.join("meta.json"), "{ niet json").expect("write");
    let (index, reason) = open_or_rebuild(&dir, 2);
    assert!(
        matches!(reason, Some(RebuildReason::Corrupt(_))),
        "{reason:?}"
    );
    assert_eq!(index.num_docs(), 6);
    assert!(dir.join(VERSION_FILE).exists());
}

#[test]
fn refuses_to_clear_a_directory_that_is_not_an_index() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("thesis.docx"), "mine").expect("write");
    assert!(SearchIndex::create(tmp.path(), 1).is_err());
    assert!(tmp.path().join("thesis.docx").exists());
}

#[test]
fn a_failing_load_is_reported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let r = SearchIndex::open_or_rebuild(tmp.path(), 1, || Err::<Vec<_>, _>("database weg"));
    assert!(matches!(r, Err(SearchError::Load(m)) if m == "database weg"));
}

/// Another process (`watwerkt import` while `serve` runs) writes the index: the
/// running reader sees it within seconds, without a restart, and the writer
/// lock is free for it because a commit lets go of the writer.
#[test]
fn commits_of_another_writer_become_visible_without_restart() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("index");
    let (server, _) = open_or_rebuild(&dir, 1);
    // The server wrote once itself (and so held the writer before).
    server
        .upsert(&common::doc("eigen", "Eigen item", "", "iets"))
        .expect("upsert");
    server.commit().expect("commit");

    let cli = SearchIndex::open(&dir, 1).expect("open as a second process");
    cli.upsert(&common::doc(
        "nieuw-item",
        "Buurtbemiddeling nieuw",
        "",
        "Een nieuw item uit een import.",
    ))
    .expect("upsert");
    cli.commit()
        .expect("commit: the server must not hold the writer lock");

    let found = |index: &SearchIndex| {
        index
            .search(&SearchRequest::new("buurtbemiddeling"))
            .expect("search")
            .total
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while found(&server) == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the running index did not see the other process's commit"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(found(&server), 1);
    assert_eq!(server.num_docs(), 8);
}
