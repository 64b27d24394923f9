//! The JSON API under `/api/v1`. Every handler carries `#[utoipa::path]`;
//! [`openapi`] collects them into the document served at
//! `/api/v1/openapi.json` (and compared to a committed snapshot in tests).

mod codes;
mod dto;
mod intervention_dto;
mod interventions;
mod search;
mod search_dto;
mod search_json;
mod themes;

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use utoipa::OpenApi;

use crate::access::{Access, Routes};
use crate::error::{ApiError, ErrorBody, WebError};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "watwerkt API",
        version = "1.0.0",
        description = "Open data of the Dutch databank of social interventions: published \
interventions with their standard description and rating, the themes, and search \
over interventions and publications.\n\n\
Errors are `{\"error\": \"snake_case_code\", \"message\": \"…\"}` with a Dutch message. \
See docs/API-DESIGN.md.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2")
    ),
    paths(
        interventions::list_interventions,
        interventions::get_intervention,
        themes::list_themes,
        search::list_search_results,
        search::list_suggestions,
        get_openapi,
    ),
    components(schemas(
        ErrorBody,
        codes::ThemeCode,
        codes::GroupCode,
        codes::AgeBandCode,
        codes::RatingCode,
        codes::SectionCode,
        codes::KindCode,
        codes::SortCode,
    )),
    tags(
        (name = "interventions", description = "Published interventions (werkbladen)"),
        (name = "themes", description = "The 29 themes"),
        (name = "search", description = "Search over interventions and publications"),
        (name = "meta", description = "About the API itself"),
    )
)]
struct ApiDoc;

/// The OpenAPI document.
pub(crate) fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// Every API route with its access rule (see `crate::access`).
pub(crate) fn routes() -> Routes {
    Routes::new()
        .get(
            "/api/v1/interventions",
            Access::Public,
            interventions::list_interventions,
        )
        .get(
            "/api/v1/interventions/{slug}",
            Access::Public,
            interventions::get_intervention,
        )
        .get("/api/v1/themes", Access::Public, themes::list_themes)
        .get(
            "/api/v1/search",
            Access::Public,
            search::list_search_results,
        )
        .get("/api/v1/suggest", Access::Public, search::list_suggestions)
        .get("/api/v1/openapi.json", Access::Public, get_openapi)
        .map_router(|r| r.layer(CatchPanicLayer::custom(crate::error::panic_as_json)))
}

/// The OpenAPI document as served: pretty-printed JSON with a final newline.
pub(crate) fn openapi_json() -> Result<String, WebError> {
    openapi()
        .to_pretty_json()
        .map(|json| json + "\n")
        .map_err(|e| WebError::Internal(format!("openapi document: {e}")))
}

/// Get the OpenAPI document.
///
/// This document: OpenAPI 3.1, describing every endpoint of `/api/v1`.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    operation_id = "get_openapi",
    tag = "meta",
    responses(
        (status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json", body = Object),
        (status = 500, description = "Internal error (`internal`)", body = ErrorBody),
    )
)]
pub(crate) async fn get_openapi() -> Result<Response, ApiError> {
    let json = openapi_json()?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        json,
    )
        .into_response())
}
