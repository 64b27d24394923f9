//! Storage of the erkenningstraject: who owns which intervention, the
//! assessments (the domain state as a document plus a version for optimistic
//! concurrency), werkblad drafts and every submitted version, the public
//! decision summaries, expiry notices and the append-only audit log.
//!
//! Every write that is a workflow step stores the new state, its audit row and
//! its outgoing mail in **one transaction**; side effects (sending the mail,
//! reindexing) happen after the commit, in `app`.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use watwerkt_domain::assessment::{Assessment, UserId};
use watwerkt_domain::{Intervention, PublicationStatus, Rating, RatingDecision, Slug};

use crate::{OutgoingMail, StoreResult};

/// The id of an assessment (erkenningstraject).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AssessmentId(pub i64);

impl std::fmt::Display for AssessmentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An assessment as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentRecord {
    /// Id.
    pub id: AssessmentId,
    /// The intervention assessed.
    pub intervention: Slug,
    /// Its title (as stored in the databank, not the draft).
    pub intervention_title: String,
    /// The domain state.
    pub state: Assessment,
    /// Increases with every write; a write naming an older version is refused.
    pub version: i64,
    /// Started.
    pub created_at: DateTime<Utc>,
    /// Last step.
    pub updated_at: DateTime<Utc>,
}

/// One row of the audit log. Rows are never changed or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Row id (0 for a row not yet written).
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (none for the system, e.g. the expiry job).
    pub actor: Option<UserId>,
    /// Kind of subject: "erkenningstraject", "interventie".
    pub subject_kind: String,
    /// Its id or slug.
    pub subject_id: String,
    /// What happened, in Dutch.
    pub action: String,
    /// State before, if a state changed.
    pub from_state: Option<String>,
    /// State after.
    pub to_state: Option<String>,
    /// Free detail (no secrets, no passwords).
    pub detail: String,
}

/// A werkblad version the owner submitted; kept forever.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmittedVersion {
    /// 1, 2, … per assessment.
    pub number: i64,
    /// When.
    pub submitted_at: DateTime<Utc>,
    /// By whom.
    pub submitted_by: UserId,
    /// The werkblad as submitted.
    pub werkblad: Intervention,
}

/// The public text of a decision, shown on the intervention page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionSummary {
    /// The assessment it concludes.
    pub assessment: AssessmentId,
    /// Outcome in Dutch ("erkend", "niet erkend", "erkend onder voorbehoud", …).
    pub outcome: String,
    /// The level, when recognised.
    pub level: Option<Rating>,
    /// Decision date.
    pub decided_on: NaiveDate,
    /// Summary of the reviewers' motivation.
    pub summary: String,
    /// When it was published.
    pub published_at: DateTime<Utc>,
}

/// An intervention an account owns.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnedIntervention {
    /// Slug.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// Publication status.
    pub status: PublicationStatus,
    /// Current rating.
    pub rating: Option<RatingDecision>,
}

/// What a decision publishes, written in the same transaction as the step.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionPublication {
    /// The intervention as it will be public: when the decision recognises
    /// it, the submitted werkblad with the new rating (the old rating stays as
    /// history); `None` when only the summary is published.
    pub intervention: Option<Intervention>,
    /// The public summary.
    pub summary: DecisionSummary,
}

/// One workflow step to store.
#[derive(Debug, Clone)]
pub struct AssessmentStep<'a> {
    /// Which assessment.
    pub id: AssessmentId,
    /// The version the step was computed from; refused with
    /// [`crate::StoreError::Conflict`] when the stored version differs.
    pub expected_version: i64,
    /// The new state.
    pub state: &'a Assessment,
    /// The audit row.
    pub audit: &'a AuditEntry,
    /// The owner's draft, when the step changes it.
    pub draft: Option<&'a Intervention>,
    /// A werkblad to keep as a new submitted version.
    pub submitted: Option<&'a Intervention>,
    /// A decision to publish.
    pub publish: Option<&'a DecisionPublication>,
    /// Mail to send after the commit.
    pub mails: &'a [OutgoingMail],
    /// When.
    pub now: DateTime<Utc>,
}

