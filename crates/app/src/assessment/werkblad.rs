//! The werkblad the owner edits online: the same sections as the Markdown
//! format (`docs/CONTENT-FORMAT.md`), plus title and main goal.

use watwerkt_domain::{Coded, Intervention, Section};
use watwerkt_store::{AssessmentRecord, SubmittedVersion};

/// Longest text accepted in one field (characters).
pub const MAX_FIELD_CHARS: usize = 50_000;

/// What the werkblad form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WerkbladEdit {
    /// Title.
    pub title: String,
    /// Main goal (hoofddoel).
    pub main_goal: String,
    /// Section texts (Markdown); an empty text removes the section.
    pub sections: Vec<(Section, String)>,
}

impl WerkbladEdit {
    /// The form as it stands for `draft`.
    pub fn of(draft: &Intervention) -> Self {
        Self {
            title: draft.title.clone(),
            main_goal: draft.goals.main.clone(),
            sections: Section::ALL
                .iter()
                .map(|s| (*s, draft.description.get(*s).unwrap_or_default().to_owned()))
                .collect(),
        }
    }

    /// Checks the sizes; returns the problems in Dutch.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.title.trim().is_empty() {
            out.push("de titel ontbreekt".to_owned());
        }
        if self.title.chars().count() > 200 {
            out.push("de titel is langer dan 200 tekens".to_owned());
        }
        if self.main_goal.chars().count() > MAX_FIELD_CHARS {
            out.push("het hoofddoel is te lang".to_owned());
        }
        for (s, text) in &self.sections {
            if text.chars().count() > MAX_FIELD_CHARS {
                out.push(format!(
                    "sectie {} is langer dan {MAX_FIELD_CHARS} tekens",
                    s.label()
                ));
            }
        }
        out
    }

    /// The draft with this edit applied (line ends normalised).
    pub fn apply(&self, draft: &Intervention) -> Intervention {
        let mut out = draft.clone();
        out.title = self.title.trim().to_owned();
        out.goals.main = self.main_goal.trim().replace("\r\n", "\n");
        for (s, text) in &self.sections {
            let text = text.replace("\r\n", "\n").trim().to_owned();
            out.description.set(*s, Some(text));
        }
        out
    }
}

/// Required werkblad parts still missing, in werkblad order (as headings).
pub fn missing(draft: &Intervention) -> Vec<&'static str> {
    let mut out = Vec::new();
    if draft.goals.main.trim().is_empty() {
        out.push("Doel (hoofddoel)");
    }
    out.extend(draft.description.missing());
    out
}

/// The werkblad page of an assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct WerkbladView {
    /// The assessment.
    pub record: AssessmentRecord,
    /// The draft.
    pub draft: Intervention,
    /// What the form shows.
    pub form: WerkbladEdit,
    /// Required parts still missing.
    pub missing: Vec<&'static str>,
    /// Versions submitted so far.
    pub versions: Vec<SubmittedVersion>,
    /// Whether the owner may edit now.
    pub editable: bool,
    /// Whether the level may still be changed (before the first submission).
    pub level_editable: bool,
}
