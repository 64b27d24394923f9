//! Compound parts: a query word also matches the compounds it starts.
//!
//! At query time, the word (lowercase, folded) is looked up as a prefix in the
//! unstemmed `words` vocabulary of the index. A longer term counts as a compound
//! of it only when what follows — after an optional linking `s`, `e` or `en` — is
//! at least 4 letters and is a word itself: in the index's own vocabulary, or in
//! the small [`crate::lexicon`] of heads. So `schuldhulp` expands to
//! `schuldhulpverlening` and `jeugdhulp` to `jeugdhulpverlener`, while `gemeen`
//! does not expand to `gemeente` (`te` is too short) and `zorg` not to
//! `zorgvuldig` (`vuldig` is no word). The compounds' stems are then matched in
//! the text like the word itself, at a low weight, so exact matches rank first
//! and a compound in a title still counts as a title match.
//!
//! Words under 4 letters, function words and very common words (see
//! [`COMMON_SHARE`]) are not expanded. At most
//! [`MAX_EXPANSIONS`] compounds per word are used, the most frequent first; the
//! result is cached per index generation.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::schema::Field;
use tantivy::Searcher;

use crate::lexicon::is_head;
use crate::vocabulary::{SegmentVocabulary, Vocabularies};

/// Compounds used per query word.
pub const MAX_EXPANSIONS: usize = 12;
/// Terms scanned per query word and segment.
const MAX_SCAN: usize = 5_000;
/// Remainders checked against the vocabulary per query word.
const MAX_LOOKUPS: usize = 64;
/// Candidates put in order at a time (see [`compounds_of`]).
const ORDER_CHUNK: usize = 64;
/// Shortest word that is expanded, and shortest head.
pub const MIN_PART: usize = 4;

type Expansions = HashMap<String, Arc<Vec<String>>>;

/// Cached expansions of the current index generation.
#[derive(Default)]
pub struct ExpansionCache {
    inner: Mutex<(u64, Expansions)>,
}

impl ExpansionCache {
    /// The stems of the compounds `word` starts, from cache or computed
    /// from the vocabulary of `field` in `vocabularies` (read there at a
    /// segment's first expansion, unless the warm-up read it already).
    pub fn expansions(
        &self,
        searcher: &Searcher,
        vocabularies: &Vocabularies,
        field: Field,
        word: &str,
    ) -> Arc<Vec<String>> {
        let generation = searcher.generation().generation_id();
        {
            let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            if guard.0 == generation {
                if let Some(found) = guard.1.get(word) {
                    return found.clone();
                }
            }
        }
        // A vocabulary term is one lowercase, folded token, so the chosen
        // analysis of it is its stem.
        let vocabularies = vocabularies.of(searcher, field);
        let mut stems: Vec<String> = compounds_of(&vocabularies, searcher.num_docs(), word)
            .iter()
            .map(|c| {
                let mut stem = String::with_capacity(c.len());
                crate::analysis::stem_dutch(c, &mut stem);
                stem
            })
            .collect();
        stems.sort();
        stems.dedup();
        let computed = Arc::new(stems);
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if guard.0 != generation || guard.1.len() > 50_000 {
            guard.0 = generation;
            guard.1.clear();
        }
        guard.1.insert(word.to_string(), computed.clone());
        computed
    }
}

/// A word found in more documents than this share (and [`COMMON_MIN_DOCS`]) is
/// not expanded: it already matches broadly, and its compounds would only cost time.
pub const COMMON_SHARE: f64 = 0.10;
/// See [`COMMON_SHARE`]; small indexes always expand.
pub const COMMON_MIN_DOCS: u64 = 1_000;

/// A compound candidate: its place in the shared key buffer and its
/// document frequency, summed over segments.
#[derive(Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    doc_freq: u64,
}