/// Storage of the erkenningstraject.
#[async_trait]
pub trait AssessmentStore: Send + Sync {
    /// Records that `user` owns (or holds the licence of) the intervention.
    /// Granting twice is not an error.
    async fn grant_ownership(
        &self,
        slug: &Slug,
        user: UserId,
        audit: &AuditEntry,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The accounts that own the intervention.
    async fn owners_of(&self, slug: &Slug) -> StoreResult<Vec<UserId>>;

    /// The interventions `user` owns, by title.
    async fn owned_interventions(&self, user: UserId) -> StoreResult<Vec<OwnedIntervention>>;

    /// Stores a new concept intervention owned by `owner`.
    /// [`crate::StoreError::Conflict`] when the slug is taken.
    async fn create_concept_intervention(
        &self,
        intervention: &Intervention,
        owner: UserId,
        audit: &AuditEntry,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Starts an assessment with its first draft. The audit row's subject id
    /// is set to the new assessment's id.
    /// [`crate::StoreError::Conflict`] when the intervention already has one
    /// that is not decided.
    async fn start_assessment(
        &self,
        slug: &Slug,
        state: &Assessment,
        draft: &Intervention,
        audit: &AuditEntry,
        now: DateTime<Utc>,
    ) -> StoreResult<AssessmentId>;

    /// One assessment; [`crate::StoreError::NotFound`] if absent.
    async fn get_assessment(&self, id: AssessmentId) -> StoreResult<AssessmentRecord>;

    /// All assessments, newest activity first; with `stage`, only those in
    /// that stage (its code).
    async fn list_assessments(&self, stage: Option<&str>) -> StoreResult<Vec<AssessmentRecord>>;

    /// Assessments whose owner is `user`, newest first.
    async fn assessments_of_owner(&self, user: UserId) -> StoreResult<Vec<AssessmentRecord>>;

    /// Assessments where `user` is an assigned reviewer, newest first.
    async fn assessments_of_reviewer(&self, user: UserId) -> StoreResult<Vec<AssessmentRecord>>;

    /// Assessments of an intervention, newest first.
    async fn assessments_of_intervention(&self, slug: &Slug) -> StoreResult<Vec<AssessmentRecord>>;

    /// The owner's current draft of the werkblad.
    async fn get_draft(&self, id: AssessmentId) -> StoreResult<Intervention>;

    /// Saves the draft (not a step: the stage stays). Bumps the version;
    /// refused when `expected_version` is stale. Returns the new version.
    async fn save_draft(
        &self,
        id: AssessmentId,
        expected_version: i64,
        draft: &Intervention,
        audit: &AuditEntry,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;

    /// Every submitted werkblad version, oldest first.
    async fn submitted_versions(&self, id: AssessmentId) -> StoreResult<Vec<SubmittedVersion>>;

    /// Stores a step: state, audit row, submitted version, publication and
    /// outgoing mail in one transaction. Returns the new version.
    async fn record_step(&self, step: &AssessmentStep<'_>) -> StoreResult<i64>;

    /// Audit rows, newest first; with `subject` (kind, id) only those.
    async fn audit_entries(
        &self,
        subject: Option<(&str, &str)>,
        limit: u32,
    ) -> StoreResult<Vec<AuditEntry>>;

    /// Published decision summaries of an intervention, newest first.
    async fn decision_summaries(&self, slug: &Slug) -> StoreResult<Vec<DecisionSummary>>;

    /// Records that the owners were told the rating ending on `valid_until`
    /// is about to end, with the audit row and mail, once: returns `false`
    /// (and stores nothing) when it was recorded before.
    async fn record_expiry_notice(
        &self,
        slug: &Slug,
        valid_until: NaiveDate,
        audit: &AuditEntry,
        mails: &[OutgoingMail],
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
}
