//! The search query shared by `/zoeken` and `/api/v1/search`: the words (`q`),
//! facet filters as repeatable parameters (OR within a facet, AND across),
//! the sort order and paging; parsed from URL parameters and written back.
//!
//! Unknown facet values are *not* refused here: they go to the index, which
//! reports them as ignored, so a stale shared link still gives results.

use watwerkt_domain::{Coded, Group, Rating, Theme};
use watwerkt_search::{Dimension, Filters, Kind, SearchRequest, Sort};
use watwerkt_store::PageRequest;

use crate::error::WebError;
use crate::query::{encode, page_number, page_size, shown, GROUP, LEVEL, THEME};

/// Parameter name of the words.
pub(crate) const WORDS: &str = "q";
/// Parameter name of the type (kind) facet.
pub(crate) const KIND: &str = "type";

/// Names of the sort and paging parameters: the page uses Dutch, the API English.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SearchNames {
    /// Sort parameter.
    pub sort: &'static str,
    /// Page-number parameter.
    pub page: &'static str,
    /// Page-size parameter, if the caller may choose it.
    pub per_page: Option<&'static str>,
    /// Whether the caller may leave out facet counts ([`FACETS`]) and
    /// snippets ([`SNIPPETS`]).
    pub lean: bool,
}

/// Parameter (API) to leave out the facet counts: `facetten=nee`.
pub(crate) const FACETS: &str = "facetten";
/// Parameter (API) to leave out the highlighted snippets: `fragmenten=nee`.
pub(crate) const SNIPPETS: &str = "fragmenten";

/// The names on `/zoeken`.
pub(crate) const PAGE_NAMES: SearchNames = SearchNames {
    sort: "sorteer",
    page: "pagina",
    per_page: None,
    lean: false,
};

/// The names on `/api/v1/search`.
pub(crate) const API_NAMES: SearchNames = SearchNames {
    sort: "sort",
    page: "page",
    per_page: Some("per_page"),
    lean: true,
};

/// Every sort order, in the order the page offers them.
pub(crate) const SORTS: [Sort; 3] = [Sort::Relevance, Sort::Rating, Sort::Date];

/// The URL value of a sort order.
pub(crate) fn sort_code(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "relevantie",
        Sort::Rating => "niveau",
        Sort::Date => "datum",
    }
}

/// The Dutch label of a sort order.
pub(crate) fn sort_label(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "Relevantie",
        Sort::Rating => "Erkenningsniveau (hoogste eerst)",
        Sort::Date => "Datum (nieuwste eerst)",
    }
}

/// A sort order by URL value; the index's own codes are accepted too.
fn sort_from(value: &str) -> Option<Sort> {
    SORTS
        .into_iter()
        .find(|s| sort_code(*s) == value)
        .or_else(|| Sort::from_code(value))
}

/// The URL parameter of a facet dimension (the same names as the list filters).
pub(crate) fn dimension_param(d: Dimension) -> &'static str {
    match d {
        Dimension::Kind => KIND,
        Dimension::Theme => THEME,
        Dimension::Group => GROUP,
        Dimension::Rating => LEVEL,
        Dimension::Knowledge => "kennisbron",
    }
}

/// The Dutch name of a facet dimension.
pub(crate) fn dimension_label(d: Dimension) -> &'static str {
    match d {
        Dimension::Kind => "Type",
        Dimension::Theme => "Thema",
        Dimension::Group => "Doelgroep",
        Dimension::Rating => "Erkenningsniveau",
        Dimension::Knowledge => "Kennisbron",
    }
}

/// The Dutch label of a facet value, `None` when the code is unknown.
pub(crate) fn value_label(d: Dimension, value: &str) -> Option<&'static str> {
    match d {
        Dimension::Kind => Kind::from_code(value).map(Kind::label),
        Dimension::Theme => Theme::from_code(value).map(Coded::label),
        Dimension::Group => Group::from_code(value).map(Coded::label),
        Dimension::Rating => Rating::from_code(value).map(Coded::label),
        Dimension::Knowledge => {
            watwerkt_domain::dossier::KnowledgeKind::from_code(value).map(Coded::label)
        }
    }
}

