//! Posting lists decoded into memory: documents in order, each with its
//! BM25 score, read by a scorer that is only an index into two arrays.
//!
//! A term's list is decoded by the [`super::term_cache`] at its second use;
//! the compounds of a query word are decoded together, as one list whose
//! scores are their sums (see [`super::compounds`]).

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::InvertedIndexReader;
use tantivy::postings::TermInfo;
use tantivy::query::{Explanation, Scorer};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, TERMINATED};

use super::bm25::Bm25;

/// A decoded posting list: its documents in order, each with its score
/// without boost.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Decoded {
    pub(crate) docs: Box<[DocId]>,
    pub(crate) scores: Box<[Score]>,
}

/// Decodes the postings of `info`, scoring each document with `bm25` and the
/// length norms `norms`. Block by block: a block's documents and frequencies
/// come decoded together, so the loop only scores.
pub(crate) fn decode(
    index: &InvertedIndexReader,
    info: &TermInfo,
    norms: &FieldNormReader,
    bm25: &Bm25,
) -> std::io::Result<Decoded> {
    let n = info.doc_freq as usize;
    let mut block = index.read_block_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
    let mut docs = Vec::with_capacity(n);
    let mut scores = Vec::with_capacity(n);
    while docs.len() < n && !block.docs().is_empty() {
        let (block_docs, freqs) = (block.docs(), block.freqs());
        docs.extend_from_slice(block_docs);
        if freqs.len() == block_docs.len() {
            scores.extend(
                block_docs
                    .iter()
                    .zip(freqs)
                    .map(|(&doc, &tf)| bm25.score(norms.fieldnorm_id(doc), tf)),
            );
        } else {
            // No frequencies stored: each document counts the term once.
            scores.extend(
                block_docs
                    .iter()
                    .map(|&doc| bm25.score(norms.fieldnorm_id(doc), 1)),
            );
        }
        block.advance();
    }
    Ok(Decoded {
        docs: docs.into_boxed_slice(),
        scores: scores.into_boxed_slice(),
    })
}

/// The union of `lists`: every document of any list, scored with the sum of
/// its scores, added in the order of the lists.
///
/// The lists are laid one after another and sorted by document with a
/// stable sort, which merges the sorted runs it finds (`O(n log k)`, where
/// merging two at a time went over the growing result once per list); a
/// document's scores then stand in the order of their lists, and are added
/// in that order, so the sums are those of a merge list by list.
pub(crate) fn union<L: AsRef<[Decoded]>>(lists: L) -> Decoded {
    let lists = lists.as_ref();
    // Sized once: growing it by doubling copied it and, for long lists,
    // took fresh memory from the system at every step.
    let mut pairs: Vec<(DocId, Score)> =
        Vec::with_capacity(lists.iter().map(|l| l.docs.len()).sum());
    for list in lists {
        pairs.extend(list.docs.iter().copied().zip(list.scores.iter().copied()));
    }
    if lists.len() > 1 {
        pairs.sort_by_key(|&(doc, _)| doc);
    }
    let mut docs: Vec<DocId> = Vec::with_capacity(pairs.len());
    let mut scores: Vec<Score> = Vec::with_capacity(pairs.len());
    for (doc, score) in pairs {
        match (docs.last(), scores.last_mut()) {
            (Some(&last), Some(sum)) if last == doc => *sum += score,
            _ => {
                docs.push(doc);
                scores.push(score);
            }
        }
    }
    Decoded {
        docs: docs.into_boxed_slice(),
        scores: scores.into_boxed_slice(),
    }
}

/// A decoded list as a scorer: an index into two arrays.
pub(crate) struct DecodedScorer {
    list: Arc<Decoded>,
    at: usize,
    /// The document at `at` (or `TERMINATED`), kept: `doc` is asked far more
    /// often than the scorer moves.
    doc: DocId,
    boost: Score,
}

impl DecodedScorer {
    pub(crate) fn new(list: Arc<Decoded>, boost: Score) -> DecodedScorer {
        let doc = list.docs.first().copied().unwrap_or(TERMINATED);
        DecodedScorer {
            list,
            at: 0,
            doc,
            boost,
        }
    }

    fn go_to(&mut self, at: usize) -> DocId {
        self.at = at.min(self.list.docs.len());
        self.doc = self.list.docs.get(self.at).copied().unwrap_or(TERMINATED);
        self.doc
    }
}

impl DocSet for DecodedScorer {
    fn advance(&mut self) -> DocId {
        self.go_to(self.at + 1)
    }

