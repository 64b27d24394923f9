//! `/audit`: the append-only audit log, for the coördinator and the beheerder.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;

use super::assessment::{audit_vm, AuditVm};
use super::layout::{Meta, Section};
use super::{render, PageResult};
use crate::auth::CurrentUser;
use crate::state::AppState;

/// Rows shown.
const LIMIT: u32 = 500;

#[derive(Template)]
#[template(path = "erkenning/audit.html")]
struct AuditPage {
    meta: Meta,
    audit: Vec<AuditVm>,
    limit: u32,
}

/// GET `/audit`.
pub(crate) async fn show(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let rows = state.app.audit_log(user.id, LIMIT).await?;
    let page = AuditPage {
        meta: Meta::new("Auditlog", Section::None).here("Auditlog"),
        audit: rows.iter().map(|(e, n)| audit_vm(e, n)).collect(),
        limit: LIMIT,
    };
    render(StatusCode::OK, &page)
}
