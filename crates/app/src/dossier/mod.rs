//! Use cases of the Wat Werkt-dossiers, themadossiers and publication files.

mod diff;
mod edit;
mod export;
mod files;
mod read;
mod search_docs;

pub use diff::{DiffLine, LineChange, SectionDiff, VersionDiff};
pub use edit::DossierEdit;
pub use files::{check_file, sha256_hex, UploadPolicy};
pub use read::{DossierCard, DossierView, PublicationList, ThemeDossierView};
pub use search_docs::{dossier_doc, theme_page_doc};
