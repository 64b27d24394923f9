//! The rules of the erkenningstraject, as configuration.

use serde::{Deserialize, Serialize};

use crate::Rating;

/// How a panel reaches a positive decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionRule {
    /// More than half of the panel.
    Majority,
    /// Every member of the panel.
    Unanimous,
}

impl DecisionRule {
    /// Whether `yes` of `panel` votes satisfy the rule.
    pub fn satisfied(self, yes: usize, panel: usize) -> bool {
        match self {
            Self::Majority => yes * 2 > panel,
            Self::Unanimous => panel > 0 && yes == panel,
        }
    }
}

/// Size and rule of a panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelRule {
    /// Number of reviewers to assign.
    pub size: usize,
    /// How they decide.
    pub rule: DecisionRule,
    /// The checklist each reviewer scores.
    pub criteria: Vec<String>,
}

/// Everything about the process that is configuration, not code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AssessmentRules {
    /// Panel for *goed beschreven*: practice assessors.
    pub well_described: PanelRule,
    /// Panel for *goed onderbouwd* and *effectief*: the committee.
    pub higher: PanelRule,
    /// Feedback rounds an owner gets before the decision.
    pub max_feedback_rounds: u8,
    /// Days after a decision within which the owner may appeal.
    pub appeal_days: u32,
    /// Days an owner has to send additions after *erkend onder voorbehoud*.
    pub additions_days: u32,
    /// Places where the intervention must be in use.
    pub min_places_in_use: u32,
    /// Months before a rating ends that its owners are told.
    pub expiry_notice_months: u32,
}

fn list(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

impl Default for AssessmentRules {
    fn default() -> Self {
        Self {
            well_described: PanelRule {
                size: 3,
                rule: DecisionRule::Majority,
                criteria: list(&[
                    "doelen",
                    "doelgroep",
                    "aanpak",
                    "randvoorwaarden",
                    "overdraagbaarheid",
                    "uitvoeringservaring",
                    "materialen",
                    "handleiding",
                    "procesevaluatie",
                    "kosten en tijd",
                ]),
            },
            higher: PanelRule {
                size: 4,
                rule: DecisionRule::Unanimous,
                criteria: list(&[
                    "beschrijving",
                    "theoretische onderbouwing",
                    "werkzame elementen",
                    "onderzoeksopzet",
                    "effecten",
                    "uitvoerbaarheid",
                ]),
            },
            max_feedback_rounds: 2,
            appeal_days: 42,
            additions_days: 90,
            min_places_in_use: 2,
            expiry_notice_months: 6,
        }
    }
}

impl AssessmentRules {
    /// The panel that judges a request for `level`.
    pub fn panel_for(&self, level: Rating) -> &PanelRule {
        match level {
            Rating::WellDescribed => &self.well_described,
            _ => &self.higher,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn majority_needs_more_than_half() {
        assert!(DecisionRule::Majority.satisfied(2, 3));
        assert!(!DecisionRule::Majority.satisfied(1, 3));
        assert!(!DecisionRule::Majority.satisfied(2, 4));
    }

    #[test]
    fn unanimity_needs_everyone() {
        assert!(DecisionRule::Unanimous.satisfied(4, 4));
        assert!(!DecisionRule::Unanimous.satisfied(3, 4));
        assert!(!DecisionRule::Unanimous.satisfied(2, 4));
        assert!(!DecisionRule::Unanimous.satisfied(0, 0));
    }

    #[test]
    fn the_panel_depends_on_the_level() {
        let r = AssessmentRules::default();
        assert_eq!(r.panel_for(Rating::WellDescribed).size, 3);
        assert_eq!(r.panel_for(Rating::EffectiveStrong).size, 4);
        assert_eq!(r.panel_for(Rating::WellDescribed).criteria.len(), 10);
    }
}
