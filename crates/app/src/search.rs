//! Search use cases: the index is derived from the store, updated after every
//! committed write, rebuilt when missing, damaged or outdated.

use std::path::Path;
use std::sync::Arc;

use watwerkt_domain::{
    Coded, Intervention, Publication, PublicationStatus, Section, ValidityPolicy,
};
use watwerkt_search::{
    IndexOptions, Kind, RebuildReason, SearchDoc, SearchError, SearchIndex, SearchRequest,
    SearchResults, Suggestion,
};
use watwerkt_store::{ContentBatch, PageRequest, SearchRecord};

use crate::plain_text::plain_text;
use crate::{App, AppError};

/// Version of the mapping from content to [`SearchDoc`]; bump it when that
/// mapping changes, and every index rebuilds itself at the next start.
pub const SEARCH_DOC_VERSION: u32 = 4;

/// The version recorded beside the index: [`SEARCH_DOC_VERSION`] and the
/// validity policy (the documents carry each rating's last valid day), so a
/// changed policy rebuilds the index at the next start too.
fn doc_version(policy: &ValidityPolicy) -> u32 {
    let years = |y: u32| y.min(99);
    SEARCH_DOC_VERSION * 10_000
        + years(policy.well_described_years) * 100
        + years(policy.higher_years)
}

/// Longest query text kept in the search log.
const LOGGED_QUERY_CHARS: usize = 200;

/// Searches are written to the log in batches of at most this many...
const LOG_BATCH: usize = 256;
/// ...or when the oldest unwritten one is this old.
const LOG_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(2);

/// Searches recorded but not yet written: one write per batch instead of one
/// durable commit per search.
#[derive(Debug, Default)]
pub(crate) struct PendingSearches {
    records: Vec<SearchRecord>,
    oldest: Option<std::time::Instant>,
    /// Held while a batch is written, so that a reader of the log (which
    /// flushes first) waits for a batch being written in the background.
    writing: Arc<tokio::sync::Mutex<()>>,
}

impl PendingSearches {
    fn push(&mut self, record: SearchRecord) {
        self.oldest.get_or_insert_with(std::time::Instant::now);
        self.records.push(record);
    }

    fn due(&self) -> bool {
        self.records.len() >= LOG_BATCH || self.oldest.is_some_and(|t| t.elapsed() >= LOG_MAX_AGE)
    }

    fn take(&mut self) -> Vec<SearchRecord> {
        self.oldest = None;
        std::mem::take(&mut self.records)
    }
}

fn search_err(e: SearchError) -> AppError {
    AppError::Internal(format!("zoekindex: {e}"))
}

/// The search document of a published intervention; its rating's last valid
/// day follows `policy` unless the decision names one.
pub fn intervention_doc(i: &Intervention, policy: &ValidityPolicy) -> SearchDoc {
    let mut body = Vec::new();
    body.push(i.goals.main.clone());
    body.extend(i.goals.sub.iter().cloned());
    body.extend(i.approach.activities.iter().cloned());
    body.push(i.owner.organisation.clone());
    for s in Section::ALL {
        if *s != Section::Summary {
            if let Some(t) = i.description.get(*s) {
                body.push(plain_text(t));
            }
        }
    }
    SearchDoc {
        id: i.slug.to_string(),
        kind: Kind::Intervention,
        title: i.title.clone(),
        summary: plain_text(i.description.get(Section::Summary).unwrap_or_default()),
        body: body.join("\n\n"),
        themes: i.themes.iter().map(|t| t.code().to_string()).collect(),
        groups: i
            .target_group
            .groups
            .iter()
            .map(|g| g.code().to_string())
            .collect(),
        rating: i.rating.as_ref().map(|r| r.level.code().to_string()),
        date: i.rating.as_ref().map(|r| r.decided_on),
        url: format!("/interventies/{}", i.slug),
        rating_valid_until: i.rating.as_ref().map(|r| r.valid_until(policy)),
        example_data: i.example_data,
        detail: None,
        knowledge: Vec::new(),
    }
}

/// The search document of a published publication.
pub fn publication_doc(p: &Publication) -> SearchDoc {
    SearchDoc {
        id: p.slug.to_string(),
        kind: Kind::Publication,
        title: p.title.clone(),
        summary: p.authors.join(", "),
        body: plain_text(&p.body),
        themes: p.themes.iter().map(|t| t.code().to_string()).collect(),
        groups: Vec::new(),
        rating: None,
        date: p
            .year
            .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, 1, 1)),
        url: format!("/publicaties/{}", p.slug),
        rating_valid_until: None,
        example_data: p.example_data,
        detail: Some(match p.year {
            Some(year) => format!("{}, {year}", p.kind.label()),
            None => p.kind.label().to_owned(),
        }),
        knowledge: Vec::new(),
    }
}

impl App {
    /// Attaches a search index; writes through the use cases keep it current.
    pub fn with_search(mut self, index: Arc<SearchIndex>) -> Self {
        self.search = Some(index);
        self
    }

    /// The attached search index, if any.
    pub fn search_index(&self) -> Option<&Arc<SearchIndex>> {
        self.search.as_ref()
    }

    /// Every published item as a search document, read from the store.
    pub async fn search_docs(&self) -> Result<Vec<SearchDoc>, AppError> {
        let mut docs: Vec<SearchDoc> = self
            .store
            .all_interventions()
            .await?
            .iter()
            .filter(|i| i.status == PublicationStatus::Published)
            .map(|i| intervention_doc(i, &self.config.validity))
            .collect();
        let mut page = PageRequest::new(1, PageRequest::MAX_PER_PAGE);
        loop {
            let p = self.store.list_publications(page).await?;
            if p.items.is_empty() {
                break;
            }
            docs.extend(
                p.items
                    .iter()
                    .filter(|p| p.status == PublicationStatus::Published)
                    .map(publication_doc),
            );
            page.page += 1;
        }
        docs.extend(self.dossier_search_docs().await?);
        Ok(docs)
    }