    /// Gallops from the current document, then searches the last step.
    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let docs = &self.list.docs[..];
        let mut low = self.at;
        let mut step = 1;
        let mut high = low + step;
        while high < docs.len() && docs[high] < target {
            low = high;
            step *= 2;
            high = low + step;
        }
        let high = high.min(docs.len());
        let at = low + docs[low..high].partition_point(|&d| d < target);
        self.go_to(at)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.list.docs.len()).unwrap_or(u32::MAX)
    }

    fn cost(&self) -> u64 {
        self.list.docs.len() as u64
    }
}

impl Scorer for DecodedScorer {
    fn score(&mut self) -> Score {
        self.boost * self.list.scores.get(self.at).copied().unwrap_or(0.0)
    }
}

/// The score `scorer` gives `doc`, as an explanation named `what`; an error
/// when `doc` does not match.
pub(crate) fn explain_score(
    mut scorer: Box<dyn Scorer>,
    doc: DocId,
    what: &'static str,
) -> tantivy::Result<Explanation> {
    let at = if scorer.doc() < doc {
        scorer.seek(doc)
    } else {
        scorer.doc()
    };
    if at != doc {
        return Err(tantivy::TantivyError::InvalidArgument(format!(
            "document {doc} does not match"
        )));
    }
    Ok(Explanation::new(what, scorer.score()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(pairs: &[(DocId, Score)]) -> Decoded {
        Decoded {
            docs: pairs.iter().map(|p| p.0).collect(),
            scores: pairs.iter().map(|p| p.1).collect(),
        }
    }

    #[test]
    fn a_union_has_every_document_once_with_the_sum_of_its_scores() {
        let u = union([
            list(&[(1, 1.0), (5, 2.0), (9, 4.0)]),
            list(&[(0, 0.5), (5, 0.25), (12, 8.0)]),
            list(&[(5, 16.0), (9, 32.0)]),
        ]);
        assert_eq!(
            u,
            list(&[
                (0, 0.5),
                (1, 1.0),
                (5, 2.0 + 0.25 + 16.0),
                (9, 4.0 + 32.0),
                (12, 8.0)
            ])
        );
    }

    #[test]
    fn the_sums_of_a_union_are_added_in_the_order_of_the_lists() {
        // In f32, 1e8 + 1 is 1e8: another order gives another sum.
        let u = union([
            list(&[(2, 1e8)]),
            list(&[(1, 3.0), (2, 1.0)]),
            list(&[(2, -1e8), (7, 1.0)]),
        ]);
        assert_eq!(u, list(&[(1, 3.0), (2, 0.0), (7, 1.0)]));
        let reversed = union([
            list(&[(2, -1e8), (7, 1.0)]),
            list(&[(2, 1e8)]),
            list(&[(1, 3.0), (2, 1.0)]),
        ]);
        assert_eq!(reversed, list(&[(1, 3.0), (2, 1.0), (7, 1.0)]));
    }

    #[test]
    fn a_union_of_one_list_or_none_is_that_list_or_empty() {
        assert_eq!(union([list(&[(3, 1.0)])]), list(&[(3, 1.0)]));
        assert_eq!(union([list(&[]), list(&[(3, 1.0)])]), list(&[(3, 1.0)]));
        assert_eq!(union(Vec::new()), Decoded::default());
    }

    #[test]
    fn the_scorer_walks_and_seeks_the_list() {
        let mut s = DecodedScorer::new(
            Arc::new(list(&[(2, 1.0), (4, 2.0), (8, 3.0), (16, 4.0)])),
            2.0,
        );
        assert_eq!(s.doc(), 2);
        assert_eq!(s.score(), 2.0);
        assert_eq!(s.seek(3), 4);
        assert_eq!(s.seek(4), 4, "a seek to the current document stays");
        assert_eq!(s.seek(9), 16);
        assert_eq!(s.score(), 8.0);
        assert_eq!(s.advance(), TERMINATED);
        assert_eq!(s.seek(100), TERMINATED);
    }

    #[test]
    fn an_explanation_gives_the_score_of_a_matching_document_only() {
        let scorer = || -> Box<dyn Scorer> {
            Box::new(DecodedScorer::new(
                Arc::new(list(&[(2, 1.0), (8, 3.0)])),
                2.0,
            ))
        };
        let e = explain_score(scorer(), 8, "kept").expect("document 8 matches");
        assert_eq!(e.value(), 6.0);
        assert!(explain_score(scorer(), 5, "kept").is_err());
        assert!(explain_score(scorer(), 1, "kept").is_err());
    }
}
