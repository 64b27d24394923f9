//! Decoding rows into domain values.

use chrono::NaiveDate;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use watwerkt_domain::{Coded, Intervention, Rating, RatingDecision, Slug};
use watwerkt_store::{InterventionSummary, StoreError};

use crate::backend;

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Backend(format!(
        "onverwachte waarde in de database ({what}): {value}"
    ))
}

pub(crate) fn date(s: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| corrupt("datum", s))
}

pub(crate) fn slug(s: &str) -> Result<Slug, StoreError> {
    Slug::parse(s).map_err(|_| corrupt("slug", s))
}

/// Reads a rating from the columns `level`, `decided_on`, `valid_until`
/// (all NULL when there is none).
pub(crate) fn rating(row: &SqliteRow) -> Result<Option<RatingDecision>, StoreError> {
    let level: Option<String> = row.try_get("level").map_err(backend)?;
    let Some(level) = level else {
        return Ok(None);
    };
    let decided: String = row.try_get("decided_on").map_err(backend)?;
    let until: Option<String> = row.try_get("valid_until").map_err(backend)?;
    Ok(Some(RatingDecision {
        level: Rating::from_code(&level).ok_or_else(|| corrupt("niveau", &level))?,
        decided_on: date(&decided)?,
        valid_until: until.as_deref().map(date).transpose()?,
    }))
}

/// Reads the stored JSON document and the current rating.
pub(crate) fn intervention(row: &SqliteRow) -> Result<Intervention, StoreError> {
    let doc: String = row.try_get("document").map_err(backend)?;
    let mut i: Intervention =
        serde_json::from_str(&doc).map_err(|e| corrupt("document", &e.to_string()))?;
    i.rating = rating(row)?;
    Ok(i)
}

/// Reads a summary (themes are filled in afterwards).
pub(crate) fn summary(row: &SqliteRow) -> Result<(i64, InterventionSummary), StoreError> {
    let id: i64 = row.try_get("id").map_err(backend)?;
    let s: String = row.try_get("slug").map_err(backend)?;
    Ok((
        id,
        InterventionSummary {
            slug: slug(&s)?,
            title: row.try_get("title").map_err(backend)?,
            summary: row.try_get("summary").map_err(backend)?,
            themes: Vec::new(),
            rating: rating(row)?,
            owner: row.try_get("owner").map_err(backend)?,
            example_data: row.try_get("example_data").map_err(backend)?,
        },
    ))
}
