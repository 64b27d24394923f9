//! `/interventies/{slug}`: the werkblad with its structured facts, the rating
//! badge and its history.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use watwerkt_app::InterventionView;
use watwerkt_domain::section::IMPLEMENTATION_HEADING;
use watwerkt_domain::{Coded, Intervention, Section as WerkbladSection};

use super::layout::{Meta, Section};
use super::parts::{web_link, Link, RatingVm};
use super::{render, PageResult};
use crate::markdown;
use crate::state::AppState;

/// A werkblad section; Uitvoering carries its parts.
pub(crate) struct SectionVm {
    pub id: &'static str,
    pub heading: &'static str,
    pub html: String,
    pub parts: Vec<SectionVm>,
}

/// The structured facts shown above the werkblad text.
pub(crate) struct Facts {
    pub themes: Vec<Link>,
    pub age_bands: Vec<&'static str>,
    pub groups: Vec<&'static str>,
    pub main_goal: String,
    pub sub_goals: Vec<String>,
    pub activities: Vec<String>,
    pub duration: Option<String>,
    pub intensity: Option<String>,
    pub costs: Option<String>,
    pub owner: String,
    pub owner_website: Option<Link>,
    pub contact_name: Option<String>,
    pub contact_email: Option<Link>,
    pub contact_phone: Option<Link>,
    pub elements: Vec<Link>,
}

/// A published decision with the public summary of the reviewers' motivation.
pub(crate) struct DecisionVm {
    pub outcome: String,
    pub date: String,
    pub date_iso: String,
    pub summary: String,
}

/// A study in the research table.
pub(crate) struct StudyVm {
    pub year: i32,
    pub design: String,
    pub finding: String,
    pub reference: String,
}

#[derive(Template)]
#[template(path = "intervention.html")]
struct InterventionPage {
    meta: Meta,
    title: String,
    rating: Option<RatingVm>,
    history: Vec<RatingVm>,
    /// Published decisions of the erkenningstraject, newest first.
    decisions: Vec<DecisionVm>,
    facts: Facts,
    sections: Vec<SectionVm>,
    studies: Vec<StudyVm>,
}

/// The werkblad sections present, in werkblad order, with Uitvoering grouped
/// (also for the werkblad shown in an erkenningstraject).
pub(crate) fn werkblad_sections(i: &Intervention, has_studies: bool) -> Vec<SectionVm> {
    sections(i, has_studies)
}

/// The werkblad sections present, in werkblad order, with Uitvoering grouped.
fn sections(i: &Intervention, has_studies: bool) -> Vec<SectionVm> {
    let mut out: Vec<SectionVm> = Vec::new();
    let mut implementation: Option<usize> = None;
    for &s in WerkbladSection::ALL {
        let text = i.description.get(s);
        if s.is_implementation_part() {
            let Some(text) = text else { continue };
            let part = SectionVm {
                id: s.code(),
                heading: s.label(),
                html: markdown::to_html(text, 3),
                parts: Vec::new(),
            };
            let index = *implementation.get_or_insert_with(|| {
                out.push(SectionVm {
                    id: "uitvoering",
                    heading: IMPLEMENTATION_HEADING,
                    html: String::new(),
                    parts: Vec::new(),
                });
                out.len() - 1
            });
            if let Some(group) = out.get_mut(index) {
                group.parts.push(part);
            }
            continue;
        }
        let research_table = s == WerkbladSection::Research && has_studies;
        if text.is_none() && !research_table {
            continue;
        }
        out.push(SectionVm {
            id: s.code(),
            heading: s.label(),
            html: text.map(|t| markdown::to_html(t, 2)).unwrap_or_default(),
            parts: Vec::new(),
        });
    }
    out
}

fn facts(view: &InterventionView) -> Facts {
    let i = &view.intervention;
    Facts {
        themes: i.themes.iter().copied().map(Link::theme).collect(),
        age_bands: i.target_group.age_bands.iter().map(|a| a.label()).collect(),
        groups: i.target_group.groups.iter().map(|g| g.label()).collect(),
        main_goal: i.goals.main.clone(),
        sub_goals: i.goals.sub.clone(),
        activities: i.approach.activities.clone(),
        duration: i.approach.duration.clone(),
        intensity: i.approach.intensity.clone(),
        costs: i
            .costs
            .map(|c| format!("{} {}", c.display_amount(), c.per.label())),
        owner: i.owner.organisation.clone(),
        owner_website: i.owner.website.as_deref().and_then(web_link),
        contact_name: i.contact.name.clone(),
        contact_email: i.contact.email.as_ref().map(|e| Link {
            label: e.clone(),
            href: format!("mailto:{}", e.trim()),
        }),
        contact_phone: i.contact.phone.as_ref().map(|p| Link {
            label: p.clone(),
            href: format!(
                "tel:{}",
                p.chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect::<String>()
            ),
        }),
        elements: view
            .active_elements
            .iter()
            .map(|e| Link {
                label: e.name.clone(),
                href: format!("/werkzame-elementen/{}", e.slug),
            })
            .collect(),
    }
}

pub(crate) async fn show(State(state): State<AppState>, Path(slug): Path<String>) -> PageResult {
    let view = state.app.intervention(&slug).await?;
    let i = &view.intervention;
    let studies: Vec<StudyVm> = i
        .research
        .iter()
        .map(|s| StudyVm {
            year: s.year,
            design: s.design.clone(),
            finding: s.finding.clone(),
            reference: s.reference.clone(),
        })
        .collect();
    let decisions = state
        .app
        .decision_summaries(&i.slug)
        .await?
        .into_iter()
        .map(|d| DecisionVm {
            outcome: d.outcome,
            date: crate::format::dutch_date(d.decided_on),
            date_iso: d.decided_on.to_string(),
            summary: d.summary,
        })
        .collect();
    let page = InterventionPage {
        meta: Meta::new(i.title.clone(), Section::Interventions)
            .canonical(state.absolute(&format!("/interventies/{}", i.slug)))
            .crumb("Interventies", "/interventies")
            .here(i.title.clone())
            .example(
                i.example_data,
                "deze interventie is fictief en dient alleen als voorbeeld.",
            ),
        title: i.title.clone(),
        rating: view.rating.as_ref().map(RatingVm::of),
        history: view.history.iter().map(RatingVm::of).collect(),
        decisions,
        facts: facts(&view),
        sections: sections(i, !studies.is_empty()),
        studies,
    };
    render(StatusCode::OK, &page)
}
