use chrono::NaiveDate;

use super::*;
use crate::{PublicationStatus, Slug, Theme};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn source(id: &str, k: Option<KnowledgeSource>) -> Source {
    Source {
        id: id.into(),
        citation: format!("Auteur ({id})"),
        knowledge: k,
    }
}

fn claim(text: &str, sources: &[&str]) -> Claim {
    Claim {
        text: text.into(),
        sources: sources.iter().map(|s| (*s).to_string()).collect(),
    }
}

fn dossier() -> Dossier {
    Dossier {
        slug: Slug::parse("eenzaamheid-ouderen").unwrap(),
        title: "Eenzaamheid onder ouderen".into(),
        status: PublicationStatus::Published,
        example_data: true,
        themes: vec![Theme::Eenzaamheid],
        reviewed_on: date(2025, 1, 1),
        review_due: date(2026, 1, 1),
        intro: "Inleiding".into(),
        facts: vec![claim("Een op de tien ouderen is zeer eenzaam.", &["cbs"])],
        what_works: vec![GroupFindings {
            group: "Alleenwonende ouderen".into(),
            claims: vec![
                claim("Samen eten helpt.", &["studie", "panel"]),
                claim("Huisbezoek werkt.", &["praktijk"]),
            ],
        }],
        active_elements: vec![],
        literature: Literature {
            search_method: "Gezocht in PubMed".into(),
            sources: vec![
                source("cbs", Some(KnowledgeSource::Scientific)),
                source("studie", Some(KnowledgeSource::Scientific)),
                source("praktijk", Some(KnowledgeSource::Practice)),
                source(
                    "panel",
                    Some(KnowledgeSource::Experiential {
                        how: ExperientialMethod::Panel,
                    }),
                ),
            ],
        },
    }
}

#[test]
fn a_complete_dossier_has_no_problems() {
    assert_eq!(dossier().problems(), vec![]);
}

#[test]
fn a_claim_without_source_is_refused_in_dutch() {
    let mut d = dossier();
    d.what_works[0].claims.push(claim("Zonder bron.", &[]));
    let p = d.problems();
    assert_eq!(
        p,
        vec![DossierProblem::ClaimWithoutSource {
            claim: "Zonder bron.".into()
        }]
    );
    assert!(p[0].to_string().contains("noemt geen bron"));
}

#[test]
fn a_claim_citing_an_unlisted_source_is_refused() {
    let mut d = dossier();
    d.facts.push(claim("Iets.", &["onbekend"]));
    assert!(matches!(
        d.problems().as_slice(),
        [DossierProblem::UnknownSource { source_id, .. }] if source_id == "onbekend"
    ));
}

#[test]
fn a_source_without_knowledge_tag_is_refused() {
    let mut d = dossier();
    d.literature.sources.push(source("los", None));
    let p = d.problems();
    assert_eq!(
        p,
        vec![DossierProblem::SourceWithoutKnowledge("los".into())]
    );
    assert!(p[0].to_string().contains("geen kennisbron"));
}

#[test]
fn experiential_knowledge_needs_how_it_was_gathered() {
    let mut d = dossier();
    d.literature.sources.push(source(
        "leeg",
        Some(KnowledgeSource::Experiential {
            how: ExperientialMethod::Other(" ".into()),
        }),
    ));
    assert_eq!(
        d.problems(),
        vec![DossierProblem::ExperientialWithoutMethod("leeg".into())]
    );
}

#[test]
fn no_theme_and_duplicate_sources_are_refused() {
    let mut d = dossier();
    d.themes.clear();
    d.literature
        .sources
        .push(source("cbs", Some(KnowledgeSource::Practice)));
    let p = d.problems();
    assert!(p.contains(&DossierProblem::NoTheme));
    assert!(p.contains(&DossierProblem::DuplicateSource("cbs".into())));
}

#[test]
fn counts_per_section_and_total() {
    let (sections, total) = dossier().source_counts();
    assert_eq!(sections.len(), 2);
    assert_eq!(sections[0].section, "Feiten en cijfers");
    assert_eq!(
        sections[0].counts,
        SourceCounts {
            scientific: 1,
            practice: 0,
            experiential: 0,
            claims: 1
        }
    );
    assert_eq!(sections[1].section, "Wat werkt: Alleenwonende ouderen");
    assert_eq!(
        sections[1].counts,
        SourceCounts {
            scientific: 1,
            practice: 1,
            experiential: 1,
            claims: 2
        }
    );
    assert_eq!(
        total,
        SourceCounts {
            scientific: 2,
            practice: 1,
            experiential: 1,
            claims: 3
        }
    );
}

#[test]
fn review_state_turns_due_on_the_review_date() {
    let d = dossier();
    assert_eq!(d.review_state(date(2025, 12, 31)), ReviewState::Current);
    assert_eq!(d.review_state(date(2026, 1, 1)), ReviewState::Due);
}

#[test]
fn figures_need_year_and_source() {
    let f = Figure {
        label: "Eenzame ouderen".into(),
        unit: "procent".into(),
        source: None,
        points: vec![
            DataPoint {
                year: Some(2020),
                value: 10.0,
            },
            DataPoint {
                year: None,
                value: 11.0,
            },
        ],
    };
    let p = f.problems();
    assert!(p.contains(&DossierProblem::FigureWithoutSource(
        "Eenzame ouderen".into()
    )));
    assert!(p.contains(&DossierProblem::FigureWithoutYear("Eenzame ouderen".into())));
    assert!(p
        .iter()
        .any(|x| x.to_string() == "cijfer 'Eenzame ouderen' noemt geen bron"));
}
