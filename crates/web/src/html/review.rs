//! `/beoordelen`: the reviewer's assignments, and `/beoordelen/{id}`: the
//! werkblad with the scored checklist. Other reviewers' reviews stay hidden
//! until all are in.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use watwerkt_app::assessment::{ReviewForm, TrajectView};
use watwerkt_domain::assessment::{Stage, Verdict};
use watwerkt_domain::Coded;

use super::assessment::{review_vm, ReviewVm};
use super::assessment_forms::{refusal, Fields};
use super::intervention::{werkblad_sections, SectionVm};
use super::layout::{Meta, Section};
use super::{render, PageResult};
use crate::auth::{CsrfForm, CurrentUser};
use crate::error::WebError;
use crate::format::dutch_date;
use crate::state::AppState;

pub(crate) struct AssignmentRow {
    pub id: i64,
    pub title: String,
    pub level: String,
    pub stage: &'static str,
    pub done: bool,
}

#[derive(Template)]
#[template(path = "beoordelen/index.html")]
struct AssignmentsPage {
    meta: Meta,
    rows: Vec<AssignmentRow>,
}

/// GET `/beoordelen`.
pub(crate) async fn list(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let records = state.app.review_assignments(user.id).await?;
    let rows = records
        .iter()
        .map(|r| AssignmentRow {
            id: r.id.0,
            title: r.intervention_title.clone(),
            level: r.state.level_requested.label().to_owned(),
            stage: r.state.stage.label(),
            done: r.state.reviews.iter().any(|x| x.reviewer == user.id),
        })
        .collect();
    let page = AssignmentsPage {
        meta: Meta::new("Mijn beoordelingen", Section::None).here("Mijn beoordelingen"),
        rows,
    };
    render(StatusCode::OK, &page)
}

pub(crate) struct CriterionVm {
    pub index: usize,
    pub name: String,
    pub met: Option<bool>,
    pub motivation: String,
}

#[derive(Template)]
#[template(path = "beoordelen/score.html")]
struct ScorePage {
    meta: Meta,
    csrf: String,
    id: i64,
    version: i64,
    title: String,
    level: String,
    stage: &'static str,
    can_score: bool,
    criteria: Vec<CriterionVm>,
    verdict: String,
    motivation: String,
    no_conflict: bool,
    own: Option<ReviewVm>,
    others: Vec<ReviewVm>,
    hidden: bool,
    werkblad: Vec<SectionVm>,
    version_label: String,
    notice: Option<String>,
}

fn score_page(
    user: &CurrentUser,
    view: &TrajectView,
    fields: Option<&Fields>,
    notice: Option<String>,
    status: StatusCode,
) -> PageResult {
    let s = &view.record.state;
    let title = view.record.intervention_title.clone();
    let own = view
        .own_review
        .as_ref()
        .map(|r| review_vm("Uw beoordeling", r));
    let others = view
        .reviews
        .iter()
        .filter(|r| r.review.reviewer != user.id)
        .map(|r| review_vm(&r.reviewer_name, &r.review))
        .collect();
    let criteria = view
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| CriterionVm {
            index: i,
            name: c.clone(),
            met: fields.and_then(|f| match f.text(&format!("criterium-{i}")) {
                "ja" => Some(true),
                "nee" => Some(false),
                _ => None,
            }),
            motivation: fields
                .map(|f| f.text(&format!("motivering-{i}")).to_owned())
                .unwrap_or_default(),
        })
        .collect();
    let page = ScorePage {
        meta: Meta::new(format!("Beoordelen: {title}"), Section::None)
            .crumb("Mijn beoordelingen", "/beoordelen")
            .here(title.clone()),
        csrf: user.csrf.clone(),
        id: view.record.id.0,
        version: view.record.version,
        title,
        level: format!(
            "Niveau {}: {}",
            s.level_requested.numeral(),
            s.level_requested.label()
        ),
        stage: s.stage.label(),
        can_score: s.stage == Stage::InReview && view.own_review.is_none(),
        criteria,
        verdict: fields
            .map(|f| f.text("oordeel").to_owned())
            .unwrap_or_default(),
        motivation: fields
            .map(|f| f.text("motivering").to_owned())
            .unwrap_or_default(),
        no_conflict: fields.is_some_and(|f| f.checked("geen-belangenconflict")),
        own,
        others,
        hidden: !s.all_reviews_in(),
        werkblad: view
            .werkblad
            .as_ref()
            .map(|w| werkblad_sections(w, false))
            .unwrap_or_default(),
        version_label: view
            .versions
            .last()
            .map(|(n, at)| format!("versie {n}, ingediend op {}", dutch_date(at.date_naive())))
            .unwrap_or_default(),
        notice,
    };
    render(status, &page)
}

fn parse_id(id: &str) -> Result<i64, WebError> {
    id.parse()
        .map_err(|_| WebError::NotFound(format!("beoordeling '{id}' bestaat niet")))
}

/// GET `/beoordelen/{id}`.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id)?;
    let view = state.app.review_page(user.id, id).await?;
    score_page(&user, &view, None, None, StatusCode::OK)
}

/// POST `/beoordelen/{id}`.
pub(crate) async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id)?;
    let f = Fields(form);
    let version = f.version()?;
    let view = state.app.review_page(user.id, id).await?;
    let mut scores = Vec::new();
    for (i, c) in view.criteria.iter().enumerate() {
        let met = match f.text(&format!("criterium-{i}")) {
            "ja" => true,
            "nee" => false,
            _ => {
                return score_page(
                    &user,
                    &view,
                    Some(&f),
                    Some(format!("geef bij '{c}' aan of het criterium voldoet")),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
            }
        };
        scores.push((
            c.clone(),
            met,
            f.text(&format!("motivering-{i}")).to_owned(),
        ));
    }
    let verdict = match f.text("oordeel") {
        "erkennen" => Verdict::Recognise,
        "voorwaarden" => Verdict::RecogniseWithConditions,
        "niet-erkennen" => Verdict::Reject,
        _ => {
            return score_page(
                &user,
                &view,
                Some(&f),
                Some("kies uw eindoordeel".into()),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    };
    let form = ReviewForm {
        scores,
        verdict,
        motivation: f.text("motivering").to_owned(),
        no_conflict: f.checked("geen-belangenconflict"),
    };
    match state.app.submit_review(user.id, id, version, &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/beoordelen/{id}")).into_response()),
        Err(e) => {
            let (message, status) = refusal(e)?;
            let view = state.app.review_page(user.id, id).await?;
            score_page(&user, &view, Some(&f), Some(message), status)
        }
    }
}
