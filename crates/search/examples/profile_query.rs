//! Where the time of a query goes: `cargo run --release -p watwerkt-search
//! --example profile_query -- INDEX_DIR QUERIES_TSV` (both written by the
//! search benchmark in `target/bench-search/`).

mod common;

use std::time::{Duration, Instant};

/// The server's allocator (see `crates/cli/src/main.rs`), so that the
/// profile shows what a search costs there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use tantivy::collector::{Count, TopDocs};
use watwerkt_search::query::build::{text_query, Mode};
use watwerkt_search::{SearchIndex, SearchRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (dir, file) = common::index_and_queries();
    // `APP_VERSION=N`: the document version of the application that wrote
    // the index (`watwerkt_app::search::SEARCH_DOC_VERSION` for the HTTP
    // contestant's `zoekindex`); the benchmark's own index uses 1.
    let app_version = env_number("APP_VERSION").unwrap_or(1);
    // `PRELOAD=0`: the index's pages are mapped at their first read instead
    // of when it is opened (see `watwerkt_search::preload`).
    let options = watwerkt_search::IndexOptions {
        preload: watwerkt_search::Preload::whole_if(
            std::env::var("PRELOAD").map_or(true, |v| v != "0"),
        ),
        ..Default::default()
    };
    let index = SearchIndex::open_with(&dir, app_version, options)?;
    // The warm-up that opening started in the background (see
    // `watwerkt_search::query::warm`): waited for, so that what is measured
    // does not depend on how far it got.
    let waited = Instant::now();
    let warms = index.num_docs() >= u64::from(watwerkt_search::query::warm::MIN_WARM_DOCS);
    while warms && index.last_warmed().is_none() && waited.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(10));
    }
    if let Some(w) = index.last_warmed() {
        println!(
            "warm-up: {} terms, {} postings, {:.1} MB of vocabularies, {} words analysed ({} postings joined), in {} ms; resident {} kB",
            w.terms,
            w.postings,
            w.vocabulary_bytes as f64 / 1e6,
            w.words,
            w.joined,
            w.millis,
            resident_kb().0
        );
    }
    let text = std::fs::read_to_string(file)?;
    let queries = common::queries(&text);
    // `FULL=1`: the full result page (facets and snippets) instead of items only.
    let full = std::env::var("FULL").is_ok_and(|v| v == "1");
    let (searcher, fields) = index.searcher_and_fields();
    let terms = index.term_cache();
    // `LOOP=N`: only `search` (items only, or `FULL=1`), one warm-up round,
    // then N rounds in `measured_rounds` (for perf, or for callgrind with
    // `--toggle-collect='*measured_rounds*'`). `COLD=1`: no warm-up round, so
    // the first measured round meets every word for the first time.
    if let Some(rounds) = env_number::<usize>("LOOP") {
        let cold = std::env::var("COLD").is_ok_and(|v| v == "1");
        // `WARMUP=N` warm-up rounds (1): a term is decoded at its second use,
        // so with 2 the measured rounds only read decoded lists.
        let warmup = env_number("WARMUP").unwrap_or(1);
        // `WARM_FIRST=N`: the warm-up round asks only the first N queries,
        // as the benchmark's 1-client run does (200), so the measured round
        // meets the later queries' new words as a first search would.
        let warm_first = env_number::<usize>("WARM_FIRST");
        if let Some(n) = warm_first {
            run_rounds(&index, &queries[..n.min(queries.len())], 1, full)?;
        } else if !cold {
            run_rounds(&index, &queries, warmup, full)?;
        }
        // `PRETOUCH=MB`: before the measured round, MB of heap in 256 KB
        // blocks written once and freed, so that the round's new heap is
        // memory the process has already faulted in (see `pretouch`).
        if let Some(mb) = env_number("PRETOUCH") {
            pretouch(mb);
        }
        // `EACH=1` (with `LOOP`): one measured round, each query timed:
        // how the round's time is spread over its queries, and how much
        // memory it took (`SHOW=N`: the N slowest queries, 20 by default).
        if std::env::var("EACH").is_ok_and(|v| v == "1") {
            let before = (resident_kb(), terms.decoded_postings(), minor_faults());
            time_each(&index, &queries, full)?;
            let after = (resident_kb(), terms.decoded_postings(), minor_faults());
            println!(
                "the round took {} kB of fresh heap and mapped {} kB more of the index, in {} page faults; postings decoded: {}",
                after.0 .0.saturating_sub(before.0 .0),
                after.0 .1.saturating_sub(before.0 .1),
                after.2.saturating_sub(before.2),
                after.1.saturating_sub(before.1)
            );
            return Ok(());
        }
        let s = Instant::now();
        measured_rounds(&index, &queries, rounds, full)?;
        let per = s.elapsed().as_secs_f64() * 1e6 / (rounds * queries.len()).max(1) as f64;
        let after = if let Some(n) = warm_first {
            format!("after warming the first {n} queries")
        } else if cold {
            "from cold".to_string()
        } else {
            format!("after {warmup} warm-up round(s)")
        };
        println!("search: {per:.0} µs per query over {rounds} rounds {after}");
        return Ok(());
    }
    // `REACH=1`: where in the stored excerpt of each of the top 10 hits the
    // first query stem stands (where its snippet window would start), by
    // distance from the start: how much of the excerpt snippets use.
    if std::env::var("REACH").is_ok_and(|v| v == "1") {
        let limits = [2_048usize, 4_096, 8_192, 16_384, usize::MAX];
        let mut counts = [0u64; 6];
        let mut sizes = [0u64; 5];
        for q in &queries {
            let parsed = watwerkt_search::query::parse(q);
            let a = index.analyze_for_profile(&parsed)?;
            let Some(tq) = text_query(&a, &fields, &terms, Mode::All, false) else {
                continue;
            };
            let needles: Vec<Vec<u8>> = a
                .words
                .iter()
                .flat_map(|w| w.stems.iter())
                .map(|s| s.trim_end_matches('_').as_bytes().to_ascii_lowercase())
                .filter(|s| s.len() >= 2)
                .collect();
            for (_, addr) in searcher.search(&*tq, &TopDocs::with_limit(10).order_by_score())? {
                let doc: tantivy::TantivyDocument = searcher.doc(addr)?;
                use tantivy::schema::Value;
                let excerpt = doc
                    .get_first(fields.excerpt)
                    .and_then(|v| v.as_str())
                    .unwrap_or("");
                let size = excerpt.len();
                sizes[limits.iter().position(|l| size <= *l).unwrap_or(4)] += 1;
                let lower = excerpt.as_bytes().to_ascii_lowercase();
                let first = needles
                    .iter()
                    .filter_map(|n| memchr::memmem::find(&lower, n))
                    .min();
                let slot = match first {
                    None => 5,
                    Some(at) => limits.iter().position(|l| at < *l).unwrap_or(4),
                };
                counts[slot] += 1;
            }
        }
        let total: u64 = counts.iter().sum();
        let shares = |ns: &[u64]| {
            ns.iter()
                .map(|n| format!("{:.1} %", 100.0 * *n as f64 / total.max(1) as f64))
                .collect::<Vec<_>>()
                .join(" / ")
        };
        println!("{total} hits; first query stem in the excerpt at < 2 KB / < 4 KB / < 8 KB / < 16 KB / later / nowhere:");
        println!("{}", shares(&counts));
        println!("excerpt sizes ≤ 2 KB / ≤ 4 KB / ≤ 8 KB / ≤ 16 KB / more:");
        println!("{}", shares(&sizes));
        return Ok(());
    }
    // `TERMS=1`: how many terms a query reads, by field and document frequency.
    if std::env::var("TERMS").is_ok_and(|v| v == "1") {
        let names = ["text", "title pairs", "other"];
        let mut by_field = [[0u64; 5]; 3];
        let mut queries_n = 0u64;
        for q in &queries {
            let parsed = watwerkt_search::query::parse(q);
            let a = index.analyze_for_profile(&parsed)?;
            let Some(tq) = text_query(&a, &fields, &terms, Mode::All, false) else {
                continue;
            };
            queries_n += 1;
            tq.query_terms(&mut |term, _| {
                let f = if term.field() == fields.text {
                    0
                } else if term.field() == fields.title_pairs {
                    1
                } else {
                    2
                };
                let df = searcher.doc_freq(term).unwrap_or(0);
                let bucket = match df {
                    0 => 0,
                    1..=128 => 1,
                    129..=1024 => 2,
                    1025..=8192 => 3,
                    _ => 4,
                };
                by_field[f][bucket] += 1;
            });
        }
        println!("terms per query over {queries_n} queries; df buckets 0 / 1-128 / 129-1024 / 1025-8192 / more");
        for (name, row) in names.iter().zip(by_field) {
            let per: Vec<String> = row
                .iter()
                .map(|n| format!("{:.2}", *n as f64 / queries_n as f64))
                .collect();
            println!("{name:>8}: {}", per.join(" / "));
        }
        return Ok(());
    }
    let mut t = [Duration::ZERO; 7];
    // Per query (last round): search time and result count, for `SLOWEST=1`.
    let mut each: Vec<(Duration, u64, &str)> = Vec::new();
    for round in 0..2 {
        for q in &queries {
            let req = SearchRequest {
                query: q.to_string(),
                per_page: 10,
                facets: full,
                snippets: full,
                ..Default::default()
            };
            let s = Instant::now();
            let found = index.search(&req)?;
            let full = s.elapsed();
            if round == 1 {
                each.push((full, found.total, q));
            }
            let s = Instant::now();
            index.search(&SearchRequest {
                per_page: 1,
                ..req.clone()
            })?;
            let one = s.elapsed();
            let parsed = watwerkt_search::query::parse(q);
            let s = Instant::now();
            let a = index.analyze_for_profile(&parsed)?;
            let analyze = s.elapsed();
            let Some(tq) = text_query(&a, &fields, &terms, Mode::All, false) else {
                continue;
            };
            let s = Instant::now();
            searcher.search(&*tq, &Count)?;
            let count = s.elapsed();
            let s = Instant::now();
            searcher.search(&*tq, &TopDocs::with_limit(10).order_by_score())?;
            let top = s.elapsed();
            let s = Instant::now();
            let both = searcher.search(&*tq, &(TopDocs::with_limit(10).order_by_score(), Count))?;
            let tuple = s.elapsed();
            std::hint::black_box(both);
            let mut a2 = a.clone();
            for w in &mut a2.words {
                w.info = std::sync::Arc::new(watwerkt_search::query::words::WordInfo {
                    folded: w.folded.clone(),
                    stems: w.stems.clone(),
                    expansions: std::sync::Arc::default(),
                    common: w.common,
                    terms: watwerkt_search::query::words::WordTerms {
                        compounds: Vec::new(),
                        ..w.terms.clone()
                    },
                });
            }
            let Some(tq2) = text_query(&a2, &fields, &terms, Mode::All, false) else {
                continue;
            };
            let s = Instant::now();
            searcher.search(&*tq2, &TopDocs::with_limit(10).order_by_score())?;
            let noexp = s.elapsed();
            if round == 1 {
                for (slot, d) in t
                    .iter_mut()
                    .zip([full, analyze, count, top, noexp, tuple, one])
                {
                    *slot += d;
                }
            }
        }
    }
    let n = queries.len() as f64;
    let us = |d: Duration| d.as_secs_f64() * 1e6 / n;
    println!(
        "mean µs per query over {} queries: search {:.0}, analyze {:.0}, count {:.0}, top10 {:.0}, top10 without compounds {:.0}, top10+count {:.0}, search with 1 hit {:.0}",
        queries.len(),
        us(t[0]),
        us(t[1]),
        us(t[2]),
        us(t[3]),
        us(t[4]),
        us(t[5]),
        us(t[6])
    );
    if std::env::var("SLOWEST").is_ok_and(|v| v == "1") {
        each.sort_by_key(|e| std::cmp::Reverse(e.0));
        let total: Duration = each.iter().map(|e| e.0).sum();
        let top: Duration = each.iter().take(50).map(|e| e.0).sum();
        println!(
            "slowest 50 of {} queries take {:.0} % of the search time",
            each.len(),
            100.0 * top.as_secs_f64() / total.as_secs_f64()
        );
        for (d, n, q) in each.iter().take(15) {
            println!("{:>6.0} µs {:>6} results  {q}", d.as_secs_f64() * 1e6, n);
        }
    }
    Ok(())
}

