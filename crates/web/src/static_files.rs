//! The embedded static files: the NL Design System component CSS (installed
//! by `build.rs` from npm), our own theme plus app CSS, and the small script
//! that suggests search words while typing. All are compiled into the binary
//! and served with a long cache lifetime; pages link them with a content hash
//! so a new build is fetched at once.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::LazyLock;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::state::AppState;

/// `@utrecht/component-library-css` (components + `utrecht-html`).
const UTRECHT_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/utrecht.css"));
/// The installed version of `@utrecht/component-library-css`.
pub(crate) const UTRECHT_VERSION: &str =
    include_str!(concat!(env!("OUT_DIR"), "/utrecht-version.txt"));
/// Our theme (the `--utrecht-*` design tokens) followed by the app's own CSS.
const WATWERKT_CSS: &str = concat!(
    include_str!("../static/watwerkt-theme.css"),
    "\n",
    include_str!("../static/watwerkt-app.css")
);

/// Suggestions while typing in a search form (progressive enhancement).
const SUGGEST_JS: &str = include_str!("../static/zoeken.js");

/// Path of the component stylesheet.
pub(crate) const UTRECHT_PATH: &str = "/static/utrecht.css";
/// Path of our stylesheet.
pub(crate) const WATWERKT_PATH: &str = "/static/watwerkt.css";
/// Path of the suggestion script.
pub(crate) const SUGGEST_PATH: &str = "/static/zoeken.js";

const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";

struct Asset {
    body: &'static str,
    content_type: &'static str,
    etag: String,
    href: String,
}

impl Asset {
    fn new(path: &str, body: &'static str, content_type: &'static str) -> Self {
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        let hash = format!("{:016x}", hasher.finish());
        Self {
            body,
            content_type,
            etag: format!("\"{hash}\""),
            href: format!("{path}?v={}", &hash[..10]),
        }
    }
}

static UTRECHT: LazyLock<Asset> = LazyLock::new(|| Asset::new(UTRECHT_PATH, UTRECHT_CSS, CSS));
static WATWERKT: LazyLock<Asset> = LazyLock::new(|| Asset::new(WATWERKT_PATH, WATWERKT_CSS, CSS));
static SUGGEST: LazyLock<Asset> = LazyLock::new(|| Asset::new(SUGGEST_PATH, SUGGEST_JS, JS));

/// The link to the component stylesheet, with its content hash.
pub(crate) fn utrecht_href() -> &'static str {
    &UTRECHT.href
}

/// The link to our stylesheet, with its content hash.
pub(crate) fn watwerkt_href() -> &'static str {
    &WATWERKT.href
}

/// The link to the suggestion script, with its content hash.
pub(crate) fn suggest_js_href() -> &'static str {
    &SUGGEST.href
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            UTRECHT_PATH,
            get(|h: HeaderMap| async move { serve(&UTRECHT, &h) }),
        )
        .route(
            WATWERKT_PATH,
            get(|h: HeaderMap| async move { serve(&WATWERKT, &h) }),
        )
        .route(
            SUGGEST_PATH,
            get(|h: HeaderMap| async move { serve(&SUGGEST, &h) }),
        )
}

fn serve(asset: &Asset, request: &HeaderMap) -> Response {
    let etag = HeaderValue::from_str(&asset.etag).unwrap_or(HeaderValue::from_static("\"0\""));
    let cache = HeaderValue::from_static("public, max-age=31536000, immutable");
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == asset.etag));
    if fresh {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag), (header::CACHE_CONTROL, cache)],
        )
            .into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, cache),
        ],
        asset.body,
    )
        .into_response()
}
