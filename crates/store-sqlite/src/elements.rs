//! Reading werkzame elementen.

use async_trait::async_trait;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use watwerkt_domain::{ActiveElement, Coded, PublicationStatus, Slug};
use watwerkt_store::{ActiveElementStore, StoreError, StoreResult};

use crate::{backend, rows, SqliteStore};

fn element(row: &SqliteRow) -> StoreResult<ActiveElement> {
    let slug: String = row.try_get("slug").map_err(backend)?;
    Ok(ActiveElement {
        slug: rows::slug(&slug)?,
        name: row.try_get("name").map_err(backend)?,
        description: row.try_get("description").map_err(backend)?,
        example_data: row.try_get("example_data").map_err(backend)?,
    })
}

#[async_trait]
impl ActiveElementStore for SqliteStore {
    async fn get_active_element(&self, slug: &Slug) -> StoreResult<ActiveElement> {
        let row = sqlx::query(
            "SELECT slug, name, description, example_data FROM active_elements WHERE slug = ?",
        )
        .bind(slug.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("werkzaam element", slug.as_str()))?;
        element(&row)
    }

    async fn active_elements_by_slugs(&self, slugs: &[Slug]) -> StoreResult<Vec<ActiveElement>> {
        if slugs.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
            "SELECT slug, name, description, example_data FROM active_elements WHERE slug IN (",
        );
        let mut sep = q.separated(", ");
        for s in slugs {
            sep.push_bind(s.as_str());
        }
        sep.push_unseparated(")");
        let rows = q.build().fetch_all(&self.pool).await.map_err(backend)?;
        let mut found = rows.iter().map(element).collect::<StoreResult<Vec<_>>>()?;
        found.sort_by_key(|e| slugs.iter().position(|s| *s == e.slug));
        Ok(found)
    }

    async fn list_active_elements(&self) -> StoreResult<Vec<(ActiveElement, u64)>> {
        let rows = sqlx::query(
            "SELECT e.slug, e.name, e.description, e.example_data, \
             (SELECT COUNT(*) FROM intervention_active_elements ia \
              JOIN interventions i ON i.id = ia.intervention_id \
              WHERE ia.active_element_id = e.id AND i.status = ?) AS n \
             FROM active_elements e ORDER BY lower(e.name), e.slug",
        )
        .bind(PublicationStatus::Published.code())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|r| {
                let n: i64 = r.try_get("n").map_err(backend)?;
                Ok((element(r)?, u64::try_from(n).unwrap_or(0)))
            })
            .collect()
    }
}
