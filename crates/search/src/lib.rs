//! The search index of watwerkt: tantivy, Dutch analysis chosen by measurement,
//! compound parts, typo tolerance, facets, suggestions.
//!
//! Derived from the store and never the source of truth: [`SearchIndex::rebuild`]
//! makes it anew, and [`SearchIndex::open_or_rebuild`] does so by itself when the
//! directory is missing, corrupt or made by another [`SCHEMA_VERSION`].
//!
//! User input is never parsed as query syntax: see [`query::parse`].

pub mod analysis;
pub mod compound;
pub mod doc;
pub mod error;
pub mod facets;
mod hits;
pub mod index;
pub mod lexicon;
pub mod passage;
pub mod preload;
pub mod query;
mod rating_counts;
pub mod results;
pub mod schema;
pub mod search;
pub mod snippets;
mod stored;
pub mod suggest;
pub mod typo;
pub mod vocabulary;
mod write;

pub use doc::{Kind, SearchDoc};
pub use error::{RebuildReason, Result, SearchError};
pub use facets::{Dimension, FacetCount, FacetCounts, Filters};
pub use index::{IndexOptions, SearchIndex, COMPACT_AFTER_DOCS, VERSION_FILE};
pub use preload::Preload;
pub use results::{Hit, SearchRequest, SearchResults, Sort};
pub use schema::SCHEMA_VERSION;
pub use suggest::{Suggestion, SuggestionTarget};
pub use write::rating_rank;
