//! The required clauses of a query: a document matches when all do.
//!
//! tantivy's intersection moves its clauses through `Box<dyn Scorer>`, and a
//! word with compounds is a union of scorers behind one more box: every
//! candidate document costs a chain of virtual calls. In a warm search most
//! lists are decoded (see [`super::decoded`]). [`AllOfQuery`] walks those
//! lists, and unions of them, as arrays in one loop the compiler sees
//! whole; only the other clauses (lists read from the index, phrases) go
//! through their scorers. It matches and scores as tantivy's intersection
//! does: the clauses ordered by cost, the first one leading, the score
//! summed in the same order (so the sums are the same to the bit).

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term, TERMINATED};

use super::any_of::AnyOfScorer;
use super::clauses::Clauses;
use super::decoded::DecodedScorer;

/// Matches what every clause matches; scores the sum of the clauses.
#[derive(Debug, Clone)]
pub struct AllOfQuery {
    clauses: Clauses,
}

impl AllOfQuery {
    /// The intersection of `clauses`.
    pub fn new(clauses: Vec<Box<dyn Query>>) -> AllOfQuery {
        AllOfQuery {
            clauses: Clauses::new(clauses),
        }
    }
}

impl Query for AllOfQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AllOfWeight {
            clauses: self.clauses.weights(scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.clauses.query_terms(visitor);
    }
}

struct AllOfWeight {
    clauses: Vec<Box<dyn Weight>>,
}

impl Weight for AllOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.clauses.len());
        for w in &self.clauses {
            let s = w.scorer(reader, boost)?;
            if s.doc() == TERMINATED {
                // One clause matches nothing here: neither does the query.
                return Ok(Box::new(EmptyScorer));
            }
            scorers.push(s);
        }
        Ok(all_of_scorer(scorers))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let details = self
            .clauses
            .iter()
            .map(|w| w.explain(reader, doc))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut out = Explanation::new("all of, sum of", details.iter().map(|d| d.value()).sum());
        for d in details {
            out.add_detail(d);
        }
        Ok(out)
    }
}

/// The intersection of `scorers`, each on its first document.
pub(crate) fn all_of_scorer(mut scorers: Vec<Box<dyn Scorer>>) -> Box<dyn Scorer> {
    if scorers.is_empty() || scorers.iter().any(|s| s.doc() == TERMINATED) {
        return Box::new(EmptyScorer);
    }
    if scorers.len() == 1 {
        return scorers.pop().unwrap_or_else(|| Box::new(EmptyScorer));
    }
    let mut parts: Vec<Part> = scorers.into_iter().map(Part::of).collect();
    // As tantivy: the cheapest clause leads (a stable sort, so equal costs
    // keep the order of the query).
    parts.sort_by_key(Part::cost);
    let mut candidate = parts.iter().map(Part::doc).max().unwrap_or(TERMINATED);
    // Every part is valid here and stays so: plain seeks until all agree.
    'outer: loop {
        for p in &mut parts {
            let doc = p.seek(candidate);
            if doc > candidate {
                candidate = doc;
                continue 'outer;
            }
        }
        break;
    }
    if candidate == TERMINATED {
        return Box::new(EmptyScorer);
    }
    Box::new(AllOfScorer { parts })
}

/// A clause of the intersection: a decoded list, a union of decoded lists,
/// or any other scorer.
enum Part {
    List(DecodedScorer),
    Union(Union),
    Other(Box<dyn Scorer>),
}

impl Part {
    fn of(scorer: Box<dyn Scorer>) -> Part {
        let scorer = match scorer.downcast::<DecodedScorer>() {
            Ok(list) => return Part::List(*list),
            Err(s) => s,
        };
        match scorer.downcast::<AnyOfScorer>() {
            Ok(any) => match any.into_lists() {
                Ok(lists) => Part::Union(Union::new(lists)),
                Err(any) => Part::Other(any),
            },
            Err(s) => Part::Other(s),
        }
    }

    #[inline]
    fn doc(&self) -> DocId {
        match self {
            Part::List(l) => l.doc(),
            Part::Union(u) => u.doc,
            Part::Other(s) => s.doc(),
        }
    }

    #[inline]
    fn seek(&mut self, target: DocId) -> DocId {
        match self {
            Part::List(l) => l.seek(target),
            Part::Union(u) => u.seek(target),
            Part::Other(s) => {
                if s.doc() >= target {
                    s.doc()
                } else {
                    s.seek(target)
                }
            }
        }
    }

