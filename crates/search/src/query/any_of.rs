//! A union for the few alternatives of one query word (its stems, the
//! compounds it starts, near spellings).
//!
//! tantivy's `BooleanQuery` of SHOULD clauses is a buffered union: it allocates
//! a 16 KB score window and, on every seek more than 4,096 documents ahead,
//! scores every posting of every clause in the next window. As one required
//! word of a query, the union is mostly moved by seeks to the candidates of the
//! other words, so that work is mostly wasted. [`AnyOfQuery`] keeps no window:
//! a seek moves each clause with its skip list, and a score is the sum of the
//! clauses on the document, as in the `BooleanQuery`.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::clauses::Clauses;
use super::decoded::DecodedScorer;

/// Matches what any clause matches; scores the sum of the clauses that match.
#[derive(Debug, Clone)]
pub struct AnyOfQuery {
    clauses: Clauses,
}

impl AnyOfQuery {
    /// The union of `clauses`.
    pub fn new(clauses: Vec<Box<dyn Query>>) -> AnyOfQuery {
        AnyOfQuery {
            clauses: Clauses::new(clauses),
        }
    }
}

impl Query for AnyOfQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AnyOfWeight {
            clauses: self.clauses.weights(scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.clauses.query_terms(visitor);
    }
}

struct AnyOfWeight {
    clauses: Vec<Box<dyn Weight>>,
}

impl Weight for AnyOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorers = self
            .clauses
            .iter()
            .map(|w| w.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(any_of_scorer(scorers))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let details: Vec<Explanation> = self
            .clauses
            .iter()
            .filter_map(|w| w.explain(reader, doc).ok())
            .collect();
        if details.is_empty() {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut out = Explanation::new("any of, sum of", details.iter().map(|d| d.value()).sum());
        for d in details {
            out.add_detail(d);
        }
        Ok(out)
    }
}

/// The union of `scorers` (a score is the sum of those on the document).
pub(crate) fn any_of_scorer(mut scorers: Vec<Box<dyn Scorer>>) -> Box<dyn Scorer> {
    scorers.retain(|s| s.doc() != TERMINATED);
    match scorers.len() {
        0 => Box::new(EmptyScorer),
        1 => scorers.pop().unwrap_or_else(|| Box::new(EmptyScorer)),
        _ => {
            let doc = scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED);
            Box::new(AnyOfScorer { scorers, doc })
        }
    }
}

pub(crate) struct AnyOfScorer {
    scorers: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl AnyOfScorer {
    /// Its clauses as decoded lists, in their order, when every one is
    /// (see [`super::all_of`]); itself otherwise.
    pub(crate) fn into_lists(self: Box<Self>) -> Result<Vec<DecodedScorer>, Box<dyn Scorer>> {
        if !self.scorers.iter().all(|s| s.is::<DecodedScorer>()) {
            return Err(self);
        }
        Ok(self
            .scorers
            .into_iter()
            .filter_map(|s| s.downcast::<DecodedScorer>().ok())
            .map(|list| *list)
            .collect())
    }

    fn settle(&mut self) -> DocId {
        self.doc = self
            .scorers
            .iter()
            .map(|s| s.doc())
            .min()
            .unwrap_or(TERMINATED);
        self.doc
    }
}

impl DocSet for AnyOfScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        for s in &mut self.scorers {
            if s.doc() == current {
                s.advance();
            }
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for s in &mut self.scorers {
            if s.doc() < target {
                s.seek(target);
            }
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers
            .iter()
            .map(|s| s.size_hint())
            .fold(0u32, u32::saturating_add)
    }

    fn cost(&self) -> u64 {
        self.scorers
            .iter()
            .map(|s| s.cost())
            .fold(0u64, u64::saturating_add)
    }
}

impl Scorer for AnyOfScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        self.scorers
            .iter_mut()
            .filter(|s| s.doc() == doc)
            .map(|s| s.score())
            .sum()
    }
}
