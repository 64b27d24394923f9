//! Two contestants asked in turn: short windows, one after the other, the
//! order flipped every window, so that a stall of the machine falls on both
//! and the windows pair up.
//!
//! Why: this machine's speed moves by a third from one minute to the next.
//! Measured one after the other, a contestant's figures can come from a slow
//! spell and its peer's from a fast one, and the ratio between them says more
//! about the spell than about the engines. Asked in turn, the ratio of each
//! pair of windows compares the two at (nearly) the same moment; their median
//! is what a run reports.
//!
//! Used by the main run (watwerkt over HTTP against PostgreSQL, on queries
//! neither has seen) and by `--ab` (two builds of the server, `ab.rs`).

use std::time::{Duration, Instant};

use crate::contestant::Client;
use crate::corpus::KnownItem;
use crate::measure;
use crate::pool;

/// Queries per 1-client window.
pub const WINDOW_ONE: usize = 100;
/// Queries per window with many clients.
pub const WINDOW_MANY: usize = 2000;

/// Opens one client of a contestant. The harness asks it one untimed query
/// before its window, so a window times searches, not connecting.
pub type Connect<'a> = &'a dyn Fn() -> anyhow::Result<Box<dyn Client>>;

/// What one contestant did in one mode: queries summed over its windows,
/// and each window's time.
#[derive(Debug, Default)]
pub struct Tally {
    pub n: usize,
    pub windows: Vec<Duration>,
}

impl Tally {
    fn add(&mut self, n: usize, time: Duration) {
        self.n += n;
        self.windows.push(time);
    }

    /// Queries per second over all its windows.
    pub fn qps(&self) -> f64 {
        let time: Duration = self.windows.iter().sum();
        self.n as f64 / time.as_secs_f64().max(1e-9)
    }
}

/// One mode (1 client, many direct, many via workers), both contestants.
#[derive(Debug)]
pub struct Mode {
    pub name: String,
    pub tallies: [Tally; 2],
}

impl Mode {
    /// How many times faster the second contestant was than the first in
    /// each pair of windows, sorted.
    pub fn window_ratios(&self) -> Vec<f64> {
        let [a, b] = &self.tallies;
        let mut ratios: Vec<f64> = a
            .windows
            .iter()
            .zip(&b.windows)
            .map(|(ta, tb)| ta.as_secs_f64() / tb.as_secs_f64().max(1e-9))
            .collect();
        ratios.sort_by(f64::total_cmp);
        ratios
    }

    /// The median of [`Mode::window_ratios`] (the upper one of an even
    /// count); zero without windows.
    pub fn median_ratio(&self) -> f64 {
        let ratios = self.window_ratios();
        ratios.get(ratios.len() / 2).copied().unwrap_or(0.0)
    }

    /// The second contestant's q/s over the first's, over all windows.
    pub fn overall_ratio(&self) -> f64 {
        let [a, b] = &self.tallies;
        b.qps() / a.qps().max(1e-9)
    }
}

/// Asks contestants `connect[0]` and `connect[1]` in turn: 1 client in
/// windows of [`WINDOW_ONE`] queries (each query once, so a query new to
/// one is new to both), then `clients` clients direct and via one worker
/// per core in `rounds` pairs of windows of [`WINDOW_MANY`]. Every window
/// has connections of its own, opened before it is timed: which core a
/// connection's thread shares with the client decides a round trip more
/// than most changes do, and this way the windows take turns.
pub fn ask(
    connect: [Connect; 2],
    queries: &[KnownItem],
    rounds: usize,
    clients: usize,
    cores: usize,
) -> anyhow::Result<Vec<Mode>> {
    let open = |s: usize| -> anyhow::Result<Box<dyn Client>> {
        let mut c = connect[s]()?;
        c.query("wet", 10)?;
        Ok(c)
    };
    let mut modes = Vec::new();

    let mut t = [Tally::default(), Tally::default()];
    for (w, chunk) in queries.chunks(WINDOW_ONE).enumerate() {
        for s in order(w) {
            let mut c = open(s)?;
            let start = Instant::now();
            for q in chunk {
                c.query(&q.query, 10)?;
            }
            t[s].add(chunk.len(), start.elapsed());
        }
    }
    modes.push(Mode {
        name: "1 client".to_string(),
        tallies: t,
    });

    for pooled in [false, true] {
        let mut t = [Tally::default(), Tally::default()];
        for w in 0..rounds * 2 {
            for s in order(w) {
                let make = |n: usize| (0..n).map(|_| open(s)).collect::<anyhow::Result<Vec<_>>>();
                let set = if pooled {
                    pool::pooled(make(cores)?, clients)
                } else {
                    make(clients)?
                };
                let (speed, _, _) = measure::run(set, queries, WINDOW_MANY, 10)?;
                t[s].add(speed.n, Duration::from_secs_f64(speed.n as f64 / speed.qps));
            }
        }
        let name = if pooled {
            format!("{clients} clients, {cores} workers")
        } else {
            format!("{clients} clients, direct")
        };
        modes.push(Mode { name, tallies: t });
    }
    Ok(modes)
}

