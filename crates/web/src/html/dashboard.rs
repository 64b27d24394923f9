//! `/mijn/interventies`: the owner's dashboard — their interventions, the
//! state of each traject, "erkenning aanvragen" / "herbeoordeling
//! aanvragen", and a new concept intervention.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use watwerkt_domain::{Coded, Rating, Theme};

use super::assessment_forms::{level_options, Fields, LevelOption};
use super::layout::{Meta, Section};
use super::parts::RatingVm;
use super::{render, PageResult};
use crate::auth::{CsrfForm, CurrentUser};
use crate::error::WebError;
use crate::state::AppState;

pub(crate) struct ItemVm {
    pub slug: String,
    pub title: String,
    pub status: &'static str,
    pub public: bool,
    pub rating: Option<RatingVm>,
    pub traject: Option<(i64, &'static str)>,
    pub can_start: bool,
    pub reassessment: bool,
    pub werkblad_editable: bool,
}

pub(crate) struct ThemeOption {
    pub code: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "mijn/interventies.html")]
struct DashboardPage {
    meta: Meta,
    csrf: String,
    items: Vec<ItemVm>,
    levels: Vec<LevelOption>,
    themes: Vec<ThemeOption>,
    notice: Option<String>,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    status: StatusCode,
    notice: Option<String>,
) -> PageResult {
    let dashboard = state.app.owner_dashboard(user.id).await?;
    let items = dashboard
        .items
        .into_iter()
        .map(|d| ItemVm {
            slug: d.intervention.slug.to_string(),
            title: d.intervention.title.clone(),
            status: d.intervention.status.label(),
            public: d.intervention.status == watwerkt_domain::PublicationStatus::Published,
            rating: d.rating.as_ref().map(RatingVm::of),
            traject: d.latest.as_ref().map(|a| (a.id.0, a.state.stage.label())),
            werkblad_editable: d
                .latest
                .as_ref()
                .is_some_and(|a| a.state.stage.owner_edits()),
            can_start: d.can_start,
            reassessment: d.reassessment,
        })
        .collect();
    let page = DashboardPage {
        meta: Meta::new("Mijn interventies", Section::None).here("Mijn interventies"),
        csrf: user.csrf.clone(),
        items,
        levels: level_options(Some(watwerkt_domain::Rating::WellDescribed)),
        themes: Theme::ALL
            .iter()
            .map(|t| ThemeOption {
                code: t.code(),
                label: t.label(),
            })
            .collect(),
        notice,
    };
    render(status, &page)
}

/// GET `/mijn/interventies`.
pub(crate) async fn show(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    page(&state, &user, StatusCode::OK, None).await
}

/// The level the owner asks for; it must be chosen.
fn level_asked(fields: &Fields) -> Result<Rating, WebError> {
    fields
        .level()?
        .ok_or_else(|| WebError::Invalid("kies het erkenningsniveau dat u aanvraagt".into()))
}

/// POST `/mijn/interventies/{slug}/traject`: start a traject (or a re-assessment).
pub(crate) async fn start(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let fields = Fields(form);
    let level = level_asked(&fields)?;
    match state.app.start_assessment(user.id, &slug, level).await {
        Ok(_) => Ok(Redirect::to(&format!("/mijn/interventies/{slug}/werkblad")).into_response()),
        Err(watwerkt_app::AppError::Conflict(m)) => {
            page(&state, &user, StatusCode::CONFLICT, Some(m)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST `/mijn/interventies/nieuw`: a new concept intervention with its traject.
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let fields = Fields(form);
    let level = level_asked(&fields)?;
    let theme = Theme::from_code(fields.text("thema"))
        .ok_or_else(|| WebError::Invalid("kies een thema".into()))?;
    match state
        .app
        .create_concept_intervention(user.id, fields.text("titel"), theme, level)
        .await
    {
        Ok((slug, _)) => {
            Ok(Redirect::to(&format!("/mijn/interventies/{slug}/werkblad")).into_response())
        }
        Err(watwerkt_app::AppError::Conflict(m) | watwerkt_app::AppError::Invalid(m)) => {
            page(&state, &user, StatusCode::UNPROCESSABLE_ENTITY, Some(m)).await
        }
        Err(e) => Err(e.into()),
    }
}
