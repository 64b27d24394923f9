//! Web authentication: the session middleware, the [`CurrentUser`] and
//! [`MaybeUser`] extractors, and CSRF protection ([`CsrfForm`],
//! [`verify_csrf`], [`CsrfToken`]).
//!
//! - Sessions live in the HttpOnly cookie `watwerkt_sessie` (SameSite=Lax,
//!   Path=/, Secure when the site runs on https); the database keeps only
//!   the SHA-256 of its value.
//! - Access rules per route are enforced by `crate::access` before the
//!   handler; handlers take `CurrentUser` to know who acts.

pub(crate) mod cookies;
mod csrf;
mod resolve;
mod user;

pub use csrf::{verify_csrf, CsrfForm, CsrfToken};
pub use resolve::{ClientAddress, HeaderAccount};
pub use user::{CurrentUser, MaybeUser};

pub(crate) use resolve::{header_account, request_span, resolve, session_token};
pub(crate) use user::sign_in_first;
pub(crate) use user::Resolved;
