//! `/mijn/interventies/{slug}/werkblad`: the owner edits the werkblad online
//! (the sections of the Markdown format), saves drafts, states the level,
//! confirms the inclusion criteria and submits. A refused submission shows
//! the list of what is missing with the text as typed; nothing is stored.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use watwerkt_app::assessment::{WerkbladEdit, WerkbladView};
use watwerkt_domain::assessment::{Inclusion, Outcome, Stage};
use watwerkt_domain::{Coded, Section as WerkbladSection};

use super::assessment_forms::{level_options, refusal, Fields, LevelOption};
use super::layout::{Meta, Section};
use super::{render, PageResult};
use crate::auth::{CsrfForm, CurrentUser};
use crate::error::WebError;
use crate::format::dutch_date;
use crate::state::AppState;

pub(crate) struct FieldVm {
    pub name: String,
    pub label: &'static str,
    pub text: String,
    pub required: bool,
    pub implementation: bool,
}

pub(crate) struct VersionVm {
    pub number: i64,
    pub at: String,
}

#[derive(Template)]
#[template(path = "mijn/werkblad.html")]
struct WerkbladPage {
    meta: Meta,
    csrf: String,
    slug: String,
    id: i64,
    version: i64,
    stage: &'static str,
    level: String,
    editable: bool,
    level_editable: bool,
    additions: bool,
    asked: Option<(String, String)>,
    feedback_round: Option<u8>,
    title: String,
    main_goal: String,
    fields: Vec<FieldVm>,
    levels: Vec<LevelOption>,
    missing: Vec<&'static str>,
    versions: Vec<VersionVm>,
    notice: Option<String>,
    places: String,
    owner_checked: bool,
    manual_checked: bool,
}

fn page(
    user: &CurrentUser,
    view: &WerkbladView,
    form: &WerkbladEdit,
    fields: Option<&Fields>,
    notice: Option<String>,
    status: StatusCode,
) -> PageResult {
    let state = &view.record.state;
    let asked = match &state.outcome {
        Some(Outcome::Conditional {
            additions,
            deadline,
            ..
        }) if state.stage == Stage::AwaitingAdditions => {
            Some((additions.clone(), dutch_date(*deadline)))
        }
        _ => None,
    };
    let title = format!("Werkblad: {}", view.draft.title);
    let page = WerkbladPage {
        meta: Meta::new(title.clone(), Section::None)
            .crumb("Mijn interventies", "/mijn/interventies")
            .here(title),
        csrf: user.csrf.clone(),
        slug: view.record.intervention.to_string(),
        id: view.record.id.0,
        version: view.record.version,
        stage: state.stage.label(),
        level: format!(
            "Niveau {}: {}",
            state.level_requested.numeral(),
            state.level_requested.label()
        ),
        editable: view.editable,
        level_editable: view.level_editable,
        additions: state.stage == Stage::AwaitingAdditions,
        asked,
        feedback_round: match state.stage {
            Stage::AwaitingFeedback(n) => Some(n),
            _ => None,
        },
        title: form.title.clone(),
        main_goal: form.main_goal.clone(),
        fields: form
            .sections
            .iter()
            .map(|(s, text)| FieldVm {
                name: format!("sectie-{}", s.code()),
                label: s.label(),
                text: text.clone(),
                required: s.is_required(),
                implementation: s.is_implementation_part(),
            })
            .collect(),
        levels: level_options(Some(state.level_requested)),
        missing: view.missing.clone(),
        versions: view
            .versions
            .iter()
            .map(|v| VersionVm {
                number: v.number,
                at: dutch_date(v.submitted_at.date_naive()),
            })
            .collect(),
        notice,
        places: fields.map_or_else(String::new, |f| f.text("plaatsen").to_owned()),
        owner_checked: fields.is_some_and(|f| f.checked("eigenaar")),
        manual_checked: fields.is_some_and(|f| f.checked("handleiding")),
    };
    render(status, &page)
}

/// GET: the werkblad of the owner's newest traject for this intervention.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
) -> PageResult {
    let id = state.app.owner_assessment_for(user.id, &slug).await?;
    let view = state.app.werkblad(user.id, id).await?;
    page(&user, &view, &view.form, None, None, StatusCode::OK)
}

fn edit_of(fields: &Fields) -> WerkbladEdit {
    WerkbladEdit {
        title: fields.text("titel").to_owned(),
        main_goal: fields.text("hoofddoel").to_owned(),
        sections: WerkbladSection::ALL
            .iter()
            .map(|s| (*s, fields.text(&format!("sectie-{}", s.code())).to_owned()))
            .collect(),
    }
}

/// POST: save (`actie=opslaan`) or submit (`actie=indienen`).
pub(crate) async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let fields = Fields(form);
    let id = state.app.owner_assessment_for(user.id, &slug).await?;
    let version = fields.version()?;
    let edit = edit_of(&fields);
    let level = fields.level()?;
    let result = match fields.text("actie") {
        "opslaan" => {
            state
                .app
                .save_werkblad(user.id, id, version, &edit, level)
                .await
        }
        "indienen" => {
            let places = fields.text("plaatsen").trim();
            let places_in_use = if places.is_empty() {
                0
            } else {
                places.parse::<u32>().map_err(|_| {
                    WebError::Invalid(format!(
                        "'{places}' is geen aantal plaatsen; vul een heel getal in"
                    ))
                })?
            };
            let inclusion = Inclusion {
                owner_or_licensee: fields.checked("eigenaar"),
                places_in_use,
                manual_exists: fields.checked("handleiding"),
            };
            state
                .app
                .submit_werkblad(user.id, id, version, &edit, level, inclusion)
                .await
        }
        _ => return Err(WebError::Invalid("onbekende actie".into())),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/mijn/interventies/{slug}/werkblad")).into_response()),
        Err(e) => {
            let (message, status) = refusal(e)?;
            let view = state.app.werkblad(user.id, id).await?;
            page(&user, &view, &edit, Some(&fields), Some(message), status)
        }
    }
}
