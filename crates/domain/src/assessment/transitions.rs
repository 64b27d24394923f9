//! The steps of the erkenningstraject.

use chrono::{Days, NaiveDate};

use super::rules::AssessmentRules;
use super::state::{
    Actor, Appeal, Assessment, AssessmentError, Inclusion, Outcome, Review, Reviewer, Stage,
    Transition, UserId, Verdict,
};
use crate::{Rating, RatingDecision};

/// What the coordinator proposes to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposal {
    /// Erkennen at the level asked.
    Recognise,
    /// Erkennen onder voorbehoud, with the additions asked.
    Conditional(String),
    /// Niet erkennen.
    Reject,
}

type Step = Result<Transition, AssessmentError>;

fn same_org(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Assessment {
    /// A new draft by `owner` of `organisation`, asking for `level`.
    pub fn new(owner: UserId, organisation: impl Into<String>, level: Rating) -> Self {
        Self {
            owner,
            owner_organisation: organisation.into(),
            level_requested: level,
            stage: Stage::Draft,
            round: None,
            reviewers: Vec::new(),
            reviews: Vec::new(),
            feedback_rounds: 0,
            outcome: None,
            earlier_outcomes: Vec::new(),
            appeal: None,
        }
    }

    fn go(&mut self, to: Stage, action: &'static str) -> Transition {
        let from = std::mem::replace(&mut self.stage, to.clone());
        Transition { from, to, action }
    }

    fn wrong_stage(&self) -> AssessmentError {
        AssessmentError::WrongStage(self.stage.label())
    }

    fn require_owner(&self, actor: Actor) -> Result<(), AssessmentError> {
        match actor {
            Actor::Owner(u) if u == self.owner => Ok(()),
            _ => Err(AssessmentError::NotAllowed),
        }
    }

    fn require_coordinator(actor: Actor) -> Result<(), AssessmentError> {
        match actor {
            Actor::Coordinator(_) => Ok(()),
            _ => Err(AssessmentError::NotAllowed),
        }
    }

    /// The owner submits the werkblad (first time, or after a feedback round).
    /// `missing` are the required sections still empty.
    pub fn submit(
        &mut self,
        actor: Actor,
        missing: &[&'static str],
        inclusion: Inclusion,
        rules: &AssessmentRules,
    ) -> Step {
        self.require_owner(actor)?;
        if !matches!(self.stage, Stage::Draft | Stage::AwaitingFeedback(_)) {
            return Err(self.wrong_stage());
        }
        if !missing.is_empty() {
            return Err(AssessmentError::MissingSections(missing.to_vec()));
        }
        let mut unmet = Vec::new();
        if !inclusion.owner_or_licensee {
            unmet.push("u bent eigenaar of licentiehouder".to_string());
        }
        if inclusion.places_in_use < rules.min_places_in_use {
            unmet.push(format!(
                "de interventie wordt op minstens {} plaatsen uitgevoerd",
                rules.min_places_in_use
            ));
        }
        if !inclusion.manual_exists {
            unmet.push("er is een handleiding".to_string());
        }
        if !unmet.is_empty() {
            return Err(AssessmentError::Inclusion(unmet.join("; ")));
        }
        if matches!(self.stage, Stage::AwaitingFeedback(_)) {
            self.reviews.clear();
            return Ok(self.go(Stage::InReview, "aangepaste versie ingediend"));
        }
        Ok(self.go(Stage::Submitted, "ingediend"))
    }

    /// The coordinator places the submission in a round and assigns the panel.
    pub fn schedule(
        &mut self,
        actor: Actor,
        round: impl Into<String>,
        reviewers: Vec<Reviewer>,
        rules: &AssessmentRules,
    ) -> Step {
        Self::require_coordinator(actor)?;
        if self.stage != Stage::Submitted {
            return Err(self.wrong_stage());
        }
        let panel = rules.panel_for(self.level_requested);
        if reviewers.len() != panel.size {
            return Err(AssessmentError::Panel(format!(
                "voor dit niveau zijn precies {} beoordelaars nodig, niet {}",
                panel.size,
                reviewers.len()
            )));
        }
        for (i, r) in reviewers.iter().enumerate() {
            if reviewers[..i].iter().any(|o| o.user == r.user) {
                return Err(AssessmentError::Panel(
                    "dezelfde beoordelaar is twee keer toegewezen".into(),
                ));
            }
            if r.user == self.owner || same_org(&r.organisation, &self.owner_organisation) {
                return Err(AssessmentError::Panel(format!(
                    "een beoordelaar van {} (de organisatie van de eigenaar) kan niet worden toegewezen",
                    r.organisation
                )));
            }
            if !r.declared_no_conflict {
                return Err(AssessmentError::Panel(
                    "elke beoordelaar moet verklaren geen belangenconflict te hebben".into(),
                ));
            }
        }
        self.round = Some(round.into());
        self.reviewers = reviewers;
        self.reviews.clear();
        Ok(self.go(
            Stage::InReview,
            "ingedeeld in ronde, beoordelaars toegewezen",
        ))
    }

    /// A reviewer hands in a scored checklist.
    pub fn record_review(&mut self, actor: Actor, review: Review, rules: &AssessmentRules) -> Step {
        let Actor::Reviewer(user) = actor else {
            return Err(AssessmentError::NotAllowed);
        };
        if user != review.reviewer || !self.reviewers.iter().any(|r| r.user == user) {
            return Err(AssessmentError::NotAllowed);
        }
        if self.stage != Stage::InReview {
            return Err(self.wrong_stage());
        }
        if self.reviews.iter().any(|r| r.reviewer == user) {
            return Err(AssessmentError::Review(
                "u heeft uw beoordeling al ingediend".into(),
            ));
        }
        let criteria = &rules.panel_for(self.level_requested).criteria;
        let scored: Vec<&str> = review.scores.iter().map(|(c, _, _)| c.as_str()).collect();
        let missing: Vec<&str> = criteria
            .iter()
            .map(String::as_str)
            .filter(|c| !scored.contains(c))
            .collect();
        if !missing.is_empty() || scored.len() != criteria.len() {
            return Err(AssessmentError::Review(format!(
                "scoor elk criterium precies één keer; ontbreekt: {}",
                missing.join(", ")
            )));
        }
        if review.scores.iter().any(|(_, _, m)| m.trim().is_empty())
            || review.motivation.trim().is_empty()
        {
            return Err(AssessmentError::Review(
                "geef bij elk criterium en bij het eindoordeel een motivering".into(),
            ));
        }
        self.reviews.push(review);
        let stage = self.stage.clone();
        Ok(self.go(stage, "beoordeling ingediend"))
    }

    /// Whether every assigned reviewer has handed in.
    pub fn all_reviews_in(&self) -> bool {
        !self.reviewers.is_empty() && self.reviews.len() == self.reviewers.len()
    }

    /// The reviews `viewer` may read: reviewers see only their own until all
    /// are in; the coordinator sees all; the owner none (the public summary
    /// comes with the decision).
    pub fn visible_reviews(&self, viewer: Actor) -> Vec<&Review> {
        match viewer {
            Actor::Coordinator(_) => self.reviews.iter().collect(),
            Actor::Reviewer(u) if self.reviewers.iter().any(|r| r.user == u) => {
                if self.all_reviews_in() {
                    self.reviews.iter().collect()
                } else {
                    self.reviews.iter().filter(|r| r.reviewer == u).collect()
                }
            }
            _ => Vec::new(),
        }
    }

    /// The coordinator sends the werkblad back to the owner for changes.
    pub fn request_feedback(&mut self, actor: Actor, rules: &AssessmentRules) -> Step {
        Self::require_coordinator(actor)?;
        if self.stage != Stage::InReview {
            return Err(self.wrong_stage());
        }
        if self.feedback_rounds >= rules.max_feedback_rounds {
            return Err(AssessmentError::FeedbackRoundsUsed(
                rules.max_feedback_rounds,
            ));
        }
        self.feedback_rounds += 1;
        Ok(self.go(
            Stage::AwaitingFeedback(self.feedback_rounds),
            "teruggelegd bij de eigenaar",
        ))
    }

    /// The coordinator records the decision. It must be what the reviews and
    /// the panel's rule allow.
    pub fn decide(
        &mut self,
        actor: Actor,
        proposal: Proposal,
        today: NaiveDate,
        rules: &AssessmentRules,
    ) -> Step {
        Self::require_coordinator(actor)?;
        if self.stage != Stage::InReview {
            return Err(self.wrong_stage());
        }
        if !self.all_reviews_in() {
            return Err(AssessmentError::Decision(format!(
                "nog niet alle beoordelingen zijn binnen ({} van {})",
                self.reviews.len(),
                self.reviewers.len()
            )));
        }
        let panel = rules.panel_for(self.level_requested);
        let n = self.reviews.len();
        let yes = self
            .reviews
            .iter()
            .filter(|r| r.verdict == Verdict::Recognise)
            .count();
        let conditional = self
            .reviews
            .iter()
            .filter(|r| r.verdict == Verdict::RecogniseWithConditions)
            .count();
        let positive = panel.rule.satisfied(yes + conditional, n);
        let rule = match panel.rule {
            super::DecisionRule::Majority => "meerderheid",
            super::DecisionRule::Unanimous => "unanimiteit",
        };
        let (outcome, stage, action) = match proposal {
            Proposal::Recognise => {
                if !panel.rule.satisfied(yes, n) {
                    return Err(AssessmentError::Decision(format!(
                        "{yes} van {n} beoordelaars erkennen; nodig is {rule}"
                    )));
                }
                (
                    Outcome::Recognised {
                        level: self.level_requested,
                        decided_on: today,
                    },
                    Stage::Decided,
                    "erkend",
                )
            }
            Proposal::Conditional(additions) => {
                if !positive || conditional == 0 {
                    return Err(AssessmentError::Decision(format!(
                        "erkennen onder voorbehoud vraagt {rule} voor erkenning en minstens één \
                         beoordelaar die voorwaarden stelt ({} positief, {conditional} met voorwaarden)",
                        yes + conditional
                    )));
                }
                if additions.trim().is_empty() {
                    return Err(AssessmentError::Decision(
                        "beschrijf welke aanvullingen nodig zijn".into(),
                    ));
                }
                let deadline = today
                    .checked_add_days(Days::new(u64::from(rules.additions_days)))
                    .unwrap_or(NaiveDate::MAX);
                (
                    Outcome::Conditional {
                        level: self.level_requested,
                        additions,
                        deadline,
                    },
                    Stage::AwaitingAdditions,
                    "erkend onder voorbehoud",
                )
            }
            Proposal::Reject => {
                if positive {
                    return Err(AssessmentError::Decision(format!(
                        "{} van {n} beoordelaars zijn positief; niet erkennen past daar niet bij",
                        yes + conditional
                    )));
                }
                (
                    Outcome::NotRecognised { decided_on: today },
                    Stage::Decided,
                    "niet erkend",
                )
            }
        };
        if let Some(old) = self.outcome.replace(outcome) {
            self.earlier_outcomes.push(old);
        }
        Ok(self.go(stage, action))
    }

    /// The owner sends the additions asked for; the panel looks again.
    pub fn submit_additions(&mut self, actor: Actor, today: NaiveDate) -> Step {
        self.require_owner(actor)?;
        if self.stage != Stage::AwaitingAdditions {
            return Err(self.wrong_stage());
        }
        if let Some(Outcome::Conditional { deadline, .. }) = &self.outcome {
            if today > *deadline {
                return Err(AssessmentError::Decision(format!(
                    "de termijn voor aanvullingen is verstreken op {deadline}"
                )));
            }
        }
        self.reviews.clear();
        Ok(self.go(Stage::InReview, "aanvullingen ingediend"))
    }

    /// When the additions are overdue, the conditional recognition lapses.
    pub fn lapse_if_overdue(&mut self, today: NaiveDate) -> Option<Transition> {
        let overdue = matches!(
            (&self.stage, &self.outcome),
            (Stage::AwaitingAdditions, Some(Outcome::Conditional { deadline, .. })) if today > *deadline
        );
        if !overdue {
            return None;
        }
        if let Some(old) = self
            .outcome
            .replace(Outcome::NotRecognised { decided_on: today })
        {
            self.earlier_outcomes.push(old);
        }
        Some(self.go(Stage::Decided, "voorbehoud verlopen: niet erkend"))
    }

    /// The owner objects to the decision, within the appeal period.
    pub fn appeal(
        &mut self,
        actor: Actor,
        motivation: impl Into<String>,
        today: NaiveDate,
        rules: &AssessmentRules,
    ) -> Step {
        self.require_owner(actor)?;
        if self.stage != Stage::Decided {
            return Err(self.wrong_stage());
        }
        if self.appeal.is_some() {
            return Err(AssessmentError::Appeal(
                "tegen dit besluit is al bezwaar gemaakt".into(),
            ));
        }
        let decided = match &self.outcome {
            Some(
                Outcome::Recognised { decided_on, .. } | Outcome::NotRecognised { decided_on },
            ) => *decided_on,
            _ => return Err(self.wrong_stage()),
        };
        let last_day = decided
            .checked_add_days(Days::new(u64::from(rules.appeal_days)))
            .unwrap_or(NaiveDate::MAX);
        if today > last_day {
            return Err(AssessmentError::Appeal(format!(
                "de bezwaartermijn van {} dagen is verstreken op {last_day}",
                rules.appeal_days
            )));
        }
        let motivation = motivation.into();
        if motivation.trim().is_empty() {
            return Err(AssessmentError::Appeal("motiveer uw bezwaar".into()));
        }
        self.appeal = Some(Appeal {
            motivation,
            filed_on: today,
            handling: None,
        });
        Ok(self.go(Stage::Appealed, "bezwaar ingediend"))
    }

    /// The coordinator records how the appeal was handled and, when it
    /// changes the decision, the new outcome.
    pub fn decide_appeal(
        &mut self,
        actor: Actor,
        handling: impl Into<String>,
        new_outcome: Option<Outcome>,
    ) -> Step {
        Self::require_coordinator(actor)?;
        if self.stage != Stage::Appealed {
            return Err(self.wrong_stage());
        }
        let handling = handling.into();
        if handling.trim().is_empty() {
            return Err(AssessmentError::Appeal(
                "beschrijf hoe het bezwaar is behandeld".into(),
            ));
        }
        if matches!(new_outcome, Some(Outcome::Conditional { .. })) {
            return Err(AssessmentError::Appeal(
                "een bezwaar eindigt in erkend of niet erkend".into(),
            ));
        }
        if let Some(a) = self.appeal.as_mut() {
            a.handling = Some(handling);
        }
        let action = match new_outcome {
            Some(o) => {
                if let Some(old) = self.outcome.replace(o) {
                    self.earlier_outcomes.push(old);
                }
                "bezwaar gegrond: besluit gewijzigd"
            }
            None => "bezwaar ongegrond: besluit blijft",
        };
        Ok(self.go(Stage::Decided, action))
    }

    /// The rating this assessment gives, once decided positively.
    pub fn rating(&self) -> Option<RatingDecision> {
        match (&self.stage, &self.outcome) {
            (Stage::Decided | Stage::Appealed, Some(Outcome::Recognised { level, decided_on })) => {
                Some(RatingDecision {
                    level: *level,
                    decided_on: *decided_on,
                    valid_until: None,
                })
            }
            _ => None,
        }
    }
}