/// A parsed search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SearchParams {
    /// The words as typed (may be empty).
    pub query: String,
    /// Facet values as given, unknown ones included.
    pub filters: Filters,
    /// Order.
    pub sort: Sort,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
    /// Count the facets.
    pub facets: bool,
    /// Make highlighted snippets.
    pub snippets: bool,
}

impl SearchParams {
    /// The request for the index.
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            query: self.query.clone(),
            filters: self.filters.clone(),
            sort: self.sort,
            page: usize::try_from(self.page).unwrap_or(usize::MAX),
            per_page: usize::try_from(self.per_page).unwrap_or(20),
            facets: self.facets,
            snippets: self.snippets,
            // The application judges rating validity on its own day.
            today: None,
        }
    }

    /// The known facet values only: what links and forms carry on.
    pub fn known_filters(&self) -> Filters {
        self.filters.validated().0
    }

    /// Whether there are no words to search for.
    pub fn has_words(&self) -> bool {
        self.query.chars().any(char::is_alphanumeric)
    }
}

/// Parses the query pairs. Unknown parameter names are ignored, empty values
/// are skipped; a bad sort order, page or page size is refused in Dutch.
pub(crate) fn parse(
    pairs: &[(String, String)],
    names: SearchNames,
) -> Result<SearchParams, WebError> {
    let mut params = SearchParams {
        query: String::new(),
        filters: Filters::default(),
        sort: Sort::Relevance,
        page: 1,
        per_page: PageRequest::DEFAULT_PER_PAGE,
        facets: true,
        snippets: true,
    };
    let mut words_seen = false;
    for (key, raw) in pairs {
        let value = raw.trim();
        let key = key.as_str();
        if key == WORDS {
            // The first `q` counts; a form never sends two.
            if !words_seen {
                params.query = value.to_owned();
                words_seen = true;
            }
            continue;
        }
        if let Some(d) = Dimension::ALL
            .into_iter()
            .find(|d| dimension_param(*d) == key)
        {
            if !value.is_empty() {
                let list = values_mut(&mut params.filters, d);
                if !list.iter().any(|v| v == value) {
                    list.push(value.to_owned());
                }
            }
        } else if key == names.sort {
            if !value.is_empty() {
                params.sort = sort_from(value).ok_or_else(|| unknown_sort(value))?;
            }
        } else if key == names.page {
            params.page = page_number(value)?;
        } else if Some(key) == names.per_page {
            params.per_page = page_size(value)?;
        } else if names.lean && key == FACETS {
            params.facets = yes_no(key, value)?;
        } else if names.lean && key == SNIPPETS {
            params.snippets = yes_no(key, value)?;
        }
    }
    Ok(params)
}

/// `ja` or `nee` (empty: `ja`).
fn yes_no(key: &str, value: &str) -> Result<bool, WebError> {
    match value {
        "" | "ja" => Ok(true),
        "nee" => Ok(false),
        other => Err(WebError::Invalid(format!(
            "Ongeldige waarde '{}' voor {key}: gebruik ja of nee.",
            shown(other)
        ))),
    }
}

fn unknown_sort(value: &str) -> WebError {
    let known: Vec<&str> = SORTS.iter().map(|s| sort_code(*s)).collect();
    WebError::Invalid(format!(
        "Onbekende sortering '{}'. Kies uit: {}.",
        shown(value),
        known.join(", ")
    ))
}

fn values_mut(filters: &mut Filters, d: Dimension) -> &mut Vec<String> {
    match d {
        Dimension::Kind => &mut filters.kinds,
        Dimension::Theme => &mut filters.themes,
        Dimension::Group => &mut filters.groups,
        Dimension::Rating => &mut filters.ratings,
        Dimension::Knowledge => &mut filters.knowledge,
    }
}

/// The facet values of `filters` as `(parameter, value)` pairs, in URL order.
pub(crate) fn filter_pairs(filters: &Filters) -> Vec<(&'static str, String)> {
    Dimension::ALL
        .into_iter()
        .flat_map(|d| {
            filters
                .values(d)
                .iter()
                .map(move |v| (dimension_param(d), v.clone()))
        })
        .collect()
}

