//! The dossier itself: sections, claims and sources.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::KnowledgeSource;
use crate::{PublicationStatus, Slug, Theme};

/// A source a claim rests on (a study, a practice report, an experience panel…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Short key the claims cite, unique within the dossier (e.g. `jansen-2021`).
    pub id: String,
    /// The full reference.
    pub citation: String,
    /// Which kind of knowledge it carries; `None` is refused by the rules.
    pub knowledge: Option<KnowledgeSource>,
}

/// One statement, citing one or more sources by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The statement.
    pub text: String,
    /// Ids of the sources it rests on.
    pub sources: Vec<String>,
}

/// What works for one target group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFindings {
    /// The target group, in words.
    pub group: String,
    /// The claims.
    pub claims: Vec<Claim>,
}

/// The literature section: how it was searched and what was found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Literature {
    /// How the literature was searched (databases, terms, period).
    pub search_method: String,
    /// The sources, in order.
    pub sources: Vec<Source>,
}

/// A Wat Werkt-dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dossier {
    /// Stable identifier.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// Publication status.
    pub status: PublicationStatus,
    /// Fictional example content.
    pub example_data: bool,
    /// Themes (at least one).
    pub themes: Vec<Theme>,
    /// When the redactie last reviewed the content.
    pub reviewed_on: NaiveDate,
    /// When it must be reviewed again.
    pub review_due: NaiveDate,
    /// Introduction (Markdown).
    pub intro: String,
    /// Feiten en cijfers: claims about the size and nature of the problem.
    pub facts: Vec<Claim>,
    /// Wat werkt, per target group.
    pub what_works: Vec<GroupFindings>,
    /// Werkzame elementen (shared with the interventions).
    pub active_elements: Vec<Slug>,
    /// Literatuur.
    pub literature: Literature,
}

impl Dossier {
    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.literature.sources.iter().find(|s| s.id == id)
    }

    /// Every claim with the name of its section.
    pub fn claims(&self) -> impl Iterator<Item = (String, &Claim)> {
        self.facts
            .iter()
            .map(|c| ("Feiten en cijfers".to_string(), c))
            .chain(self.what_works.iter().flat_map(|g| {
                g.claims
                    .iter()
                    .map(move |c| (format!("Wat werkt: {}", g.group), c))
            }))
    }
}
