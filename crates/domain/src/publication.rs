//! Publications: handreikingen, factsheets, reports, regulations — searchable
//! next to the interventions.

use serde::{Deserialize, Serialize};

use crate::{Coded, PublicationStatus, Slug, Theme};

/// What kind of publication it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PublicationKind {
    /// Handreiking (practical guide).
    Guide,
    /// Factsheet.
    Factsheet,
    /// Rapport (report).
    Report,
    /// Artikel (article).
    Article,
    /// Wet- en regelgeving (laws and regulations).
    Regulation,
    /// Anything else.
    Other,
}

impl Coded for PublicationKind {
    const ALL: &'static [Self] = &[
        Self::Guide,
        Self::Factsheet,
        Self::Report,
        Self::Article,
        Self::Regulation,
        Self::Other,
    ];

    fn code(self) -> &'static str {
        match self {
            Self::Guide => "handreiking",
            Self::Factsheet => "factsheet",
            Self::Report => "rapport",
            Self::Article => "artikel",
            Self::Regulation => "regelgeving",
            Self::Other => "overig",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Guide => "Handreiking",
            Self::Factsheet => "Factsheet",
            Self::Report => "Rapport",
            Self::Article => "Artikel",
            Self::Regulation => "Wet- en regelgeving",
            Self::Other => "Overig",
        }
    }
}

crate::coded_serde!(PublicationKind, "onbekend publicatietype");

/// A publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// Stable identifier.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: PublicationKind,
    /// Publication status.
    pub status: PublicationStatus,
    /// Year of publication.
    pub year: Option<i32>,
    /// Authors, in order.
    pub authors: Vec<String>,
    /// Themes.
    pub themes: Vec<Theme>,
    /// Where the full text lives (URL), if elsewhere.
    pub link: Option<String>,
    /// Fictional example content.
    pub example_data: bool,
    /// The text (Markdown).
    pub body: String,
    /// The attached file (PDF), if any.
    #[serde(default)]
    pub attachment: Option<crate::dossier::Attachment>,
}

/// Why a publication is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublicationProblem {
    /// No title.
    #[error("de titel ontbreekt")]
    MissingTitle,
    /// No text and no link.
    #[error("een publicatie heeft tekst of een link nodig")]
    Empty,
    /// Implausible year.
    #[error("het jaar {0} is niet aannemelijk (tussen 1800 en 2200)")]
    Year(i32),
}

impl Publication {
    /// All rule violations of this publication on its own.
    pub fn problems(&self) -> Vec<PublicationProblem> {
        let mut out = Vec::new();
        if self.title.trim().is_empty() {
            out.push(PublicationProblem::MissingTitle);
        }
        if self.body.trim().is_empty() && self.link.is_none() {
            out.push(PublicationProblem::Empty);
        }
        if let Some(y) = self.year {
            if !(1800..=2200).contains(&y) {
                out.push(PublicationProblem::Year(y));
            }
        }
        out
    }
}
