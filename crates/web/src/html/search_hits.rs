//! A search hit as the `/zoeken` page shows it, from the index alone (no
//! store lookup per hit): title, snippet, kind, codes, the rating badge with
//! its validity, and the example-data flag.

use watwerkt_app::RatingView;
use watwerkt_domain::{Coded, Rating, Theme};
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
    /// The view of a hit, from the index alone: the index document carries the
    /// rating with its last valid day (judged on the search's day), the
    /// example-data flag and the description under the title.
    pub fn of(hit: &Hit) -> Self {
        let rating = hit
            .rating
            .as_deref()
            .and_then(Rating::from_code)
            .map(|level| {
                let decided_on = hit.date.unwrap_or_default();
                RatingVm::of(&RatingView {
                    level,
                    decided_on,
                    valid_until: hit.rating_valid_until.unwrap_or(decided_on),
                    expired: hit.rating_expired,
                })
            });
        Self {
            href: hit.url.clone(),
            title: hit.title.clone(),
            title_html: hit.title_html.clone(),
            snippet_html: hit.snippet_html.clone(),
            kind_code: hit.kind.code(),
            kind_label: hit.kind.label(),
            detail: hit.detail.clone(),
            rated_kind: hit.kind == Kind::Intervention,
            rating,
            themes: hit
                .themes
                .iter()
                .filter_map(|c| Theme::from_code(c))
                .map(Link::theme)
                .collect(),
            example_data: hit.example_data,
        }
    }
}