/// The compounds in `vocabularies` (a field's vocabulary in each segment of
/// an index of `num_docs` documents) that start with `word`.
///
/// Asked once per word and index generation, so it is the cost of a word's
/// first search: the candidates' keys go into one buffer (no string per
/// candidate), and terms are found in the in-memory vocabularies.
pub fn compounds_of(
    vocabularies: &[Arc<SegmentVocabulary>],
    num_docs: u64,
    word: &str,
) -> Vec<String> {
    if word.chars().count() < MIN_PART || crate::analysis::is_function_word(word) {
        return Vec::new();
    }
    let in_vocabulary = |key: &[u8]| -> u64 {
        vocabularies
            .iter()
            .map(|v| u64::from(v.doc_freq(key)))
            .sum()
    };
    let df = in_vocabulary(word.as_bytes());
    if df >= COMMON_MIN_DOCS && df as f64 >= COMMON_SHARE * num_docs as f64 {
        return Vec::new();
    }
    let mut keys: Vec<u8> = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    for vocabulary in vocabularies {
        for (key, doc_freq) in vocabulary.with_prefix(word.as_bytes()).take(MAX_SCAN) {
            if key.len() < word.len() + MIN_PART {
                continue;
            }
            let start = keys.len();
            keys.extend_from_slice(key);
            candidates.push(Candidate {
                start,
                end: keys.len(),
                doc_freq: u64::from(doc_freq),
            });
        }
    }
    let key = |c: &Candidate| &keys[c.start..c.end];
    if vocabularies.len() > 1 {
        // The same compound in several segments: one candidate, frequencies summed.
        candidates.sort_unstable_by(|a, b| key(a).cmp(key(b)));
        candidates.dedup_by(|later, kept| {
            let same = key(later) == key(kept);
            if same {
                kept.doc_freq += later.doc_freq;
            }
            same
        });
    }
    // Most documents first. Usually a few dozen candidates decide, so they
    // are put in order a chunk at a time rather than all at once.
    let order =
        |a: &Candidate, b: &Candidate| b.doc_freq.cmp(&a.doc_freq).then_with(|| key(a).cmp(key(b)));
    let mut out = Vec::new();
    let mut lookups = 0;
    // Whether what follows `word` in `term`, after an optional linking
    // `s`, `en` or `e`, is a head; counts the vocabulary lookups.
    let is_compound = |term: &str, lookups: &mut usize| {
        let tail = &term[word.len()..];
        [
            Some(tail),
            tail.strip_prefix('s'),
            tail.strip_prefix("en"),
            tail.strip_prefix('e'),
        ]
        .into_iter()
        .flatten()
        .any(|head| {
            if head.len() < MIN_PART {
                return false;
            }
            if is_head(head) {
                return true;
            }
            *lookups += 1;
            in_vocabulary(head.as_bytes()) > 0
        })
    };
    let mut unordered = &mut candidates[..];
    while !unordered.is_empty() && out.len() < MAX_EXPANSIONS && lookups < MAX_LOOKUPS {
        let n = ORDER_CHUNK.min(unordered.len());
        if n < unordered.len() {
            unordered.select_nth_unstable_by(n - 1, order);
        }
        let (chunk, later) = std::mem::take(&mut unordered).split_at_mut(n);
        chunk.sort_unstable_by(order);
        unordered = later;
        for c in chunk.iter() {
            if out.len() >= MAX_EXPANSIONS || lookups >= MAX_LOOKUPS {
                break;
            }
            if let Ok(term) = std::str::from_utf8(key(c)) {
                if is_compound(term, &mut lookups) {
                    out.push(term.to_owned());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "zorg" with `junk` candidates that are no compound (their remainder
    /// is no word: one lookup each) and ten real ones after them, fewer
    /// documents each.
    fn vocabulary(junk: usize) -> Vec<Arc<SegmentVocabulary>> {
        let mut terms: Vec<(String, u32)> = vec![("zorg".into(), 100)];
        for i in 0..junk {
            let rest: String = [i / 26 % 26, i % 26]
                .iter()
                .map(|&n| char::from(b'a' + n as u8))
                .collect();
            terms.push((format!("zorgxq{rest}"), 1_000 - i as u32));
        }
        for (j, head) in HEADS_USED.iter().enumerate() {
            terms.push((format!("zorg{head}"), 900 - j as u32));
        }
        terms.sort();
        let v = SegmentVocabulary::from_sorted(terms.iter().map(|(t, n)| (t.as_bytes(), *n)));
        vec![Arc::new(v)]
    }

    const HEADS_USED: [&str; 10] = [
        "aanbod", "aanpak", "advies", "adviseur", "afspraak", "beleid", "bereik", "beroep",
        "budget", "centrum",
    ];

    #[test]
    fn compounds_are_taken_most_frequent_first_past_the_first_chunk() {
        assert!(HEADS_USED.iter().all(|h| is_head(h)));
        // 60 candidates rejected (60 lookups), then the ten compounds, which
        // stand 61st to 70th: past the first chunk put in order.
        let found = compounds_of(&vocabulary(60), 10_000, "zorg");
        let expected: Vec<String> = HEADS_USED.iter().map(|h| format!("zorg{h}")).collect();
        assert_eq!(found, expected);
        // After 64 lookups the scan stops, before any compound.
        assert!(compounds_of(&vocabulary(70), 10_000, "zorg").is_empty());
    }
}
