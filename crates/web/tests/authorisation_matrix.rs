#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The authorisation matrix: every registered route × anonymous and every
//! role gets exactly the expected status. A route missing from `ROWS` (or a
//! row whose access rule differs from the registry) fails the test.
//!
//! Adding a route: add a row with its method, path pattern, a URI to try,
//! its access rule, and the status an allowed caller gets (anonymous and
//! signed in; for POST the form is sent with a valid CSRF token plus
//! `form`). Refusals are derived from the rule: anonymous GET → 303 to
//! /inloggen, anonymous POST → 401, signed in without the role → 403.
//! Use a URI of something that does not exist (→ 404) when the allowed
//! answer would need data; the matrix tests the access layer.

mod auth_support;
mod common;

use std::collections::HashMap;

use auth_support::{signed_in, Browser};
use watwerkt_app::auth::AuthConfig;
use watwerkt_app::AppConfig;
use watwerkt_domain::{Coded, Role};
use watwerkt_testkit::{test_today, TestApp};
use watwerkt_web::access::Access;
use watwerkt_web::route_inventory;

struct Row {
    method: &'static str,
    path: &'static str,
    uri: &'static str,
    access: Access,
    /// Status for an allowed anonymous caller (only for `Access::Public`).
    anon: u16,
    /// Status for an allowed signed-in caller.
    user: u16,
    /// Extra form fields of a POST.
    form: &'static [(&'static str, &'static str)],
    /// The request ends the session: use a fresh one.
    fresh: bool,
}

const fn get(path: &'static str, uri: &'static str, access: Access, anon: u16, user: u16) -> Row {
    Row {
        method: "GET",
        path,
        uri,
        access,
        anon,
        user,
        form: &[],
        fresh: false,
    }
}

const fn post(path: &'static str, uri: &'static str, access: Access, anon: u16, user: u16) -> Row {
    Row {
        method: "POST",
        path,
        uri,
        access,
        anon,
        user,
        form: &[],
        fresh: false,
    }
}

const fn fresh(mut row: Row) -> Row {
    row.fresh = true;
    row
}

use Access::{Public, SignedIn};
const MANAGERS: Access = Access::AnyRole(&[Role::Admin, Role::Coordinator]);
const EDITORS: Access = Access::AnyRole(&[Role::Editor, Role::Admin]);
const OWNER: Access = Access::AnyRole(&[Role::Owner]);
const COORDINATOR: Access = Access::AnyRole(&[Role::Coordinator]);
const REVIEWERS: Access = Access::AnyRole(&[Role::Assessor, Role::CommitteeMember]);
const INVOLVED: Access = Access::AnyRole(&[
    Role::Coordinator,
    Role::Assessor,
    Role::CommitteeMember,
    Role::Owner,
]);
const AUDIT: Access = Access::AnyRole(&[Role::Coordinator, Role::Admin]);

