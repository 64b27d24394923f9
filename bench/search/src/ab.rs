//! Two running servers asked in turn (`--ab ADDR_A,ADDR_B`): a change to the
//! server measured against the code before it, in one run.
//!
//! Why: this machine's speed moves by a third from one benchmark run to the
//! next, more than most changes are worth. Here the two servers run side by
//! side (each on its own copy of the data) and are asked in short windows,
//! one after the other, the order flipped every window: a stall of the
//! machine falls on both in turn, and the windows pair up. A server that is
//! not asked waits without using a core (its busy polling ends after the
//! window), so each is measured alone.
//!
//! What is asked, as the benchmark's items-only HTTP row asks it: the known-
//! item queries of `queries.tsv` (written by a full run), the first 200 to
//! warm up; then 1 client (the queries in windows of 100, each first seen by
//! both servers), 8 clients direct and 8 clients via one worker per core
//! (windows of 2,000 queries).

use std::time::{Duration, Instant};

use anyhow::Context;

use crate::contestant::Client;
use crate::corpus::KnownItem;
use crate::engines::http::items_client;
use crate::measure;
use crate::pool;

/// Queries per 1-client window.
const WINDOW_ONE: usize = 100;
/// Queries per window with many clients.
const WINDOW_MANY: usize = 2000;

/// The known-item queries a full run wrote (`answer<TAB>query` per line).
pub fn read_queries(path: &std::path::Path) -> anyhow::Result<Vec<KnownItem>> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "{} is not there: run the benchmark once first (it writes the queries)",
            path.display()
        )
    })?;
    let queries: Vec<KnownItem> = text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(answer, query)| KnownItem {
            query: query.to_string(),
            answer: answer.to_string(),
        })
        .collect();
    anyhow::ensure!(!queries.is_empty(), "{} holds no queries", path.display());
    Ok(queries)
}

/// What one server did in one mode: queries and time, summed over its
/// windows, and its time per window.
#[derive(Default)]
struct Tally {
    n: usize,
    time: Duration,
    windows: Vec<Duration>,
}

impl Tally {
    fn add(&mut self, n: usize, time: Duration) {
        self.n += n;
        self.time += time;
        self.windows.push(time);
    }

    fn qps(&self) -> f64 {
        self.n as f64 / self.time.as_secs_f64().max(1e-9)
    }
}

/// Asks the two servers in turn; returns the report (Markdown).
pub fn run(
    addrs: &[String; 2],
    queries: &[KnownItem],
    rounds: usize,
    clients: usize,
    cores: usize,
) -> anyhow::Result<String> {
    let warm = &queries[..queries.len().min(200)];
    for addr in addrs {
        let mut c = items_client(addr);
        for q in warm {
            c.query(&q.query, 10)?;
        }
    }
    let mut tallies: Vec<[Tally; 2]> = Vec::new();

    // 1 client: each window's queries are new to both servers. Each window
    // has a connection of its own (opened before it is timed), so the
    // server's threads take turns: which core a thread shares with the
    // client decides a round trip more than most changes do.
    let mut t = [Tally::default(), Tally::default()];
    for (w, chunk) in queries.chunks(WINDOW_ONE).enumerate() {
        for s in order(w) {
            let mut c = items_client(&addrs[s]);
            c.query("wet", 10)?;
            let start = Instant::now();
            for q in chunk {
                c.query(&q.query, 10)?;
            }
            t[s].add(chunk.len(), start.elapsed());
        }
    }
    tallies.push(t);

    // Many clients, direct and via workers.
    for pooled in [false, true] {
        let mut t = [Tally::default(), Tally::default()];
        for w in 0..rounds * 2 {
            for s in order(w) {
                let make = |n: usize| -> anyhow::Result<Vec<Box<dyn Client>>> {
                    (0..n)
                        .map(|_| {
                            // The connection is opened before the window.
                            let mut c = items_client(&addrs[s]);
                            c.query("wet", 10)?;
                            Ok(c)
                        })
                        .collect()
                };
                let set = if pooled {
                    pool::pooled(make(cores)?, clients)
                } else {
                    make(clients)?
                };
                let (speed, _, _) = measure::run(set, queries, WINDOW_MANY, 10)?;
                t[s].add(speed.n, Duration::from_secs_f64(speed.n as f64 / speed.qps));
            }
        }
        tallies.push(t);
    }

    let names = [
        "1 client".to_string(),
        format!("{clients} clients, direct"),
        format!("{clients} clients, {cores} workers"),
    ];
    let mut md = format!(
        "A = {}, B = {}; {} queries, windows asked in turn (A B, B A, …)\n\n\
         | mode | windows each | A q/s | B q/s | B / A | B / A, median window | windows B faster |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
        addrs[0],
        addrs[1],
        queries.len()
    );
    for (name, [a, b]) in names.iter().zip(&tallies) {
        let mut ratios: Vec<f64> = a
            .windows
            .iter()
            .zip(&b.windows)
            .map(|(ta, tb)| ta.as_secs_f64() / tb.as_secs_f64().max(1e-9))
            .collect();
        ratios.sort_by(f64::total_cmp);
        let median = ratios.get(ratios.len() / 2).copied().unwrap_or(0.0);
        let faster = ratios.iter().filter(|r| **r > 1.0).count();
        md.push_str(&format!(
            "| {name} | {} | {:.0} | {:.0} | {:.3} | {median:.3} | {faster} of {} |\n",
            a.windows.len(),
            a.qps(),
            b.qps(),
            b.qps() / a.qps().max(1e-9),
            ratios.len()
        ));
    }
    Ok(md)
}

/// The order of the servers in window `w`: A B, then B A, and so on.
fn order(w: usize) -> [usize; 2] {
    if w.is_multiple_of(2) {
        [0, 1]
    } else {
        [1, 0]
    }
}

#[cfg(test)]
mod tests {
    use super::{order, read_queries};

    #[test]
    fn queries_are_read_as_the_full_run_wrote_them() {
        let dir = std::env::temp_dir().join(format!("ab-queries-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("queries.tsv");
        std::fs::write(
            &path,
            "BWBR0001\tWet op de zorg\nBWBR0002\tBesluit x\tmet tab\n",
        )
        .unwrap();
        let q = read_queries(&path).unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(
            (q[0].answer.as_str(), q[0].query.as_str()),
            ("BWBR0001", "Wet op de zorg")
        );
        assert_eq!(q[1].query, "Besluit x\tmet tab");
        std::fs::write(&path, "").unwrap();
        let empty = read_queries(&path).unwrap_err().to_string();
        assert!(empty.contains("holds no queries"), "{empty}");
        let missing = read_queries(&dir.join("absent.tsv"))
            .unwrap_err()
            .to_string();
        assert!(
            missing.contains("run the benchmark once first"),
            "{missing}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_order_flips_every_window() {
        assert_eq!(order(0), [0, 1]);
        assert_eq!(order(1), [1, 0]);
        assert_eq!(order(2), [0, 1]);
    }
}
