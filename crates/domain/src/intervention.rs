//! The intervention and its standard description (werkblad).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::section::Section;
use crate::{Coded, RatingDecision, Slug, TargetGroup, Theme};

/// Whether an intervention is visible to the public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PublicationStatus {
    /// Being written; not public.
    Draft,
    /// Public.
    Published,
    /// No longer offered; not listed, kept for history.
    Archived,
}

impl Coded for PublicationStatus {
    const ALL: &'static [Self] = &[Self::Draft, Self::Published, Self::Archived];
    fn code(self) -> &'static str {
        match self {
            Self::Draft => "concept",
            Self::Published => "gepubliceerd",
            Self::Archived => "gearchiveerd",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Self::Draft => "Concept",
            Self::Published => "Gepubliceerd",
            Self::Archived => "Gearchiveerd",
        }
    }
}

crate::coded_serde!(PublicationStatus, "onbekende publicatiestatus");

/// Hoofddoel and subdoelen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goals {
    /// The main goal.
    pub main: String,
    /// Sub goals.
    pub sub: Vec<String>,
}

/// The structured facts of the aanpak.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approach {
    /// Activities, in order.
    pub activities: Vec<String>,
    /// How long it runs, e.g. "12 weken".
    pub duration: Option<String>,
    /// How often and how long, e.g. "wekelijks 2 uur".
    pub intensity: Option<String>,
}

/// What the amount in [`Costs`] is counted per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CostBasis {
    /// Per participant.
    PerParticipant,
    /// Per year.
    PerYear,
}

impl Coded for CostBasis {
    const ALL: &'static [Self] = &[Self::PerParticipant, Self::PerYear];
    fn code(self) -> &'static str {
        match self {
            Self::PerParticipant => "deelnemer",
            Self::PerYear => "jaar",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Self::PerParticipant => "per deelnemer",
            Self::PerYear => "per jaar",
        }
    }
}

crate::coded_serde!(CostBasis, "onbekende kostenbasis (kies deelnemer of jaar)");

/// Structured costs: an amount in euro cents and what it is counted per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Costs {
    /// Amount in euro cents (exact; no floating point money).
    pub amount_cents: u64,
    /// What the amount is per.
    pub per: CostBasis,
}

impl Costs {
    /// The amount in Dutch notation, e.g. `€ 1.250` or `€ 37,50`.
    pub fn display_amount(&self) -> String {
        let euros = self.amount_cents / 100;
        let cents = self.amount_cents % 100;
        let digits = euros.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(c);
        }
        if cents == 0 {
            format!("€ {grouped}")
        } else {
            format!("€ {grouped},{cents:02}")
        }
    }
}

/// Owner organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    /// Name of the organisation.
    pub organisation: String,
    /// Website.
    pub website: Option<String>,
}

/// Contact person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Name.
    pub name: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

impl Contact {
    /// Whether nothing is filled in.
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.email.is_none() && self.phone.is_none()
    }
}

/// A study into the intervention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Study {
    /// Research design, e.g. "gerandomiseerd gecontroleerd onderzoek".
    pub design: String,
    /// Year of publication.
    pub year: i32,
    /// Bibliographic reference.
    pub reference: String,
    /// Main finding.
    pub finding: String,
}

/// The werkblad text sections, each Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Description {
    /// Section texts keyed by section; absent sections are not in the map.
    pub sections: BTreeMap<SectionKey, String>,
}

/// A serialisable key for [`Section`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SectionKey(#[serde(with = "section_code")] pub Section);

mod section_code {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::section::Section;
    use crate::Coded;

    pub fn serialize<S: Serializer>(s: &Section, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(s.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Section, D::Error> {
        let s = String::deserialize(d)?;
        Section::from_code(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("onbekende sectie '{s}'")))
    }
}

impl Description {
    /// The text of a section, if present and not blank.
    pub fn get(&self, section: Section) -> Option<&str> {
        self.sections
            .get(&SectionKey(section))
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
    }

    /// Sets (or with `None`, removes) the text of a section.
    pub fn set(&mut self, section: Section, text: Option<String>) {
        match text.filter(|t| !t.trim().is_empty()) {
            Some(t) => {
                self.sections.insert(SectionKey(section), t);
            }
            None => {
                self.sections.remove(&SectionKey(section));
            }
        }
    }

    /// Whether any Uitvoering subsection is present.
    pub fn has_implementation(&self) -> bool {
        Section::ALL
            .iter()
            .any(|s| s.is_implementation_part() && self.get(*s).is_some())
    }

