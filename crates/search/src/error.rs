//! Errors of the search index.

use std::path::PathBuf;

/// Why an index directory cannot be used as it is and must be rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RebuildReason {
    /// There is no index in the directory.
    #[error("er is nog geen zoekindex")]
    Missing,
    /// The index was made by another schema version.
    #[error("de zoekindex heeft schemaversie {found}, verwacht {expected}")]
    Outdated {
        /// The version found on disk.
        found: String,
        /// The version this build expects.
        expected: String,
    },
    /// The index files cannot be read.
    #[error("de zoekindex is beschadigd: {0}")]
    Corrupt(String),
}

/// An error of the search index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index must be rebuilt before use.
    #[error("zoekindex moet opnieuw worden opgebouwd: {0}")]
    NeedsRebuild(RebuildReason),
    /// Reading or writing the index directory failed.
    #[error("zoekindex in {path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// tantivy failed.
    #[error("zoekindex: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// Loading the documents for a rebuild failed.
    #[error("documenten laden voor de zoekindex: {0}")]
    Load(String),
}

impl From<tantivy::directory::error::OpenDirectoryError> for SearchError {
    fn from(e: tantivy::directory::error::OpenDirectoryError) -> Self {
        SearchError::Tantivy(e.into())
    }
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, SearchError>;
