//! A search hit as the `/zoeken` page shows it. The index knows title,
//! snippet, kind and codes; the rating badge (with its validity) and the
//! example-data flag come from the store, as on every other page.

use watwerkt_app::App;
use watwerkt_domain::{Coded, Theme};
use watwerkt_search::{Hit, Kind};

use super::parts::{Link, RatingVm};

/// One result.
pub(crate) struct HitVm {
    /// Address of the item.
    pub href: String,
    /// Title as plain text (used when there is no highlighted title).
    pub title: String,
    /// Title, HTML-escaped by the search crate, query words in `<mark>`.
    pub title_html: String,
    /// A passage, HTML-escaped by the search crate, query words in `<mark>`.
    pub snippet_html: String,
    /// `interventie` or `publicatie`.
    pub kind_code: &'static str,
    /// `Interventie` or `Publicatie`.
    pub kind_label: &'static str,
    /// Further description: the publication type and year.
    pub detail: Option<String>,
    /// Whether to show a rating badge (interventions only).
    pub rated_kind: bool,
    /// The current rating.
    pub rating: Option<RatingVm>,
    /// Themes.
    pub themes: Vec<Link>,
    /// Fictional example content.
    pub example_data: bool,
}

impl HitVm {
    /// The view of a hit, completed from the store. A hit the store no longer
    /// has (an index behind the database) is shown from the index alone.
    pub async fn of(app: &App, hit: &Hit) -> Self {
        let mut vm = Self {
            href: hit.url.clone(),
            title: hit.title.clone(),
            title_html: hit.title_html.clone(),
            snippet_html: hit.snippet_html.clone(),
            kind_code: hit.kind.code(),
            kind_label: hit.kind.label(),
            detail: None,
            rated_kind: hit.kind == Kind::Intervention,
            rating: None,
            themes: hit
                .themes
                .iter()
                .filter_map(|c| Theme::from_code(c))
                .map(Link::theme)
                .collect(),
            example_data: false,
        };
        match hit.kind {
            Kind::Intervention => match app.intervention(&hit.id).await {
                Ok(view) => {
                    vm.rating = view.rating.as_ref().map(RatingVm::of);
                    vm.example_data = view.intervention.example_data;
                }
                Err(e) => tracing::warn!(id = %hit.id, error = %e, "search hit not in the store"),
            },
            Kind::Publication => match app.publication(&hit.id).await {
                Ok(p) => {
                    vm.detail = Some(match p.year {
                        Some(year) => format!("{}, {year}", p.kind.label()),
                        None => p.kind.label().to_owned(),
                    });
                    vm.example_data = p.example_data;
                }
                Err(e) => tracing::warn!(id = %hit.id, error = %e, "search hit not in the store"),
            },
        }
        vm
    }
}
