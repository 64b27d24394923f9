//! The laws corpus and the known-item queries it gives.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::Context;

/// One document as every contestant indexes it.
#[derive(Debug, Clone)]
pub struct BenchDoc {
    /// BWB id.
    pub id: String,
    /// The citeertitel when the law has one, else the official title.
    pub title: String,
    /// The official title when the citeertitel is the title, else empty.
    pub summary: String,
    /// The text, without its leading HTML meta line.
    pub body: String,
}

#[derive(serde::Deserialize)]
struct RawLaw {
    id: String,
    title: String,
    citeertitel: Option<String>,
    text: String,
}

/// A known-item query: the citeertitel, answered by its own document.
#[derive(Debug, Clone)]
pub struct KnownItem {
    /// The query.
    pub query: String,
    /// The id that answers it.
    pub answer: String,
}

/// Reads the zstd-compressed JSON lines; `limit` caps the number of documents.
pub fn read(path: &Path, limit: Option<usize>) -> anyhow::Result<(Vec<BenchDoc>, Vec<KnownItem>)> {
    let file = std::fs::File::open(path).with_context(|| format!("open {}", path.display()))?;
    let reader = BufReader::new(zstd::stream::read::Decoder::new(file)?);
    let mut docs = Vec::new();
    let mut items = Vec::new();
    for line in reader.lines() {
        if limit.is_some_and(|l| docs.len() >= l) {
            break;
        }
        let raw: RawLaw = serde_json::from_str(&line?)?;
        let body = match raw.text.strip_prefix("<meta") {
            Some(rest) => rest.split_once('\n').map_or("", |(_, b)| b).to_string(),
            None => raw.text,
        };
        let cite = raw
            .citeertitel
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        let (title, summary) = match &cite {
            Some(c) => (c.clone(), raw.title),
            None => (raw.title, String::new()),
        };
        if let Some(c) = cite {
            items.push(KnownItem {
                query: c,
                answer: raw.id.clone(),
            });
        }
        docs.push(BenchDoc {
            id: raw.id,
            title,
            summary,
            body,
        });
    }
    // A citeertitel shared by several documents has no single answer: left out.
    let mut count: HashMap<String, usize> = HashMap::new();
    for i in &items {
        *count.entry(i.query.to_lowercase()).or_default() += 1;
    }
    items.retain(|i| count.get(&i.query.to_lowercase()) == Some(&1));
    Ok((docs, items))
}

/// `n` items chosen by a fixed seed (a xorshift shuffle), so every run asks the same.
pub fn choose(items: &[KnownItem], n: usize, seed: u64) -> Vec<KnownItem> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    let mut state = seed.max(1);
    for i in (1..idx.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
        idx.swap(i, j);
    }
    idx.into_iter().take(n).map(|i| items[i].clone()).collect()
}
