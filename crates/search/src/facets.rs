//! Facet dimensions, filters and counts.

use tantivy::schema::Facet;
use watwerkt_domain::dossier::KnowledgeKind;
use watwerkt_domain::{Coded, Group, Rating, Theme};

use crate::doc::Kind;
use crate::write::facet;

/// A facet dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// Type (interventie, publicatie).
    Kind,
    /// Thema.
    Theme,
    /// Doelgroep.
    Group,
    /// Erkenningsniveau.
    Rating,
    /// Kennisbron (the kinds of knowledge a dossier rests on).
    Knowledge,
}

impl Dimension {
    /// Every dimension.
    pub const ALL: [Dimension; 5] = [
        Dimension::Kind,
        Dimension::Theme,
        Dimension::Group,
        Dimension::Rating,
        Dimension::Knowledge,
    ];

    /// The facet root and URL parameter name.
    pub fn code(self) -> &'static str {
        match self {
            Dimension::Kind => "type",
            Dimension::Theme => "thema",
            Dimension::Group => "doelgroep",
            Dimension::Rating => "erkenningsniveau",
            Dimension::Knowledge => "kennisbron",
        }
    }

    /// Whether `value` is a known code in this dimension.
    pub fn knows(self, value: &str) -> bool {
        match self {
            Dimension::Kind => Kind::from_code(value).is_some(),
            Dimension::Theme => Theme::from_code(value).is_some(),
            Dimension::Group => Group::from_code(value).is_some(),
            Dimension::Rating => Rating::from_code(value).is_some(),
            Dimension::Knowledge => KnowledgeKind::from_code(value).is_some(),
        }
    }

    /// The facet of one value.
    pub fn facet(self, value: &str) -> Facet {
        facet(self.code(), value)
    }

    /// The root facet of the dimension.
    pub fn root(self) -> Facet {
        Facet::from_path([self.code()])
    }
}

/// Selected facet values; values within a dimension are OR-ed, dimensions AND-ed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Kind codes.
    pub kinds: Vec<String>,
    /// Theme codes.
    pub themes: Vec<String>,
    /// Group codes.
    pub groups: Vec<String>,
    /// Rating codes.
    pub ratings: Vec<String>,
    /// Knowledge-source codes (`wetenschappelijk`, `praktijk`, `ervaring`).
    pub knowledge: Vec<String>,
}

impl Filters {
    /// The values selected in a dimension.
    pub fn values(&self, d: Dimension) -> &[String] {
        match d {
            Dimension::Kind => &self.kinds,
            Dimension::Theme => &self.themes,
            Dimension::Group => &self.groups,
            Dimension::Rating => &self.ratings,
            Dimension::Knowledge => &self.knowledge,
        }
    }

    fn values_mut(&mut self, d: Dimension) -> &mut Vec<String> {
        match d {
            Dimension::Kind => &mut self.kinds,
            Dimension::Theme => &mut self.themes,
            Dimension::Group => &mut self.groups,
            Dimension::Rating => &mut self.ratings,
            Dimension::Knowledge => &mut self.knowledge,
        }
    }

    /// Splits into the known values and the unknown ones (reported, not applied).
    pub fn validated(&self) -> (Filters, Vec<(Dimension, String)>) {
        let mut ok = Filters::default();
        let mut unknown = Vec::new();
        for d in Dimension::ALL {
            for v in self.values(d) {
                if d.knows(v) {
                    if !ok.values(d).contains(v) {
                        ok.values_mut(d).push(v.clone());
                    }
                } else {
                    unknown.push((d, v.clone()));
                }
            }
        }
        (ok, unknown)
    }
}

/// One value of a facet with the number of results it would give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    /// The code.
    pub value: String,
    /// Matching results.
    pub count: u64,
    /// Whether this value is selected.
    pub selected: bool,
}

/// The counts of every dimension, most frequent first.
///
/// Each dimension is counted with the query and the filters of the *other*
/// dimensions, so selecting a theme still shows the other themes' counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Per kind.
    pub kinds: Vec<FacetCount>,
    /// Per theme.
    pub themes: Vec<FacetCount>,
    /// Per group.
    pub groups: Vec<FacetCount>,
    /// Per rating.
    pub ratings: Vec<FacetCount>,
    /// Per knowledge source.
    pub knowledge: Vec<FacetCount>,
}

impl FacetCounts {
    /// The counts of one dimension.
    pub fn get(&self, d: Dimension) -> &[FacetCount] {
        match d {
            Dimension::Kind => &self.kinds,
            Dimension::Theme => &self.themes,
            Dimension::Group => &self.groups,
            Dimension::Rating => &self.ratings,
            Dimension::Knowledge => &self.knowledge,
        }
    }

    pub(crate) fn set(&mut self, d: Dimension, counts: Vec<FacetCount>) {
        match d {
            Dimension::Kind => self.kinds = counts,
            Dimension::Theme => self.themes = counts,
            Dimension::Group => self.groups = counts,
            Dimension::Rating => self.ratings = counts,
            Dimension::Knowledge => self.knowledge = counts,
        }
    }
}
