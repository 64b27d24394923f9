//! An index opened with `Preload::Whole` has every page of its files mapped
//! before the first search; with `Preload::OnDemand` pages are mapped as
//! they are read (what `/proc/self/smaps` says of this process's maps of
//! the index's files).

#![allow(clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::doc;
use watwerkt_search::{IndexOptions, Preload, SearchIndex, SearchRequest};

/// Enough text that the stored documents take many pages, most of which
/// opening and one search do not read.
fn docs() -> Vec<watwerkt_search::SearchDoc> {
    (0..3_000u64)
        .map(|i| {
            let body: String = (0..40)
                .map(|w| format!("artikel{} lid{} woord{} ", i * 7 + w, w * 13 + i, i ^ w))
                .collect();
            doc(
                &format!("regeling-{i}"),
                &format!("Regeling nummer {i}"),
                "Een regeling over schuldhulpverlening.",
                &body,
            )
        })
        .collect()
}

/// Of every map of a file under `dir`: its size and what of it is mapped
/// (kB), by file name.
fn maps_under(dir: &Path) -> Vec<(String, u64, u64)> {
    let smaps = std::fs::read_to_string("/proc/self/smaps").expect("smaps");
    let dir = dir.to_string_lossy().to_string();
    let mut out = Vec::new();
    let mut current: Option<(String, u64)> = None;
    for line in smaps.lines() {
        let mut parts = line.split_whitespace();
        let first = parts.next().unwrap_or_default();
        if first.contains('-') && first.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            let path = line.split_whitespace().nth(5).unwrap_or_default();
            current = path
                .starts_with(&dir)
                .then(|| (path.rsplit('/').next().unwrap_or(path).to_string(), 0));
        } else if let Some((name, size)) = current.as_mut() {
            let kb = || parts.clone().next().and_then(|v| v.parse::<u64>().ok());
            match first {
                "Size:" => *size = kb().unwrap_or(0),
                "Rss:" => {
                    out.push((name.clone(), *size, kb().unwrap_or(0)));
                    current = None;
                }
                _ => {}
            }
        }
    }
    out
}

/// Whether the kernel knows `MADV_POPULATE_READ` (Linux 5.14).
fn kernel_populates() -> bool {
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let mut nums = release
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<u32>().ok());
    let (major, minor) = (nums.next().unwrap_or(0), nums.next().unwrap_or(0));
    (major, minor) >= (5, 14)
}

/// An index of [`docs`] built in a fresh folder, then opened again with
/// `preload`; the folder lives as long as the returned guard.
fn built_and_opened(preload: Preload) -> (tempfile::TempDir, PathBuf, SearchIndex) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("index");
    let built = SearchIndex::create(&dir, 1).expect("create");
    built.rebuild(docs()).expect("rebuild");
    drop(built);
    let options = IndexOptions {
        preload,
        ..IndexOptions::default()
    };
    let index = SearchIndex::open_with(&dir, 1, options).expect("open");
    (tmp, dir, index)
}

fn search_once(index: &SearchIndex) {
    let found = index
        .search(&SearchRequest {
            query: "regeling".into(),
            per_page: 1,
            ..Default::default()
        })
        .expect("search");
    assert_eq!(found.total, 3_000);
}

#[test]
fn a_preloaded_index_has_every_page_of_its_files_mapped() {
    if !cfg!(target_os = "linux") || !kernel_populates() {
        eprintln!("skipped: needs Linux 5.14 or later (MADV_POPULATE_READ)");
        return;
    }
    let (_tmp, dir, index) = built_and_opened(Preload::Whole);
    let maps = maps_under(&dir);
    assert!(
        maps.iter().any(|(_, size, _)| *size >= 256),
        "the index has files of some size: {maps:?}"
    );
    for (name, size, rss) in &maps {
        assert_eq!(rss, size, "{name} is mapped whole");
    }
    search_once(&index);
}

#[test]
fn on_demand_maps_only_what_is_read() {
    if !cfg!(target_os = "linux") {
        eprintln!("skipped: reads /proc/self/smaps (Linux)");
        return;
    }
    let (_tmp, dir, index) = built_and_opened(Preload::OnDemand);
    search_once(&index);
    let maps = maps_under(&dir);
    let (size, rss) = maps
        .iter()
        .fold((0, 0), |(s, r), (_, size, rss)| (s + size, r + rss));
    assert!(
        rss < size,
        "without preloading, pages nobody read stay unmapped ({rss} of {size} kB): {maps:?}"
    );
}
