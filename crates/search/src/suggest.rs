//! Suggestions while typing: titles that continue the input, and words of the
//! index that complete its last word.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::PhrasePrefixQuery;
use tantivy::Term;

use crate::analysis::{terms_with, words_analyzer};
use crate::doc::Kind;
use crate::hits::HitReader;
use crate::index::SearchIndex;

/// The most suggestions returned.
pub const MAX_SUGGESTIONS: usize = 20;
/// Input beyond this many characters is ignored.
pub const MAX_PREFIX_CHARS: usize = 100;

/// What a suggestion points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuggestionTarget {
    /// An item whose title continues the input.
    Item {
        /// Kind.
        kind: Kind,
        /// Id within the kind.
        id: String,
        /// Link.
        url: String,
    },
    /// A query: the input with its last word completed.
    Query,
}

/// One suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Text to show (a title or a query).
    pub text: String,
    /// What choosing it does.
    pub target: SuggestionTarget,
}

impl SearchIndex {
    /// Up to `n` suggestions for what has been typed so far: titles first, then
    /// completions of the last word by how many items contain them.
    pub fn suggest(&self, input: &str, n: usize) -> crate::Result<Vec<Suggestion>> {
        let n = n.min(MAX_SUGGESTIONS);
        let input: String = input.chars().take(MAX_PREFIX_CHARS).collect();
        let words = terms_with(&mut words_analyzer(), &input);
        let Some(last) = words.last() else {
            return Ok(Vec::new());
        };
        if n == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.searcher();
        let mut out = Vec::new();

        let terms: Vec<Term> = words
            .iter()
            .take(8)
            .map(|w| Term::from_field_text(self.fields.title_words, w))
            .collect();
        let mut titles = PhrasePrefixQuery::new(terms);
        titles.set_max_expansions(64);
        let reader = HitReader::new(&searcher, &self.columns, None)?;
        for (score, addr) in searcher.search(&titles, &TopDocs::with_limit(n).order_by_score())? {
            let hit = reader.hit(addr, score)?;
            out.push(Suggestion {
                text: hit.title,
                target: SuggestionTarget::Item {
                    kind: hit.kind,
                    id: hit.id,
                    url: hit.url,
                },
            });
        }

        let head = words[..words.len() - 1].join(" ");
        let mut completions: HashMap<String, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.words)?;
            let Ok(mut stream) = inverted.terms().range().ge(last.as_bytes()).into_stream() else {
                continue;
            };
            let mut scanned = 0;
            while stream.advance() && scanned < 2_000 {
                scanned += 1;
                if !stream.key().starts_with(last.as_bytes()) {
                    break;
                }
                if let Ok(t) = std::str::from_utf8(stream.key()) {
                    *completions.entry(t.to_string()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
        let mut ranked: Vec<(String, u64)> = completions.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let room = n.saturating_sub(out.len()).max(n / 2);
        for (word, _) in ranked.into_iter().take(room) {
            let text = if head.is_empty() {
                word
            } else {
                format!("{head} {word}")
            };
            out.push(Suggestion {
                text,
                target: SuggestionTarget::Query,
            });
        }
        out.truncate(n);
        Ok(out)
    }
}
