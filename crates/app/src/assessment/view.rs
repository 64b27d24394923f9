//! One traject as a person in a given capacity may see it. Reviews stay
//! hidden from other reviewers until all are in; the owner sees none (the
//! public summary comes with the decision).

use chrono::{Days, NaiveDate};
use watwerkt_domain::assessment::{Actor, Outcome, Review, Stage, UserId};
use watwerkt_domain::{Account, Coded, Intervention, Role};
use watwerkt_store::{AssessmentRecord, AuditEntry, DecisionSummary};

use super::{forbidden, SUBJECT_ASSESSMENT};
use crate::{App, AppError};

/// In which capacity someone looks at a traject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewerRole {
    /// Coördinator erkenning.
    Coordinator,
    /// Assigned reviewer.
    Reviewer,
    /// The owner.
    Owner,
}

/// A review with its author's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewView {
    /// Author's name.
    pub reviewer_name: String,
    /// The review.
    pub review: Review,
}

/// An assigned reviewer as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelMember {
    /// Account.
    pub user: UserId,
    /// Name.
    pub name: String,
    /// Organisation.
    pub organisation: String,
    /// Handed in.
    pub done: bool,
}

/// Everything the traject page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TrajectView {
    /// The assessment.
    pub record: AssessmentRecord,
    /// The capacity of the viewer.
    pub viewer: ViewerRole,
    /// The viewer's account id.
    pub viewer_id: UserId,
    /// The werkblad to read: the latest submitted version (the owner's draft
    /// before the first submission).
    pub werkblad: Option<Intervention>,
    /// Numbers and dates of the submitted versions.
    pub versions: Vec<(i64, chrono::DateTime<chrono::Utc>)>,
    /// The reviews the viewer may read.
    pub reviews: Vec<ReviewView>,
    /// The panel.
    pub panel: Vec<PanelMember>,
    /// Candidates for the panel (coördinator, when it can be assigned).
    pub candidates: Vec<Account>,
    /// The checklist of the level.
    pub criteria: Vec<String>,
    /// The panel's size and rule in Dutch, e.g. "3 praktijkbeoordelaars, meerderheid".
    pub rule: String,
    /// Reviewers the level asks for.
    pub panel_size: usize,
    /// Feedback rounds the owner still has.
    pub feedback_left: u8,
    /// The viewer's own review, if handed in.
    pub own_review: Option<Review>,
    /// The audit rows of this traject with who did it (coördinator only).
    pub audit: Vec<(AuditEntry, String)>,
    /// Published decision summaries of the intervention.
    pub summaries: Vec<DecisionSummary>,
    /// Last day to object, once decided.
    pub appeal_until: Option<NaiveDate>,
    /// Whether the viewer (the owner) may object now.
    pub can_appeal: bool,
}

impl App {
    /// The traject as the caller may see it: the coördinator, an assigned
    /// reviewer, or the owner. Anyone else is refused.
    pub async fn traject(&self, caller: UserId, id: i64) -> Result<TrajectView, AppError> {
        let account = self.caller(caller).await?;
        let record = self.assessment_record(id).await?;
        let (viewer, actor) = match Self::actor_on(&account, &record) {
            Some(a @ Actor::Coordinator(_)) => (ViewerRole::Coordinator, a),
            Some(a @ Actor::Reviewer(_)) => (ViewerRole::Reviewer, a),
            Some(a @ Actor::Owner(_)) => (ViewerRole::Owner, a),
            None => {
                return Err(forbidden(
                    "u bent niet betrokken bij dit erkenningstraject en kunt het niet inzien",
                ))
            }
        };
        self.traject_view(record, viewer, actor, caller).await
    }

    /// The traject for the reviewer's score page; only assigned reviewers.
    pub async fn review_page(&self, caller: UserId, id: i64) -> Result<TrajectView, AppError> {
        let record = self.assigned(caller, id).await?;
        self.traject_view(
            record,
            ViewerRole::Reviewer,
            Actor::Reviewer(caller),
            caller,
        )
        .await
    }

