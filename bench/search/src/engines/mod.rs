//! The contestants.

pub mod postgres;
pub mod sqlite;
pub mod watwerkt;
