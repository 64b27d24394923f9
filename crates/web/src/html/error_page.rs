//! The HTML renderer of [`WebError`]: a page that says what happened and
//! offers a way on (home, the list, the themes).

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use super::html_response;
use super::layout::{Meta, Section};
use crate::error::WebError;

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    meta: Meta,
    status: u16,
    message: String,
    /// Offer "clear all filters" (for a bad filter or page).
    list_reset: bool,
}

/// Used when even the error template fails.
const FALLBACK: &str = "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">\
<title>Er ging iets mis · watwerkt</title></head><body><main><h1>Er ging iets mis</h1>\
<p>Probeer het later opnieuw of ga naar de <a href=\"/\">startpagina</a>.</p></main></body></html>";

/// The error as an HTML page with the error's status.
pub(crate) fn render(err: &WebError) -> Response {
    let heading = match err {
        WebError::NotFound(_) => "Pagina niet gevonden",
        WebError::InvalidFilter(_) => "Dit filter kennen we niet",
        WebError::InvalidPage(_) => "Deze pagina kunnen we niet tonen",
        WebError::Invalid(_) => "Er klopt iets niet in uw verzoek",
        WebError::Conflict(_) => "Dit botst met wat al is opgeslagen",
        WebError::Unauthorized(_) => "Inloggen nodig",
        WebError::Forbidden(_) => "Geen toegang",
        WebError::MethodNotAllowed => "Dit kan hier niet",
        WebError::Internal(_) => "Er ging iets mis",
    };
    let page = ErrorPage {
        meta: Meta::new(heading, Section::None),
        status: err.status().as_u16(),
        message: err.message(),
        list_reset: matches!(err, WebError::InvalidFilter(_) | WebError::InvalidPage(_)),
    };
    match page.render() {
        Ok(body) => html_response(err.status(), body),
        Err(e) => {
            tracing::error!(error = %e, "the error page template failed");
            html_response(StatusCode::INTERNAL_SERVER_ERROR, FALLBACK.to_owned())
        }
    }
}
