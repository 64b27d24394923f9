//! `/dossiers` (the Wat Werkt-dossiers), `/dossiers/{slug}` (claims with
//! their knowledge sources, filterable with `?bron=`), `/dossiers/{slug}/versies`
//! (history and diff) and `/redactie/dossiers` (due for review).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use watwerkt_app::dossier::{DossierView, LineChange, VersionDiff};
use watwerkt_domain::dossier::{KnowledgeKind, ReviewState};
use watwerkt_domain::{ActiveElement, Coded};

use super::chart::knowledge_chart;
use super::dossier_vm::{
    claim_groups, count_rows, filter_options, sources, ClaimGroup, CountRow, DossierCardVm,
    FilterOption, SourceVm,
};
use super::layout::{Meta, Section};
use super::parts::{CardVm, Link};
use super::{render, PageResult};
use crate::error::WebError;
use crate::format::dutch_date;
use crate::markdown;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "dossiers.html")]
struct DossiersPage {
    meta: Meta,
    cards: Vec<DossierCardVm>,
}

pub(crate) async fn list(State(state): State<AppState>) -> PageResult {
    let cards: Vec<DossierCardVm> = state
        .app
        .dossiers()
        .await?
        .iter()
        .map(DossierCardVm::of)
        .collect();
    let page = DossiersPage {
        meta: Meta::new("Wat Werkt-dossiers", Section::Dossiers)
            .canonical(state.absolute("/dossiers"))
            .here("Wat Werkt-dossiers")
            .example(
                cards.iter().any(|c| c.example_data),
                "deze lijst bevat fictieve dossiers die alleen als voorbeeld dienen.",
            ),
        cards,
    };
    render(StatusCode::OK, &page)
}

/// `?bron=` and `?versie=` of a dossier page.
#[derive(Debug, Deserialize)]
pub(crate) struct DossierQuery {
    bron: Option<String>,
    versie: Option<String>,
}

fn parse_filter(bron: Option<&str>) -> Result<Option<KnowledgeKind>, WebError> {
    match bron.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(code) => KnowledgeKind::from_code(code).map(Some).ok_or_else(|| {
            WebError::InvalidFilter(format!(
                "onbekende kennisbron '{code}'; kies wetenschappelijk, praktijk of ervaring"
            ))
        }),
    }
}

fn parse_version(v: Option<&str>) -> Result<Option<u32>, WebError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(n) => n
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .map(Some)
            .ok_or_else(|| {
                WebError::InvalidFilter(format!("versie '{n}' is geen geldig versienummer"))
            }),
    }
}

/// Everything the dossier template shows (also the editor's preview).
pub(crate) struct DossierBody {
    pub slug: String,
    pub title: String,
    pub version: u32,
    pub latest: u32,
    pub published_on: String,
    pub reviewed_on: String,
    pub reviewed_on_iso: String,
    pub review_due: String,
    pub review_due_iso: String,
    pub due: bool,
    pub themes: Vec<Link>,
    pub intro_html: String,
    pub filter_label: Option<&'static str>,
    pub filters: Vec<FilterOption>,
    pub facts: ClaimGroup,
    pub groups: Vec<ClaimGroup>,
    pub chart_svg: String,
    pub counts: Vec<CountRow>,
    pub elements: Vec<ActiveElement>,
    pub interventions: Vec<CardVm>,
    pub search_method: String,
    pub sources: Vec<SourceVm>,
}

impl DossierBody {
    pub fn of(v: &DossierView, filter: Option<KnowledgeKind>) -> Self {
        let d = &v.dossier;
        let base = if v.version == v.latest {
            format!("/dossiers/{}", d.slug)
        } else {
            format!("/dossiers/{}?versie={}", d.slug, v.version)
        };
        let (facts, groups) = claim_groups(d, filter);
        let base_for_filter = base.split('?').next().unwrap_or(&base).to_string();
        Self {
            slug: d.slug.to_string(),
            title: d.title.clone(),
            version: v.version,
            latest: v.latest,
            published_on: dutch_date(v.published_at.date_naive()),
            reviewed_on: dutch_date(d.reviewed_on),
            reviewed_on_iso: d.reviewed_on.to_string(),
            review_due: dutch_date(d.review_due),
            review_due_iso: d.review_due.to_string(),
            due: v.review == ReviewState::Due,
            themes: d.themes.iter().copied().map(Link::theme).collect(),
            intro_html: markdown::to_html(&d.intro, 2),
            filter_label: filter.map(Coded::label),
            filters: filter_options(&base_for_filter, filter),
            facts,
            groups,
            chart_svg: knowledge_chart("kennisbronnen", &v.sections, &v.total),
            counts: count_rows(v),
            elements: v.elements.clone(),
            interventions: CardVm::all(&v.interventions),
            search_method: d.literature.search_method.clone(),
            sources: sources(d),
        }
    }
}

/// The publish form under a preview.
pub(crate) struct PublishForm {
    pub csrf: String,
    pub text: String,
    pub based_on: u32,
}

