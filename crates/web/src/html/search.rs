//! `/zoeken`: the search page. A GET form (works without JavaScript), results
//! with highlighted titles and snippets, facets that combine with the words
//! and live in the URL, sorting, paging, and plain-Dutch notices for typos,
//! near matches, over-long queries and unknown filter values.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use watwerkt_search::results::MAX_RESULT_WINDOW;
use watwerkt_search::{Filters, Sort};

use super::layout::{Meta, Section};
use super::paging::{page_links, PageLink};
use super::parts::Link;
use super::search_facets::{self, ActiveFilter, FacetGroup};
use super::search_hits::HitVm;
use super::search_notices::{heading, notices, quoted, Notices};
use super::{render, PageResult};
use crate::query::shown;
use crate::query_pairs::QueryPairs;
use crate::search_params::{
    self, filter_pairs, page_href, sort_code, sort_label, PAGE_NAMES, SORTS, WORDS,
};
use crate::state::AppState;

/// A hidden form field.
pub(crate) struct Hidden {
    pub name: &'static str,
    pub value: String,
}

/// The search box, on this page and on the home page.
pub(crate) struct SearchForm {
    /// The words, as typed.
    pub query: String,
    /// Filters and sort order carried along.
    pub hidden: Vec<Hidden>,
}

impl SearchForm {
    /// An empty search box.
    pub fn empty() -> Self {
        Self {
            query: String::new(),
            hidden: Vec::new(),
        }
    }
}

/// An option of the sort select.
pub(crate) struct SortOption {
    pub value: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    meta: Meta,
    search_form: SearchForm,
    searched: bool,
    examples: Vec<Link>,
    notices: Notices,
    heading: String,
    page_status: String,
    hits: Vec<HitVm>,
    no_results: bool,
    beyond: Option<String>,
    first_href: String,
    facets: Vec<FacetGroup>,
    facet_hidden: Vec<Hidden>,
    active: Vec<ActiveFilter>,
    clear_href: Option<String>,
    sorts: Vec<SortOption>,
    sort_hidden: Vec<Hidden>,
    pages: Vec<PageLink>,
    prev_href: Option<String>,
    next_href: Option<String>,
}

/// Example searches on the empty page.
const EXAMPLES: [&str; 3] = [
    "eenzaamheid ouderen",
    "schuldhulp jongeren",
    "mantelzorger overbelast",
];

