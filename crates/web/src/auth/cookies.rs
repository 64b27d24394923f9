//! Reading the `Cookie` header and writing `Set-Cookie` values, by hand: two
//! cookies do not need a crate.

use axum::http::{header, HeaderMap, HeaderValue};

/// The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure on https.
pub const SESSION_COOKIE: &str = "watwerkt_sessie";
/// The CSRF cookie of visitors without a session (double submit).
pub const CSRF_COOKIE: &str = "watwerkt_csrf";

/// The value of cookie `name`, if sent.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"'))
}

/// A `Set-Cookie` value. `max_age` `None` makes a browser-session cookie;
/// `Some(0)` removes the cookie.
pub fn set(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static("invalid=1; Max-Age=0"))
}

/// A `Set-Cookie` value that removes cookie `name`.
pub fn clear(name: &str, secure: bool) -> HeaderValue {
    set(name, "", Some(0), secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; watwerkt_sessie=abc"),
        );
        h.append(header::COOKIE, HeaderValue::from_static("b=2"));
        assert_eq!(get(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(get(&h, "b"), Some("2"));
        assert_eq!(get(&h, "c"), None);
    }

    #[test]
    fn cookies_are_http_only_and_lax() {
        let c = set(SESSION_COOKIE, "x", Some(60), true);
        assert_eq!(
            c.to_str().unwrap(),
            "watwerkt_sessie=x; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure"
        );
    }
}
