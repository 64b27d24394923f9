//! Editing in the browser: the redacteur edits the dossier in its file form
//! (the same format and checks as an import), saves a draft, previews and
//! publishes a new version.

use std::collections::BTreeSet;

use watwerkt_domain::dossier::{Dossier, ThemePage};
use watwerkt_domain::{Coded, Theme};
use watwerkt_store::DossierDraft;

use super::read::dossier_slug;
use crate::content::{parse_dossier, parse_theme_page, write_dossier, write_theme_page};
use crate::{App, AppError};

/// What the editor starts from.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierEdit {
    /// The text to edit (the draft if there is one, else the current version).
    pub text: String,
    /// The version the edit is based on.
    pub based_on: u32,
    /// Whether the text comes from a saved draft.
    pub from_draft: bool,
}

impl App {
    /// Parses an edited dossier text for `slug` and checks its werkzame elementen.
    pub async fn check_dossier_text(&self, slug: &str, text: &str) -> Result<Dossier, AppError> {
        let slug = dossier_slug(slug)?;
        // Editing is for existing dossiers; new ones come in through an import.
        self.store.get_dossier(&slug).await?;
        let file = format!("{slug}.md");
        let dossier = parse_dossier(&file, Some(slug.as_str()), &text.replace("\r\n", "\n"))
            .map_err(|p| AppError::Invalid(crate::content::Problems(p).to_string()))?;
        let known: BTreeSet<String> = self
            .store
            .active_elements_by_slugs(&dossier.active_elements)
            .await?
            .into_iter()
            .map(|e| e.slug.to_string())
            .collect();
        for e in &dossier.active_elements {
            if !known.contains(e.as_str()) {
                return Err(AppError::Invalid(format!(
                    "werkzaam element '{e}' bestaat niet"
                )));
            }
        }
        Ok(dossier)
    }

    /// The text a redacteur starts editing from.
    pub async fn dossier_for_edit(&self, slug: &str) -> Result<DossierEdit, AppError> {
        let slug = dossier_slug(slug)?;
        let current = self.store.get_dossier(&slug).await?;
        Ok(match self.store.dossier_draft(&slug).await? {
            Some(DossierDraft {
                dossier, based_on, ..
            }) => DossierEdit {
                text: write_dossier(&dossier),
                based_on,
                from_draft: true,
            },
            None => DossierEdit {
                text: write_dossier(&current.dossier),
                based_on: current.number,
                from_draft: false,
            },
        })
    }

    /// Saves an edited text as the draft (checked first; a refused text changes nothing).
    pub async fn save_dossier_draft(
        &self,
        slug: &str,
        text: &str,
        based_on: u32,
        by: Option<i64>,
    ) -> Result<Dossier, AppError> {
        let dossier = self.check_dossier_text(slug, text).await?;
        self.store
            .save_dossier_draft(&dossier, based_on, by, self.clock.now())
            .await?;
        Ok(dossier)
    }

    /// Publishes an edited text as a new version, refused when someone else
    /// published after `based_on` (nothing changes then).
    pub async fn publish_dossier_text(
        &self,
        slug: &str,
        text: &str,
        based_on: u32,
        by: Option<i64>,
    ) -> Result<u32, AppError> {
        let dossier = self.check_dossier_text(slug, text).await?;
        let n = self
            .store
            .publish_dossier(&dossier, based_on, by, self.clock.now())
            .await?;
        self.index_dossier(&dossier);
        Ok(n)
    }

    /// The text of a theme page to edit (an empty page when none is written).
    pub async fn theme_page_for_edit(&self, code: &str) -> Result<String, AppError> {
        let theme = Theme::from_code(code)
            .ok_or_else(|| AppError::NotFound(format!("thema '{code}' bestaat niet")))?;
        let page = self
            .store
            .get_theme_page(theme)
            .await?
            .unwrap_or(ThemePage {
                theme,
                example_data: false,
                intro: String::new(),
                figures: Vec::new(),
            });
        Ok(write_theme_page(&page))
    }

    /// Checks and stores an edited theme page.
    pub async fn save_theme_page_text(
        &self,
        code: &str,
        text: &str,
    ) -> Result<ThemePage, AppError> {
        let theme = Theme::from_code(code)
            .ok_or_else(|| AppError::NotFound(format!("thema '{code}' bestaat niet")))?;
        let page = parse_theme_page(
            &format!("{}.md", theme.code()),
            Some(theme.code()),
            &text.replace("\r\n", "\n"),
        )
        .map_err(|p| AppError::Invalid(crate::content::Problems(p).to_string()))?;
        self.store.save_theme_page(&page, self.clock.now()).await?;
        self.index_theme_page(&page);
        Ok(page)
    }
}

impl App {
    /// The text of a publication to edit (any status), in its file form.
    pub async fn publication_for_edit(&self, slug: &str) -> Result<String, AppError> {
        let slug = watwerkt_domain::Slug::parse(slug)
            .map_err(|_| AppError::NotFound(format!("publicatie '{slug}' bestaat niet")))?;
        let p = self.store.get_publication(&slug).await?;
        Ok(crate::content::write_publication(&p))
    }

    /// Checks and stores an edited publication. The attachment is changed by
    /// an upload only: a text that changes `bijlage` is refused.
    pub async fn save_publication_text(
        &self,
        slug: &str,
        text: &str,
    ) -> Result<watwerkt_domain::Publication, AppError> {
        let parsed_slug = watwerkt_domain::Slug::parse(slug)
            .map_err(|_| AppError::NotFound(format!("publicatie '{slug}' bestaat niet")))?;
        let current = self.store.get_publication(&parsed_slug).await?;
        let p = crate::content::parse_publication(
            &format!("{slug}.md"),
            Some(slug),
            &text.replace("\r\n", "\n"),
        )
        .map_err(|p| AppError::Invalid(crate::content::Problems(p).to_string()))?;
        if p.attachment != current.attachment {
            return Err(AppError::Invalid(
                "de bijlage wijzigt u met 'Bijlage uploaden', niet in de tekst; \
                 laat het blok 'bijlage' zoals het was"
                    .into(),
            ));
        }
        let batch = watwerkt_store::ContentBatch {
            publications: vec![p.clone()],
            ..watwerkt_store::ContentBatch::default()
        };
        self.import_batch(&batch).await?;
        Ok(p)
    }
}
