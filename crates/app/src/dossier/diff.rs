//! A readable diff between two versions of a dossier, section by section.

use similar::{ChangeTag, TextDiff};
use watwerkt_domain::dossier::Dossier;

/// What happened to a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineChange {
    /// In both versions.
    Same,
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
}

/// One line of a section diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// What happened.
    pub change: LineChange,
    /// The text.
    pub text: String,
}

/// The diff of one section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionDiff {
    /// Section name.
    pub section: String,
    /// Whether anything changed.
    pub changed: bool,
    /// The lines, old and new interleaved.
    pub lines: Vec<DiffLine>,
}

/// The diff between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionDiff {
    /// Older version number.
    pub from: u32,
    /// Newer version number.
    pub to: u32,
    /// Every section, changed or not.
    pub sections: Vec<SectionDiff>,
}

impl VersionDiff {
    /// Compares two versions section by section.
    pub fn between(from: u32, old: &Dossier, to: u32, new: &Dossier) -> Self {
        let old_sections = old.section_texts();
        let new_sections = new.section_texts();
        let sections = old_sections
            .iter()
            .zip(&new_sections)
            .map(|((name, a), (_, b))| {
                let diff = TextDiff::from_lines(a.as_str(), b.as_str());
                let lines: Vec<DiffLine> = diff
                    .iter_all_changes()
                    .map(|c| DiffLine {
                        change: match c.tag() {
                            ChangeTag::Equal => LineChange::Same,
                            ChangeTag::Insert => LineChange::Added,
                            ChangeTag::Delete => LineChange::Removed,
                        },
                        text: c.value().trim_end_matches('\n').to_string(),
                    })
                    .collect();
                SectionDiff {
                    section: name.clone(),
                    changed: a != b,
                    lines,
                }
            })
            .collect();
        Self { from, to, sections }
    }

    /// Whether any section changed.
    pub fn any_change(&self) -> bool {
        self.sections.iter().any(|s| s.changed)
    }
}
