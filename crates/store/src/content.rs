//! Bulk content writes.

use watwerkt_domain::{ActiveElement, Intervention, Publication};

/// A set of content to store in one transaction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContentBatch {
    /// Werkzame elementen (stored before the interventions that point to them).
    pub active_elements: Vec<ActiveElement>,
    /// Interventions.
    pub interventions: Vec<Intervention>,
    /// Publications.
    pub publications: Vec<Publication>,
}

impl ContentBatch {
    /// Number of items in the batch.
    pub fn len(&self) -> usize {
        self.active_elements.len() + self.interventions.len() + self.publications.len()
    }

    /// Whether the batch holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What an import changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// Items that did not exist yet.
    pub created: u64,
    /// Items that existed and changed.
    pub updated: u64,
    /// Items that existed and were identical.
    pub unchanged: u64,
}
