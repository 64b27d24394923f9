//! `/werkzame-elementen` (all elements with counts) and
//! `/werkzame-elementen/{slug}` (one element and the interventions sharing it).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;

use super::layout::{Meta, Section};
use super::parts::{CardVm, Link};
use super::{render, PageResult};
use crate::format::count;
use crate::markdown;
use crate::state::AppState;

/// A row of the element table.
pub(crate) struct ElementRow {
    pub link: Link,
    pub count: u64,
    pub example_data: bool,
}

#[derive(Template)]
#[template(path = "active_elements.html")]
struct ElementsPage {
    meta: Meta,
    rows: Vec<ElementRow>,
}

#[derive(Template)]
#[template(path = "active_element.html")]
struct ElementPage {
    meta: Meta,
    name: String,
    description_html: String,
    count: String,
    cards: Vec<CardVm>,
    /// Wat Werkt-dossiers that name this element.
    dossiers: Vec<super::dossier_vm::DossierCardVm>,
}

pub(crate) async fn list(State(state): State<AppState>) -> PageResult {
    let rows: Vec<ElementRow> = state
        .app
        .active_elements()
        .await?
        .into_iter()
        .map(|(e, count)| ElementRow {
            link: Link {
                label: e.name,
                href: format!("/werkzame-elementen/{}", e.slug),
            },
            count,
            example_data: e.example_data,
        })
        .collect();
    let page = ElementsPage {
        meta: Meta::new("Werkzame elementen", Section::ActiveElements)
            .canonical(state.absolute("/werkzame-elementen"))
            .here("Werkzame elementen")
            .example(
                rows.iter().any(|r| r.example_data),
                "deze lijst bevat fictieve werkzame elementen die alleen als voorbeeld dienen.",
            ),
        rows,
    };
    render(StatusCode::OK, &page)
}

pub(crate) async fn show(State(state): State<AppState>, Path(slug): Path<String>) -> PageResult {
    let view = state.app.active_element(&slug).await?;
    let dossiers = state
        .app
        .dossiers_with_element(&view.element.slug)
        .await?
        .iter()
        .map(super::dossier_vm::DossierCardVm::of)
        .collect();
    let cards = CardVm::all(&view.interventions);
    let e = &view.element;
    let example = e.example_data || CardVm::any_example(&cards);
    let page = ElementPage {
        meta: Meta::new(e.name.clone(), Section::ActiveElements)
            .canonical(state.absolute(&format!("/werkzame-elementen/{}", e.slug)))
            .crumb("Werkzame elementen", "/werkzame-elementen")
            .here(e.name.clone())
            .example(
                example,
                "dit werkzame element en de interventies hieronder zijn fictief en dienen alleen als voorbeeld.",
            ),
        name: e.name.clone(),
        description_html: markdown::to_html(&e.description, 1),
        count: count(
            u64::try_from(cards.len()).unwrap_or(u64::MAX),
            "interventie deelt",
            "interventies delen",
        ),
        cards,
        dossiers,
    };
    render(StatusCode::OK, &page)
}
