//! The embedded demo content (fictional, marked "voorbeelddata" everywhere).

use std::path::Path;

use include_dir::{include_dir, Dir};
use watwerkt_store::{ContentBatch, DossierBatch};

use crate::content::{
    parse_active_element, parse_dossier, parse_intervention, parse_publication, parse_theme_page,
    Problems, ACTIVE_ELEMENTS_DIR, DOSSIERS_DIR, INTERVENTIONS_DIR, PUBLICATIONS_DIR,
    THEME_PAGES_DIR,
};
use crate::{App, AppError};

/// The demo content folder, embedded in the binary.
pub static DEMO: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../demo");

fn files(sub: &str) -> Vec<(String, String, &'static str)> {
    let mut out: Vec<_> = DEMO
        .get_dir(sub)
        .map(|d| {
            d.files()
                .filter(|f| f.path().extension().is_some_and(|x| x == "md"))
                .filter_map(|f| {
                    let name = f.path().to_string_lossy().into_owned();
                    let stem = f.path().file_stem()?.to_string_lossy().into_owned();
                    Some((name, stem, f.contents_utf8()?))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Parses the embedded demo content. It is checked by the test suite, so a
/// problem here is a build defect; it is still reported, never a panic.
pub fn demo_batch() -> Result<ContentBatch, Problems> {
    let mut batch = ContentBatch::default();
    let mut problems = Vec::new();
    for (name, stem, text) in files(ACTIVE_ELEMENTS_DIR) {
        match parse_active_element(&name, Some(&stem), text) {
            Ok(e) => batch.active_elements.push(e),
            Err(p) => problems.extend(p),
        }
    }
    for (name, stem, text) in files(INTERVENTIONS_DIR) {
        match parse_intervention(&name, Some(&stem), text) {
            Ok(i) => batch.interventions.push(i),
            Err(p) => problems.extend(p),
        }
    }
    for (name, stem, text) in files(PUBLICATIONS_DIR) {
        match parse_publication(&name, Some(&stem), text) {
            Ok(p) => batch.publications.push(p),
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(batch)
    } else {
        Err(Problems(problems))
    }
}

/// Parses the embedded demo dossiers and theme pages.
pub fn demo_dossiers() -> Result<DossierBatch, Problems> {
    let mut batch = DossierBatch::default();
    let mut problems = Vec::new();
    for (name, stem, text) in files(DOSSIERS_DIR) {
        match parse_dossier(&name, Some(&stem), text) {
            Ok(d) => batch.dossiers.push(d),
            Err(p) => problems.extend(p),
        }
    }
    for (name, stem, text) in files(THEME_PAGES_DIR) {
        match parse_theme_page(&name, Some(&stem), text) {
            Ok(p) => batch.theme_pages.push(p),
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(batch)
    } else {
        Err(Problems(problems))
    }
}

/// Writes the embedded demo content as a content folder (for `watwerkt demo DIR`).
pub fn write_demo(dir: &Path) -> Result<(), AppError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| AppError::Invalid(format!("{}: {e}", dir.display())))?;
    DEMO.extract(dir)
        .map_err(|e| AppError::Invalid(format!("{}: {e}", dir.display())))
}

impl App {
    /// Loads the demo content when the store holds no content yet. Returns
    /// whether it did.
    pub async fn load_demo_if_empty(&self) -> Result<bool, AppError> {
        if !self.store.is_empty().await? {
            return Ok(false);
        }
        self.load_demo().await?;
        Ok(true)
    }

    /// Loads (inserts or updates) all demo content: interventions, werkzame
    /// elementen, publications with their PDFs, dossiers and theme pages, in
    /// one transaction after the files are stored.
    pub async fn load_demo(&self) -> Result<watwerkt_store::ImportOutcome, AppError> {
        let mut batch = demo_batch().map_err(|p| AppError::Internal(p.to_string()))?;
        let dossiers = demo_dossiers().map_err(|p| AppError::Internal(p.to_string()))?;
        let files =
            crate::content::complete_attachments(&mut batch, &self.config.uploads, &|name| {
                DEMO.get_file(format!("{PUBLICATIONS_DIR}/{name}"))
                    .map(|f| f.contents().to_vec())
            })
            .map_err(|p| AppError::Internal(Problems(p).to_string()))?;
        self.store_files(&files)?;
        let outcome = self
            .store
            .import_with_dossiers(&batch, &dossiers, self.clock.now())
            .await?;
        self.index_after_commit(&batch);
        self.index_dossiers_after_commit(&dossiers);
        Ok(outcome)
    }
}
