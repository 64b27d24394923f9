//! `GET /api/v1/search` and `GET /api/v1/suggest`.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use utoipa::IntoParams;
use watwerkt_search::suggest::MAX_SUGGESTIONS;

use super::codes::{GroupCode, KindCode, RatingCode, SortCode, ThemeCode};
use super::search_dto::{SearchPage, SuggestionItem};
use super::search_json::write_page;
use crate::error::{ApiError, ErrorBody, WebError};
use crate::query::shown;
use crate::query_pairs::QueryPairs;
use crate::search_params::{self, sort_code, API_NAMES, WORDS};
use crate::state::AppState;

/// Words, facet filters, sort order and paging of a search. Repeat a filter
/// parameter for alternatives (`thema=a&thema=b` means a OR b); different
/// filters combine (AND) with each other and with the words.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the query for OpenAPI; parsing is done by `search_params::parse`.
pub(crate) struct SearchParams {
    /// The words, as a person types them. Never query syntax: only `"…"` has a
    /// meaning (a phrase). Cut at 500 characters or 16 words (`truncated`).
    /// Without letters or digits, every item is listed (newest first).
    q: Option<String>,
    /// Only items of any of these kinds.
    #[param(rename = "type", style = Form, explode, value_type = Option<Vec<KindCode>>)]
    kind: Option<Vec<String>>,
    /// Only items in any of these themes.
    #[param(style = Form, explode, value_type = Option<Vec<ThemeCode>>)]
    thema: Option<Vec<String>>,
    /// Only items for any of these target groups.
    #[param(style = Form, explode, value_type = Option<Vec<GroupCode>>)]
    doelgroep: Option<Vec<String>>,
    /// Only interventions whose rating is any of these levels.
    #[param(style = Form, explode, value_type = Option<Vec<RatingCode>>)]
    niveau: Option<Vec<String>>,
    /// Only dossiers with claims resting on any of these kinds of knowledge:
    /// `wetenschappelijk`, `praktijk`, `ervaring`.
    #[param(style = Form, explode)]
    kennisbron: Option<Vec<String>>,
    /// Order of the results.
    #[param(value_type = Option<SortCode>, default = "relevantie")]
    sort: Option<String>,
    /// Page number, from 1. A page after the last one has no items.
    #[param(minimum = 1, maximum = 4294967295_u32, default = 1)]
    page: Option<u32>,
    /// Items per page, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    per_page: Option<u32>,
    /// `nee`: leave out the facet counts (`facets` then has empty lists).
    /// For machine clients that only need the items; faster.
    #[param(inline, value_type = Option<YesNo>, default = "ja")]
    facetten: Option<String>,
    /// `nee`: leave out the highlighted snippets (`snippet_html` is then
    /// empty and `title_html` is the escaped title). Faster.
    #[param(inline, value_type = Option<YesNo>, default = "ja")]
    fragmenten: Option<String>,
}

/// `ja` or `nee`.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // Describes the values for OpenAPI.
#[schema(rename_all = "lowercase")]
pub(crate) enum YesNo {
    /// Yes (the default).
    Ja,
    /// No.
    Nee,
}

/// Search interventions and publications.
///
/// Dutch full-text search: relevance ranking (title and summary above the
/// text), highlighted snippets, facet counts, typo tolerance ("did you
/// mean", near spellings) and parts of compounds (`schuldhulp` finds
/// `schuldhulpverlening`). Unknown filter values are not an error: they are
/// listed in `ignored_filters` and not applied. Each search is recorded
/// without personal data (words, result count, time).
#[utoipa::path(
    get,
    path = "/api/v1/search",
    operation_id = "list_search_results",
    tag = "search",
    params(SearchParams),
    responses(
        (status = 200, description = "One page of search results", body = SearchPage),
        (status = 400, description = "Unusable paging (`invalid_page`), unknown sort order or a `facetten`/`fragmenten` value other than `ja`/`nee` (`invalid_request`)", body = ErrorBody),
        (status = 500, description = "Internal error (`internal`)", body = ErrorBody),
    )
)]
pub(crate) async fn list_search_results(
    State(state): State<AppState>,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let p = search_params::parse(&pairs, API_NAMES)?;
    let results = state.app.search(&p.request()).await?;
    let page = SearchPage::of(results, p.page, p.per_page, sort_code(p.sort));
    // Room for 20 hits without snippets, so the buffer is not grown and
    // copied again and again as axum's `Json` does from 128 bytes.
    let mut body = Vec::with_capacity(PAGE_JSON_BYTES);
    write_page(&page, &mut body)
        .map_err(|e| WebError::Internal(format!("JSON niet geschreven: {e}")))?;
    Ok(json_body(body))
}

/// Room reserved for a result page's JSON.
const PAGE_JSON_BYTES: usize = 8 * 1024;

/// `body` (JSON) as an `application/json` answer.
fn json_body(body: Vec<u8>) -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// What has been typed so far, and how many suggestions are wanted.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the query for OpenAPI; parsing is done by `parse_suggest`.
pub(crate) struct SuggestParams {
    /// What has been typed so far (only the first 100 characters count).
    /// Empty or without letters and digits: no suggestions.
    q: Option<String>,
    /// At most this many suggestions, 1 to 20.
    #[param(minimum = 1, maximum = 20, default = 8)]
    limit: Option<u32>,
}

/// Suggestions when none are asked for otherwise.
const DEFAULT_SUGGESTIONS: usize = 8;

fn parse_suggest(pairs: &[(String, String)]) -> Result<(String, usize), WebError> {
    let mut typed = None;
    let mut limit = DEFAULT_SUGGESTIONS;
    for (key, value) in pairs {
        match key.as_str() {
            k if k == WORDS => {
                typed.get_or_insert_with(|| value.clone());
            }
            "limit" => {
                limit = match value.trim().parse::<usize>() {
                    Ok(n) if (1..=MAX_SUGGESTIONS).contains(&n) => n,
                    _ => {
                        return Err(WebError::Invalid(format!(
                            "Ongeldig aantal suggesties '{}': gebruik een heel getal van 1 tot en met {MAX_SUGGESTIONS}.",
                            shown(value)
                        )))
                    }
                }
            }
            _ => {}
        }
    }
    Ok((typed.unwrap_or_default(), limit))
}

/// List suggestions while typing.
///
/// Titles that continue what has been typed (with their page), then the typed
/// words with the last one completed from the index vocabulary. Meant for a
/// search box; the pages work without it.
#[utoipa::path(
    get,
    path = "/api/v1/suggest",
    operation_id = "list_suggestions",
    tag = "search",
    params(SuggestParams),
    responses(
        (status = 200, description = "Suggestions, best first (possibly none)", body = Vec<SuggestionItem>),
        (status = 400, description = "Unusable `limit` (`invalid_request`)", body = ErrorBody),
        (status = 500, description = "Internal error (`internal`)", body = ErrorBody),
    )
)]
pub(crate) async fn list_suggestions(
    State(state): State<AppState>,
    QueryPairs(pairs): QueryPairs,
) -> Result<Json<Vec<SuggestionItem>>, ApiError> {
    let (typed, limit) = parse_suggest(&pairs)?;
    let suggestions = state.app.suggest(&typed, limit)?;
    Ok(Json(suggestions.iter().map(SuggestionItem::of).collect()))
}
