//! Reading interventions.

use std::collections::HashMap;

use async_trait::async_trait;
use sqlx::{QueryBuilder, Row, Sqlite};
use watwerkt_domain::{Coded, Intervention, PublicationStatus, RatingDecision, Slug, Theme};
use watwerkt_store::{
    InterventionFilter, InterventionStore, InterventionSummary, Page, PageRequest, StoreError,
    StoreResult,
};

use crate::{backend, rows, SqliteStore};

const SUMMARY_COLUMNS: &str = "SELECT i.id, i.slug, i.title, i.summary, i.owner, i.example_data, \
     r.level, r.decided_on, r.valid_until \
     FROM interventions i \
     LEFT JOIN ratings r ON r.intervention_id = i.id AND r.superseded_at IS NULL";

fn push_in<'a, T: Coded>(q: &mut QueryBuilder<'a, Sqlite>, values: &'a [T]) {
    q.push(" IN (");
    let mut sep = q.separated(", ");
    for v in values {
        sep.push_bind(v.code());
    }
    sep.push_unseparated(")");
}

/// Appends the WHERE clause of a filter (and an optional element).
fn push_where<'a>(
    q: &mut QueryBuilder<'a, Sqlite>,
    f: &'a InterventionFilter,
    element: Option<&'a Slug>,
) {
    q.push(" WHERE 1 = 1");
    if let Some(status) = f.status {
        q.push(" AND i.status = ").push_bind(status.code());
    }
    if !f.themes.is_empty() {
        q.push(" AND EXISTS (SELECT 1 FROM intervention_themes t WHERE t.intervention_id = i.id AND t.theme");
        push_in(q, &f.themes);
        q.push(")");
    }
    if !f.groups.is_empty() {
        q.push(" AND EXISTS (SELECT 1 FROM intervention_groups g WHERE g.intervention_id = i.id AND g.target_group");
        push_in(q, &f.groups);
        q.push(")");
    }
    if !f.age_bands.is_empty() {
        q.push(" AND EXISTS (SELECT 1 FROM intervention_age_bands a WHERE a.intervention_id = i.id AND a.age_band");
        push_in(q, &f.age_bands);
        q.push(")");
    }
    if !f.ratings.is_empty() {
        q.push(" AND r.level");
        push_in(q, &f.ratings);
    }
    if let Some(el) = element {
        q.push(
            " AND EXISTS (SELECT 1 FROM intervention_active_elements ia \
             JOIN active_elements e ON e.id = ia.active_element_id \
             WHERE ia.intervention_id = i.id AND e.slug = ",
        )
        .push_bind(el.as_str())
        .push(")");
    }
}

impl SqliteStore {
    async fn themes_of(&self, ids: &[i64]) -> StoreResult<HashMap<i64, Vec<Theme>>> {
        let mut out: HashMap<i64, Vec<Theme>> = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut q = QueryBuilder::<Sqlite>::new(
            "SELECT intervention_id, theme FROM intervention_themes WHERE intervention_id IN (",
        );
        let mut sep = q.separated(", ");
        for id in ids {
            sep.push_bind(*id);
        }
        sep.push_unseparated(") ORDER BY intervention_id, position");
        for row in q.build().fetch_all(&self.pool).await.map_err(backend)? {
            let id: i64 = row.try_get(0).map_err(backend)?;
            let code: String = row.try_get(1).map_err(backend)?;
            if let Some(t) = Theme::from_code(&code) {
                out.entry(id).or_default().push(t);
            }
        }
        Ok(out)
    }