    async fn traject_view(
        &self,
        record: AssessmentRecord,
        viewer: ViewerRole,
        actor: Actor,
        caller: UserId,
    ) -> Result<TrajectView, AppError> {
        let rules = &self.config.assessment;
        let panel_rule = rules.panel_for(record.state.level_requested);
        let versions = self.store.submitted_versions(record.id).await?;
        let werkblad = match versions.last() {
            Some(v) => Some(v.werkblad.clone()),
            None if viewer != ViewerRole::Reviewer => Some(self.store.get_draft(record.id).await?),
            None => None,
        };
        let mut names = std::collections::HashMap::new();
        for r in &record.state.reviewers {
            if let Ok(a) = self.store.account(r.user).await {
                names.insert(r.user, (a.name, a.organisation));
            }
        }
        let name_of = |u: UserId| {
            names
                .get(&u)
                .map_or_else(|| format!("account {u}"), |(n, _)| n.clone())
        };
        let reviews = record
            .state
            .visible_reviews(actor)
            .into_iter()
            .map(|r| ReviewView {
                reviewer_name: name_of(r.reviewer),
                review: r.clone(),
            })
            .collect();
        let panel = record
            .state
            .reviewers
            .iter()
            .map(|r| PanelMember {
                user: r.user,
                name: name_of(r.user),
                organisation: r.organisation.clone(),
                done: record.state.reviews.iter().any(|x| x.reviewer == r.user),
            })
            .collect();
        let candidates =
            if viewer == ViewerRole::Coordinator && record.state.stage == Stage::Submitted {
                let owner_org = record.state.owner_organisation.trim().to_lowercase();
                self.store
                    .accounts_with_role(self.reviewer_role(record.state.level_requested))
                    .await?
                    .into_iter()
                    .filter(|a| {
                        a.active
                            && a.id != record.state.owner
                            && a.organisation.trim().to_lowercase() != owner_org
                    })
                    .collect()
            } else {
                Vec::new()
            };
        let audit = if viewer == ViewerRole::Coordinator {
            let rows = self
                .store
                .audit_entries(Some((SUBJECT_ASSESSMENT, &record.id.to_string())), 500)
                .await?;
            self.with_actor_names(rows).await?
        } else {
            Vec::new()
        };
        let summaries = self
            .store
            .decision_summaries(&record.intervention)
            .await?
            .into_iter()
            .filter(|s| s.assessment == record.id)
            .collect();
        let decided_on = match &record.state.outcome {
            Some(
                Outcome::Recognised { decided_on, .. } | Outcome::NotRecognised { decided_on },
            ) => Some(*decided_on),
            _ => None,
        };
        let appeal_until =
            decided_on.and_then(|d| d.checked_add_days(Days::new(u64::from(rules.appeal_days))));
        let can_appeal = viewer == ViewerRole::Owner
            && record.state.stage == Stage::Decided
            && record.state.appeal.is_none()
            && appeal_until.is_some_and(|d| self.today() <= d);
        let rule = format!(
            "{} {}, {}",
            panel_rule.size,
            if record.state.level_requested == watwerkt_domain::Rating::WellDescribed {
                Role::Assessor.label().to_owned() + "s"
            } else {
                "commissieleden".to_owned()
            },
            match panel_rule.rule {
                watwerkt_domain::assessment::DecisionRule::Majority => "besluit bij meerderheid",
                watwerkt_domain::assessment::DecisionRule::Unanimous => "besluit unaniem",
            }
        );
        let own_review = record
            .state
            .reviews
            .iter()
            .find(|r| r.reviewer == caller)
            .cloned();
        Ok(TrajectView {
            viewer,
            viewer_id: caller,
            werkblad,
            versions: versions
                .iter()
                .map(|v| (v.number, v.submitted_at))
                .collect(),
            reviews,
            panel,
            candidates,
            criteria: panel_rule.criteria.clone(),
            rule,
            own_review,
            panel_size: panel_rule.size,
            feedback_left: rules
                .max_feedback_rounds
                .saturating_sub(record.state.feedback_rounds),
            audit,
            summaries,
            appeal_until,
            can_appeal,
            record,
        })
    }

    /// The audit log, newest first (coördinator and beheerder), each row
    /// with the name of who did it ("systeem" for the jobs).
    pub async fn audit_log(
        &self,
        caller: UserId,
        limit: u32,
    ) -> Result<Vec<(AuditEntry, String)>, AppError> {
        self.caller_with(caller, &[Role::Coordinator, Role::Admin])
            .await?;
        let rows = self.store.audit_entries(None, limit.min(1000)).await?;
        self.with_actor_names(rows).await
    }

    pub(crate) async fn with_actor_names(
        &self,
        rows: Vec<AuditEntry>,
    ) -> Result<Vec<(AuditEntry, String)>, AppError> {
        let mut names: std::collections::HashMap<UserId, String> = std::collections::HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let name = match row.actor {
                None => "systeem".to_owned(),
                Some(u) => {
                    if let Some(n) = names.get(&u) {
                        n.clone()
                    } else {
                        let n = match self.store.account(u).await {
                            Ok(a) => a.name,
                            Err(_) => format!("account {u}"),
                        };
                        names.insert(u, n.clone());
                        n
                    }
                }
            };
            out.push((row, name));
        }
        Ok(out)
    }

    /// The published decision summaries of an intervention (public).
    pub async fn decision_summaries(
        &self,
        slug: &watwerkt_domain::Slug,
    ) -> Result<Vec<DecisionSummary>, AppError> {
        Ok(self.store.decision_summaries(slug).await?)
    }
}
