//! Search benchmark: watwerkt's engine against SQLite FTS5 and PostgreSQL FTS
//! on the Dutch laws corpus, in one run. See `bench/search/README.md`.
//!
//! `cargo run --release -p watwerkt-bench-search -- [--data PATH] [--work DIR]
//!  [--queries N] [--fresh N] [--seed S] [--limit-docs N] [--only http,watwerkt,sqlite,postgres]
//!  [--pg URL] [--clients N]`, or `-- --ab ADDR_A,ADDR_B [--rounds R]` to ask
//!  two running servers in turn (see `ab.rs`).

mod ab;
mod contestant;
mod corpus;
mod engines;
mod in_turn;
mod measure;
mod pool;
mod report;

use std::path::PathBuf;

/// The server's allocator (see `crates/cli/src/main.rs`): the in-process
/// contestant searches as the server does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

use anyhow::Context;

use contestant::{Client, Contestant};
use engines::{http::Http, postgres::Postgres, sqlite::Sqlite, watwerkt::Watwerkt};
use report::{Kind, Paired, Row};

struct Args {
    data: PathBuf,
    work: PathBuf,
    queries: usize,
    /// Queries for the in-turn run, after `queries` in the same shuffle.
    fresh: usize,
    seed: u64,
    limit_docs: Option<usize>,
    only: Vec<String>,
    pg: String,
    clients: usize,
    ab: Option<[String; 2]>,
    rounds: usize,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut a = Args {
        data: PathBuf::from("../shared/data/laws_nl_2017.jsonl.zst"),
        work: PathBuf::from("target/bench-search"),
        queries: 1000,
        fresh: 2000,
        seed: 2017,
        limit_docs: None,
        only: vec![
            "http".into(),
            "watwerkt".into(),
            "sqlite".into(),
            "postgres".into(),
        ],
        pg: std::env::var("WATWERKT_BENCH_PG")
            .unwrap_or_else(|_| "host=127.0.0.1 port=5432 user=postgres dbname=test".to_string()),
        clients: 8,
        ab: None,
        rounds: 5,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => a.data = value()?.into(),
            "--work" => a.work = value()?.into(),
            "--queries" => a.queries = value()?.parse()?,
            "--fresh" => a.fresh = value()?.parse()?,
            "--seed" => a.seed = value()?.parse()?,
            "--limit-docs" => a.limit_docs = Some(value()?.parse()?),
            "--only" => a.only = value()?.split(',').map(str::to_string).collect(),
            "--pg" => a.pg = value()?,
            "--clients" => a.clients = value()?.parse()?,
            "--ab" => {
                let v = value()?;
                let (x, y) = v
                    .split_once(',')
                    .with_context(|| format!("--ab needs two addresses, A,B: {v}"))?;
                a.ab = Some([x.to_string(), y.to_string()]);
            }
            "--rounds" => a.rounds = value()?.parse()?,
            other => anyhow::bail!("unknown flag {other}"),
        }
    }
    Ok(a)
}

fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    std::fs::create_dir_all(&args.work)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if let Some(addrs) = &args.ab {
        let queries = ab::read_queries(&args.work.join("queries.tsv"))?;
        let queries = &queries[..queries.len().min(args.queries)];
        let md = ab::run(addrs, queries, args.rounds, args.clients, cores)?;
        println!("{md}");
        std::fs::write(args.work.join("ab.md"), md)?;
        return Ok(());
    }
    let t = Instant::now();
    let (docs, items) = corpus::read(&args.data, args.limit_docs)?;
    // The next `fresh` of the same shuffle: what the two asked in turn see
    // for the first time (after the main run has warmed them both). Twenty
    // 1-client windows of 100 by default: a window is about 12 ms for
    // watwerkt, so one stall of the machine moves a window's ratio by a
    // tenth, and the median of ten such ratios moved by as much from run to
    // run (nineteenth session).
    let mut queries = corpus::choose(&items, args.queries + args.fresh, args.seed);
    let fresh = queries.split_off(args.queries.min(queries.len()));
    let bytes: usize = docs
        .iter()
        .map(|d| d.title.len() + d.summary.len() + d.body.len())
        .sum();
    println!(
        "corpus: {} documents, {:.0} MB of text, read in {:.1}s; {} known-item queries (of {} unique citeertitels, seed {})",
        docs.len(),
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        queries.len(),
        items.len(),
        args.seed
    );
    let listed: String = queries
        .iter()
        .map(|q| format!("{}\t{}\n", q.answer, q.query))
        .collect();
    std::fs::write(args.work.join("queries.tsv"), listed)?;
    let mut contestants: Vec<Box<dyn Contestant>> = Vec::new();
    let (mut http_at, mut pg_at) = (None, None);
    for name in &args.only {
        match name.as_str() {
            "http" => {
                http_at = Some(contestants.len());
                contestants.push(Box::new(Http::new(
                    PathBuf::from("target/release/watwerkt"),
                    args.work.join("http"),
                    "127.0.0.1:18299".into(),
                )));
            }
            "watwerkt" => {
                contestants.push(Box::new(Watwerkt::new(args.work.join("tantivy"), cores)));
            }
            "sqlite" => contestants.push(Box::new(Sqlite::new(args.work.join("fts5.sqlite")))),
            "postgres" => {
                if Postgres::reachable(&args.pg) {
                    pg_at = Some(contestants.len());
                    contestants.push(Box::new(Postgres::new(args.pg.clone(), cores)));
                } else {
                    println!(
                        "postgres: not reachable at '{}': skipped (bench/search/run.sh starts it)",
                        args.pg
                    );
                }
            }
            other => anyhow::bail!("unknown contestant {other}"),
        }
    }
    let total_8 = queries.len().max(2000);
    let mut rows = Vec::new();
    // The wire floor, measured with the HTTP contestant.
    let wire = engines::wire::Wire::start()?;
    for c in contestants.iter_mut() {
        println!("\n== {} ==", c.name());
        let t = Instant::now();
        c.index(&docs)?;
        let index_time = t.elapsed();
        let size = c.size_bytes()?;
        println!(
            "indexed in {:.1}s, {:.0} MB",
            index_time.as_secs_f64(),
            size as f64 / 1e6
        );
        let t = Instant::now();
        settle(c.as_ref())?;
        println!("settled in {:.1}s", t.elapsed().as_secs_f64());
        let c: &dyn Contestant = c.as_ref();
        // What is measured: the contestant's plain answers, and for watwerkt
        // also the full result page and the HTTP floor.
        type Make<'a> = Box<dyn Fn() -> anyhow::Result<Box<dyn Client>> + 'a>;
        let mut variants: Vec<(Kind, String, Make)> = Vec::new();
        let plain = if c.variant().is_empty() {
            c.name()
        } else {
            format!("{} — {}", c.name(), c.variant())
        };
        let kind = if c.ours() { Kind::Ours } else { Kind::Peer };
        variants.push((kind, plain, Box::new(|| c.client())));
        if c.page_client().is_some() {
            variants.push((
                Kind::OursPage,
                format!("{} — full page: facets + snippets", c.name()),
                Box::new(|| page_client(c)),
            ));
        }
        if c.floor_client().is_some() {
            variants.push((
                Kind::Floor,
                "HTTP floor: same server, `/api/v1/suggest?q=` (answers `[]`)".to_string(),
                Box::new(|| c.floor_client().unwrap_or_else(|| c.client())),
            ));
            variants.push((
                Kind::Wire,
                "wire floor: same client, a thread that answers `[]` at once (no server)"
                    .to_string(),
                Box::new(|| Ok(wire.client())),
            ));
        }
        for (kind, name, make) in variants {
            println!("-- {name}");
            let make_n = |n: usize| -> anyhow::Result<Vec<Box<dyn Client>>> {
                (0..n).map(|_| make()).collect()
            };
            let warm = &queries[..queries.len().min(200)];
            measure::run(make_n(1)?, warm, warm.len(), 10)?;
            let (one, answers, times) = measure::run(make_n(1)?, &queries, queries.len(), 10)?;
            let mrr = measure::mrr_at_10(&queries, &answers);
            println!("1 client: {}; MRR@10 {mrr:.4}", report::speed(&one));
            if !matches!(kind, Kind::Floor | Kind::Wire) {
                let mut slow: Vec<(std::time::Duration, &str)> = times
                    .iter()
                    .zip(&queries)
                    .map(|(t, q)| (*t, q.query.as_str()))
                    .collect();
                slow.sort_by_key(|s| std::cmp::Reverse(s.0));
                for (t, q) in slow.iter().take(5) {
                    println!("  slow: {:.2} ms  {q}", t.as_secs_f64() * 1e3);
                }
                let missed = queries
                    .iter()
                    .zip(&answers)
                    .filter(|(q, ids)| !ids.contains(&q.answer))
                    .count();
                println!("  known items not in the top 10: {missed}");
            }
            let (many, _, _) = measure::run(make_n(args.clients)?, &queries, total_8, 10)?;
            println!("{} clients: {}", args.clients, report::speed(&many));
            let (pooled, _, _) = measure::run(
                pool::pooled(make_n(cores)?, args.clients),
                &queries,
                total_8,
                10,
            )?;
            println!(
                "{} clients, {cores} workers: {}",
                args.clients,
                report::speed(&pooled)
            );
            rows.push(Row {
                name,
                note: c.note(),
                kind,
                index_time,
                size,
                one,
                many,
                pooled,
                mrr,
            });
        }
    }
    let paired = match (http_at, pg_at) {
        (Some(h), Some(p)) if !fresh.is_empty() => Some(in_turn_with_postgres(
            &*contestants[h],
            &*contestants[p],
            &fresh,
            &args,
            cores,
        )?),
        _ => None,
    };
    let md = report::markdown(
        &rows,
        paired.as_ref(),
        docs.len(),
        queries.len(),
        args.clients,
        cores,
    );
    println!("\n{md}");
    let out = args.work.join("results.md");
    std::fs::write(&out, md)?;
    println!("written to {}", out.display());
    Ok(())
}

