//! Latency, throughput and known-item quality.

use std::time::{Duration, Instant};

use crate::contestant::Client;
use crate::corpus::KnownItem;

/// Latency and throughput of one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Speed {
    /// Median latency.
    pub p50: Duration,
    /// 99th percentile latency.
    pub p99: Duration,
    /// Queries per second over the run's wall time.
    pub qps: f64,
    /// Queries run.
    pub n: usize,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Runs `total` queries (cycling through `queries`) spread over the clients,
/// one thread each. Returns the speed and, for each query of the first cycle,
/// the ids it got and its latency.
pub fn run(
    clients: Vec<Box<dyn Client>>,
    queries: &[KnownItem],
    total: usize,
    k: usize,
) -> anyhow::Result<(Speed, Vec<Vec<String>>, Vec<Duration>)> {
    let n_clients = clients.len().max(1);
    let start = Instant::now();
    let per_thread = std::thread::scope(|s| {
        let handles: Vec<_> = clients
            .into_iter()
            .enumerate()
            .map(|(t, mut client)| {
                s.spawn(
                    move || -> anyhow::Result<Vec<(usize, Duration, Vec<String>)>> {
                        let mut out = Vec::new();
                        let mut i = t;
                        while i < total {
                            let item = &queries[i % queries.len()];
                            let t0 = Instant::now();
                            let ids = client.query(&item.query, k)?;
                            out.push((i, t0.elapsed(), ids));
                            i += n_clients;
                        }
                        Ok(out)
                    },
                )
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .map_err(|_| anyhow::anyhow!("client thread panicked"))?
            })
            .collect::<anyhow::Result<Vec<_>>>()
    })?;
    let wall = start.elapsed();
    let mut latencies = Vec::with_capacity(total);
    let mut answers = vec![Vec::new(); queries.len().min(total)];
    let mut first = vec![Duration::ZERO; answers.len()];
    for (i, d, ids) in per_thread.into_iter().flatten() {
        latencies.push(d);
        if i < answers.len() {
            answers[i] = ids;
            first[i] = d;
        }
    }
    latencies.sort();
    let speed = Speed {
        p50: percentile(&latencies, 0.50),
        p99: percentile(&latencies, 0.99),
        qps: latencies.len() as f64 / wall.as_secs_f64().max(1e-9),
        n: latencies.len(),
    };
    Ok((speed, answers, first))
}

/// Mean reciprocal rank of the answers within the top 10.
pub fn mrr_at_10(queries: &[KnownItem], answers: &[Vec<String>]) -> f64 {
    if queries.is_empty() {
        return 0.0;
    }
    let sum: f64 = queries
        .iter()
        .zip(answers)
        .map(|(q, ids)| {
            ids.iter()
                .take(10)
                .position(|id| *id == q.answer)
                .map_or(0.0, |r| 1.0 / (r as f64 + 1.0))
        })
        .sum();
    sum / queries.len() as f64
}
