//! Ratings (erkenningsniveaus), their decisions and the validity rule.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Coded;

/// The recognition level of an intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rating {
    /// Goed beschreven (niveau 0).
    WellDescribed,
    /// Goed onderbouwd (niveau I).
    WellFounded,
    /// Effectief volgens eerste aanwijzingen (niveau II).
    EffectiveFirst,
    /// Effectief volgens goede aanwijzingen (niveau III).
    EffectiveGood,
    /// Effectief volgens sterke aanwijzingen (niveau IV).
    EffectiveStrong,
}

impl Coded for Rating {
    const ALL: &'static [Self] = &[
        Self::WellDescribed,
        Self::WellFounded,
        Self::EffectiveFirst,
        Self::EffectiveGood,
        Self::EffectiveStrong,
    ];

    fn code(self) -> &'static str {
        match self {
            Self::WellDescribed => "goed-beschreven",
            Self::WellFounded => "goed-onderbouwd",
            Self::EffectiveFirst => "effectief-eerste-aanwijzingen",
            Self::EffectiveGood => "effectief-goede-aanwijzingen",
            Self::EffectiveStrong => "effectief-sterke-aanwijzingen",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::WellDescribed => "Goed beschreven",
            Self::WellFounded => "Goed onderbouwd",
            Self::EffectiveFirst => "Effectief volgens eerste aanwijzingen",
            Self::EffectiveGood => "Effectief volgens goede aanwijzingen",
            Self::EffectiveStrong => "Effectief volgens sterke aanwijzingen",
        }
    }
}

crate::coded_serde!(Rating, "onbekend erkenningsniveau");

impl Rating {
    /// The level numeral used by the Dutch databanks: 0, I, II, III, IV.
    pub fn numeral(self) -> &'static str {
        match self {
            Self::WellDescribed => "0",
            Self::WellFounded => "I",
            Self::EffectiveFirst => "II",
            Self::EffectiveGood => "III",
            Self::EffectiveStrong => "IV",
        }
    }
}

/// How long a rating stays valid; configuration, not a hard-coded rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidityPolicy {
    /// Years a *goed beschreven* rating holds.
    pub well_described_years: u32,
    /// Years any higher rating holds.
    pub higher_years: u32,
}

impl Default for ValidityPolicy {
    fn default() -> Self {
        Self {
            well_described_years: 3,
            higher_years: 5,
        }
    }
}

impl ValidityPolicy {
    /// The number of years a rating of `level` holds.
    pub fn years_for(&self, level: Rating) -> u32 {
        match level {
            Rating::WellDescribed => self.well_described_years,
            _ => self.higher_years,
        }
    }
}

/// A decision that gave an intervention a rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingDecision {
    /// The level given.
    pub level: Rating,
    /// The date of the decision.
    pub decided_on: NaiveDate,
    /// An explicit end of validity; when absent the [`ValidityPolicy`] applies.
    pub valid_until: Option<NaiveDate>,
}

/// Why a rating decision is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    /// The end of validity is not after the decision.
    #[error("de einddatum {until} van het oordeel ligt niet na de besluitdatum {decided}")]
    EndsBeforeDecision {
        /// Decision date.
        decided: NaiveDate,
        /// Given end date.
        until: NaiveDate,
    },
}

/// Whether a rating holds on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingState {
    /// Valid up to and including `until`.
    Valid {
        /// Last day of validity.
        until: NaiveDate,
    },
    /// Ended: the last valid day was `ended`.
    Expired {
        /// Last day of validity.
        ended: NaiveDate,
    },
}

impl RatingDecision {
    /// Checks the decision on its own.
    pub fn validate(&self) -> Result<(), RatingError> {
        match self.valid_until {
            Some(until) if until <= self.decided_on => Err(RatingError::EndsBeforeDecision {
                decided: self.decided_on,
                until,
            }),
            _ => Ok(()),
        }
    }

    /// The last day the rating holds: the explicit date, or the decision date
    /// plus the configured number of years.
    pub fn valid_until(&self, policy: &ValidityPolicy) -> NaiveDate {
        self.valid_until.unwrap_or_else(|| {
            let months = policy.years_for(self.level).saturating_mul(12);
            self.decided_on
                .checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX)
        })
    }

    /// Whether the rating holds on `today`.
    pub fn state_on(&self, today: NaiveDate, policy: &ValidityPolicy) -> RatingState {
        let until = self.valid_until(policy);
        if today <= until {
            RatingState::Valid { until }
        } else {
            RatingState::Expired { ended: until }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn decision(level: Rating, decided: &str) -> RatingDecision {
        RatingDecision {
            level,
            decided_on: d(decided),
            valid_until: None,
        }
    }

    #[test]
    fn well_described_holds_three_years_by_default() {
        let r = decision(Rating::WellDescribed, "2023-03-15");
        assert_eq!(r.valid_until(&ValidityPolicy::default()), d("2026-03-15"));
    }

    #[test]
    fn higher_levels_hold_five_years_by_default() {
        for level in &Rating::ALL[1..] {
            let r = decision(*level, "2021-06-30");
            assert_eq!(r.valid_until(&ValidityPolicy::default()), d("2026-06-30"));
        }
    }

    #[test]
    fn the_rule_is_configuration() {
        let policy = ValidityPolicy {
            well_described_years: 2,
            higher_years: 4,
        };
        assert_eq!(
            decision(Rating::WellDescribed, "2024-01-01").valid_until(&policy),
            d("2026-01-01")
        );
        assert_eq!(
            decision(Rating::EffectiveStrong, "2024-01-01").valid_until(&policy),
            d("2028-01-01")
        );
    }

    #[test]
    fn leap_day_decisions_end_on_the_last_day_of_february() {
        let r = decision(Rating::WellDescribed, "2024-02-29");
        assert_eq!(r.valid_until(&ValidityPolicy::default()), d("2027-02-28"));
    }

    #[test]
    fn an_explicit_end_date_wins() {
        let mut r = decision(Rating::WellFounded, "2022-01-01");
        r.valid_until = Some(d("2023-06-01"));
        assert_eq!(r.valid_until(&ValidityPolicy::default()), d("2023-06-01"));
    }

    #[test]
    fn expiry_is_exact_to_the_day() {
        let r = decision(Rating::WellDescribed, "2023-03-15");
        let p = ValidityPolicy::default();
        assert_eq!(
            r.state_on(d("2026-03-15"), &p),
            RatingState::Valid {
                until: d("2026-03-15")
            }
        );
        assert_eq!(
            r.state_on(d("2026-03-16"), &p),
            RatingState::Expired {
                ended: d("2026-03-15")
            }
        );
    }

    #[test]
    fn an_end_before_or_on_the_decision_is_refused() {
        let mut r = decision(Rating::WellFounded, "2022-01-01");
        r.valid_until = Some(d("2021-12-31"));
        assert!(r.validate().is_err());
        r.valid_until = Some(d("2022-01-01"));
        assert!(r.validate().is_err());
        r.valid_until = Some(d("2022-01-02"));
        assert!(r.validate().is_ok());
    }

    #[test]
    fn numerals_follow_the_databank() {
        let n: Vec<_> = Rating::ALL.iter().map(|r| r.numeral()).collect();
        assert_eq!(n, ["0", "I", "II", "III", "IV"]);
    }
}
