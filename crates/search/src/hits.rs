//! Reading results from fast columns: a result list without snippets never
//! touches the (compressed) stored documents.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use tantivy::columnar::{ColumnValues, StrColumn};
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocAddress, Searcher};
use watwerkt_domain::{Coded, Rating};

use crate::doc::Kind;
use crate::facets::Dimension;
use crate::results::Hit;

/// A text column with its dictionary read into memory, to fill the hit
/// records (an SSTable block decoded per value costs ≈5 µs).
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

/// What a hit shows of one document, in one record; its texts are one run
/// of bytes in [`SegmentColumns::text`]: key, title, URL, detail. Read
/// from the columns, a hit was a chain of dependent reads per field
/// (column index, values, dictionary, string), each a cache miss in a
/// server whose caches the other requests have just filled: ten hits took
/// a tenth of an items-only search request.
#[derive(Debug)]
struct Record {
    /// Where the texts start in `text`, and each one's length in bytes.
    start: u32,
    key: u32,
    title: u32,
    url: u32,
    detail: u32,
    rating_rank: u64,
    date_days: u64,
    valid_until: u64,
    example: bool,
    /// The document's themes and groups: a range of `facet_ords`.
    facets: (u32, u32),
}

struct SegmentColumns {
    /// One per document of the segment.
    records: Vec<Record>,
    text: String,
    /// Indexes into `facet_values`.
    facet_ords: Vec<u32>,
    /// Per facet ordinal: its dimension and value (themes and groups only).
    facet_values: Vec<Option<(Dimension, String)>>,
}

/// The hit records of every segment of one index generation (building
/// them costs about 20 ms on the laws index: done once per generation, not
/// per query). A segment never changes once written (a deletion only marks
/// its documents), so a new generation takes over the records of the
/// segments it shares with the one before and builds only the new ones:
/// after an edit, the few documents of its segment.
#[derive(Default)]
pub(crate) struct ColumnsCache {
    inner: Mutex<Option<Built>>,
}

/// The records of one generation, by segment ordinal.
struct Built {
    generation: u64,
    ids: Vec<SegmentId>,
    segments: Segments,
}

type Segments = Arc<Vec<Arc<SegmentColumns>>>;

impl ColumnsCache {
    /// Builds the records of `searcher`'s generation, unless built already.
    pub(crate) fn prepare(&self, searcher: &Searcher) -> crate::Result<()> {
        self.get(searcher).map(drop)
    }

    /// The generation whose records are built.
    #[cfg(test)]
    pub(crate) fn generation(&self) -> Option<u64> {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        guard.as_ref().map(|b| b.generation)
    }

    /// The records of the segment `id`, if they are built.
    #[cfg(test)]
    fn segment(&self, id: SegmentId) -> Option<Arc<SegmentColumns>> {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let built = guard.as_ref()?;
        let i = built.ids.iter().position(|s| *s == id)?;
        built.segments.get(i).cloned()
    }

    fn get(&self, searcher: &Searcher) -> crate::Result<Segments> {
        let generation = searcher.generation().generation_id();
        let before: Vec<(SegmentId, Arc<SegmentColumns>)> = {
            let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            match guard.as_ref() {
                Some(b) if b.generation == generation => return Ok(b.segments.clone()),
                Some(b) => b
                    .ids
                    .iter()
                    .copied()
                    .zip(b.segments.iter().cloned())
                    .collect(),
                None => Vec::new(),
            }
        };
        let readers = searcher.segment_readers();
        let ids: Vec<SegmentId> = readers.iter().map(|r| r.segment_id()).collect();
        let segments = Arc::new(
            readers
                .iter()
                .map(
                    |r| match before.iter().find(|(id, _)| *id == r.segment_id()) {
                        Some((_, kept)) => Ok(kept.clone()),
                        None => SegmentColumns::open(r).map(Arc::new),
                    },
                )
                .collect::<crate::Result<Vec<_>>>()?,
        );
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *guard = Some(Built {
            generation,
            ids,
            segments: segments.clone(),
        });
        Ok(segments)
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
        let texts = [
            StrTable::open(fast.str("key")?)?,
            StrTable::open(fast.str("title")?)?,
            StrTable::open(fast.str("url")?)?,
            StrTable::open(fast.str("detail")?)?,
        ];
        let number = |name: &str| fast.u64(name).map(|c| c.first_or_default_col(0));
        let valid_until = number("valid_until_days")?;
        let example = number("example")?;
        let rating_rank = number("rating_rank")?;
        let date_days = number("date_days")?;
        let max_doc = reader.max_doc();
        let mut columns = SegmentColumns {
            records: Vec::with_capacity(max_doc as usize),
            text: String::new(),
            facet_ords: Vec::new(),
            facet_values,
        };
        for doc in 0..max_doc {
            let start = offset(columns.text.len())?;
            let [key, title, url, detail] = texts.each_ref().map(|t| {
                let s = t.get(doc);
                columns.text.push_str(s);
                s.len()
            });
            let facets_start = offset(columns.facet_ords.len())?;
            for ord in facets.facet_ords(doc) {
                let Ok(i) = usize::try_from(ord) else {
                    continue;
                };
                if columns.facet_values.get(i).is_some_and(Option::is_some) {
                    columns.facet_ords.push(offset(i)?);
                }
            }
            columns.records.push(Record {
                start,
                key: offset(key)?,
                title: offset(title)?,
                url: offset(url)?,
                detail: offset(detail)?,
                rating_rank: rating_rank.get_val(doc),
                date_days: date_days.get_val(doc),
                valid_until: valid_until.get_val(doc),
                example: example.get_val(doc) != 0,
                facets: (facets_start, offset(columns.facet_ords.len())?),
            });
        }
        columns.text.shrink_to_fit();
        Ok(columns)
    }
}

