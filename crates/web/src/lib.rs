//! The web front of watwerkt: server-rendered Dutch pages and the JSON API.
//!
//! - `html/` — one typed askama struct per page, all answered through
//!   `html::render` (the one response path);
//! - `api/` — JSON handlers, each with `#[utoipa::path]`; [`openapi`] is the document;
//! - `error` — the one error enum with an HTML and a JSON renderer;
//! - `query`, `search_params` — the URL parameters of the list and of search,
//!   shared by pages and API;
//! - `static_files` — the embedded stylesheets (NL Design System CSS from npm,
//!   installed by `build.rs`, plus our own theme) and the suggestion script.
//!
//! Every handler calls an [`App`] use case; nothing here talks to storage.

pub mod access;
mod api;
pub mod auth;
pub mod busy_poll;
mod error;
mod format;
mod html;
mod markdown;
mod per_core;
mod query;
mod query_pairs;
mod search_params;
mod state;
mod static_files;

use std::sync::Arc;

use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use watwerkt_app::App;

use crate::state::AppState;

/// Settings of the web front.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public address the site is reached at, without trailing slash,
    /// e.g. `https://watwerkt.example`. Used for canonical links.
    pub base_url: String,
    /// How long a connection keeps looking for the client's next request
    /// after an answer before it waits to be woken ([`busy_poll`]); zero turns
    /// busy polling off.
    pub busy_poll: std::time::Duration,
    /// Threads that serve connections, each with its own runtime (see
    /// `per_core`); by default one per core, at least one.
    pub threads: usize,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".to_owned(),
            busy_poll: std::time::Duration::from_micros(DEFAULT_BUSY_POLL_MICROS),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// The default busy-polling window in microseconds (see [`busy_poll`]).
pub const DEFAULT_BUSY_POLL_MICROS: u64 = 200;

/// The complete router: pages, API, static files and the not-found fallback.
pub fn router(app: App, config: WebConfig) -> Router {
    let state = AppState {
        app,
        config: Arc::new(config),
    };
    let (pages, _) = html::routes().into_parts();
    let (api, _) = api::routes().into_parts();
    Router::new()
        .merge(pages)
        .merge(api)
        .merge(static_files::routes())
        .fallback(error::fallback)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::resolve,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(auth::request_span))
        .with_state(state)
}

/// Serves the router on `listener` until ctrl-c (or SIGTERM on Unix), then
/// finishes the requests in flight and returns.
pub async fn serve(
    app: App,
    config: WebConfig,
    listener: tokio::net::TcpListener,
) -> std::io::Result<()> {
    let (threads, busy_poll) = (config.threads, config.busy_poll);
    per_core::serve(
        router(app, config),
        listener,
        threads,
        busy_poll,
        shutdown_signal(),
    )
    .await
}

/// Every page and API route with its access rule, for the authorisation
/// matrix test.
pub fn route_inventory() -> Vec<access::RouteInfo> {
    let mut all = html::routes().into_parts().1;
    all.extend(api::routes().into_parts().1);
    all
}

/// The OpenAPI 3.1 document of the JSON API (also served at `/api/v1/openapi.json`).
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::openapi()
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for ctrl-c");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing open requests");
}
