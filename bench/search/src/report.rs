//! The report: absolute figures, ratios against the peers, targets.

use std::fmt::Write;
use std::time::Duration;

use crate::measure::Speed;

/// One contestant's figures.
pub struct Row {
    pub name: String,
    pub note: String,
    pub index_time: Duration,
    pub size: u64,
    /// One client.
    pub one: Speed,
    /// N client threads calling directly.
    pub many: Speed,
    /// N clients queued for one worker per core.
    pub pooled: Speed,
    pub mrr: f64,
    /// watwerkt only: full result page at 1 client and N pooled clients.
    pub page: Option<(Speed, Speed)>,
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
pub fn markdown(rows: &[Row], docs: usize, queries: usize, clients: usize, cores: usize) -> String {
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
        let _ = writeln!(
            s,
            "| {} | {:.1} s | {:.0} MB | {} | {} | {} | {:.4} |",
            r.name,
            r.index_time.as_secs_f64(),
            r.size as f64 / 1e6,
            cells(&r.one),
            cells(&r.many),
            cells(&r.pooled),
            r.mrr
        );
    }
    let Some(w) = rows.iter().find(|r| r.page.is_some()) else {
        return s;
    };
    if let Some((p1, pn)) = w.page {
        let _ = writeln!(
            s,
            "| {} — full page (facets + snippets) | | | {} | | | {} | |",
            w.name,
            cells(&p1),
            cells(&pn)
        );
    }
    let _ = writeln!(
        s,
        "\nRatios, watwerkt against each peer (>1× means watwerkt is better):\n"
    );
    let _ = writeln!(
        s,
        "| peer | index time | index size | q/s, 1 client | q/s, {clients} direct | q/s, {clients} via {cores} workers | p99, {clients} direct | p99, {clients} via workers | MRR@10 (difference) |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for p in rows.iter().filter(|r| r.page.is_none()) {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {:+.4} |",
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
    let pg = rows.iter().find(|r| r.name.starts_with("PostgreSQL"));
    let check = |ok: bool| if ok { "met" } else { "MISSED" };
    let _ = writeln!(s, "\nTargets:\n");
    let _ = writeln!(
        s,
        "- whole corpus indexed in ≤ 60 s: {:.1} s — {}",
        w.index_time.as_secs_f64(),
        check(w.index_time.as_secs_f64() <= 60.0)
    );
    for (label, sp) in [("direct", &w.many), ("via workers", &w.pooled)] {
        let _ = writeln!(
            s,
            "- p99 ≤ 5 ms at {clients} clients ({label}): {} ms — {}",
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
                "- q/s ≥ 10× PostgreSQL ({label}): {x:.1}× — {}",
                check(x >= 10.0)
            );
        }
    }
    let _ = writeln!(
        s,
        "- MRR@10 ≥ 0.95: {:.4} — {}",
        w.mrr,
        check(w.mrr >= 0.95)
    );
    let _ = writeln!(s, "\nNotes:\n");
    for r in rows {
        let _ = writeln!(s, "- {}: {}", r.name, r.note);
    }
    s
}