    async fn summaries(
        &self,
        filter: &InterventionFilter,
        element: Option<&Slug>,
        page: Option<PageRequest>,
    ) -> StoreResult<(Vec<InterventionSummary>, u64)> {
        let mut count = QueryBuilder::<Sqlite>::new(
            "SELECT COUNT(*) FROM interventions i \
             LEFT JOIN ratings r ON r.intervention_id = i.id AND r.superseded_at IS NULL",
        );
        push_where(&mut count, filter, element);
        let total: i64 = count
            .build()
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?
            .try_get(0)
            .map_err(backend)?;

        let mut q = QueryBuilder::<Sqlite>::new(SUMMARY_COLUMNS);
        push_where(&mut q, filter, element);
        q.push(" ORDER BY lower(i.title), i.slug");
        if let Some(p) = page {
            q.push(" LIMIT ")
                .push_bind(i64::from(p.per_page))
                .push(" OFFSET ")
                .push_bind(i64::try_from(p.offset()).unwrap_or(i64::MAX));
        }
        let rows = q.build().fetch_all(&self.pool).await.map_err(backend)?;
        let mut items = rows
            .iter()
            .map(rows::summary)
            .collect::<StoreResult<Vec<_>>>()?;
        let ids: Vec<i64> = items.iter().map(|(id, _)| *id).collect();
        let mut themes = self.themes_of(&ids).await?;
        let items = items
            .drain(..)
            .map(|(id, mut s)| {
                s.themes = themes.remove(&id).unwrap_or_default();
                s
            })
            .collect();
        Ok((items, u64::try_from(total).unwrap_or(0)))
    }
}

#[async_trait]
impl InterventionStore for SqliteStore {
    async fn list_interventions(
        &self,
        filter: &InterventionFilter,
        page: PageRequest,
    ) -> StoreResult<Page<InterventionSummary>> {
        let (items, total) = self.summaries(filter, None, Some(page)).await?;
        Ok(Page {
            items,
            total,
            request: page,
        })
    }

    async fn get_intervention(&self, slug: &Slug) -> StoreResult<Intervention> {
        let row = sqlx::query(
            "SELECT i.document, r.level, r.decided_on, r.valid_until FROM interventions i \
             LEFT JOIN ratings r ON r.intervention_id = i.id AND r.superseded_at IS NULL \
             WHERE i.slug = ?",
        )
        .bind(slug.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("interventie", slug.as_str()))?;
        rows::intervention(&row)
    }

    async fn all_interventions(&self) -> StoreResult<Vec<Intervention>> {
        let rows = sqlx::query(
            "SELECT i.document, r.level, r.decided_on, r.valid_until FROM interventions i \
             LEFT JOIN ratings r ON r.intervention_id = i.id AND r.superseded_at IS NULL \
             ORDER BY i.slug",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(rows::intervention).collect()
    }

    async fn interventions_with_element(
        &self,
        slug: &Slug,
    ) -> StoreResult<Vec<InterventionSummary>> {
        let filter = InterventionFilter::default();
        Ok(self.summaries(&filter, Some(slug), None).await?.0)
    }

    async fn theme_counts(&self) -> StoreResult<Vec<(Theme, u64)>> {
        let rows = sqlx::query(
            "SELECT t.theme, COUNT(*) FROM intervention_themes t \
             JOIN interventions i ON i.id = t.intervention_id \
             WHERE i.status = ? GROUP BY t.theme",
        )
        .bind(PublicationStatus::Published.code())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let mut counts: HashMap<String, i64> = HashMap::new();
        for row in rows {
            counts.insert(
                row.try_get(0).map_err(backend)?,
                row.try_get(1).map_err(backend)?,
            );
        }
        Ok(Theme::ALL
            .iter()
            .map(|t| {
                let n = counts.get(t.code()).copied().unwrap_or(0);
                (*t, u64::try_from(n).unwrap_or(0))
            })
            .collect())
    }

    async fn rating_history(&self, slug: &Slug) -> StoreResult<Vec<RatingDecision>> {
        let rows = sqlx::query(
            "SELECT r.level, r.decided_on, r.valid_until FROM ratings r \
             JOIN interventions i ON i.id = r.intervention_id \
             WHERE i.slug = ? AND r.superseded_at IS NOT NULL \
             ORDER BY r.decided_on DESC, r.id DESC",
        )
        .bind(slug.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .filter_map(|r| rows::rating(r).transpose())
            .collect()
    }
}
