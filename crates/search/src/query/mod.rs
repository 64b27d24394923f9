//! From what a person types to a tantivy query.

pub mod all_of;
pub mod any_of;
mod bm25;
pub mod bonus;
pub mod build;
pub mod cached_term;
mod clauses;
pub mod compounds;
mod decoded;
pub mod parse;
pub mod phrases;
pub mod term_cache;
pub mod warm;
pub mod words;

pub use parse::{parse, ParsedQuery, Word, MAX_QUERY_CHARS, MAX_QUERY_WORDS};
