//! Runs queries and suggestions against an index directory and prints what a
//! person would see: `cargo run --release -p watwerkt-search --example try_query
//! -- INDEX_DIR "query one" "query two"` (e.g. the benchmark's
//! `target/bench-search/tantivy`).

use watwerkt_search::{SearchIndex, SearchRequest};
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_default());
    let index = SearchIndex::open(&dir, 1)?;
    for q in args {
        let t = std::time::Instant::now();
        let r = index.search(&SearchRequest {
            query: q.clone(),
            per_page: 3,
            ..Default::default()
        })?;
        println!(
            "{q:?}: {} hits in {:.2} ms, did_you_mean {:?}, corrected {}, fuzzy {}, partial {}",
            r.total,
            t.elapsed().as_secs_f64() * 1e3,
            r.did_you_mean,
            r.corrected,
            r.fuzzy,
            r.partial
        );
        for h in &r.hits {
            println!(
                "   {} | {} | {}",
                h.id,
                h.title_html.chars().take(80).collect::<String>(),
                h.snippet_html.chars().take(160).collect::<String>()
            );
        }
        let t = std::time::Instant::now();
        let s = index.suggest(&q, 5)?;
        println!(
            "   suggest ({:.2} ms): {:?}",
            t.elapsed().as_secs_f64() * 1e3,
            s.iter()
                .map(|x| x.text.chars().take(50).collect::<String>())
                .collect::<Vec<_>>()
        );
    }
    Ok(())
}