/// The HTTP API (items only) and PostgreSQL asked in turn (`in_turn.rs`),
/// on `fresh` queries: the ratio between the two at the same moments.
fn in_turn_with_postgres(
    http: &dyn Contestant,
    pg: &dyn Contestant,
    fresh: &[corpus::KnownItem],
    args: &Args,
    cores: usize,
) -> anyhow::Result<Paired> {
    println!(
        "\n== {} and {}, asked in turn ({} queries neither has seen) ==",
        http.name(),
        pg.name(),
        fresh.len()
    );
    let peer = || pg.client();
    let ours = || http.client();
    let modes = in_turn::ask([&peer, &ours], fresh, args.rounds, args.clients, cores)?;
    for m in &modes {
        println!(
            "{}: PostgreSQL {:.0} q/s, watwerkt {:.0} q/s, {:.1}× (median window {:.1}×)",
            m.name,
            m.tallies[0].qps(),
            m.tallies[1].qps(),
            m.overall_ratio(),
            m.median_ratio()
        );
    }
    Ok(Paired {
        ours: format!("{} — {}", http.name(), http.variant()),
        peer: pg.name(),
        queries: fresh.len(),
        modes,
    })
}

/// Lets what indexing wrote reach the disk before the queries are measured:
/// the contestant's own buffers (PostgreSQL's checkpoint), then every dirty
/// page of the machine (`sync`). Otherwise the kernel writes them back on its
/// own schedule (dirty pages expire after 30 s), on the same two cores, in the
/// middle of whichever contestant's queries come then: the HTTP contestant's
/// content folder (430 MB of Markdown, written just before its 30 s import)
/// was written back during its own 1-client run.
fn settle(c: &dyn Contestant) -> anyhow::Result<()> {
    c.settle()?;
    let status = std::process::Command::new("sync").status()?;
    anyhow::ensure!(status.success(), "sync failed: {status}");
    Ok(())
}

fn page_client(c: &dyn Contestant) -> anyhow::Result<Box<dyn Client>> {
    // Only the watwerkt contestant has a page view; others answer plainly.
    c.page_client().unwrap_or_else(|| c.client())
}