    /// As [`DocSet::seek_danger`]: only `Other` may be left between
    /// documents (a phrase then only checks `target`); targets strictly
    /// increase, as that call demands.
    #[inline]
    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        let doc = match self {
            Part::List(l) => l.seek(target),
            Part::Union(u) => u.seek(target),
            Part::Other(s) => return s.seek_danger(target),
        };
        if doc == target && target != TERMINATED {
            SeekDangerResult::Found
        } else {
            SeekDangerResult::SeekLowerBound(doc)
        }
    }

    #[inline]
    fn score(&mut self) -> Score {
        match self {
            Part::List(l) => l.score(),
            Part::Union(u) => u.score(),
            Part::Other(s) => s.score(),
        }
    }

    fn cost(&self) -> u64 {
        match self {
            Part::List(l) => l.cost(),
            Part::Union(u) => u
                .lists
                .iter()
                .map(DocSet::cost)
                .fold(0, u64::saturating_add),
            Part::Other(s) => s.cost(),
        }
    }

    fn size_hint(&self) -> u32 {
        match self {
            Part::List(l) => l.size_hint(),
            Part::Union(u) => u
                .lists
                .iter()
                .map(DocSet::size_hint)
                .fold(0, u32::saturating_add),
            Part::Other(s) => s.size_hint(),
        }
    }
}

/// The decoded lists of one word (as [`AnyOfScorer`] unites them): on the
/// smallest of their documents, scored with the sum of the lists there, in
/// their order.
struct Union {
    lists: Vec<DecodedScorer>,
    doc: DocId,
}

impl Union {
    fn new(lists: Vec<DecodedScorer>) -> Union {
        let doc = lists.iter().map(DocSet::doc).min().unwrap_or(TERMINATED);
        Union { lists, doc }
    }

    #[inline]
    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut doc = TERMINATED;
        for l in &mut self.lists {
            doc = doc.min(l.seek(target));
        }
        self.doc = doc;
        doc
    }

    #[inline]
    fn score(&mut self) -> Score {
        let doc = self.doc;
        self.lists
            .iter_mut()
            .filter(|l| l.doc() == doc)
            .map(|l| l.score())
            .sum()
    }
}

/// Walks the intersection: the first part leads, the others are asked for
/// each of its documents.
struct AllOfScorer {
    /// At least two, the cheapest first; all on the same document when
    /// valid.
    parts: Vec<Part>,
}

impl AllOfScorer {
    /// Moves every part to the first common document from `candidate` on.
    fn align(&mut self, mut candidate: DocId) -> DocId {
        let Some((lead, rest)) = self.parts.split_first_mut() else {
            return TERMINATED;
        };
        'outer: loop {
            candidate = lead.seek(candidate);
            if candidate == TERMINATED {
                return TERMINATED;
            }
            for p in rest.iter_mut() {
                if let SeekDangerResult::SeekLowerBound(bound) = p.seek_danger(candidate) {
                    candidate = bound;
                    continue 'outer;
                }
            }
            return candidate;
        }
    }
}

impl DocSet for AllOfScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc();
        if doc == TERMINATED {
            return TERMINATED;
        }
        self.align(doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.doc();
        if target <= doc {
            return doc;
        }
        self.align(target)
    }

    fn doc(&self) -> DocId {
        self.parts.first().map_or(TERMINATED, Part::doc)
    }

    fn size_hint(&self) -> u32 {
        self.parts.iter().map(Part::size_hint).min().unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.parts.first().map_or(0, Part::cost)
    }
}

