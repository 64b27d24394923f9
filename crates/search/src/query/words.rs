//! Query words analysed once per index generation.
//!
//! Analysing a word means stemming and folding it, finding the compounds it
//! starts and asking whether it is a function word in most documents. The
//! answer depends only on the word as typed and on the index generation, and
//! people type the same words again and again, so [`WordCache`] keeps it: a
//! query then looks each word up once instead of running two analyzers and
//! reading the term dictionary for it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::compounds::CompoundTerms;
use super::term_cache::ResolvedTerm;

/// Words kept per generation; the cache starts over beyond this.
pub const MAX_CACHED_WORDS: usize = 50_000;

/// What a query word means for the index.
#[derive(Debug, Default)]
pub struct WordInfo {
    /// Lowercase, folded, unstemmed.
    pub folded: String,
    /// Its stemmed terms (usually one; none for a word the analyzer drops).
    pub stems: Vec<String>,
    /// Stems of the compounds it starts.
    pub expansions: Arc<Vec<String>>,
    /// A function word in most documents: it adds almost nothing to BM25, so in
    /// a query with other words it only counts inside phrases.
    pub common: bool,
    /// Its terms, looked up in the generation it was analysed in.
    pub terms: WordTerms,
}

/// A word's terms, looked up once (see [`ResolvedTerm`]).
#[derive(Debug, Default, Clone)]
pub struct WordTerms {
    /// Its stems in the text (as [`WordInfo::stems`]).
    pub text: Vec<ResolvedTerm>,
    /// The stems of its compounds in the text (the expansions that are not
    /// stems, in order).
    pub compounds: Vec<ResolvedTerm>,
    /// The same compounds to be read as one list, when they are few enough
    /// (see [`CompoundTerms::join`]).
    pub joined: Option<Arc<CompoundTerms>>,
}

impl WordInfo {
    /// Whether the word can be searched at all.
    pub fn searchable(&self) -> bool {
        !self.stems.is_empty() && !self.folded.is_empty()
    }
}

/// A fast hash with a random seed per process (words come from anyone).
type Hasher = foldhash::fast::RandomState;

/// The words of one generation, by the word as typed.
type Words = HashMap<String, Arc<WordInfo>, Hasher>;

/// Analysed words of the current index generation, by the word as typed.
#[derive(Default)]
pub struct WordCache {
    inner: Mutex<(u64, Words)>,
}

impl WordCache {
    /// The analysis of `typed` in `generation`: from the cache, or made by
    /// `analyse` and kept (a failed analysis is not kept).
    pub fn get_or_analyse(
        &self,
        generation: u64,
        typed: &str,
        analyse: impl FnOnce() -> tantivy::Result<WordInfo>,
    ) -> tantivy::Result<Arc<WordInfo>> {
        {
            let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            if guard.0 == generation {
                if let Some(found) = guard.1.get(typed) {
                    return Ok(found.clone());
                }
            }
        }
        let info = Arc::new(analyse()?);
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if guard.0 != generation || guard.1.len() >= MAX_CACHED_WORDS {
            guard.0 = generation;
            guard.1.clear();
        }
        guard.1.insert(typed.to_string(), info.clone());
        Ok(info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_analysed_once_per_generation() {
        let cache = WordCache::default();
        let mut calls = 0;
        let mut get = |generation: u64, word: &str| {
            cache
                .get_or_analyse(generation, word, || {
                    calls += 1;
                    Ok(WordInfo {
                        folded: word.to_lowercase(),
                        stems: vec![word.to_lowercase()],
                        ..Default::default()
                    })
                })
                .unwrap_or_default()
        };
        assert_eq!(get(1, "Wet").folded, "wet");
        assert_eq!(get(1, "Wet").folded, "wet");
        assert_eq!(get(1, "zorg").folded, "zorg");
        // A new generation (a commit) analyses again.
        assert_eq!(get(2, "Wet").folded, "wet");
        assert_eq!(calls, 3);
    }
}
