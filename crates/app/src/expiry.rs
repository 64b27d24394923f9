//! The daily expiry job: some months before a rating ends, its owners are
//! told by e-mail, once per rating (recorded in the store, so a second run,
//! a restart or a second node sends nothing new). After the end date the
//! public page shows "verlopen" and the owner's dashboard offers
//! "herbeoordeling aanvragen" (see `assessment::owner`).

use std::time::Duration;

use chrono::Months;
use watwerkt_domain::{Coded, PublicationStatus};

use crate::assessment::{mails_to, SUBJECT_INTERVENTION};
use crate::{App, AppError, Clock};

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExpiryReport {
    /// Ratings whose owners were told now.
    pub notified: u64,
    /// Ratings in the notice period whose owners had been told before.
    pub already_notified: u64,
    /// Ratings in the notice period without an owner account to tell.
    pub without_owner: u64,
    /// Conditional recognitions whose additions were overdue: now niet erkend.
    pub lapsed: u64,
}

impl App {
    /// Runs the expiry check for the day `clock` says it is.
    pub async fn run_expiry(&self, clock: &dyn Clock) -> Result<ExpiryReport, AppError> {
        let today = clock.today();
        let months = Months::new(self.config.assessment.expiry_notice_months);
        let mut report = ExpiryReport::default();
        for intervention in self.store.all_interventions().await? {
            if intervention.status != PublicationStatus::Published {
                continue;
            }
            let Some(rating) = &intervention.rating else {
                continue;
            };
            let until = rating.valid_until(&self.config.validity);
            let Some(notice_from) = until.checked_sub_months(months) else {
                continue;
            };
            if today < notice_from || today > until {
                continue;
            }
            let mut addresses = Vec::new();
            for owner in self.store.owners_of(&intervention.slug).await? {
                if let Ok(a) = self.store.account(owner).await {
                    if a.active {
                        addresses.push(a.email.as_str().to_owned());
                    }
                }
            }
            if addresses.is_empty() {
                report.without_owner += 1;
                continue;
            }
            let mails = mails_to(
                &addresses,
                &format!("Erkenning van {} loopt af op {until}", intervention.title),
                &format!(
                    "De erkenning '{}' van '{}' is geldig tot en met {until}. Daarna staat op de \
                     openbare pagina 'verlopen'.\n\nVraag tijdig een herbeoordeling aan: {}\n",
                    rating.level.label(),
                    intervention.title,
                    self.mail_link("/mijn/interventies")
                ),
            );
            let audit = self.audit_row(
                None,
                SUBJECT_INTERVENTION,
                intervention.slug.to_string(),
                "eigenaar gewaarschuwd: erkenning loopt af",
                None,
                format!("geldig tot {until}"),
            );
            let new = self
                .store
                .record_expiry_notice(&intervention.slug, until, &audit, &mails, clock.now())
                .await?;
            if new {
                report.notified += 1;
            } else {
                report.already_notified += 1;
            }
        }
        report.lapsed = self.lapse_overdue_additions(clock).await?;
        if report.notified > 0 || report.lapsed > 0 {
            self.wake_mailer();
        }
        Ok(report)
    }

    /// *Erkend onder voorbehoud* whose additions are overdue lapses to
    /// *niet erkend* (a step of the system, in the audit log, owner told).
    async fn lapse_overdue_additions(&self, clock: &dyn Clock) -> Result<u64, AppError> {
        let today = clock.today();
        let mut lapsed = 0;
        for record in self
            .store
            .list_assessments(Some("onder-voorbehoud"))
            .await?
        {
            let mut state = record.state.clone();
            let Some(t) = state.lapse_if_overdue(today) else {
                continue;
            };
            let mails = self
                .mails_to_account(
                state.owner,
                &format!("Erkenning vervallen: {}", record.intervention_title),
                &format!(
                    "De gevraagde aanvullingen voor '{}' zijn niet op tijd ontvangen; de erkenning \
                     onder voorbehoud is vervallen (niet erkend).\n\nBekijk het erkenningstraject: {}\n",
                    record.intervention_title,
                    self.traject_link(&record)
                ),
            )
                .await?;
            let audit = self.audit_row(
                None,
                crate::assessment::SUBJECT_ASSESSMENT,
                record.id.to_string(),
                t.action,
                Some(&t),
                String::new(),
            );
            let step = watwerkt_store::AssessmentStep {
                id: record.id,
                expected_version: record.version,
                state: &state,
                audit: &audit,
                draft: None,
                submitted: None,
                publish: None,
                mails: &mails,
                now: clock.now(),
            };
            match self.store.record_step(&step).await {
                Ok(_) => lapsed += 1,
                // Someone acted on it meanwhile: the next run looks again.
                Err(watwerkt_store::StoreError::Conflict(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(lapsed)
    }

    /// Runs [`App::run_expiry`] now and then once a day, for `serve`.
    /// Failures are logged; the next run tries again.
    pub fn spawn_expiry_job(&self) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        tokio::spawn(async move {
            loop {
                let clock = app.clock.clone();
                match app.run_expiry(clock.as_ref()).await {
                    Ok(r) if r.notified > 0 => {
                        tracing::info!(notified = r.notified, "verloopwaarschuwingen verstuurd");
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "verloopcontrole mislukt"),
                }
                tokio::time::sleep(Duration::from_secs(24 * 60 * 60)).await;
            }
        })
    }
}
