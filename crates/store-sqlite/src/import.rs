//! Writing content in bulk, in one transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{Row, Sqlite, Transaction};
use watwerkt_domain::{ActiveElement, Coded, Intervention, RatingDecision};
use watwerkt_store::{ContentBatch, ContentStore, ImportOutcome, StoreError, StoreResult};

use crate::{backend, rows, SqliteStore};

/// What an upsert did.
#[derive(Clone, Copy)]
pub(crate) enum Change {
    Created,
    Updated,
    Unchanged,
}

pub(crate) fn count(outcome: &mut ImportOutcome, change: Change) {
    match change {
        Change::Created => outcome.created += 1,
        Change::Updated => outcome.updated += 1,
        Change::Unchanged => outcome.unchanged += 1,
    }
}

async fn upsert_element(
    tx: &mut Transaction<'_, Sqlite>,
    e: &ActiveElement,
    now: &str,
) -> StoreResult<Change> {
    let existing =
        sqlx::query("SELECT name, description, example_data FROM active_elements WHERE slug = ?")
            .bind(e.slug.as_str())
            .fetch_optional(&mut **tx)
            .await
            .map_err(backend)?;
    match existing {
        None => {
            sqlx::query(
                "INSERT INTO active_elements (slug, name, description, example_data, created_at, updated_at) \
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(e.slug.as_str())
            .bind(&e.name)
            .bind(&e.description)
            .bind(e.example_data)
            .bind(now)
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
            Ok(Change::Created)
        }
        Some(row) => {
            let same = row.try_get::<String, _>("name").map_err(backend)? == e.name
                && row.try_get::<String, _>("description").map_err(backend)? == e.description
                && row.try_get::<bool, _>("example_data").map_err(backend)? == e.example_data;
            if same {
                return Ok(Change::Unchanged);
            }
            sqlx::query(
                "UPDATE active_elements SET name = ?, description = ?, example_data = ?, updated_at = ? \
                 WHERE slug = ?",
            )
            .bind(&e.name)
            .bind(&e.description)
            .bind(e.example_data)
            .bind(now)
            .bind(e.slug.as_str())
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
            Ok(Change::Updated)
        }
    }
}

async fn replace_links(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    i: &Intervention,
) -> StoreResult<()> {
    for table in [
        "intervention_themes",
        "intervention_groups",
        "intervention_age_bands",
        "intervention_active_elements",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE intervention_id = ?"))
            .bind(id)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    for (pos, t) in i.themes.iter().enumerate() {
        sqlx::query(
            "INSERT INTO intervention_themes (intervention_id, theme, position) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(t.code())
        .bind(i64::try_from(pos).unwrap_or(i64::MAX))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for g in &i.target_group.groups {
        sqlx::query(
            "INSERT INTO intervention_groups (intervention_id, target_group) VALUES (?, ?)",
        )
        .bind(id)
        .bind(g.code())
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for a in &i.target_group.age_bands {
        sqlx::query("INSERT INTO intervention_age_bands (intervention_id, age_band) VALUES (?, ?)")
            .bind(id)
            .bind(a.code())
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    for (pos, el) in i.active_elements.iter().enumerate() {
        let done = sqlx::query(
            "INSERT INTO intervention_active_elements (intervention_id, active_element_id, position) \
             SELECT ?, id, ? FROM active_elements WHERE slug = ?",
        )
        .bind(id)
        .bind(i64::try_from(pos).unwrap_or(i64::MAX))
        .bind(el.as_str())
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Invalid(format!(
                "interventie '{}' verwijst naar werkzaam element '{el}', dat niet bestaat",
                i.slug
            )));
        }
    }
    Ok(())
}

/// Records `new` as the current rating when it differs from the current one;
/// the old one stays as history. Returns whether anything changed.
async fn record_rating(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    new: Option<&RatingDecision>,
    now: &str,
) -> StoreResult<bool> {
    let row = sqlx::query(
        "SELECT id, level, decided_on, valid_until FROM ratings \
         WHERE intervention_id = ? AND superseded_at IS NULL",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?;
    let current = match &row {
        Some(r) => rows::rating(r)?,
        None => None,
    };
    if current.as_ref() == new {
        return Ok(false);
    }
    if let Some(r) = &row {
        let rid: i64 = r.try_get("id").map_err(backend)?;
        sqlx::query("UPDATE ratings SET superseded_at = ? WHERE id = ?")
            .bind(now)
            .bind(rid)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    if let Some(n) = new {
        sqlx::query(
            "INSERT INTO ratings (intervention_id, level, decided_on, valid_until, recorded_at) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(n.level.code())
        .bind(n.decided_on.to_string())
        .bind(n.valid_until.map(|d| d.to_string()))
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(true)
}

pub(crate) async fn upsert_intervention(
    tx: &mut Transaction<'_, Sqlite>,
    i: &Intervention,
    now: &str,
) -> StoreResult<Change> {
    let mut doc = i.clone();
    doc.rating = None;
    let document =
        serde_json::to_string(&doc).map_err(|e| StoreError::Invalid(format!("document: {e}")))?;
    let summary = i
        .description
        .get(watwerkt_domain::Section::Summary)
        .unwrap_or_default()
        .to_string();
    let existing = sqlx::query("SELECT id, document FROM interventions WHERE slug = ?")
        .bind(i.slug.as_str())
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)?;
    let (id, mut change) = match existing {
        Some(row) => {
            let id: i64 = row.try_get("id").map_err(backend)?;
            let old: String = row.try_get("document").map_err(backend)?;
            if old == document {
                (id, Change::Unchanged)
            } else {
                sqlx::query(
                    "UPDATE interventions SET title = ?, status = ?, example_data = ?, summary = ?, \
                     owner = ?, document = ?, updated_at = ? WHERE id = ?",
                )
                .bind(&i.title)
                .bind(i.status.code())
                .bind(i.example_data)
                .bind(&summary)
                .bind(&i.owner.organisation)
                .bind(&document)
                .bind(now)
                .bind(id)
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
                replace_links(tx, id, i).await?;
                (id, Change::Updated)
            }
        }
        None => {
            let row = sqlx::query(
                "INSERT INTO interventions (slug, title, status, example_data, summary, owner, document, created_at, updated_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(i.slug.as_str())
            .bind(&i.title)
            .bind(i.status.code())
            .bind(i.example_data)
            .bind(&summary)
            .bind(&i.owner.organisation)
            .bind(&document)
            .bind(now)
            .bind(now)
            .fetch_one(&mut **tx)
            .await
            .map_err(backend)?;
            let id: i64 = row.try_get("id").map_err(backend)?;
            replace_links(tx, id, i).await?;
            (id, Change::Created)
        }
    };
    if record_rating(tx, id, i.rating.as_ref(), now).await? {
        if let Change::Unchanged = change {
            change = Change::Updated;
        }
    }
    Ok(change)
}

/// Upserts every item of `batch` inside the caller's transaction.
pub(crate) async fn upsert_batch(
    tx: &mut Transaction<'_, Sqlite>,
    batch: &ContentBatch,
    now: &str,
) -> StoreResult<ImportOutcome> {
    let mut outcome = ImportOutcome::default();
    for e in &batch.active_elements {
        count(&mut outcome, upsert_element(tx, e, now).await?);
    }
    for i in &batch.interventions {
        count(&mut outcome, upsert_intervention(tx, i, now).await?);
    }
    for p in &batch.publications {
        count(
            &mut outcome,
            crate::publications::upsert_publication(tx, p, now).await?,
        );
    }
    Ok(outcome)
}

#[async_trait]
impl ContentStore for SqliteStore {
    async fn import_content(
        &self,
        batch: &ContentBatch,
        now: DateTime<Utc>,
    ) -> StoreResult<ImportOutcome> {
        let now = now.to_rfc3339();
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let outcome = upsert_batch(&mut tx, batch, &now).await?;
        // Dropping `tx` on any error above rolls everything back.
        tx.commit().await.map_err(backend)?;
        Ok(outcome)
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM interventions) + (SELECT COUNT(*) FROM active_elements) \
             + (SELECT COUNT(*) FROM publications)",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(backend)?;
        let n: i64 = row.try_get(0).map_err(backend)?;
        Ok(n == 0)
    }
}
