//! Read use cases: what the public pages and the API show.

use watwerkt_domain::{Coded, PublicationStatus, Slug, Theme};
use watwerkt_store::{InterventionFilter, InterventionSummary, Page, PageRequest};

use crate::views::{ActiveElementView, InterventionCard, InterventionView, RatingView, ThemeView};
use crate::{App, AppError};

fn parse_slug(what: &str, slug: &str) -> Result<Slug, AppError> {
    Slug::parse(slug).map_err(|_| AppError::NotFound(format!("{what} '{slug}' bestaat niet")))
}

impl App {
    pub(crate) fn card(&self, summary: InterventionSummary) -> InterventionCard {
        let today = self.today();
        let rating = summary
            .rating
            .as_ref()
            .map(|r| RatingView::of(r, today, &self.config.validity));
        InterventionCard { summary, rating }
    }

    /// A page of published interventions matching the filter.
    pub async fn list_interventions(
        &self,
        filter: &InterventionFilter,
        page: PageRequest,
    ) -> Result<Page<InterventionCard>, AppError> {
        let mut filter = filter.clone();
        filter.status = Some(PublicationStatus::Published);
        let page = self.store.list_interventions(&filter, page).await?;
        Ok(Page {
            items: page.items.into_iter().map(|s| self.card(s)).collect(),
            total: page.total,
            request: page.request,
        })
    }

    /// A published intervention with its rating, history and werkzame elementen.
    pub async fn intervention(&self, slug: &str) -> Result<InterventionView, AppError> {
        let slug = parse_slug("interventie", slug)?;
        let intervention = self.store.get_intervention(&slug).await?;
        if intervention.status != PublicationStatus::Published {
            return Err(AppError::NotFound(format!(
                "interventie '{slug}' bestaat niet"
            )));
        }
        let today = self.today();
        let policy = &self.config.validity;
        let rating = intervention
            .rating
            .as_ref()
            .map(|r| RatingView::of(r, today, policy));
        let history = self
            .store
            .rating_history(&slug)
            .await?
            .iter()
            .map(|r| RatingView::of(r, today, policy))
            .collect();
        let active_elements = self
            .store
            .active_elements_by_slugs(&intervention.active_elements)
            .await?;
        Ok(InterventionView {
            intervention,
            rating,
            history,
            active_elements,
        })
    }

    /// Every theme with the number of published interventions in it.
    pub async fn themes(&self) -> Result<Vec<(Theme, u64)>, AppError> {
        Ok(self.store.theme_counts().await?)
    }

    /// A theme with its published interventions.
    pub async fn theme(&self, code: &str) -> Result<ThemeView, AppError> {
        let theme = Theme::from_code(code)
            .ok_or_else(|| AppError::NotFound(format!("thema '{code}' bestaat niet")))?;
        let filter = InterventionFilter {
            themes: vec![theme],
            ..InterventionFilter::default()
        };
        let mut interventions = Vec::new();
        let mut page = PageRequest::new(1, PageRequest::MAX_PER_PAGE);
        loop {
            let p = self.store.list_interventions(&filter, page).await?;
            let last = page.page >= p.total_pages();
            interventions.extend(p.items.into_iter().map(|s| self.card(s)));
            if last {
                break;
            }
            page.page += 1;
        }
        Ok(ThemeView {
            theme,
            interventions,
        })
    }

    /// A werkzaam element with the published interventions that carry it.
    pub async fn active_element(&self, slug: &str) -> Result<ActiveElementView, AppError> {
        let slug = parse_slug("werkzaam element", slug)?;
        let element = self.store.get_active_element(&slug).await?;
        let interventions = self
            .store
            .interventions_with_element(&slug)
            .await?
            .into_iter()
            .map(|s| self.card(s))
            .collect();
        Ok(ActiveElementView {
            element,
            interventions,
        })
    }

    /// All werkzame elementen with how many published interventions carry each.
    pub async fn active_elements(
        &self,
    ) -> Result<Vec<(watwerkt_domain::ActiveElement, u64)>, AppError> {
        Ok(self.store.list_active_elements().await?)
    }
}

impl App {
    /// A published publication.
    pub async fn publication(&self, slug: &str) -> Result<watwerkt_domain::Publication, AppError> {
        let slug = parse_slug("publicatie", slug)?;
        let p = self.store.get_publication(&slug).await?;
        if p.status != PublicationStatus::Published {
            return Err(AppError::NotFound(format!(
                "publicatie '{slug}' bestaat niet"
            )));
        }
        Ok(p)
    }
}
