//! Query words analysed once per index generation.
//!
//! Analysing a word means stemming and folding it, finding the compounds it
//! starts and asking whether it is a function word in most documents. The
//! answer depends only on the word as typed and on the index generation, and
//! people type the same words again and again, so [`WordCache`] keeps it: a
//! query then looks each word up once instead of running two analyzers and
//! reading the term dictionary for it. The warm-up analyses the index's most
//! frequent words ahead and pins them for the generation (see
//! [`super::warm`]), so that a word's first search is mostly not the first
//! time it is analysed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::compounds::CompoundTerms;
use super::term_cache::ResolvedTerm;

/// Words kept per generation besides the pinned ones; the cache starts over
/// beyond this.
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

#[derive(Default)]
struct Inner {
    generation: u64,
    /// Analysed at a query, by the word as typed.
    recent: Words,
    /// Analysed ahead by the warm-up (see [`super::warm`]), by the word in
    /// lowercase: kept for the whole generation.
    pinned: Words,
}

impl Inner {
    fn follow(&mut self, generation: u64) {
        if self.generation != generation {
            *self = Inner {
                generation,
                ..Inner::default()
            };
        }
    }

    fn get(&self, generation: u64, typed: &str) -> Option<Arc<WordInfo>> {
        if self.generation != generation {
            return None;
        }
        if let Some(found) = self.recent.get(typed) {
            return Some(found.clone());
        }
        if self.pinned.is_empty() {
            return None;
        }
        // Both analyzers lowercase first, so a word means what its
        // lowercase form means.
        if typed.chars().any(char::is_uppercase) {
            self.pinned.get(&typed.to_lowercase()).cloned()
        } else {
            self.pinned.get(typed).cloned()
        }
    }
}

/// Analysed words of the current index generation, by the word as typed.
#[derive(Default)]
pub struct WordCache {
    inner: Mutex<Inner>,
}

impl WordCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The analysis of `typed` in `generation`: from the cache, or made by
    /// `analyse` and kept (a failed analysis is not kept).
    pub fn get_or_analyse(
        &self,
        generation: u64,
        typed: &str,
        analyse: impl FnOnce() -> tantivy::Result<WordInfo>,
    ) -> tantivy::Result<Arc<WordInfo>> {
        if let Some(found) = self.lock().get(generation, typed) {
            return Ok(found);
        }
        let info = Arc::new(analyse()?);
        let mut inner = self.lock();
        inner.follow(generation);
        if inner.recent.len() >= MAX_CACHED_WORDS {
            inner.recent.clear();
        }
        inner.recent.insert(typed.to_string(), info.clone());
        Ok(info)
    }

    /// Keeps `info`, the analysis of the lowercase word `word` in
    /// `generation`, for that whole generation. Nothing is kept when the
    /// cache has moved on to a later generation; returns whether it was.
    pub fn pin(&self, generation: u64, word: &str, info: Arc<WordInfo>) -> bool {
        let mut inner = self.lock();
        if inner.generation > generation {
            return false;
        }
        inner.follow(generation);
        inner.pinned.insert(word.to_string(), info);
        true
    }

    /// Words pinned in the current generation.
    pub fn pinned(&self) -> usize {
        self.lock().pinned.len()
    }

    /// Lets go of every word (and so of the terms and segments they hold).
    pub fn forget(&self) {
        *self.lock() = Inner::default();
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

    #[test]
    fn a_pinned_word_serves_its_capitalised_form_until_the_generation_changes() {
        let cache = WordCache::default();
        let info = |w: &str| {
            Arc::new(WordInfo {
                folded: w.into(),
                stems: vec![w.into()],
                ..Default::default()
            })
        };
        assert!(cache.pin(3, "wet", info("wet")));
        let mut analysed = Vec::new();
        let mut get = |generation: u64, typed: &str| {
            cache
                .get_or_analyse(generation, typed, || {
                    analysed.push(typed.to_string());
                    Ok(WordInfo::default())
                })
                .map(|i| i.folded.clone())
                .unwrap_or_default()
        };
        assert_eq!(get(3, "wet"), "wet");
        assert_eq!(get(3, "Wet"), "wet");
        assert_eq!(get(3, "WET"), "wet");
        // Another word is analysed; a new generation drops the pinned ones.
        assert_eq!(get(3, "zorg"), "");
        assert_eq!(get(4, "wet"), "");
        assert_eq!(analysed, ["zorg", "wet"]);
        // An older generation's warm-up pins nothing.
        assert!(!cache.pin(3, "wet", info("wet")));
        assert_eq!(cache.pinned(), 0);
    }
}
