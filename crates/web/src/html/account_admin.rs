//! `/beheer/gebruikers`: the accounts and the invitation form.
//!
//! Open to beheerders and coördinatoren erkenning; the form offers only the
//! roles the person may hand out (a coördinator: owners, assessors and
//! committee members), and the use case checks that again.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use watwerkt_app::auth::InviteInput;
use watwerkt_app::AppError;
use watwerkt_domain::{Coded, Role, RoleSet};

use super::account_links::capitalise;
use super::layout::{Meta, Section};
use super::{render, PageResult};
use crate::access::{Access, Routes};
use crate::auth::{CsrfForm, CurrentUser};
use crate::state::AppState;

/// Who may open the page and invite.
pub(crate) const MANAGERS: &[Role] = &[Role::Admin, Role::Coordinator];

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/beheer/gebruikers", Access::AnyRole(MANAGERS), users)
        .post("/beheer/gebruikers", Access::AnyRole(MANAGERS), invite)
}

struct RoleChoice {
    code: &'static str,
    label: &'static str,
    checked: bool,
}

struct AccountRow {
    name: String,
    email: String,
    organisation: String,
    roles: String,
    active: bool,
}

#[derive(Default)]
struct FormValues {
    email: String,
    name: String,
    organisation: String,
}

#[derive(Template)]
#[template(path = "account/users.html")]
struct UsersPage {
    meta: Meta,
    csrf: String,
    form: FormValues,
    role_choices: Vec<RoleChoice>,
    accounts: Vec<AccountRow>,
    invitation_days: u32,
    error: Option<String>,
    notice: Option<String>,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    form: FormValues,
    checked: &RoleSet,
    status: StatusCode,
    error: Option<String>,
    notice: Option<String>,
) -> PageResult {
    let accounts = state
        .app
        .accounts()
        .await?
        .into_iter()
        .map(|a| AccountRow {
            name: a.name,
            email: a.email.to_string(),
            organisation: a.organisation,
            roles: a.roles.labels(),
            active: a.active,
        })
        .collect();
    let role_choices = Role::ALL
        .iter()
        .copied()
        .filter(|r| Role::may_invite(&user.roles, *r))
        .map(|r| RoleChoice {
            code: r.code(),
            label: r.label(),
            checked: checked.contains(r),
        })
        .collect();
    let page = UsersPage {
        meta: Meta::new("Gebruikers", Section::None)
            .crumb("Mijn account", "/account")
            .here("Gebruikers"),
        csrf: user.csrf.clone(),
        form,
        role_choices,
        accounts,
        invitation_days: state.app.config().auth.invitation_days,
        error,
        notice,
    };
    render(status, &page)
}

async fn users(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    page(
        &state,
        &user,
        FormValues::default(),
        &RoleSet::new(),
        StatusCode::OK,
        None,
        None,
    )
    .await
}

async fn invite(
    State(state): State<AppState>,
    user: CurrentUser,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut roles = RoleSet::new();
    let mut unknown = None;
    for (_, code) in pairs.iter().filter(|(k, _)| k == "rol") {
        match Role::from_code(code) {
            Some(r) => roles.insert(r),
            None => unknown = Some(code.clone()),
        }
    }
    let input = InviteInput {
        email: field("email"),
        name: field("naam"),
        organisation: field("organisatie"),
        roles,
    };
    let values = FormValues {
        email: input.email.clone(),
        name: input.name.clone(),
        organisation: input.organisation.clone(),
    };
    if let Some(code) = unknown {
        let msg = format!("Onbekende rol '{code}'.");
        return page(
            &state,
            &user,
            values,
            &input.roles,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(msg),
            None,
        )
        .await;
    }
    match state.app.invite(Some(&user.account()), &input).await {
        Ok(sent) => {
            let notice = format!("De uitnodiging is verstuurd naar {}.", sent.email);
            page(
                &state,
                &user,
                FormValues::default(),
                &RoleSet::new(),
                StatusCode::OK,
                None,
                Some(notice),
            )
            .await
        }
        Err(AppError::Invalid(m) | AppError::Conflict(m)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            page(
                &state,
                &user,
                values,
                &input.roles,
                status,
                Some(capitalise(&m)),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
