//! The rules a dossier and a theme page must meet, with Dutch messages.

use std::collections::BTreeSet;

use super::{Dossier, ExperientialMethod, Figure, KnowledgeSource, ThemePage};

/// Why a dossier or theme page is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DossierProblem {
    /// No title.
    #[error("de titel ontbreekt")]
    MissingTitle,
    /// No theme.
    #[error("een dossier hoort bij minstens één thema")]
    NoTheme,
    /// A theme twice.
    #[error("thema '{0}' staat er twee keer in")]
    DuplicateTheme(String),
    /// The review date lies before the last review.
    #[error(
        "de herzieningsdatum ({due}) ligt vóór de datum van de laatste beoordeling ({reviewed})"
    )]
    ReviewBeforeReviewed {
        /// Last reviewed.
        reviewed: String,
        /// Review due.
        due: String,
    },
    /// A claim without text.
    #[error("een uitspraak in '{section}' heeft geen tekst")]
    EmptyClaim {
        /// Section name.
        section: String,
    },
    /// A claim that cites no source.
    #[error(
        "de uitspraak '{claim}' noemt geen bron; elke uitspraak verwijst naar minstens één bron"
    )]
    ClaimWithoutSource {
        /// Start of the claim text.
        claim: String,
    },
    /// A claim citing a source id that the literature does not list.
    #[error(
        "de uitspraak '{claim}' verwijst naar bron '{source_id}', die niet in de literatuur staat"
    )]
    UnknownSource {
        /// Start of the claim text.
        claim: String,
        /// The unknown id.
        source_id: String,
    },
    /// A source without knowledge-source tag.
    #[error("bron '{0}' heeft geen kennisbron; kies wetenschappelijk, praktijk of ervaring")]
    SourceWithoutKnowledge(String),
    /// Experiential source without how it was gathered.
    #[error("bron '{0}' is ervaringskennis maar zegt niet hoe die verzameld is (panel, interviews, ervaringsverhalen of een omschrijving)")]
    ExperientialWithoutMethod(String),
    /// A source without citation text.
    #[error("bron '{0}' heeft geen verwijzing")]
    SourceWithoutCitation(String),
    /// Two sources with the same id.
    #[error("bron-id '{0}' komt twee keer voor")]
    DuplicateSource(String),
    /// An invalid source id.
    #[error("bron-id '{0}' is ongeldig; gebruik kleine letters, cijfers en koppeltekens")]
    BadSourceId(String),
    /// A target group without name.
    #[error("een doelgroep onder 'wat werkt' heeft geen naam")]
    GroupWithoutName,
    /// Figure without label.
    #[error("een cijfer heeft geen omschrijving")]
    FigureWithoutLabel,
    /// Figure without source.
    #[error("cijfer '{0}' noemt geen bron")]
    FigureWithoutSource(String),
    /// Figure value without year.
    #[error("cijfer '{0}' heeft een waarde zonder jaar")]
    FigureWithoutYear(String),
    /// Figure without values.
    #[error("cijfer '{0}' heeft geen waarden")]
    FigureWithoutValues(String),
    /// Figure with two values for one year.
    #[error("cijfer '{0}' heeft twee waarden voor het jaar {1}")]
    FigureDuplicateYear(String, i32),
    /// Value not a finite number.
    #[error("cijfer '{0}' heeft een waarde die geen getal is")]
    FigureNotANumber(String),
    /// Implausible year.
    #[error("cijfer '{0}': het jaar {1} is niet aannemelijk (tussen 1800 en 2200)")]
    FigureYear(String, i32),
}

fn short(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() > 60 {
        let cut: String = t.chars().take(57).collect();
        format!("{cut}...")
    } else {
        t.to_string()
    }
}

fn valid_source_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Figure {
    /// All rule violations of this figure.
    pub fn problems(&self) -> Vec<DossierProblem> {
        let mut out = Vec::new();
        let name = short(&self.label);
        if self.label.trim().is_empty() {
            out.push(DossierProblem::FigureWithoutLabel);
        }
        if self.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            out.push(DossierProblem::FigureWithoutSource(name.clone()));
        }
        if self.points.is_empty() {
            out.push(DossierProblem::FigureWithoutValues(name.clone()));
        }
        let mut years = BTreeSet::new();
        for p in &self.points {
            if !p.value.is_finite() {
                out.push(DossierProblem::FigureNotANumber(name.clone()));
            }
            match p.year {
                None => out.push(DossierProblem::FigureWithoutYear(name.clone())),
                Some(y) if !(1800..=2200).contains(&y) => {
                    out.push(DossierProblem::FigureYear(name.clone(), y));
                }
                Some(y) => {
                    if !years.insert(y) {
                        out.push(DossierProblem::FigureDuplicateYear(name.clone(), y));
                    }
                }
            }
        }
        out
    }
}

impl ThemePage {
    /// All rule violations of this theme page.
    pub fn problems(&self) -> Vec<DossierProblem> {
        self.figures.iter().flat_map(Figure::problems).collect()
    }
}

impl Dossier {
    /// All rule violations of this dossier on its own (werkzame elementen are
    /// checked against the store by the caller).
    pub fn problems(&self) -> Vec<DossierProblem> {
        let mut out = Vec::new();
        if self.title.trim().is_empty() {
            out.push(DossierProblem::MissingTitle);
        }
        if self.themes.is_empty() {
            out.push(DossierProblem::NoTheme);
        }
        let mut seen = BTreeSet::new();
        for t in &self.themes {
            if !seen.insert(*t) {
                out.push(DossierProblem::DuplicateTheme(
                    crate::Coded::code(*t).to_string(),
                ));
            }
        }
        if self.review_due < self.reviewed_on {
            out.push(DossierProblem::ReviewBeforeReviewed {
                reviewed: self.reviewed_on.to_string(),
                due: self.review_due.to_string(),
            });
        }
        let mut ids = BTreeSet::new();
        for s in &self.literature.sources {
            if !valid_source_id(&s.id) {
                out.push(DossierProblem::BadSourceId(s.id.clone()));
            }
            if !ids.insert(s.id.as_str()) {
                out.push(DossierProblem::DuplicateSource(s.id.clone()));
            }
            if s.citation.trim().is_empty() {
                out.push(DossierProblem::SourceWithoutCitation(s.id.clone()));
            }
            match &s.knowledge {
                None => out.push(DossierProblem::SourceWithoutKnowledge(s.id.clone())),
                Some(KnowledgeSource::Experiential {
                    how: ExperientialMethod::Other(how),
                }) if how.trim().is_empty() => {
                    out.push(DossierProblem::ExperientialWithoutMethod(s.id.clone()));
                }
                Some(_) => {}
            }
        }
        for g in &self.what_works {
            if g.group.trim().is_empty() {
                out.push(DossierProblem::GroupWithoutName);
            }
        }
        for (section, claim) in self.claims() {
            if claim.text.trim().is_empty() {
                out.push(DossierProblem::EmptyClaim { section });
                continue;
            }
            if claim.sources.is_empty() {
                out.push(DossierProblem::ClaimWithoutSource {
                    claim: short(&claim.text),
                });
            }
            for id in &claim.sources {
                if self.source(id).is_none() {
                    out.push(DossierProblem::UnknownSource {
                        claim: short(&claim.text),
                        source_id: id.clone(),
                    });
                }
            }
        }
        out
    }
}
