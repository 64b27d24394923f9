//! Reading the erkenningstraject forms: they carry a variable number of
//! fields (one per werkblad section, per criterion, per candidate), so they
//! arrive as name/value pairs and are read here with Dutch messages.

use axum::http::StatusCode;
use watwerkt_app::AppError;
use watwerkt_domain::{Coded, Rating};

use crate::error::WebError;

/// A refusal the page shows again with its message: invalid input → 422,
/// a form sent twice or shown at an older version → 409. Any other error
/// is passed on.
pub(crate) fn refusal(e: AppError) -> Result<(String, StatusCode), AppError> {
    let status = match e {
        AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        other => return Err(other),
    };
    Ok((e.to_string(), status))
}

/// The fields of a url-encoded form, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value of `name`, or "".
    pub fn text(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether a checkbox `name` was ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && !v.is_empty())
    }

    /// The form's `versie` (the version the page was shown at).
    pub fn version(&self) -> Result<i64, WebError> {
        self.text("versie").trim().parse().map_err(|_| {
            WebError::Invalid("het formulier mist zijn versie; laad de pagina opnieuw".into())
        })
    }

    /// An optional level (`niveau`), by code.
    pub fn level(&self) -> Result<Option<Rating>, WebError> {
        let code = self.text("niveau").trim();
        if code.is_empty() {
            return Ok(None);
        }
        Rating::from_code(code)
            .map(Some)
            .ok_or_else(|| WebError::Invalid(format!("onbekend erkenningsniveau '{code}'")))
    }
}

/// A level choice for a select.
pub(crate) struct LevelOption {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

/// Every level, with `current` selected.
pub(crate) fn level_options(current: Option<Rating>) -> Vec<LevelOption> {
    Rating::ALL
        .iter()
        .map(|r| LevelOption {
            code: r.code(),
            label: format!("Niveau {}: {}", r.numeral(), r.label()),
            selected: Some(*r) == current,
        })
        .collect()
}
