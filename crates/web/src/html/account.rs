//! Signing in and out, and the own account page:
//! `/inloggen`, `/uitloggen`, `/account`, `/account/overal-uitloggen`.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use watwerkt_app::auth::{LoginError, SignedIn};
use watwerkt_domain::{Coded, Role};

use super::layout::{Meta, Section};
use super::{render, PageResult};
use crate::access::{Access, Routes};
use crate::auth::cookies::{self, SESSION_COOKIE};
use crate::auth::{ClientAddress, CsrfForm, CsrfToken, CurrentUser, MaybeUser};
use crate::state::AppState;

/// The account routes, including the invitation/reset links and user admin.
pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/inloggen", Access::Public, login_form)
        .post("/inloggen", Access::Public, login)
        .post("/uitloggen", Access::SignedIn, logout)
        .get("/account", Access::SignedIn, account)
        .post(
            "/account/overal-uitloggen",
            Access::SignedIn,
            logout_everywhere,
        )
        .merge(super::account_links::routes())
        .merge(super::account_admin::routes())
}

/// A link under a message.
pub(crate) struct MessageLink {
    pub href: &'static str,
    pub label: &'static str,
}

/// A page with one message (link problems, "check your mail", signed out).
#[derive(Template)]
#[template(path = "account/message.html")]
pub(crate) struct MessagePage {
    pub meta: Meta,
    pub message: String,
    pub link: Option<MessageLink>,
}

/// Renders a message page.
pub(crate) fn message(
    status: StatusCode,
    title: &str,
    message: impl Into<String>,
    link: Option<MessageLink>,
) -> PageResult {
    render(
        status,
        &MessagePage {
            meta: Meta::new(title, Section::None).here(title),
            message: message.into(),
            link,
        },
    )
}

/// Where to go after signing in: only a path on this site.
pub(crate) fn safe_back(back: &str) -> Option<&str> {
    let ok = back.starts_with('/')
        && !back.starts_with("//")
        && !back.starts_with("/\\")
        && !back.chars().any(|c| c.is_control() || c == '\\');
    ok.then_some(back)
}

/// A response that sets the session cookie and goes to `to`.
pub(crate) fn start_session(state: &AppState, signed_in: &SignedIn, to: &str) -> Response {
    let max_age = i64::from(state.app.config().auth.session_max_hours) * 3600;
    let cookie = cookies::set(
        SESSION_COOKIE,
        signed_in.token.expose(),
        Some(max_age),
        state.secure_cookies(),
    );
    let mut response = Redirect::to(to).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
}

fn with_cookie(mut response: Response, cookie: HeaderValue) -> Response {
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
}

#[derive(Template)]
#[template(path = "account/login.html")]
struct LoginPage {
    meta: Meta,
    csrf: String,
    back: String,
    email: String,
    error: Option<String>,
    notice: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct LoginQuery {
    #[serde(default)]
    terug: String,
}

fn login_page(csrf: &CsrfToken, back: &str, email: &str, error: Option<String>) -> LoginPage {
    LoginPage {
        meta: Meta::new("Inloggen", Section::None).here("Inloggen"),
        csrf: csrf.value().to_owned(),
        back: safe_back(back).unwrap_or_default().to_owned(),
        email: email.to_owned(),
        error,
        notice: None,
    }
}

async fn login_form(
    MaybeUser(user): MaybeUser,
    csrf: CsrfToken,
    Query(q): Query<LoginQuery>,
) -> PageResult {
    if user.is_some() {
        return Ok(Redirect::to(safe_back(&q.terug).unwrap_or("/account")).into_response());
    }
    render(StatusCode::OK, &login_page(&csrf, &q.terug, "", None))
}

#[derive(Debug, Deserialize)]
pub(crate) struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    terug: String,
}

async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> PageResult {
    match state
        .app
        .login(&form.email, &form.wachtwoord, &address)
        .await
    {
        Ok(signed_in) => {
            let to = safe_back(&form.terug).unwrap_or("/account");
            Ok(start_session(&state, &signed_in, to))
        }
        Err(LoginError::Internal(e)) => Err(e.into()),
        Err(e) => {
            let status = match e {
                LoginError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNAUTHORIZED,
            };
            let page = login_page(&csrf, &form.terug, form.email.trim(), Some(e.message()));
            render(status, &page)
        }
    }
}

/// A form with nothing but its CSRF token.
#[derive(Debug, Deserialize)]
pub(crate) struct Empty {}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(Empty {}): CsrfForm<Empty>,
) -> PageResult {
    if let Some(token) = crate::auth::session_token(&headers) {
        state.app.logout(&token).await?;
    }
    Ok(with_cookie(
        Redirect::to("/").into_response(),
        cookies::clear(SESSION_COOKIE, state.secure_cookies()),
    ))
}

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage {
    meta: Meta,
    name: String,
    email: String,
    organisation: String,
    roles: Vec<&'static str>,
    may_manage: bool,
    /// Links to the erkenningstraject pages the roles open.
    work: Vec<(&'static str, &'static str)>,
    csrf: String,
    error: Option<String>,
    notice: Option<String>,
}

async fn account(user: CurrentUser) -> PageResult {
    let page = AccountPage {
        meta: Meta::new("Mijn account", Section::None).here("Mijn account"),
        name: user.name.clone(),
        email: user.email.to_string(),
        organisation: user.organisation.clone(),
        roles: user.roles.iter().map(Role::label).collect(),
        may_manage: user.has_any(super::account_admin::MANAGERS),
        work: super::assessment_routes::work_links(&user),
        csrf: user.csrf.clone(),
        error: None,
        notice: None,
    };
    render(StatusCode::OK, &page)
}

async fn logout_everywhere(
    State(state): State<AppState>,
    user: CurrentUser,
    CsrfForm(Empty {}): CsrfForm<Empty>,
) -> PageResult {
    let n = state.app.logout_everywhere(&user.account()).await?;
    let text = if n == 1 {
        "U bent uitgelogd. Er was geen andere sessie actief.".to_owned()
    } else {
        format!("U bent op alle apparaten uitgelogd ({n} sessies beëindigd).")
    };
    let page = message(
        StatusCode::OK,
        "Overal uitgelogd",
        text,
        Some(MessageLink {
            href: "/inloggen",
            label: "Opnieuw inloggen",
        }),
    )?;
    Ok(with_cookie(
        page,
        cookies::clear(SESSION_COOKIE, state.secure_cookies()),
    ))
}

#[cfg(test)]
mod tests {
    use super::safe_back;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_back("/account"), Some("/account"));
        assert_eq!(
            safe_back("/interventies?thema=x"),
            Some("/interventies?thema=x")
        );
        for bad in [
            "",
            "https://kwaad.example/",
            "//kwaad.example",
            "/\\kwaad.example",
            "account",
        ] {
            assert_eq!(safe_back(bad), None, "{bad}");
        }
    }
}
