//! The three knowledge sources the dossiers weigh as equals.

use serde::{Deserialize, Serialize};

use crate::Coded;

/// How experiential knowledge was gathered.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExperientialMethod {
    /// An experience panel.
    Panel,
    /// Interviews.
    Interviews,
    /// Collected personal stories (ervaringsverhalen).
    Stories,
    /// Another way, described in words.
    Other(String),
}

impl ExperientialMethod {
    /// The code in files: `panel`, `interviews`, `ervaringsverhalen`, or the free text.
    pub fn code(&self) -> &str {
        match self {
            Self::Panel => "panel",
            Self::Interviews => "interviews",
            Self::Stories => "ervaringsverhalen",
            Self::Other(s) => s,
        }
    }

    /// Parses the code; any other non-empty text is [`Self::Other`].
    pub fn from_code(s: &str) -> Self {
        match s.trim() {
            "panel" => Self::Panel,
            "interviews" => Self::Interviews,
            "ervaringsverhalen" => Self::Stories,
            other => Self::Other(other.to_string()),
        }
    }

    /// Dutch label.
    pub fn label(&self) -> String {
        match self {
            Self::Panel => "ervaringspanel".into(),
            Self::Interviews => "interviews".into(),
            Self::Stories => "ervaringsverhalen".into(),
            Self::Other(s) => s.clone(),
        }
    }
}

/// The kind of knowledge a source carries.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KnowledgeSource {
    /// Wetenschappelijke kennis.
    Scientific,
    /// Praktijkkennis (professional knowledge).
    Practice,
    /// Ervaringskennis, with how it was gathered.
    Experiential {
        /// How it was gathered.
        how: ExperientialMethod,
    },
}

impl KnowledgeSource {
    /// The kind without the detail.
    pub fn kind(&self) -> KnowledgeKind {
        match self {
            Self::Scientific => KnowledgeKind::Scientific,
            Self::Practice => KnowledgeKind::Practice,
            Self::Experiential { .. } => KnowledgeKind::Experiential,
        }
    }
}

/// The three kinds, without detail: for counting, filtering and facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KnowledgeKind {
    /// Wetenschappelijke kennis.
    Scientific,
    /// Praktijkkennis.
    Practice,
    /// Ervaringskennis.
    Experiential,
}

impl KnowledgeKind {
    /// The three kinds, in display order (same as [`Coded::ALL`]).
    pub const ALL_KINDS: &'static [Self] = &[Self::Scientific, Self::Practice, Self::Experiential];
}

impl Coded for KnowledgeKind {
    const ALL: &'static [Self] = &[Self::Scientific, Self::Practice, Self::Experiential];
    fn code(self) -> &'static str {
        match self {
            Self::Scientific => "wetenschappelijk",
            Self::Practice => "praktijk",
            Self::Experiential => "ervaring",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Self::Scientific => "Wetenschappelijke kennis",
            Self::Practice => "Praktijkkennis",
            Self::Experiential => "Ervaringskennis",
        }
    }
}

crate::coded_serde!(KnowledgeKind, "onbekende kennisbron");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn experiential_methods_round_trip_their_codes() {
        for m in [
            ExperientialMethod::Panel,
            ExperientialMethod::Interviews,
            ExperientialMethod::Stories,
            ExperientialMethod::Other("focusgroep".into()),
        ] {
            assert_eq!(ExperientialMethod::from_code(m.code()), m);
        }
    }

    #[test]
    fn kinds_have_codes() {
        assert_eq!(
            KnowledgeKind::from_code("ervaring"),
            Some(KnowledgeKind::Experiential)
        );
        assert_eq!(KnowledgeKind::from_code("gevoel"), None);
    }
}
