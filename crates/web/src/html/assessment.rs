//! `/erkenning`: the coördinator's queue, and `/erkenning/{id}`: one traject —
//! its state, the werkblad, the panel, the reviews the viewer may read, the
//! history, and the forms of the next step (assign, send back, decide, handle
//! an appeal). What is shown depends on the viewer's capacity; the use cases
//! check it again on every step.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use watwerkt_app::assessment::{AppealOutcome, Assignment, Decision, TrajectView, ViewerRole};
use watwerkt_app::AppError;
use watwerkt_domain::assessment::{Outcome, Proposal, Stage, UserId, Verdict};
use watwerkt_domain::Coded;

use super::assessment_forms::{refusal, Fields};
use super::intervention::{werkblad_sections, SectionVm};
use super::layout::{Meta, Section};
use super::{render, PageResult};
use crate::auth::{CsrfForm, CurrentUser};
use crate::error::WebError;
use crate::format::dutch_date;
use crate::state::AppState;

pub(crate) struct QueueRow {
    pub id: i64,
    pub title: String,
    pub level: String,
    pub stage: &'static str,
    pub round: String,
    pub updated: String,
}

pub(crate) struct StageFilter {
    pub code: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "erkenning/queue.html")]
struct QueuePage {
    meta: Meta,
    csrf: String,
    rows: Vec<QueueRow>,
    stages: Vec<StageFilter>,
    interventions: Vec<(String, String)>,
    notice: Option<String>,
    done: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct QueueQuery {
    fase: Option<String>,
    geregistreerd: Option<String>,
}

const STAGES: &[(&str, &str)] = &[
    ("concept", "concept"),
    ("ingediend", "ingediend"),
    ("in-beoordeling", "in beoordeling"),
    ("wacht-op-aanpassing", "wacht op aanpassing"),
    ("onder-voorbehoud", "erkend onder voorbehoud"),
    ("besloten", "besloten"),
    ("in-bezwaar", "in bezwaar"),
];

/// GET `/erkenning`.
pub(crate) async fn queue(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<QueueQuery>,
) -> PageResult {
    let done = q
        .geregistreerd
        .filter(|s| watwerkt_domain::Slug::parse(s).is_ok())
        .map(|s| format!("De eigenaar van '{s}' is geregistreerd."));
    queue_page(&state, &user, q.fase, None, done, StatusCode::OK).await
}

async fn queue_page(
    state: &AppState,
    user: &CurrentUser,
    fase: Option<String>,
    notice: Option<String>,
    done: Option<String>,
    status: StatusCode,
) -> PageResult {
    let stage = fase.filter(|s| !s.is_empty());
    if let Some(s) = &stage {
        if !STAGES.iter().any(|(c, _)| c == s) {
            return Err(WebError::InvalidFilter(format!("onbekende fase '{s}'")));
        }
    }
    let records = state
        .app
        .assessment_queue(user.id, stage.as_deref())
        .await?;
    let rows = records
        .iter()
        .map(|r| QueueRow {
            id: r.id.0,
            title: r.intervention_title.clone(),
            level: r.state.level_requested.label().to_owned(),
            stage: r.state.stage.label(),
            round: r.state.round.clone().unwrap_or_default(),
            updated: dutch_date(r.updated_at.date_naive()),
        })
        .collect();
    let page = QueuePage {
        meta: Meta::new("Erkenningstrajecten", Section::None).here("Erkenningstrajecten"),
        csrf: user.csrf.clone(),
        interventions: state.app.intervention_choices(user.id).await?,
        notice,
        done,
        rows,
        stages: STAGES
            .iter()
            .map(|(code, label)| StageFilter {
                code,
                label,
                selected: stage.as_deref() == Some(*code),
            })
            .collect(),
    };
    render(status, &page)
}

/// POST `/erkenning/eigenaren`: register an owner account for an intervention.
pub(crate) async fn register_owner(
    State(state): State<AppState>,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let f = Fields(form);
    let slug = f.text("interventie").to_owned();
    match state
        .app
        .register_owner(user.id, &slug, f.text("email"))
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/erkenning?geregistreerd={slug}")).into_response()),
        Err(AppError::Invalid(m)) => {
            queue_page(
                &state,
                &user,
                None,
                Some(m),
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) struct ReviewVm {
    pub reviewer: String,
    pub verdict: &'static str,
    pub motivation: String,
    pub scores: Vec<(String, &'static str, String)>,
}

pub(crate) struct CandidateVm {
    pub id: i64,
    pub name: String,
    pub organisation: String,
}

pub(crate) struct AuditVm {
    pub at: String,
    pub at_iso: String,
    pub actor: String,
    pub subject: String,
    pub action: String,
    pub change: String,
    pub detail: String,
}

pub(crate) struct SummaryVm {
    pub outcome: String,
    pub date: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "erkenning/traject.html")]
struct TrajectPage {
    meta: Meta,
    csrf: String,
    id: i64,
    version: i64,
    slug: String,
    title: String,
    stage: &'static str,
    level: String,
    rule: String,
    round: String,
    is_coordinator: bool,
    is_owner: bool,
    is_reviewer: bool,
    outcome: Option<String>,
    appeal: Option<(String, Option<String>)>,
    appeal_until: Option<String>,
    can_appeal: bool,
    panel: Vec<(String, String, bool)>,
    reviews: Vec<ReviewVm>,
    hidden_reviews: bool,
    candidates: Vec<CandidateVm>,
    panel_size: usize,
    can_assign: bool,
    can_decide: bool,
    can_feedback: bool,
    feedback_left: u8,
    can_handle_appeal: bool,
    owner_edits: bool,
    suggested_summary: String,
    versions: Vec<(i64, String)>,
    werkblad: Vec<SectionVm>,
    audit: Vec<AuditVm>,
    summaries: Vec<SummaryVm>,
    notice: Option<String>,
}

fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Recognise => "erkennen",
        Verdict::RecogniseWithConditions => "erkennen onder voorwaarden",
        Verdict::Reject => "niet erkennen",
    }
}

pub(crate) fn review_vm(name: &str, r: &watwerkt_domain::assessment::Review) -> ReviewVm {
    ReviewVm {
        reviewer: name.to_owned(),
        verdict: verdict_label(r.verdict),
        motivation: r.motivation.clone(),
        scores: r
            .scores
            .iter()
            .map(|(c, met, m)| {
                (
                    c.clone(),
                    if *met { "voldoet" } else { "voldoet niet" },
                    m.clone(),
                )
            })
            .collect(),
    }
}

fn outcome_text(o: &Outcome) -> String {
    match o {
        Outcome::Recognised { level, decided_on } => format!(
            "Erkend als niveau {}: {} (besloten op {})",
            level.numeral(),
            level.label(),
            dutch_date(*decided_on)
        ),
        Outcome::Conditional {
            level,
            additions,
            deadline,
        } => format!(
            "Erkend onder voorbehoud ({}); aanvullingen uiterlijk {}: {additions}",
            level.label(),
            dutch_date(*deadline)
        ),
        Outcome::NotRecognised { decided_on } => {
            format!("Niet erkend (besloten op {})", dutch_date(*decided_on))
        }
    }
}

fn traject_page(
    user: &CurrentUser,
    view: &TrajectView,
    notice: Option<String>,
    status: StatusCode,
) -> PageResult {
    let s = &view.record.state;
    let coordinator = view.viewer == ViewerRole::Coordinator;
    let all_in = s.all_reviews_in();
    let title = view.record.intervention_title.clone();
    let page = TrajectPage {
        meta: Meta::new(
            format!("Erkenningstraject {}: {title}", view.record.id),
            Section::None,
        )
        .crumb(
            if coordinator {
                "Erkenningstrajecten"
            } else {
                "Mijn interventies"
            },
            if coordinator {
                "/erkenning"
            } else {
                "/mijn/interventies"
            },
        )
        .here(format!("Traject {}", view.record.id)),
        csrf: user.csrf.clone(),
        id: view.record.id.0,
        version: view.record.version,
        slug: view.record.intervention.to_string(),
        title,
        stage: s.stage.label(),
        level: format!(
            "Niveau {}: {}",
            s.level_requested.numeral(),
            s.level_requested.label()
        ),
        rule: view.rule.clone(),
        round: s.round.clone().unwrap_or_default(),
        is_coordinator: coordinator,
        is_owner: view.viewer == ViewerRole::Owner,
        is_reviewer: view.viewer == ViewerRole::Reviewer,
        outcome: s.outcome.as_ref().map(outcome_text),
        appeal: s
            .appeal
            .as_ref()
            .map(|a| (a.motivation.clone(), a.handling.clone())),
        appeal_until: view.appeal_until.map(dutch_date),
        can_appeal: view.can_appeal,
        panel: view
            .panel
            .iter()
            .map(|p| (p.name.clone(), p.organisation.clone(), p.done))
            .collect(),
        reviews: view
            .reviews
            .iter()
            .map(|r| review_vm(&r.reviewer_name, &r.review))
            .collect(),
        hidden_reviews: view.viewer == ViewerRole::Reviewer && !all_in,
        candidates: view
            .candidates
            .iter()
            .map(|a| CandidateVm {
                id: a.id.0,
                name: a.name.clone(),
                organisation: a.organisation.clone(),
            })
            .collect(),
        panel_size: view.panel_size,
        can_assign: coordinator && s.stage == Stage::Submitted,
        can_decide: coordinator && s.stage == Stage::InReview && all_in,
        can_feedback: coordinator && s.stage == Stage::InReview,
        feedback_left: view.feedback_left,
        can_handle_appeal: coordinator && s.stage == Stage::Appealed,
        owner_edits: view.viewer == ViewerRole::Owner && s.stage.owner_edits(),
        suggested_summary: view
            .reviews
            .iter()
            .map(|r| r.review.motivation.trim().to_owned())
            .collect::<Vec<_>>()
            .join("\n\n"),
        versions: view
            .versions
            .iter()
            .map(|(n, at)| (*n, dutch_date(at.date_naive())))
            .collect(),
        werkblad: view
            .werkblad
            .as_ref()
            .map(|w| werkblad_sections(w, false))
            .unwrap_or_default(),
        audit: view.audit.iter().map(|(e, n)| audit_vm(e, n)).collect(),
        summaries: view
            .summaries
            .iter()
            .map(|d| SummaryVm {
                outcome: d.outcome.clone(),
                date: dutch_date(d.decided_on),
                text: d.summary.clone(),
            })
            .collect(),
        notice,
    };
    render(status, &page)
}

pub(crate) fn audit_vm(e: &watwerkt_store::AuditEntry, actor: &str) -> AuditVm {
    AuditVm {
        at: e.at.format("%d-%m-%Y %H:%M").to_string(),
        at_iso: e.at.to_rfc3339(),
        actor: actor.to_owned(),
        subject: format!("{} {}", e.subject_kind, e.subject_id),
        action: e.action.clone(),
        change: match (&e.from_state, &e.to_state) {
            (Some(f), Some(t)) if f != t => format!("{f} → {t}"),
            (Some(f), Some(_)) => f.clone(),
            _ => String::new(),
        },
        detail: e.detail.clone(),
    }
}

fn parse_id(id: &str) -> Result<i64, WebError> {
    id.parse()
        .map_err(|_| WebError::NotFound(format!("erkenningstraject '{id}' bestaat niet")))
}

/// GET `/erkenning/{id}`.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id)?;
    let view = state.app.traject(user.id, id).await?;
    traject_page(&user, &view, None, StatusCode::OK)
}

