//! The contestants.

pub mod http;
mod http_client;
pub mod postgres;
pub mod sqlite;
pub mod watwerkt;
pub mod wire;
