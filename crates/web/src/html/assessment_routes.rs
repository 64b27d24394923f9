//! The routes of the erkenningstraject, each with the least privilege that
//! lets its users in; who may touch which traject is checked again in the
//! `app` use cases (object level).

use watwerkt_domain::Role;

use super::{assessment, assessment_werkblad, audit, dashboard, review};
use crate::access::{Access, Routes};
use crate::auth::CurrentUser;

const OWNER: Access = Access::AnyRole(&[Role::Owner]);
const COORDINATOR: Access = Access::AnyRole(&[Role::Coordinator]);
const REVIEWER: Access = Access::AnyRole(&[Role::Assessor, Role::CommitteeMember]);
/// The traject page: coördinator, reviewers and owners (object rule in `app`).
const INVOLVED: Access = Access::AnyRole(&[
    Role::Coordinator,
    Role::Assessor,
    Role::CommitteeMember,
    Role::Owner,
]);
const AUDIT: Access = Access::AnyRole(&[Role::Coordinator, Role::Admin]);

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/mijn/interventies", OWNER, dashboard::show)
        .post("/mijn/interventies/nieuw", OWNER, dashboard::create)
        .post("/mijn/interventies/{slug}/traject", OWNER, dashboard::start)
        .get(
            "/mijn/interventies/{slug}/werkblad",
            OWNER,
            assessment_werkblad::show,
        )
        .post(
            "/mijn/interventies/{slug}/werkblad",
            OWNER,
            assessment_werkblad::save,
        )
        .get("/erkenning", COORDINATOR, assessment::queue)
        .post(
            "/erkenning/eigenaren",
            COORDINATOR,
            assessment::register_owner,
        )
        .get("/erkenning/{id}", INVOLVED, assessment::show)
        .post("/erkenning/{id}/toewijzen", COORDINATOR, assessment::assign)
        .post(
            "/erkenning/{id}/terugleggen",
            COORDINATOR,
            assessment::feedback,
        )
        .post("/erkenning/{id}/besluit", COORDINATOR, assessment::decide)
        .get("/erkenning/{id}/bezwaar", OWNER, assessment::appeal_form)
        .post("/erkenning/{id}/bezwaar", OWNER, assessment::appeal)
        .post(
            "/erkenning/{id}/bezwaar/besluit",
            COORDINATOR,
            assessment::decide_appeal,
        )
        .get("/beoordelen", REVIEWER, review::list)
        .get("/beoordelen/{id}", REVIEWER, review::show)
        .post("/beoordelen/{id}", REVIEWER, review::submit)
        .get("/audit", AUDIT, audit::show)
}

/// The erkenningstraject pages a person's roles open, for their account page.
pub(crate) fn work_links(user: &CurrentUser) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    if user.has(Role::Owner) {
        out.push(("/mijn/interventies", "Mijn interventies en werkbladen"));
    }
    if user.has_any(&[Role::Assessor, Role::CommitteeMember]) {
        out.push(("/beoordelen", "Mijn beoordelingen"));
    }
    if user.has(Role::Coordinator) {
        out.push(("/erkenning", "Erkenningstrajecten"));
    }
    if user.has_any(&[Role::Coordinator, Role::Admin]) {
        out.push(("/audit", "Auditlog"));
    }
    out
}
