//! Export of dossiers, theme pages and publication files in the canonical form.

use std::fs;
use std::path::Path;

use watwerkt_store::PageRequest;

use super::files::stored_path;
use crate::content::{
    write_dossier, write_theme_page, DOSSIERS_DIR, PUBLICATIONS_DIR, THEME_PAGES_DIR,
};
use crate::{App, AppError};

fn io_err(path: &Path, e: &std::io::Error) -> AppError {
    AppError::Invalid(format!("{}: kan niet schrijven: {e}", path.display()))
}

impl App {
    /// Writes every dossier (its current version), every theme page and the
    /// files attached to publications into the content folder `dir`.
    pub(crate) async fn export_dossiers(&self, dir: &Path) -> Result<usize, AppError> {
        let mut written = 0;
        let dossiers = self.store.list_dossiers().await?;
        if !dossiers.is_empty() {
            let ddir = dir.join(DOSSIERS_DIR);
            fs::create_dir_all(&ddir).map_err(|e| io_err(&ddir, &e))?;
            for d in dossiers {
                let current = self.store.get_dossier(&d.slug).await?;
                let path = ddir.join(format!("{}.md", d.slug));
                fs::write(&path, write_dossier(&current.dossier)).map_err(|e| io_err(&path, &e))?;
                written += 1;
            }
        }
        let pages = self.store.list_theme_pages().await?;
        if !pages.is_empty() {
            let tdir = dir.join(THEME_PAGES_DIR);
            fs::create_dir_all(&tdir).map_err(|e| io_err(&tdir, &e))?;
            for p in pages {
                let path = tdir.join(format!("{}.md", watwerkt_domain::Coded::code(p.theme)));
                fs::write(&path, write_theme_page(&p)).map_err(|e| io_err(&path, &e))?;
                written += 1;
            }
        }
        let mut page = PageRequest::new(1, PageRequest::MAX_PER_PAGE);
        loop {
            let p = self.store.list_publications(page).await?;
            if p.items.is_empty() {
                break;
            }
            for publication in &p.items {
                let Some(a) = &publication.attachment else {
                    continue;
                };
                let source = self
                    .config
                    .files_dir
                    .as_deref()
                    .and_then(|d| stored_path(d, &a.sha256))
                    .filter(|p| p.is_file())
                    .ok_or_else(|| {
                        AppError::Internal(format!(
                            "bijlage van publicatie '{}' ontbreekt in de bestandenmap",
                            publication.slug
                        ))
                    })?;
                let name = watwerkt_domain::dossier::safe_file_name(&a.file_name)
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                let target = dir.join(PUBLICATIONS_DIR).join(name);
                fs::copy(&source, &target).map_err(|e| io_err(&target, &e))?;
                written += 1;
            }
            page.page += 1;
        }
        Ok(written)
    }
}
