//! Wat Werkt-dossiers and themadossiers: what is known per theme, every claim
//! tied to sources tagged with their kind of knowledge.

mod attachment;
mod counts;
mod figure;
mod knowledge;
mod model;
mod problems;
mod review;
mod text;
mod theme_page;

pub use attachment::{check_upload, safe_file_name, Attachment, AttachmentProblem, PDF};
pub use counts::{SectionCounts, SourceCounts};
pub use figure::{DataPoint, Figure};
pub use knowledge::{ExperientialMethod, KnowledgeKind, KnowledgeSource};
pub use model::{Claim, Dossier, GroupFindings, Literature, Source};
pub use problems::DossierProblem;
pub use review::ReviewState;
pub use theme_page::ThemePage;

#[cfg(test)]
mod tests;
