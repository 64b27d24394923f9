//! Server-rendered pages: one typed askama struct per page, all answered
//! through [`render`], the one response path.

mod account;
mod account_admin;
mod account_links;
mod active_elements;
mod assessment;
mod assessment_forms;
mod assessment_routes;
mod assessment_werkblad;
mod audit;
mod chart;
mod dashboard;
mod dossier_edit;
mod dossier_vm;
mod dossiers;
pub(crate) mod error_page;
mod home;
mod intervention;
mod interventions;
mod layout;
mod paging;
mod parts;
mod publication;
mod publications;
mod review;
mod search;
mod search_facets;
mod search_hits;
mod search_notices;
mod themes;
mod upload;

use askama::Template;
use axum::handler::Handler;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;

use crate::access::{Access, Routes};
use crate::error::WebError;

/// The result of a page handler.
pub(crate) type PageResult = Result<Response, WebError>;

/// Every page route with its access rule (see `crate::access`).
pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/", Access::Public, home::show)
        .get("/interventies", Access::Public, interventions::list)
        .get("/interventies/{slug}", Access::Public, intervention::show)
        .get("/themas", Access::Public, themes::list)
        .get("/themas/{code}", Access::Public, themes::show)
        .get("/werkzame-elementen", Access::Public, active_elements::list)
        .get(
            "/werkzame-elementen/{slug}",
            Access::Public,
            active_elements::show,
        )
        .get("/zoeken", Access::Public, search::show)
        .get("/publicaties/{slug}", Access::Public, publication::show)
        .merge(dossier_routes())
        .merge(account::routes())
        .merge(assessment_routes::routes())
        .map_router(|r| r.layer(CatchPanicLayer::custom(crate::error::panic_as_html)))
}

/// The dossier, theme-page and publication routes (issue 6).
fn dossier_routes() -> Routes {
    use watwerkt_domain::account::Role;
    const EDITORS: Access = Access::AnyRole(&[Role::Editor, Role::Admin]);
    Routes::new()
        .get("/dossiers", Access::Public, dossiers::list)
        .get("/dossiers/{slug}", Access::Public, dossiers::show)
        .get(
            "/dossiers/{slug}/versies",
            Access::Public,
            dossiers::versions,
        )
        .get("/redactie/dossiers", EDITORS, dossiers::due)
        .get("/dossiers/{slug}/bewerken", EDITORS, dossier_edit::edit)
        .post("/dossiers/{slug}/bewerken", EDITORS, dossier_edit::save)
        .get("/themas/{code}/bewerken", EDITORS, dossier_edit::edit_theme)
        .post("/themas/{code}/bewerken", EDITORS, dossier_edit::save_theme)
        .get(
            "/publicaties/{slug}/bewerken",
            EDITORS,
            dossier_edit::edit_publication,
        )
        .post(
            "/publicaties/{slug}/bewerken",
            EDITORS,
            dossier_edit::save_publication,
        )
        .get("/publicaties/{slug}/bijlage", EDITORS, upload::form)
        .post(
            "/publicaties/{slug}/bijlage",
            EDITORS,
            // The size limit is enforced while reading the file (`[uploads]`).
            upload::upload.layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .get("/publicaties", Access::Public, publications::list)
        .get(
            "/publicaties/{slug}/bestand",
            Access::Public,
            publications::file,
        )
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
