//! `/themas` (the 29 themes with counts) and `/themas/{code}` (a theme with
//! its interventions).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use watwerkt_domain::Coded;
use watwerkt_store::{InterventionFilter, PageRequest};

use super::layout::{Meta, Section};
use super::parts::{CardVm, Link};
use super::{render, PageResult};
use crate::format::count;
use crate::query;
use crate::state::AppState;

/// A row of the theme table.
pub(crate) struct ThemeRow {
    pub link: Link,
    pub count: u64,
}

#[derive(Template)]
#[template(path = "themes.html")]
struct ThemesPage {
    meta: Meta,
    rows: Vec<ThemeRow>,
}

#[derive(Template)]
#[template(path = "theme.html")]
struct ThemePage {
    meta: Meta,
    label: String,
    count: String,
    list_href: String,
    cards: Vec<CardVm>,
}

pub(crate) async fn list(State(state): State<AppState>) -> PageResult {
    let rows: Vec<ThemeRow> = state
        .app
        .themes()
        .await?
        .into_iter()
        .map(|(theme, count)| ThemeRow {
            link: Link::theme(theme),
            count,
        })
        .collect();
    // The counts are of whatever is published; say so when that is example content.
    let first = state
        .app
        .list_interventions(
            &InterventionFilter::default(),
            PageRequest::new(1, PageRequest::MAX_PER_PAGE),
        )
        .await?;
    let example = first.items.iter().any(|c| c.summary.example_data);
    let page = ThemesPage {
        meta: Meta::new("Thema's", Section::Themes)
            .canonical(state.absolute("/themas"))
            .here("Thema's")
            .example(
                example,
                "de aantallen tellen fictieve interventies mee die alleen als voorbeeld dienen.",
            ),
        rows,
    };
    render(StatusCode::OK, &page)
}

pub(crate) async fn show(State(state): State<AppState>, Path(code): Path<String>) -> PageResult {
    let view = state.app.theme(&code).await?;
    let cards = CardVm::all(&view.interventions);
    let filter = InterventionFilter {
        themes: vec![view.theme],
        ..InterventionFilter::default()
    };
    let label = view.theme.label().to_owned();
    let page = ThemePage {
        meta: Meta::new(label.clone(), Section::Themes)
            .canonical(state.absolute(&format!("/themas/{}", view.theme.code())))
            .crumb("Thema's", "/themas")
            .here(label.clone())
            .example(
                CardVm::any_example(&cards),
                "dit thema bevat fictieve interventies die alleen als voorbeeld dienen.",
            ),
        count: count(
            u64::try_from(cards.len()).unwrap_or(u64::MAX),
            "gepubliceerde interventie",
            "gepubliceerde interventies",
        ),
        list_href: format!("/interventies?{}", query::to_query_string(&filter, None)),
        label,
        cards,
    };
    render(StatusCode::OK, &page)
}
