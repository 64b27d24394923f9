//! The one web error, with two renderers: an HTML page with a way back
//! ([`WebError`] as a response) and the JSON envelope
//! `{"error": "snake_case_code", "message": "…"}` ([`ApiError`]).

use std::any::Any;

use axum::extract::OriginalUri;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use watwerkt_app::AppError;

/// The generic message shown when something failed inside.
pub(crate) const INTERNAL_MESSAGE: &str =
    "Er ging aan onze kant iets mis. Probeer het later opnieuw.";

/// Why a request could not be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebError {
    /// The page, item or endpoint does not exist (404, `not_found`).
    NotFound(String),
    /// A filter value is unknown (400, `invalid_filter`).
    InvalidFilter(String),
    /// A page number or page size is unusable (400, `invalid_page`).
    InvalidPage(String),
    /// Other wrong input (400, `invalid_request`).
    Invalid(String),
    /// The request conflicts with stored data (409, `conflict`).
    Conflict(String),
    /// Not signed in (401, `unauthorized`).
    Unauthorized(String),
    /// Signed in, but not allowed (403, `forbidden`).
    Forbidden(String),
    /// The path exists, the method does not (405, `method_not_allowed`).
    MethodNotAllowed,
    /// Something failed inside; the detail is logged, never shown (500, `internal`).
    Internal(String),
}

impl WebError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::InvalidFilter(_) | Self::InvalidPage(_) | Self::Invalid(_) => {
                StatusCode::BAD_REQUEST
            }
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable snake_case code of the JSON envelope.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "not_found",
            Self::InvalidFilter(_) => "invalid_filter",
            Self::InvalidPage(_) => "invalid_page",
            Self::Invalid(_) => "invalid_request",
            Self::Conflict(_) => "conflict",
            Self::Unauthorized(_) => "unauthorized",
            Self::Forbidden(_) => "forbidden",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Internal(_) => "internal",
        }
    }

    /// The Dutch message people see; never the detail of an internal error.
    pub fn message(&self) -> String {
        match self {
            Self::NotFound(m)
            | Self::InvalidFilter(m)
            | Self::InvalidPage(m)
            | Self::Invalid(m)
            | Self::Conflict(m)
            | Self::Unauthorized(m)
            | Self::Forbidden(m) => capitalise(m),
            Self::MethodNotAllowed => "Deze methode is hier niet toegestaan.".to_owned(),
            Self::Internal(_) => INTERNAL_MESSAGE.to_owned(),
        }
    }

    /// Logs what needs logging: internal errors with their detail.
    fn log(&self) {
        if let Self::Internal(detail) = self {
            tracing::error!(error = %detail, "internal error while answering a request");
        }
    }

    /// The JSON envelope as a response.
    pub fn into_json(self) -> Response {
        self.log();
        let body = ErrorBody {
            error: self.code().to_owned(),
            message: self.message(),
        };
        (self.status(), Json(body)).into_response()
    }

    /// The HTML error page as a response.
    pub fn into_html(self) -> Response {
        self.log();
        crate::html::error_page::render(&self)
    }
}

impl std::fmt::Display for WebError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl std::error::Error for WebError {}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound(m) => Self::NotFound(m),
            AppError::Invalid(m) => Self::Invalid(m),
            AppError::Conflict(m) => Self::Conflict(m),
            AppError::Forbidden(m) => Self::Forbidden(m),
            AppError::Internal(m) => Self::Internal(m),
        }
    }
}

/// Pages answer errors as HTML.
impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        self.into_html()
    }
}

/// A [`WebError`] answered as the JSON envelope (for `/api/*`).
#[derive(Debug)]
pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.into_json()
    }
}

/// The JSON error envelope.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"error": "not_found", "message": "Interventie 'onbekend' bestaat niet"}))]
pub struct ErrorBody {
    /// Stable snake_case code: `not_found`, `invalid_filter`, `invalid_page`,
    /// `invalid_request`, `conflict`, `method_not_allowed` or `internal`.
    pub error: String,
    /// What went wrong, in Dutch, for people.
    pub message: String,
}

/// Whether a path belongs to the JSON API.
fn is_api(uri: &Uri) -> bool {
    let path = uri.path();
    path == "/api" || path.starts_with("/api/")
}

/// Answers every unknown URL: HTML 404 for pages, the envelope for `/api/*`.
pub(crate) async fn fallback(OriginalUri(uri): OriginalUri) -> Response {
    if is_api(&uri) {
        WebError::NotFound(format!("Het API-adres '{}' bestaat niet.", uri.path())).into_json()
    } else {
        WebError::NotFound(
            "Deze pagina bestaat niet (meer). Misschien is het adres verkeerd getypt \
             of is de pagina verplaatst."
                .to_owned(),
        )
        .into_html()
    }
}

/// Answers a known path with a method it does not support.
pub(crate) async fn method_not_allowed(OriginalUri(uri): OriginalUri) -> Response {
    if is_api(&uri) {
        WebError::MethodNotAllowed.into_json()
    } else {
        WebError::MethodNotAllowed.into_html()
    }
}

/// Turns a panic inside a page handler into the HTML 500 page.
pub(crate) fn panic_as_html(panic: Box<dyn Any + Send + 'static>) -> Response {
    WebError::Internal(format!("panic: {}", panic_text(panic.as_ref()))).into_html()
}

/// Turns a panic inside an API handler into the JSON 500 envelope.
pub(crate) fn panic_as_json(panic: Box<dyn Any + Send + 'static>) -> Response {
    WebError::Internal(format!("panic: {}", panic_text(panic.as_ref()))).into_json()
}

fn panic_text<'a>(panic: &'a (dyn Any + Send + 'static)) -> &'a str {
    if let Some(s) = panic.downcast_ref::<String>() {
        s
    } else if let Some(s) = panic.downcast_ref::<&'static str>() {
        s
    } else {
        "(no message)"
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_statuses_match() {
        let cases = [
            (WebError::NotFound("x".into()), 404, "not_found"),
            (WebError::InvalidFilter("x".into()), 400, "invalid_filter"),
            (WebError::InvalidPage("x".into()), 400, "invalid_page"),
            (WebError::Invalid("x".into()), 400, "invalid_request"),
            (WebError::Conflict("x".into()), 409, "conflict"),
            (WebError::MethodNotAllowed, 405, "method_not_allowed"),
            (WebError::Internal("x".into()), 500, "internal"),
        ];
        for (e, status, code) in cases {
            assert_eq!(e.status().as_u16(), status);
            assert_eq!(e.code(), code);
        }
    }

    #[test]
    fn internal_details_are_not_shown() {
        let e = WebError::Internal("database file locked at /var/lib/x".into());
        assert_eq!(e.message(), INTERNAL_MESSAGE);
    }

    #[test]
    fn app_errors_map_onto_web_errors() {
        assert_eq!(
            WebError::from(AppError::NotFound("thema 'x' bestaat niet".into())).message(),
            "Thema 'x' bestaat niet"
        );
        assert_eq!(
            WebError::from(AppError::Conflict("c".into())).status(),
            StatusCode::CONFLICT
        );
    }
}
