//! The erkenningstraject in SQLite: one transaction per step (state, audit
//! row, submitted version, publication, outbox).

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use watwerkt_domain::assessment::{Assessment, UserId};
use watwerkt_domain::{Coded, Intervention, PublicationStatus, Rating, Slug};
use watwerkt_store::{
    AssessmentId, AssessmentRecord, AssessmentStep, AssessmentStore, AuditEntry, DecisionSummary,
    OutgoingMail, OwnedIntervention, StoreError, StoreResult, SubmittedVersion,
};

use crate::audit::{self, instant};
use crate::{backend, rows, SqliteStore};

const RECORD_COLUMNS: &str = "SELECT a.id, a.state, a.version, a.created_at, a.updated_at, \
     i.slug, i.title FROM assessments a JOIN interventions i ON i.id = a.intervention_id";

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(format!("onverwachte waarde in de database ({what}): {e}"))
}

fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Invalid(format!("document: {e}")))
}

fn record(row: &SqliteRow) -> StoreResult<AssessmentRecord> {
    let state: String = row.try_get("state").map_err(backend)?;
    let slug: String = row.try_get("slug").map_err(backend)?;
    let created: String = row.try_get("created_at").map_err(backend)?;
    let updated: String = row.try_get("updated_at").map_err(backend)?;
    Ok(AssessmentRecord {
        id: AssessmentId(row.try_get("id").map_err(backend)?),
        intervention: rows::slug(&slug)?,
        intervention_title: row.try_get("title").map_err(backend)?,
        state: serde_json::from_str(&state).map_err(|e| corrupt("traject", e))?,
        version: row.try_get("version").map_err(backend)?,
        created_at: instant(&created)?,
        updated_at: instant(&updated)?,
    })
}

fn document(row: &SqliteRow) -> StoreResult<Intervention> {
    let doc: String = row.try_get("document").map_err(backend)?;
    serde_json::from_str(&doc).map_err(|e| corrupt("werkblad", e))
}

async fn intervention_id(conn: &mut SqliteConnection, slug: &Slug) -> StoreResult<i64> {
    sqlx::query("SELECT id FROM interventions WHERE slug = ?")
        .bind(slug.as_str())
        .fetch_optional(conn)
        .await
        .map_err(backend)?
        .map(|r| r.try_get::<i64, _>("id"))
        .transpose()
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("interventie", slug.as_str()))
}

