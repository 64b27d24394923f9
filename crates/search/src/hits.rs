//! Reading results from fast columns: a result list without snippets never
//! touches the (compressed) stored documents.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use tantivy::columnar::{ColumnValues, StrColumn};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocAddress, Searcher};
use watwerkt_domain::{Coded, Rating};

use crate::doc::Kind;
use crate::facets::Dimension;
use crate::results::Hit;

/// A text column with its dictionary read into memory once per index
/// generation: a hit's title, key and URL are then an array lookup, not an
/// SSTable block decoded per value (≈5 µs each).
struct StrTable {
    column: Option<StrColumn>,
    terms: Vec<String>,
}

impl StrTable {
    fn open(column: Option<StrColumn>) -> crate::Result<StrTable> {
        let mut terms = Vec::new();
        if let Some(c) = &column {
            terms.reserve(c.num_terms());
            let mut stream = c
                .dictionary()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                terms.push(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        Ok(StrTable { column, terms })
    }

    fn get(&self, doc: u32) -> &str {
        self.column
            .as_ref()
            .and_then(|c| c.term_ords(doc).next())
            .and_then(|ord| usize::try_from(ord).ok())
            .and_then(|i| self.terms.get(i))
            .map_or("", String::as_str)
    }
}

struct SegmentColumns {
    key: StrTable,
    title: StrTable,
    url: StrTable,
    detail: StrTable,
    valid_until: std::sync::Arc<dyn ColumnValues<u64>>,
    example: std::sync::Arc<dyn ColumnValues<u64>>,
    rating_rank: std::sync::Arc<dyn ColumnValues<u64>>,
    date_days: std::sync::Arc<dyn ColumnValues<u64>>,
    facets: FacetReader,
    /// Per facet ordinal: its dimension and value (themes and groups only).
    facet_values: Vec<Option<(Dimension, String)>>,
}

/// The columns of every segment of one index generation (opening a column
/// costs tens of microseconds: done once per commit, not per query).
#[derive(Default)]
pub(crate) struct ColumnsCache {
    inner: Mutex<Option<(u64, Arc<Vec<SegmentColumns>>)>>,
}

impl ColumnsCache {
    fn get(&self, searcher: &Searcher) -> crate::Result<Arc<Vec<SegmentColumns>>> {
        let generation = searcher.generation().generation_id();
        {
            let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((g, cols)) = guard.as_ref() {
                if *g == generation {
                    return Ok(cols.clone());
                }
            }
        }
        let cols = Arc::new(
            searcher
                .segment_readers()
                .iter()
                .map(SegmentColumns::open)
                .collect::<crate::Result<Vec<_>>>()?,
        );
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *guard = Some((generation, cols.clone()));
        Ok(cols)
    }
}

impl SegmentColumns {
    fn open(reader: &tantivy::SegmentReader) -> crate::Result<SegmentColumns> {
        let fast = reader.fast_fields();
        let facets = reader.facet_reader("facets")?;
        let mut facet_values = Vec::with_capacity(facets.num_facets());
        let mut stream = facets
            .facet_dict()
            .stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            let facet = Facet::from_encoded(stream.key().to_vec()).ok();
            let value = facet.as_ref().and_then(|f| match f.to_path().as_slice() {
                [root, value] if *root == Dimension::Theme.code() => {
                    Some((Dimension::Theme, value.to_string()))
                }
                [root, value] if *root == Dimension::Group.code() => {
                    Some((Dimension::Group, value.to_string()))
                }
                _ => None,
            });
            facet_values.push(value);
        }
        Ok(SegmentColumns {
            key: StrTable::open(fast.str("key")?)?,
            title: StrTable::open(fast.str("title")?)?,
            url: StrTable::open(fast.str("url")?)?,
            detail: StrTable::open(fast.str("detail")?)?,
            valid_until: fast.u64("valid_until_days")?.first_or_default_col(0),
            example: fast.u64("example")?.first_or_default_col(0),
            rating_rank: fast.u64("rating_rank")?.first_or_default_col(0),
            date_days: fast.u64("date_days")?.first_or_default_col(0),
            facets,
            facet_values,
        })
    }
}

/// Reads hits from the cached columns.
pub(crate) struct HitReader {
    segments: Arc<Vec<SegmentColumns>>,
    today: Option<u64>,
}

/// Whether a rating that is valid up to `valid_until` (days) has expired on `today`.
pub(crate) fn expired(valid_until: u64, today: Option<u64>) -> bool {
    today.is_some_and(|t| valid_until < t)
}

fn date_of(days: u64) -> Option<NaiveDate> {
    i32::try_from(days)
        .ok()
        .filter(|d| *d > 0)
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

impl HitReader {
    pub(crate) fn new(
        searcher: &Searcher,
        cache: &ColumnsCache,
        today: Option<NaiveDate>,
    ) -> crate::Result<Self> {
        Ok(HitReader {
            segments: cache.get(searcher)?,
            today: today.map(crate::write::days),
        })
    }

    /// The hit at `addr`, without snippets.
    pub(crate) fn hit(&self, addr: DocAddress, score: f32) -> crate::Result<Hit> {
        let c = self
            .segments
            .get(addr.segment_ord as usize)
            .ok_or_else(|| tantivy::TantivyError::InternalError("no such segment".into()))?;
        let doc = addr.doc_id;
        let key = c.key.get(doc);
        let (kind, id) = key.split_once('/').unwrap_or(("", key));
        let rank = c.rating_rank.get_val(doc);
        let rating = usize::try_from(rank)
            .ok()
            .and_then(|r| r.checked_sub(1))
            .and_then(|i| Rating::ALL.get(i))
            .map(|r| r.code().to_string());
        let date = date_of(c.date_days.get_val(doc));
        let valid_until = c.valid_until.get_val(doc);
        let rated = rating.is_some();
        let rating_expired = rated && expired(valid_until, self.today);
        let detail = c.detail.get(doc);
        let mut themes = Vec::new();
        let mut groups = Vec::new();
        for ord in c.facets.facet_ords(doc) {
            match usize::try_from(ord)
                .ok()
                .and_then(|i| c.facet_values.get(i))
            {
                Some(Some((Dimension::Theme, v))) => themes.push(v.clone()),
                Some(Some((Dimension::Group, v))) => groups.push(v.clone()),
                _ => {}
            }
        }
        let title = c.title.get(doc).to_string();
        Ok(Hit {
            id: id.to_string(),
            kind: Kind::from_code(kind).unwrap_or(Kind::Publication),
            title_html: crate::snippets::escape(&title),
            title,
            snippet_html: String::new(),
            url: c.url.get(doc).to_string(),
            rating,
            date,
            themes,
            groups,
            score,
            rating_valid_until: if rated { date_of(valid_until) } else { None },
            rating_expired,
            example_data: c.example.get_val(doc) != 0,
            detail: (!detail.is_empty()).then(|| detail.to_string()),
        })
    }
}
