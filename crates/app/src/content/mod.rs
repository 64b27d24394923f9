//! The human content format: Markdown files with YAML front matter.
//! See `docs/CONTENT-FORMAT.md`.
//!
//! `parse_*` and `write_*` are pure (text in, text out); `load` reads a folder
//! and `export` writes one.

mod body;
mod export;
mod front_matter;
mod load;
mod parse;
mod problem;
mod write;

pub use export::{export_markdown, export_open_data, export_publications, OpenDataFormat};
pub use load::{load_dir, LoadedContent};
pub use parse::{parse_active_element, parse_intervention, parse_publication};
pub use problem::{Problem, Problems};
pub use write::{write_active_element, write_intervention, write_publication};

/// Folder of intervention files inside a content folder.
pub const INTERVENTIONS_DIR: &str = "interventies";
/// Folder of publication files inside a content folder.
pub const PUBLICATIONS_DIR: &str = "publicaties";
/// Folder of werkzaam-element files inside a content folder.
pub const ACTIVE_ELEMENTS_DIR: &str = "werkzame-elementen";
