//! Filters and summaries for intervention lists.

use watwerkt_domain::{AgeBand, Group, PublicationStatus, RatingDecision, Slug, Theme};

/// Which interventions to list. Within one field values are alternatives
/// (OR); fields combine (AND). Empty fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterventionFilter {
    /// Any of these themes.
    pub themes: Vec<Theme>,
    /// Any of these target groups.
    pub groups: Vec<Group>,
    /// Any of these age bands.
    pub age_bands: Vec<AgeBand>,
    /// Current rating at any of these levels.
    pub ratings: Vec<watwerkt_domain::Rating>,
    /// Only items with this status; the public sees only published ones.
    pub status: Option<PublicationStatus>,
}

impl Default for InterventionFilter {
    fn default() -> Self {
        Self {
            themes: Vec::new(),
            groups: Vec::new(),
            age_bands: Vec::new(),
            ratings: Vec::new(),
            status: Some(PublicationStatus::Published),
        }
    }
}

/// What a list shows of an intervention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterventionSummary {
    /// Slug.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// The samenvatting (Markdown).
    pub summary: String,
    /// Themes.
    pub themes: Vec<Theme>,
    /// Current rating.
    pub rating: Option<RatingDecision>,
    /// Owner organisation.
    pub owner: String,
    /// Fictional example content.
    pub example_data: bool,
}
