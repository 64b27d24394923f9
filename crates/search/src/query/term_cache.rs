//! Term lookups, remembered per index generation.
//!
//! Before a query reads a posting list, tantivy looks its term up in the
//! term dictionary (an FST) twice: once for the document frequency that BM25
//! needs, once for where the postings are. With its title-pair, phrase and
//! compound clauses, a query of four words looks up some twenty terms; on the
//! laws corpus that was once the largest single cost of a search. People ask for
//! the same words again and again, so [`TermCache`] keeps what a lookup found
//! (per segment: the term's place, or that it is absent) until the index
//! changes. [`CachedTermQuery`](super::cached_term::CachedTermQuery) is a `TermQuery` that reads from it and scores
//! as tantivy's `TermScorer` does (BM25 from the same statistics), so scores
//! are unchanged.
//!
//! A term asked for a second time in a generation, in at most
//! [`MAX_DECODED_DOCS`] documents (or asked the first time, when its list
//! fits in one block of [`DECODE_AT_FIRST_USE`] documents, which opening
//! the posting list reads whole anyway), also keeps its postings decoded: its
//! documents with their BM25 scores, in two arrays. A query then reads that
//! term from memory: no posting list to open, no block to decode, no length
//! norm to look up, and a seek is a galloping search. At most
//! [`MAX_DECODED_POSTINGS`] postings are kept per generation (8 bytes each).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::{InvertedIndexReader, SegmentId};
use tantivy::postings::TermInfo;
use tantivy::query::Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{Score, Searcher, SegmentReader, Term};

use super::bm25::{norms, Bm25, Norms};
use super::cached_term::CachedTermWeight;
use super::decoded::{decode, Decoded};
use super::phrases::PhraseCache;
use super::words::WordCache;
use crate::vocabulary::Vocabularies;

/// Terms kept per generation besides the pinned ones (those the warm-up
/// decoded or looked up for the words it analysed ahead); the cache starts
/// over beyond this, keeping the pinned ones.
/// (Each takes a few hundred bytes: its segments and its term.)
pub const MAX_CACHED_TERMS: usize = 20_000;

/// Longest posting list (per segment) that is decoded at its first use: one
/// block of tantivy's postings. On the laws corpus most title pairs and
/// rare words have such lists; decoding them at once instead of opening
/// their posting lists took the 1-client replay from 127k to 120k
/// instructions per search.
pub const DECODE_AT_FIRST_USE: u32 = 128;

/// Longest posting list (per segment) that is kept decoded.
pub const MAX_DECODED_DOCS: u32 = 32_768;

/// Postings kept decoded per generation, over all terms (8 bytes each: 64 MB;
/// half of it for the warm-up, see [`super::warm`]).
pub const MAX_DECODED_POSTINGS: usize = 8 << 20;

/// A term in one segment.
pub(super) struct SegmentTerm {
    pub(super) segment: SegmentId,
    pub(super) index: Arc<InvertedIndexReader>,
    pub(super) info: Option<TermInfo>,
    /// Scorers made from the posting list so far (decoded at the second).
    pub(super) uses: AtomicU32,
    pub(super) decoded: OnceLock<Arc<Decoded>>,
}

/// What the lookups of one term found, in every segment of a generation.
pub(super) struct CachedTerm {
    pub(super) term: Term,
    pub(super) generation: u64,
    pub(super) segments: Vec<SegmentTerm>,
    pub(super) doc_freq: u64,
    /// BM25 of the term without boost (the table of 256 length norms is
    /// the field's, shared by its terms).
    pub(super) bm25: Bm25,
    /// Postings decoded in this generation, over all terms.
    pub(super) decoded_postings: Arc<AtomicUsize>,
    /// Decoded or looked up ahead of any query (see [`super::warm`]): kept
    /// when the cache starts over at [`MAX_CACHED_TERMS`].
    pub(super) pinned: bool,
}

/// A fast hash with a random seed per process (query words come from
/// anyone, so not a fixed one).
type Hasher = foldhash::fast::RandomState;

#[derive(Default)]
struct State {
    generation: u64,
    terms: HashMap<Term, Arc<CachedTerm>, Hasher>,
    /// Tokens per field, summed over segments (for BM25's average length).
    tokens: HashMap<tantivy::schema::Field, u64, Hasher>,
    /// BM25's length-norm table per field (see [`Bm25`]).
    norms: HashMap<tantivy::schema::Field, Norms, Hasher>,
    /// Postings decoded in this generation (see [`MAX_DECODED_POSTINGS`]),
    /// shared by every term of the generation.
    decoded_postings: Arc<AtomicUsize>,
    /// Of `terms`, the pinned ones (they do not count towards
    /// [`MAX_CACHED_TERMS`]).
    pinned_terms: usize,
}

