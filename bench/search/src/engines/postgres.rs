//! PostgreSQL full-text search with the `dutch` configuration.

use std::io::Write;

use postgres::{Client as PgClient, NoTls};

use crate::contestant::{Client, Contestant};
use crate::corpus::BenchDoc;

const TABLE: &str = "bench_search_docs";

/// A table with a weighted `tsvector` and a GIN index.
pub struct Postgres {
    url: String,
    threads: usize,
}

impl Postgres {
    /// A server at `url`, loaded with `threads` parallel COPY streams.
    pub fn new(url: String, threads: usize) -> Self {
        Postgres { url, threads }
    }

    /// Whether the server answers.
    pub fn reachable(url: &str) -> bool {
        PgClient::connect(url, NoTls).is_ok()
    }
}

fn copy_field(s: &str, out: &mut Vec<u8>) {
    for c in s.chars() {
        match c {
            '\\' => out.extend_from_slice(b"\\\\"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\0' => {}
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

impl Contestant for Postgres {
    fn name(&self) -> String {
        "PostgreSQL 15 FTS (dutch)".to_string()
    }

    fn index(&mut self, docs: &[BenchDoc]) -> anyhow::Result<()> {
        let mut c = PgClient::connect(&self.url, NoTls)?;
        c.batch_execute(&format!(
            "DROP TABLE IF EXISTS {TABLE};
             CREATE TABLE {TABLE} (
                 id text PRIMARY KEY, title text NOT NULL, summary text NOT NULL, body text NOT NULL,
                 tsv tsvector GENERATED ALWAYS AS (
                     setweight(to_tsvector('dutch', title), 'A') ||
                     setweight(to_tsvector('dutch', summary), 'B') ||
                     setweight(to_tsvector('dutch', body), 'C')) STORED);"
        ))?;
        let chunk = docs.len().div_ceil(self.threads.max(1)).max(1);
        std::thread::scope(|s| -> anyhow::Result<()> {
            let handles: Vec<_> = docs
                .chunks(chunk)
                .map(|part| {
                    let url = self.url.clone();
                    s.spawn(move || -> anyhow::Result<()> {
                        let mut c = PgClient::connect(&url, NoTls)?;
                        let mut w = c.copy_in(&format!(
                            "COPY {TABLE} (id, title, summary, body) FROM STDIN"
                        ))?;
                        let mut line = Vec::new();
                        for d in part {
                            line.clear();
                            for (i, f) in [&d.id, &d.title, &d.summary, &d.body]
                                .into_iter()
                                .enumerate()
                            {
                                if i > 0 {
                                    line.push(b'\t');
                                }
                                copy_field(f, &mut line);
                            }
                            line.push(b'\n');
                            w.write_all(&line)?;
                        }
                        w.finish()?;
                        Ok(())
                    })
                })
                .collect();
            for h in handles {
                h.join()
                    .map_err(|_| anyhow::anyhow!("COPY thread panicked"))??;
            }
            Ok(())
        })?;
        c.batch_execute(&format!(
            "SET maintenance_work_mem = '1GB';
             CREATE INDEX {TABLE}_tsv ON {TABLE} USING gin (tsv);"
        ))?;
        c.batch_execute(&format!("VACUUM ANALYZE {TABLE}"))?;
        Ok(())
    }

    /// A checkpoint: the table and its index, written by COPY and CREATE
    /// INDEX into shared buffers, go to disk now and not while the queries run.
    fn settle(&self) -> anyhow::Result<()> {
        let mut c = PgClient::connect(&self.url, NoTls)?;
        c.batch_execute("CHECKPOINT")?;
        Ok(())
    }

    fn size_bytes(&self) -> anyhow::Result<u64> {
        let mut c = PgClient::connect(&self.url, NoTls)?;
        let row = c.query_one(&format!("SELECT pg_total_relation_size('{TABLE}')"), &[])?;
        Ok(u64::try_from(row.get::<_, i64>(0))?)
    }

    fn client(&self) -> anyhow::Result<Box<dyn Client>> {
        let mut c = PgClient::connect(&self.url, NoTls)?;
        let stmt = c.prepare(&format!(
            "SELECT id FROM {TABLE}, plainto_tsquery('dutch', $1) q
             WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT $2"
        ))?;
        Ok(Box::new(PostgresClient { c, stmt }))
    }

    fn note(&self) -> String {
        "to_tsvector('dutch') weighted A/B/C, GIN, plainto_tsquery (AND), ts_rank".to_string()
    }
}

struct PostgresClient {
    c: PgClient,
    stmt: postgres::Statement,
}

impl Client for PostgresClient {
    fn query(&mut self, q: &str, k: usize) -> anyhow::Result<Vec<String>> {
        let rows = self.c.query(&self.stmt, &[&q, &(k as i64)])?;
        Ok(rows.into_iter().map(|r| r.get::<_, String>(0)).collect())
    }
}
