//! What a contestant is: something that indexes the corpus and answers queries.

use crate::corpus::BenchDoc;

/// A search engine under test.
pub trait Contestant {
    /// Short name for the report.
    fn name(&self) -> String;
    /// Builds the index of `docs` from scratch, until it is searchable.
    fn index(&mut self, docs: &[BenchDoc]) -> anyhow::Result<()>;
    /// Writes out what indexing left in memory to be written later (a
    /// database's dirty buffers), before the queries are measured. The
    /// harness also flushes the machine's dirty pages (`sync`) after it.
    fn settle(&self) -> anyhow::Result<()> {
        Ok(())
    }
    /// Bytes the index takes.
    fn size_bytes(&self) -> anyhow::Result<u64>;
    /// A client for one thread.
    fn client(&self) -> anyhow::Result<Box<dyn Client>>;
    /// A client that asks for a whole result page (facets, snippets), if the
    /// contestant has such a thing.
    fn page_client(&self) -> Option<anyhow::Result<Box<dyn Client>>> {
        None
    }
    /// A client for the cheapest answer of the same server (the HTTP floor:
    /// what any request costs there), if the contestant is a server.
    fn floor_client(&self) -> Option<anyhow::Result<Box<dyn Client>>> {
        None
    }
    /// What `client` asks for, when there is also a `page_client`.
    fn variant(&self) -> &'static str {
        ""
    }
    /// Whether this is watwerkt (the others are the peers).
    fn ours(&self) -> bool {
        false
    }
    /// A note for the report (what the engine does differently).
    fn note(&self) -> String {
        String::new()
    }
}

/// One client: answers a query with the ids of the top `k` documents, best first.
pub trait Client: Send {
    /// Runs one query.
    fn query(&mut self, q: &str, k: usize) -> anyhow::Result<Vec<String>>;
}

/// Size of a directory tree.
pub fn dir_size(path: &std::path::Path) -> anyhow::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            dir_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}
