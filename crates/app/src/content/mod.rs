//! The human content format: Markdown files with YAML front matter.
//! See `docs/CONTENT-FORMAT.md`.
//!
//! `parse_*` and `write_*` are pure (text in, text out); `load` reads a folder
//! and `export` writes one.

mod attachments;
mod body;
mod dossier_front;
mod dossier_parse;
mod dossier_write;
mod export;
mod front_matter;
mod load;
mod parse;
mod problem;
mod write;

pub use attachments::complete_attachments;
pub use dossier_parse::{parse_dossier, parse_theme_page};
pub use dossier_write::{write_dossier, write_theme_page};
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
/// Folder of dossier files inside a content folder.
pub const DOSSIERS_DIR: &str = "dossiers";
/// Folder of theme-page files inside a content folder.
pub const THEME_PAGES_DIR: &str = "themas";