/// A length or position in the hit records (a segment's texts stay far
/// below 4 GB).
fn offset(n: usize) -> crate::Result<u32> {
    u32::try_from(n)
        .map_err(|_| tantivy::TantivyError::InternalError("hit texts above 4 GB".into()).into())
}

/// Reads hits from the cached columns.
pub(crate) struct HitReader {
    segments: Segments,
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
        let missing = || tantivy::TantivyError::InternalError("no such document".into());
        let c = self
            .segments
            .get(addr.segment_ord as usize)
            .ok_or_else(missing)?;
        let r = c.records.get(addr.doc_id as usize).ok_or_else(missing)?;
        let mut at = r.start as usize;
        let mut next = |len: u32| {
            let s = c.text.get(at..at + len as usize).unwrap_or("");
            at += len as usize;
            s
        };
        let (key, title, url, detail) = (next(r.key), next(r.title), next(r.url), next(r.detail));
        let (kind, id) = key.split_once('/').unwrap_or(("", key));
        let rating = usize::try_from(r.rating_rank)
            .ok()
            .and_then(|r| r.checked_sub(1))
            .and_then(|i| Rating::ALL.get(i))
            .map(|r| r.code().to_string());
        let rated = rating.is_some();
        let mut themes = Vec::new();
        let mut groups = Vec::new();
        let ords = c
            .facet_ords
            .get(r.facets.0 as usize..r.facets.1 as usize)
            .unwrap_or_default();
        for ord in ords {
            match c.facet_values.get(*ord as usize) {
                Some(Some((Dimension::Theme, v))) => themes.push(v.clone()),
                Some(Some((Dimension::Group, v))) => groups.push(v.clone()),
                _ => {}
            }
        }
        Ok(Hit {
            id: id.to_string(),
            kind: Kind::from_code(kind).unwrap_or(Kind::Publication),
            title_html: crate::snippets::escape(title),
            title: title.to_string(),
            snippet_html: String::new(),
            url: url.to_string(),
            rating,
            date: date_of(r.date_days),
            themes,
            groups,
            score,
            rating_valid_until: if rated { date_of(r.valid_until) } else { None },
            rating_expired: rated && expired(r.valid_until, self.today),
            example_data: r.example,
            detail: (!detail.is_empty()).then(|| detail.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::{SearchDoc, SearchIndex};

    fn doc(id: &str, title: &str) -> SearchDoc {
        SearchDoc {
            id: id.to_owned(),
            title: title.to_owned(),
            url: format!("/interventies/{id}"),
            ..SearchDoc::default()
        }
    }

    /// An index rebuilt with two documents, "a" and "b".
    fn rebuilt() -> SearchIndex {
        let index = SearchIndex::in_memory().unwrap();
        index
            .rebuild([doc("a", "Schuldhulp"), doc("b", "Mantelzorg")])
            .unwrap();
        index
    }

    #[test]
    fn a_rebuilt_index_has_its_hit_records_before_the_first_search() {
        let index = rebuilt();
        let generation = index.searcher().generation().generation_id();
        assert_eq!(index.columns.generation(), Some(generation));
    }

    #[test]
    fn a_commit_builds_the_records_of_new_segments_only_and_before_the_first_search() {
        let index = rebuilt();
        let first = index.searcher().segment_reader(0).segment_id();
        let kept = index.columns.segment(first).unwrap();

        index.upsert(&doc("c", "Eenzaamheid bij ouderen")).unwrap();
        index.commit().unwrap();
        let searcher = index.searcher();
        assert_eq!(
            index.columns.generation(),
            Some(searcher.generation().generation_id()),
            "built at the commit"
        );
        assert_eq!(searcher.segment_readers().len(), 2);
        assert!(
            std::sync::Arc::ptr_eq(&index.columns.segment(first).unwrap(), &kept),
            "the unchanged segment's records are taken over"
        );

        // Every hit reads its own document, from both segments.
        for (q, id, title) in [
            ("eenzaamheid", "c", "Eenzaamheid bij ouderen"),
            ("schuldhulp", "a", "Schuldhulp"),
            ("mantelzorg", "b", "Mantelzorg"),
        ] {
            let page = index.search(&crate::SearchRequest::new(q)).unwrap();
            let hits: Vec<(&str, &str)> = page
                .hits
                .iter()
                .map(|h| (h.id.as_str(), h.title.as_str()))
                .collect();
            assert_eq!(hits, [(id, title)], "{q}");
        }
    }
}
