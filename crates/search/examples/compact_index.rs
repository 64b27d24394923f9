//! Merges an index's segments into one: `cargo run --release -p
//! watwerkt-search --example compact_index -- INDEX_DIR VERSION`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("INDEX_DIR ontbreekt")?);
    let version: u32 = args.next().map_or(Ok(1), |v| v.parse())?;
    let index = watwerkt_search::SearchIndex::open(&dir, version)?;
    let before = index.num_segments();
    let t = std::time::Instant::now();
    index.compact()?;
    println!(
        "{before} segments -> {} in {:.1}s",
        index.num_segments(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
