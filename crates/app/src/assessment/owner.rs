//! The owner's side: dashboard, starting a traject (or a re-assessment),
//! editing and submitting the werkblad, sending additions, objecting.

use chrono::Months;
use watwerkt_domain::assessment::{Actor, Assessment, Inclusion, Stage, UserId};
use watwerkt_domain::{
    Approach, Coded, Contact, Description, Goals, Intervention, Owner, PublicationStatus, Rating,
    Role, Slug, TargetGroup, Theme,
};
use watwerkt_store::{AssessmentId, AssessmentRecord, OwnedIntervention, StoreError};

use super::werkblad::{missing, WerkbladEdit, WerkbladView};
use super::{
    apply_step, check_version, forbidden, refused, StepExtras, SUBJECT_ASSESSMENT,
    SUBJECT_INTERVENTION,
};
use crate::views::RatingView;
use crate::{App, AppError};

/// One intervention on the owner's dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardItem {
    /// The intervention.
    pub intervention: OwnedIntervention,
    /// Its current rating, viewed today.
    pub rating: Option<RatingView>,
    /// Its latest assessment.
    pub latest: Option<AssessmentRecord>,
    /// Whether a new traject may start (none is open).
    pub can_start: bool,
    /// Whether that traject is a re-assessment (the rating has ended or ends
    /// within the notice period).
    pub reassessment: bool,
}

/// The owner's dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnerDashboard {
    /// Interventions the owner owns.
    pub items: Vec<DashboardItem>,
}

fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(70).collect();
    while out.ends_with('-') {
        out.pop();
    }
    out
}

impl App {
    /// The interventions the caller owns, with what can be done next.
    pub async fn owner_dashboard(&self, caller: UserId) -> Result<OwnerDashboard, AppError> {
        self.caller_with(caller, &[Role::Owner]).await?;
        let today = self.today();
        let policy = &self.config.validity;
        let mut items = Vec::new();
        for owned in self.store.owned_interventions(caller).await? {
            let all = self.store.assessments_of_intervention(&owned.slug).await?;
            let latest = all
                .iter()
                .find(|a| a.state.owner == caller)
                .or_else(|| all.first())
                .cloned();
            let open = all.iter().any(|a| a.state.stage != Stage::Decided);
            let rating = owned
                .rating
                .as_ref()
                .map(|r| RatingView::of(r, today, policy));
            let notice_from = rating.as_ref().and_then(|r| {
                r.valid_until
                    .checked_sub_months(Months::new(self.config.assessment.expiry_notice_months))
            });
            let reassessment = rating.as_ref().is_some_and(|r| r.expired)
                || notice_from.is_some_and(|d| today >= d);
            items.push(DashboardItem {
                intervention: owned,
                rating,
                latest,
                can_start: !open,
                reassessment,
            });
        }
        Ok(OwnerDashboard { items })
    }

    /// Starts a traject (or a re-assessment) for an intervention the caller
    /// owns. The first draft is the intervention as it stands.
    pub async fn start_assessment(
        &self,
        caller: UserId,
        slug: &str,
        level: Rating,
    ) -> Result<AssessmentId, AppError> {
        let account = self.caller_with(caller, &[Role::Owner]).await?;
        let slug = Slug::parse(slug)
            .map_err(|_| AppError::NotFound(format!("interventie '{slug}' bestaat niet")))?;
        let intervention = self.store.get_intervention(&slug).await?;
        if !self.store.owners_of(&slug).await?.contains(&caller) {
            return Err(forbidden(
                "u bent geen eigenaar van deze interventie en kunt er geen erkenning voor aanvragen",
            ));
        }
        let state = Assessment::new(caller, account.organisation.clone(), level);
        let mut draft = intervention.clone();
        draft.rating = None;
        let audit = self.audit_row(
            Some(caller),
            SUBJECT_ASSESSMENT,
            String::new(),
            if intervention.rating.is_some() {
                "herbeoordeling aangevraagd"
            } else {
                "erkenningstraject gestart"
            },
            None,
            format!("interventie {slug}, niveau {}", level.label()),
        );
        Ok(self
            .store
            .start_assessment(&slug, &state, &draft, &audit, self.now())
            .await?)
    }