const ROWS: &[Row] = &[
    // Public pages and API.
    get("/", "/", Public, 200, 200),
    get("/interventies", "/interventies", Public, 200, 200),
    get(
        "/interventies/{slug}",
        "/interventies/deurwaarts",
        Public,
        200,
        200,
    ),
    get("/themas", "/themas", Public, 200, 200),
    get("/themas/{code}", "/themas/eenzaamheid", Public, 200, 200),
    get(
        "/werkzame-elementen",
        "/werkzame-elementen",
        Public,
        200,
        200,
    ),
    get(
        "/werkzame-elementen/{slug}",
        "/werkzame-elementen/ervaringsdeskundige-inzet",
        Public,
        200,
        200,
    ),
    get("/zoeken", "/zoeken?q=buurt", Public, 200, 200),
    get(
        "/publicaties/{slug}",
        "/publicaties/bestaat-niet",
        Public,
        404,
        404,
    ),
    get(
        "/api/v1/interventions",
        "/api/v1/interventions",
        Public,
        200,
        200,
    ),
    get(
        "/api/v1/interventions/{slug}",
        "/api/v1/interventions/deurwaarts",
        Public,
        200,
        200,
    ),
    get("/api/v1/themes", "/api/v1/themes", Public, 200, 200),
    get("/api/v1/search", "/api/v1/search?q=buurt", Public, 200, 200),
    get("/api/v1/suggest", "/api/v1/suggest?q=buu", Public, 200, 200),
    get(
        "/api/v1/openapi.json",
        "/api/v1/openapi.json",
        Public,
        200,
        200,
    ),
    // Accounts (signing in is for visitors; a signed-in person is sent on).
    get("/inloggen", "/inloggen", Public, 200, 303),
    post("/inloggen", "/inloggen", Public, 401, 401),
    fresh(post("/uitloggen", "/uitloggen", SignedIn, 0, 303)),
    get("/account", "/account", SignedIn, 0, 200),
    fresh(post(
        "/account/overal-uitloggen",
        "/account/overal-uitloggen",
        SignedIn,
        0,
        200,
    )),
    get(
        "/uitnodiging/{token}",
        "/uitnodiging/onbekend",
        Public,
        404,
        404,
    ),
    post(
        "/uitnodiging/{token}",
        "/uitnodiging/onbekend",
        Public,
        404,
        404,
    ),
    get(
        "/wachtwoord-vergeten",
        "/wachtwoord-vergeten",
        Public,
        200,
        200,
    ),
    post(
        "/wachtwoord-vergeten",
        "/wachtwoord-vergeten",
        Public,
        200,
        200,
    ),
    get(
        "/wachtwoord-herstellen/{token}",
        "/wachtwoord-herstellen/onbekend",
        Public,
        404,
        404,
    ),
    post(
        "/wachtwoord-herstellen/{token}",
        "/wachtwoord-herstellen/onbekend",
        Public,
        404,
        404,
    ),
    get("/beheer/gebruikers", "/beheer/gebruikers", MANAGERS, 0, 200),
    post("/beheer/gebruikers", "/beheer/gebruikers", MANAGERS, 0, 422),
    // Dossiers, theme pages, publications (issue 6).
    get("/dossiers", "/dossiers", Public, 200, 200),
    get(
        "/dossiers/{slug}",
        "/dossiers/bestaat-niet",
        Public,
        404,
        404,
    ),
    get(
        "/dossiers/{slug}/versies",
        "/dossiers/bestaat-niet/versies",
        Public,
        404,
        404,
    ),
    get("/redactie/dossiers", "/redactie/dossiers", EDITORS, 0, 200),
    get("/publicaties", "/publicaties", Public, 200, 200),
    get(
        "/publicaties/{slug}/bestand",
        "/publicaties/bestaat-niet/bestand",
        Public,
        404,
        404,
    ),
    get(
        "/dossiers/{slug}/bewerken",
        "/dossiers/bestaat-niet/bewerken",
        EDITORS,
        0,
        404,
    ),
    Row {
        form: &[("tekst", "x"), ("versie", "1"), ("actie", "opslaan")],
        ..post(
            "/dossiers/{slug}/bewerken",
            "/dossiers/bestaat-niet/bewerken",
            EDITORS,
            0,
            404,
        )
    },
    get(
        "/publicaties/{slug}/bewerken",
        "/publicaties/bestaat-niet/bewerken",
        EDITORS,
        0,
        404,
    ),
    Row {
        form: &[("tekst", "x")],
        ..post(
            "/publicaties/{slug}/bewerken",
            "/publicaties/bestaat-niet/bewerken",
            EDITORS,
            0,
            404,
        )
    },
    get(
        "/publicaties/{slug}/bijlage",
        "/publicaties/bestaat-niet/bijlage",
        EDITORS,
        0,
        404,
    ),
    // A url-encoded body is not the multipart form the upload needs: 400.
    post(
        "/publicaties/{slug}/bijlage",
        "/publicaties/bestaat-niet/bijlage",
        EDITORS,
        0,
        400,
    ),
    get(
        "/themas/{code}/bewerken",
        "/themas/onbekend/bewerken",
        EDITORS,
        0,
        404,
    ),
    Row {
        form: &[("tekst", "x")],
        ..post(
            "/themas/{code}/bewerken",
            "/themas/onbekend/bewerken",
            EDITORS,
            0,
            404,
        )
    },
    // Erkenningstraject (issue 5): least privilege per route; which traject
    // a person may touch is checked in the use cases (assessment_*.rs tests).
    get("/mijn/interventies", "/mijn/interventies", OWNER, 0, 200),
    Row {
        form: &[
            ("niveau", "goed-beschreven"),
            ("titel", ""),
            ("thema", "eenzaamheid"),
        ],
        ..post(
            "/mijn/interventies/nieuw",
            "/mijn/interventies/nieuw",
            OWNER,
            0,
            422,
        )
    },
    Row {
        form: &[("niveau", "goed-beschreven")],
        ..post(
            "/mijn/interventies/{slug}/traject",
            "/mijn/interventies/bestaat-niet/traject",
            OWNER,
            0,
            404,
        )
    },
    get(
        "/mijn/interventies/{slug}/werkblad",
        "/mijn/interventies/bestaat-niet/werkblad",
        OWNER,
        0,
        404,
    ),
    Row {
        form: &[("versie", "1"), ("actie", "opslaan")],
        ..post(
            "/mijn/interventies/{slug}/werkblad",
            "/mijn/interventies/bestaat-niet/werkblad",
            OWNER,
            0,
            404,
        )
    },
    get("/erkenning", "/erkenning", COORDINATOR, 0, 200),
    Row {
        form: &[("interventie", "bestaat-niet"), ("email", "x@voorbeeld.nl")],
        ..post(
            "/erkenning/eigenaren",
            "/erkenning/eigenaren",
            COORDINATOR,
            0,
            422,
        )
    },
    get("/erkenning/{id}", "/erkenning/999999", INVOLVED, 0, 404),
    Row {
        form: &[("versie", "1"), ("ronde", "2026-1")],
        ..post(
            "/erkenning/{id}/toewijzen",
            "/erkenning/999999/toewijzen",
            COORDINATOR,
            0,
            404,
        )
    },
    Row {
        form: &[("versie", "1"), ("toelichting", "x")],
        ..post(
            "/erkenning/{id}/terugleggen",
            "/erkenning/999999/terugleggen",
            COORDINATOR,
            0,
            404,
        )
    },
    Row {
        form: &[
            ("versie", "1"),
            ("besluit", "erkennen"),
            ("samenvatting", "x"),
        ],
        ..post(
            "/erkenning/{id}/besluit",
            "/erkenning/999999/besluit",
            COORDINATOR,
            0,
            404,
        )
    },
    get(
        "/erkenning/{id}/bezwaar",
        "/erkenning/999999/bezwaar",
        OWNER,
        0,
        404,
    ),
    Row {
        form: &[("versie", "1"), ("motivering", "x")],
        ..post(
            "/erkenning/{id}/bezwaar",
            "/erkenning/999999/bezwaar",
            OWNER,
            0,
            404,
        )
    },
    Row {
        form: &[
            ("versie", "1"),
            ("uitkomst", "ongegrond"),
            ("behandeling", "x"),
        ],
        ..post(
            "/erkenning/{id}/bezwaar/besluit",
            "/erkenning/999999/bezwaar/besluit",
            COORDINATOR,
            0,
            404,
        )
    },
    get("/beoordelen", "/beoordelen", REVIEWERS, 0, 200),
    get("/beoordelen/{id}", "/beoordelen/999999", REVIEWERS, 0, 404),
    Row {
        form: &[("versie", "1")],
        ..post("/beoordelen/{id}", "/beoordelen/999999", REVIEWERS, 0, 404)
    },
    get("/audit", "/audit", AUDIT, 0, 200),
];

