//! From what a person types to a tantivy query.

pub mod build;
pub mod parse;

pub use parse::{parse, ParsedQuery, Word, MAX_QUERY_CHARS, MAX_QUERY_WORDS};
