//! Helpers of the account tests: a site with e-mail going to a real SMTP
//! sink, requests with cookies and client addresses, form posts with or
//! without the CSRF token, and reading `Set-Cookie`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request};
use watwerkt_app::AppConfig;
use watwerkt_domain::Role;
use watwerkt_testkit::smtp::SmtpSink;
use watwerkt_testkit::{test_today, TestApp};

use crate::common::{all, Reply, Site};

/// A browser: its cookies (session, CSRF) and its address.
#[derive(Clone, Debug, Default)]
pub struct Browser {
    pub session: Option<String>,
    pub csrf_cookie: Option<String>,
    pub address: Option<SocketAddr>,
}

/// The value of cookie `name` set by a response (`None`: not set);
/// `Some("")` when it is cleared.
pub fn set_cookie(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| {
            v[name.len() + 1..]
                .split(';')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
}

/// The whole `Set-Cookie` line for `name`.
pub fn set_cookie_line(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_default()
        .to_owned()
}

/// The value of the hidden `csrf` field of the first form on the page.
pub fn form_csrf(reply: &Reply) -> String {
    let doc = reply.html();
    all(&doc, "main form input[name=csrf]")
        .first()
        .and_then(|e| e.value().attr("value"))
        .expect("a form with a csrf field")
        .to_owned()
}

impl Browser {
    pub fn at(address: &str) -> Self {
        Self {
            address: Some(address.parse().unwrap()),
            ..Self::default()
        }
    }

    /// The CSRF token a form on a page for this browser would carry.
    pub fn csrf(&self) -> String {
        match &self.session {
            Some(s) => watwerkt_app::auth::Secret::from_received(s)
                .expect("a session token")
                .csrf(),
            None => self.csrf_cookie.clone().unwrap_or_default(),
        }
    }

    fn cookie_header(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = &self.session {
            parts.push(format!("watwerkt_sessie={s}"));
        }
        if let Some(c) = &self.csrf_cookie {
            parts.push(format!("watwerkt_csrf={c}"));
        }
        parts.join("; ")
    }

    fn remember(&mut self, reply: &Reply) {
        if let Some(s) = set_cookie(reply, "watwerkt_sessie") {
            self.session = (!s.is_empty()).then_some(s);
        }
        if let Some(c) = set_cookie(reply, "watwerkt_csrf") {
            self.csrf_cookie = (!c.is_empty()).then_some(c);
        }
    }

    async fn send(&mut self, site: &Site, mut req: Request<Body>) -> Reply {
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req.headers_mut()
                .insert(header::COOKIE, cookies.parse().unwrap());
        }
        if let Some(addr) = self.address {
            req.extensions_mut().insert(ConnectInfo(addr));
        }
        let reply = site.request(req).await;
        self.remember(&reply);
        reply
    }

    pub async fn get(&mut self, site: &Site, uri: &str) -> Reply {
        self.send(site, Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    /// POSTs `fields` as they are (add `("csrf", …)` yourself, or leave it out).
    pub async fn post_raw(&mut self, site: &Site, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(fields).unwrap();
        self.send(
            site,
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    /// Opens the form page `form_uri`, then posts `fields` to `action` with
    /// the page's CSRF token, like a person would.
    pub async fn submit(
        &mut self,
        site: &Site,
        form_uri: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> Reply {
        let page = self.get(site, form_uri).await;
        assert_eq!(page.status, 200, "GET {form_uri}: {}", page.body);
        let csrf = form_csrf(&page);
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(site, action, &all).await
    }

    pub async fn login(&mut self, site: &Site, email: &str, password: &str) -> Reply {
        self.submit(
            site,
            "/inloggen",
            "/inloggen",
            &[("email", email), ("wachtwoord", password)],
        )
        .await
    }
}

/// A site (demo content) whose settings are `config` with the base address
/// `https://watwerkt.test`.
pub async fn site_with(config: AppConfig) -> Site {
    let config = AppConfig {
        base_url: "https://watwerkt.test".into(),
        ..config
    };
    let test = TestApp::empty_with(test_today(), config).await;
    Site::from(test)
}

/// A site whose mail goes to a running SMTP sink.
pub async fn site_with_mail() -> (Site, SmtpSink) {
    let sink = SmtpSink::start();
    let site = site_with(AppConfig::default()).await;
    watwerkt_app::mail::spawn(site.test.app.clone(), sink.mail_config());
    (site, sink)
}

/// An account with `roles`, signed in: a browser carrying its session.
pub async fn signed_in(site: &Site, roles: &[Role]) -> (watwerkt_domain::Account, Browser) {
    let (account, token) = site.test.sign_in_as(roles).await;
    let browser = Browser {
        session: Some(token.expose().to_owned()),
        ..Browser::default()
    };
    (account, browser)
}
