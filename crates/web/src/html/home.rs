//! `/`: what this is, and the ways in: the list, themes, rating levels and
//! werkzame elementen.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use watwerkt_domain::{Coded, Rating};
use watwerkt_store::{InterventionFilter, PageRequest};

use super::layout::{Meta, Section};
use super::parts::Link;
use super::search::SearchForm;
use super::{render, PageResult};
use crate::format::count;
use crate::state::AppState;

/// A theme with its count.
pub(crate) struct ThemeEntry {
    pub link: Link,
    pub count: String,
}

/// A rating level explained.
pub(crate) struct LevelEntry {
    pub code: &'static str,
    pub numeral: &'static str,
    pub label: &'static str,
    pub explanation: &'static str,
}

/// A werkzaam element with its count.
pub(crate) struct ElementEntry {
    pub link: Link,
    pub count: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    meta: Meta,
    total: String,
    themes: Vec<ThemeEntry>,
    levels: Vec<LevelEntry>,
    validity: String,
    elements: Vec<ElementEntry>,
    search_form: SearchForm,
}

/// What a level means, in plain Dutch.
pub(crate) fn explanation(level: Rating) -> &'static str {
    match level {
        Rating::WellDescribed => {
            "De interventie is helder en volledig beschreven en wordt in de praktijk \
             uitgevoerd. Praktijkbeoordelaars hebben de beschrijving beoordeeld."
        }
        Rating::WellFounded => {
            "Een erkenningscommissie vindt de aanpak goed beschreven en theoretisch goed \
             onderbouwd: het is aannemelijk dat de interventie werkt."
        }
        Rating::EffectiveFirst => {
            "Onderzoek geeft eerste aanwijzingen dat de interventie effectief is, \
             bijvoorbeeld een voor- en nameting zonder controlegroep."
        }
        Rating::EffectiveGood => {
            "Onderzoek met een controlegroep geeft goede aanwijzingen dat de interventie \
             effectief is."
        }
        Rating::EffectiveStrong => {
            "Meerdere goed opgezette onderzoeken met een controlegroep, ook op langere \
             termijn, geven sterke aanwijzingen dat de interventie effectief is."
        }
    }
}

pub(crate) async fn show(State(state): State<AppState>) -> PageResult {
    let app = &state.app;
    let first = app
        .list_interventions(
            &InterventionFilter::default(),
            PageRequest::new(1, PageRequest::MAX_PER_PAGE),
        )
        .await?;
    let themes = app
        .themes()
        .await?
        .into_iter()
        .map(|(theme, n)| ThemeEntry {
            link: Link::theme(theme),
            count: count(n, "interventie", "interventies"),
        })
        .collect();
    let elements_raw = app.active_elements().await?;
    let example = elements_raw.iter().any(|(e, _)| e.example_data)
        || first.items.iter().any(|c| c.summary.example_data);
    let elements = elements_raw
        .into_iter()
        .map(|(e, n)| ElementEntry {
            link: Link {
                label: e.name,
                href: format!("/werkzame-elementen/{}", e.slug),
            },
            count: count(n, "interventie", "interventies"),
        })
        .collect();
    let levels = Rating::ALL
        .iter()
        .map(|&level| LevelEntry {
            code: level.code(),
            numeral: level.numeral(),
            label: level.label(),
            explanation: explanation(level),
        })
        .collect();
    let policy = app.config().validity;
    let validity = format!(
        "Een oordeel is niet onbeperkt geldig: ‘Goed beschreven’ geldt {} jaar, de hogere niveaus {} jaar. \
         Daarna moet de interventie opnieuw worden beoordeeld.",
        policy.well_described_years, policy.higher_years
    );
    let page = HomePage {
        meta: Meta::new("Wat werkt in het sociaal domein", Section::Home)
            .canonical(state.absolute("/"))
            .with_suggestions()
            .example(
                example,
                "deze site bevat fictieve interventies en werkzame elementen die alleen als voorbeeld dienen.",
            ),
        total: count(first.total, "gepubliceerde interventie", "gepubliceerde interventies"),
        themes,
        levels,
        validity,
        elements,
        search_form: SearchForm::empty(),
    };
    render(StatusCode::OK, &page)
}
