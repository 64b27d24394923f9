//! The document the index holds: generic, so other content types can join later.

use chrono::NaiveDate;

/// The type of a searchable item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// An intervention (interventie) of the databank.
    Intervention,
    /// A publication (handreiking, factsheet, rapport, ...).
    Publication,
    /// A Wat Werkt-dossier.
    Dossier,
    /// A themadossier (theme page).
    ThemePage,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: &'static [Kind] = &[
        Kind::Intervention,
        Kind::Publication,
        Kind::Dossier,
        Kind::ThemePage,
    ];

    /// The stable code used in URLs and facets.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Intervention => "interventie",
            Kind::Publication => "publicatie",
            Kind::Dossier => "dossier",
            Kind::ThemePage => "themadossier",
        }
    }

    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Intervention => "Interventie",
            Kind::Publication => "Publicatie",
            Kind::Dossier => "Wat Werkt-dossier",
            Kind::ThemePage => "Themadossier",
        }
    }

    /// Looks a kind up by its code.
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.code() == code)
    }
}

/// One searchable item, as the application hands it to the index.
///
/// `(kind, id)` identifies it; themes, groups and rating are the codes of
/// `watwerkt_domain::{Theme, Group, Rating}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// The slug or other stable id, unique within its kind.
    pub id: String,
    /// What kind of item it is.
    pub kind: Kind,
    /// The title: weighted highest.
    pub title: String,
    /// The summary (samenvatting): weighted above the body.
    pub summary: String,
    /// All other text.
    pub body: String,
    /// Theme codes (`eenzaamheid`).
    pub themes: Vec<String>,
    /// Target group codes (`mantelzorgers`).
    pub groups: Vec<String>,
    /// Rating code (`goed-onderbouwd`), if rated.
    pub rating: Option<String>,
    /// The date to sort on (publication or rating date).
    pub date: Option<NaiveDate>,
    /// Where the item lives on the site.
    pub url: String,
    /// The last day the rating is valid (interventions). Searches compare it
    /// with their day: an expired rating is shown as expired, does not count
    /// in the erkenningsniveau facet or filter, and sorts as unrated.
    pub rating_valid_until: Option<NaiveDate>,
    /// Fictional example content (shown with a notice).
    pub example_data: bool,
    /// A short description under the title, e.g. `Rapport, 2021`.
    pub detail: Option<String>,
    /// Kennisbron codes of a dossier (`wetenschappelijk`, `praktijk`, `ervaring`).
    pub knowledge: Vec<String>,
}

impl Default for SearchDoc {
    fn default() -> Self {
        SearchDoc {
            id: String::new(),
            kind: Kind::Publication,
            title: String::new(),
            summary: String::new(),
            body: String::new(),
            themes: Vec::new(),
            groups: Vec::new(),
            rating: None,
            date: None,
            url: String::new(),
            rating_valid_until: None,
            example_data: false,
            detail: None,
            knowledge: Vec::new(),
        }
    }
}

impl SearchDoc {
    /// The unique key in the index: `kind/id`.
    pub fn key(&self) -> String {
        doc_key(self.kind, &self.id)
    }
}

pub(crate) fn doc_key(kind: Kind, id: &str) -> String {
    format!("{}/{}", kind.code(), id)
}