/// Who asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Caller {
    Anonymous,
    With(Role),
}

impl Caller {
    fn name(self) -> &'static str {
        match self {
            Self::Anonymous => "anoniem",
            Self::With(r) => r.code(),
        }
    }
}

fn expected(row: &Row, caller: Caller) -> u16 {
    let roles = match caller {
        Caller::Anonymous => None,
        Caller::With(r) => Some(watwerkt_domain::RoleSet::from([r])),
    };
    if row.access.allows(roles.as_ref()) {
        return if caller == Caller::Anonymous {
            row.anon
        } else {
            row.user
        };
    }
    match caller {
        Caller::Anonymous if row.method == "GET" && !row.uri.starts_with("/api/") => 303,
        Caller::Anonymous => 401,
        Caller::With(_) => 403,
    }
}

#[test]
fn every_route_has_a_row_with_the_same_rule() {
    let inventory = route_inventory();
    let mut problems = Vec::new();
    for route in &inventory {
        match ROWS
            .iter()
            .find(|r| r.method == route.method && r.path == route.path)
        {
            None => problems.push(format!("no row for {} {}", route.method, route.path)),
            Some(row) if row.access != route.access => problems.push(format!(
                "{} {}: registry says {:?}, the matrix {:?}",
                route.method, route.path, route.access, row.access
            )),
            Some(_) => {}
        }
    }
    for row in ROWS {
        if !inventory
            .iter()
            .any(|r| r.method == row.method && r.path == row.path)
        {
            problems.push(format!(
                "row for unregistered route {} {}",
                row.method, row.path
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "authorisation matrix out of date:\n{}",
        problems.join("\n")
    );
}

#[tokio::test]
async fn every_route_answers_every_caller_as_expected() {
    let config = AppConfig {
        base_url: "https://watwerkt.test".into(),
        auth: AuthConfig {
            max_failures_per_account: 1000,
            max_failures_per_address: 1000,
            ..AuthConfig::default()
        },
        ..AppConfig::default()
    };
    let test = TestApp::empty_with(test_today(), config).await;
    assert!(test.app.load_demo_if_empty().await.unwrap());
    let site = common::Site::from(test);

    let mut callers = vec![Caller::Anonymous];
    callers.extend(Role::ALL.iter().map(|r| Caller::With(*r)));
    let mut sessions: HashMap<Caller, Browser> = HashMap::new();
    let mut visitor = Browser::default();
    visitor.get(&site, "/inloggen").await;
    sessions.insert(Caller::Anonymous, visitor);
    for role in Role::ALL {
        sessions.insert(Caller::With(*role), signed_in(&site, &[*role]).await.1);
    }

    let mut wrong = Vec::new();
    for row in ROWS {
        for &caller in &callers {
            let mut browser = if row.fresh && caller != Caller::Anonymous {
                let Caller::With(role) = caller else {
                    unreachable!()
                };
                signed_in(&site, &[role]).await.1
            } else {
                sessions[&caller].clone()
            };
            let reply = if row.method == "GET" {
                browser.get(&site, row.uri).await
            } else {
                let csrf = browser.csrf();
                let mut fields = vec![("csrf", csrf.as_str())];
                fields.extend_from_slice(row.form);
                browser.post_raw(&site, row.uri, &fields).await
            };
            let want = expected(row, caller);
            if reply.status.as_u16() != want {
                wrong.push(format!(
                    "{} {} as {}: expected {want}, got {}",
                    row.method,
                    row.uri,
                    caller.name(),
                    reply.status.as_u16()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong answers:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
