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
//!
//! A term's place in the sorted vocabulary is its ordinal in the term
//! dictionary, and the dictionary gives a term's postings by ordinal without
//! walking the FST. So each vocabulary also has a hash table from term to
//! ordinal (4 to 8 bytes per term): the term cache looks terms up there
//! ([`SegmentVocabulary::ordinal`]), for about a tenth of the FST's
//! instructions, once the vocabulary is read (by the warm-up, see
//! [`crate::query::warm`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::{InvertedIndexReader, SegmentId};
use tantivy::postings::TermInfo;
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
    /// Where each term's postings start in the field's postings file, and
    /// after the last term where they end (lists lie one after another):
    /// with `positions`, the term's [`TermInfo`]. Empty when read without
    /// them (offsets past 4 GB, or terms given by a test).
    postings: Vec<u32>,
    /// The same for the positions file.
    positions: Vec<u32>,
    /// Open addressing: ordinal + 1 of the term whose hash lands here (or
    /// after it), 0 for an empty slot. A power of two, at most half full.
    slots: Vec<u32>,
    /// The table's hash, seeded at random per process (query words come
    /// from anyone).
    hasher: foldhash::fast::RandomState,
}

impl SegmentVocabulary {
    /// Reads the whole term dictionary of `inverted`.
    pub fn read(inverted: &InvertedIndexReader) -> std::io::Result<SegmentVocabulary> {
        let terms = inverted.terms();
        let n = terms.num_terms();
        let mut vocabulary = SegmentVocabulary {
            ends: Vec::with_capacity(n),
            doc_freqs: Vec::with_capacity(n),
            postings: Vec::with_capacity(n + 1),
            positions: Vec::with_capacity(n + 1),
            ..SegmentVocabulary::default()
        };
        let mut stream = terms.stream()?;
        let mut offsets = true;
        while stream.advance() {
            let info = stream.value();
            vocabulary.push(stream.key(), info.doc_freq);
            offsets = offsets && vocabulary.push_offsets(info);
        }
        if !offsets {
            vocabulary.postings = Vec::new();
            vocabulary.positions = Vec::new();
        }
        vocabulary.bytes.shrink_to_fit();
        vocabulary.index();
        Ok(vocabulary)
    }

    /// From terms in ascending byte order (for tests and small fields).
    pub fn from_sorted<'a>(terms: impl IntoIterator<Item = (&'a [u8], u32)>) -> SegmentVocabulary {
        let mut vocabulary = SegmentVocabulary::default();
        for (key, doc_freq) in terms {
            vocabulary.push(key, doc_freq);
        }
        vocabulary.index();
        vocabulary
    }

    /// Records where `info`'s lists lie; false when they do not follow the
    /// previous term's or lie past 4 GB (then no term infos are kept).
    fn push_offsets(&mut self, info: &TermInfo) -> bool {
        let offset = |n: usize| u32::try_from(n).ok();
        let (Some(p0), Some(p1), Some(q0), Some(q1)) = (
            offset(info.postings_range.start),
            offset(info.postings_range.end),
            offset(info.positions_range.start),
            offset(info.positions_range.end),
        ) else {
            return false;
        };
        if self.postings.is_empty() {
            self.postings.push(p0);
            self.positions.push(q0);
        }
        if self.postings.last() != Some(&p0) || self.positions.last() != Some(&q0) {
            return false;
        }
        self.postings.push(p1);
        self.positions.push(q1);
        true
    }

    /// Whether it was read with the offsets that [`Self::term_info`] needs.
    pub fn has_term_infos(&self) -> bool {
        !self.postings.is_empty()
    }

    /// The term dictionary's entry for the term of ordinal `ord`, as
    /// `TermDictionary::get` gives it; `None` when read without offsets.
    pub fn term_info(&self, ord: usize) -> Option<TermInfo> {
        let span = |v: &[u32]| Some(*v.get(ord)? as usize..*v.get(ord + 1)? as usize);
        Some(TermInfo {
            doc_freq: *self.doc_freqs.get(ord)?,
            postings_range: span(&self.postings)?,
            positions_range: span(&self.positions)?,
        })
    }

    /// Bytes it holds in memory.
    pub fn heap_bytes(&self) -> usize {
        let words = self.ends.capacity()
            + self.doc_freqs.capacity()
            + self.postings.capacity()
            + self.positions.capacity()
            + self.slots.capacity();
        self.bytes.capacity() + 4 * words
    }

    /// Fills the hash table.
    fn index(&mut self) {
        let size = (self.len() * 2).max(8).next_power_of_two();
        self.slots = vec![0; size];
        let mask = size - 1;
        for i in 0..self.len() {
            let mut slot = self.hash(self.key(i)) & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            // Fewer than 2^32 - 1 terms: `ends` holds u32 offsets already.
            self.slots[slot] = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
    }

    fn hash(&self, key: &[u8]) -> usize {
        use std::hash::BuildHasher;
        // Truncation is fine: only the low bits pick a slot.
        self.hasher.hash_one(key) as usize
    }

    /// The ordinal of `key` in the term dictionary it was read from (its
    /// place in this vocabulary); `None` when it is not a term.
    pub fn ordinal(&self, key: &[u8]) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut slot = self.hash(key) & mask;
        loop {
            let found = self.slots[slot] as usize;
            if found == 0 {
                return None;
            }
            if self.key(found - 1) == key {
                return Some(found - 1);
            }
            slot = (slot + 1) & mask;
        }
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
        self.ordinal(key).map_or(0, |i| self.doc_freqs[i])
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
    by_segment: HashMap<(SegmentId, Field), Arc<SegmentVocabulary>, foldhash::fast::RandomState>,
}

impl Vocabularies {
    /// The vocabulary of `field` in `segment` if it has been read; never
    /// reads, and never waits for a read under way (`None` then).
    pub fn kept(&self, segment: SegmentId, field: Field) -> Option<Arc<SegmentVocabulary>> {
        let kept = self.inner.try_lock().ok()?;
        kept.by_segment.get(&(segment, field)).cloned()
    }

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
    fn finds_each_term_where_the_dictionary_does() {
        use tantivy::schema::{Schema, TEXT};
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = tantivy::Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 20_000_000).unwrap();
        for i in 0..500u32 {
            let text = format!("woord{} gemeente{} zorg{} de", i % 37, i % 5, i);
            writer.add_document(tantivy::doc!(body => text)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let inverted = searcher.segment_reader(0).inverted_index(body).unwrap();
        let v = SegmentVocabulary::read(&inverted).unwrap();
        assert_eq!(v.len(), inverted.terms().num_terms());
        let mut stream = inverted.terms().stream().unwrap();
        let mut n = 0;
        while stream.advance() {
            let ord = v.ordinal(stream.key()).expect("every term is found");
            assert_eq!(ord, n, "its ordinal is its place");
            assert_eq!(v.term_info(ord).as_ref(), Some(stream.value()));
            n += 1;
        }
        for absent in [&b"woord"[..], b"zorg500", b"", b"gemeente5", b"zz"] {
            assert_eq!(v.ordinal(absent), None);
            assert_eq!(v.doc_freq(absent), 0);
        }
        let without = vocabulary(&[("de", 1)]);
        assert_eq!(without.ordinal(b"de"), Some(0));
        assert_eq!(without.term_info(0), None, "a test's terms have no lists");
        assert!(v.has_term_infos() && !without.has_term_infos());
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