/// The traject id from the path, the form's fields and its version.
fn step_form(id: &str, form: Vec<(String, String)>) -> Result<(i64, Fields, i64), WebError> {
    let id = parse_id(id)?;
    let f = Fields(form);
    let version = f.version()?;
    Ok((id, f, version))
}

/// After a step: back to the traject (303), or the traject with the refusal.
async fn after(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    result: Result<i64, AppError>,
) -> PageResult {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/erkenning/{id}")).into_response()),
        Err(e) => {
            let (message, status) = refusal(e)?;
            let view = state.app.traject(user.id, id).await?;
            traject_page(user, &view, Some(message), status)
        }
    }
}

/// POST `/erkenning/{id}/toewijzen`.
pub(crate) async fn assign(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let (id, f, version) = step_form(&id, form)?;
    let ids = |name: &str| -> Result<Vec<UserId>, WebError> {
        f.all(name)
            .into_iter()
            .map(|v| {
                v.parse()
                    .map(UserId)
                    .map_err(|_| WebError::Invalid(format!("onbekende beoordelaar '{v}'")))
            })
            .collect()
    };
    let assignment = Assignment {
        round: f.text("ronde").to_owned(),
        reviewers: ids("beoordelaar")?,
        declared: ids("verklaring")?,
    };
    let result = state
        .app
        .assign_reviewers(user.id, id, version, &assignment)
        .await;
    after(&state, &user, id, result).await
}

