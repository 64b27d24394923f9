//! The longest posting lists decoded before anyone asks for them.
//!
//! The term cache decodes a list at its second use ([`super::term_cache`]),
//! and decoding costs in proportion to the list's length. The most frequent
//! words are in most queries and have the longest lists: on the laws corpus,
//! the 1,000 known-item queries after a warm-up of 200 still decoded 1.15
//! million postings, nine tenths of them of the text field, and that was a
//! fifth of their instructions. A server that has just started, or whose
//! index has just changed, paid it in its users' searches.
//!
//! So for each new generation of the index, a background thread decodes the
//! lists of the most frequent terms of the scored fields, in a cache of its
//! own, and hands them to the term cache when done ([`TermCache::adopt`]):
//! searches meanwhile run as before. The terms stay decoded (pinned) for the
//! generation, within half of the budget for decoded lists
//! ([`WARM_POSTINGS`]); the other half is left to what queries ask.
//! Function words that queries leave out are not decoded.
//!
//! Then it analyses the [`MAX_PREANALYSED_WORDS`] most frequent words of the
//! index ahead (stems, compounds, term lookups, see [`super::words`]) and
//! pins them for the generation. On the laws corpus the 1,000 known-item
//! queries after a warm-up of 200 still met 1,407 words for the first time,
//! and analysing a word (its compounds above all) was about a fifth of such a
//! search; two thirds of those words are among the 20,000 most frequent.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::build::{analyse_word, is_light, COMMON_FUNCTION_WORD_SHARE};
use super::term_cache::{TermCache, MAX_CACHED_TERMS, MAX_DECODED_DOCS, MAX_DECODED_POSTINGS};
use crate::compound::ExpansionCache;
use crate::schema::Fields;
use crate::vocabulary::SegmentVocabulary;

/// Postings decoded ahead per generation: half the budget (32 MB).
pub const WARM_POSTINGS: usize = MAX_DECODED_POSTINGS / 2;

/// Shortest list (in one segment) decoded ahead: a shorter one costs little
/// to read as it is, and an index with fewer documents is not warmed.
pub const MIN_WARM_DOCS: u32 = 256;

/// Most terms decoded ahead per generation.
pub const MAX_WARM_TERMS: usize = MAX_CACHED_TERMS / 10;

/// Most words analysed ahead per generation (see [`preanalyse`]).
pub const MAX_PREANALYSED_WORDS: usize = 20_000;

/// The fields whose longest lists are decoded ahead: the scored text.
fn decoded_fields(f: &Fields) -> [Field; 1] {
    [f.text]
}

/// The fields whose vocabularies the warm-up reads: every field a query
/// looks terms up in through the term cache, and the unstemmed words that a
/// word's compounds are found in (otherwise read by the first search of a
/// generation: about 170 ms on the laws index).
fn read_fields(f: &Fields) -> [Field; 3] {
    [f.text, f.title_pairs, f.words]
}

/// What a warm-up decoded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Warmed {
    /// The index generation it was for.
    pub generation: u64,
    /// Terms decoded.
    pub terms: usize,
    /// Their postings, over all segments.
    pub postings: usize,
    /// Bytes of the vocabularies read (see [`crate::vocabulary`]).
    pub vocabulary_bytes: usize,
    /// Words analysed ahead (see [`preanalyse`]).
    pub words: usize,
    /// Postings of their compounds' lists, joined ahead.
    pub joined: usize,
    /// Milliseconds it took.
    pub millis: u64,
}

/// The terms of `fields` to decode ahead: the most frequent first, within
/// [`WARM_POSTINGS`] and [`MAX_WARM_TERMS`]. Terms whose list is longer than
/// the cache keeps ([`MAX_DECODED_DOCS`]) or shorter than [`MIN_WARM_DOCS`]
/// in a segment are left out, and so are function words in half the
/// documents or more (queries leave those out). The terms are read from the
/// vocabularies `cache` keeps (read now where it has none yet).
pub fn candidates(cache: &TermCache, searcher: &Searcher, fields: &[Field]) -> Vec<Term> {
    let num_docs = searcher.num_docs();
    // Per term: documents over all segments; whether every segment keeps it.
    let mut found: HashMap<(Field, &[u8]), (u64, bool)> = HashMap::new();
    let vocabularies: Vec<(Field, Vec<Arc<SegmentVocabulary>>)> = fields
        .iter()
        .map(|&field| (field, cache.vocabularies().of(searcher, field)))
        .collect();
    for (field, segments) in &vocabularies {
        for vocabulary in segments {
            for (key, doc_freq) in vocabulary.with_prefix(b"") {
                if doc_freq < MIN_WARM_DOCS {
                    continue;
                }
                let entry = found.entry((*field, key)).or_insert((0, true));
                entry.0 += u64::from(doc_freq);
                entry.1 &= doc_freq <= MAX_DECODED_DOCS;
            }
        }
    }
    let mut ranked: Vec<(u64, Field, String)> = found
        .into_iter()
        .filter(|(_, (_, kept))| *kept)
        .filter_map(|((field, key), (doc_freq, _))| {
            let text = String::from_utf8(key.to_vec()).ok()?;
            let left_out =
                is_light(&text) && doc_freq as f64 >= COMMON_FUNCTION_WORD_SHARE * num_docs as f64;
            (!left_out).then_some((doc_freq, field, text))
        })
        .collect();
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    let mut postings = 0;
    let mut out = Vec::new();
    for (doc_freq, field, text) in ranked {
        if out.len() >= MAX_WARM_TERMS {
            break;
        }
        let Ok(n) = usize::try_from(doc_freq) else {
            continue;
        };
        if postings + n > WARM_POSTINGS {
            continue;
        }
        postings += n;
        out.push(Term::from_field_text(field, &text));
    }
    out
}

