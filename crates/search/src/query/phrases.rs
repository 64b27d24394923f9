//! Phrases asked again, kept decoded.
//!
//! A phrase (`"Wet betreffende de positie van Molukkers"`) is matched by
//! reading the position lists of all its words in every document that has
//! them all, and function words have long position lists: on the laws
//! corpus, the 2 % of known-item queries with quotes took a fifth of the
//! warm search time. A phrase asked for the second time in an index
//! generation keeps its documents and BM25 scores, like a decoded term (see
//! [`super::term_cache`]), so that later searches read two arrays. At most
//! [`MAX_PHRASE_POSTINGS`] documents are kept per generation, over all
//! phrases.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::index::SegmentId;
use tantivy::query::{
    BoostQuery, EmptyQuery, EmptyScorer, EnableScoring, Explanation, PhraseQuery, Query, Scorer,
    TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term, TERMINATED};

use super::decoded::{explain_score, Decoded, DecodedScorer};
use super::term_cache::TermCache;

/// Phrases kept per generation; the cache starts over beyond this.
pub const MAX_CACHED_PHRASES: usize = 5_000;

/// Documents kept decoded per generation, over all phrases (8 bytes each).
pub const MAX_PHRASE_POSTINGS: usize = 1 << 20;

/// A fast hash with a random seed per process (phrases come from anyone).
type Hasher = foldhash::fast::RandomState;

/// A phrase in one segment: its uses so far, and its list from the second.
struct SegmentPhrase {
    segment: SegmentId,
    uses: AtomicU32,
    decoded: OnceLock<Arc<Decoded>>,
}

/// A phrase in every segment of one generation.
struct CachedPhrase {
    segments: Vec<SegmentPhrase>,
    /// Documents decoded in this generation, over all phrases.
    budget: Arc<AtomicUsize>,
}

impl CachedPhrase {
    fn segment(&self, id: SegmentId) -> Option<&SegmentPhrase> {
        self.segments.iter().find(|s| s.segment == id)
    }

    fn all_decoded(&self) -> bool {
        self.segments.iter().all(|s| s.decoded.get().is_some())
    }
}

#[derive(Default)]
struct State {
    generation: u64,
    phrases: HashMap<Vec<Term>, Arc<CachedPhrase>, Hasher>,
    budget: Arc<AtomicUsize>,
}

/// The phrases of the current index generation.
#[derive(Default)]
pub struct PhraseCache {
    state: Mutex<State>,
}

impl PhraseCache {
    fn get(&self, searcher: &Searcher, terms: &[Term]) -> Arc<CachedPhrase> {
        let generation = searcher.generation().generation_id();
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if state.generation != generation || state.phrases.len() >= MAX_CACHED_PHRASES {
            *state = State {
                generation,
                ..State::default()
            };
        }
        if let Some(found) = state.phrases.get(terms) {
            return found.clone();
        }
        let made = Arc::new(CachedPhrase {
            segments: searcher
                .segment_readers()
                .iter()
                .map(|r| SegmentPhrase {
                    segment: r.segment_id(),
                    uses: AtomicU32::new(0),
                    decoded: OnceLock::new(),
                })
                .collect(),
            budget: state.budget.clone(),
        });
        state.phrases.insert(terms.to_vec(), made.clone());
        made
    }

    /// Lets go of every phrase.
    pub fn forget(&self) {
        *self.state.lock().unwrap_or_else(|p| p.into_inner()) = State::default();
    }
}

/// tantivy's `PhraseQuery` (exact positions, BM25 of the phrase count) with a
/// boost, kept decoded from its second use in a generation.
#[derive(Clone)]
pub struct CachedPhraseQuery {
    terms: Vec<Term>,
    boost: Score,
    cache: Arc<TermCache>,
}

impl std::fmt::Debug for CachedPhraseQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedPhraseQuery")
            .field("terms", &self.terms)
            .field("boost", &self.boost)
            .finish()
    }
}

impl CachedPhraseQuery {
    /// The phrase of `terms` (one field), scored times `boost`. A single
    /// term is that term; no term matches nothing.
    pub fn new(terms: Vec<Term>, boost: Score, cache: Arc<TermCache>) -> CachedPhraseQuery {
        CachedPhraseQuery {
            terms,
            boost,
            cache,
        }
    }
}

impl Query for CachedPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // tantivy's phrase needs two words (it panics on fewer): one word is
        // that word, none matches nothing.
        match self.terms.as_slice() {
            [] => return EmptyQuery.weight(scoring),
            [one] => {
                let term = TermQuery::new(one.clone(), IndexRecordOption::WithFreqs);
                return BoostQuery::new(Box::new(term), self.boost).weight(scoring);
            }
            _ => {}
        }
        let plain = || PhraseQuery::new(self.terms.clone());
        let Some(searcher) = scoring.searcher() else {
            return BoostQuery::new(Box::new(plain()), self.boost).weight(scoring);
        };
        let phrase = self.cache.phrases().get(searcher, &self.terms);
        // tantivy's weight looks every word up again for BM25: only made
        // while some segment still reads the position lists.
        let positions = if phrase.all_decoded() {
            None
        } else {
            Some(plain().weight(scoring)?)
        };
        Ok(Box::new(CachedPhraseWeight {
            phrase,
            positions,
            boost: self.boost,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for t in &self.terms {
            visitor(t, true);
        }
    }
}

struct CachedPhraseWeight {
    phrase: Arc<CachedPhrase>,
    /// tantivy's phrase weight (no boost), unless every segment is decoded.
    positions: Option<Box<dyn Weight>>,
    boost: Score,
}

impl CachedPhraseWeight {
    /// The decoded list of the segment of `reader`: kept, or made now at
    /// the phrase's second use there when the budget allows.
    fn decoded(&self, reader: &SegmentReader) -> tantivy::Result<Option<Arc<Decoded>>> {
        let Some(seg) = self.phrase.segment(reader.segment_id()) else {
            return Ok(None);
        };
        if let Some(d) = seg.decoded.get() {
            return Ok(Some(d.clone()));
        }
        let Some(positions) = &self.positions else {
            return Ok(None);
        };
        if seg.uses.fetch_add(1, Ordering::Relaxed) == 0
            || self.phrase.budget.load(Ordering::Relaxed) >= MAX_PHRASE_POSTINGS
        {
            return Ok(None);
        }
        let mut scorer = positions.scorer(reader, 1.0)?;
        let (mut docs, mut scores) = (Vec::new(), Vec::new());
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            docs.push(doc);
            scores.push(scorer.score());
            doc = scorer.advance();
        }
        let n = docs.len();
        let fits = self
            .phrase
            .budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                (used + n <= MAX_PHRASE_POSTINGS).then_some(used + n)
            })
            .is_ok();
        let list = Arc::new(Decoded {
            docs: docs.into_boxed_slice(),
            scores: scores.into_boxed_slice(),
        });
        if !fits {
            // Used for this search only.
            return Ok(Some(list));
        }
        Ok(Some(seg.decoded.get_or_init(|| list).clone()))
    }
}

impl Weight for CachedPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        if let Some(list) = self.decoded(reader)? {
            return Ok(Box::new(DecodedScorer::new(list, self.boost * boost)));
        }
        match &self.positions {
            Some(positions) => positions.scorer(reader, self.boost * boost),
            // Every segment of the generation was decoded when the weight
            // was made; a segment outside it has no documents of it here.
            None => Ok(Box::new(EmptyScorer)),
        }
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if let Some(positions) = &self.positions {
            return positions.explain(reader, doc);
        }
        explain_score(self.scorer(reader, 1.0)?, doc, "phrase, kept decoded")
    }
}