    /// Opens the index in `dir`; when it is missing, damaged or made by another
    /// version, builds it anew from the database and says why.
    pub async fn open_search(
        &self,
        dir: &Path,
    ) -> Result<(Arc<SearchIndex>, Option<RebuildReason>), AppError> {
        match SearchIndex::open_with(
            dir,
            doc_version(&self.config.validity),
            self.index_options(),
        ) {
            Ok(index) => Ok((Arc::new(index), None)),
            Err(SearchError::NeedsRebuild(reason)) => {
                tracing::warn!(%reason, "zoekindex wordt opnieuw opgebouwd");
                let index = self.rebuild_search(dir).await?;
                Ok((index, Some(reason)))
            }
            Err(e) => Err(search_err(e)),
        }
    }

    /// How the index is opened: the writer's defaults, preloading as set.
    fn index_options(&self) -> IndexOptions {
        IndexOptions {
            preload: self.config.search_preload,
            ..IndexOptions::default()
        }
    }

    /// Builds the index in `dir` anew from the database (`watwerkt reindex`).
    pub async fn rebuild_search(&self, dir: &Path) -> Result<Arc<SearchIndex>, AppError> {
        let docs = self.search_docs().await?;
        let index = SearchIndex::create_with(
            dir,
            doc_version(&self.config.validity),
            self.index_options(),
        )
        .map_err(search_err)?;
        index.rebuild(docs).map_err(search_err)?;
        Ok(Arc::new(index))
    }

    /// Brings the index up to date with a committed batch. A failure is logged,
    /// never returned: the write stands, and the index can be rebuilt.
    pub(crate) fn index_after_commit(&self, batch: &ContentBatch) {
        let Some(index) = &self.search else { return };
        let result = (|| -> Result<(), SearchError> {
            for i in &batch.interventions {
                if i.status == PublicationStatus::Published {
                    index.upsert(&intervention_doc(i, &self.config.validity))?;
                } else {
                    index.delete(Kind::Intervention, i.slug.as_str())?;
                }
            }
            for p in &batch.publications {
                if p.status == PublicationStatus::Published {
                    index.upsert(&publication_doc(p))?;
                } else {
                    index.delete(Kind::Publication, p.slug.as_str())?;
                }
            }
            index.commit()
        })();
        if let Err(e) = result {
            tracing::error!(error = %e, "zoekindex niet bijgewerkt; `watwerkt reindex` herstelt dit");
        }
    }

    /// Searches, and records the query text, result count and time (no
    /// personal data). Without an index, says so.
    ///
    /// The search runs right here, on the runtime's worker thread: a typical
    /// search takes about a tenth of a millisecond, and handing it to the
    /// blocking pool and back cost more than that in thread switches (the
    /// search benchmark measured 45 % more searches per second at 8 clients
    /// without the hand-off). Searches in flight are thereby at most the
    /// number of workers, one per core, so many clients queue briefly instead
    /// of all slowing down together.
    pub async fn search(&self, req: &SearchRequest) -> Result<SearchResults, AppError> {
        let index = self
            .search
            .as_ref()
            .ok_or_else(|| AppError::Internal("er is geen zoekindex geopend".into()))?;
        let results = if req.today.is_some() {
            index.search(req)
        } else {
            index.search(&SearchRequest {
                today: Some(self.today()),
                ..req.clone()
            })
        }
        .map_err(search_err)?;
        let query = req.query.trim();
        if !query.is_empty() && req.page <= 1 {
            let record = SearchRecord {
                query: query.chars().take(LOGGED_QUERY_CHARS).collect(),
                results: results.total,
                at: self.clock.now(),
            };
            let due = {
                let mut log = self.search_log.lock().unwrap_or_else(|p| p.into_inner());
                log.push(record);
                log.due()
            };
            if due {
                // Written in the background: this answer does not wait for
                // the database (the log is statistics).
                let app = self.clone();
                tokio::spawn(async move { app.flush_search_log().await });
            }
        }
        Ok(results)
    }

    /// Writes the searches recorded so far to the store, in one transaction.
    /// Called when the buffer is full or old enough, before reading the log,
    /// and at shutdown. A failure is logged: the log is statistics, not content.
    pub async fn flush_search_log(&self) {
        let writing = {
            let log = self.search_log.lock().unwrap_or_else(|p| p.into_inner());
            log.writing.clone()
        };
        let _writing = writing.lock().await;
        let records = {
            let mut log = self.search_log.lock().unwrap_or_else(|p| p.into_inner());
            log.take()
        };
        if records.is_empty() {
            return;
        }
        if let Err(e) = self.store.record_searches(&records).await {
            tracing::warn!(error = %e, n = records.len(), "zoekopdrachten niet vastgelegd");
        }
    }

    /// Suggestions while typing.
    pub fn suggest(&self, prefix: &str, n: usize) -> Result<Vec<Suggestion>, AppError> {
        match &self.search {
            Some(index) => index.suggest(prefix, n).map_err(search_err),
            None => Ok(Vec::new()),
        }
    }

    /// The queries that found nothing, most frequent first.
    pub async fn missed_queries(
        &self,
        limit: u32,
    ) -> Result<Vec<watwerkt_store::MissedQuery>, AppError> {
        self.flush_search_log().await;
        Ok(self.store.missed_queries(limit).await?)
    }
}
