//! A themadossier page: the introduction and figures of one theme.

use serde::{Deserialize, Serialize};

use super::Figure;
use crate::Theme;

/// The editable part of a theme page; its dossiers, interventions and
/// publications are found through their themes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemePage {
    /// The theme.
    pub theme: Theme,
    /// Fictional example content.
    pub example_data: bool,
    /// Introduction (Markdown).
    pub intro: String,
    /// Feiten en cijfers.
    pub figures: Vec<Figure>,
}
