//! Dossiers with their version history, drafts, theme pages and attachments.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, Transaction};
use watwerkt_domain::dossier::{Attachment, Dossier, ThemePage};
use watwerkt_domain::Publication;
use watwerkt_domain::{Coded, PublicationStatus, Slug, Theme};
use watwerkt_store::{
    ContentBatch, DossierBatch, DossierDraft, DossierStore, DossierSummary, DossierVersion,
    ImportOutcome, Page, PageRequest, PublicationFilter, StoreError, StoreResult,
};

use crate::import::{count, upsert_batch, Change};
use crate::{backend, rows, SqliteStore};

fn corrupt(what: &str) -> StoreError {
    StoreError::Backend(format!("onverwachte waarde in de database ({what})"))
}

fn json<T: serde::Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Invalid(format!("document: {e}")))
}

fn time(s: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt("tijdstip"))
}

fn version_of(row: &SqliteRow) -> StoreResult<DossierVersion> {
    let document: String = row.try_get("document").map_err(backend)?;
    let number: i64 = row.try_get("version").map_err(backend)?;
    let at: String = row.try_get("published_at").map_err(backend)?;
    Ok(DossierVersion {
        number: u32::try_from(number).map_err(|_| corrupt("versie"))?,
        published_at: time(&at)?,
        published_by: row.try_get("published_by").map_err(backend)?,
        dossier: serde_json::from_str(&document).map_err(|_| corrupt("dossier"))?,
    })
}

const SUMMARY: &str = "SELECT d.id, d.slug, d.title, d.status, d.reviewed_on, d.review_due, \
     d.current_version, d.example_data, \
     (SELECT json_group_array(theme) FROM (SELECT theme FROM dossier_themes t \
      WHERE t.dossier_id = d.id ORDER BY position)) AS themes FROM dossiers d";

fn summary(row: &SqliteRow) -> StoreResult<DossierSummary> {
    let slug: String = row.try_get("slug").map_err(backend)?;
    let status: String = row.try_get("status").map_err(backend)?;
    let reviewed: String = row.try_get("reviewed_on").map_err(backend)?;
    let due: String = row.try_get("review_due").map_err(backend)?;
    let version: i64 = row.try_get("current_version").map_err(backend)?;
    let themes: String = row.try_get("themes").map_err(backend)?;
    let codes: Vec<String> = serde_json::from_str(&themes).map_err(|_| corrupt("thema's"))?;
    Ok(DossierSummary {
        slug: rows::slug(&slug)?,
        title: row.try_get("title").map_err(backend)?,
        status: PublicationStatus::from_code(&status).ok_or_else(|| corrupt("status"))?,
        themes: codes.iter().filter_map(|c| Theme::from_code(c)).collect(),
        reviewed_on: rows::date(&reviewed)?,
        review_due: rows::date(&due)?,
        version: u32::try_from(version).map_err(|_| corrupt("versie"))?,
        example_data: row.try_get("example_data").map_err(backend)?,
    })
}

/// The id and current version of a dossier, inside a transaction.
async fn current(tx: &mut Transaction<'_, Sqlite>, slug: &Slug) -> StoreResult<Option<(i64, u32)>> {
    let row = sqlx::query("SELECT id, current_version FROM dossiers WHERE slug = ?")
        .bind(slug.as_str())
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)?;
    match row {
        None => Ok(None),
        Some(r) => {
            let id: i64 = r.try_get("id").map_err(backend)?;
            let v: i64 = r.try_get("current_version").map_err(backend)?;
            Ok(Some((id, u32::try_from(v).map_err(|_| corrupt("versie"))?)))
        }
    }
}

