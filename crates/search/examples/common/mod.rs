//! What the examples that replay the benchmark's queries share.

use std::path::PathBuf;

/// The index directory and the query file from the command line, by
/// default the benchmark's (`target/bench-search/tantivy`, `queries.tsv`).
pub fn index_and_queries() -> (PathBuf, PathBuf) {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "target/bench-search/tantivy".into());
    let file = args
        .next()
        .unwrap_or_else(|| "target/bench-search/queries.tsv".into());
    (dir.into(), file.into())
}

/// The queries of a query file (`id<TAB>query` per line).
pub fn queries(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.split_once('\t').map(|(_, q)| q))
        .collect()
}
