//! Read use cases: dossier pages, versions, theme dossiers, publication lists.

use chrono::{DateTime, Utc};
use watwerkt_domain::dossier::{Dossier, ReviewState, SectionCounts, SourceCounts, ThemePage};
use watwerkt_domain::{ActiveElement, Coded, Publication, PublicationStatus, Slug, Theme};
use watwerkt_store::{DossierSummary, Page, PageRequest, PublicationFilter};

use super::VersionDiff;
use crate::views::InterventionCard;
use crate::{App, AppError};

/// A dossier in a list, with its review state today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierCard {
    /// The stored summary.
    pub summary: DossierSummary,
    /// Past its review date: "wordt geactualiseerd".
    pub due: bool,
}

/// One dossier page.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierView {
    /// Version number shown.
    pub version: u32,
    /// Number of the newest version.
    pub latest: u32,
    /// When it was published.
    pub published_at: DateTime<Utc>,
    /// The content.
    pub dossier: Dossier,
    /// Claims per section by knowledge source.
    pub sections: Vec<SectionCounts>,
    /// All claims by knowledge source.
    pub total: SourceCounts,
    /// Review state today.
    pub review: ReviewState,
    /// The werkzame elementen, in the dossier's order.
    pub elements: Vec<ActiveElement>,
    /// Published interventions carrying one of those elements.
    pub interventions: Vec<InterventionCard>,
}

/// A themadossier: the theme page with everything of that theme.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeDossierView {
    /// The theme.
    pub theme: Theme,
    /// Introduction and figures, when written.
    pub page: Option<ThemePage>,
    /// Published dossiers of the theme.
    pub dossiers: Vec<DossierCard>,
    /// Published interventions of the theme.
    pub interventions: Vec<InterventionCard>,
    /// Published publications of the theme (newest first, at most 20).
    pub publications: Vec<Publication>,
    /// Number of publications of the theme.
    pub publication_total: u64,
}

/// A filtered page of publications with the years to filter on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationList {
    /// The page.
    pub page: Page<Publication>,
    /// Years that have publications, newest first.
    pub years: Vec<i32>,
}

pub(crate) fn dossier_slug(slug: &str) -> Result<Slug, AppError> {
    Slug::parse(slug).map_err(|_| AppError::NotFound(format!("dossier '{slug}' bestaat niet")))
}

fn not_found(slug: &Slug) -> AppError {
    AppError::NotFound(format!("dossier '{slug}' bestaat niet"))
}

impl App {
    fn dossier_card(&self, summary: DossierSummary) -> DossierCard {
        let due = self.today() >= summary.review_due;
        DossierCard { summary, due }
    }

    /// Published dossiers, by title.
    pub async fn dossiers(&self) -> Result<Vec<DossierCard>, AppError> {
        Ok(self
            .store
            .list_dossiers()
            .await?
            .into_iter()
            .filter(|d| d.status == PublicationStatus::Published)
            .map(|d| self.dossier_card(d))
            .collect())
    }

    /// Every dossier whose review date has come (any status), earliest first:
    /// the redactie's work list.
    pub async fn dossiers_due_for_review(&self) -> Result<Vec<DossierCard>, AppError> {
        let mut due: Vec<DossierCard> = self
            .store
            .list_dossiers()
            .await?
            .into_iter()
            .map(|d| self.dossier_card(d))
            .filter(|c| c.due && c.summary.status != PublicationStatus::Archived)
            .collect();
        due.sort_by(|a, b| {
            (a.summary.review_due, &a.summary.title).cmp(&(b.summary.review_due, &b.summary.title))
        });
        Ok(due)
    }

    /// A published dossier, the current version or version `version`.
    pub async fn dossier(&self, slug: &str, version: Option<u32>) -> Result<DossierView, AppError> {
        let slug = dossier_slug(slug)?;
        let current = self.store.get_dossier(&slug).await?;
        if current.dossier.status != PublicationStatus::Published {
            return Err(not_found(&slug));
        }
        let latest = current.number;
        let shown = match version {
            None => current,
            Some(n) if n == latest => current,
            Some(n) => self
                .store
                .dossier_versions(&slug)
                .await?
                .into_iter()
                .find(|v| v.number == n)
                .ok_or_else(|| {
                    AppError::NotFound(format!("dossier '{slug}' heeft geen versie {n}"))
                })?,
        };
        self.dossier_view(shown.number, latest, shown.published_at, shown.dossier)
            .await
    }

