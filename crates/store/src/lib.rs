//! Storage traits per aggregate, the one storage error type and paging.
//!
//! This crate names no database driver: backends (`store-sqlite`, later
//! `store-postgres`) implement these traits and all pass the same conformance
//! story in `watwerkt-testkit`.

mod accounts;
mod assessments;
mod content;
mod dossiers;
mod error;
mod filter;
mod mail;
mod paging;

use async_trait::async_trait;
use watwerkt_domain::{ActiveElement, Intervention, Publication, Slug, Theme};

pub use accounts::{
    AccountStore, Credentials, Invitation, NewSession, OneTimeToken, Redeemed, SessionRecord,
    TokenKind,
};
pub use assessments::{
    AssessmentId, AssessmentRecord, AssessmentStep, AssessmentStore, AuditEntry,
    DecisionPublication, DecisionSummary, OwnedIntervention, SubmittedVersion,
};
pub use content::{ContentBatch, ImportOutcome};
pub use dossiers::{
    DossierBatch, DossierDraft, DossierStore, DossierSummary, DossierVersion, PublicationFilter,
};
pub use error::StoreError;
pub use filter::{InterventionFilter, InterventionSummary};
pub use mail::{MailOutbox, OutgoingMail, QueuedMail};
pub use paging::{Page, PageRequest};

/// Result of a storage call.
pub type StoreResult<T> = Result<T, StoreError>;

/// Reading interventions.
#[async_trait]
pub trait InterventionStore: Send + Sync {
    /// One page of intervention summaries matching `filter`, ordered by title.
    async fn list_interventions(
        &self,
        filter: &InterventionFilter,
        page: PageRequest,
    ) -> StoreResult<Page<InterventionSummary>>;

    /// One intervention with its full description and current rating.
    /// [`StoreError::NotFound`] when there is none with this slug.
    async fn get_intervention(&self, slug: &Slug) -> StoreResult<Intervention>;

    /// Every intervention, whatever its status, ordered by slug (for export).
    async fn all_interventions(&self) -> StoreResult<Vec<Intervention>>;

    /// Summaries of the published interventions that carry the werkzaam element `slug`.
    async fn interventions_with_element(
        &self,
        slug: &Slug,
    ) -> StoreResult<Vec<InterventionSummary>>;

    /// For each theme, the number of published interventions in it (themes
    /// without any are included with 0), in theme order.
    async fn theme_counts(&self) -> StoreResult<Vec<(Theme, u64)>>;

    /// Earlier ratings of an intervention, newest first (the current one excluded).
    async fn rating_history(
        &self,
        slug: &Slug,
    ) -> StoreResult<Vec<watwerkt_domain::RatingDecision>>;
}

/// Reading werkzame elementen.
#[async_trait]
pub trait ActiveElementStore: Send + Sync {
    /// One werkzaam element, [`StoreError::NotFound`] if absent.
    async fn get_active_element(&self, slug: &Slug) -> StoreResult<ActiveElement>;

    /// The werkzame elementen with these slugs, in the order asked; slugs
    /// that do not exist are left out.
    async fn active_elements_by_slugs(&self, slugs: &[Slug]) -> StoreResult<Vec<ActiveElement>>;

    /// All werkzame elementen, ordered by name, with the number of published
    /// interventions that carry each.
    async fn list_active_elements(&self) -> StoreResult<Vec<(ActiveElement, u64)>>;
}

/// Reading publications.
#[async_trait]
pub trait PublicationStore: Send + Sync {
    /// One publication, [`StoreError::NotFound`] if absent.
    async fn get_publication(&self, slug: &Slug) -> StoreResult<Publication>;

    /// One page of publications (every status), ordered by slug, with the
    /// total; used for export and reindexing without holding them all.
    async fn list_publications(&self, page: PageRequest) -> StoreResult<Page<Publication>>;
}

/// One search as recorded, without personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRecord {
    /// The query text as typed (trimmed, at most 200 characters).
    pub query: String,
    /// Number of results.
    pub results: u64,
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
}

/// A query that found nothing, with how often and when last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedQuery {
    /// Query text (normalised to lower case).
    pub query: String,
    /// Times searched without result.
    pub times: u64,
    /// Last time.
    pub last: chrono::DateTime<chrono::Utc>,
}

/// Recording searches (query text, result count, time; never who).
#[async_trait]
pub trait SearchLogStore: Send + Sync {
    /// Records one search.
    async fn record_search(&self, record: &SearchRecord) -> StoreResult<()> {
        self.record_searches(std::slice::from_ref(record)).await
    }

    /// Records several searches in one transaction.
    async fn record_searches(&self, records: &[SearchRecord]) -> StoreResult<()>;

    /// The queries that found nothing, most frequent first.
    async fn missed_queries(&self, limit: u32) -> StoreResult<Vec<MissedQuery>>;
}

/// Writing content in bulk.
#[async_trait]
pub trait ContentStore: Send + Sync {
    /// Inserts or updates every item of the batch in **one transaction**: either
    /// all of it is stored or nothing is. Items are matched by slug; items not in
    /// the batch are left alone. A changed rating supersedes the current one,
    /// which stays in the history.
    async fn import_content(
        &self,
        batch: &ContentBatch,
        now: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<ImportOutcome>;

    /// Whether no content has been stored yet.
    async fn is_empty(&self) -> StoreResult<bool>;
}

/// Everything a backend offers.
pub trait Store:
    InterventionStore
    + ActiveElementStore
    + PublicationStore
    + SearchLogStore
    + ContentStore
    + AccountStore
    + MailOutbox
    + DossierStore
    + AssessmentStore
{
}

impl<T> Store for T where
    T: InterventionStore
        + ActiveElementStore
        + PublicationStore
        + SearchLogStore
        + ContentStore
        + AccountStore
        + MailOutbox
        + DossierStore
        + AssessmentStore
{
}
