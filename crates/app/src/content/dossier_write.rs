//! Domain → text for dossiers and theme pages: the canonical file form.

use watwerkt_domain::dossier::{Claim, Dossier, Figure, KnowledgeSource, ThemePage};

use super::dossier_front::{
    ClaimFront, DossierFront, FigureFront, GroupFront, LiteratureFront, Number, PointFront,
    SourceFront, ThemePageFront,
};

fn yaml<T: serde::Serialize>(value: &T) -> String {
    // Plain structs of strings, numbers and lists: serialising cannot fail.
    serde_yaml_ng::to_string(value).unwrap_or_default()
}

fn claims(list: &[Claim]) -> Vec<ClaimFront> {
    list.iter()
        .map(|c| ClaimFront {
            tekst: c.text.clone(),
            bronnen: c.sources.clone(),
        })
        .collect()
}

fn file(front: &str, body: &str) -> String {
    if body.is_empty() {
        format!("---\n{front}---\n")
    } else {
        format!("---\n{front}---\n\n{body}\n")
    }
}

/// The canonical Markdown file of a dossier.
pub fn write_dossier(d: &Dossier) -> String {
    let front = DossierFront {
        slug: d.slug.to_string(),
        titel: d.title.clone(),
        status: d.status,
        voorbeelddata: d.example_data,
        themas: d.themes.clone(),
        laatst_beoordeeld: d.reviewed_on,
        herzien_voor: d.review_due,
        feiten: claims(&d.facts),
        wat_werkt: d
            .what_works
            .iter()
            .map(|g| GroupFront {
                doelgroep: g.group.clone(),
                uitspraken: claims(&g.claims),
            })
            .collect(),
        werkzame_elementen: d.active_elements.iter().map(ToString::to_string).collect(),
        literatuur: LiteratureFront {
            zoekmethode: d.literature.search_method.clone(),
            bronnen: d
                .literature
                .sources
                .iter()
                .map(|s| SourceFront {
                    id: s.id.clone(),
                    verwijzing: s.citation.clone(),
                    kennisbron: s.knowledge.as_ref().map(KnowledgeSource::kind),
                    verzameld: match &s.knowledge {
                        Some(KnowledgeSource::Experiential { how }) => Some(how.code().to_string()),
                        _ => None,
                    },
                })
                .collect(),
        },
    };
    file(&yaml(&front), &d.intro)
}

pub(super) fn figure_fronts(figures: &[Figure]) -> Vec<FigureFront> {
    figures
        .iter()
        .map(|f| FigureFront {
            omschrijving: f.label.clone(),
            eenheid: f.unit.clone(),
            bron: f.source.clone(),
            reeks: f
                .points
                .iter()
                .map(|p| PointFront {
                    jaar: p.year,
                    waarde: Number::of(p.value),
                })
                .collect(),
        })
        .collect()
}

/// The canonical Markdown file of a theme page.
pub fn write_theme_page(p: &ThemePage) -> String {
    let front = ThemePageFront {
        thema: p.theme,
        voorbeelddata: p.example_data,
        cijfers: figure_fronts(&p.figures),
    };
    file(&yaml(&front), &p.intro)
}