/// Replaces the derived reviewer rows of an assessment.
async fn sync_reviewers(
    conn: &mut SqliteConnection,
    id: AssessmentId,
    state: &Assessment,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM assessment_reviewers WHERE assessment_id = ?")
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    for r in &state.reviewers {
        sqlx::query("INSERT INTO assessment_reviewers (assessment_id, user_id) VALUES (?, ?)")
            .bind(id.0)
            .bind(r.user.0)
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

/// Bumps the version if it is still `expected`; a stale version is a conflict.
async fn bump_version(
    conn: &mut SqliteConnection,
    id: AssessmentId,
    expected: i64,
    now: &str,
) -> StoreResult<i64> {
    let done = sqlx::query(
        "UPDATE assessments SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
    )
    .bind(now)
    .bind(id.0)
    .bind(expected)
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    if done.rows_affected() == 1 {
        return Ok(expected + 1);
    }
    let exists = sqlx::query("SELECT 1 FROM assessments WHERE id = ?")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?;
    if exists.is_none() {
        return Err(StoreError::not_found("erkenningstraject", id.to_string()));
    }
    Err(StoreError::Conflict(
        "het erkenningstraject is intussen gewijzigd (formulier al verstuurd of verouderd); \
         laad de pagina opnieuw"
            .into(),
    ))
}

impl SqliteStore {
    /// A write transaction that takes the write lock at its start (`BEGIN
    /// IMMEDIATE`): two steps at the same moment (a double-clicked form) run
    /// one after the other, and the second sees the first's result (and is
    /// refused as stale) instead of failing on a lock upgrade.
    async fn write(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        self.pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(backend)
    }
}

#[async_trait]
impl AssessmentStore for SqliteStore {
    async fn grant_ownership(
        &self,
        slug: &Slug,
        user: UserId,
        entry: &AuditEntry,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.write().await?;
        let id = intervention_id(&mut tx, slug).await?;
        let done = sqlx::query(
            "INSERT INTO intervention_owners (intervention_id, user_id, granted_at) VALUES (?, ?, ?) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(user.0)
        .bind(now.to_rfc3339())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 1 {
            audit::append(&mut tx, entry).await?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn owners_of(&self, slug: &Slug) -> StoreResult<Vec<UserId>> {
        let rows = sqlx::query(
            "SELECT o.user_id FROM intervention_owners o JOIN interventions i ON i.id = o.intervention_id \
             WHERE i.slug = ? ORDER BY o.user_id",
        )
        .bind(slug.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|r| r.try_get::<i64, _>("user_id").map(UserId).map_err(backend))
            .collect()
    }

    async fn owned_interventions(&self, user: UserId) -> StoreResult<Vec<OwnedIntervention>> {
        let rows = sqlx::query(
            "SELECT i.slug, i.title, i.status, r.level, r.decided_on, r.valid_until \
             FROM intervention_owners o JOIN interventions i ON i.id = o.intervention_id \
             LEFT JOIN ratings r ON r.intervention_id = i.id AND r.superseded_at IS NULL \
             WHERE o.user_id = ? ORDER BY i.title COLLATE NOCASE, i.slug",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|r| {
                let slug: String = r.try_get("slug").map_err(backend)?;
                let status: String = r.try_get("status").map_err(backend)?;
                Ok(OwnedIntervention {
                    slug: rows::slug(&slug)?,
                    title: r.try_get("title").map_err(backend)?,
                    status: PublicationStatus::from_code(&status)
                        .ok_or_else(|| corrupt("status", &status))?,
                    rating: rows::rating(r)?,
                })
            })
            .collect()
    }

    async fn create_concept_intervention(
        &self,
        intervention: &Intervention,
        owner: UserId,
        entry: &AuditEntry,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let now_s = now.to_rfc3339();
        let mut tx = self.write().await?;
        let taken = sqlx::query("SELECT 1 FROM interventions WHERE slug = ?")
            .bind(intervention.slug.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
        if taken.is_some() {
            return Err(StoreError::Conflict(format!(
                "er bestaat al een interventie met de naam '{}'",
                intervention.slug
            )));
        }
        crate::import::upsert_intervention(&mut tx, intervention, &now_s).await?;
        let id = intervention_id(&mut tx, &intervention.slug).await?;
        sqlx::query(
            "INSERT INTO intervention_owners (intervention_id, user_id, granted_at) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(owner.0)
        .bind(&now_s)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        audit::append(&mut tx, entry).await?;
        tx.commit().await.map_err(backend)
    }

    async fn start_assessment(
        &self,
        slug: &Slug,
        state: &Assessment,
        draft: &Intervention,
        entry: &AuditEntry,
        now: DateTime<Utc>,
    ) -> StoreResult<AssessmentId> {
        let now_s = now.to_rfc3339();
        let mut tx = self.write().await?;
        let iid = intervention_id(&mut tx, slug).await?;
        let open = sqlx::query(
            "SELECT id FROM assessments WHERE intervention_id = ? AND stage <> 'besloten'",
        )
        .bind(iid)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        if let Some(row) = open {
            let other: i64 = row.try_get("id").map_err(backend)?;
            return Err(StoreError::Conflict(format!(
                "voor deze interventie loopt al een erkenningstraject (nummer {other})"
            )));
        }
        let row = sqlx::query(
            "INSERT INTO assessments (intervention_id, owner_id, level_requested, stage, state, version, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
        )
        .bind(iid)
        .bind(state.owner.0)
        .bind(state.level_requested.code())
        .bind(state.stage.code())
        .bind(to_json(state)?)
        .bind(&now_s)
        .bind(&now_s)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        let id = AssessmentId(row.try_get("id").map_err(backend)?);
        sqlx::query(
            "INSERT INTO werkblad_drafts (assessment_id, document, saved_at) VALUES (?, ?, ?)",
        )
        .bind(id.0)
        .bind(to_json(draft)?)
        .bind(&now_s)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        let mut entry = entry.clone();
        entry.subject_id = id.to_string();
        audit::append(&mut tx, &entry).await?;
        tx.commit().await.map_err(backend)?;
        Ok(id)
    }

    async fn get_assessment(&self, id: AssessmentId) -> StoreResult<AssessmentRecord> {
        let row = sqlx::query(&format!("{RECORD_COLUMNS} WHERE a.id = ?"))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or_else(|| StoreError::not_found("erkenningstraject", id.to_string()))?;
        record(&row)
    }

    async fn list_assessments(&self, stage: Option<&str>) -> StoreResult<Vec<AssessmentRecord>> {
        let rows = sqlx::query(&format!(
            "{RECORD_COLUMNS} WHERE (?1 IS NULL OR a.stage = ?1) ORDER BY a.updated_at DESC, a.id DESC"
        ))
        .bind(stage)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(record).collect()
    }

    async fn assessments_of_owner(&self, user: UserId) -> StoreResult<Vec<AssessmentRecord>> {
        let rows = sqlx::query(&format!(
            "{RECORD_COLUMNS} WHERE a.owner_id = ? ORDER BY a.id DESC"
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(record).collect()
    }

    async fn assessments_of_reviewer(&self, user: UserId) -> StoreResult<Vec<AssessmentRecord>> {
        let rows = sqlx::query(&format!(
            "{RECORD_COLUMNS} WHERE a.id IN (SELECT assessment_id FROM assessment_reviewers WHERE user_id = ?) \
             ORDER BY a.id DESC"
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(record).collect()
    }

    async fn assessments_of_intervention(&self, slug: &Slug) -> StoreResult<Vec<AssessmentRecord>> {
        let rows = sqlx::query(&format!(
            "{RECORD_COLUMNS} WHERE i.slug = ? ORDER BY a.id DESC"
        ))
        .bind(slug.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(record).collect()
    }

    async fn get_draft(&self, id: AssessmentId) -> StoreResult<Intervention> {
        let row = sqlx::query("SELECT document FROM werkblad_drafts WHERE assessment_id = ?")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or_else(|| StoreError::not_found("werkblad", id.to_string()))?;
        document(&row)
    }

    async fn save_draft(
        &self,
        id: AssessmentId,
        expected_version: i64,
        draft: &Intervention,
        entry: &AuditEntry,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let now_s = now.to_rfc3339();
        let mut tx = self.write().await?;
        let version = bump_version(&mut tx, id, expected_version, &now_s).await?;
        sqlx::query(
            "UPDATE werkblad_drafts SET document = ?, saved_at = ? WHERE assessment_id = ?",
        )
        .bind(to_json(draft)?)
        .bind(&now_s)
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        audit::append(&mut tx, entry).await?;
        tx.commit().await.map_err(backend)?;
        Ok(version)
    }

    async fn submitted_versions(&self, id: AssessmentId) -> StoreResult<Vec<SubmittedVersion>> {
        let rows = sqlx::query(
            "SELECT number, document, submitted_by, submitted_at FROM werkblad_versions \
             WHERE assessment_id = ? ORDER BY number",
        )
        .bind(id.0)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|r| {
                let at: String = r.try_get("submitted_at").map_err(backend)?;
                Ok(SubmittedVersion {
                    number: r.try_get("number").map_err(backend)?,
                    submitted_at: instant(&at)?,
                    submitted_by: UserId(r.try_get("submitted_by").map_err(backend)?),
                    werkblad: document(r)?,
                })
            })
            .collect()
    }

    async fn record_step(&self, step: &AssessmentStep<'_>) -> StoreResult<i64> {
        let now_s = step.now.to_rfc3339();
        let mut tx = self.write().await?;
        let version = bump_version(&mut tx, step.id, step.expected_version, &now_s).await?;
        sqlx::query(
            "UPDATE assessments SET stage = ?, state = ?, level_requested = ? WHERE id = ?",
        )
        .bind(step.state.stage.code())
        .bind(to_json(step.state)?)
        .bind(step.state.level_requested.code())
        .bind(step.id.0)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        sync_reviewers(&mut tx, step.id, step.state).await?;
        if let Some(draft) = step.draft {
            sqlx::query(
                "UPDATE werkblad_drafts SET document = ?, saved_at = ? WHERE assessment_id = ?",
            )
            .bind(to_json(draft)?)
            .bind(&now_s)
            .bind(step.id.0)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        if let Some(werkblad) = step.submitted {
            sqlx::query(
                "INSERT INTO werkblad_versions (assessment_id, number, document, submitted_by, submitted_at) \
                 SELECT ?1, COALESCE(MAX(number), 0) + 1, ?2, ?3, ?4 FROM werkblad_versions WHERE assessment_id = ?1",
            )
            .bind(step.id.0)
            .bind(to_json(werkblad)?)
            .bind(step.state.owner.0)
            .bind(&now_s)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        if let Some(publication) = step.publish {
            let iid: i64 = sqlx::query("SELECT intervention_id FROM assessments WHERE id = ?")
                .bind(step.id.0)
                .fetch_one(&mut *tx)
                .await
                .map_err(backend)?
                .try_get("intervention_id")
                .map_err(backend)?;
            if let Some(i) = &publication.intervention {
                let current: String = sqlx::query("SELECT slug FROM interventions WHERE id = ?")
                    .bind(iid)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(backend)?
                    .try_get("slug")
                    .map_err(backend)?;
                if current != i.slug.as_str() {
                    return Err(StoreError::Invalid(
                        "de publicatie hoort bij een andere interventie".into(),
                    ));
                }
                crate::import::upsert_intervention(&mut tx, i, &now_s).await?;
            }
            let rating_id: Option<i64> = match publication.summary.level {
                Some(_) => sqlx::query(
                    "SELECT id FROM ratings WHERE intervention_id = ? AND superseded_at IS NULL",
                )
                .bind(iid)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?
                .map(|r| r.try_get("id"))
                .transpose()
                .map_err(backend)?,
                None => None,
            };
            let s = &publication.summary;
            sqlx::query(
                "INSERT INTO decision_summaries (assessment_id, intervention_id, rating_id, outcome, level, decided_on, summary, published_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(step.id.0)
            .bind(iid)
            .bind(rating_id)
            .bind(&s.outcome)
            .bind(s.level.map(Coded::code))
            .bind(s.decided_on.to_string())
            .bind(&s.summary)
            .bind(&now_s)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        audit::append(&mut tx, step.audit).await?;
        crate::outbox::enqueue(&mut tx, step.mails).await?;
        tx.commit().await.map_err(backend)?;
        Ok(version)
    }

    async fn audit_entries(
        &self,
        subject: Option<(&str, &str)>,
        limit: u32,
    ) -> StoreResult<Vec<AuditEntry>> {
        let (kind, id) = subject.unzip();
        let rows = sqlx::query(
            "SELECT id, at, actor_id, subject_kind, subject_id, action, from_state, to_state, detail \
             FROM audit_log WHERE (?1 IS NULL OR (subject_kind = ?1 AND subject_id = ?2)) \
             ORDER BY id DESC LIMIT ?3",
        )
        .bind(kind)
        .bind(id)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(audit::entry).collect()
    }

    async fn decision_summaries(&self, slug: &Slug) -> StoreResult<Vec<DecisionSummary>> {
        let rows = sqlx::query(
            "SELECT d.assessment_id, d.outcome, d.level, d.decided_on, d.summary, d.published_at \
             FROM decision_summaries d JOIN interventions i ON i.id = d.intervention_id \
             WHERE i.slug = ? ORDER BY d.id DESC",
        )
        .bind(slug.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|r| {
                let level: Option<String> = r.try_get("level").map_err(backend)?;
                let decided: String = r.try_get("decided_on").map_err(backend)?;
                let published: String = r.try_get("published_at").map_err(backend)?;
                Ok(DecisionSummary {
                    assessment: AssessmentId(r.try_get("assessment_id").map_err(backend)?),
                    outcome: r.try_get("outcome").map_err(backend)?,
                    level: level
                        .map(|l| Rating::from_code(&l).ok_or_else(|| corrupt("niveau", &l)))
                        .transpose()?,
                    decided_on: rows::date(&decided)?,
                    summary: r.try_get("summary").map_err(backend)?,
                    published_at: instant(&published)?,
                })
            })
            .collect()
    }

    async fn record_expiry_notice(
        &self,
        slug: &Slug,
        valid_until: NaiveDate,
        entry: &AuditEntry,
        mails: &[OutgoingMail],
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let iid = intervention_id(&mut tx, slug).await?;
        let done = sqlx::query(
            "INSERT INTO expiry_notices (intervention_id, valid_until, sent_at) VALUES (?, ?, ?) \
             ON CONFLICT DO NOTHING",
        )
        .bind(iid)
        .bind(valid_until.to_string())
        .bind(now.to_rfc3339())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        audit::append(&mut tx, entry).await?;
        crate::outbox::enqueue(&mut tx, mails).await?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }
}