/// `filters` without one value.
pub(crate) fn without(filters: &Filters, d: Dimension, value: &str) -> Filters {
    let mut out = filters.clone();
    values_mut(&mut out, d).retain(|v| v != value);
    out
}

/// The query string (without `?`) of a search: `q`, the filters, the sort
/// order unless it is relevance, and the page when it is not the first.
pub(crate) fn query_string(
    query: &str,
    filters: &Filters,
    sort: Sort,
    page: u32,
    names: SearchNames,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !query.is_empty() {
        parts.push(format!("{WORDS}={}", encode(query)));
    }
    for (key, value) in filter_pairs(filters) {
        parts.push(format!("{key}={}", encode(&value)));
    }
    if sort != Sort::Relevance {
        parts.push(format!("{}={}", names.sort, sort_code(sort)));
    }
    if page > 1 {
        parts.push(format!("{}={page}", names.page));
    }
    parts.join("&")
}

/// The `/zoeken` address of a search.
pub(crate) fn page_href(query: &str, filters: &Filters, sort: Sort, page: u32) -> String {
    let qs = query_string(query, filters, sort, page, PAGE_NAMES);
    if qs.is_empty() {
        "/zoeken".to_owned()
    } else {
        format!("/zoeken?{qs}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn parameters_become_a_request() {
        let p = parse(
            &pairs(&[
                ("q", "  eenzaamheid ouderen "),
                ("thema", "eenzaamheid"),
                ("thema", "eenzaamheid"),
                ("thema", "astrologie"),
                ("type", ""),
                ("niveau", "goed-beschreven"),
                ("sorteer", "niveau"),
                ("pagina", "2"),
                ("utm_source", "x"),
            ]),
            PAGE_NAMES,
        )
        .unwrap();
        assert_eq!(p.query, "eenzaamheid ouderen");
        assert_eq!(p.filters.themes, ["eenzaamheid", "astrologie"]);
        assert!(p.filters.kinds.is_empty());
        assert_eq!(p.known_filters().themes, ["eenzaamheid"]);
        assert_eq!(p.sort, Sort::Rating);
        assert_eq!(p.page, 2);
        let r = p.request();
        assert_eq!(r.filters.ratings, ["goed-beschreven"]);
        assert_eq!((r.page, r.per_page), (2, 20));
    }

    #[test]
    fn sort_values_of_both_spellings_are_understood() {
        for (value, sort) in [
            ("relevantie", Sort::Relevance),
            ("niveau", Sort::Rating),
            ("erkenningsniveau", Sort::Rating),
            ("datum", Sort::Date),
            ("", Sort::Relevance),
        ] {
            let p = parse(&pairs(&[("sort", value)]), API_NAMES).unwrap();
            assert_eq!(p.sort, sort, "{value}");
        }
        let e = parse(&pairs(&[("sorteer", "alfabet")]), PAGE_NAMES).unwrap_err();
        assert_eq!(e.code(), "invalid_request");
        assert!(e.message().contains("relevantie"), "{}", e.message());
    }

    #[test]
    fn bad_pages_are_refused() {
        for bad in ["0", "twee", "-3", "1e3"] {
            let e = parse(&pairs(&[("pagina", bad)]), PAGE_NAMES).unwrap_err();
            assert_eq!(e.code(), "invalid_page", "{bad}");
        }
        let e = parse(&pairs(&[("per_page", "500")]), API_NAMES).unwrap_err();
        assert_eq!(e.code(), "invalid_page");
    }

    #[test]
    fn query_strings_round_trip() {
        let p = parse(
            &pairs(&[
                ("q", "jeugd & gezin"),
                ("doelgroep", "ouders"),
                ("type", "interventie"),
                ("sorteer", "datum"),
                ("pagina", "3"),
            ]),
            PAGE_NAMES,
        )
        .unwrap();
        let href = page_href(&p.query, &p.filters, p.sort, p.page);
        assert_eq!(
            href,
            "/zoeken?q=jeugd%20%26%20gezin&type=interventie&doelgroep=ouders&sorteer=datum&pagina=3"
        );
        assert_eq!(
            page_href("", &Filters::default(), Sort::Relevance, 1),
            "/zoeken"
        );
    }
}