/// Writes `mb` MB of fresh heap once and frees it again. On this virtual
/// machine the first write to a transparent huge page the guest has not
/// used (or has handed back) takes 5-8 ms; a round that grows its heap
/// by a few MB meets a few of those, which are the machine's, not the
/// query's. The allocator keeps freed memory for about a second before it
/// hands it back, so a round right after reuses these pages.
fn pretouch(mb: usize) {
    const MB: usize = 1024 * 1024;
    const BLOCK: usize = 256 * 1024;
    let blocks: Vec<Vec<u8>> = (0..mb * (MB / BLOCK)).map(|_| vec![1u8; BLOCK]).collect();
    let touched: usize = blocks.iter().map(|b| usize::from(b[BLOCK - 1])).sum();
    drop(blocks);
    eprintln!("pre-touched {} MB of heap", touched * BLOCK / MB);
}

/// The number in the environment variable `name`, if it is set and one.
fn env_number<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// The process's resident heap and resident file pages (the index's
/// mapped files), in kB, from `/proc/self/status` (zeros elsewhere).
fn resident_kb() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse().ok())
            .unwrap_or(0)
    };
    (field("RssAnon:"), field("RssFile:"))
}

/// Page faults of this process so far that needed no disk read (the
/// tenth field of `/proc/self/stat`, counted after the command's name).
fn minor_faults() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    stat.rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().nth(7))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Times each query once (see `EACH=1`) and prints the spread: the share
/// of the time the slowest tenth, fiftieth and hundredth take, and the
/// slowest queries.
fn time_each(
    index: &SearchIndex,
    queries: &[&str],
    full: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut each = Vec::with_capacity(queries.len());
    for q in queries {
        let s = Instant::now();
        let found = index.search(&replay_request(q, full))?;
        each.push((s.elapsed(), found.total, *q));
    }
    if each.is_empty() {
        println!("no queries");
        return Ok(());
    }
    each.sort_by_key(|e| std::cmp::Reverse(e.0));
    let total: Duration = each.iter().map(|e| e.0).sum();
    let n = each.len();
    println!(
        "{} queries, mean {:.0} µs, median {:.0} µs",
        each.len(),
        total.as_secs_f64() * 1e6 / n as f64,
        each[n / 2].0.as_secs_f64() * 1e6
    );
    for part in [10, 50, 100] {
        let top: Duration = each.iter().take(n / part).map(|e| e.0).sum();
        println!(
            "slowest 1/{part}: {:.0} % of the time",
            100.0 * top.as_secs_f64() / total.as_secs_f64()
        );
    }
    for (d, found, q) in each.iter().take(env_number("SHOW").unwrap_or(20)) {
        println!("{:>6.0} µs {found:>6} results  {q}", d.as_secs_f64() * 1e6);
    }
    Ok(())
}

/// The request the benchmark's replay asks: the top 10, items only or
/// (`full`) the full page.
fn replay_request(q: &str, full: bool) -> SearchRequest {
    SearchRequest {
        query: q.to_string(),
        per_page: 10,
        facets: full,
        snippets: full,
        ..Default::default()
    }
}

#[inline(never)]
fn measured_rounds(
    index: &SearchIndex,
    queries: &[&str],
    rounds: usize,
    full: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    run_rounds(index, queries, rounds, full)
}

#[inline(never)]
fn run_rounds(
    index: &SearchIndex,
    queries: &[&str],
    rounds: usize,
    full: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    for _ in 0..rounds {
        for q in queries {
            index.search(&replay_request(q, full))?;
        }
    }
    Ok(())
}
