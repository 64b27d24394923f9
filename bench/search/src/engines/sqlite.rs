//! SQLite FTS5 (bundled SQLite) on the same texts.

use std::path::PathBuf;

use rusqlite::{params, Connection, OpenFlags};

use crate::contestant::{Client, Contestant};
use crate::corpus::BenchDoc;

/// An FTS5 table in a database file.
pub struct Sqlite {
    path: PathBuf,
}

impl Sqlite {
    /// A database at `path` (replaced).
    pub fn new(path: PathBuf) -> Self {
        Sqlite { path }
    }
}

/// User text → an FTS5 expression of quoted words (implicit AND): no syntax
/// from the user reaches FTS5.
pub fn match_expr(q: &str) -> String {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Contestant for Sqlite {
    fn name(&self) -> String {
        "SQLite FTS5".to_string()
    }

    fn index(&mut self, docs: &[BenchDoc]) -> anyhow::Result<()> {
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", self.path.display()));
            if p.exists() {
                std::fs::remove_file(p)?;
            }
        }
        let mut conn = Connection::open(&self.path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144;
             CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, summary, body,
                 tokenize = 'unicode61 remove_diacritics 2');",
        )?;
        let tx = conn.transaction()?;
        {
            let mut insert =
                tx.prepare("INSERT INTO docs (id, title, summary, body) VALUES (?1, ?2, ?3, ?4)")?;
            for d in docs {
                insert.execute(params![d.id, d.title, d.summary, d.body])?;
            }
        }
        tx.commit()?;
        conn.execute_batch(
            "INSERT INTO docs(docs) VALUES('optimize'); PRAGMA wal_checkpoint(TRUNCATE);",
        )?;
        Ok(())
    }

    fn size_bytes(&self) -> anyhow::Result<u64> {
        Ok(std::fs::metadata(&self.path)?.len())
    }

    fn client(&self) -> anyhow::Result<Box<dyn Client>> {
        let conn = Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        Ok(Box::new(SqliteClient { conn }))
    }

    fn note(&self) -> String {
        "unicode61 + diacritics removed (FTS5 has no Dutch stemmer); bm25 title×3/summary×2/body; AND".to_string()
    }
}

struct SqliteClient {
    conn: Connection,
}

impl Client for SqliteClient {
    fn query(&mut self, q: &str, k: usize) -> anyhow::Result<Vec<String>> {
        let expr = match_expr(q);
        if expr.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs, 0.0, 3.0, 2.0, 1.0) LIMIT ?2",
        )?;
        let ids = stmt
            .query_map(params![expr, k as i64], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids)
    }
}
