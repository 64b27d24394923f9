//! The coördinator's side: the queue, placing a submission in a round with
//! its panel, sending it back for changes, the decision and its publication,
//! and the handling of an appeal.

use watwerkt_domain::assessment::{
    Actor, Assessment, Outcome, Proposal, Reviewer, Transition, UserId,
};
use watwerkt_domain::{Coded, PublicationStatus, Rating, RatingDecision, Role};
use watwerkt_store::{AssessmentRecord, DecisionPublication, DecisionSummary};

use super::{apply_step, check_version, mails_to, StepExtras};
use crate::{App, AppError};

/// Longest public summary or motivation accepted (characters).
const MAX_TEXT: usize = 20_000;

/// The panel the coördinator assigns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The round, e.g. "2026-3".
    pub round: String,
    /// The reviewers chosen.
    pub reviewers: Vec<UserId>,
    /// Those of them whose declaration of no conflict of interest was received.
    pub declared: Vec<UserId>,
}

/// What the coördinator decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Erkennen, onder voorbehoud, niet erkennen.
    pub proposal: Proposal,
    /// The public summary of the reviewers' motivation.
    pub summary: String,
}

/// How an appeal ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppealOutcome {
    /// Ongegrond: the decision stands.
    Unfounded,
    /// Gegrond: erkend at the level asked.
    Recognise,
    /// Gegrond: niet erkend.
    Reject,
}

fn check_text(what: &str, text: &str) -> Result<(), AppError> {
    if text.trim().is_empty() {
        return Err(AppError::Invalid(format!("{what} ontbreekt")));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(AppError::Invalid(format!(
            "{what} is langer dan {MAX_TEXT} tekens"
        )));
    }
    Ok(())
}

impl App {
    /// The coördinator's queue: every assessment, newest activity first;
    /// with `stage` (a stage code) only those.
    pub async fn assessment_queue(
        &self,
        caller: UserId,
        stage: Option<&str>,
    ) -> Result<Vec<AssessmentRecord>, AppError> {
        self.caller_with(caller, &[Role::Coordinator]).await?;
        Ok(self.store.list_assessments(stage).await?)
    }

    /// The assessment a coördinator acts on, still at the form's `version`.
    async fn coordinated(
        &self,
        caller: UserId,
        id: i64,
        version: i64,
    ) -> Result<AssessmentRecord, AppError> {
        self.caller_with(caller, &[Role::Coordinator]).await?;
        let record = self.assessment_record(id).await?;
        check_version(&record, version)?;
        Ok(record)
    }

    /// Every intervention (slug, title), for the coördinator's forms.
    pub async fn intervention_choices(
        &self,
        caller: UserId,
    ) -> Result<Vec<(String, String)>, AppError> {
        self.caller_with(caller, &[Role::Coordinator]).await?;
        let mut all: Vec<(String, String)> = self
            .store
            .all_interventions()
            .await?
            .into_iter()
            .map(|i| (i.slug.to_string(), i.title))
            .collect();
        all.sort_by_key(|(_, title)| title.to_lowercase());
        Ok(all)
    }

    /// Registers the account with address `email` (an interventie-eigenaar)
    /// as owner or licensee of the intervention `slug`, so they can ask for
    /// its (re-)assessment. Registering twice changes nothing.
    pub async fn register_owner(
        &self,
        caller: UserId,
        slug: &str,
        email: &str,
    ) -> Result<(), AppError> {
        self.caller_with(caller, &[Role::Coordinator]).await?;
        let slug = watwerkt_domain::Slug::parse(slug.trim()).map_err(|_| {
            AppError::Invalid(format!("kies een interventie ('{slug}' bestaat niet)"))
        })?;
        let intervention = match self.store.get_intervention(&slug).await {
            Err(watwerkt_store::StoreError::NotFound { .. }) => {
                return Err(AppError::Invalid(format!(
                    "interventie '{slug}' bestaat niet"
                )))
            }
            other => other?,
        };
        let wanted = email.trim().to_lowercase();
        let account = self
            .store
            .list_accounts()
            .await?
            .into_iter()
            .find(|a| a.email.as_str() == wanted)
            .ok_or_else(|| {
                AppError::Invalid(format!(
                    "er is geen account met het adres '{}'; nodig de eigenaar eerst uit",
                    email.trim()
                ))
            })?;
        if !account.active || !account.has(Role::Owner) {
            return Err(AppError::Invalid(format!(
                "{} heeft geen actief account als interventie-eigenaar",
                account.name
            )));
        }
        let audit = self.audit_row(
            Some(caller),
            super::SUBJECT_INTERVENTION,
            slug.to_string(),
            "eigenaar geregistreerd",
            None,
            format!("{} ({})", account.name, account.organisation),
        );
        self.store
            .grant_ownership(&intervention.slug, account.id, &audit, self.now())
            .await?;
        Ok(())
    }

