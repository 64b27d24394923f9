//! Publications and the search log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, Transaction};
use watwerkt_domain::{Coded, Publication, PublicationKind, PublicationStatus, Slug};
use watwerkt_store::{
    MissedQuery, Page, PageRequest, PublicationStore, SearchLogStore, SearchRecord, StoreError,
    StoreResult,
};

use crate::{backend, rows, SqliteStore};

pub(crate) const COLUMNS: &str =
    "slug, title, kind, status, year, authors, themes, link, example_data, body, attachment";

fn corrupt(what: &str) -> StoreError {
    StoreError::Backend(format!("onverwachte waarde in de database ({what})"))
}

pub(crate) fn publication(row: &SqliteRow) -> StoreResult<Publication> {
    let slug: String = row.try_get("slug").map_err(backend)?;
    let kind: String = row.try_get("kind").map_err(backend)?;
    let status: String = row.try_get("status").map_err(backend)?;
    let authors: String = row.try_get("authors").map_err(backend)?;
    let themes: String = row.try_get("themes").map_err(backend)?;
    let year: Option<i64> = row.try_get("year").map_err(backend)?;
    let attachment: Option<String> = row.try_get("attachment").map_err(backend)?;
    Ok(Publication {
        slug: rows::slug(&slug)?,
        title: row.try_get("title").map_err(backend)?,
        kind: PublicationKind::from_code(&kind).ok_or_else(|| corrupt("type"))?,
        status: PublicationStatus::from_code(&status).ok_or_else(|| corrupt("status"))?,
        year: year.and_then(|y| i32::try_from(y).ok()),
        authors: serde_json::from_str(&authors).map_err(|_| corrupt("auteurs"))?,
        themes: serde_json::from_str(&themes).map_err(|_| corrupt("thema's"))?,
        link: row.try_get("link").map_err(backend)?,
        example_data: row.try_get("example_data").map_err(backend)?,
        body: row.try_get("body").map_err(backend)?,
        attachment: match attachment {
            Some(a) => Some(serde_json::from_str(&a).map_err(|_| corrupt("bijlage"))?),
            None => None,
        },
    })
}

/// Inserts or updates one publication inside an import transaction.
pub(crate) async fn upsert_publication(
    tx: &mut Transaction<'_, Sqlite>,
    p: &Publication,
    now: &str,
) -> StoreResult<crate::import::Change> {
    use crate::import::Change;
    let existing = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM publications WHERE slug = ?"
    ))
    .bind(p.slug.as_str())
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?;
    let authors =
        serde_json::to_string(&p.authors).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let themes =
        serde_json::to_string(&p.themes).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let attachment = match &p.attachment {
        Some(a) => Some(serde_json::to_string(a).map_err(|e| StoreError::Invalid(e.to_string()))?),
        None => None,
    };
    let change = match existing {
        Some(row) if publication(&row)? == *p => return Ok(Change::Unchanged),
        Some(_) => {
            sqlx::query(
                "UPDATE publications SET title = ?, kind = ?, status = ?, year = ?, authors = ?, \
                 themes = ?, link = ?, example_data = ?, body = ?, attachment = ?, updated_at = ? \
                 WHERE slug = ?",
            )
            .bind(&p.title)
            .bind(p.kind.code())
            .bind(p.status.code())
            .bind(p.year)
            .bind(&authors)
            .bind(&themes)
            .bind(&p.link)
            .bind(p.example_data)
            .bind(&p.body)
            .bind(&attachment)
            .bind(now)
            .bind(p.slug.as_str())
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
            Change::Updated
        }
        None => {
            sqlx::query(
                "INSERT INTO publications (slug, title, kind, status, year, authors, themes, link, \
                 example_data, body, attachment, created_at, updated_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(p.slug.as_str())
            .bind(&p.title)
            .bind(p.kind.code())
            .bind(p.status.code())
            .bind(p.year)
            .bind(&authors)
            .bind(&themes)
            .bind(&p.link)
            .bind(p.example_data)
            .bind(&p.body)
            .bind(&attachment)
            .bind(now)
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
            Change::Created
        }
    };
    Ok(change)
}

#[async_trait]
impl PublicationStore for SqliteStore {
    async fn get_publication(&self, slug: &Slug) -> StoreResult<Publication> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM publications WHERE slug = ?"
        ))
        .bind(slug.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("publicatie", slug.as_str()))?;
        publication(&row)
    }

    async fn list_publications(&self, page: PageRequest) -> StoreResult<Page<Publication>> {
        let total: i64 = sqlx::query("SELECT COUNT(*) FROM publications")
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?
            .try_get(0)
            .map_err(backend)?;
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM publications ORDER BY slug LIMIT ? OFFSET ?"
        ))
        .bind(i64::from(page.per_page))
        .bind(i64::try_from(page.offset()).unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(Page {
            items: rows.iter().map(publication).collect::<StoreResult<_>>()?,
            total: u64::try_from(total).unwrap_or(0),
            request: page,
        })
    }
}

/// Rows per INSERT of the search log (3 parameters each, well under
/// SQLite's limit of 999 parameters of old versions).
const SEARCH_LOG_ROWS_PER_INSERT: usize = 300;

#[async_trait]
impl SearchLogStore for SqliteStore {
    async fn record_searches(&self, records: &[SearchRecord]) -> StoreResult<()> {
        let mut tx = self.log_pool.begin().await.map_err(backend)?;
        // Many rows per statement: each statement is a round trip to the
        // database thread, which cost more than the search it records.
        for chunk in records.chunks(SEARCH_LOG_ROWS_PER_INSERT) {
            let mut insert: QueryBuilder<'_, Sqlite> =
                QueryBuilder::new("INSERT INTO search_log (query, results, searched_at) ");
            insert.push_values(chunk, |mut row, record| {
                let query: String = record.query.trim().chars().take(200).collect();
                row.push_bind(query)
                    .push_bind(i64::try_from(record.results).unwrap_or(i64::MAX))
                    .push_bind(record.at.to_rfc3339());
            });
            insert
                .build()
                .persistent(false)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn missed_queries(&self, limit: u32) -> StoreResult<Vec<MissedQuery>> {
        let rows = sqlx::query(
            "SELECT lower(query) AS q, COUNT(*) AS n, MAX(searched_at) AS last FROM search_log \
             WHERE results = 0 AND query <> '' GROUP BY lower(query) \
             ORDER BY n DESC, last DESC LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|r| {
                let last: String = r.try_get("last").map_err(backend)?;
                let n: i64 = r.try_get("n").map_err(backend)?;
                Ok(MissedQuery {
                    query: r.try_get("q").map_err(backend)?,
                    times: u64::try_from(n).unwrap_or(0),
                    last: DateTime::parse_from_rfc3339(&last)
                        .map_err(|_| corrupt("zoektijd"))?
                        .with_timezone(&Utc),
                })
            })
            .collect()
    }
}
