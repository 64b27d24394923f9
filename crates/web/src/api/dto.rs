//! The JSON shapes of the API shared by several endpoints, and the list
//! shapes. Coded values appear as `{code, label}` or as their code; dates as
//! ISO `YYYY-MM-DD`. The full intervention is in `intervention_dto.rs`.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use watwerkt_app::{InterventionCard, RatingView};
use watwerkt_domain::Coded;

use super::codes::{AgeBandCode, GroupCode, RatingCode, ThemeCode};

macro_rules! code_label {
    ($name:ident, $code:ty, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Serialize, ToSchema)]
        pub struct $name {
            /// Stable code.
            #[schema(value_type = $code)]
            pub code: &'static str,
            /// Dutch label.
            pub label: &'static str,
        }

        impl $name {
            pub(crate) fn of<C: Coded>(value: C) -> Self {
                Self {
                    code: value.code(),
                    label: value.label(),
                }
            }
        }
    };
}

code_label!(ThemeRef, ThemeCode, "A theme with its Dutch label.");
code_label!(GroupRef, GroupCode, "A target group with its Dutch label.");
code_label!(AgeBandRef, AgeBandCode, "An age band with its Dutch label.");

/// A rating as seen today.
#[derive(Debug, Serialize, ToSchema)]
pub struct Rating {
    /// Level code.
    #[schema(value_type = RatingCode)]
    pub level: &'static str,
    /// Level label, e.g. `Goed beschreven`.
    pub label: &'static str,
    /// Level numeral: `0`, `I`, `II`, `III` or `IV`.
    pub numeral: &'static str,
    /// Date of the decision.
    pub decided_on: NaiveDate,
    /// Last day the rating holds (explicit, or by the configured rule).
    pub valid_until: NaiveDate,
    /// Whether `valid_until` has passed.
    pub expired: bool,
}

impl Rating {
    /// The DTO of a rating view.
    pub fn of(r: &RatingView) -> Self {
        Self {
            level: r.level.code(),
            label: r.level.label(),
            numeral: r.level.numeral(),
            decided_on: r.decided_on,
            valid_until: r.valid_until,
            expired: r.expired,
        }
    }
}

/// An intervention in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct InterventionSummary {
    /// Stable identifier.
    pub slug: String,
    /// Name.
    pub title: String,
    /// The samenvatting (Markdown).
    pub summary: String,
    /// Owner organisation.
    pub owner: String,
    /// Themes.
    pub themes: Vec<ThemeRef>,
    /// Current rating, `null` when not rated.
    pub rating: Option<Rating>,
    /// Fictional example content ("voorbeelddata").
    pub example_data: bool,
}

impl InterventionSummary {
    /// The DTO of a card.
    pub fn of(card: &InterventionCard) -> Self {
        let s = &card.summary;
        Self {
            slug: s.slug.to_string(),
            title: s.title.clone(),
            summary: s.summary.clone(),
            owner: s.owner.clone(),
            themes: s.themes.iter().map(|t| ThemeRef::of(*t)).collect(),
            rating: card.rating.as_ref().map(Rating::of),
            example_data: s.example_data,
        }
    }
}

/// One page of interventions.
#[derive(Debug, Serialize, ToSchema)]
pub struct InterventionPage {
    /// The interventions on this page, ordered by title.
    pub items: Vec<InterventionSummary>,
    /// This page number (1-based).
    pub page: u32,
    /// Page size.
    pub per_page: u32,
    /// Number of matching interventions.
    pub total: u64,
    /// Number of pages (at least 1).
    pub total_pages: u32,
}

/// A theme with its number of published interventions.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeCount {
    /// Theme code.
    #[schema(value_type = ThemeCode)]
    pub code: &'static str,
    /// Dutch label.
    pub label: &'static str,
    /// Number of published interventions in the theme.
    pub intervention_count: u64,
}
