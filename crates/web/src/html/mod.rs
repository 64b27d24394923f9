//! Server-rendered pages: one typed askama struct per page, all answered
//! through [`render`], the one response path.

mod active_elements;
pub(crate) mod error_page;
mod home;
mod intervention;
mod interventions;
mod layout;
mod paging;
mod parts;
mod publication;
mod search;
mod search_facets;
mod search_hits;
mod search_notices;
mod themes;

use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;

use crate::error::WebError;
use crate::state::AppState;

/// The result of a page handler.
pub(crate) type PageResult = Result<Response, WebError>;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/interventies", get(interventions::list))
        .route("/interventies/{slug}", get(intervention::show))
        .route("/themas", get(themes::list))
        .route("/themas/{code}", get(themes::show))
        .route("/werkzame-elementen", get(active_elements::list))
        .route("/werkzame-elementen/{slug}", get(active_elements::show))
        .route("/zoeken", get(search::show))
        .route("/publicaties/{slug}", get(publication::show))
        .layer(CatchPanicLayer::custom(crate::error::panic_as_html))
}

/// Renders a page with a status; a template failure becomes the 500 page.
pub(crate) fn render<T: Template>(status: StatusCode, page: &T) -> PageResult {
    let body = page
        .render()
        .map_err(|e| WebError::Internal(format!("template: {e}")))?;
    Ok(html_response(status, body))
}

/// An HTML body with its status and content type.
fn html_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}
