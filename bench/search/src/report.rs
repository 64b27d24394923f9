//! The report: absolute figures, ratios against the peers, targets.

use std::fmt::Write;
use std::time::Duration;

use crate::in_turn::{Mode, WINDOW_MANY, WINDOW_ONE};
use crate::measure::Speed;

/// What a row measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// watwerkt, items only.
    Ours,
    /// watwerkt, the full result page (facets + snippets).
    OursPage,
    /// The cheapest answer of the same HTTP server.
    Floor,
    /// The same client against a thread that answers at once (no server).
    Wire,
    /// A peer (SQLite, PostgreSQL).
    Peer,
}

/// One measured row.
pub struct Row {
    pub name: String,
    pub note: String,
    pub kind: Kind,
    pub index_time: Duration,
    pub size: u64,
    /// One client.
    pub one: Speed,
    /// N client threads calling directly.
    pub many: Speed,
    /// N clients queued for one worker per core.
    pub pooled: Speed,
    pub mrr: f64,
}

/// watwerkt over HTTP and PostgreSQL asked in turn (`in_turn.rs`): the
/// peer is each mode's first tally, watwerkt the second.
pub struct Paired {
    /// The watwerkt row asked (its name in the main table).
    pub ours: String,
    pub peer: String,
    /// Queries asked (none of them asked before by either).
    pub queries: usize,
    pub modes: Vec<Mode>,
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

/// One line about a run.
pub fn speed(s: &Speed) -> String {
    format!(
        "p50 {} ms p99 {} ms {:.0} q/s ({} queries)",
        ms(s.p50),
        ms(s.p99),
        s.qps,
        s.n
    )
}

fn ratio(a: f64, b: f64) -> String {
    if b == 0.0 {
        "–".to_string()
    } else {
        format!("{:.1}×", a / b)
    }
}

fn cells(s: &Speed) -> String {
    format!("{} / {} | {:.0}", ms(s.p50), ms(s.p99), s.qps)
}

/// The whole report in Markdown.
pub fn markdown(
    rows: &[Row],
    paired: Option<&Paired>,
    docs: usize,
    queries: usize,
    clients: usize,
    cores: usize,
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Corpus: {docs} documents; {queries} known-item queries; top 10; latencies in ms (p50 / p99).\n"
    );
    let _ = writeln!(
        s,
        "| contestant | index time | index size | 1 client | q/s | {clients} clients, direct | q/s | {clients} clients, {cores} workers | q/s | MRR@10 |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let floor = matches!(r.kind, Kind::Floor | Kind::Wire);
        let index = if floor {
            " | ".to_string()
        } else {
            format!(
                "{:.1} s | {:.0} MB",
                r.index_time.as_secs_f64(),
                r.size as f64 / 1e6
            )
        };
        let mrr = if floor {
            String::new()
        } else {
            format!("{:.4}", r.mrr)
        };
        let _ = writeln!(
            s,
            "| {} | {index} | {} | {} | {} | {mrr} |",
            r.name,
            cells(&r.one),
            cells(&r.many),
            cells(&r.pooled),
        );
    }
    let ours: Vec<&Row> = rows
        .iter()
        .filter(|r| matches!(r.kind, Kind::Ours | Kind::OursPage))
        .collect();
    let peers: Vec<&Row> = rows.iter().filter(|r| r.kind == Kind::Peer).collect();
    if !peers.is_empty() {
        let _ = writeln!(
            s,
            "\nRatios, watwerkt against each peer (>1× means watwerkt is better):\n"
        );
        let _ = writeln!(
            s,
            "| watwerkt | peer | index time | index size | q/s, 1 client | q/s, {clients} direct | q/s, {clients} via {cores} workers | p99, {clients} direct | p99, {clients} via workers | MRR@10 (difference) |"
        );
        let _ = writeln!(s, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for w in &ours {
            for p in &peers {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {:+.4} |",
                    w.name,
                    p.name,
                    ratio(p.index_time.as_secs_f64(), w.index_time.as_secs_f64()),
                    ratio(p.size as f64, w.size as f64),
                    ratio(w.one.qps, p.one.qps),
                    ratio(w.many.qps, p.many.qps),
                    ratio(w.pooled.qps, p.pooled.qps),
                    ratio(p.many.p99.as_secs_f64(), w.many.p99.as_secs_f64()),
                    ratio(p.pooled.p99.as_secs_f64(), w.pooled.p99.as_secs_f64()),
                    w.mrr - p.mrr
                );
            }
        }
    }
    if let Some(floor) = rows.iter().find(|r| r.kind == Kind::Floor) {
        let _ = writeln!(
            s,
            "\nThe HTTP floor: q/s of each HTTP row as a share of the floor's (same server, same clients, an answer without search):\n"
        );
        let _ = writeln!(
            s,
            "| row | 1 client | {clients} direct | {clients} via {cores} workers |\n|---|---:|---:|---:|"
        );
        let share = |a: f64, b: f64| format!("{:.0} %", 100.0 * a / b.max(1e-9));
        for w in ours.iter().filter(|r| r.name.contains("HTTP")) {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                w.name,
                share(w.one.qps, floor.one.qps),
                share(w.many.qps, floor.many.qps),
                share(w.pooled.qps, floor.pooled.qps)
            );
        }
        if let Some(pg) = peers.iter().find(|r| r.name.starts_with("PostgreSQL")) {
            let _ = writeln!(
                s,
                "\nThe floor itself is {} / {} / {} × PostgreSQL's q/s (1 / {clients} direct / via workers): no search over this HTTP stack can do better.",
                ratio(floor.one.qps, pg.one.qps),
                ratio(floor.many.qps, pg.many.qps),
                ratio(floor.pooled.qps, pg.pooled.qps)
            );
            if let Some(wire) = rows.iter().find(|r| r.kind == Kind::Wire) {
                let _ = writeln!(
                    s,
                    "\nThe wire floor is {} / {} / {} × PostgreSQL's q/s: no server on this machine can do better through the same client; the HTTP floor is {} / {} / {} of it.",
                    ratio(wire.one.qps, pg.one.qps),
                    ratio(wire.many.qps, pg.many.qps),
                    ratio(wire.pooled.qps, pg.pooled.qps),
                    share(floor.one.qps, wire.one.qps),
                    share(floor.many.qps, wire.many.qps),
                    share(floor.pooled.qps, wire.pooled.qps)
                );
            }
        }
    }
    if let Some(p) = paired {
        paired_table(&mut s, p);
    }
    let pg = peers.iter().find(|r| r.name.starts_with("PostgreSQL"));
    let check = |ok: bool| if ok { "met" } else { "MISSED" };
    let _ = writeln!(s, "\nTargets:\n");
    for w in &ours {
        let _ = writeln!(s, "- {}:", w.name);
        if w.kind == Kind::Ours {
            let _ = writeln!(
                s,
                "  - whole corpus indexed in ≤ 60 s: {:.1} s — {}",
                w.index_time.as_secs_f64(),
                check(w.index_time.as_secs_f64() <= 60.0)
            );
        }
        for (label, sp) in [("direct", &w.many), ("via workers", &w.pooled)] {
            let _ = writeln!(
                s,
                "  - p99 ≤ 5 ms at {clients} clients ({label}): {} ms — {}",
                ms(sp.p99),
                check(sp.p99 <= Duration::from_millis(5))
            );
        }
        if let Some(pg) = pg {
            for (label, a, b) in [
                ("1 client", w.one.qps, pg.one.qps),
                ("direct", w.many.qps, pg.many.qps),
                ("via workers", w.pooled.qps, pg.pooled.qps),
            ] {
                let x = a / b.max(1e-9);
                let _ = writeln!(
                    s,
                    "  - q/s ≥ 10× PostgreSQL ({label}): {x:.1}× — {}",
                    check(x >= 10.0)
                );
            }
        }
        if let Some(p) = paired.filter(|p| p.ours == w.name) {
            for m in &p.modes {
                let x = m.median_ratio();
                let _ = writeln!(
                    s,
                    "  - q/s ≥ 10× PostgreSQL, asked in turn ({}), median window: {x:.1}× — {}",
                    m.name,
                    check(x >= 10.0)
                );
            }
        }
        let _ = writeln!(
            s,
            "  - MRR@10 ≥ 0.95: {:.4} — {}",
            w.mrr,
            check(w.mrr >= 0.95)
        );
    }
    let _ = writeln!(s, "\nNotes:\n");
    let mut noted = Vec::new();
    for r in rows
        .iter()
        .filter(|r| !matches!(r.kind, Kind::Floor | Kind::Wire))
    {
        let base = r.name.split(" — ").next().unwrap_or(&r.name).to_string();
        if !noted.contains(&base) && !r.note.is_empty() {
            let _ = writeln!(s, "- {base}: {}", r.note);
            noted.push(base);
        }
    }
    s
}