/// Appends `d` as version `number` and makes it current; creates the dossier row
/// when `id` is `None`.
async fn append_version(
    tx: &mut Transaction<'_, Sqlite>,
    id: Option<i64>,
    d: &Dossier,
    number: u32,
    by: Option<i64>,
    now: &str,
) -> StoreResult<()> {
    let id = match id {
        Some(id) => {
            sqlx::query(
                "UPDATE dossiers SET current_version = ?, title = ?, status = ?, reviewed_on = ?, \
                 review_due = ?, example_data = ?, updated_at = ? WHERE id = ?",
            )
            .bind(i64::from(number))
            .bind(&d.title)
            .bind(d.status.code())
            .bind(d.reviewed_on.to_string())
            .bind(d.review_due.to_string())
            .bind(d.example_data)
            .bind(now)
            .bind(id)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
            id
        }
        None => sqlx::query(
            "INSERT INTO dossiers (slug, current_version, title, status, reviewed_on, review_due, \
             example_data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(d.slug.as_str())
        .bind(i64::from(number))
        .bind(&d.title)
        .bind(d.status.code())
        .bind(d.reviewed_on.to_string())
        .bind(d.review_due.to_string())
        .bind(d.example_data)
        .bind(now)
        .bind(now)
        .fetch_one(&mut **tx)
        .await
        .map_err(backend)?
        .try_get("id")
        .map_err(backend)?,
    };
    sqlx::query(
        "INSERT INTO dossier_versions (dossier_id, version, document, published_at, published_by) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(i64::from(number))
    .bind(json(d)?)
    .bind(now)
    .bind(by)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    for table in ["dossier_themes", "dossier_active_elements"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE dossier_id = ?"))
            .bind(id)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    for (pos, t) in d.themes.iter().enumerate() {
        sqlx::query("INSERT INTO dossier_themes (dossier_id, theme, position) VALUES (?, ?, ?)")
            .bind(id)
            .bind(t.code())
            .bind(i64::try_from(pos).unwrap_or(i64::MAX))
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    for (pos, el) in d.active_elements.iter().enumerate() {
        let done = sqlx::query(
            "INSERT INTO dossier_active_elements (dossier_id, active_element_id, position) \
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
                "dossier '{}' verwijst naar werkzaam element '{el}', dat niet bestaat",
                d.slug
            )));
        }
    }
    sqlx::query("DELETE FROM dossier_drafts WHERE dossier_id = ?")
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    Ok(())
}

async fn upsert_dossier(
    tx: &mut Transaction<'_, Sqlite>,
    d: &Dossier,
    now: &str,
) -> StoreResult<Change> {
    match current(tx, &d.slug).await? {
        None => {
            append_version(tx, None, d, 1, None, now).await?;
            Ok(Change::Created)
        }
        Some((id, v)) => {
            let doc: String = sqlx::query(
                "SELECT document FROM dossier_versions WHERE dossier_id = ? AND version = ?",
            )
            .bind(id)
            .bind(i64::from(v))
            .fetch_one(&mut **tx)
            .await
            .map_err(backend)?
            .try_get("document")
            .map_err(backend)?;
            if doc == json(d)? {
                return Ok(Change::Unchanged);
            }
            append_version(tx, Some(id), d, v + 1, None, now).await?;
            Ok(Change::Updated)
        }
    }
}

async fn upsert_theme_page(
    tx: &mut Transaction<'_, Sqlite>,
    page: &ThemePage,
    now: &str,
) -> StoreResult<Change> {
    let doc = json(page)?;
    let old: Option<String> = sqlx::query("SELECT document FROM theme_pages WHERE theme = ?")
        .bind(page.theme.code())
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)?
        .map(|r| r.try_get("document"))
        .transpose()
        .map_err(backend)?;
    if old.as_deref() == Some(doc.as_str()) {
        return Ok(Change::Unchanged);
    }
    sqlx::query(
        "INSERT INTO theme_pages (theme, example_data, document, updated_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (theme) DO UPDATE SET example_data = excluded.example_data, \
         document = excluded.document, updated_at = excluded.updated_at",
    )
    .bind(page.theme.code())
    .bind(page.example_data)
    .bind(&doc)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(if old.is_some() {
        Change::Updated
    } else {
        Change::Created
    })
}

#[async_trait]
impl DossierStore for SqliteStore {
    async fn import_with_dossiers(
        &self,
        content: &ContentBatch,
        dossiers: &DossierBatch,
        now: DateTime<Utc>,
    ) -> StoreResult<ImportOutcome> {
        let now = now.to_rfc3339();
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let mut outcome = upsert_batch(&mut tx, content, &now).await?;
        for d in &dossiers.dossiers {
            count(&mut outcome, upsert_dossier(&mut tx, d, &now).await?);
        }
        for p in &dossiers.theme_pages {
            count(&mut outcome, upsert_theme_page(&mut tx, p, &now).await?);
        }
        tx.commit().await.map_err(backend)?;
        Ok(outcome)
    }

