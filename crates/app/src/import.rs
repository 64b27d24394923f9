//! Import use case: a content folder into the store, all or nothing.

use std::collections::BTreeSet;
use std::path::Path;

use crate::content::Problems;
use crate::{App, AppError};

impl App {
    /// Checks a content folder and, only if every file is right, stores all of
    /// it in one transaction. `progress(done, total)` follows the checks.
    pub async fn import_dir(
        &self,
        dir: &Path,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<watwerkt_store::ImportOutcome, ImportError> {
        let known: BTreeSet<String> = self
            .store
            .list_active_elements()
            .await
            .map_err(|e| ImportError::App(e.into()))?
            .into_iter()
            .map(|(e, _)| e.slug.to_string())
            .collect();
        let mut loaded =
            crate::content::load_dir(dir, &known, progress).map_err(ImportError::Content)?;
        let pdir = dir.join(crate::content::PUBLICATIONS_DIR);
        let files = crate::content::complete_attachments(
            &mut loaded.batch,
            &self.config.uploads,
            &|name| std::fs::read(pdir.join(name)).ok(),
        )
        .map_err(|p| ImportError::Content(Problems(p)))?;
        // Files first, under their hash: a failed import leaves at most an
        // unreferenced file, never a row without its file.
        self.store_files(&files).map_err(ImportError::App)?;
        let outcome = self
            .store
            .import_with_dossiers(&loaded.batch, &loaded.dossiers, self.clock.now())
            .await
            .map_err(|e| ImportError::App(e.into()))?;
        self.index_after_commit(&loaded.batch);
        self.index_dossiers_after_commit(&loaded.dossiers);
        Ok(outcome)
    }
}

/// Why an import stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Problems in the files, each with file and line.
    #[error("{0}")]
    Content(Problems),
    /// Storage failed.
    #[error("{0}")]
    App(AppError),
}

impl App {
    /// Stores an already-checked batch in one transaction.
    pub async fn import_batch(
        &self,
        batch: &watwerkt_store::ContentBatch,
    ) -> Result<watwerkt_store::ImportOutcome, AppError> {
        let outcome = self.store.import_content(batch, self.clock.now()).await?;
        self.index_after_commit(batch);
        Ok(outcome)
    }
}
