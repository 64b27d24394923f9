//! Living documents: a dossier past its review date is being updated.

use chrono::NaiveDate;

use super::Dossier;

/// Where a dossier stands against its review date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewState {
    /// Reviewed, the review date still ahead.
    Current,
    /// The review date has passed: "wordt geactualiseerd".
    Due,
}

impl Dossier {
    /// The review state on `today`: due from the review date on.
    pub fn review_state(&self, today: NaiveDate) -> ReviewState {
        if today >= self.review_due {
            ReviewState::Due
        } else {
            ReviewState::Current
        }
    }
}
