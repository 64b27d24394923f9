//! Prints what each query of a query file returns, to compare two builds:
//! `cargo run --release -p watwerkt-search --example dump_results --
//! INDEX_DIR QUERIES_TSV > out.txt` (e.g. the benchmark's
//! `target/bench-search/tantivy` and `queries.tsv`). Per query, twice (the
//! first round meets every word for the first time, the second reads what
//! it kept): the round, the query, the total and the top 10 as `id:score`,
//! the score printed exactly. Two builds that rank alike give the same file.

mod common;

use std::io::Write;

use watwerkt_search::{SearchIndex, SearchRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (dir, file) = common::index_and_queries();
    let index = SearchIndex::open(&dir, 1)?;
    let text = std::fs::read_to_string(file)?;
    let queries = common::queries(&text);
    // Written, not printed: a closed pipe (`| head`) ends the run quietly.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for round in 0..2 {
        for q in &queries {
            let r = index.search(&SearchRequest {
                query: q.to_string(),
                per_page: 10,
                facets: false,
                snippets: false,
                ..Default::default()
            })?;
            let hits: Vec<String> = r
                .hits
                .iter()
                .map(|h| format!("{}:{:?}", h.id, h.score))
                .collect();
            if writeln!(out, "{round}\t{q}\t{}\t{}", r.total, hits.join(" ")).is_err() {
                return Ok(());
            }
        }
    }
    out.flush().or(Ok(()))
}
