//! Two running servers asked in turn (`--ab ADDR_A,ADDR_B`): a change to the
//! server measured against the code before it, in one run.
//!
//! Why: this machine's speed moves by a third from one benchmark run to the
//! next, more than most changes are worth. Here the two servers run side by
//! side (each on its own copy of the data) and are asked in short windows,
//! one after the other, the order flipped every window (`in_turn.rs`): a
//! stall of the machine falls on both in turn, and the windows pair up. A
//! server that is not asked waits without using a core (its busy polling
//! ends after the window), so each is measured alone.
//!
//! What is asked, as the benchmark's items-only HTTP row asks it: the known-
//! item queries of `queries.tsv` (written by a full run), the first 200 to
//! warm up; then 1 client (the queries in windows of 100, each first seen by
//! both servers), 8 clients direct and 8 clients via one worker per core
//! (windows of 2,000 queries).

use anyhow::Context;

use crate::corpus::KnownItem;
use crate::engines::http::items_client;
use crate::in_turn;

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
    let a = || Ok(items_client(&addrs[0]));
    let b = || Ok(items_client(&addrs[1]));
    let modes = in_turn::ask([&a, &b], queries, rounds, clients, cores)?;
    let mut md = format!(
        "A = {}, B = {}; {} queries, windows asked in turn (A B, B A, …)\n\n\
         | mode | windows each | A q/s | B q/s | B / A | B / A, median window | windows B faster |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
        addrs[0],
        addrs[1],
        queries.len()
    );
    for mode in &modes {
        let [a, b] = &mode.tallies;
        let ratios = mode.window_ratios();
        let faster = ratios.iter().filter(|r| **r > 1.0).count();
        md.push_str(&format!(
            "| {} | {} | {:.0} | {:.0} | {:.3} | {:.3} | {faster} of {} |\n",
            mode.name,
            a.windows.len(),
            a.qps(),
            b.qps(),
            mode.overall_ratio(),
            mode.median_ratio(),
            ratios.len()
        ));
    }
    Ok(md)
}

#[cfg(test)]
mod tests {
    use super::read_queries;

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
}