/// Warms `cache` for the generation of `searcher` in the index's fields
/// `f`: the vocabularies and lists of [`warm_lists`], then the words of
/// [`preanalyse`]. `None` when the index moved on to a later generation
/// before it was done.
pub fn warm(cache: &TermCache, searcher: &Searcher, f: &Fields) -> tantivy::Result<Option<Warmed>> {
    let started = Instant::now();
    let Some(mut warmed) = warm_lists(cache, searcher, &decoded_fields(f), &read_fields(f))? else {
        return Ok(None);
    };
    let Some((words, joined)) = preanalyse(cache, searcher, f)? else {
        return Ok(None);
    };
    warmed.words = words;
    warmed.joined = joined;
    warmed.millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(Some(warmed))
}

/// Reads the vocabularies of `read` into `cache` (its lookups in those
/// fields then skip the FST), decodes the [`candidates`] of `fields` for the
/// generation of `searcher` and hands them to `cache`. `None` when the index
/// moved on to a later generation before it was done (nothing is then
/// handed over).
pub fn warm_lists(
    cache: &TermCache,
    searcher: &Searcher,
    fields: &[Field],
    read: &[Field],
) -> tantivy::Result<Option<Warmed>> {
    let started = Instant::now();
    let generation = searcher.generation().generation_id();
    let own = TermCache::default();
    let mut warmed = Warmed {
        generation,
        ..Warmed::default()
    };
    for &field in read {
        warmed.vocabulary_bytes += cache
            .vocabularies()
            .of(searcher, field)
            .iter()
            .map(|v| v.heap_bytes())
            .sum::<usize>();
    }
    for term in candidates(cache, searcher, fields) {
        if cache.generation() > generation {
            return Ok(None);
        }
        warmed.postings += own.decode_ahead(searcher, &term)?;
        warmed.terms += 1;
    }
    if !cache.adopt(own, generation) {
        return Ok(None);
    }
    warmed.millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(Some(warmed))
}

