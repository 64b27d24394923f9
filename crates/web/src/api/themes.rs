//! `GET /api/v1/themes`.

use axum::extract::State;
use axum::Json;
use watwerkt_domain::Coded;

use super::dto::ThemeCount;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// List the 29 themes.
///
/// In theme order, each with its number of published interventions (0 included).
#[utoipa::path(
    get,
    path = "/api/v1/themes",
    operation_id = "list_themes",
    tag = "themes",
    responses(
        (status = 200, description = "All themes", body = Vec<ThemeCount>),
        (status = 500, description = "Internal error (`internal`)", body = ErrorBody),
    )
)]
pub(crate) async fn list_themes(
    State(state): State<AppState>,
) -> Result<Json<Vec<ThemeCount>>, ApiError> {
    let themes = state.app.themes().await?;
    Ok(Json(
        themes
            .into_iter()
            .map(|(theme, n)| ThemeCount {
                code: theme.code(),
                label: theme.label(),
                intervention_count: n,
            })
            .collect(),
    ))
}
