//! The JSON shapes of `/api/v1/search` and `/api/v1/suggest`.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use watwerkt_domain::{Coded, Theme};
use watwerkt_search::{
    Dimension, FacetCount, FacetCounts, Hit, Kind, SearchResults, Suggestion, SuggestionTarget,
};

use super::codes::{KindCode, RatingCode};
use super::dto::ThemeRef;
use crate::search_params::{dimension_param, value_label};

/// A recognition level with its Dutch label.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingRef {
    /// Level code.
    #[schema(value_type = RatingCode)]
    pub code: String,
    /// Dutch label, e.g. `Goed onderbouwd`.
    pub label: String,
    /// Last day of validity, `null` when unknown.
    pub valid_until: Option<NaiveDate>,
    /// The validity has ended (judged today).
    pub expired: bool,
}

/// One search result.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchItem {
    /// `interventie`, `publicatie`, `dossier` or `themadossier`.
    #[schema(value_type = KindCode)]
    pub kind: &'static str,
    /// The slug, unique within its kind.
    pub id: String,
    /// Title.
    pub title: String,
    /// The title as HTML: escaped, with the query words in `<mark>`.
    pub title_html: String,
    /// A passage as HTML: escaped, with the query words in `<mark>`.
    pub snippet_html: String,
    /// The item's page on the site (a path, e.g. `/interventies/deurwaarts`).
    pub url: String,
    /// The recognition level (interventions), `null` when not rated.
    pub rating: Option<RatingRef>,
    /// Date of the rating decision (interventions) or 1 January of the
    /// publication year (publications), `null` when unknown.
    pub date: Option<NaiveDate>,
    /// Themes.
    pub themes: Vec<ThemeRef>,
}

impl SearchItem {
    /// The DTO of a hit (its texts moved, not copied: every search answer
    /// passes here).
    pub fn of(hit: Hit) -> Self {
        Self {
            kind: hit.kind.code(),
            rating: hit.rating.map(|code| RatingRef {
                label: value_label(Dimension::Rating, &code)
                    .unwrap_or(&code)
                    .to_owned(),
                code,
                valid_until: hit.rating_valid_until,
                expired: hit.rating_expired,
            }),
            id: hit.id,
            title: hit.title,
            title_html: hit.title_html,
            snippet_html: hit.snippet_html,
            url: hit.url,
            date: hit.date,
            themes: hit
                .themes
                .iter()
                .filter_map(|c| Theme::from_code(c))
                .map(ThemeRef::of)
                .collect(),
        }
    }
}

/// One value of a facet.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetValue {
    /// The code, as used in the filter parameter.
    pub value: String,
    /// Dutch label.
    pub label: String,
    /// Number of results with this value, given the words and the *other* facets' filters.
    pub count: u64,
    /// Whether this value is among the filters.
    pub selected: bool,
}

/// Counts per facet, keyed by the filter parameter; most results first.
#[derive(Debug, Serialize, ToSchema)]
pub struct Facets {
    /// Kind: `interventie`, `publicatie`, `dossier`, `themadossier`.
    #[serde(rename = "type")]
    pub kind: Vec<FacetValue>,
    /// Theme codes.
    pub thema: Vec<FacetValue>,
    /// Target group codes.
    pub doelgroep: Vec<FacetValue>,
    /// Recognition level codes.
    pub niveau: Vec<FacetValue>,
    /// Knowledge sources a dossier's claims rest on: `wetenschappelijk`,
    /// `praktijk`, `ervaring`.
    pub kennisbron: Vec<FacetValue>,
}

fn facet(d: Dimension, counts: &[FacetCount]) -> Vec<FacetValue> {
    counts
        .iter()
        .map(|c| FacetValue {
            label: value_label(d, &c.value).unwrap_or(&c.value).to_owned(),
            value: c.value.clone(),
            count: c.count,
            selected: c.selected,
        })
        .collect()
}

impl Facets {
    /// The DTO of the facet counts.
    pub fn of(f: &FacetCounts) -> Self {
        Self {
            kind: facet(Dimension::Kind, &f.kinds),
            thema: facet(Dimension::Theme, &f.themes),
            doelgroep: facet(Dimension::Group, &f.groups),
            niveau: facet(Dimension::Rating, &f.ratings),
            kennisbron: facet(Dimension::Knowledge, &f.knowledge),
        }
    }
}

/// A filter value that does not exist and was not applied.
#[derive(Debug, Serialize, ToSchema)]
pub struct IgnoredFilter {
    /// The parameter: `type`, `thema`, `doelgroep` or `niveau`.
    pub parameter: &'static str,
    /// The value as given.
    pub value: String,
}

/// One page of search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    /// The words the results are for: as typed (cut to the length limit), or
    /// the correction when `corrected` is true.
    pub query: String,
    /// Number of matching items.
    pub total: u64,
    /// This page number (1-based).
    pub page: u32,
    /// Page size.
    pub per_page: u32,
    /// Number of pages (at least 1).
    pub total_pages: u32,
    /// The sort order applied: `relevantie`, `niveau` or `datum`.
    pub sort: &'static str,
    /// "Did you mean": a spelling of the words from the index vocabulary, or `null`.
    pub did_you_mean: Option<String>,
    /// The words as typed found nothing; the results are for `did_you_mean`.
    pub corrected: bool,
    /// Near spellings of the words were matched too (few or no exact matches).
    pub fuzzy: bool,
    /// No item has every word; these items have some of them.
    pub partial: bool,
    /// The words were cut to the limits (500 characters, 16 words).
    pub truncated: bool,
    /// The results of this page; empty after the last page.
    pub items: Vec<SearchItem>,
    /// Counts per facet.
    pub facets: Facets,
    /// Filter values that do not exist; they were not applied.
    pub ignored_filters: Vec<IgnoredFilter>,
}

impl SearchPage {
    /// The DTO of search results (taken apart: the hits' texts are moved).
    pub fn of(r: SearchResults, page: u32, per_page: u32, sort: &'static str) -> Self {
        Self {
            facets: Facets::of(&r.facets),
            ignored_filters: r
                .ignored_filters
                .iter()
                .map(|(d, v)| IgnoredFilter {
                    parameter: dimension_param(*d),
                    value: v.clone(),
                })
                .collect(),
            total: r.total,
            page,
            per_page,
            total_pages: u32::try_from(r.pages.max(1)).unwrap_or(u32::MAX),
            sort,
            did_you_mean: r.did_you_mean,
            corrected: r.corrected,
            fuzzy: r.fuzzy,
            partial: r.partial,
            truncated: r.truncated,
            items: r.hits.into_iter().map(SearchItem::of).collect(),
            query: r.query,
        }
    }
}

/// A suggestion while typing.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionItem {
    /// The text to offer: a title, or the typed words with the last one completed.
    pub text: String,
    /// For a title: the item's kind (`interventie`, `publicatie`); `null` for a completion.
    #[schema(value_type = Option<KindCode>)]
    pub kind: Option<&'static str>,
    /// For a title: the item's page; `null` for a completion (search for `text`).
    pub url: Option<String>,
}

impl SuggestionItem {
    /// The DTO of a suggestion.
    pub fn of(s: &Suggestion) -> Self {
        let (kind, url) = match &s.target {
            SuggestionTarget::Item { kind, url, .. } => {
                (Some(Kind::code(*kind)), Some(url.clone()))
            }
            SuggestionTarget::Query => (None, None),
        };
        Self {
            text: s.text.clone(),
            kind,
            url,
        }
    }
}