/// The words of the `words` vocabulary of `searcher`, most documents first,
/// at most `limit`.
fn frequent_words(cache: &TermCache, searcher: &Searcher, f: &Fields, limit: usize) -> Vec<String> {
    let mut found: HashMap<&[u8], u64> = HashMap::new();
    let vocabularies = cache.vocabularies().of(searcher, f.words);
    for vocabulary in &vocabularies {
        for (key, doc_freq) in vocabulary.with_prefix(b"") {
            *found.entry(key).or_insert(0) += u64::from(doc_freq);
        }
    }
    let mut ranked: Vec<(u64, &[u8])> = found.into_iter().map(|(k, n)| (n, k)).collect();
    let limit = limit.min(ranked.len());
    if limit == 0 {
        return Vec::new();
    }
    // Only the first `limit` need an order among themselves.
    ranked.select_nth_unstable_by(limit - 1, |a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    ranked.truncate(limit);
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    ranked
        .into_iter()
        .filter_map(|(_, k)| String::from_utf8(k.to_vec()).ok())
        .collect()
}

/// Analyses the [`MAX_PREANALYSED_WORDS`] most frequent words of the index
/// as a query word is analysed, with the terms looked up in `cache`, and
/// pins them in its word cache for the generation of `searcher`. Returns how
/// many words, and how many postings their joined compounds took; `None`
/// when the index moved on to a later generation first (it stops there, so
/// that its lookups do not pull the cache back to the older generation).
pub fn preanalyse(
    cache: &TermCache,
    searcher: &Searcher,
    f: &Fields,
) -> tantivy::Result<Option<(usize, usize)>> {
    let generation = searcher.generation().generation_id();
    // Its own: the expansions end up in the pinned words, and the shared
    // cache is left to what queries ask.
    let expansions = ExpansionCache::default();
    let (mut pinned, mut joined) = (0, 0);
    for word in frequent_words(cache, searcher, f, MAX_PREANALYSED_WORDS) {
        if cache.generation() > generation {
            return Ok(None);
        }
        let info = analyse_word(&word, searcher, f, &expansions, cache, true)?;
        if let Some(compounds) = &info.terms.joined {
            joined += compounds.prepare(searcher)?;
        }
        if !cache
            .words()
            .pin(generation, &word, std::sync::Arc::new(info))
        {
            return Ok(None);
        }
        pinned += 1;
    }
    Ok(Some((pinned, joined)))
}

/// Starts a warm-up in the background for each new generation that a search
/// meets, and remembers the last one done.
#[derive(Default)]
pub struct Warmer {
    /// The generation of the last warm-up started, plus one (0: none yet).
    started: AtomicU64,
    done: Arc<Mutex<Option<Warmed>>>,
}

impl Warmer {
    /// Starts warming `cache` for the generation of `searcher` on a thread of
    /// its own, unless one was started for it already or the index has fewer
    /// than [`MIN_WARM_DOCS`] documents. Cheap when there is nothing to do.
    pub fn start(&self, cache: &Arc<TermCache>, searcher: &Searcher, fields: Fields) {
        let next = searcher.generation().generation_id().saturating_add(1);
        let before = self.started.load(Ordering::Relaxed);
        if before == next
            || searcher.num_docs() < u64::from(MIN_WARM_DOCS)
            || self
                .started
                .compare_exchange(before, next, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            return;
        }
        let (cache, searcher) = (cache.clone(), searcher.clone());
        let done = self.done.clone();
        let spawned = std::thread::Builder::new()
            .name("zoekindex-opwarmen".into())
            .spawn(move || match warm(&cache, &searcher, &fields) {
                Ok(Some(w)) => {
                    tracing::info!(
                        generation = w.generation,
                        terms = w.terms,
                        postings = w.postings,
                        vocabulary_bytes = w.vocabulary_bytes,
                        words = w.words,
                        ms = w.millis,
                        "zoekindex opgewarmd"
                    );
                    *done.lock().unwrap_or_else(|p| p.into_inner()) = Some(w);
                }
                Ok(None) => tracing::debug!("opwarmen ingehaald door een nieuwere zoekindex"),
                Err(e) => tracing::warn!(error = %e, "zoekindex niet opgewarmd"),
            });
        if let Err(e) = spawned {
            // Searches work without it; the next generation tries again.
            tracing::warn!(error = %e, "opwarmen van de zoekindex niet gestart");
        }
    }

    /// Warms `cache` for the generation of `searcher` now, on this thread
    /// (when the index opens: it then answers its first search warm), and
    /// marks that generation as started so that no search starts it again.
    /// Nothing for an index of fewer than [`MIN_WARM_DOCS`] documents.
    pub fn run_now(
        &self,
        cache: &TermCache,
        searcher: &Searcher,
        fields: &Fields,
    ) -> tantivy::Result<Option<Warmed>> {
        if searcher.num_docs() < u64::from(MIN_WARM_DOCS) {
            return Ok(None);
        }
        let next = searcher.generation().generation_id().saturating_add(1);
        self.started.store(next, Ordering::Relaxed);
        let warmed = warm(cache, searcher, fields)?;
        if let Some(w) = warmed {
            *self.done.lock().unwrap_or_else(|p| p.into_inner()) = Some(w);
        }
        Ok(warmed)
    }

    /// The last warm-up that was handed over.
    pub fn last(&self) -> Option<Warmed> {
        *self.done.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SearchDoc, SearchIndex, SearchRequest};

    /// An index of twice [`MIN_WARM_DOCS`] documents, committed: the `i`th
    /// titled `{title} {i}`, with `body(i)`.
    fn index_of(title: &str, body: impl Fn(usize) -> String) -> SearchIndex {
        let index = SearchIndex::in_memory().expect("index");
        for i in 0..2 * MIN_WARM_DOCS as usize {
            index
                .upsert(&SearchDoc {
                    id: format!("r{i}"),
                    title: format!("{title} {i}"),
                    body: body(i),
                    ..SearchDoc::default()
                })
                .expect("upsert");
        }
        index.commit().expect("commit");
        index
    }

    #[test]
    fn the_warm_up_reads_the_vocabulary_that_compounds_are_found_in() {
        let index = index_of("Regeling", |_| {
            "Over schuldhulpverlening in de gemeente.".into()
        });
        let searcher = index.searcher();
        let kept = |field| {
            searcher.segment_readers().iter().all(|r| {
                index
                    .terms
                    .vocabularies()
                    .kept(r.segment_id(), field)
                    .is_some()
            })
        };
        assert!(!kept(index.fields.words));
        index.warm_now().expect("warm").expect("warmed");
        // The first search of a word no longer reads the whole vocabulary.
        assert!(kept(index.fields.words));
        assert!(kept(index.fields.text));
        let found = index
            .search(&SearchRequest {
                query: "schuldhulp".into(),
                ..Default::default()
            })
            .expect("search");
        assert_eq!(found.total, u64::from(2 * MIN_WARM_DOCS));
    }

    /// Ids and scores of the first page.
    fn page(index: &SearchIndex, query: &str) -> Vec<(String, u32)> {
        let found = index
            .search(&SearchRequest {
                query: query.into(),
                ..Default::default()
            })
            .expect("search");
        found
            .hits
            .iter()
            .map(|h| (h.id.clone(), (h.score * 1000.0) as u32))
            .collect()
    }

    #[test]
    fn words_analysed_ahead_find_what_words_analysed_at_the_query_find() {
        let bodies = [
            "Over schuldhulpverlening in de gemeente.",
            "Mantelzorgers in de gemeente krijgen steun.",
            "Jeugdhulp en jeugdhulpverleners, niet zonder gemeente.",
        ];
        let index = index_of("Regeling", |i| bodies[i % bodies.len()].repeat(1 + i % 4));
        let warmed = index.warm_now().expect("warm").expect("warmed");
        let pinned = index.terms.words().pinned();
        // Every word of this small vocabulary: 512 numbers and 15 words.
        assert_eq!(warmed.words, pinned);
        assert!(pinned > 2 * MIN_WARM_DOCS as usize, "{pinned} pinned");
        // A capitalised word is served by its pinned lowercase form.
        let generation = index.searcher().generation().generation_id();
        let mut analysed = false;
        let info = index
            .terms
            .words()
            .get_or_analyse(generation, "Gemeente", || {
                analysed = true;
                Ok(Default::default())
            })
            .expect("word");
        assert!(!analysed);
        assert_eq!(info.folded, "gemeente");
        let queries = [
            "gemeente",
            "Mantelzorgers gemeente",
            "schuldhulp",
            "JEUGDHULP niet",
            "regeling 17",
        ];
        let ahead: Vec<_> = queries.iter().map(|q| page(&index, q)).collect();
        // The same searches with every word analysed at the query.
        index.terms.words().forget();
        let at_query: Vec<_> = queries.iter().map(|q| page(&index, q)).collect();
        assert_eq!(index.terms.words().pinned(), 0);
        assert!(ahead.iter().all(|p| !p.is_empty()), "{ahead:?}");
        assert_eq!(ahead, at_query);
    }

    #[test]
    fn the_terms_of_words_analysed_ahead_stay_when_the_term_cache_starts_over() {
        let index = index_of("Besluit", |_| "Jeugdhulp en jeugdhulpverleners.".into());
        index.warm_now().expect("warm").expect("warmed");
        let (_, pinned) = index.terms.kept_terms();
        assert!(pinned > 2 * MIN_WARM_DOCS as usize, "{pinned} pinned");
        let searcher = index.searcher();
        for i in 0..MAX_CACHED_TERMS + 10 {
            index.terms.doc_freq(
                &searcher,
                &Term::from_field_text(index.fields.text, &format!("zzz{i}")),
            );
        }
        let (kept, still) = index.terms.kept_terms();
        assert_eq!(still, pinned);
        assert!(kept < pinned + MAX_CACHED_TERMS, "{kept} kept");
        assert!(kept > pinned, "the cache started over and filled again");
    }

    #[test]
    fn words_are_not_analysed_ahead_for_a_generation_the_index_has_left() {
        let index = index_of("Regeling", |_| "Over mantelzorgers.".into());
        let before = index.searcher();
        index
            .upsert(&SearchDoc {
                id: "nieuw".into(),
                title: "Nieuw".into(),
                body: "Over mantelzorg.".into(),
                ..SearchDoc::default()
            })
            .expect("upsert");
        index.commit().expect("commit");
        let after = index.searcher();
        assert!(!page(&index, "mantelzorgers").is_empty());
        let current = after.generation().generation_id();
        assert_eq!(index.terms.generation(), current);
        assert_eq!(
            preanalyse(&index.terms, &before, &index.fields).expect("read"),
            None
        );
        // The cache stays with the current generation.
        assert_eq!(index.terms.generation(), current);
    }
}
