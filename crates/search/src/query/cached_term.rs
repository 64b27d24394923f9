//! A term query whose lookups go through the [`TermCache`], with its weight
//! and scorer: BM25 from the same statistics as tantivy's `TermQuery`, read
//! from the posting list or, once decoded, from memory (see
//! [`super::term_cache`]).

use std::sync::atomic::Ordering;
use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use super::decoded::{decode, Decoded, DecodedScorer};
use super::term_cache::{
    fieldnorms, CachedTerm, ResolvedTerm, SegmentTerm, TermCache, DECODE_AT_FIRST_USE,
    MAX_DECODED_DOCS,
};

/// What a [`CachedTermQuery`] asks for: a term, or one already looked up.
#[derive(Clone)]
enum Source {
    Term(Term),
    Resolved(Arc<CachedTerm>),
}

/// A [`TermQuery`] with a boost, whose lookups go through a [`TermCache`].
#[derive(Clone)]
pub struct CachedTermQuery {
    source: Source,
    option: IndexRecordOption,
    boost: Score,
    cache: Arc<TermCache>,
}

impl std::fmt::Debug for CachedTermQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedTermQuery")
            .field("term", self.term())
            .field("boost", &self.boost)
            .finish()
    }
}

impl CachedTermQuery {
    /// `term`, its score multiplied by `boost`.
    pub fn new(
        term: Term,
        option: IndexRecordOption,
        boost: Score,
        cache: Arc<TermCache>,
    ) -> CachedTermQuery {
        CachedTermQuery {
            source: Source::Term(term),
            option,
            boost,
            cache,
        }
    }

    /// A term already looked up; looked up again only when the searcher is
    /// of another generation.
    pub fn resolved(
        term: &ResolvedTerm,
        option: IndexRecordOption,
        boost: Score,
        cache: Arc<TermCache>,
    ) -> CachedTermQuery {
        CachedTermQuery {
            source: Source::Resolved(term.0.clone()),
            option,
            boost,
            cache,
        }
    }

    fn term(&self) -> &Term {
        match &self.source {
            Source::Term(t) => t,
            Source::Resolved(c) => &c.term,
        }
    }
}

impl Query for CachedTermQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // Counting only reads the same cached lookups (the scores are then
        // computed but not used); without a searcher, tantivy's own query.
        let searcher = match scoring.searcher() {
            Some(searcher) => searcher,
            None => {
                let plain = TermQuery::new(self.term().clone(), self.option);
                return tantivy::query::BoostQuery::new(Box::new(plain), self.boost)
                    .weight(scoring);
            }
        };
        let cached = match &self.source {
            Source::Resolved(c) if c.generation == searcher.generation().generation_id() => {
                c.clone()
            }
            _ => self.cache.lookup(searcher, self.term(), false)?,
        };
        Ok(Box::new(CachedTermWeight {
            option: self.option,
            cached,
            boost: self.boost,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(self.term(), false);
    }
}

/// The weight of a [`CachedTermQuery`] (and of a [`ResolvedTerm`]).
pub(super) struct CachedTermWeight {
    option: IndexRecordOption,
    cached: Arc<CachedTerm>,
    boost: Score,
}

impl CachedTermWeight {
    /// Scores `cached` times `boost`, from its postings read with `option`.
    pub(super) fn new(option: IndexRecordOption, cached: Arc<CachedTerm>, boost: Score) -> Self {
        CachedTermWeight {
            option,
            cached,
            boost,
        }
    }

    /// The term in the segment of `reader`, as the cache found it.
    fn segment_term(&self, reader: &SegmentReader) -> Option<&SegmentTerm> {
        let id = reader.segment_id();
        self.cached.segments.iter().find(|s| s.segment == id)
    }

    fn term_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<CachedTermScorer>> {
        let (index, info) = match self.segment_term(reader) {
            Some(s) => (s.index.clone(), s.info.clone()),
            None => {
                // A segment the cache has not seen (cannot happen within one
                // searcher, but stay correct): look it up.
                let index = reader.inverted_index(self.cached.term.field())?;
                let info = index.get_term_info(&self.cached.term)?;
                (index, info)
            }
        };
        let Some(info) = info else {
            return Ok(None);
        };
        let postings = index.read_postings_from_terminfo(&info, self.option)?;
        Ok(Some(CachedTermScorer {
            postings,
            fieldnorms: fieldnorms(reader, self.cached.term.field())?,
            term: self.cached.clone(),
            boost: self.boost * boost,
        }))
    }

    /// The decoded postings of the term in this segment: kept from before, or
    /// decoded now when this is the second scorer and the budget allows.
    fn decoded(&self, reader: &SegmentReader) -> tantivy::Result<Option<Arc<Decoded>>> {
        if self.option != IndexRecordOption::WithFreqs {
            return Ok(None);
        }
        let Some(seg) = self.segment_term(reader) else {
            return Ok(None);
        };
        if let Some(d) = seg.decoded.get() {
            return Ok(Some(d.clone()));
        }
        let Some(info) = seg.info.as_ref().filter(|i| i.doc_freq <= MAX_DECODED_DOCS) else {
            return Ok(None);
        };
        if seg.uses.fetch_add(1, Ordering::Relaxed) == 0 && info.doc_freq > DECODE_AT_FIRST_USE {
            return Ok(None);
        }
        if !self.cached.reserve_decoded(info.doc_freq as usize) {
            return Ok(None);
        }
        let norms = fieldnorms(reader, self.cached.term.field())?;
        let decoded = Arc::new(decode(&seg.index, info, &norms, &self.cached.bm25)?);
        Ok(Some(seg.decoded.get_or_init(|| decoded).clone()))
    }
}

impl Weight for CachedTermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        if let Some(list) = self.decoded(reader)? {
            return Ok(Box::new(DecodedScorer::new(list, self.boost * boost)));
        }
        Ok(match self.term_scorer(reader, boost)? {
            Some(s) => Box::new(s),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.term_scorer(reader, 1.0)?;
        let at = scorer
            .as_mut()
            .map(|s| if s.doc() < doc { s.seek(doc) } else { s.doc() });
        match scorer {
            Some(s) if at == Some(doc) => {
                let doc = s.doc();
                let fieldnorm_id = s.fieldnorms.fieldnorm_id(doc);
                let bm25 = s.term.bm25.tantivy().boost_by(s.boost);
                let mut e = bm25.explain(fieldnorm_id, s.postings.term_freq());
                e.add_context(format!("Term={:?}", self.cached.term));
                Ok(e)
            }
            _ => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            ))),
        }
    }
}

/// Scores a term's postings with BM25, as tantivy's `TermScorer` does (which
/// tantivy does not export). The boost multiplies the score instead of being
/// folded into a copy of the BM25 weight per scorer.
struct CachedTermScorer {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    term: Arc<CachedTerm>,
    boost: Score,
}

impl DocSet for CachedTermScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> tantivy::SeekDangerResult {
        self.postings.seek_danger(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }

    fn cost(&self) -> u64 {
        self.postings.cost()
    }
}

impl Scorer for CachedTermScorer {
    fn score(&mut self) -> Score {
        let doc = self.postings.doc();
        self.boost
            * self
                .term
                .bm25
                .score(self.fieldnorms.fieldnorm_id(doc), self.postings.term_freq())
    }
}
