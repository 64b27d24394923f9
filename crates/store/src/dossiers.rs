//! Storing dossiers (every published version kept), drafts, theme pages and
//! publication attachments.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use watwerkt_domain::dossier::{Attachment, Dossier, ThemePage};
use watwerkt_domain::{Publication, PublicationKind, PublicationStatus, Slug, Theme};

use crate::{ContentBatch, ImportOutcome, Page, PageRequest, StoreResult};

/// Which published publications to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicationFilter {
    /// Only this kind.
    pub kind: Option<PublicationKind>,
    /// Only with this theme.
    pub theme: Option<Theme>,
    /// Only of this year.
    pub year: Option<i32>,
}

/// Dossiers and theme pages to store together with a [`ContentBatch`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DossierBatch {
    /// Dossiers: a changed one becomes a new published version.
    pub dossiers: Vec<Dossier>,
    /// Theme pages: replaced when changed.
    pub theme_pages: Vec<ThemePage>,
}

impl DossierBatch {
    /// Number of items.
    pub fn len(&self) -> usize {
        self.dossiers.len() + self.theme_pages.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One published version of a dossier.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierVersion {
    /// Version number, 1 for the first.
    pub number: u32,
    /// When it was published.
    pub published_at: DateTime<Utc>,
    /// Who published it (account id), `None` for an import.
    pub published_by: Option<i64>,
    /// The content.
    pub dossier: Dossier,
}

/// A dossier in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierSummary {
    /// Slug.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// Status of the current version.
    pub status: PublicationStatus,
    /// Themes.
    pub themes: Vec<Theme>,
    /// Last reviewed.
    pub reviewed_on: NaiveDate,
    /// Next review due.
    pub review_due: NaiveDate,
    /// Current version number.
    pub version: u32,
    /// Fictional example content.
    pub example_data: bool,
}

/// A draft: edited content not yet published, and the version it started from.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierDraft {
    /// The edited content.
    pub dossier: Dossier,
    /// The version the edit is based on.
    pub based_on: u32,
    /// When it was saved.
    pub saved_at: DateTime<Utc>,
}

/// Dossiers, theme pages and attachments.
#[async_trait]
pub trait DossierStore: Send + Sync {
    /// Stores `content` and `dossiers` in **one transaction**: all or nothing.
    /// A dossier that differs from its current version becomes a new version.
    async fn import_with_dossiers(
        &self,
        content: &ContentBatch,
        dossiers: &DossierBatch,
        now: DateTime<Utc>,
    ) -> StoreResult<ImportOutcome>;

    /// Every dossier (any status), ordered by title.
    async fn list_dossiers(&self) -> StoreResult<Vec<DossierSummary>>;

    /// The current version of a dossier; `NotFound` if absent.
    async fn get_dossier(&self, slug: &Slug) -> StoreResult<DossierVersion>;

    /// Every version of a dossier, oldest first.
    async fn dossier_versions(&self, slug: &Slug) -> StoreResult<Vec<DossierVersion>>;

    /// Publishes `dossier` as a new version, provided the current version is
    /// still `based_on`; otherwise [`crate::StoreError::Conflict`] and nothing
    /// changes. Removes the draft. Returns the new version number.
    async fn publish_dossier(
        &self,
        dossier: &Dossier,
        based_on: u32,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> StoreResult<u32>;

    /// Saves (replaces) the draft of an existing dossier.
    async fn save_dossier_draft(
        &self,
        dossier: &Dossier,
        based_on: u32,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The draft of a dossier, if any.
    async fn dossier_draft(&self, slug: &Slug) -> StoreResult<Option<DossierDraft>>;

    /// Published dossiers that carry the werkzaam element `slug`.
    async fn dossiers_with_element(&self, slug: &Slug) -> StoreResult<Vec<DossierSummary>>;

    /// The theme page of a theme, if written.
    async fn get_theme_page(&self, theme: Theme) -> StoreResult<Option<ThemePage>>;

    /// Every theme page, in theme order.
    async fn list_theme_pages(&self) -> StoreResult<Vec<ThemePage>>;

    /// Stores (replaces) a theme page.
    async fn save_theme_page(&self, page: &ThemePage, now: DateTime<Utc>) -> StoreResult<()>;

    /// One page of **published** publications matching `filter`, newest year
    /// first, then by title.
    async fn list_published_publications(
        &self,
        filter: &PublicationFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Publication>>;

    /// The years in which published publications appeared, newest first.
    async fn publication_years(&self) -> StoreResult<Vec<i32>>;

    /// Sets (or clears) the attachment of a publication; `NotFound` if absent.
    async fn set_publication_attachment(
        &self,
        slug: &Slug,
        attachment: Option<&Attachment>,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}