/// The order of the contestants in window `w`: 0 1, then 1 0, and so on.
fn order(w: usize) -> [usize; 2] {
    if w.is_multiple_of(2) {
        [0, 1]
    } else {
        [1, 0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A client that notes which contestant asked what, in order.
    struct Noting {
        who: usize,
        log: Arc<Mutex<Vec<(usize, String)>>>,
    }

    impl Client for Noting {
        fn query(&mut self, q: &str, _k: usize) -> anyhow::Result<Vec<String>> {
            self.log.lock().unwrap().push((self.who, q.to_string()));
            Ok(Vec::new())
        }
    }

    fn items(n: usize) -> Vec<KnownItem> {
        (0..n)
            .map(|i| KnownItem {
                query: format!("q{i}"),
                answer: format!("a{i}"),
            })
            .collect()
    }

    #[test]
    fn the_order_flips_every_window() {
        assert_eq!(order(0), [0, 1]);
        assert_eq!(order(1), [1, 0]);
        assert_eq!(order(2), [0, 1]);
    }

    #[test]
    fn each_contestant_asks_every_query_once_at_one_client_in_flipped_windows() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let (la, lb) = (Arc::clone(&log), Arc::clone(&log));
        let a = move || -> anyhow::Result<Box<dyn Client>> {
            Ok(Box::new(Noting {
                who: 0,
                log: Arc::clone(&la),
            }))
        };
        let b = move || -> anyhow::Result<Box<dyn Client>> {
            Ok(Box::new(Noting {
                who: 1,
                log: Arc::clone(&lb),
            }))
        };
        let queries = items(250);
        let modes = ask([&a, &b], &queries, 1, 3, 2).unwrap();
        assert_eq!(
            modes.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
            ["1 client", "3 clients, direct", "3 clients, 2 workers"]
        );
        let one = &modes[0];
        assert_eq!(one.tallies[0].windows.len(), 3, "windows of 100, 100, 50");
        assert_eq!((one.tallies[0].n, one.tallies[1].n), (250, 250));
        for m in &modes[1..] {
            assert_eq!(m.tallies[0].windows.len(), 2, "{}", m.name);
            assert_eq!((m.tallies[0].n, m.tallies[1].n), (4000, 4000), "{}", m.name);
        }
        // The 1-client part of the log: per window, an untimed "wet" and
        // the window's queries, the contestants' order flipped each window.
        let log = log.lock().unwrap();
        let one_client: Vec<&(usize, String)> = log.iter().take(2 * (250 + 3)).collect();
        let firsts: Vec<usize> = one_client
            .iter()
            .filter(|(_, q)| q == "wet")
            .map(|(w, _)| *w)
            .collect();
        assert_eq!(firsts, [0, 1, 1, 0, 0, 1]);
        for who in 0..2 {
            let asked: Vec<&str> = one_client
                .iter()
                .filter(|(w, q)| *w == who && q != "wet")
                .map(|(_, q)| q.as_str())
                .collect();
            let expected: Vec<String> = queries.iter().map(|q| q.query.clone()).collect();
            assert_eq!(asked, expected, "contestant {who}");
        }
    }

    #[test]
    fn ratios_pair_the_windows_and_take_the_median() {
        let ms = Duration::from_millis;
        let mode = Mode {
            name: "1 client".into(),
            tallies: [
                Tally {
                    n: 300,
                    windows: vec![ms(10), ms(20), ms(30)],
                },
                Tally {
                    n: 300,
                    windows: vec![ms(1), ms(4), ms(6)],
                },
            ],
        };
        assert_eq!(mode.window_ratios(), [5.0, 5.0, 10.0]);
        assert_eq!(mode.median_ratio(), 5.0);
        assert!((mode.overall_ratio() - 60.0 / 11.0).abs() < 1e-9);
        let empty = Mode {
            name: "x".into(),
            tallies: [Tally::default(), Tally::default()],
        };
        assert_eq!(empty.median_ratio(), 0.0);
    }
}
