//! The compounds of one query word, read as one posting list.
//!
//! A word of four letters or more matches the compounds it starts, up to
//! twelve (see [`crate::compound`]). As clauses of the word's union, each
//! compound is a term to open and a scorer to build at every search, and
//! the intersection with the other words moves every one of them at every
//! seek. Their lists are short (compounds are rare words), so here they are
//! decoded together at the word's first search, once per index generation
//! and segment: one list whose score on a document is the sum of the
//! compounds' BM25 scores, read by one scorer. Their summed document
//! frequency must stay within [`MAX_UNION_DOCS`]; otherwise, and when the
//! budget for decoded lists is spent, the compounds stay separate clauses.

use std::sync::{Arc, OnceLock};

use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, Term};

use super::any_of::{any_of_scorer, AnyOfQuery};
use super::cached_term::CachedTermQuery;
use super::decoded::{explain_score, union, Decoded, DecodedScorer};
use super::term_cache::{ResolvedTerm, TermCache};

/// Most documents the compounds of one word may be in, summed over the
/// compounds, to be decoded as one list.
pub const MAX_UNION_DOCS: u64 = 4_096;

/// The compounds of one word, looked up in one index generation, with their
/// joined list per segment (made at the first search that reads it).
pub struct CompoundTerms {
    terms: Vec<ResolvedTerm>,
    generation: u64,
    /// Per segment: the joined list, once made.
    lists: Vec<(SegmentId, OnceLock<Arc<Decoded>>)>,
}

impl std::fmt::Debug for CompoundTerms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.terms.iter().map(ResolvedTerm::term))
            .finish()
    }
}

impl CompoundTerms {
    /// `terms` to be read as one list: `None` for fewer than two, for terms
    /// of different generations, or when together they are in more than
    /// [`MAX_UNION_DOCS`] documents.
    pub fn join(terms: &[ResolvedTerm]) -> Option<Arc<CompoundTerms>> {
        let first = terms.first()?;
        let total: u64 = terms.iter().map(ResolvedTerm::doc_freq).sum();
        let generation = first.generation();
        if terms.len() < 2
            || total > MAX_UNION_DOCS
            || terms.iter().any(|t| t.generation() != generation)
        {
            return None;
        }
        Some(Arc::new(CompoundTerms {
            terms: terms.to_vec(),
            generation,
            lists: first
                .segment_ids()
                .map(|id| (id, OnceLock::new()))
                .collect(),
        }))
    }

    /// Makes the joined list in every segment of `searcher` now (for words
    /// analysed ahead, see [`super::warm`]), within the budget for decoded
    /// lists. Returns the postings kept.
    pub(crate) fn prepare(&self, searcher: &tantivy::Searcher) -> tantivy::Result<usize> {
        if searcher.generation().generation_id() != self.generation {
            return Ok(0);
        }
        let mut kept = 0;
        for reader in searcher.segment_readers() {
            let id = reader.segment_id();
            let Some((_, cell)) = self.lists.iter().find(|(s, _)| *s == id) else {
                continue;
            };
            if cell.get().is_none() {
                self.list(reader)?;
                kept += cell.get().map_or(0, |d| d.docs.len());
            }
        }
        Ok(kept)
    }

    /// The joined list in the segment of `reader`; made now at the first
    /// call and kept within the budget for decoded lists. `None` when that
    /// budget is spent (the compounds are then read one by one).
    fn list(&self, reader: &SegmentReader) -> tantivy::Result<Option<Arc<Decoded>>> {
        let id = reader.segment_id();
        let Some((_, cell)) = self.lists.iter().find(|(s, _)| *s == id) else {
            return Ok(None);
        };
        if let Some(made) = cell.get() {
            return Ok(Some(made.clone()));
        }
        if self.terms[0].decoded_budget_spent() {
            return Ok(None);
        }
        let lists = self
            .terms
            .iter()
            .map(|t| t.decode_in(reader))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let joined = Arc::new(union(lists));
        if !self.terms[0].reserve_decoded(joined.docs.len()) {
            // Used for this search only.
            return Ok(Some(joined));
        }
        Ok(Some(cell.get_or_init(|| joined).clone()))
    }
}

/// Matches any of a word's compounds; scores the sum of their BM25 scores
/// times the boost.
#[derive(Clone)]
pub struct CompoundsQuery {
    compounds: Arc<CompoundTerms>,
    boost: Score,
    cache: Arc<TermCache>,
}

impl std::fmt::Debug for CompoundsQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompoundsQuery")
            .field("compounds", &self.compounds)
            .field("boost", &self.boost)
            .finish()
    }
}

impl CompoundsQuery {
    /// `compounds`, scored times `boost`; `cache` looks them up again for a
    /// searcher of another generation.
    pub fn new(compounds: Arc<CompoundTerms>, boost: Score, cache: Arc<TermCache>) -> Self {
        CompoundsQuery {
            compounds,
            boost,
            cache,
        }
    }
}

impl Query for CompoundsQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let same_generation = scoring
            .searcher()
            .is_some_and(|s| s.generation().generation_id() == self.compounds.generation);
        if same_generation {
            return Ok(Box::new(CompoundsWeight {
                compounds: self.compounds.clone(),
                boost: self.boost,
            }));
        }
        // Another generation (or no searcher): the terms one by one.
        let separate = self
            .compounds
            .terms
            .iter()
            .map(|t| {
                Box::new(CachedTermQuery::resolved(
                    t,
                    IndexRecordOption::WithFreqs,
                    self.boost,
                    self.cache.clone(),
                )) as Box<dyn Query>
            })
            .collect();
        AnyOfQuery::new(separate).weight(scoring)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for t in &self.compounds.terms {
            visitor(t.term(), false);
        }
    }
}

struct CompoundsWeight {
    compounds: Arc<CompoundTerms>,
    boost: Score,
}

impl Weight for CompoundsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        if let Some(list) = self.compounds.list(reader)? {
            return Ok(Box::new(DecodedScorer::new(list, self.boost * boost)));
        }
        let separate = self
            .compounds
            .terms
            .iter()
            .map(|t| t.weight(self.boost).scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(any_of_scorer(separate))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut e = explain_score(
            self.scorer(reader, 1.0)?,
            doc,
            "compounds of a word, sum of",
        )?;
        for t in &self.compounds.terms {
            e.add_context(format!("Term={:?}", t.term()));
        }
        Ok(e)
    }
}
