//! Export use cases: the Markdown folder and open data.

use std::path::Path;

use watwerkt_domain::{ActiveElement, PublicationStatus};

use crate::content::{export_markdown, export_open_data, export_publications, OpenDataFormat};
use crate::views::RatingView;
use crate::{App, AppError};
use watwerkt_store::PageRequest;

impl App {
    async fn all_elements(&self) -> Result<Vec<ActiveElement>, AppError> {
        let mut elements: Vec<_> = self
            .store
            .list_active_elements()
            .await?
            .into_iter()
            .map(|(e, _)| e)
            .collect();
        elements.sort_by(|a, b| a.slug.cmp(&b.slug));
        Ok(elements)
    }

    /// Writes all content (every status) as a Markdown folder.
    pub async fn export_markdown(&self, dir: &Path, overwrite: bool) -> Result<usize, AppError> {
        let interventions = self.store.all_interventions().await?;
        let elements = self.all_elements().await?;
        let mut written = export_markdown(dir, &interventions, &elements, overwrite)?;
        let mut page = PageRequest::new(1, PageRequest::MAX_PER_PAGE);
        loop {
            let p = self.store.list_publications(page).await?;
            if p.items.is_empty() {
                break;
            }
            written += export_publications(dir, &p.items)?;
            page.page += 1;
        }
        written += self.export_dossiers(dir).await?;
        Ok(written)
    }

    /// Writes the published interventions and the werkzame elementen as open data.
    pub async fn export_open_data(
        &self,
        dir: &Path,
        format: OpenDataFormat,
        overwrite: bool,
    ) -> Result<usize, AppError> {
        let today = self.today();
        let published: Vec<_> = self
            .store
            .all_interventions()
            .await?
            .into_iter()
            .filter(|i| i.status == PublicationStatus::Published)
            .map(|i| {
                let r = i
                    .rating
                    .as_ref()
                    .map(|r| RatingView::of(r, today, &self.config.validity));
                (i, r)
            })
            .collect();
        let elements = self.all_elements().await?;
        export_open_data(dir, format, &published, &elements, overwrite)
    }
}