fn hidden(pairs: impl IntoIterator<Item = (&'static str, String)>) -> Vec<Hidden> {
    pairs
        .into_iter()
        .map(|(name, value)| Hidden { name, value })
        .collect()
}

fn sort_pair(sort: Sort) -> Option<(&'static str, String)> {
    (sort != Sort::Relevance).then(|| (PAGE_NAMES.sort, sort_code(sort).to_owned()))
}

pub(crate) async fn show(
    State(state): State<AppState>,
    QueryPairs(pairs): QueryPairs,
) -> PageResult {
    let p = search_params::parse(&pairs, PAGE_NAMES)?;
    let typed = watwerkt_search::query::parse(&p.query).input;
    let known = p.known_filters();
    let with_words = p.has_words();
    let searched = with_words || !filter_pairs(&p.filters).is_empty();
    let mut search_form = SearchForm {
        query: typed.clone(),
        hidden: hidden(filter_pairs(&known).into_iter().chain(sort_pair(p.sort))),
    };
    let no_words = (!typed.is_empty() && !with_words).then(|| {
        format!(
            "Uw zoekopdracht {} bevat geen letters of cijfers. Typ een of meer woorden.",
            quoted(&typed)
        )
    });
    let mut meta = Meta::new("Zoeken", Section::Search).with_suggestions();
    if !searched {
        meta = meta.canonical(state.absolute("/zoeken")).here("Zoeken");
        search_form.hidden.clear();
        let page = empty_page(meta, search_form, no_words);
        return render(StatusCode::OK, &page);
    }

    let results = state.app.search(&p.request()).await?;
    let hits: Vec<HitVm> = results.hits.iter().map(HitVm::of).collect();
    let example = hits.iter().any(|h| h.example_data);
    let current = p.page;
    let window_pages = MAX_RESULT_WINDOW.div_ceil(results.per_page.max(1));
    let last = u32::try_from(results.pages.min(window_pages)).unwrap_or(u32::MAX);
    let href = |n: u32| page_href(&typed, &known, p.sort, n);
    let beyond = (hits.is_empty() && results.total > 0).then(|| {
        if current > last && results.pages <= window_pages {
            format!(
                "Pagina {current} bestaat niet: er zijn {} resultaten, verdeeld over {last} {}.",
                results.total,
                if last == 1 { "pagina" } else { "pagina's" }
            )
        } else {
            format!(
                "We tonen alleen de eerste {MAX_RESULT_WINDOW} resultaten. Maak uw zoekopdracht \
                 specifieker of kies filters."
            )
        }
    });
    let title = match (with_words, current > 1) {
        (true, false) => format!("Zoeken naar {}", quoted(&shown(&typed))),
        (true, true) => format!("Zoeken naar {}, pagina {current}", quoted(&shown(&typed))),
        (false, false) => "Zoeken".to_owned(),
        (false, true) => format!("Zoeken, pagina {current}"),
    };
    meta.title = title;
    let mut notices = notices(&p, &typed, &known, &results);
    notices.no_words = no_words;
    let facet_hidden = hidden(
        (!typed.is_empty())
            .then(|| (WORDS, typed.clone()))
            .into_iter()
            .chain(sort_pair(p.sort)),
    );
    let sort_hidden = hidden(
        (!typed.is_empty())
            .then(|| (WORDS, typed.clone()))
            .into_iter()
            .chain(filter_pairs(&known)),
    );
    let active = search_facets::active(&typed, &known, p.sort);
    let page = SearchPage {
        meta: meta
            .canonical(state.absolute(&href(current)))
            .crumb("Zoeken", "/zoeken")
            .here("Resultaten")
            .example(
                example,
                "deze zoekresultaten bevatten fictieve inhoud die alleen als voorbeeld dient.",
            ),
        search_form,
        searched: true,
        examples: Vec::new(),
        heading: heading(&results, with_words),
        page_status: if last > 1 && current <= last {
            format!("Pagina {current} van {last}.")
        } else {
            String::new()
        },
        no_results: results.total == 0,
        first_href: href(1),
        prev_href: (current > 1 && current <= last).then(|| href(current - 1)),
        next_href: (current < last).then(|| href(current + 1)),
        pages: if last > 1 && current <= last {
            page_links(current, last, href)
        } else {
            Vec::new()
        },
        facets: search_facets::groups(&results.facets),
        facet_hidden,
        clear_href: (!active.is_empty()).then(|| page_href(&typed, &Filters::default(), p.sort, 1)),
        active,
        sorts: SORTS
            .iter()
            .map(|&s| SortOption {
                value: sort_code(s),
                label: sort_label(s),
                selected: s == p.sort,
            })
            .collect(),
        sort_hidden,
        beyond,
        hits,
        notices,
    };
    render(StatusCode::OK, &page)
}

/// The page before any search: the form, a short help text and examples.
fn empty_page(meta: Meta, search_form: SearchForm, no_words: Option<String>) -> SearchPage {
    SearchPage {
        meta,
        search_form,
        searched: false,
        examples: EXAMPLES
            .iter()
            .map(|q| Link {
                label: (*q).to_owned(),
                href: page_href(q, &Filters::default(), Sort::Relevance, 1),
            })
            .collect(),
        notices: Notices {
            no_words,
            ..Notices::default()
        },
        heading: String::new(),
        page_status: String::new(),
        hits: Vec::new(),
        no_results: false,
        beyond: None,
        first_href: "/zoeken".to_owned(),
        facets: Vec::new(),
        facet_hidden: Vec::new(),
        active: Vec::new(),
        clear_href: None,
        sorts: Vec::new(),
        sort_hidden: Vec::new(),
        pages: Vec::new(),
        prev_href: None,
        next_href: None,
    }
}
