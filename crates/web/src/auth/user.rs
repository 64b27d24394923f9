//! Who is asking: [`CurrentUser`] (must be signed in) and [`MaybeUser`].

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::Method;
use axum::response::{IntoResponse, Redirect, Response};
use watwerkt_domain::{Account, Email, Role, RoleSet, UserId};

use crate::error::WebError;

/// A signed-in person, as every handler sees them.
///
/// As an extractor it refuses anonymous requests: an HTML `GET` is
/// redirected to `/inloggen?terug=<path>`, anything else gets 401.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// Account id.
    pub id: UserId,
    /// E-mail address.
    pub email: Email,
    /// Name.
    pub name: String,
    /// Organisation.
    pub organisation: String,
    /// Roles.
    pub roles: RoleSet,
    /// The CSRF token of this session: put it in every form as
    /// `<input type="hidden" name="csrf" value="…">`.
    pub csrf: String,
}

impl CurrentUser {
    pub(crate) fn new(account: Account, csrf: String) -> Self {
        Self {
            id: account.id,
            email: account.email,
            name: account.name,
            organisation: account.organisation,
            roles: account.roles,
            csrf,
        }
    }

    /// Whether the person holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(role)
    }

    /// Whether the person holds any of `roles`.
    pub fn has_any(&self, roles: &[Role]) -> bool {
        self.roles.contains_any(roles)
    }

    /// The account as the domain knows it (for `app` use cases).
    pub fn account(&self) -> Account {
        Account {
            id: self.id,
            email: self.email.clone(),
            name: self.name.clone(),
            organisation: self.organisation.clone(),
            roles: self.roles.clone(),
            active: true,
        }
    }
}

/// The signed-in person, if any.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<CurrentUser>);

/// What the session middleware left in the request.
#[derive(Debug, Clone)]
pub(crate) struct Resolved(pub Option<CurrentUser>);

/// The answer to an anonymous request for something that needs an account.
pub(crate) fn sign_in_first(method: &Method, path_and_query: &str) -> Response {
    if path_and_query.starts_with("/api/") {
        return WebError::Unauthorized("Log in om dit te gebruiken.".into()).into_json();
    }
    if method == Method::GET || method == Method::HEAD {
        let back = crate::query::encode(path_and_query);
        return Redirect::to(&format!("/inloggen?terug={back}")).into_response();
    }
    WebError::Unauthorized("U bent niet (meer) ingelogd. Log in en probeer het opnieuw.".into())
        .into_html()
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Resolved>().and_then(|r| r.0.clone()) {
            Some(user) => Ok(user),
            None => {
                let pq = parts
                    .uri
                    .path_and_query()
                    .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned());
                Err(sign_in_first(&parts.method, &pq))
            }
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for MaybeUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts.extensions.get::<Resolved>().and_then(|r| r.0.clone()),
        ))
    }
}