impl Scorer for AllOfScorer {
    /// The first two parts plus the sum of the others, as tantivy adds.
    fn score(&mut self) -> Score {
        match self.parts.as_mut_slice() {
            [first, second, others @ ..] => {
                first.score() + second.score() + others.iter_mut().map(Part::score).sum::<Score>()
            }
            [only] => only.score(),
            [] => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use tantivy::query::intersect_scorers;

    use super::*;
    use crate::query::any_of::any_of_scorer;
    use crate::query::decoded::Decoded;

    const DOCS: u32 = 5_000;

    /// Every document whose hash with `seed` is divisible by `every`, with a
    /// score from the same hash.
    fn list(seed: u32, every: u32) -> Arc<Decoded> {
        let hash = |doc: u32| (doc ^ seed).wrapping_mul(2_654_435_761).rotate_left(13);
        let docs: Vec<DocId> = (0..DOCS).filter(|&d| hash(d) % every == 0).collect();
        let scores = docs
            .iter()
            .map(|&d| (hash(d) % 1000) as Score / 7.0)
            .collect();
        Arc::new(Decoded {
            docs: docs.into_boxed_slice(),
            scores,
        })
    }

    /// A scorer that is neither a decoded list nor a union of them, and
    /// that answers `seek_danger` as lazily as allowed: a miss leaves it
    /// between documents with the weakest bound, `target + 1`.
    struct Lazy {
        docs: Vec<DocId>,
        at: usize,
        score: Score,
    }

    impl DocSet for Lazy {
        fn advance(&mut self) -> DocId {
            self.at += 1;
            self.doc()
        }

        fn seek(&mut self, target: DocId) -> DocId {
            self.at = self.docs.partition_point(|&d| d < target);
            self.doc()
        }

        fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
            match self.docs.binary_search(&target) {
                Ok(at) => {
                    self.at = at;
                    SeekDangerResult::Found
                }
                Err(_) => {
                    // Between documents: only `seek_danger` may follow.
                    self.at = usize::MAX;
                    SeekDangerResult::SeekLowerBound(target + 1)
                }
            }
        }

        fn doc(&self) -> DocId {
            self.docs.get(self.at).copied().unwrap_or(TERMINATED)
        }

        fn size_hint(&self) -> u32 {
            self.docs.len() as u32
        }
    }

    impl Scorer for Lazy {
        fn score(&mut self) -> Score {
            assert_ne!(self.at, usize::MAX, "scored between documents");
            self.score
        }
    }

    fn other(l: &Decoded, score: Score) -> Box<dyn Scorer> {
        Box::new(Lazy {
            docs: l.docs.to_vec(),
            at: 0,
            score,
        })
    }

    /// The clauses of one test query, made afresh for each scorer.
    fn clauses(lists: &[Arc<Decoded>]) -> Vec<Box<dyn Scorer>> {
        let d = |i: usize, boost| -> Box<dyn Scorer> {
            Box::new(DecodedScorer::new(lists[i].clone(), boost))
        };
        vec![
            d(0, 1.0),
            any_of_scorer(vec![d(1, 1.0), d(2, 0.3)]),
            other(&lists[3], 0.5),
            any_of_scorer(vec![d(4, 1.0), other(&lists[5], 0.25)]),
            d(6, 2.0),
        ]
    }

    /// Documents and score bits, moving alternately by `advance` and by a
    /// `seek` a few documents ahead.
    fn walk(mut s: Box<dyn Scorer>) -> Vec<(DocId, u32)> {
        let mut out = Vec::new();
        let mut doc = s.doc();
        while doc != TERMINATED {
            out.push((doc, s.score().to_bits()));
            doc = if out.len() % 2 == 0 {
                s.advance()
            } else {
                s.seek(doc + 1 + doc % 7)
            };
        }
        out
    }

    #[test]
    fn it_matches_and_scores_as_tantivys_intersection() {
        let lists: Vec<Arc<Decoded>> = [(1, 2), (2, 3), (3, 4), (4, 2), (5, 3), (6, 5), (7, 2)]
            .iter()
            .map(|&(seed, every)| list(seed, every))
            .collect();
        for n in 2..=5 {
            let ours = walk(all_of_scorer(clauses(&lists).into_iter().take(n).collect()));
            let theirs = walk(intersect_scorers(
                clauses(&lists).into_iter().take(n).collect(),
                DOCS,
            ));
            assert!(!ours.is_empty(), "{n} clauses still match something");
            assert_eq!(ours, theirs, "{n} clauses");
        }
    }

    #[test]
    fn the_decoded_parts_are_read_as_arrays() {
        let lists: Vec<Arc<Decoded>> = (1..=7).map(|seed| list(seed, 2)).collect();
        let parts: Vec<Part> = clauses(&lists).into_iter().map(Part::of).collect();
        let kinds: Vec<&str> = parts
            .iter()
            .map(|p| match p {
                Part::List(_) => "list",
                Part::Union(_) => "union",
                Part::Other(_) => "other",
            })
            .collect();
        assert_eq!(kinds, ["list", "union", "other", "other", "list"]);
    }

    #[test]
    fn a_clause_without_documents_empties_the_intersection() {
        let lists: Vec<Arc<Decoded>> = (1..=7).map(|seed| list(seed, 2)).collect();
        let mut scorers = clauses(&lists);
        scorers.push(Box::new(DecodedScorer::new(
            Arc::new(Decoded::default()),
            1.0,
        )));
        assert_eq!(all_of_scorer(scorers).doc(), TERMINATED);
        let disjoint = vec![
            Box::new(DecodedScorer::new(list(1, 1), 1.0)) as Box<dyn Scorer>,
            other(&Decoded::default(), 1.0),
        ];
        assert_eq!(all_of_scorer(disjoint).doc(), TERMINATED);
    }
}
