//! CSRF protection for every form.
//!
//! Signed in: the token is derived from the session token (see
//! `watwerkt_app::auth::Secret::csrf`), so it needs no storage and changes
//! with every session. Not signed in (sign-in, invitation, reset forms): a
//! random token in the HttpOnly cookie `watwerkt_csrf` that the form must
//! repeat (double submit). A form whose token is missing or wrong is refused
//! with 403 before its handler runs, so nothing changes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use watwerkt_app::auth::secret::same;
use watwerkt_app::auth::Secret;

use super::user::CurrentUser;
use crate::error::WebError;

/// The message of a refused form.
pub(crate) const CSRF_MESSAGE: &str = "Dit formulier kunnen we niet aannemen: de beveiligingscode \
     ontbreekt of klopt niet (misschien stond de pagina te lang open). Er is niets gewijzigd. \
     Laad de pagina opnieuw en probeer het nog eens.";

/// The CSRF token for forms on this request's page. Extract it in a page
/// handler and render `csrf.value()` into the hidden `csrf` field.
#[derive(Debug, Clone)]
pub struct CsrfToken {
    /// Shared by the clones (the middleware's and the handler's): a fresh
    /// token is only made when a page asks for it, so a request without a
    /// form (the API, most pages) costs no random bytes.
    value: Arc<OnceLock<String>>,
    /// Made for this request (no cookie yet): the response must set it.
    pub(crate) fresh: bool,
    pub(crate) used: Arc<AtomicBool>,
}

impl CsrfToken {
    /// A token the request already has (from the session or the cookie).
    pub(crate) fn known(value: String) -> Self {
        Self {
            value: Arc::new(OnceLock::from(value)),
            fresh: false,
            used: Arc::default(),
        }
    }

    /// A new token, made at its first use.
    pub(crate) fn fresh() -> Self {
        Self {
            value: Arc::default(),
            fresh: true,
            used: Arc::default(),
        }
    }

    /// The value for the hidden `csrf` field.
    pub fn value(&self) -> &str {
        self.used.store(true, Ordering::Relaxed);
        self.raw()
    }

    /// The value a submitted form must carry, if one can be valid at all.
    fn expected(&self) -> Option<&str> {
        (!self.fresh).then(|| self.raw())
    }

    /// The value, made now for a fresh token asked for the first time (empty
    /// when no random bytes can be had: no form on the page can then be
    /// sent, and the error is logged).
    pub(crate) fn raw(&self) -> &str {
        self.value.get_or_init(|| match Secret::generate() {
            Ok(s) => s.expose().to_owned(),
            Err(e) => {
                tracing::error!(error = %e, "no CSRF token");
                String::new()
            }
        })
    }

    /// Whether a fresh token was made for this request's page.
    pub(crate) fn made(&self) -> bool {
        self.value.get().is_some_and(|v| !v.is_empty())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<CsrfToken>().cloned().ok_or_else(|| {
            WebError::Internal("CSRF-token ontbreekt: sessielaag niet actief".into()).into_html()
        })
    }
}

/// Checks the `csrf` value of a multipart (or otherwise parsed) form
/// against the session of `user`.
pub fn verify_csrf(user: &CurrentUser, token: &str) -> Result<(), WebError> {
    if !token.is_empty() && same(&user.csrf, token) {
        Ok(())
    } else {
        Err(WebError::Forbidden(CSRF_MESSAGE.into()))
    }
}

#[derive(serde::Deserialize)]
struct OnlyCsrf {
    #[serde(default)]
    csrf: String,
}

/// An url-encoded form whose `csrf` field has been checked (403 and no
/// change otherwise), deserialised into `T`. `T` may ignore the `csrf` field.
/// For repeated fields (checkboxes) use `Vec<(String, String)>` as `T`.
#[derive(Debug, Clone)]
pub struct CsrfForm<T>(pub T);

impl<T, S> FromRequest<S> for CsrfForm<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let api = req.uri().path().starts_with("/api/");
        let refuse = |e: WebError| if api { e.into_json() } else { e.into_html() };
        let token = req.extensions().get::<CsrfToken>().cloned();
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let sent = serde_urlencoded::from_bytes::<OnlyCsrf>(&bytes)
            .map(|f| f.csrf)
            .unwrap_or_default();
        let ok = token
            .as_ref()
            .and_then(CsrfToken::expected)
            .is_some_and(|expected| !sent.is_empty() && same(expected, &sent));
        if !ok {
            tracing::info!("form refused: CSRF token missing or wrong");
            return Err(refuse(WebError::Forbidden(CSRF_MESSAGE.into())));
        }
        serde_urlencoded::from_bytes::<T>(&bytes)
            .map(CsrfForm)
            .map_err(|e| {
                refuse(WebError::Invalid(format!(
                    "het formulier is niet compleet of bevat een ongeldige waarde ({e})"
                )))
            })
    }
}