    /// Creates a new concept intervention owned by the caller and starts its
    /// traject.
    pub async fn create_concept_intervention(
        &self,
        caller: UserId,
        title: &str,
        theme: Theme,
        level: Rating,
    ) -> Result<(Slug, AssessmentId), AppError> {
        let account = self.caller_with(caller, &[Role::Owner]).await?;
        let title = title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            return Err(AppError::Invalid(
                "geef de interventie een titel van hoogstens 200 tekens".into(),
            ));
        }
        let slug = Slug::parse(&slugify(title)).map_err(|_| {
            AppError::Invalid("de titel moet minstens twee letters of cijfers bevatten".into())
        })?;
        let intervention = Intervention {
            slug: slug.clone(),
            title: title.to_owned(),
            status: PublicationStatus::Draft,
            example_data: false,
            themes: vec![theme],
            target_group: TargetGroup::default(),
            goals: Goals::default(),
            approach: Approach::default(),
            costs: None,
            owner: Owner {
                organisation: account.organisation.clone(),
                website: None,
            },
            contact: Contact::default(),
            active_elements: Vec::new(),
            rating: None,
            research: Vec::new(),
            description: Description::default(),
        };
        let audit = self.audit_row(
            Some(caller),
            SUBJECT_INTERVENTION,
            slug.to_string(),
            "concept-interventie aangemaakt",
            None,
            String::new(),
        );
        match self
            .store
            .create_concept_intervention(&intervention, caller, &audit, self.now())
            .await
        {
            Err(StoreError::Conflict(m)) => return Err(AppError::Conflict(m)),
            other => other?,
        }
        let id = self.start_assessment(caller, slug.as_str(), level).await?;
        Ok((slug, id))
    }

    /// The owner's own assessment; anyone else is refused.
    async fn own_assessment(&self, caller: UserId, id: i64) -> Result<AssessmentRecord, AppError> {
        self.caller_with(caller, &[Role::Owner]).await?;
        let record = self.assessment_record(id).await?;
        if record.state.owner != caller {
            return Err(forbidden(
                "dit werkblad hoort bij een interventie van een andere eigenaar",
            ));
        }
        Ok(record)
    }

    /// The werkblad page: the draft, what is missing, the versions.
    pub async fn werkblad(&self, caller: UserId, id: i64) -> Result<WerkbladView, AppError> {
        let record = self.own_assessment(caller, id).await?;
        let draft = self.store.get_draft(record.id).await?;
        let versions = self.store.submitted_versions(record.id).await?;
        Ok(WerkbladView {
            form: WerkbladEdit::of(&draft),
            missing: missing(&draft),
            editable: record.state.stage.owner_edits(),
            level_editable: record.state.stage == Stage::Draft,
            draft,
            versions,
            record,
        })
    }

    /// The newest assessment of the caller for an intervention (for the
    /// werkblad URL, which names the intervention).
    pub async fn owner_assessment_for(&self, caller: UserId, slug: &str) -> Result<i64, AppError> {
        self.caller_with(caller, &[Role::Owner]).await?;
        let slug = Slug::parse(slug)
            .map_err(|_| AppError::NotFound(format!("interventie '{slug}' bestaat niet")))?;
        // Unknown interventions are "not found", not "someone else's".
        self.store.get_intervention(&slug).await?;
        let all = self.store.assessments_of_intervention(&slug).await?;
        if !self.store.owners_of(&slug).await?.contains(&caller) {
            return Err(forbidden(
                "dit werkblad hoort bij een interventie van een andere eigenaar",
            ));
        }
        all.iter()
            .find(|a| a.state.owner == caller)
            .map(|a| a.id.0)
            .ok_or_else(|| {
                AppError::NotFound(
                    "voor deze interventie is nog geen erkenningstraject gestart".into(),
                )
            })
    }

    /// Saves the draft. Returns the new version.
    pub async fn save_werkblad(
        &self,
        caller: UserId,
        id: i64,
        version: i64,
        edit: &WerkbladEdit,
        level: Option<Rating>,
    ) -> Result<i64, AppError> {
        let record = self.own_assessment(caller, id).await?;
        if !record.state.stage.owner_edits() {
            return Err(AppError::Invalid(format!(
                "het werkblad kan niet worden gewijzigd in de fase '{}'",
                record.state.stage.label()
            )));
        }
        let problems = edit.problems();
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems.join("; ")));
        }
        check_version(&record, version)?;
        let draft = edit.apply(&self.store.get_draft(record.id).await?);
        if let Some(level) = level.filter(|l| *l != record.state.level_requested) {
            if record.state.stage != Stage::Draft {
                return Err(AppError::Invalid(
                    "het gevraagde niveau kan na indienen niet meer worden gewijzigd".into(),
                ));
            }
            let mut state = record.state.clone();
            state.level_requested = level;
            let t = watwerkt_domain::assessment::Transition {
                from: state.stage.clone(),
                to: state.stage.clone(),
                action: "concept opgeslagen, niveau gewijzigd",
            };
            return self
                .store_step(
                    &record,
                    version,
                    caller,
                    &state,
                    &t,
                    StepExtras {
                        detail: format!("gevraagd niveau: {}", level.label()),
                        draft: Some(&draft),
                        ..Default::default()
                    },
                )
                .await;
        }
        let audit = self.audit_row(
            Some(caller),
            SUBJECT_ASSESSMENT,
            record.id.to_string(),
            "concept opgeslagen",
            None,
            String::new(),
        );
        Ok(self
            .store
            .save_draft(record.id, version, &draft, &audit, self.now())
            .await?)
    }

    /// Submits the werkblad (first time, after feedback, or the additions
    /// after *erkend onder voorbehoud*). Missing sections or unmet inclusion
    /// criteria refuse it and change nothing.
    pub async fn submit_werkblad(
        &self,
        caller: UserId,
        id: i64,
        version: i64,
        edit: &WerkbladEdit,
        level: Option<Rating>,
        inclusion: Inclusion,
    ) -> Result<i64, AppError> {
        let record = self.own_assessment(caller, id).await?;
        let problems = edit.problems();
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems.join("; ")));
        }
        check_version(&record, version)?;
        let draft = edit.apply(&self.store.get_draft(record.id).await?);
        let mut state = record.state.clone();
        if let Some(level) = level {
            if state.stage == Stage::Draft {
                state.level_requested = level;
            } else if level != state.level_requested {
                return Err(AppError::Invalid(
                    "het gevraagde niveau kan na indienen niet meer worden gewijzigd".into(),
                ));
            }
        }
        let actor = Actor::Owner(caller);
        let t = if state.stage == Stage::AwaitingAdditions {
            let gaps = missing(&draft);
            if !gaps.is_empty() {
                return Err(refused(
                    watwerkt_domain::assessment::AssessmentError::MissingSections(gaps),
                ));
            }
            state
                .submit_additions(actor, self.today())
                .map_err(refused)?
        } else {
            state
                .submit(actor, &missing(&draft), inclusion, &self.config.assessment)
                .map_err(refused)?
        };
        let link = self.traject_link(&record);
        let mails = self
            .mails_to_coordinators(
                &format!("Erkenning: {} is ingediend", draft.title),
                &format!(
                    "Het werkblad van '{}' is ingediend ({}; gevraagd niveau: {}).\n\n\
                     Bekijk het erkenningstraject: {link}\n",
                    draft.title,
                    t.action,
                    state.level_requested.label()
                ),
            )
            .await?;
        self.store_step(
            &record,
            version,
            caller,
            &state,
            &t,
            StepExtras {
                detail: format!(
                    "gevraagd niveau: {}; {} uitvoeringsplaatsen",
                    state.level_requested.label(),
                    inclusion.places_in_use
                ),
                draft: Some(&draft),
                submitted: Some(&draft),
                mails,
                ..Default::default()
            },
        )
        .await
    }

    /// The owner objects to the decision, within the appeal period.
    pub async fn file_appeal(
        &self,
        caller: UserId,
        id: i64,
        version: i64,
        motivation: &str,
    ) -> Result<i64, AppError> {
        let record = self.own_assessment(caller, id).await?;
        check_version(&record, version)?;
        let (state, t) = apply_step(&record, |s| {
            s.appeal(
                Actor::Owner(caller),
                motivation.trim(),
                self.today(),
                &self.config.assessment,
            )
        })?;
        let mails = self
            .mails_to_coordinators(
                &format!("Bezwaar: {}", record.intervention_title),
                &format!(
                    "De eigenaar van '{}' maakt bezwaar tegen het besluit.\n\nBehandel het bezwaar: {}\n",
                    record.intervention_title,
                    self.traject_link(&record)
                ),
            )
            .await?;
        self.store_step(
            &record,
            version,
            caller,
            &state,
            &t,
            StepExtras::mailing(String::new(), mails),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn titles_become_slugs() {
        assert_eq!(slugify("Samen Sterk in de Wijk!"), "samen-sterk-in-de-wijk");
        assert_eq!(slugify("Één café"), "een-cafe");
        assert_eq!(slugify("  --  "), "");
    }
}