impl State {
    fn insert(&mut self, term: Term, found: Arc<CachedTerm>) {
        let pinned = found.pinned;
        if self.terms.insert(term, found).is_some_and(|old| old.pinned) {
            self.pinned_terms -= 1;
        }
        if pinned {
            self.pinned_terms += 1;
        }
    }

    /// Keeps only the pinned terms, and counts only their decoded postings.
    fn start_over(&mut self) {
        self.terms.retain(|_, t| t.pinned);
        self.pinned_terms = self.terms.len();
        let kept = self
            .terms
            .values()
            .flat_map(|t| t.segments.iter())
            .filter_map(|s| s.decoded.get())
            .map(|d| d.docs.len())
            .sum();
        self.decoded_postings.store(kept, Ordering::Relaxed);
    }

    /// Starts over when the index has moved to another generation.
    fn follow(&mut self, generation: u64) {
        if self.generation != generation {
            *self = State {
                generation,
                ..State::default()
            };
        }
    }
}

/// Term lookups of the current index generation.
#[derive(Default)]
pub struct TermCache {
    state: RwLock<State>,
    /// The vocabularies read by the warm-up: a term of the warmed fields is
    /// then found by hash and ordinal instead of in the FST, and compound
    /// expansion reads the `words` field's from here.
    vocabularies: Vocabularies,
    /// Phrases of the same generation (see [`super::phrases`]).
    phrases: PhraseCache,
    /// Query words of the same generation (see [`super::words`]).
    words: WordCache,
}

impl TermCache {
    pub(super) fn lookup(
        &self,
        searcher: &Searcher,
        term: &Term,
        pin: bool,
    ) -> tantivy::Result<Arc<CachedTerm>> {
        let generation = searcher.generation().generation_id();
        {
            let state = self.state.read().unwrap_or_else(|p| p.into_inner());
            if state.generation == generation {
                if let Some(found) = state.terms.get(term) {
                    return Ok(found.clone());
                }
            }
        }
        let mut segments = Vec::with_capacity(searcher.segment_readers().len());
        let mut doc_freq = 0;
        for reader in searcher.segment_readers() {
            let index = reader.inverted_index(term.field())?;
            // In a vocabulary the warm-up read: by hash, not in the FST.
            let info = match self.vocabularies.kept(reader.segment_id(), term.field()) {
                Some(v) if v.has_term_infos() => v
                    .ordinal(term.serialized_value_bytes())
                    .and_then(|o| v.term_info(o)),
                _ => index.get_term_info(term)?,
            };
            doc_freq += info.as_ref().map_or(0, |i| u64::from(i.doc_freq));
            segments.push(SegmentTerm {
                segment: reader.segment_id(),
                index,
                info,
                uses: AtomicU32::new(0),
                decoded: OnceLock::new(),
            });
        }
        // The statistics tantivy's `Searcher` gives BM25: documents counted
        // with deletions (max_doc), tokens summed over segments.
        let total_docs: u64 = searcher
            .segment_readers()
            .iter()
            .map(|r| u64::from(r.max_doc()))
            .sum();
        let tokens = self.total_tokens(searcher, term.field())?;
        let average = if total_docs == 0 {
            0.0
        } else {
            tokens as Score / total_docs as Score
        };
        let norms = self.norms(generation, term.field(), average);
        let bm25 = Bm25::new(doc_freq, total_docs, average, norms);
        let mut state = self.state.write().unwrap_or_else(|p| p.into_inner());
        state.follow(generation);
        if state.terms.len() - state.pinned_terms >= MAX_CACHED_TERMS {
            state.start_over();
        }
        let found = Arc::new(CachedTerm {
            term: term.clone(),
            generation,
            segments,
            doc_freq,
            bm25,
            decoded_postings: state.decoded_postings.clone(),
            pinned: pin,
        });
        state.insert(term.clone(), found.clone());
        Ok(found)
    }

    /// The lookups of `term` in the searcher's generation, as a handle a
    /// [`CachedTermQuery`](super::cached_term::CachedTermQuery) can use without looking the term up again.
    pub fn resolve(&self, searcher: &Searcher, term: &Term) -> tantivy::Result<ResolvedTerm> {
        self.lookup(searcher, term, false).map(ResolvedTerm)
    }

