//! The session middleware: runs before routing on every request, finds the
//! signed-in person (if any) from the session cookie, provides the CSRF token
//! and the header's account line, and sets or clears cookies on the way out.

use std::net::SocketAddr;
use std::sync::atomic::Ordering;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::Response;
use watwerkt_app::auth::Secret;

use super::cookies::{self, CSRF_COOKIE, SESSION_COOKIE};
use super::csrf::CsrfToken;
use super::user::{CurrentUser, Resolved};
use crate::state::AppState;

/// What the page header shows of the signed-in person.
#[derive(Debug, Clone)]
pub struct HeaderAccount {
    /// Name.
    pub name: String,
    /// CSRF token for the sign-out button.
    pub csrf: String,
}

tokio::task_local! {
    static HEADER_ACCOUNT: Option<HeaderAccount>;
}

/// The account line of the page header for the request being answered.
pub(crate) fn header_account() -> Option<HeaderAccount> {
    HEADER_ACCOUNT.try_with(Clone::clone).ok().flatten()
}

/// The session token from the cookie, if it has the right shape.
pub(crate) fn session_token(headers: &HeaderMap) -> Option<Secret> {
    cookies::get(headers, SESSION_COOKIE).and_then(Secret::from_received)
}

/// The client address used for rate limiting: the peer address, or with
/// `trust_forwarded_for` the last `X-Forwarded-For` entry (added by our proxy).
pub(crate) fn client_address(
    req_headers: &HeaderMap,
    peer: Option<SocketAddr>,
    trust: bool,
) -> String {
    if trust {
        if let Some(last) = req_headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|s| !s.is_empty())
        {
            return last.to_owned();
        }
    }
    peer.map_or_else(|| "onbekend".to_owned(), |a| a.ip().to_string())
}

/// The client address of a request (see [`client_address`]).
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

/// Paths that carry a secret token in their last segment.
const TOKEN_PATHS: &[&str] = &["/uitnodiging/", "/wachtwoord-herstellen/"];

/// The path as it may be logged: link tokens replaced by `[verborgen]`.
pub(crate) fn loggable_path(path: &str) -> String {
    for prefix in TOKEN_PATHS {
        if let Some(rest) = path.strip_prefix(prefix) {
            if !rest.is_empty() {
                return format!("{prefix}[verborgen]");
            }
        }
    }
    path.to_owned()
}

/// The tracing span of a request: method and path, without query string
/// (it may hold search words) and without link tokens.
pub(crate) fn request_span<B>(req: &axum::http::Request<B>) -> tracing::Span {
    tracing::debug_span!(
        "request",
        method = %req.method(),
        path = %loggable_path(req.uri().path()),
    )
}

/// The middleware.
pub(crate) async fn resolve(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if req.uri().path().starts_with("/static/") {
        // Stylesheets and scripts: no session lookup.
        return next.run(req).await;
    }
    let secure = state.secure_cookies();
    let token = session_token(req.headers());
    let had_cookie = cookies::get(req.headers(), SESSION_COOKIE).is_some();
    let user = match &token {
        Some(t) => match state.app.session_account(t).await {
            Ok(Some(account)) => Some(CurrentUser::new(account, t.csrf())),
            Ok(None) => None,
            Err(e) => {
                tracing::error!(error = %e, "reading the session failed; treating as signed out");
                None
            }
        },
        None => None,
    };
    let stale_cookie = had_cookie && user.is_none();
    let csrf = match &user {
        Some(u) => CsrfToken::known(u.csrf.clone()),
        None => match cookies::get(req.headers(), CSRF_COOKIE).and_then(Secret::from_received) {
            Some(existing) => CsrfToken::known(existing.expose().to_owned()),
            None => CsrfToken::fresh(),
        },
    };
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let address = client_address(
        req.headers(),
        peer,
        state.app.config().auth.trust_forwarded_for,
    );
    let header = user.as_ref().map(|u| HeaderAccount {
        name: u.name.clone(),
        csrf: u.csrf.clone(),
    });
    req.extensions_mut().insert(Resolved(user));
    req.extensions_mut().insert(csrf.clone());
    req.extensions_mut().insert(ClientAddress(address));
    let mut response = HEADER_ACCOUNT.scope(header, next.run(req)).await;
    let headers = response.headers_mut();
    // A handler that changed the session (sign in/out) sets cookies itself.
    let handler_set_session = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|s| s.starts_with(SESSION_COOKIE)));
    if stale_cookie && !handler_set_session {
        headers.append(header::SET_COOKIE, cookies::clear(SESSION_COOKIE, secure));
    }
    if csrf.fresh && csrf.used.load(Ordering::Relaxed) && csrf.made() {
        headers.append(
            header::SET_COOKIE,
            cookies::set(CSRF_COOKIE, csrf.raw(), None, secure),
        );
    }
    response
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientAddress>()
            .cloned()
            .unwrap_or_else(|| ClientAddress("onbekend".into())))
    }
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn link_tokens_are_not_logged() {
        assert_eq!(
            loggable_path("/uitnodiging/zR557p9EDhS-iA_p1UMgMwe9dnCJqqbZhC9fmYOwVmQ"),
            "/uitnodiging/[verborgen]"
        );
        assert_eq!(
            loggable_path("/wachtwoord-herstellen/abc"),
            "/wachtwoord-herstellen/[verborgen]"
        );
        assert_eq!(
            loggable_path("/interventies/deurwaarts"),
            "/interventies/deurwaarts"
        );
    }
}