    async fn list_dossiers(&self) -> StoreResult<Vec<DossierSummary>> {
        sqlx::query(&format!("{SUMMARY} ORDER BY d.title, d.slug"))
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?
            .iter()
            .map(summary)
            .collect()
    }

    async fn get_dossier(&self, slug: &Slug) -> StoreResult<DossierVersion> {
        let row = sqlx::query(
            "SELECT v.version, v.document, v.published_at, v.published_by FROM dossiers d \
             JOIN dossier_versions v ON v.dossier_id = d.id AND v.version = d.current_version \
             WHERE d.slug = ?",
        )
        .bind(slug.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("dossier", slug.as_str()))?;
        version_of(&row)
    }

    async fn dossier_versions(&self, slug: &Slug) -> StoreResult<Vec<DossierVersion>> {
        let rows = sqlx::query(
            "SELECT v.version, v.document, v.published_at, v.published_by FROM dossiers d \
             JOIN dossier_versions v ON v.dossier_id = d.id WHERE d.slug = ? ORDER BY v.version",
        )
        .bind(slug.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        if rows.is_empty() {
            return Err(StoreError::not_found("dossier", slug.as_str()));
        }
        rows.iter().map(version_of).collect()
    }

    async fn publish_dossier(
        &self,
        dossier: &Dossier,
        based_on: u32,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> StoreResult<u32> {
        let now = now.to_rfc3339();
        // BEGIN IMMEDIATE semantics: the write lock is taken by the first
        // statement that writes; the version check and the append happen in
        // one transaction, so two publishers cannot both pass the check.
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query("UPDATE dossiers SET updated_at = updated_at WHERE slug = ?")
            .bind(dossier.slug.as_str())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        let Some((id, v)) = current(&mut tx, &dossier.slug).await? else {
            return Err(StoreError::not_found("dossier", dossier.slug.as_str()));
        };
        if v != based_on {
            return Err(StoreError::Conflict(format!(
                "iemand anders heeft intussen versie {v} gepubliceerd; uw bewerking ging uit van \
                 versie {based_on}. Bekijk de nieuwe versie en breng uw wijzigingen opnieuw aan"
            )));
        }
        append_version(&mut tx, Some(id), dossier, v + 1, by, &now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(v + 1)
    }

    async fn save_dossier_draft(
        &self,
        dossier: &Dossier,
        based_on: u32,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let Some((id, _)) = current(&mut tx, &dossier.slug).await? else {
            return Err(StoreError::not_found("dossier", dossier.slug.as_str()));
        };
        sqlx::query(
            "INSERT INTO dossier_drafts (dossier_id, based_on, document, saved_at, saved_by) \
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (dossier_id) DO UPDATE SET \
             based_on = excluded.based_on, document = excluded.document, \
             saved_at = excluded.saved_at, saved_by = excluded.saved_by",
        )
        .bind(id)
        .bind(i64::from(based_on))
        .bind(json(dossier)?)
        .bind(now.to_rfc3339())
        .bind(by)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn dossier_draft(&self, slug: &Slug) -> StoreResult<Option<DossierDraft>> {
        let row = sqlx::query(
            "SELECT r.based_on, r.document, r.saved_at FROM dossier_drafts r \
             JOIN dossiers d ON d.id = r.dossier_id WHERE d.slug = ?",
        )
        .bind(slug.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let doc: String = row.try_get("document").map_err(backend)?;
        let based_on: i64 = row.try_get("based_on").map_err(backend)?;
        let saved: String = row.try_get("saved_at").map_err(backend)?;
        Ok(Some(DossierDraft {
            dossier: serde_json::from_str(&doc).map_err(|_| corrupt("concept"))?,
            based_on: u32::try_from(based_on).map_err(|_| corrupt("versie"))?,
            saved_at: time(&saved)?,
        }))
    }

    async fn dossiers_with_element(&self, slug: &Slug) -> StoreResult<Vec<DossierSummary>> {
        sqlx::query(&format!(
            "{SUMMARY} WHERE d.status = 'gepubliceerd' AND d.id IN (SELECT x.dossier_id FROM \
             dossier_active_elements x JOIN active_elements e ON e.id = x.active_element_id \
             WHERE e.slug = ?) ORDER BY d.title"
        ))
        .bind(slug.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?
        .iter()
        .map(summary)
        .collect()
    }

    async fn get_theme_page(&self, theme: Theme) -> StoreResult<Option<ThemePage>> {
        let row = sqlx::query("SELECT document FROM theme_pages WHERE theme = ?")
            .bind(theme.code())
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        match row {
            None => Ok(None),
            Some(r) => {
                let doc: String = r.try_get("document").map_err(backend)?;
                Ok(Some(
                    serde_json::from_str(&doc).map_err(|_| corrupt("themapagina"))?,
                ))
            }
        }
    }

    async fn list_theme_pages(&self) -> StoreResult<Vec<ThemePage>> {
        let rows = sqlx::query("SELECT document FROM theme_pages")
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        let mut pages: Vec<ThemePage> = rows
            .iter()
            .map(|r| {
                let doc: String = r.try_get("document").map_err(backend)?;
                serde_json::from_str(&doc).map_err(|_| corrupt("themapagina"))
            })
            .collect::<StoreResult<_>>()?;
        pages.sort_by_key(|p| p.theme);
        Ok(pages)
    }

    async fn save_theme_page(&self, page: &ThemePage, now: DateTime<Utc>) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        upsert_theme_page(&mut tx, page, &now.to_rfc3339()).await?;
        tx.commit().await.map_err(backend)
    }

    async fn list_published_publications(
        &self,
        filter: &PublicationFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Publication>> {
        let condition = "status = 'gepubliceerd' AND (?1 IS NULL OR kind = ?1) \
             AND (?2 IS NULL OR EXISTS (SELECT 1 FROM json_each(publications.themes) j \
             WHERE j.value = ?2)) AND (?3 IS NULL OR year = ?3)";
        let kind = filter.kind.map(Coded::code);
        let theme = filter.theme.map(Coded::code);
        let total: i64 = sqlx::query(&format!(
            "SELECT COUNT(*) FROM publications WHERE {condition}"
        ))
        .bind(kind)
        .bind(theme)
        .bind(filter.year)
        .fetch_one(&self.pool)
        .await
        .map_err(backend)?
        .try_get(0)
        .map_err(backend)?;
        let rows = sqlx::query(&format!(
            "SELECT {} FROM publications WHERE {condition} \
             ORDER BY year IS NULL, year DESC, title, slug LIMIT ?4 OFFSET ?5",
            crate::publications::COLUMNS
        ))
        .bind(kind)
        .bind(theme)
        .bind(filter.year)
        .bind(i64::from(page.per_page))
        .bind(i64::try_from(page.offset()).unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(Page {
            items: rows
                .iter()
                .map(crate::publications::publication)
                .collect::<StoreResult<_>>()?,
            total: u64::try_from(total).unwrap_or(0),
            request: page,
        })
    }

    async fn publication_years(&self) -> StoreResult<Vec<i32>> {
        let rows = sqlx::query(
            "SELECT DISTINCT year FROM publications WHERE status = 'gepubliceerd' \
             AND year IS NOT NULL ORDER BY year DESC",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|r| {
                let y: i64 = r.try_get(0).map_err(backend)?;
                i32::try_from(y).map_err(|_| corrupt("jaar"))
            })
            .collect()
    }

    async fn set_publication_attachment(
        &self,
        slug: &Slug,
        attachment: Option<&Attachment>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let doc = attachment.map(json).transpose()?;
        let done =
            sqlx::query("UPDATE publications SET attachment = ?, updated_at = ? WHERE slug = ?")
                .bind(doc)
                .bind(now.to_rfc3339())
                .bind(slug.as_str())
                .execute(&self.pool)
                .await
                .map_err(backend)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found("publicatie", slug.as_str()));
        }
        Ok(())
    }
}