/// POST `/erkenning/{id}/terugleggen`: a feedback round.
pub(crate) async fn feedback(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let (id, f, version) = step_form(&id, form)?;
    let result = state
        .app
        .request_feedback(user.id, id, version, f.text("toelichting"))
        .await;
    after(&state, &user, id, result).await
}

/// POST `/erkenning/{id}/besluit`.
pub(crate) async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let (id, f, version) = step_form(&id, form)?;
    let proposal = match f.text("besluit") {
        "erkennen" => Proposal::Recognise,
        "voorbehoud" => Proposal::Conditional(f.text("aanvullingen").trim().to_owned()),
        "niet-erkennen" => Proposal::Reject,
        _ => return Err(WebError::Invalid("kies een besluit".into())),
    };
    let decision = Decision {
        proposal,
        summary: f.text("samenvatting").to_owned(),
    };
    let result = state
        .app
        .decide_assessment(user.id, id, version, &decision)
        .await;
    after(&state, &user, id, result).await
}

#[derive(Template)]
#[template(path = "erkenning/bezwaar.html")]
struct AppealPage {
    meta: Meta,
    csrf: String,
    id: i64,
    version: i64,
    title: String,
    outcome: String,
    until: String,
    motivation: String,
    notice: Option<String>,
}

fn appeal_page(
    user: &CurrentUser,
    view: &TrajectView,
    motivation: String,
    notice: Option<String>,
    status: StatusCode,
) -> PageResult {
    let title = view.record.intervention_title.clone();
    let page = AppealPage {
        meta: Meta::new(format!("Bezwaar: {title}"), Section::None)
            .crumb("Mijn interventies", "/mijn/interventies")
            .crumb(
                format!("Traject {}", view.record.id),
                format!("/erkenning/{}", view.record.id),
            )
            .here("Bezwaar"),
        csrf: user.csrf.clone(),
        id: view.record.id.0,
        version: view.record.version,
        title,
        outcome: view
            .record
            .state
            .outcome
            .as_ref()
            .map(outcome_text)
            .unwrap_or_default(),
        until: view.appeal_until.map(dutch_date).unwrap_or_default(),
        motivation,
        notice,
    };
    render(status, &page)
}

