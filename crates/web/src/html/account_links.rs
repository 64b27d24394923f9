//! The pages behind single-use links and the request for one:
//! `/uitnodiging/{token}`, `/wachtwoord-vergeten`, `/wachtwoord-herstellen/{token}`.
//!
//! A link that cannot be used (unknown, used, expired) shows why, with 404 or
//! 410, and changes nothing; a second submission of the same form lands there.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use watwerkt_app::auth::{LinkFormError, LinkProblem};
use watwerkt_domain::PasswordPolicy;

use super::account::{message, start_session, MessageLink};
use super::layout::{Meta, Section};
use super::{render, PageResult};
use crate::access::{Access, Routes};
use crate::auth::{CsrfForm, CsrfToken};
use crate::state::AppState;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/uitnodiging/{token}", Access::Public, invitation_form)
        .post("/uitnodiging/{token}", Access::Public, accept_invitation)
        .get("/wachtwoord-vergeten", Access::Public, forgot_form)
        .post("/wachtwoord-vergeten", Access::Public, forgot)
        .get("/wachtwoord-herstellen/{token}", Access::Public, reset_form)
        .post("/wachtwoord-herstellen/{token}", Access::Public, reset)
}

fn link_page(problem: LinkProblem, invitation: bool) -> PageResult {
    let status = match problem {
        LinkProblem::Unknown => StatusCode::NOT_FOUND,
        LinkProblem::Used | LinkProblem::Expired => StatusCode::GONE,
        LinkProblem::EmailTaken => StatusCode::CONFLICT,
    };
    let (title, link) = if invitation {
        (
            "Uitnodiging niet bruikbaar",
            MessageLink {
                href: "/inloggen",
                label: "Naar inloggen",
            },
        )
    } else {
        (
            "Herstellink niet bruikbaar",
            MessageLink {
                href: "/wachtwoord-vergeten",
                label: "Een nieuwe herstellink aanvragen",
            },
        )
    };
    message(status, title, problem.message(invitation), Some(link))
}

#[derive(Template)]
#[template(path = "account/invitation.html")]
struct InvitationPage {
    meta: Meta,
    token: String,
    csrf: String,
    email: String,
    name: String,
    organisation: String,
    roles: String,
    min_chars: usize,
    max_chars: usize,
    error: Option<String>,
    notice: Option<String>,
}

async fn invitation_page(
    state: &AppState,
    token: &str,
    csrf: &CsrfToken,
    name: Option<&str>,
    error: Option<String>,
) -> PageResult {
    let view = match state.app.invitation(token).await {
        Ok(v) => v,
        Err(LinkFormError::Link(p)) => return link_page(p, true),
        Err(LinkFormError::Input(m)) => return Err(crate::error::WebError::Invalid(m)),
        Err(LinkFormError::Internal(e)) => return Err(e.into()),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = InvitationPage {
        meta: Meta::new("Account aanmaken", Section::None).here("Account aanmaken"),
        token: token.to_owned(),
        csrf: csrf.value().to_owned(),
        email: view.email.to_string(),
        name: name.map_or(view.name, str::to_owned),
        organisation: view.organisation,
        roles: view.roles.labels(),
        min_chars: PasswordPolicy::MIN_CHARS,
        max_chars: PasswordPolicy::MAX_CHARS,
        error,
        notice: None,
    };
    render(status, &page)
}

async fn invitation_form(
    State(state): State<AppState>,
    Path(token): Path<String>,
    csrf: CsrfToken,
) -> PageResult {
    invitation_page(&state, &token, &csrf, None, None).await
}

#[derive(Debug, Deserialize)]
struct AcceptForm {
    #[serde(default)]
    naam: String,
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    herhaling: String,
}

async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<AcceptForm>,
) -> PageResult {
    match state
        .app
        .accept_invitation(&token, &form.naam, &form.wachtwoord, &form.herhaling)
        .await
    {
        Ok(signed_in) => Ok(start_session(&state, &signed_in, "/account")),
        Err(LinkFormError::Link(p)) => link_page(p, true),
        Err(LinkFormError::Input(m)) => {
            invitation_page(
                &state,
                &token,
                &csrf,
                Some(&form.naam),
                Some(capitalise(&m)),
            )
            .await
        }
        Err(LinkFormError::Internal(e)) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "account/forgot.html")]
