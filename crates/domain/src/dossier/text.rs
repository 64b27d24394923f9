//! A dossier as readable text per section: what the version diff compares.

use super::{Claim, Dossier, KnowledgeSource};
use crate::Coded;

fn claim_line(c: &Claim) -> String {
    format!("- {} [{}]", c.text.trim(), c.sources.join(", "))
}

impl Dossier {
    /// The sections as (name, text) in reading order, one line per claim or
    /// source, so that a line diff reads as "what changed".
    pub fn section_texts(&self) -> Vec<(String, String)> {
        let mut out = vec![("Titel".to_string(), self.title.clone())];
        out.push((
            "Thema's".to_string(),
            self.themes
                .iter()
                .map(|t| t.label())
                .collect::<Vec<_>>()
                .join("\n"),
        ));
        out.push(("Inleiding".to_string(), self.intro.clone()));
        out.push((
            "Feiten en cijfers".to_string(),
            self.facts
                .iter()
                .map(claim_line)
                .collect::<Vec<_>>()
                .join("\n"),
        ));
        let mut works = Vec::new();
        for g in &self.what_works {
            works.push(format!("{}:", g.group));
            works.extend(g.claims.iter().map(claim_line));
        }
        out.push(("Wat werkt".to_string(), works.join("\n")));
        out.push((
            "Werkzame elementen".to_string(),
            self.active_elements
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        ));
        let mut lit = vec![format!("Zoekmethode: {}", self.literature.search_method)];
        for s in &self.literature.sources {
            let kind = match &s.knowledge {
                Some(KnowledgeSource::Experiential { how }) => {
                    format!("Ervaringskennis ({})", how.label())
                }
                Some(k) => k.kind().label().to_string(),
                None => "geen kennisbron".to_string(),
            };
            lit.push(format!("[{}] {} — {kind}", s.id, s.citation));
        }
        out.push(("Literatuur".to_string(), lit.join("\n")));
        out.push((
            "Beoordeling".to_string(),
            format!(
                "Laatst beoordeeld: {}\nVolgende beoordeling: {}",
                self.reviewed_on, self.review_due
            ),
        ));
        out
    }
}