    /// As [`Self::resolve`], and a new lookup is kept for the whole
    /// generation (for words analysed ahead, see [`super::warm`]).
    pub(crate) fn resolve_pinned(
        &self,
        searcher: &Searcher,
        term: &Term,
    ) -> tantivy::Result<ResolvedTerm> {
        self.lookup(searcher, term, true).map(ResolvedTerm)
    }

    /// Looks `term` up and decodes its postings in every segment whose list
    /// is short enough to keep ([`MAX_DECODED_DOCS`]), whatever the budget:
    /// for [`super::warm`], on a cache of its own. Returns the postings decoded.
    pub(crate) fn decode_ahead(&self, searcher: &Searcher, term: &Term) -> tantivy::Result<usize> {
        let found = self.lookup(searcher, term, false)?;
        let mut decoded = 0;
        for (seg, reader) in found.segments.iter().zip(searcher.segment_readers()) {
            let Some(info) = seg.info.as_ref() else {
                continue;
            };
            if info.doc_freq > MAX_DECODED_DOCS || seg.segment != reader.segment_id() {
                continue;
            }
            let norms = fieldnorms(reader, term.field())?;
            let list = Arc::new(decode(&seg.index, info, &norms, &found.bm25)?);
            decoded += list.docs.len();
            seg.uses.store(1, Ordering::Relaxed);
            let _ = seg.decoded.set(list);
        }
        Ok(decoded)
    }

    /// The vocabularies kept for this cache's index: read by the warm-up
    /// (lookups of their terms then skip the FST) and by compound expansion.
    pub(crate) fn vocabularies(&self) -> &Vocabularies {
        &self.vocabularies
    }

    /// Takes over the terms that `warmed` (a cache of its own, filled by
    /// [`Self::decode_ahead`] for `generation`) decoded, pinned, in place
    /// of this cache's lookups of the same terms. Nothing is taken when this
    /// cache has moved on to a later generation. Returns whether it was taken.
    pub(crate) fn adopt(&self, warmed: TermCache, generation: u64) -> bool {
        let warmed = warmed.state.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut state = self.state.write().unwrap_or_else(|p| p.into_inner());
        if state.generation > generation || warmed.generation != generation {
            return false;
        }
        state.follow(generation);
        let mut postings = 0;
        for (term, found) in warmed.terms {
            // Only this map held it: take it out of its Arc to pin it and
            // count it in this generation's budget.
            let Ok(mut found) = Arc::try_unwrap(found) else {
                continue;
            };
            postings += found
                .segments
                .iter()
                .filter_map(|s| s.decoded.get())
                .map(|d| d.docs.len())
                .sum::<usize>();
            found.pinned = true;
            found.decoded_postings = state.decoded_postings.clone();
            state.insert(term, Arc::new(found));
        }
        for (field, n) in warmed.tokens {
            state.tokens.entry(field).or_insert(n);
        }
        for (field, n) in warmed.norms {
            state.norms.entry(field).or_insert(n);
        }
        state
            .decoded_postings
            .fetch_add(postings, Ordering::Relaxed);
        true
    }

    /// Postings decoded in the current generation, as counted against
    /// [`MAX_DECODED_POSTINGS`] (for tests).
    #[doc(hidden)]
    pub fn decoded_postings(&self) -> usize {
        let state = self.state.read().unwrap_or_else(|p| p.into_inner());
        state.decoded_postings.load(Ordering::Relaxed)
    }

    /// The generation whose lookups are kept now.
    pub(crate) fn generation(&self) -> u64 {
        self.state
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .generation
    }

    /// Lets go of every lookup (and so of the segments they hold on to).
    /// Called after a commit; a reader that follows another process's
    /// commits starts over at its first lookup in the new generation.
    pub fn forget(&self) {
        *self.state.write().unwrap_or_else(|p| p.into_inner()) = State::default();
        self.phrases.forget();
        self.words.forget();
    }

    /// Terms kept now, and of those the pinned ones (for tests).
    #[cfg(test)]
    pub(crate) fn kept_terms(&self) -> (usize, usize) {
        let state = self.state.read().unwrap_or_else(|p| p.into_inner());
        (state.terms.len(), state.pinned_terms)
    }

    /// The query words analysed for the same generations.
    pub(crate) fn words(&self) -> &WordCache {
        &self.words
    }

    /// The phrases kept for the same generations.
    pub(crate) fn phrases(&self) -> &PhraseCache {
        &self.phrases
    }

    /// The number of documents that contain `term` (as `Searcher::doc_freq`).
    pub fn doc_freq(&self, searcher: &Searcher, term: &Term) -> u64 {
        self.lookup(searcher, term, false).map_or(0, |t| t.doc_freq)
    }