/// GET `/erkenning/{id}/bezwaar`: the owner's objection form.
pub(crate) async fn appeal_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id)?;
    let view = state.app.traject(user.id, id).await?;
    if view.viewer != ViewerRole::Owner {
        return Err(WebError::Forbidden(
            "alleen de eigenaar kan bezwaar maken tegen dit besluit".into(),
        ));
    }
    let notice = (!view.can_appeal)
        .then(|| "bezwaar maken kan nu niet (er is nog geen besluit, de termijn is verstreken of er is al bezwaar gemaakt)".to_owned());
    appeal_page(&user, &view, String::new(), notice, StatusCode::OK)
}

/// POST `/erkenning/{id}/bezwaar`.
pub(crate) async fn appeal(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let (id, f, version) = step_form(&id, form)?;
    let motivation = f.text("motivering").to_owned();
    match state
        .app
        .file_appeal(user.id, id, version, &motivation)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/erkenning/{id}")).into_response()),
        Err(e) => {
            // Shown again with 422, also when the form was stale.
            let (message, _) = refusal(e)?;
            let view = state.app.traject(user.id, id).await?;
            appeal_page(
                &user,
                &view,
                motivation,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

/// POST `/erkenning/{id}/bezwaar/besluit`: the coördinator handles the appeal.
pub(crate) async fn decide_appeal(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let (id, f, version) = step_form(&id, form)?;
    let outcome = match f.text("uitkomst") {
        "ongegrond" => AppealOutcome::Unfounded,
        "erkennen" => AppealOutcome::Recognise,
        "niet-erkennen" => AppealOutcome::Reject,
        _ => return Err(WebError::Invalid("kies de uitkomst van het bezwaar".into())),
    };
    let result = state
        .app
        .decide_appeal(
            user.id,
            id,
            version,
            f.text("behandeling"),
            outcome,
            f.text("samenvatting"),
        )
        .await;
    after(&state, &user, id, result).await
}