struct ForgotPage {
    meta: Meta,
    csrf: String,
    error: Option<String>,
    notice: Option<String>,
}

async fn forgot_form(csrf: CsrfToken) -> PageResult {
    let page = ForgotPage {
        meta: Meta::new("Wachtwoord vergeten", Section::None).here("Wachtwoord vergeten"),
        csrf: csrf.value().to_owned(),
        error: None,
        notice: None,
    };
    render(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// The one answer to a reset request, whether or not the address has an account.
pub(crate) const RESET_REQUESTED: &str = "Als er een account bij dit e-mailadres hoort, hebben we \
     een e-mail gestuurd met een link om een nieuw wachtwoord te kiezen. Kijk ook in uw map met \
     ongewenste e-mail. De link is beperkt geldig.";

async fn forgot(State(state): State<AppState>, CsrfForm(form): CsrfForm<ForgotForm>) -> PageResult {
    if let Err(e) = state.app.request_password_reset(&form.email).await {
        // Logged; the answer stays the same so it reveals nothing.
        tracing::error!(error = %e, "password reset request failed");
    }
    message(
        StatusCode::OK,
        "Controleer uw e-mail",
        RESET_REQUESTED,
        Some(MessageLink {
            href: "/inloggen",
            label: "Terug naar inloggen",
        }),
    )
}

#[derive(Template)]
#[template(path = "account/reset.html")]
struct ResetPage {
    meta: Meta,
    token: String,
    csrf: String,
    min_chars: usize,
    max_chars: usize,
    error: Option<String>,
    notice: Option<String>,
}

fn reset_page(token: &str, csrf: &CsrfToken, error: Option<String>) -> PageResult {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = ResetPage {
        meta: Meta::new("Nieuw wachtwoord kiezen", Section::None).here("Nieuw wachtwoord"),
        token: token.to_owned(),
        csrf: csrf.value().to_owned(),
        min_chars: PasswordPolicy::MIN_CHARS,
        max_chars: PasswordPolicy::MAX_CHARS,
        error,
        notice: None,
    };
    render(status, &page)
}

async fn reset_form(
    State(state): State<AppState>,
    Path(token): Path<String>,
    csrf: CsrfToken,
) -> PageResult {
    match state.app.check_reset_link(&token).await {
        Ok(()) => reset_page(&token, &csrf, None),
        Err(LinkFormError::Link(p)) => link_page(p, false),
        Err(LinkFormError::Input(m)) => reset_page(&token, &csrf, Some(capitalise(&m))),
        Err(LinkFormError::Internal(e)) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
struct ResetForm {
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    herhaling: String,
}

async fn reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> PageResult {
    match state
        .app
        .reset_password(&token, &form.wachtwoord, &form.herhaling)
        .await
    {
        Ok(_) => message(
            StatusCode::OK,
            "Wachtwoord gewijzigd",
            "Uw wachtwoord is gewijzigd en u bent op alle apparaten uitgelogd. Log in met uw nieuwe wachtwoord.",
            Some(MessageLink {
                href: "/inloggen",
                label: "Inloggen",
            }),
        ),
        Err(LinkFormError::Link(p)) => link_page(p, false),
        Err(LinkFormError::Input(m)) => reset_page(&token, &csrf, Some(capitalise(&m))),
        Err(LinkFormError::Internal(e)) => Err(e.into()),
    }
}

/// First letter upper case (domain messages start lower case).
pub(crate) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
        None => String::new(),
    }
}
