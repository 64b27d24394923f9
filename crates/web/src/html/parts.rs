//! View models shared by several pages: intervention cards and rating badges.

use watwerkt_app::{InterventionCard, RatingView};
use watwerkt_domain::{Coded, Theme};

use crate::format::dutch_date;
use crate::markdown;

/// A link with its text.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// Text.
    pub label: String,
    /// Address.
    pub href: String,
}

impl Link {
    /// The link to a theme page.
    pub fn theme(theme: Theme) -> Self {
        Self {
            label: theme.label().to_owned(),
            href: format!("/themas/{}", theme.code()),
        }
    }
}

/// Only http(s) addresses become links.
pub(crate) fn web_link(url: &str) -> Option<Link> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| Link {
        label: url.trim().to_owned(),
        href: url.trim().to_owned(),
    })
}

/// A rating as a badge: level, numeral and validity.
#[derive(Debug, Clone)]
pub(crate) struct RatingVm {
    /// Level code, e.g. `goed-beschreven`.
    pub code: &'static str,
    /// Level label, e.g. `Goed beschreven`.
    pub label: &'static str,
    /// Level numeral: 0, I, II, III or IV.
    pub numeral: &'static str,
    /// Decision date in Dutch.
    pub decided_on: String,
    /// Decision date, ISO.
    pub decided_on_iso: String,
    /// Last valid day in Dutch.
    pub valid_until: String,
    /// Last valid day, ISO.
    pub valid_until_iso: String,
    /// Whether the validity has ended.
    pub expired: bool,
}

impl RatingVm {
    /// The badge of a rating view.
    pub fn of(r: &RatingView) -> Self {
        Self {
            code: r.level.code(),
            label: r.level.label(),
            numeral: r.level.numeral(),
            decided_on: dutch_date(r.decided_on),
            decided_on_iso: r.decided_on.to_string(),
            valid_until: dutch_date(r.valid_until),
            valid_until_iso: r.valid_until.to_string(),
            expired: r.expired,
        }
    }
}

/// An intervention in a list.
#[derive(Debug, Clone)]
pub(crate) struct CardVm {
    /// Address of its page.
    pub href: String,
    /// Title.
    pub title: String,
    /// The start of the samenvatting as plain text.
    pub excerpt: String,
    /// Owner organisation.
    pub owner: String,
    /// Its themes.
    pub themes: Vec<Link>,
    /// Its current rating.
    pub rating: Option<RatingVm>,
    /// Fictional example content.
    pub example_data: bool,
}

impl CardVm {
    /// The card of an intervention.
    pub fn of(card: &InterventionCard) -> Self {
        let s = &card.summary;
        Self {
            href: format!("/interventies/{}", s.slug),
            title: s.title.clone(),
            excerpt: markdown::excerpt(&s.summary, 280),
            owner: s.owner.clone(),
            themes: s.themes.iter().copied().map(Link::theme).collect(),
            rating: card.rating.as_ref().map(RatingVm::of),
            example_data: s.example_data,
        }
    }

    /// Cards of a list.
    pub fn all(cards: &[InterventionCard]) -> Vec<Self> {
        cards.iter().map(Self::of).collect()
    }

    /// Whether any card shows example content.
    pub fn any_example(cards: &[Self]) -> bool {
        cards.iter().any(|c| c.example_data)
    }
}