    /// The role reviewers of `level` must hold.
    pub fn reviewer_role(&self, level: Rating) -> Role {
        match level {
            Rating::WellDescribed => Role::Assessor,
            _ => Role::CommitteeMember,
        }
    }

    /// Places a submission in a round and assigns its panel.
    pub async fn assign_reviewers(
        &self,
        caller: UserId,
        id: i64,
        version: i64,
        assignment: &Assignment,
    ) -> Result<i64, AppError> {
        let record = self.coordinated(caller, id, version).await?;
        let round = assignment.round.trim();
        if round.is_empty() || round.chars().count() > 40 {
            return Err(AppError::Invalid(
                "geef de ronde op (bijvoorbeeld 2026-3), hoogstens 40 tekens".into(),
            ));
        }
        let role = self.reviewer_role(record.state.level_requested);
        let mut reviewers = Vec::new();
        let mut addresses = Vec::new();
        for user in &assignment.reviewers {
            let account = match self.store.account(*user).await {
                Ok(a) if a.active => a,
                _ => {
                    return Err(AppError::Invalid(format!(
                        "beoordelaar {user} bestaat niet of is niet actief"
                    )))
                }
            };
            if !account.has(role) {
                return Err(AppError::Invalid(format!(
                    "{} is geen {} en kan dit niveau niet beoordelen",
                    account.name,
                    role.label()
                )));
            }
            addresses.push(account.email.as_str().to_owned());
            reviewers.push(Reviewer {
                user: account.id,
                organisation: account.organisation.clone(),
                declared_no_conflict: assignment.declared.contains(user),
            });
        }
        let (state, t) = apply_step(&record, |s| {
            s.schedule(
                Actor::Coordinator(caller),
                round,
                reviewers,
                &self.config.assessment,
            )
        })?;
        let mails = mails_to(
            &addresses,
            &format!("Verzoek om te beoordelen: {}", record.intervention_title),
            &format!(
                "U bent gevraagd '{}' te beoordelen (ronde {round}, niveau {}).\n\n\
                 Uw beoordeling: {}\n",
                record.intervention_title,
                state.level_requested.label(),
                self.mail_link(&format!("/beoordelen/{}", record.id))
            ),
        );
        self.store_step(
            &record,
            version,
            caller,
            &state,
            &t,
            StepExtras::mailing(
                format!(
                    "ronde {round}; beoordelaars {}",
                    assignment
                        .reviewers
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                mails,
            ),
        )
        .await
    }

    /// Sends the werkblad back to the owner (a feedback round).
    pub async fn request_feedback(
        &self,
        caller: UserId,
        id: i64,
        version: i64,
        message: &str,
    ) -> Result<i64, AppError> {
        let record = self.coordinated(caller, id, version).await?;
        check_text("de toelichting voor de eigenaar", message)?;
        let (state, t) = apply_step(&record, |s| {
            s.request_feedback(Actor::Coordinator(caller), &self.config.assessment)
        })?;
        let mails = self
            .mails_to_account(
                state.owner,
                &format!("Aanpassing gevraagd: {}", record.intervention_title),
                &format!(
                    "De beoordelaars vragen u het werkblad van '{}' aan te passen \
                 (feedbackronde {} van {}).\n\n{}\n\nPas het werkblad aan: {}\n",
                    record.intervention_title,
                    state.feedback_rounds,
                    self.config.assessment.max_feedback_rounds,
                    message.trim(),
                    self.mail_link(&format!(
                        "/mijn/interventies/{}/werkblad",
                        record.intervention
                    ))
                ),
            )
            .await?;
        self.store_step(
            &record,
            version,
            caller,
            &state,
            &t,
            StepExtras::mailing(message.trim().to_owned(), mails),
        )
        .await
    }

    /// Records the decision. Refused (nothing changes) when the reviews and
    /// the panel's rule do not allow it. A recognition is published at once:
    /// the submitted werkblad becomes the public description with the new
    /// rating (the old one stays as history) and the summary is shown.
    pub async fn decide_assessment(
        &self,
        caller: UserId,
        id: i64,
        version: i64,
        decision: &Decision,
    ) -> Result<i64, AppError> {
        let record = self.coordinated(caller, id, version).await?;
        let conditional = matches!(decision.proposal, Proposal::Conditional(_));
        if !conditional {
            check_text("de publieke samenvatting", &decision.summary)?;
        }
        let today = self.today();
        let (state, t) = apply_step(&record, |s| {
            s.decide(
                Actor::Coordinator(caller),
                decision.proposal.clone(),
                today,
                &self.config.assessment,
            )
        })?;
        let summary = decision.summary.trim();
        self.store_decision(
            &record,
            version,
            caller,
            (&state, &t),
            summary,
            Some(summary),
        )
        .await
    }

    /// Records how an appeal was handled; a founded appeal changes the
    /// outcome (and the public rating).
    pub async fn decide_appeal(
        &self,
        caller: UserId,
        id: i64,
        version: i64,
        handling: &str,
        outcome: AppealOutcome,
        summary: &str,
    ) -> Result<i64, AppError> {
        let record = self.coordinated(caller, id, version).await?;
        check_text("de behandeling van het bezwaar", handling)?;
        let today = self.today();
        let new_outcome = match outcome {
            AppealOutcome::Unfounded => None,
            AppealOutcome::Recognise => Some(Outcome::Recognised {
                level: record.state.level_requested,
                decided_on: today,
            }),
            AppealOutcome::Reject => Some(Outcome::NotRecognised { decided_on: today }),
        };
        if new_outcome.is_some() {
            check_text("de publieke samenvatting", summary)?;
        }
        let (state, t) = apply_step(&record, |s| {
            s.decide_appeal(Actor::Coordinator(caller), handling.trim(), new_outcome)
        })?;
        let public = (outcome != AppealOutcome::Unfounded).then_some(summary.trim());
        self.store_decision(
            &record,
            version,
            caller,
            (&state, &t),
            handling.trim(),
            public,
        )
        .await
    }

    /// Stores a decision step (`detail` for the audit row): published with
    /// `public_summary` when there is one, the owner told.
    async fn store_decision(
        &self,
        record: &AssessmentRecord,
        version: i64,
        caller: UserId,
        (state, t): (&Assessment, &Transition),
        detail: &str,
        public_summary: Option<&str>,
    ) -> Result<i64, AppError> {
        let publication = match public_summary {
            Some(summary) => {
                self.publication_for(record, state, summary, t.action)
                    .await?
            }
            None => None,
        };
        let mails = self.owner_mail_about_decision(record, state).await?;
        self.store_step(
            record,
            version,
            caller,
            state,
            t,
            StepExtras {
                publish: publication.as_ref(),
                ..StepExtras::mailing(detail.to_owned(), mails)
            },
        )
        .await
    }

    /// What a final outcome publishes; nothing for *onder voorbehoud*.
    async fn publication_for(
        &self,
        record: &AssessmentRecord,
        state: &Assessment,
        summary: &str,
        action: &str,
    ) -> Result<Option<DecisionPublication>, AppError> {
        let (level, decided_on) = match &state.outcome {
            Some(Outcome::Recognised { level, decided_on }) => (Some(*level), *decided_on),
            Some(Outcome::NotRecognised { decided_on }) => (None, *decided_on),
            Some(Outcome::Conditional { .. }) | None => return Ok(None),
        };
        let current = self.store.get_intervention(&record.intervention).await?;
        let intervention = match level {
            Some(level) => {
                let versions = self.store.submitted_versions(record.id).await?;
                let mut public = match versions.last() {
                    Some(v) => v.werkblad.clone(),
                    None => self.store.get_draft(record.id).await?,
                };
                public.slug = record.intervention.clone();
                public.status = PublicationStatus::Published;
                public.rating = Some(RatingDecision {
                    level,
                    decided_on,
                    valid_until: None,
                });
                Some(public)
            }
            // A founded appeal that ends in "niet erkend" withdraws the
            // rating this traject gave; the old one stays as history.
            None if current
                .rating
                .as_ref()
                .is_some_and(|r| state.earlier_outcomes.iter().any(|o| matches!(o, Outcome::Recognised { decided_on, .. } if *decided_on == r.decided_on))) =>
            {
                let mut public = current.clone();
                public.rating = None;
                Some(public)
            }
            None => None,
        };
        Ok(Some(DecisionPublication {
            intervention,
            summary: DecisionSummary {
                assessment: record.id,
                outcome: action.to_owned(),
                level,
                decided_on,
                summary: summary.to_owned(),
                published_at: self.now(),
            },
        }))
    }

    async fn owner_mail_about_decision(
        &self,
        record: &AssessmentRecord,
        state: &Assessment,
    ) -> Result<Vec<watwerkt_store::OutgoingMail>, AppError> {
        let what = match &state.outcome {
            Some(Outcome::Recognised { level, .. }) => format!("erkend als {}", level.label()),
            Some(Outcome::Conditional {
                additions,
                deadline,
                ..
            }) => format!(
                "erkend onder voorbehoud. Gevraagde aanvullingen (uiterlijk {deadline}):\n{additions}"
            ),
            Some(Outcome::NotRecognised { .. }) => "niet erkend".to_owned(),
            None => "nog niet besloten".to_owned(),
        };
        self.mails_to_account(
            state.owner,
            &format!("Besluit erkenning: {}", record.intervention_title),
            &format!(
                "Over '{}' is besloten: {what}.\n\nBekijk het erkenningstraject: {}\n",
                record.intervention_title,
                self.traject_link(record)
            ),
        )
        .await
    }
}
