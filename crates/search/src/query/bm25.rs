//! BM25 as tantivy scores it, with one length-norm table per field.
//!
//! tantivy's `Bm25Weight` computes its table of 256 length norms for every
//! term (about 700 instructions), although the table depends only on the
//! field's average length. [`Bm25`] shares one table per field and index
//! generation, and computes a score with the same operations in the same
//! order, so scores are the same to the bit (a test checks this).

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25Weight;
use tantivy::Score;

/// Term-frequency saturation (tantivy's `K1`).
const K1: Score = 1.2;
/// Length normalisation (tantivy's `B`).
const B: Score = 0.75;

/// The length-norm part of BM25 for each of the 256 length codes of a field.
pub(crate) type Norms = Arc<[Score; 256]>;

/// The table of a field whose average length is `average`.
pub(crate) fn norms(average: Score) -> Norms {
    let mut table = [0.0; 256];
    for (id, norm) in table.iter_mut().enumerate() {
        let length = FieldNormReader::id_to_fieldnorm(id as u8);
        *norm = K1 * (1.0 - B + B * length as Score / average);
    }
    Arc::new(table)
}

/// BM25 of one term.
#[derive(Clone)]
pub(crate) struct Bm25 {
    /// idf × (K1 + 1).
    weight: Score,
    norms: Norms,
    doc_freq: u64,
    total_docs: u64,
    average: Score,
}

impl Bm25 {
    /// A term in `doc_freq` of `total_docs` documents, in a field of
    /// `average` length with the table `norms` (of that average).
    pub(crate) fn new(doc_freq: u64, total_docs: u64, average: Score, norms: Norms) -> Bm25 {
        // A term cannot be in more documents than there are; a damaged count
        // must not panic (tantivy asserts), so it is read as "in every one".
        let doc_freq = doc_freq.min(total_docs);
        let x = ((total_docs - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
        let idf = (1.0 + x).ln();
        Bm25 {
            weight: idf * (1.0 + K1),
            norms,
            doc_freq,
            total_docs,
            average,
        }
    }

    /// The score of a document of length code `fieldnorm_id` with the term
    /// `term_freq` times.
    #[inline]
    pub(crate) fn score(&self, fieldnorm_id: u8, term_freq: u32) -> Score {
        let term_freq = term_freq as Score;
        let norm = self.norms[fieldnorm_id as usize];
        self.weight * (term_freq / (term_freq + norm))
    }

    /// tantivy's weight for the same term, for explanations.
    pub(crate) fn tantivy(&self) -> Bm25Weight {
        Bm25Weight::for_one_term(self.doc_freq, self.total_docs, self.average)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_tantivys_to_the_bit() {
        for average in [1.0, 7.3, 180.25, 4_321.0] {
            let table = norms(average);
            for (doc_freq, total) in [(1, 1), (1, 19_685), (700, 19_685), (19_685, 19_685)] {
                let ours = Bm25::new(doc_freq, total, average, table.clone());
                let theirs = Bm25Weight::for_one_term_without_explain(doc_freq, total, average);
                for id in [0u8, 1, 17, 100, 255] {
                    for tf in [1u32, 2, 9, 1_000] {
                        assert_eq!(
                            ours.score(id, tf).to_bits(),
                            theirs.score(id, tf).to_bits(),
                            "df {doc_freq}/{total}, average {average}, code {id}, tf {tf}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_count_above_the_documents_does_not_panic() {
        let b = Bm25::new(10, 5, 3.0, norms(3.0));
        assert!(b.score(3, 1).is_finite());
    }
}
