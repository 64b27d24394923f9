//! `GET /api/v1/interventions` and `GET /api/v1/interventions/{slug}`.

use axum::extract::{Path, State};
use axum::Json;
use utoipa::IntoParams;

use super::codes::{AgeBandCode, GroupCode, RatingCode, ThemeCode};
use super::dto::{InterventionPage, InterventionSummary};
use super::intervention_dto::Intervention;
use crate::error::{ApiError, ErrorBody};
use crate::query::{self, PagingNames};
use crate::query_pairs::QueryPairs;
use crate::state::AppState;

/// Filters and paging of the intervention list. Repeat a filter parameter for
/// alternatives (`thema=a&thema=b` means a OR b); different filters combine (AND).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the query for OpenAPI; parsing is done by `query::parse`.
pub(crate) struct ListParams {
    /// Only interventions in any of these themes.
    #[param(style = Form, explode, value_type = Option<Vec<ThemeCode>>)]
    thema: Option<Vec<String>>,
    /// Only interventions for any of these target groups.
    #[param(style = Form, explode, value_type = Option<Vec<GroupCode>>)]
    doelgroep: Option<Vec<String>>,
    /// Only interventions for any of these age bands.
    #[param(style = Form, explode, value_type = Option<Vec<AgeBandCode>>)]
    leeftijd: Option<Vec<String>>,
    /// Only interventions whose current rating is any of these levels.
    #[param(style = Form, explode, value_type = Option<Vec<RatingCode>>)]
    niveau: Option<Vec<String>>,
    /// Page number, from 1. A page after the last one has no items.
    #[param(minimum = 1, maximum = 4294967295_u32, default = 1)]
    page: Option<u32>,
    /// Items per page, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    per_page: Option<u32>,
}

const NAMES: PagingNames = PagingNames {
    page: "page",
    per_page: Some("per_page"),
};

/// List published interventions.
///
/// Ordered by title. Filters are the same as on the `/interventies` page.
#[utoipa::path(
    get,
    path = "/api/v1/interventions",
    operation_id = "list_interventions",
    tag = "interventions",
    params(ListParams),
    responses(
        (status = 200, description = "One page of interventions", body = InterventionPage),
        (status = 400, description = "Unknown filter value (`invalid_filter`) or unusable paging (`invalid_page`)", body = ErrorBody),
        (status = 500, description = "Internal error (`internal`)", body = ErrorBody),
    )
)]
pub(crate) async fn list_interventions(
    State(state): State<AppState>,
    QueryPairs(pairs): QueryPairs,
) -> Result<Json<InterventionPage>, ApiError> {
    let q = query::parse(&pairs, NAMES)?;
    let page = state.app.list_interventions(&q.filter, q.page).await?;
    Ok(Json(InterventionPage {
        items: page.items.iter().map(InterventionSummary::of).collect(),
        page: page.request.page,
        per_page: page.request.per_page,
        total: page.total,
        total_pages: page.total_pages(),
    }))
}

/// Get one published intervention.
///
/// All structured fields, the werkblad sections keyed by section code, the
/// current rating and the earlier ones.
#[utoipa::path(
    get,
    path = "/api/v1/interventions/{slug}",
    operation_id = "get_intervention",
    tag = "interventions",
    params(("slug" = String, Path, description = "The intervention's slug, e.g. `deurwaarts`")),
    responses(
        (status = 200, description = "The intervention", body = Intervention),
        (status = 404, description = "No published intervention with this slug (`not_found`)", body = ErrorBody),
        (status = 500, description = "Internal error (`internal`)", body = ErrorBody),
    )
)]
pub(crate) async fn get_intervention(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<Intervention>, ApiError> {
    let view = state.app.intervention(&slug).await?;
    Ok(Json(Intervention::of(&view)))
}
