//! `/interventies`: the list with filters (GET form, repeatable URL
//! parameters), active filters, result count and paging that keeps the filters.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use watwerkt_domain::{AgeBand, Coded, Group, Rating, Theme};
use watwerkt_store::{InterventionFilter, Page};

use super::layout::{Meta, Section};
use super::paging::{page_links, PageLink};
use super::parts::CardVm;
use super::{render, PageResult};
use crate::format::count;
use crate::query::{self, PagingNames, AGE, GROUP, LEVEL, THEME};
use crate::query_pairs::QueryPairs;
use crate::state::AppState;

/// The page parameter of the list page.
const PAGE: &str = "pagina";

/// One checkbox of the filter form.
pub(crate) struct FilterOption {
    pub id: String,
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

/// One field of the filter form.
pub(crate) struct FilterGroup {
    pub name: &'static str,
    pub legend: &'static str,
    pub options: Vec<FilterOption>,
    pub selected: usize,
    pub open: bool,
}

/// An active filter value with the link that removes it.
pub(crate) struct ActiveFilter {
    pub field: &'static str,
    pub label: &'static str,
    pub remove_href: String,
}

#[derive(Template)]
#[template(path = "interventions.html")]
struct ListPage {
    meta: Meta,
    groups: Vec<FilterGroup>,
    active: Vec<ActiveFilter>,
    result_heading: String,
    page_status: String,
    cards: Vec<CardVm>,
    beyond_last: bool,
    first_href: String,
    prev_href: Option<String>,
    next_href: Option<String>,
    pages: Vec<PageLink>,
}

fn group<T: Coded + PartialEq>(
    name: &'static str,
    legend: &'static str,
    chosen: &[T],
    always_open: bool,
) -> FilterGroup {
    let options: Vec<FilterOption> = T::ALL
        .iter()
        .map(|&v| FilterOption {
            id: format!("{name}-{}", v.code().replace('+', "plus")),
            value: v.code(),
            label: v.label(),
            checked: chosen.contains(&v),
        })
        .collect();
    FilterGroup {
        name,
        legend,
        selected: chosen.len(),
        open: always_open || !chosen.is_empty(),
        options,
    }
}

fn href(filter: &InterventionFilter, page: u32) -> String {
    let qs = query::to_query_string(filter, (page > 1).then_some((PAGE, page)));
    if qs.is_empty() {
        "/interventies".to_owned()
    } else {
        format!("/interventies?{qs}")
    }
}

fn active_filters(filter: &InterventionFilter) -> Vec<ActiveFilter> {
    fn without<T: PartialEq + Copy>(list: &[T], v: T) -> Vec<T> {
        list.iter().copied().filter(|x| *x != v).collect()
    }
    let mut out = Vec::new();
    for &t in &filter.themes {
        let f = InterventionFilter {
            themes: without(&filter.themes, t),
            ..filter.clone()
        };
        out.push(active("Thema", t, &f));
    }
    for &g in &filter.groups {
        let f = InterventionFilter {
            groups: without(&filter.groups, g),
            ..filter.clone()
        };
        out.push(active("Doelgroep", g, &f));
    }
    for &a in &filter.age_bands {
        let f = InterventionFilter {
            age_bands: without(&filter.age_bands, a),
            ..filter.clone()
        };
        out.push(active("Leeftijd", a, &f));
    }
    for &r in &filter.ratings {
        let f = InterventionFilter {
            ratings: without(&filter.ratings, r),
            ..filter.clone()
        };
        out.push(active("Erkenningsniveau", r, &f));
    }
    out
}

fn active<T: Coded>(field: &'static str, value: T, rest: &InterventionFilter) -> ActiveFilter {
    ActiveFilter {
        field,
        label: value.label(),
        remove_href: href(rest, 1),
    }
}

pub(crate) async fn list(
    State(state): State<AppState>,
    QueryPairs(pairs): QueryPairs,
) -> PageResult {
    let names = PagingNames {
        page: PAGE,
        per_page: None,
    };
    let q = query::parse(&pairs, names)?;
    let page: Page<_> = state.app.list_interventions(&q.filter, q.page).await?;
    let filter = &q.filter;
    let current = page.request.page;
    let last = page.total_pages();
    let cards = CardVm::all(&page.items);
    let example = CardVm::any_example(&cards);
    let has_filters = !(filter.themes.is_empty()
        && filter.groups.is_empty()
        && filter.age_bands.is_empty()
        && filter.ratings.is_empty());
    let title = if current > 1 {
        format!("Interventies, pagina {current}")
    } else {
        "Interventies".to_owned()
    };
    let list = ListPage {
        meta: Meta::new(title, Section::Interventions)
            .canonical(state.absolute(&href(filter, current)))
            .here("Interventies")
            .example(
                example,
                "deze lijst bevat fictieve interventies die alleen als voorbeeld dienen.",
            ),
        groups: vec![
            group::<Theme>(THEME, "Thema", &filter.themes, false),
            group::<Group>(GROUP, "Doelgroep", &filter.groups, false),
            group::<AgeBand>(AGE, "Leeftijd", &filter.age_bands, true),
            group::<Rating>(LEVEL, "Erkenningsniveau", &filter.ratings, true),
        ],
        active: active_filters(filter),
        result_heading: format!(
            "{} gevonden",
            count(page.total, "interventie", "interventies")
        ),
        page_status: if last > 1 {
            format!("Pagina {current} van {last}.")
        } else if has_filters {
            String::new()
        } else {
            "U ziet alle gepubliceerde interventies.".to_owned()
        },
        beyond_last: page.items.is_empty() && current > last,
        first_href: href(filter, 1),
        prev_href: (current > 1 && current <= last).then(|| href(filter, current - 1)),
        next_href: (current < last).then(|| href(filter, current + 1)),
        pages: if last > 1 {
            page_links(current, last, |n| href(filter, n))
        } else {
            Vec::new()
        },
        cards,
    };
    render(StatusCode::OK, &list)
}
