//! `/themas` (the 29 themes with counts) and `/themas/{code}`: the
//! themadossier, with its introduction, figures (SVG chart and a table with
//! the same numbers), dossiers, interventions and publications.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use watwerkt_domain::Coded;
use watwerkt_store::{InterventionFilter, PageRequest};

use super::chart::{dutch_number, figure_chart};
use super::dossier_vm::DossierCardVm;
use super::layout::{Meta, Section};
use super::parts::{CardVm, Link};
use super::publications::PublicationRow;
use super::{render, PageResult};
use crate::format::count;
use crate::markdown;
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

/// One value of a figure, as shown in its table.
struct PointVm {
    year: i32,
    value: String,
}

/// A figure: chart and table with the same numbers.
struct FigureVm {
    id: String,
    label: String,
    unit: String,
    source: String,
    chart_svg: String,
    points: Vec<PointVm>,
}

#[derive(Template)]
#[template(path = "theme.html")]
struct ThemePage {
    meta: Meta,
    label: String,
    code: &'static str,
    intro_html: String,
    figures: Vec<FigureVm>,
    dossiers: Vec<DossierCardVm>,
    count: String,
    list_href: String,
    cards: Vec<CardVm>,
    publications: Vec<PublicationRow>,
    publication_total: u64,
    editor: bool,
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

pub(crate) async fn show(
    State(state): State<AppState>,
    user: crate::auth::MaybeUser,
    Path(code): Path<String>,
) -> PageResult {
    let view = state.app.theme_dossier(&code).await?;
    let cards = CardVm::all(&view.interventions);
    let filter = InterventionFilter {
        themes: vec![view.theme],
        ..InterventionFilter::default()
    };
    let label = view.theme.label().to_owned();
    let figures: Vec<FigureVm> = view
        .page
        .as_ref()
        .map(|p| {
            p.figures
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let id = format!("cijfer-{}", i + 1);
                    let mut points: Vec<PointVm> = f
                        .points
                        .iter()
                        .filter_map(|p| {
                            p.year.map(|year| PointVm {
                                year,
                                value: dutch_number(p.value),
                            })
                        })
                        .collect();
                    points.sort_by_key(|p| p.year);
                    FigureVm {
                        chart_svg: figure_chart(&id, f),
                        id,
                        label: f.label.clone(),
                        unit: f.unit.clone(),
                        source: f.source.clone().unwrap_or_default(),
                        points,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let dossiers: Vec<DossierCardVm> = view.dossiers.iter().map(DossierCardVm::of).collect();
    let example = CardVm::any_example(&cards)
        || view.page.as_ref().is_some_and(|p| p.example_data)
        || dossiers.iter().any(|d| d.example_data);
    let page = ThemePage {
        meta: Meta::new(label.clone(), Section::Themes)
            .canonical(state.absolute(&format!("/themas/{}", view.theme.code())))
            .crumb("Thema's", "/themas")
            .here(label.clone())
            .example(
                example,
                "dit themadossier bevat fictieve inhoud die alleen als voorbeeld dient.",
            ),
        code: view.theme.code(),
        intro_html: view
            .page
            .as_ref()
            .map(|p| markdown::to_html(&p.intro, 2))
            .unwrap_or_default(),
        figures,
        dossiers,
        count: count(
            u64::try_from(cards.len()).unwrap_or(u64::MAX),
            "gepubliceerde interventie",
            "gepubliceerde interventies",
        ),
        list_href: format!("/interventies?{}", query::to_query_string(&filter, None)),
        label,
        cards,
        publications: view.publications.iter().map(PublicationRow::of).collect(),
        publication_total: view.publication_total,
        editor: super::dossier_vm::is_editor(&user),
    };
    render(StatusCode::OK, &page)
}
