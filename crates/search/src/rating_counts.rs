//! Counting the erkenningsniveau facet at query time: only ratings that are
//! still valid on the search's day count (validity is stored per document,
//! so no reindex is needed when a rating expires).

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::ColumnValues;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};
use watwerkt_domain::{Coded, Rating};

use crate::hits::expired;

/// Counts per rating rank (index 0: unrated or expired).
pub(crate) type RankCounts = [u64; 6];

/// Counts the valid ratings of the matching documents.
pub(crate) struct RatingCounter {
    /// Days since 0001-01-01 of the search's day; `None`: every rating counts.
    pub today: Option<u64>,
}

pub(crate) struct SegmentRatingCounter {
    today: Option<u64>,
    rank: Arc<dyn ColumnValues<u64>>,
    valid_until: Arc<dyn ColumnValues<u64>>,
    counts: RankCounts,
}

impl Collector for RatingCounter {
    type Fruit = RankCounts;
    type Child = SegmentRatingCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentRatingCounter> {
        let fast = reader.fast_fields();
        Ok(SegmentRatingCounter {
            today: self.today,
            rank: fast.u64("rating_rank")?.first_or_default_col(0),
            valid_until: fast.u64("valid_until_days")?.first_or_default_col(0),
            counts: [0; 6],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<RankCounts>) -> tantivy::Result<RankCounts> {
        let mut out = [0; 6];
        for f in fruits {
            for (o, n) in out.iter_mut().zip(f) {
                *o += n;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentRatingCounter {
    type Fruit = RankCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let rank = self.rank.get_val(doc);
        let rank = if rank > 0 && expired(self.valid_until.get_val(doc), self.today) {
            0
        } else {
            rank
        };
        if let Some(c) = usize::try_from(rank)
            .ok()
            .and_then(|r| self.counts.get_mut(r))
        {
            *c += 1;
        }
    }

    fn harvest(self) -> RankCounts {
        self.counts
    }
}

/// The rating codes with their counts (ranked levels only, zeros left out).
pub(crate) fn by_code(counts: &RankCounts) -> Vec<(String, u64)> {
    Rating::ALL
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let n = counts.get(i + 1).copied().unwrap_or(0);
            (n > 0).then(|| (r.code().to_string(), n))
        })
        .collect()
}
