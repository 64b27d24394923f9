//! The one storage error type.

/// What can go wrong in storage, independent of the backend.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The item does not exist.
    #[error("{what} '{key}' bestaat niet")]
    NotFound {
        /// Kind of item, in Dutch ("interventie").
        what: &'static str,
        /// The key asked for.
        key: String,
    },
    /// The write conflicts with what is stored (unique key, stale version).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The data breaks a storage rule (e.g. a reference to something absent).
    #[error("ongeldige gegevens: {0}")]
    Invalid(String),
    /// The backend failed; details are logged, not shown.
    #[error("opslagfout: {0}")]
    Backend(String),
}

impl StoreError {
    /// Shorthand for [`StoreError::NotFound`].
    pub fn not_found(what: &'static str, key: impl Into<String>) -> Self {
        Self::NotFound {
            what,
            key: key.into(),
        }
    }
}
