//! Dossiers and theme pages as search documents.

use watwerkt_domain::dossier::{Dossier, ThemePage};
use watwerkt_domain::{Coded, PublicationStatus};
use watwerkt_search::{Kind, SearchDoc};
use watwerkt_store::DossierBatch;

use crate::plain_text::plain_text;
use crate::App;

/// The search document of a published dossier.
pub fn dossier_doc(d: &Dossier) -> SearchDoc {
    let mut body: Vec<String> = d.claims().map(|(_, c)| c.text.clone()).collect();
    body.extend(d.what_works.iter().map(|g| g.group.clone()));
    body.extend(d.literature.sources.iter().map(|s| s.citation.clone()));
    SearchDoc {
        id: d.slug.to_string(),
        kind: Kind::Dossier,
        title: d.title.clone(),
        summary: plain_text(&d.intro),
        body: body.join("\n"),
        themes: d.themes.iter().map(|t| t.code().to_string()).collect(),
        date: Some(d.reviewed_on),
        url: format!("/dossiers/{}", d.slug),
        example_data: d.example_data,
        detail: Some(format!(
            "Wat Werkt-dossier, beoordeeld {}",
            d.reviewed_on.format("%d-%m-%Y")
        )),
        knowledge: d
            .literature
            .sources
            .iter()
            .filter_map(|s| s.knowledge.as_ref().map(|k| k.kind()))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|k| k.code().to_string())
            .collect(),
        ..SearchDoc::default()
    }
}

/// The search document of a theme page.
pub fn theme_page_doc(p: &ThemePage) -> SearchDoc {
    let body: Vec<String> = p
        .figures
        .iter()
        .map(|f| format!("{} ({})", f.label, f.source.as_deref().unwrap_or_default()))
        .collect();
    SearchDoc {
        id: p.theme.code().to_string(),
        kind: Kind::ThemePage,
        title: format!("Themadossier {}", p.theme.label()),
        summary: plain_text(&p.intro),
        body: body.join("\n"),
        themes: vec![p.theme.code().to_string()],
        url: format!("/themas/{}", p.theme.code()),
        example_data: p.example_data,
        detail: Some("Themadossier".to_string()),
        ..SearchDoc::default()
    }
}

impl App {
    fn with_index(
        &self,
        f: impl FnOnce(&watwerkt_search::SearchIndex) -> Result<(), watwerkt_search::SearchError>,
    ) {
        if let Some(index) = &self.search {
            if let Err(e) = f(index) {
                tracing::error!(error = %e, "zoekindex niet bijgewerkt; `watwerkt reindex` herstelt dit");
            }
        }
    }

    /// The search documents of every published dossier and every theme page.
    pub(crate) async fn dossier_search_docs(&self) -> Result<Vec<SearchDoc>, crate::AppError> {
        let mut docs = Vec::new();
        for d in self.store.list_dossiers().await? {
            if d.status == PublicationStatus::Published {
                docs.push(dossier_doc(&self.store.get_dossier(&d.slug).await?.dossier));
            }
        }
        for p in self.store.list_theme_pages().await? {
            docs.push(theme_page_doc(&p));
        }
        Ok(docs)
    }

    /// Updates the index for one dossier after its commit.
    pub(crate) fn index_dossier(&self, d: &Dossier) {
        self.with_index(|index| {
            if d.status == PublicationStatus::Published {
                index.upsert(&dossier_doc(d))?;
            } else {
                index.delete(Kind::Dossier, d.slug.as_str())?;
            }
            index.commit()
        });
    }

    /// Updates the index for one theme page after its commit.
    pub(crate) fn index_theme_page(&self, p: &ThemePage) {
        self.with_index(|index| {
            index.upsert(&theme_page_doc(p))?;
            index.commit()
        });
    }

    /// Updates the index after an import's commit.
    pub(crate) fn index_dossiers_after_commit(&self, batch: &DossierBatch) {
        self.with_index(|index| {
            for d in &batch.dossiers {
                if d.status == PublicationStatus::Published {
                    index.upsert(&dossier_doc(d))?;
                } else {
                    index.delete(Kind::Dossier, d.slug.as_str())?;
                }
            }
            for p in &batch.theme_pages {
                index.upsert(&theme_page_doc(p))?;
            }
            index.commit()
        });
    }
}