    /// Builds the page view of any dossier content (also used for the preview).
    pub async fn dossier_view(
        &self,
        version: u32,
        latest: u32,
        published_at: DateTime<Utc>,
        dossier: Dossier,
    ) -> Result<DossierView, AppError> {
        let (sections, total) = dossier.source_counts();
        let elements = self
            .store
            .active_elements_by_slugs(&dossier.active_elements)
            .await?;
        let mut interventions: Vec<InterventionCard> = Vec::new();
        for e in &dossier.active_elements {
            for s in self.store.interventions_with_element(e).await? {
                if !interventions.iter().any(|c| c.summary.slug == s.slug) {
                    interventions.push(self.card(s));
                }
            }
        }
        interventions.sort_by(|a, b| a.summary.title.cmp(&b.summary.title));
        Ok(DossierView {
            version,
            latest,
            published_at,
            review: dossier.review_state(self.today()),
            dossier,
            sections,
            total,
            elements,
            interventions,
        })
    }

    /// The versions of a published dossier, newest first: (number, when, title).
    pub async fn dossier_versions(
        &self,
        slug: &str,
    ) -> Result<Vec<watwerkt_store::DossierVersion>, AppError> {
        let slug = dossier_slug(slug)?;
        let current = self.store.get_dossier(&slug).await?;
        if current.dossier.status != PublicationStatus::Published {
            return Err(not_found(&slug));
        }
        let mut versions = self.store.dossier_versions(&slug).await?;
        versions.reverse();
        Ok(versions)
    }

    /// What changed between two versions of a published dossier.
    pub async fn dossier_diff(
        &self,
        slug: &str,
        from: u32,
        to: u32,
    ) -> Result<VersionDiff, AppError> {
        let versions = self.dossier_versions(slug).await?;
        let find = |n: u32| {
            versions.iter().find(|v| v.number == n).ok_or_else(|| {
                AppError::NotFound(format!("dossier '{slug}' heeft geen versie {n}"))
            })
        };
        let (a, b) = (find(from)?, find(to)?);
        Ok(VersionDiff::between(from, &a.dossier, to, &b.dossier))
    }

    /// Published dossiers that carry a werkzaam element.
    pub async fn dossiers_with_element(&self, slug: &Slug) -> Result<Vec<DossierCard>, AppError> {
        Ok(self
            .store
            .dossiers_with_element(slug)
            .await?
            .into_iter()
            .map(|d| self.dossier_card(d))
            .collect())
    }

    /// The themadossier of a theme.
    pub async fn theme_dossier(&self, code: &str) -> Result<ThemeDossierView, AppError> {
        let base = self.theme(code).await?;
        let theme = base.theme;
        let page = self.store.get_theme_page(theme).await?;
        let dossiers = self
            .dossiers()
            .await?
            .into_iter()
            .filter(|d| d.summary.themes.contains(&theme))
            .collect();
        let pubs = self
            .store
            .list_published_publications(
                &PublicationFilter {
                    theme: Some(theme),
                    ..PublicationFilter::default()
                },
                PageRequest::new(1, 20),
            )
            .await?;
        Ok(ThemeDossierView {
            theme,
            page,
            dossiers,
            interventions: base.interventions,
            publications: pubs.items,
            publication_total: pubs.total,
        })
    }

    /// Published publications matching the filter.
    pub async fn publications(
        &self,
        filter: &PublicationFilter,
        page: PageRequest,
    ) -> Result<PublicationList, AppError> {
        Ok(PublicationList {
            page: self.store.list_published_publications(filter, page).await?,
            years: self.store.publication_years().await?,
        })
    }

    /// The current time on the application's clock (the time a preview shows).
    pub fn preview_time(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Looks a theme up by code (for filters).
    pub fn theme_by_code(code: &str) -> Option<Theme> {
        Theme::from_code(code)
    }
}
