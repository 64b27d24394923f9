//! The erkenningstraject online: each step is a permission check, one
//! transaction (state + audit row + outgoing mail), then side effects after
//! the commit (wake the mailer, update the search index).
//!
//! Who may do what is decided here: the role (from the stored account, not
//! from what the browser says) and the object (an owner only their own
//! intervention, a reviewer only an assessment they are assigned to).

mod coordinator;
mod owner;
mod review;
mod view;
mod werkblad;

use chrono::{DateTime, Utc};
use watwerkt_domain::assessment::{Actor, Assessment, AssessmentError, Transition, UserId};
use watwerkt_domain::{Account, Intervention, Role};
use watwerkt_store::{
    AssessmentId, AssessmentRecord, AssessmentStep, AuditEntry, DecisionPublication, OutgoingMail,
};

use crate::{App, AppError};

pub use coordinator::{AppealOutcome, Assignment, Decision};
pub use owner::{DashboardItem, OwnerDashboard};
pub use review::ReviewForm;
pub use view::{ReviewView, TrajectView, ViewerRole};
pub use werkblad::{WerkbladEdit, WerkbladView};

/// The audit subject kind of an assessment.
pub const SUBJECT_ASSESSMENT: &str = "erkenningstraject";
/// The audit subject kind of an intervention.
pub const SUBJECT_INTERVENTION: &str = "interventie";

/// A refused domain step as a use-case error: not allowed → forbidden,
/// anything else → invalid input with the domain's Dutch message.
pub(crate) fn refused(e: AssessmentError) -> AppError {
    match e {
        AssessmentError::NotAllowed => AppError::Forbidden(e.to_string()),
        other => AppError::Invalid(other.to_string()),
    }
}

/// Refuses a form shown at an older version (sent twice, or stale).
pub(crate) fn check_version(record: &AssessmentRecord, version: i64) -> Result<(), AppError> {
    if version == record.version {
        Ok(())
    } else {
        Err(stale())
    }
}

/// The refusal of a form sent twice or shown at an older version.
pub(crate) fn stale() -> AppError {
    AppError::Conflict(
        "dit formulier is al verstuurd of verouderd: het erkenningstraject is intussen \
         gewijzigd. Laad de pagina opnieuw."
            .into(),
    )
}

/// Applies a domain step to a copy of `record`'s state: the changed state
/// and the transition, or the refusal (the record itself stays as it was).
pub(crate) fn apply_step(
    record: &AssessmentRecord,
    step: impl FnOnce(&mut Assessment) -> Result<Transition, AssessmentError>,
) -> Result<(Assessment, Transition), AppError> {
    let mut state = record.state.clone();
    let transition = step(&mut state).map_err(refused)?;
    Ok((state, transition))
}

fn forbidden(message: &str) -> AppError {
    AppError::Forbidden(message.to_owned())
}

/// What a step writes besides the state.
#[derive(Default)]
pub(crate) struct StepExtras<'a> {
    pub detail: String,
    pub draft: Option<&'a Intervention>,
    pub submitted: Option<&'a Intervention>,
    pub publish: Option<&'a DecisionPublication>,
    pub mails: Vec<OutgoingMail>,
}

impl StepExtras<'_> {
    /// A detail for the audit row and the mails to send, nothing else.
    pub(crate) fn mailing(detail: String, mails: Vec<OutgoingMail>) -> Self {
        Self {
            detail,
            mails,
            ..Default::default()
        }
    }
}

