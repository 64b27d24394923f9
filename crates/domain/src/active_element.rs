//! Werkzame elementen: shared entities that interventions (and later dossiers) point to.

use serde::{Deserialize, Serialize};

use crate::Slug;

/// A werkzaam element: a working ingredient shared by several interventions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveElement {
    /// Stable identifier.
    pub slug: Slug,
    /// Name.
    pub name: String,
    /// Description in Markdown.
    pub description: String,
    /// Fictional example content.
    pub example_data: bool,
}
