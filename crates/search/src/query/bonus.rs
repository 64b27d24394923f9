//! A required query plus bonus clauses that only add score.
//!
//! tantivy's `BooleanQuery` scores its SHOULD clauses next to MUST clauses as
//! one buffered union: whenever the required part jumps more than 4,096
//! documents ahead, the union clears a 16 KB score buffer and scores every
//! posting of every SHOULD clause in the next window, also in documents the
//! required part never visits. A known-item query matches a handful of
//! documents, so nearly all of that work is thrown away.
//!
//! [`BonusQuery`] matches exactly what its required query matches. Each bonus
//! clause is a scorer of its own that is moved (with its skip list) to a
//! document only when that document's score is asked, and adds its score when it
//! is there. A phrase bonus only checks that document's positions; it does not
//! go looking for its next match further on. The score is the same sum a `BooleanQuery` with MUST and SHOULD
//! clauses gives.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term, TERMINATED};

/// `required`, scored with the sum of the `bonus` clauses that also match.
#[derive(Debug)]
pub struct BonusQuery {
    required: Box<dyn Query>,
    bonus: Vec<Box<dyn Query>>,
}

impl Clone for BonusQuery {
    fn clone(&self) -> Self {
        BonusQuery {
            required: self.required.box_clone(),
            bonus: self.bonus.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl BonusQuery {
    /// Matches what `required` matches; `bonus` clauses only add score.
    pub fn new(required: Box<dyn Query>, bonus: Vec<Box<dyn Query>>) -> BonusQuery {
        BonusQuery { required, bonus }
    }
}

impl Query for BonusQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let required = self.required.weight(scoring)?;
        if !scoring.is_scoring_enabled() || self.bonus.is_empty() {
            return Ok(required);
        }
        let bonus = self
            .bonus
            .iter()
            .map(|q| q.weight(scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(BonusWeight { required, bonus }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.required.query_terms(visitor);
        for q in &self.bonus {
            q.query_terms(visitor);
        }
    }
}

struct BonusWeight {
    required: Box<dyn Weight>,
    bonus: Vec<Box<dyn Weight>>,
}

impl Weight for BonusWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let required = self.required.scorer(reader, boost)?;
        if required.doc() == TERMINATED {
            return Ok(required);
        }
        let mut bonus = Vec::with_capacity(self.bonus.len());
        for w in &self.bonus {
            let s = w.scorer(reader, boost)?;
            if s.doc() != TERMINATED {
                bonus.push(Bonus::new(s));
            }
        }
        if bonus.is_empty() {
            return Ok(required);
        }
        Ok(Box::new(BonusScorer { required, bonus }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let required = self.required.explain(reader, doc)?;
        let mut details = vec![required];
        for w in &self.bonus {
            if let Ok(e) = w.explain(reader, doc) {
                details.push(e);
            }
        }
        let total = details.iter().map(Explanation::value).sum();
        let mut out = Explanation::new("required plus bonus, sum of", total);
        for d in details {
            out.add_detail(d);
        }
        Ok(out)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.required.count(reader)
    }
}

struct BonusScorer {
    required: Box<dyn Scorer>,
    bonus: Vec<Bonus>,
}

/// A bonus clause and what is known of it: no match before `next`, and
/// whether it stands (validly) on `next`.
struct Bonus {
    scorer: Box<dyn Scorer>,
    next: DocId,
    on_next: bool,
}

impl Bonus {
    fn new(scorer: Box<dyn Scorer>) -> Bonus {
        Bonus {
            next: scorer.doc(),
            on_next: true,
            scorer,
        }
    }

    /// The clause's score on `doc`, if it matches there. Asks with
    /// `seek_danger`: a phrase then only checks `doc` instead of searching
    /// for its next match. Targets only increase, as that call demands.
    fn score_on(&mut self, doc: DocId) -> Option<Score> {
        if doc < self.next {
            return None;
        }
        if doc > self.next || !self.on_next {
            match self.scorer.seek_danger(doc) {
                SeekDangerResult::Found => {
                    self.next = doc;
                    self.on_next = true;
                }
                SeekDangerResult::SeekLowerBound(bound) => {
                    self.next = bound;
                    self.on_next = false;
                    return None;
                }
            }
        }
        Some(self.scorer.score())
    }
}

impl DocSet for BonusScorer {
    fn advance(&mut self) -> DocId {
        self.required.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.required.seek(target)
    }

    fn doc(&self) -> DocId {
        self.required.doc()
    }

    fn size_hint(&self) -> u32 {
        self.required.size_hint()
    }

    fn cost(&self) -> u64 {
        self.required.cost()
    }
}

impl Scorer for BonusScorer {
    fn score(&mut self) -> Score {
        let doc = self.required.doc();
        let mut score = self.required.score();
        for b in &mut self.bonus {
            if let Some(s) = b.score_on(doc) {
                score += s;
            }
        }
        score
    }
}
