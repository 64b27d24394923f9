//! The sections of the werkblad (standard description), in their fixed order.

use crate::Coded;

/// One section of the werkblad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Samenvatting.
    Summary,
    /// Probleemomschrijving.
    Problem,
    /// Doelgroep.
    TargetGroup,
    /// Doel.
    Goals,
    /// Aanpak.
    Approach,
    /// Ontwikkelgeschiedenis.
    History,
    /// Onderbouwing.
    Rationale,
    /// Uitvoering: materialen.
    Materials,
    /// Uitvoering: opleiding.
    Training,
    /// Uitvoering: kwaliteitsbewaking.
    QualityAssurance,
    /// Uitvoering: randvoorwaarden.
    Preconditions,
    /// Uitvoering: implementatie.
    Implementation,
    /// Kosten.
    Costs,
    /// Onderzoek.
    Research,
    /// Literatuur.
    References,
}

/// The heading under which the Uitvoering subsections sit.
pub const IMPLEMENTATION_HEADING: &str = "Uitvoering";

impl Coded for Section {
    const ALL: &'static [Self] = &[
        Self::Summary,
        Self::Problem,
        Self::TargetGroup,
        Self::Goals,
        Self::Approach,
        Self::History,
        Self::Rationale,
        Self::Materials,
        Self::Training,
        Self::QualityAssurance,
        Self::Preconditions,
        Self::Implementation,
        Self::Costs,
        Self::Research,
        Self::References,
    ];

    fn code(self) -> &'static str {
        match self {
            Self::Summary => "samenvatting",
            Self::Problem => "probleemomschrijving",
            Self::TargetGroup => "doelgroep",
            Self::Goals => "doel",
            Self::Approach => "aanpak",
            Self::History => "ontwikkelgeschiedenis",
            Self::Rationale => "onderbouwing",
            Self::Materials => "materialen",
            Self::Training => "opleiding",
            Self::QualityAssurance => "kwaliteitsbewaking",
            Self::Preconditions => "randvoorwaarden",
            Self::Implementation => "implementatie",
            Self::Costs => "kosten",
            Self::Research => "onderzoek",
            Self::References => "literatuur",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Summary => "Samenvatting",
            Self::Problem => "Probleemomschrijving",
            Self::TargetGroup => "Doelgroep",
            Self::Goals => "Doel",
            Self::Approach => "Aanpak",
            Self::History => "Ontwikkelgeschiedenis",
            Self::Rationale => "Onderbouwing",
            Self::Materials => "Materialen",
            Self::Training => "Opleiding",
            Self::QualityAssurance => "Kwaliteitsbewaking",
            Self::Preconditions => "Randvoorwaarden",
            Self::Implementation => "Implementatie",
            Self::Costs => "Kosten",
            Self::Research => "Onderzoek",
            Self::References => "Literatuur",
        }
    }
}

impl Section {
    /// Whether the section sits under the Uitvoering heading (level 3).
    pub fn is_implementation_part(self) -> bool {
        matches!(
            self,
            Self::Materials
                | Self::Training
                | Self::QualityAssurance
                | Self::Preconditions
                | Self::Implementation
        )
    }

    /// Whether a werkblad must have this section filled in. For Uitvoering
    /// at least one of its parts must be present (see [`crate::Description::missing`]).
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Self::Summary | Self::Problem | Self::TargetGroup | Self::Approach | Self::Rationale
        )
    }

    /// The top-level (level 2) sections in order, as headings.
    pub fn top_level_headings() -> impl Iterator<Item = &'static str> {
        let mut seen_impl = false;
        Self::ALL.iter().filter_map(move |s| {
            if s.is_implementation_part() {
                if seen_impl {
                    return None;
                }
                seen_impl = true;
                return Some(IMPLEMENTATION_HEADING);
            }
            Some(s.label())
        })
    }
}