    /// The headings of required sections that are missing, in werkblad order.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for s in Section::ALL {
            if s.is_required() && self.get(*s).is_none() {
                out.push(s.label());
            }
        }
        if !self.has_implementation() {
            let pos = out
                .iter()
                .position(|h| *h == Section::Costs.label())
                .unwrap_or(out.len());
            out.insert(pos, crate::section::IMPLEMENTATION_HEADING);
        }
        out
    }
}

/// An intervention with its full standard description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intervention {
    /// Stable identifier in URLs and files.
    pub slug: Slug,
    /// Name.
    pub title: String,
    /// Publication status.
    pub status: PublicationStatus,
    /// Fictional example content ("voorbeelddata").
    pub example_data: bool,
    /// Themes, at least one.
    pub themes: Vec<Theme>,
    /// Structured target group.
    pub target_group: TargetGroup,
    /// Goals.
    pub goals: Goals,
    /// Structured facts of the approach.
    pub approach: Approach,
    /// Structured costs.
    pub costs: Option<Costs>,
    /// Owner organisation.
    pub owner: Owner,
    /// Contact person.
    pub contact: Contact,
    /// Slugs of the werkzame elementen this intervention carries.
    pub active_elements: Vec<Slug>,
    /// The current rating, if any.
    pub rating: Option<RatingDecision>,
    /// Studies into the intervention.
    pub research: Vec<Study>,
    /// The werkblad text sections.
    pub description: Description,
}

/// Why an intervention is not acceptable, independent of where it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InterventionProblem {
    /// No title.
    #[error("de titel ontbreekt")]
    MissingTitle,
    /// No theme.
    #[error("geef minstens één thema op")]
    NoTheme,
    /// The main goal is empty.
    #[error("het hoofddoel ontbreekt")]
    MissingMainGoal,
    /// No owner organisation.
    #[error("de eigenaar (organisatie) ontbreekt")]
    MissingOwner,
    /// Required sections are missing.
    #[error("verplichte secties ontbreken: {}", .0.join(", "))]
    MissingSections(Vec<&'static str>),
    /// Rating decision problem.
    #[error(transparent)]
    Rating(#[from] crate::rating::RatingError),
    /// A theme appears twice.
    #[error("thema '{0}' staat er twee keer in")]
    DuplicateTheme(&'static str),
}

impl Intervention {
    /// All rule violations of this intervention on its own (references to
    /// other items, such as werkzame elementen, are checked by the caller).
    pub fn problems(&self) -> Vec<InterventionProblem> {
        let mut out = Vec::new();
        if self.title.trim().is_empty() {
            out.push(InterventionProblem::MissingTitle);
        }
        if self.themes.is_empty() {
            out.push(InterventionProblem::NoTheme);
        }
        let mut seen = Vec::new();
        for t in &self.themes {
            if seen.contains(t) {
                out.push(InterventionProblem::DuplicateTheme(t.code()));
            }
            seen.push(*t);
        }
        if self.goals.main.trim().is_empty() {
            out.push(InterventionProblem::MissingMainGoal);
        }
        if self.owner.organisation.trim().is_empty() {
            out.push(InterventionProblem::MissingOwner);
        }
        let missing = self.description.missing();
        if !missing.is_empty() {
            out.push(InterventionProblem::MissingSections(missing));
        }
        if let Some(r) = &self.rating {
            if let Err(e) = r.validate() {
                out.push(e.into());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_use_dutch_notation() {
        let c = |cents| Costs {
            amount_cents: cents,
            per: CostBasis::PerYear,
        };
        assert_eq!(c(125_000).display_amount(), "€ 1.250");
        assert_eq!(c(3_750).display_amount(), "€ 37,50");
        assert_eq!(c(123_456_700).display_amount(), "€ 1.234.567");
        assert_eq!(c(0).display_amount(), "€ 0");
    }

    #[test]
    fn missing_lists_required_sections_in_order() {
        let mut d = Description::default();
        d.set(Section::Problem, Some("x".into()));
        assert_eq!(
            d.missing(),
            [
                "Samenvatting",
                "Doelgroep",
                "Aanpak",
                "Onderbouwing",
                "Uitvoering"
            ]
        );
        d.set(Section::Training, Some("y".into()));
        assert!(!d.missing().contains(&"Uitvoering"));
        d.set(Section::Training, Some("  ".into()));
        assert!(d.missing().contains(&"Uitvoering"));
    }
}
