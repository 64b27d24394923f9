//! View models of dossier pages: claims with source badges, sources, cards.

use watwerkt_app::dossier::{DossierCard, DossierView};
use watwerkt_domain::dossier::{Claim, Dossier, KnowledgeKind, KnowledgeSource};
use watwerkt_domain::Coded;

use super::chart::kind_class;
use super::parts::Link;
use crate::auth::MaybeUser;
use crate::format::dutch_date;

/// Whether the visitor may edit dossiers, theme pages and publications.
pub(crate) fn is_editor(user: &MaybeUser) -> bool {
    use watwerkt_domain::Role;
    user.0
        .as_ref()
        .is_some_and(|u| u.has_any(&[Role::Editor, Role::Admin]))
}

/// A knowledge-source badge.
#[derive(Debug, Clone)]
pub(crate) struct Badge {
    pub code: &'static str,
    pub label: &'static str,
    pub class: &'static str,
}

impl Badge {
    pub fn of(k: KnowledgeKind) -> Self {
        Self {
            code: k.code(),
            label: k.label(),
            class: kind_class(k),
        }
    }
}

/// A claim with the badges of its knowledge sources and links to its sources.
#[derive(Debug, Clone)]
pub(crate) struct ClaimVm {
    pub text: String,
    pub badges: Vec<Badge>,
    pub sources: Vec<String>,
}

/// A group of claims (a section or a target group).
#[derive(Debug, Clone)]
pub(crate) struct ClaimGroup {
    pub heading: String,
    pub claims: Vec<ClaimVm>,
    /// Claims in the group before filtering.
    pub all: usize,
}

/// A source in the literature list.
#[derive(Debug, Clone)]
pub(crate) struct SourceVm {
    pub id: String,
    pub citation: String,
    pub badge: Option<Badge>,
    pub how: Option<String>,
}

/// One row of the counts table (and bar group of the chart).
#[derive(Debug, Clone)]
pub(crate) struct CountRow {
    pub section: String,
    pub claims: u32,
    pub scientific: u32,
    pub practice: u32,
    pub experiential: u32,
}

/// A filter option.
#[derive(Debug, Clone)]
pub(crate) struct FilterOption {
    pub label: String,
    pub href: String,
    pub current: bool,
}

pub(crate) fn claim_vm(d: &Dossier, c: &Claim) -> ClaimVm {
    ClaimVm {
        text: c.text.clone(),
        badges: d.kinds_of(c).into_iter().map(Badge::of).collect(),
        sources: c.sources.clone(),
    }
}

fn keep(d: &Dossier, c: &Claim, filter: Option<KnowledgeKind>) -> bool {
    filter.is_none_or(|k| d.kinds_of(c).contains(&k))
}

/// The claim sections, filtered by knowledge source.
pub(crate) fn claim_groups(
    d: &Dossier,
    filter: Option<KnowledgeKind>,
) -> (ClaimGroup, Vec<ClaimGroup>) {
    let facts = ClaimGroup {
        heading: "Feiten en cijfers".into(),
        claims: d
            .facts
            .iter()
            .filter(|c| keep(d, c, filter))
            .map(|c| claim_vm(d, c))
            .collect(),
        all: d.facts.len(),
    };
    let groups = d
        .what_works
        .iter()
        .map(|g| ClaimGroup {
            heading: g.group.clone(),
            claims: g
                .claims
                .iter()
                .filter(|c| keep(d, c, filter))
                .map(|c| claim_vm(d, c))
                .collect(),
            all: g.claims.len(),
        })
        .collect();
    (facts, groups)
}

pub(crate) fn sources(d: &Dossier) -> Vec<SourceVm> {
    d.literature
        .sources
        .iter()
        .map(|s| SourceVm {
            id: s.id.clone(),
            citation: s.citation.clone(),
            badge: s.knowledge.as_ref().map(|k| Badge::of(k.kind())),
            how: match &s.knowledge {
                Some(KnowledgeSource::Experiential { how }) => Some(how.label()),
                _ => None,
            },
        })
        .collect()
}

pub(crate) fn count_rows(v: &DossierView) -> Vec<CountRow> {
    v.sections
        .iter()
        .map(|s| (s.section.clone(), s.counts))
        .chain(std::iter::once(("Totaal".to_string(), v.total)))
        .map(|(section, c)| CountRow {
            section,
            claims: c.claims,
            scientific: c.scientific,
            practice: c.practice,
            experiential: c.experiential,
        })
        .collect()
}

pub(crate) fn filter_options(base: &str, current: Option<KnowledgeKind>) -> Vec<FilterOption> {
    std::iter::once(FilterOption {
        label: "Alle kennisbronnen".into(),
        href: format!("{base}#uitspraken"),
        current: current.is_none(),
    })
    .chain(KnowledgeKind::ALL.iter().map(|k| FilterOption {
        label: k.label().into(),
        href: format!("{base}?bron={}#uitspraken", k.code()),
        current: current == Some(*k),
    }))
    .collect()
}

/// A dossier in a list.
#[derive(Debug, Clone)]
pub(crate) struct DossierCardVm {
    pub href: String,
    pub title: String,
    pub themes: Vec<Link>,
    pub reviewed_on: String,
    pub review_due: String,
    pub review_due_iso: String,
    pub due: bool,
    pub version: u32,
    pub example_data: bool,
    pub draft: bool,
}

impl DossierCardVm {
    pub fn of(c: &DossierCard) -> Self {
        let s = &c.summary;
        Self {
            href: format!("/dossiers/{}", s.slug),
            title: s.title.clone(),
            themes: s.themes.iter().copied().map(Link::theme).collect(),
            reviewed_on: dutch_date(s.reviewed_on),
            review_due: dutch_date(s.review_due),
            review_due_iso: s.review_due.to_string(),
            due: c.due,
            version: s.version,
            example_data: s.example_data,
            draft: s.status != watwerkt_domain::PublicationStatus::Published,
        }
    }
}
