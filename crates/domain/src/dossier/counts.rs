//! How the claims of a dossier rest on the three knowledge sources.

use std::collections::BTreeSet;

use super::{Claim, Dossier, KnowledgeKind};

/// Number of claims resting (at least partly) on each kind of knowledge. A
/// claim citing a scientific and an experiential source counts for both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SourceCounts {
    /// Claims citing scientific knowledge.
    pub scientific: u32,
    /// Claims citing practice knowledge.
    pub practice: u32,
    /// Claims citing experiential knowledge.
    pub experiential: u32,
    /// Number of claims.
    pub claims: u32,
}

impl SourceCounts {
    /// The count for one kind.
    pub fn get(&self, kind: KnowledgeKind) -> u32 {
        match kind {
            KnowledgeKind::Scientific => self.scientific,
            KnowledgeKind::Practice => self.practice,
            KnowledgeKind::Experiential => self.experiential,
        }
    }

    fn add(&mut self, kinds: &BTreeSet<KnowledgeKind>) {
        self.claims += 1;
        for k in kinds {
            match k {
                KnowledgeKind::Scientific => self.scientific += 1,
                KnowledgeKind::Practice => self.practice += 1,
                KnowledgeKind::Experiential => self.experiential += 1,
            }
        }
    }

    fn plus(&mut self, other: &Self) {
        self.scientific += other.scientific;
        self.practice += other.practice;
        self.experiential += other.experiential;
        self.claims += other.claims;
    }
}

/// The counts of one section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionCounts {
    /// Section name, in Dutch.
    pub section: String,
    /// Its counts.
    pub counts: SourceCounts,
}

impl Dossier {
    /// The kinds of knowledge a claim rests on (unknown ids are ignored).
    pub fn kinds_of(&self, claim: &Claim) -> BTreeSet<KnowledgeKind> {
        claim
            .sources
            .iter()
            .filter_map(|id| self.source(id))
            .filter_map(|s| s.knowledge.as_ref().map(super::KnowledgeSource::kind))
            .collect()
    }

    /// Counts per section (feiten en cijfers, then each target group) and the total.
    pub fn source_counts(&self) -> (Vec<SectionCounts>, SourceCounts) {
        let mut sections: Vec<SectionCounts> = Vec::new();
        for (name, claim) in self.claims() {
            let kinds = self.kinds_of(claim);
            match sections.iter_mut().find(|s| s.section == name) {
                Some(s) => s.counts.add(&kinds),
                None => {
                    let mut counts = SourceCounts::default();
                    counts.add(&kinds);
                    sections.push(SectionCounts {
                        section: name,
                        counts,
                    });
                }
            }
        }
        let mut total = SourceCounts::default();
        for s in &sections {
            total.plus(&s.counts);
        }
        (sections, total)
    }
}
