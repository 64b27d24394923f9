//! The error of a use case.

use watwerkt_store::StoreError;

/// Why a use case did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (or is not public).
    #[error("{0}")]
    NotFound(String),
    /// The input is wrong; the message says what to change (Dutch).
    #[error("{0}")]
    Invalid(String),
    /// The write conflicts with stored data.
    #[error("{0}")]
    Conflict(String),
    /// The person may not do this (Dutch message says what).
    #[error("{0}")]
    Forbidden(String),
    /// Something failed inside; logged, shown as a generic message.
    #[error("interne fout: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } => Self::NotFound(e.to_string()),
            StoreError::Conflict(m) => Self::Conflict(m),
            StoreError::Invalid(m) => Self::Invalid(m),
            StoreError::Backend(m) => Self::Internal(m),
        }
    }
}
