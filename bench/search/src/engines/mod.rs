//! The contestants.

pub mod http;
pub mod postgres;
pub mod sqlite;
pub mod watwerkt;