/// The section on the two asked in turn.
fn paired_table(s: &mut String, p: &Paired) {
    let _ = writeln!(
        s,
        "\n{} and {}, asked in turn: {} other known-item queries, new to both; \
         windows of {WINDOW_ONE} queries at 1 client and {WINDOW_MANY} with more, \
         the order flipped every window, each window on connections of its own. \
         Each pair of windows gives a ratio; the median of those is the run's figure.\n",
        p.ours, p.peer, p.queries
    );
    let _ = writeln!(
        s,
        "| mode | windows each | {} q/s | watwerkt q/s | ratio, all windows | ratio, median window | windows at ≥ 10× |\n\
         |---|---:|---:|---:|---:|---:|---:|",
        p.peer
    );
    for m in &p.modes {
        let [peer, ours] = &m.tallies;
        let ratios = m.window_ratios();
        let _ = writeln!(
            s,
            "| {} | {} | {:.0} | {:.0} | {:.1}× | {:.1}× | {} of {} |",
            m.name,
            peer.windows.len(),
            peer.qps(),
            ours.qps(),
            m.overall_ratio(),
            m.median_ratio(),
            ratios.iter().filter(|r| **r >= 10.0).count(),
            ratios.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::in_turn::Tally;

    fn tally(n: usize, windows_ms: &[u64]) -> Tally {
        Tally {
            n,
            windows: windows_ms
                .iter()
                .map(|&m| Duration::from_millis(m))
                .collect(),
        }
    }

    #[test]
    fn the_targets_judge_the_paired_ratio_by_its_median_window() {
        let ours = "watwerkt HTTP API — items only".to_string();
        let row = Row {
            name: ours.clone(),
            note: String::new(),
            kind: Kind::Ours,
            index_time: Duration::from_secs(30),
            size: 1,
            one: Speed::default(),
            many: Speed::default(),
            pooled: Speed::default(),
            mrr: 0.98,
        };
        // 1 client: windows 12×, 11×, 3× (one stall): median 11×, met.
        // Direct: 9×, 9×, 20×: median 9×, missed though all windows give 12.7×.
        let paired = Paired {
            ours,
            peer: "PostgreSQL".into(),
            queries: 300,
            modes: vec![
                Mode {
                    name: "1 client".into(),
                    tallies: [tally(300, &[120, 110, 30]), tally(300, &[10, 10, 10])],
                },
                Mode {
                    name: "8 clients, direct".into(),
                    tallies: [tally(6000, &[90, 90, 200]), tally(6000, &[10, 10, 10])],
                },
            ],
        };
        let md = markdown(&[row], Some(&paired), 10, 300, 8, 2);
        assert!(
            md.contains("asked in turn (1 client), median window: 11.0× — met"),
            "{md}"
        );
        assert!(
            md.contains("asked in turn (8 clients, direct), median window: 9.0× — MISSED"),
            "{md}"
        );
        assert!(
            md.contains("| 8 clients, direct | 3 | 15789 | 200000 | 12.7× | 9.0× | 1 of 3 |"),
            "{md}"
        );
        let without = markdown(
            &[Row {
                name: "x".into(),
                note: String::new(),
                kind: Kind::Ours,
                index_time: Duration::ZERO,
                size: 0,
                one: Speed::default(),
                many: Speed::default(),
                pooled: Speed::default(),
                mrr: 0.0,
            }],
            None,
            1,
            1,
            8,
            2,
        );
        assert!(!without.contains("asked in turn"), "{without}");
    }
}