    /// The length-norm table of `field` for its average length `average`
    /// in `generation`: one per field and generation.
    fn norms(&self, generation: u64, field: tantivy::schema::Field, average: Score) -> Norms {
        {
            let state = self.state.read().unwrap_or_else(|p| p.into_inner());
            if state.generation == generation {
                if let Some(n) = state.norms.get(&field) {
                    return n.clone();
                }
            }
        }
        let made = norms(average);
        let mut state = self.state.write().unwrap_or_else(|p| p.into_inner());
        state.follow(generation);
        state.norms.insert(field, made.clone());
        made
    }

    fn total_tokens(
        &self,
        searcher: &Searcher,
        field: tantivy::schema::Field,
    ) -> tantivy::Result<u64> {
        let generation = searcher.generation().generation_id();
        {
            let state = self.state.read().unwrap_or_else(|p| p.into_inner());
            if state.generation == generation {
                if let Some(n) = state.tokens.get(&field) {
                    return Ok(*n);
                }
            }
        }
        let mut total = 0;
        for reader in searcher.segment_readers() {
            total += reader.inverted_index(field)?.total_num_tokens();
        }
        let mut state = self.state.write().unwrap_or_else(|p| p.into_inner());
        state.follow(generation);
        state.tokens.insert(field, total);
        Ok(total)
    }
}

/// A term already looked up in one index generation (see
/// [`TermCache::resolve`]): kept with an analysed query word, so that a query
/// with that word does not look its terms up again.
#[derive(Clone)]
pub struct ResolvedTerm(pub(super) Arc<CachedTerm>);

impl ResolvedTerm {
    /// The term.
    pub fn term(&self) -> &Term {
        &self.0.term
    }

    /// The index generation it was looked up in.
    pub(crate) fn generation(&self) -> u64 {
        self.0.generation
    }

    /// Documents that contain it, over all segments.
    pub(crate) fn doc_freq(&self) -> u64 {
        self.0.doc_freq
    }

    /// The segments it was looked up in.
    pub(crate) fn segment_ids(&self) -> impl Iterator<Item = SegmentId> + '_ {
        self.0.segments.iter().map(|s| s.segment)
    }

    /// Its postings in the segment of `reader`, decoded with their BM25
    /// scores without boost (empty where the term is absent). Not kept.
    pub(crate) fn decode_in(&self, reader: &SegmentReader) -> tantivy::Result<Decoded> {
        let id = reader.segment_id();
        let Some((seg, info)) = self
            .0
            .segments
            .iter()
            .find(|s| s.segment == id)
            .and_then(|s| Some((s, s.info.as_ref()?)))
        else {
            return Ok(Decoded::default());
        };
        let norms = fieldnorms(reader, self.0.term.field())?;
        Ok(decode(&seg.index, info, &norms, &self.0.bm25)?)
    }

    /// Takes `n` postings from the generation's budget for decoded lists
    /// (see [`MAX_DECODED_POSTINGS`]); false when they do not fit.
    pub(crate) fn reserve_decoded(&self, n: usize) -> bool {
        self.0.reserve_decoded(n)
    }

    /// Whether the generation's budget for decoded lists is used up.
    pub(crate) fn decoded_budget_spent(&self) -> bool {
        self.0.decoded_postings.load(Ordering::Relaxed) >= MAX_DECODED_POSTINGS
    }

    /// A weight that scores the term with `boost` (as [`CachedTermQuery`](super::cached_term::CachedTermQuery)).
    pub(crate) fn weight(&self, boost: Score) -> Box<dyn Weight> {
        Box::new(CachedTermWeight::new(
            IndexRecordOption::WithFreqs,
            self.0.clone(),
            boost,
        ))
    }
}

impl CachedTerm {
    /// See [`ResolvedTerm::reserve_decoded`].
    pub(super) fn reserve_decoded(&self, n: usize) -> bool {
        self.decoded_postings
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                (used + n <= MAX_DECODED_POSTINGS).then_some(used + n)
            })
            .is_ok()
    }
}

impl std::fmt::Debug for ResolvedTerm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ResolvedTerm").field(&self.0.term).finish()
    }
}

/// The length norms of `field` in the segment of `reader`.
pub(super) fn fieldnorms(
    reader: &SegmentReader,
    field: tantivy::schema::Field,
) -> tantivy::Result<FieldNormReader> {
    Ok(match reader.fieldnorms_readers().get_field(field)? {
        Some(f) => f,
        None => FieldNormReader::constant(reader.max_doc(), 1),
    })
}