#[derive(Template)]
#[template(path = "dossier.html")]
struct DossierPage {
    meta: Meta,
    body: DossierBody,
    preview: bool,
    publish: Option<PublishForm>,
    /// The visitor is a redacteur: show the edit link.
    editor: bool,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: crate::auth::MaybeUser,
    Path(slug): Path<String>,
    Query(q): Query<DossierQuery>,
) -> PageResult {
    let filter = parse_filter(q.bron.as_deref())?;
    let version = parse_version(q.versie.as_deref())?;
    let view = state.app.dossier(&slug, version).await?;
    let body = DossierBody::of(&view, filter);
    let page = DossierPage {
        meta: Meta::new(body.title.clone(), Section::Dossiers)
            .canonical(state.absolute(&format!("/dossiers/{}", body.slug)))
            .crumb("Wat Werkt-dossiers", "/dossiers")
            .here(body.title.clone())
            .example(
                view.dossier.example_data,
                "dit dossier is fictief en dient alleen als voorbeeld.",
            ),
        body,
        preview: false,
        publish: None,
        editor: super::dossier_vm::is_editor(&user),
    };
    render(StatusCode::OK, &page)
}

/// The preview of an edited dossier, with the form to publish it.
pub(crate) fn preview_html(
    meta: Meta,
    view: &DossierView,
    csrf: &str,
    text: &str,
    based_on: u32,
) -> PageResult {
    let page = DossierPage {
        meta,
        body: DossierBody::of(view, None),
        preview: true,
        publish: Some(PublishForm {
            csrf: csrf.to_owned(),
            text: text.to_owned(),
            based_on,
        }),
        editor: false,
    };
    render(StatusCode::OK, &page)
}

/// A version in the history list.
struct VersionRow {
    number: u32,
    published_on: String,
    href: String,
    diff_href: Option<String>,
    reviewed_on: String,
}

#[derive(Template)]
#[template(path = "dossier_versions.html")]
struct VersionsPage {
    meta: Meta,
    slug: String,
    title: String,
    rows: Vec<VersionRow>,
    numbers: Vec<u32>,
    diff: Option<DiffVm>,
}

struct DiffLineVm {
    class: &'static str,
    marker: &'static str,
    label: &'static str,
    text: String,
}

struct SectionDiffVm {
    section: String,
    lines: Vec<DiffLineVm>,
}

struct DiffVm {
    from: u32,
    to: u32,
    any_change: bool,
    sections: Vec<SectionDiffVm>,
}

impl DiffVm {
    fn of(d: &VersionDiff) -> Self {
        Self {
            from: d.from,
            to: d.to,
            any_change: d.any_change(),
            sections: d
                .sections
                .iter()
                .filter(|s| s.changed)
                .map(|s| SectionDiffVm {
                    section: s.section.clone(),
                    lines: s
                        .lines
                        .iter()
                        .map(|l| {
                            let (class, marker, label) = match l.change {
                                LineChange::Same => ("ww-diff__same", " ", "ongewijzigd"),
                                LineChange::Added => ("ww-diff__added", "+", "toegevoegd"),
                                LineChange::Removed => ("ww-diff__removed", "−", "verwijderd"),
                            };
                            DiffLineVm {
                                class,
                                marker,
                                label,
                                text: l.text.clone(),
                            }
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// `?van=&naar=` of the history page.
#[derive(Debug, Deserialize)]
pub(crate) struct DiffQuery {
    van: Option<String>,
    naar: Option<String>,
}

pub(crate) async fn versions(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<DiffQuery>,
) -> PageResult {
    let versions = state.app.dossier_versions(&slug).await?;
    let latest = versions.first().map_or(1, |v| v.number);
    let title = versions
        .first()
        .map(|v| v.dossier.title.clone())
        .unwrap_or_default();
    let from = parse_version(q.van.as_deref())?;
    let to = parse_version(q.naar.as_deref())?;
    let diff = match (from, to) {
        (None, None) => None,
        (Some(a), Some(b)) if a == b => {
            return Err(WebError::InvalidFilter(
                "kies twee verschillende versies om te vergelijken".into(),
            ))
        }
        (a, b) => {
            let a = a.unwrap_or(1);
            let b = b.unwrap_or(latest);
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            Some(DiffVm::of(&state.app.dossier_diff(&slug, a, b).await?))
        }
    };
    let rows = versions
        .iter()
        .map(|v| VersionRow {
            number: v.number,
            published_on: dutch_date(v.published_at.date_naive()),
            href: format!("/dossiers/{slug}?versie={}", v.number),
            diff_href: (v.number > 1).then(|| {
                format!(
                    "/dossiers/{slug}/versies?van={}&naar={}#verschillen",
                    v.number - 1,
                    v.number
                )
            }),
            reviewed_on: dutch_date(v.dossier.reviewed_on),
        })
        .collect();
    let example = versions.first().is_some_and(|v| v.dossier.example_data);
    let page = VersionsPage {
        meta: Meta::new(format!("Versies van {title}"), Section::Dossiers)
            .canonical(state.absolute(&format!("/dossiers/{slug}/versies")))
            .crumb("Wat Werkt-dossiers", "/dossiers")
            .crumb(title.clone(), format!("/dossiers/{slug}"))
            .here("Versies")
            .example(
                example,
                "dit dossier is fictief en dient alleen als voorbeeld.",
            ),
        numbers: versions.iter().map(|v| v.number).collect(),
        slug,
        title,
        rows,
        diff,
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "dossier_review.html")]
struct ReviewPage {
    meta: Meta,
    today: String,
    cards: Vec<DossierCardVm>,
}

pub(crate) async fn due(State(state): State<AppState>) -> PageResult {
    let cards = state
        .app
        .dossiers_due_for_review()
        .await?
        .iter()
        .map(DossierCardVm::of)
        .collect();
    let page = ReviewPage {
        meta: Meta::new("Dossiers te beoordelen", Section::Dossiers).here("Dossiers te beoordelen"),
        today: dutch_date(state.app.today()),
        cards,
    };
    render(StatusCode::OK, &page)
}
