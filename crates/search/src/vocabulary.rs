//! A segment's unstemmed vocabulary in memory, for compound expansion.
//!
//! Expanding a query word means scanning the vocabulary for the terms it
//! starts and looking their remainders up (see [`crate::compound`]). In the
//! term dictionary (an FST) that cost about 1,100 instructions per scanned
//! term and 1,300 per lookup, which made compound expansion the largest part
//! of a word's first search on the laws corpus. Here the terms lie sorted in
//! one buffer: a prefix is found by binary search and read as a slice, a
//! lookup is a binary search.
//!
//! A segment never changes, so its vocabulary is read once, at the first
//! expansion that needs it, and kept while the segment is searched (about 19
//! bytes per term: 7.6 MB and 40 ms for the 410,858 words of the laws corpus).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::{InvertedIndexReader, SegmentId};
use tantivy::schema::Field;
use tantivy::Searcher;

/// The terms of one field in one segment, sorted, with their document
/// frequencies.
#[derive(Debug, Default)]
pub struct SegmentVocabulary {
    /// The terms, one after another.
    bytes: Vec<u8>,
    /// Where each term ends in `bytes` (it starts where the previous ends).
    ends: Vec<u32>,
    /// Documents per term (with deletions, as the term dictionary counts).
    doc_freqs: Vec<u32>,
}

impl SegmentVocabulary {
    /// Reads the whole term dictionary of `inverted`.
    pub fn read(inverted: &InvertedIndexReader) -> std::io::Result<SegmentVocabulary> {
        let terms = inverted.terms();
        let n = terms.num_terms();
        let mut vocabulary = SegmentVocabulary {
            bytes: Vec::new(),
            ends: Vec::with_capacity(n),
            doc_freqs: Vec::with_capacity(n),
        };
        let mut stream = terms.stream()?;
        while stream.advance() {
            vocabulary.push(stream.key(), stream.value().doc_freq);
        }
        vocabulary.bytes.shrink_to_fit();
        Ok(vocabulary)
    }

    /// From terms in ascending byte order (for tests and small fields).
    pub fn from_sorted<'a>(terms: impl IntoIterator<Item = (&'a [u8], u32)>) -> SegmentVocabulary {
        let mut vocabulary = SegmentVocabulary::default();
        for (key, doc_freq) in terms {
            vocabulary.push(key, doc_freq);
        }
        vocabulary
    }

    fn push(&mut self, key: &[u8], doc_freq: u32) {
        debug_assert!(self.ends.is_empty() || self.key(self.len() - 1) < key);
        self.bytes.extend_from_slice(key);
        // A dictionary over 4 GB of term text cannot be searched here;
        // tantivy's own limit on a segment's terms is far below it.
        self.ends
            .push(u32::try_from(self.bytes.len()).unwrap_or(u32::MAX));
        self.doc_freqs.push(doc_freq);
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// No terms.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `i`-th term.
    fn key(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.bytes[start..self.ends[i] as usize]
    }

    /// The first term not below `key`.
    fn lower_bound(&self, key: &[u8]) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if self.key(mid) < key {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// The document frequency of `key`; 0 when it is not a term.
    pub fn doc_freq(&self, key: &[u8]) -> u32 {
        let i = self.lower_bound(key);
        if i < self.len() && self.key(i) == key {
            self.doc_freqs[i]
        } else {
            0
        }
    }

    /// The terms that start with `prefix` (itself included), in order, with
    /// their document frequencies.
    pub fn with_prefix<'a>(&'a self, prefix: &'a [u8]) -> impl Iterator<Item = (&'a [u8], u32)> {
        (self.lower_bound(prefix)..self.len())
            .map(|i| (self.key(i), self.doc_freqs[i]))
            .take_while(move |(key, _)| key.starts_with(prefix))
    }
}

/// The vocabularies of the segments searched so far, by segment.
#[derive(Default)]
pub struct Vocabularies {
    inner: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    generation: u64,
    by_segment: HashMap<(SegmentId, Field), Arc<SegmentVocabulary>>,
}

impl Vocabularies {
    /// The vocabulary of `field` in every segment of `searcher`, read where
    /// it is not kept yet. Segments that left the index are let go.
    pub fn of(&self, searcher: &Searcher, field: Field) -> Vec<Arc<SegmentVocabulary>> {
        let generation = searcher.generation().generation_id();
        let readers = searcher.segment_readers();
        let mut out = Vec::with_capacity(readers.len());
        let mut kept = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if kept.generation != generation {
            kept.generation = generation;
            kept.by_segment
                .retain(|(id, _), _| readers.iter().any(|r| r.segment_id() == *id));
        }
        for reader in readers {
            let key = (reader.segment_id(), field);
            if let Some(found) = kept.by_segment.get(&key) {
                out.push(found.clone());
                continue;
            }
            // Read under the lock: two first searches of a new segment
            // would otherwise both read it.
            let read = reader
                .inverted_index(field)
                .and_then(|inverted| Ok(SegmentVocabulary::read(&inverted)?));
            match read {
                Ok(vocabulary) => {
                    let vocabulary = Arc::new(vocabulary);
                    kept.by_segment.insert(key, vocabulary.clone());
                    out.push(vocabulary);
                }
                Err(e) => {
                    // Not kept: the next search tries again.
                    tracing::warn!(error = %e, "woordenlijst van een segment niet gelezen");
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[(&str, u32)]) -> SegmentVocabulary {
        SegmentVocabulary::from_sorted(words.iter().map(|(w, n)| (w.as_bytes(), *n)))
    }

    #[test]
    fn finds_terms_and_only_terms() {
        let v = vocabulary(&[("gemeen", 2), ("gemeente", 7), ("gezin", 3), ("zorg", 9)]);
        assert_eq!(v.len(), 4);
        assert_eq!(v.doc_freq(b"gemeente"), 7);
        assert_eq!(v.doc_freq(b"gemeen"), 2);
        assert_eq!(v.doc_freq(b"zorg"), 9);
        assert_eq!(v.doc_freq(b"gemee"), 0, "a prefix is no term");
        assert_eq!(v.doc_freq(b"a"), 0, "before the first");
        assert_eq!(v.doc_freq(b"zorgen"), 0, "after the last");
        assert_eq!(SegmentVocabulary::default().doc_freq(b"zorg"), 0);
    }

    #[test]
    fn lists_the_terms_a_prefix_starts_in_order() {
        let v = vocabulary(&[
            ("schuld", 5),
            ("schuldhulp", 4),
            ("schuldhulpverlener", 1),
            ("schuldhulpverlening", 2),
            ("schuldig", 3),
            ("schuldsanering", 1),
        ]);
        let found: Vec<(&[u8], u32)> = v.with_prefix(b"schuldhulp").collect();
        assert_eq!(
            found,
            [
                (&b"schuldhulp"[..], 4),
                (&b"schuldhulpverlener"[..], 1),
                (&b"schuldhulpverlening"[..], 2)
            ]
        );
        assert_eq!(v.with_prefix(b"schuld").count(), 6);
        assert_eq!(v.with_prefix(b"schuldz").count(), 0);
        assert_eq!(v.with_prefix(b"zz").count(), 0);
        assert_eq!(
            v.with_prefix(b"").count(),
            6,
            "the empty prefix starts every term"
        );
    }
}
