//! What the read use cases hand to pages and the API.

use chrono::NaiveDate;
use watwerkt_domain::{
    ActiveElement, Intervention, Rating, RatingDecision, RatingState, Theme, ValidityPolicy,
};
use watwerkt_store::InterventionSummary;

/// A rating as seen on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingView {
    /// Level.
    pub level: Rating,
    /// Decision date.
    pub decided_on: NaiveDate,
    /// Last day of validity (explicit or by the configured rule).
    pub valid_until: NaiveDate,
    /// Whether the validity has ended.
    pub expired: bool,
}

impl RatingView {
    /// Views a decision on `today` under `policy`.
    pub fn of(decision: &RatingDecision, today: NaiveDate, policy: &ValidityPolicy) -> Self {
        let (valid_until, expired) = match decision.state_on(today, policy) {
            RatingState::Valid { until } => (until, false),
            RatingState::Expired { ended } => (ended, true),
        };
        Self {
            level: decision.level,
            decided_on: decision.decided_on,
            valid_until,
            expired,
        }
    }
}

/// An intervention in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterventionCard {
    /// What the store summarised.
    pub summary: InterventionSummary,
    /// The current rating, viewed today.
    pub rating: Option<RatingView>,
}

/// One intervention page.
#[derive(Debug, Clone, PartialEq)]
pub struct InterventionView {
    /// The intervention.
    pub intervention: Intervention,
    /// The current rating, viewed today.
    pub rating: Option<RatingView>,
    /// Earlier ratings, newest first.
    pub history: Vec<RatingView>,
    /// The werkzame elementen it carries, in its own order.
    pub active_elements: Vec<ActiveElement>,
}

/// A theme page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeView {
    /// The theme.
    pub theme: Theme,
    /// Its published interventions.
    pub interventions: Vec<InterventionCard>,
}

/// A werkzaam-element page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveElementView {
    /// The element.
    pub element: ActiveElement,
    /// Published interventions that carry it.
    pub interventions: Vec<InterventionCard>,
}
