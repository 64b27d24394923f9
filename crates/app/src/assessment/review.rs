//! The reviewer's side: the assignments and the scored checklist.

use watwerkt_domain::assessment::{Actor, Review, UserId, Verdict};
use watwerkt_domain::Role;
use watwerkt_store::AssessmentRecord;

use super::{apply_step, check_version, forbidden, StepExtras};
use crate::{App, AppError};

/// Longest motivation accepted (characters).
const MAX_MOTIVATION: usize = 10_000;

/// What the score form sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewForm {
    /// Per criterion: met or not, and the motivation.
    pub scores: Vec<(String, bool, String)>,
    /// Overall verdict.
    pub verdict: Verdict,
    /// Overall motivation.
    pub motivation: String,
    /// The reviewer declares having no conflict of interest.
    pub no_conflict: bool,
}

impl App {
    /// The assessments the caller is assigned to review, newest first.
    pub async fn review_assignments(
        &self,
        caller: UserId,
    ) -> Result<Vec<AssessmentRecord>, AppError> {
        self.caller_with(caller, &[Role::Assessor, Role::CommitteeMember])
            .await?;
        Ok(self.store.assessments_of_reviewer(caller).await?)
    }

    /// The assessment, if the caller is one of its reviewers.
    pub(crate) async fn assigned(
        &self,
        caller: UserId,
        id: i64,
    ) -> Result<AssessmentRecord, AppError> {
        self.caller_with(caller, &[Role::Assessor, Role::CommitteeMember])
            .await?;
        let record = self.assessment_record(id).await?;
        if !record.state.reviewers.iter().any(|r| r.user == caller) {
            return Err(forbidden(
                "u bent niet toegewezen aan deze beoordeling en kunt haar niet inzien",
            ));
        }
        Ok(record)
    }

    /// Hands in the caller's scored checklist.
    pub async fn submit_review(
        &self,
        caller: UserId,
        id: i64,
        version: i64,
        form: &ReviewForm,
    ) -> Result<i64, AppError> {
        let record = self.assigned(caller, id).await?;
        check_version(&record, version)?;
        if !form.no_conflict {
            return Err(AppError::Invalid(
                "verklaar dat u geen belangenconflict heeft; heeft u dat wel, meld het dan aan de \
                 coördinator"
                    .into(),
            ));
        }
        if form.motivation.chars().count() > MAX_MOTIVATION
            || form
                .scores
                .iter()
                .any(|(_, _, m)| m.chars().count() > MAX_MOTIVATION)
        {
            return Err(AppError::Invalid(format!(
                "een motivering is langer dan {MAX_MOTIVATION} tekens"
            )));
        }
        let review = Review {
            reviewer: caller,
            scores: form
                .scores
                .iter()
                .map(|(c, met, m)| (c.clone(), *met, m.trim().to_owned()))
                .collect(),
            verdict: form.verdict,
            motivation: form.motivation.trim().to_owned(),
        };
        let (state, t) = apply_step(&record, |s| {
            s.record_review(Actor::Reviewer(caller), review, &self.config.assessment)
        })?;
        let mails = if state.all_reviews_in() {
            self.mails_to_coordinators(
                &format!("Alle beoordelingen binnen: {}", record.intervention_title),
                &format!(
                    "Alle beoordelingen van '{}' zijn binnen. U kunt besluiten: {}\n",
                    record.intervention_title,
                    self.traject_link(&record)
                ),
            )
            .await?
        } else {
            Vec::new()
        };
        self.store_step(
            &record,
            version,
            caller,
            &state,
            &t,
            StepExtras::mailing(
                format!(
                    "{} van {} beoordelingen binnen",
                    state.reviews.len(),
                    state.reviewers.len()
                ),
                mails,
            ),
        )
        .await
    }
}
