//! The route registry: every page and API route is registered here with its
//! access rule, which the router enforces before the handler runs; and
//! [`route_inventory`](crate::route_inventory) lists them all for the
//! authorisation matrix test (`tests/authorisation_matrix.rs`).
//!
//! Register a route with `Routes::get(path, access, handler)` /
//! `Routes::post(...)`. Object-level rules (an owner edits only their own
//! intervention) are checked in the `app` use cases.

use axum::extract::Request;
use axum::handler::Handler;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{self, MethodRouter};
use axum::Router;
use watwerkt_domain::Role;

use crate::auth::{sign_in_first, Resolved};
use crate::error::WebError;
use crate::state::AppState;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Everyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Signed in with at least one of these roles.
    AnyRole(&'static [Role]),
}

impl Access {
    /// Whether a person with `roles` (`None`: anonymous) may use the route.
    pub fn allows(self, roles: Option<&watwerkt_domain::RoleSet>) -> bool {
        match (self, roles) {
            (Self::Public, _) => true,
            (_, None) => false,
            (Self::SignedIn, Some(_)) => true,
            (Self::AnyRole(wanted), Some(have)) => have.contains_any(wanted),
        }
    }
}

/// One registered route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteInfo {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The path pattern, e.g. `/interventies/{slug}`.
    pub path: &'static str,
    /// The rule.
    pub access: Access,
}

/// A router under construction that remembers each route's rule.
pub(crate) struct Routes {
    router: Router<AppState>,
    list: Vec<RouteInfo>,
}

async fn enforce(access: Access, req: Request, next: Next) -> Response {
    let user = req
        .extensions()
        .get::<Resolved>()
        .and_then(|r| r.0.as_ref());
    if access.allows(user.map(|u| &u.roles)) {
        return next.run(req).await;
    }
    if user.is_none() {
        let pq = req
            .uri()
            .path_and_query()
            .map_or_else(|| req.uri().path().to_owned(), |p| p.as_str().to_owned());
        return sign_in_first(req.method(), &pq);
    }
    let e = WebError::Forbidden(
        "Geen toegang: uw account heeft niet de rol die hiervoor nodig is.".into(),
    );
    if req.uri().path().starts_with("/api/") {
        e.into_json()
    } else {
        e.into_html()
    }
}

impl Routes {
    /// No routes.
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            list: Vec::new(),
        }
    }

    fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        access: Access,
        route: MethodRouter<AppState>,
    ) -> Self {
        let guarded = if access == Access::Public {
            route
        } else {
            route.layer(middleware::from_fn(move |req: Request, next: Next| {
                enforce(access, req, next)
            }))
        };
        self.router = self.router.route(path, guarded);
        self.list.push(RouteInfo {
            method,
            path,
            access,
        });
        self
    }

    /// A `GET` (and `HEAD`) route.
    pub fn get<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add("GET", path, access, routing::get(handler))
    }

    /// A `POST` route.
    pub fn post<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add("POST", path, access, routing::post(handler))
    }

    /// Adds all routes of `other`.
    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.list.extend(other.list);
        self
    }

    /// Applies `f` to the router built so far (e.g. to add a layer).
    pub fn map_router(mut self, f: impl FnOnce(Router<AppState>) -> Router<AppState>) -> Self {
        self.router = f(self.router);
        self
    }

    /// The router and the inventory.
    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteInfo>) {
        (self.router, self.list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use watwerkt_domain::RoleSet;

    #[test]
    fn rules() {
        let editor = RoleSet::from([Role::Editor]);
        assert!(Access::Public.allows(None));
        assert!(!Access::SignedIn.allows(None));
        assert!(Access::SignedIn.allows(Some(&RoleSet::new())));
        assert!(Access::AnyRole(&[Role::Editor, Role::Admin]).allows(Some(&editor)));
        assert!(!Access::AnyRole(&[Role::Admin]).allows(Some(&editor)));
        assert!(!Access::AnyRole(&[Role::Admin]).allows(None));
    }
}
