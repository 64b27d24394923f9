//! Helpers of the erkenningstraject tests: accounts with sessions (made
//! through the store, without argon2, so tests stay quick), signed-in form
//! posts through the router, and a demo intervention with an owner.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{header, Request};
use chrono::Duration;
use watwerkt_app::auth::Secret;
use watwerkt_domain::{Email, Role, RoleSet, UserId};
use watwerkt_store::{Invitation, NewSession, OneTimeToken, Redeemed, TokenKind};

use crate::common::{Reply, Site};

/// A signed-in person.
#[derive(Clone)]
pub struct Person {
    pub id: UserId,
    pub email: String,
    pub cookie: String,
    pub csrf: String,
}

/// Creates an account with `roles` and a session for it.
pub async fn person(site: &Site, name: &str, organisation: &str, roles: &[Role]) -> Person {
    let store = &site.test.store;
    let now = site.test.app.now();
    let email = format!(
        "{}@{}.test",
        name.to_lowercase().replace(' ', "."),
        organisation.to_lowercase().replace(' ', "-")
    );
    let link = Secret::generate().unwrap();
    use watwerkt_store::AccountStore;
    store
        .store_token(
            &OneTimeToken {
                hash: link.hash(),
                kind: TokenKind::Invitation,
                account: None,
                invitation: Some(Invitation {
                    email: Email::parse(&email).unwrap(),
                    name: name.into(),
                    organisation: organisation.into(),
                    roles: roles.iter().copied().collect::<RoleSet>(),
                    invited_by: None,
                }),
                expires_at: now + Duration::days(7),
                used_at: None,
            },
            &[],
        )
        .await
        .unwrap();
    let session = Secret::generate().unwrap();
    let account = store
        .accept_invitation(
            &link.hash(),
            name,
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$ongebruikt",
            &NewSession {
                token_hash: session.hash(),
                created_at: now,
                expires_at: now + Duration::hours(8),
            },
        )
        .await
        .unwrap();
    let Redeemed::Done(account) = account else {
        panic!("invitation not redeemed: {account:?}")
    };
    Person {
        id: account.id,
        email,
        cookie: format!("watwerkt_sessie={}", session.expose()),
        csrf: session.csrf(),
    }
}

fn encode(fields: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(fields).unwrap()
}

impl Person {
    /// GET as this person.
    pub async fn get(&self, site: &Site, uri: &str) -> Reply {
        site.request(
            Request::get(uri)
                .header(header::COOKIE, &self.cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// POST a form as this person, with their CSRF token added.
    pub async fn post(&self, site: &Site, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(site, uri, &encode(&all)).await
    }

    /// POST a body as is (to test a missing CSRF token).
    pub async fn post_raw(&self, site: &Site, uri: &str, body: &str) -> Reply {
        site.request(
            Request::post(uri)
                .header(header::COOKIE, &self.cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body.to_owned()))
                .unwrap(),
        )
        .await
    }
}