impl App {
    /// The stored account of the caller; an inactive or unknown account may
    /// do nothing.
    pub(crate) async fn caller(&self, id: UserId) -> Result<Account, AppError> {
        match self.store.account(id).await {
            Ok(a) if a.active => Ok(a),
            Ok(_) | Err(watwerkt_store::StoreError::NotFound { .. }) => {
                Err(forbidden("uw account is niet (meer) actief"))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The caller, who must hold one of `roles`.
    pub(crate) async fn caller_with(
        &self,
        id: UserId,
        roles: &[Role],
    ) -> Result<Account, AppError> {
        let account = self.caller(id).await?;
        if account.roles.contains_any(roles) {
            Ok(account)
        } else {
            Err(forbidden("u heeft hiervoor niet de juiste rol"))
        }
    }

    pub(crate) fn audit_row(
        &self,
        actor: Option<UserId>,
        kind: &str,
        subject: String,
        action: &str,
        transition: Option<&Transition>,
        detail: String,
    ) -> AuditEntry {
        AuditEntry {
            id: 0,
            at: self.clock.now(),
            actor,
            subject_kind: kind.to_owned(),
            subject_id: subject,
            action: action.to_owned(),
            from_state: transition.map(|t| t.from.label().to_owned()),
            to_state: transition.map(|t| t.to.label().to_owned()),
            detail,
        }
    }

    /// Stores a step computed on `record` (whose state is already changed in
    /// `state`), then wakes the mailer. A stale version is refused.
    pub(crate) async fn store_step(
        &self,
        record: &AssessmentRecord,
        expected_version: i64,
        actor: UserId,
        state: &watwerkt_domain::assessment::Assessment,
        transition: &Transition,
        extras: StepExtras<'_>,
    ) -> Result<i64, AppError> {
        if expected_version != record.version {
            return Err(stale());
        }
        let audit = self.audit_row(
            Some(actor),
            SUBJECT_ASSESSMENT,
            record.id.to_string(),
            transition.action,
            Some(transition),
            extras.detail,
        );
        let step = AssessmentStep {
            id: record.id,
            expected_version,
            state,
            audit: &audit,
            draft: extras.draft,
            submitted: extras.submitted,
            publish: extras.publish,
            mails: &extras.mails,
            now: self.clock.now(),
        };
        let version = self.store.record_step(&step).await?;
        if !extras.mails.is_empty() {
            self.wake_mailer();
        }
        if let Some(p) = extras.publish {
            if let Some(i) = &p.intervention {
                self.index_after_commit(&watwerkt_store::ContentBatch {
                    interventions: vec![i.clone()],
                    ..Default::default()
                });
            }
        }
        Ok(version)
    }

    /// One assessment, or not found.
    pub(crate) async fn assessment_record(&self, id: i64) -> Result<AssessmentRecord, AppError> {
        Ok(self.store.get_assessment(AssessmentId(id)).await?)
    }

    /// The e-mail addresses of the active accounts holding `role`.
    pub(crate) async fn addresses_of_role(&self, role: Role) -> Result<Vec<String>, AppError> {
        Ok(self
            .store
            .accounts_with_role(role)
            .await?
            .into_iter()
            .filter(|a| a.active)
            .map(|a| a.email.as_str().to_owned())
            .collect())
    }

    /// A mail to every active coördinator.
    pub(crate) async fn mails_to_coordinators(
        &self,
        subject: &str,
        body: &str,
    ) -> Result<Vec<OutgoingMail>, AppError> {
        let coordinators = self.addresses_of_role(Role::Coordinator).await?;
        Ok(mails_to(&coordinators, subject, body))
    }

    /// A mail to the account `owner`, none if it no longer exists.
    pub(crate) async fn mails_to_account(
        &self,
        owner: UserId,
        subject: &str,
        body: &str,
    ) -> Result<Vec<OutgoingMail>, AppError> {
        let address = self.address_of(owner).await?;
        Ok(mails_to(
            &address.into_iter().collect::<Vec<_>>(),
            subject,
            body,
        ))
    }

    /// The e-mail address of an account, if it still exists.
    pub(crate) async fn address_of(&self, id: UserId) -> Result<Option<String>, AppError> {
        match self.store.account(id).await {
            Ok(a) => Ok(Some(a.email.as_str().to_owned())),
            Err(watwerkt_store::StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The capacity in which `account` acts on `record`: coordinator first,
    /// then assigned reviewer, then owner.
    pub(crate) fn actor_on(account: &Account, record: &AssessmentRecord) -> Option<Actor> {
        if account.has(Role::Coordinator) {
            return Some(Actor::Coordinator(account.id));
        }
        if record.state.reviewers.iter().any(|r| r.user == account.id)
            && account
                .roles
                .contains_any(&[Role::Assessor, Role::CommitteeMember])
        {
            return Some(Actor::Reviewer(account.id));
        }
        if record.state.owner == account.id && account.has(Role::Owner) {
            return Some(Actor::Owner(account.id));
        }
        None
    }

    /// A link to a site path for mails.
    pub(crate) fn mail_link(&self, path: &str) -> String {
        self.site_link(path)
    }

    /// A link to the traject page of `record`, for mails.
    pub(crate) fn traject_link(&self, record: &AssessmentRecord) -> String {
        self.mail_link(&format!("/erkenning/{}", record.id))
    }

    /// Now, from the application's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

/// A mail to each address.
pub(crate) fn mails_to(addresses: &[String], subject: &str, body: &str) -> Vec<OutgoingMail> {
    addresses
        .iter()
        .map(|to| OutgoingMail {
            to: to.clone(),
            subject: subject.to_owned(),
            body: body.to_owned(),
        })
        .collect()
}
