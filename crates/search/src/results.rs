//! What a search asks and what it answers.

use chrono::NaiveDate;

use crate::doc::Kind;
use crate::facets::{Dimension, FacetCounts, Filters};

/// Results per page when not asked otherwise.
pub const DEFAULT_PER_PAGE: usize = 20;
/// The most results per page.
pub const MAX_PER_PAGE: usize = 100;
/// Results beyond this rank are not served (page past the window: no hits).
pub const MAX_RESULT_WINDOW: usize = 10_000;
/// Fewer hits than this make the search try typo tolerance.
pub const FEW_HITS: u64 = 3;

/// The order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (newest first when there is no query text).
    #[default]
    Relevance,
    /// Highest rating first, then best match.
    Rating,
    /// Newest first, then best match.
    Date,
}

impl Sort {
    /// The code used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "relevantie",
            Sort::Rating => "erkenningsniveau",
            Sort::Date => "datum",
        }
    }

    /// Looks a sort order up by its code.
    pub fn from_code(code: &str) -> Option<Sort> {
        [Sort::Relevance, Sort::Rating, Sort::Date]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The words as typed; `"…"` marks a phrase. Anything else is plain text.
    pub query: String,
    /// Selected facet values.
    pub filters: Filters,
    /// Order of results.
    pub sort: Sort,
    /// Page number, from 1 (0 is read as 1).
    pub page: usize,
    /// Results per page (clamped to 1..=[`MAX_PER_PAGE`]).
    pub per_page: usize,
    /// Whether to count facets.
    pub facets: bool,
    /// Whether to make highlighted snippets.
    pub snippets: bool,
    /// The day to judge rating validity on: an expired rating does not count
    /// in the erkenningsniveau facet and filter and sorts as unrated. `None`:
    /// every rating counts.
    pub today: Option<NaiveDate>,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            facets: true,
            snippets: true,
            today: None,
        }
    }
}

impl SearchRequest {
    /// A request for `query` with the defaults.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            ..Default::default()
        }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Id within its kind.
    pub id: String,
    /// Kind of item.
    pub kind: Kind,
    /// Title as stored.
    pub title: String,
    /// Title, HTML-escaped, query words in `<mark>`.
    pub title_html: String,
    /// A passage, HTML-escaped, query words in `<mark>`; empty if not asked.
    pub snippet_html: String,
    /// Link.
    pub url: String,
    /// Rating code.
    pub rating: Option<String>,
    /// Date.
    pub date: Option<NaiveDate>,
    /// Theme codes.
    pub themes: Vec<String>,
    /// Group codes.
    pub groups: Vec<String>,
    /// Relevance score (0 when sorted otherwise without query).
    pub score: f32,
    /// Last day the rating is valid (`None`: no rating, or no end).
    pub rating_valid_until: Option<NaiveDate>,
    /// The rating's validity ended before [`SearchRequest::today`].
    pub rating_expired: bool,
    /// Fictional example content.
    pub example_data: bool,
    /// Short description under the title (`Rapport, 2021`).
    pub detail: Option<String>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    /// The query the results are for (the correction, when [`corrected`](Self::corrected)).
    pub query: String,
    /// Total matching items.
    pub total: u64,
    /// The page served (from 1).
    pub page: usize,
    /// Results per page.
    pub per_page: usize,
    /// Number of pages (0 when nothing matched).
    pub pages: usize,
    /// The results of this page (empty past the last page).
    pub hits: Vec<Hit>,
    /// Facet counts (empty if not asked).
    pub facets: FacetCounts,
    /// "Bedoelde u …?": a spelling from the index vocabulary.
    pub did_you_mean: Option<String>,
    /// The results are for `did_you_mean` (the query as typed found nothing).
    pub corrected: bool,
    /// Near spellings were matched too (few or no exact hits).
    pub fuzzy: bool,
    /// No item has every word: these have some of them.
    pub partial: bool,
    /// Facet values that do not exist; they were not applied.
    pub ignored_filters: Vec<(Dimension, String)>,
    /// The query was cut to the limits of length and word count.
    pub truncated: bool,
}
