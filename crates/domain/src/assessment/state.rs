//! The types of the erkenningstraject.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Rating;

/// An account id (defined with the accounts; re-exported here).
pub use crate::account::UserId;

/// Who performs a step, with the capacity they act in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The owner (or licensee) of the intervention.
    Owner(UserId),
    /// The coördinator erkenning.
    Coordinator(UserId),
    /// A practice assessor or committee member.
    Reviewer(UserId),
}

/// The inclusion criteria an owner confirms when submitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inclusion {
    /// The applicant owns the intervention or holds a licence.
    pub owner_or_licensee: bool,
    /// Number of places where it is in use.
    pub places_in_use: u32,
    /// A manual exists.
    pub manual_exists: bool,
}

/// A reviewer assigned to an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewer {
    /// Account.
    pub user: UserId,
    /// The reviewer's organisation.
    pub organisation: String,
    /// The reviewer declared having no conflict of interest.
    pub declared_no_conflict: bool,
}

/// A reviewer's overall judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Recognise at the level asked.
    Recognise,
    /// Recognise once additions are made.
    RecogniseWithConditions,
    /// Do not recognise.
    Reject,
}

/// One reviewer's scored checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Who wrote it.
    pub reviewer: UserId,
    /// Per criterion of the level's checklist: met or not, with a motivation.
    pub scores: Vec<(String, bool, String)>,
    /// Overall verdict.
    pub verdict: Verdict,
    /// Overall motivation.
    pub motivation: String,
}

/// The outcome of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Erkend at a level.
    Recognised {
        /// Level.
        level: Rating,
        /// Decision date.
        decided_on: NaiveDate,
    },
    /// Erkend onder voorbehoud: additions are due by the deadline.
    Conditional {
        /// Level, once the additions are accepted.
        level: Rating,
        /// What must be added.
        additions: String,
        /// Due date.
        deadline: NaiveDate,
    },
    /// Niet erkend.
    NotRecognised {
        /// Decision date.
        decided_on: NaiveDate,
    },
}

/// An objection (bezwaar) against a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    /// The owner's motivation.
    pub motivation: String,
    /// Filed on.
    pub filed_on: NaiveDate,
    /// How the coordinator handled it, once handled.
    pub handling: Option<String>,
}

/// Where an assessment stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// The owner is writing.
    Draft,
    /// Waiting for the coordinator to place it in a round.
    Submitted,
    /// Reviewers are assigned and scoring.
    InReview,
    /// The owner was asked for changes (feedback round `n`).
    AwaitingFeedback(u8),
    /// Erkend onder voorbehoud; waiting for the additions.
    AwaitingAdditions,
    /// Decided.
    Decided,
    /// An appeal is being handled.
    Appealed,
}

impl Stage {
    /// A short Dutch name for the audit log and pages.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Draft => "concept",
            Self::Submitted => "ingediend",
            Self::InReview => "in beoordeling",
            Self::AwaitingFeedback(_) => "wacht op aanpassing",
            Self::AwaitingAdditions => "erkend onder voorbehoud",
            Self::Decided => "besloten",
            Self::Appealed => "in bezwaar",
        }
    }

    /// A stable code, stored in a column so queues can be filtered.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Draft => "concept",
            Self::Submitted => "ingediend",
            Self::InReview => "in-beoordeling",
            Self::AwaitingFeedback(_) => "wacht-op-aanpassing",
            Self::AwaitingAdditions => "onder-voorbehoud",
            Self::Decided => "besloten",
            Self::Appealed => "in-bezwaar",
        }
    }

    /// Whether the owner may edit the werkblad in this stage.
    pub fn owner_edits(&self) -> bool {
        matches!(
            self,
            Self::Draft | Self::AwaitingFeedback(_) | Self::AwaitingAdditions
        )
    }
}

/// One step, as written to the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// Stage before.
    pub from: Stage,
    /// Stage after.
    pub to: Stage,
    /// What happened, in Dutch.
    pub action: &'static str,
}

/// Why a step is refused. Nothing changes when it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssessmentError {
    /// The actor may not take this step.
    #[error("u mag deze stap niet zetten")]
    NotAllowed,
    /// The step does not fit the current stage.
    #[error("dit kan niet in de fase '{0}'")]
    WrongStage(&'static str),
    /// Required werkblad sections are missing.
    #[error("verplichte secties ontbreken: {}", .0.join(", "))]
    MissingSections(Vec<&'static str>),
    /// Inclusion criteria not met.
    #[error("niet aan de toelatingscriteria voldaan: {0}")]
    Inclusion(String),
    /// The panel is not composed as the rules ask.
    #[error("{0}")]
    Panel(String),
    /// A review is incomplete or duplicated.
    #[error("{0}")]
    Review(String),
    /// The decision is not what the reviews and the rule allow.
    #[error("dit besluit past niet bij de beoordelingen: {0}")]
    Decision(String),
    /// No feedback rounds left.
    #[error("het maximum van {0} feedbackrondes is bereikt")]
    FeedbackRoundsUsed(u8),
    /// Appeal not possible.
    #[error("{0}")]
    Appeal(String),
}

/// One erkenningstraject of one intervention (stored as JSON by the store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The owner's account.
    pub owner: UserId,
    /// The owner's organisation (reviewers may not come from it).
    pub owner_organisation: String,
    /// The level asked for.
    pub level_requested: Rating,
    /// Current stage.
    pub stage: Stage,
    /// Round the coordinator placed it in (e.g. "2026-3").
    pub round: Option<String>,
    /// Assigned reviewers.
    pub reviewers: Vec<Reviewer>,
    /// Reviews received in the current review round.
    pub reviews: Vec<Review>,
    /// Feedback rounds used.
    pub feedback_rounds: u8,
    /// The latest decision.
    pub outcome: Option<Outcome>,
    /// Earlier outcomes, oldest first (kept as history).
    pub earlier_outcomes: Vec<Outcome>,
    /// The appeal, if one was filed (one per decision chain).
    pub appeal: Option<Appeal>,
}
