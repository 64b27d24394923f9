//! watwerkt's own engine, called in-process (the HTTP API joins later as its
//! own contestant).

use std::path::PathBuf;
use std::sync::Arc;

use watwerkt_search::{IndexOptions, Kind, SearchDoc, SearchIndex, SearchRequest};

use crate::contestant::{dir_size, Client, Contestant};
use crate::corpus::BenchDoc;

/// The tantivy index of the `search` crate.
pub struct Watwerkt {
    dir: PathBuf,
    threads: usize,
    index: Option<Arc<SearchIndex>>,
}

impl Watwerkt {
    /// An index in `dir`, written with `threads` threads.
    pub fn new(dir: PathBuf, threads: usize) -> Self {
        Watwerkt {
            dir,
            threads,
            index: None,
        }
    }
}

fn to_search_doc(d: &BenchDoc) -> SearchDoc {
    SearchDoc {
        id: d.id.clone(),
        kind: Kind::Publication,
        title: d.title.clone(),
        summary: d.summary.clone(),
        body: d.body.clone(),
        themes: Vec::new(),
        groups: Vec::new(),
        rating: None,
        date: None,
        url: format!("/publicaties/{}", d.id),
        ..SearchDoc::default()
    }
}

impl Contestant for Watwerkt {
    fn name(&self) -> String {
        "watwerkt (tantivy, in-process)".to_string()
    }

    fn index(&mut self, docs: &[BenchDoc]) -> anyhow::Result<()> {
        let options = IndexOptions {
            threads: self.threads,
            memory_bytes: 512_000_000 * self.threads,
            ..IndexOptions::default()
        };
        let index = SearchIndex::create_with(&self.dir, 1, options)?;
        index.rebuild(docs.iter().map(to_search_doc))?;
        self.index = Some(Arc::new(index));
        Ok(())
    }

    fn size_bytes(&self) -> anyhow::Result<u64> {
        dir_size(&self.dir)
    }

    fn client(&self) -> anyhow::Result<Box<dyn Client>> {
        let index = self
            .index
            .clone()
            .ok_or_else(|| anyhow::anyhow!("not indexed"))?;
        Ok(Box::new(WatwerktClient { index, page: false }))
    }

    fn page_client(&self) -> Option<anyhow::Result<Box<dyn Client>>> {
        let index = self.index.clone()?;
        Some(Ok(Box::new(WatwerktClient { index, page: true })))
    }

    fn ours(&self) -> bool {
        true
    }

    fn variant(&self) -> &'static str {
        "items only (no facets, no snippets)"
    }

    fn note(&self) -> String {
        "our Dutch analyzer; every word required except function words found in most documents; \
         BM25F over all text (title ×3, summary ×2, body) + title-phrase bonus; compound expansion"
            .to_string()
    }
}

struct WatwerktClient {
    index: Arc<SearchIndex>,
    page: bool,
}

impl Client for WatwerktClient {
    fn query(&mut self, q: &str, k: usize) -> anyhow::Result<Vec<String>> {
        let req = SearchRequest {
            query: q.to_string(),
            per_page: k,
            facets: self.page,
            snippets: self.page,
            ..Default::default()
        };
        Ok(self
            .index
            .search(&req)?
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect())
    }
}
