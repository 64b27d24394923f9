//! Text → domain for dossier and theme-page files, every problem at its line.

use watwerkt_domain::dossier::{
    Claim, DataPoint, Dossier, DossierProblem, ExperientialMethod, Figure, GroupFindings,
    KnowledgeKind, KnowledgeSource, Literature, Source, ThemePage,
};
use watwerkt_domain::{Coded, Slug};

use super::body::{split_front_matter, LineProblem, YAML_FIRST_LINE};
use super::dossier_front::{ClaimFront, DossierFront, FigureFront, ThemePageFront};
use super::parse::{
    check_element_slugs, check_file_slug, check_slug, into_problems, item_line, key_line,
    yaml_problem,
};
use super::problem::Problem;

/// The file line of the first front-matter line containing `needle`.
fn line_with(yaml: &str, needle: &str) -> Option<usize> {
    let needle = needle.trim_end_matches("...");
    let needle: String = needle.chars().take(40).collect();
    if needle.trim().is_empty() {
        return None;
    }
    yaml.lines()
        .position(|l| l.contains(&needle))
        .map(|i| i + YAML_FIRST_LINE)
}

fn claims(list: Vec<ClaimFront>) -> Vec<Claim> {
    list.into_iter()
        .map(|c| Claim {
            text: c.tekst,
            sources: c.bronnen,
        })
        .collect()
}

fn knowledge(kind: Option<KnowledgeKind>, how: Option<String>) -> Option<KnowledgeSource> {
    Some(match kind? {
        KnowledgeKind::Scientific => KnowledgeSource::Scientific,
        KnowledgeKind::Practice => KnowledgeSource::Practice,
        KnowledgeKind::Experiential => KnowledgeSource::Experiential {
            how: ExperientialMethod::from_code(how.as_deref().unwrap_or("")),
        },
    })
}

/// Parses a dossier file. `expected_slug` is the file name without `.md`.
pub fn parse_dossier(
    file: &str,
    expected_slug: Option<&str>,
    text: &str,
) -> Result<Dossier, Vec<Problem>> {
    let split = split_front_matter(text).map_err(|p| into_problems(file, vec![p]))?;
    let yaml = split.yaml;
    let front: DossierFront = serde_yaml_ng::from_str(yaml)
        .map_err(|e| into_problems(file, vec![yaml_problem(yaml, &e)]))?;
    let mut problems: Vec<LineProblem> = Vec::new();
    let slug = check_slug(yaml, "slug", &front.slug, "slug", &mut problems);
    if let Some(s) = &slug {
        check_file_slug(yaml, s, expected_slug, &mut problems);
    }
    let active_elements = check_element_slugs(yaml, &front.werkzame_elementen, &mut problems);
    for s in &front.literatuur.bronnen {
        if s.kennisbron != Some(KnowledgeKind::Experiential) && s.verzameld.is_some() {
            problems.push((
                line_with(yaml, &format!("id: {}", s.id)).unwrap_or(1),
                format!(
                    "bron '{}': 'verzameld' hoort alleen bij kennisbron ervaring",
                    s.id
                ),
            ));
        }
    }
    let Some(slug) = slug.or_else(|| Slug::parse("ongeldig").ok()) else {
        return Err(into_problems(file, problems));
    };
    let dossier = Dossier {
        slug,
        title: front.titel,
        status: front.status,
        example_data: front.voorbeelddata,
        themes: front.themas,
        reviewed_on: front.laatst_beoordeeld,
        review_due: front.herzien_voor,
        intro: split.body.trim_matches('\n').to_string(),
        facts: claims(front.feiten),
        what_works: front
            .wat_werkt
            .into_iter()
            .map(|g| GroupFindings {
                group: g.doelgroep,
                claims: claims(g.uitspraken),
            })
            .collect(),
        active_elements,
        literature: Literature {
            search_method: front.literatuur.zoekmethode,
            sources: front
                .literatuur
                .bronnen
                .into_iter()
                .map(|s| Source {
                    knowledge: knowledge(s.kennisbron, s.verzameld),
                    id: s.id,
                    citation: s.verwijzing,
                })
                .collect(),
        },
    };
    if dossier.literature.search_method.trim().is_empty() {
        problems.push((
            key_line(yaml, "zoekmethode"),
            "de literatuur zegt niet hoe er gezocht is (zoekmethode)".to_string(),
        ));
    }
    for p in dossier.problems() {
        let line = match &p {
            DossierProblem::MissingTitle => key_line(yaml, "titel"),
            DossierProblem::NoTheme | DossierProblem::DuplicateTheme(_) => key_line(yaml, "themas"),
            DossierProblem::ReviewBeforeReviewed { .. } => key_line(yaml, "herzien_voor"),
            DossierProblem::ClaimWithoutSource { claim } => line_with(yaml, claim).unwrap_or(1),
            DossierProblem::UnknownSource { claim, source_id } => line_with(yaml, claim)
                .and_then(|from| {
                    yaml.lines()
                        .enumerate()
                        .skip(from - YAML_FIRST_LINE)
                        .find(|(_, l)| l.trim().strip_prefix("- ") == Some(source_id.as_str()))
                        .map(|(i, _)| i + YAML_FIRST_LINE)
                })
                .unwrap_or_else(|| item_line(yaml, "bronnen", source_id)),
            DossierProblem::SourceWithoutKnowledge(id)
            | DossierProblem::ExperientialWithoutMethod(id)
            | DossierProblem::SourceWithoutCitation(id)
            | DossierProblem::DuplicateSource(id)
            | DossierProblem::BadSourceId(id) => line_with(yaml, &format!("id: {id}"))
                .unwrap_or_else(|| key_line(yaml, "literatuur")),
            DossierProblem::GroupWithoutName => key_line(yaml, "doelgroep"),
            DossierProblem::EmptyClaim { .. } => key_line(yaml, "tekst"),
            _ => 1,
        };
        problems.push((line, p.to_string()));
    }
    if problems.is_empty() {
        Ok(dossier)
    } else {
        Err(into_problems(file, problems))
    }
}

pub(super) fn figures(list: Vec<FigureFront>) -> Vec<Figure> {
    list.into_iter()
        .map(|f| Figure {
            label: f.omschrijving,
            unit: f.eenheid,
            source: f.bron.filter(|s| !s.trim().is_empty()),
            points: f
                .reeks
                .into_iter()
                .map(|p| DataPoint {
                    year: p.jaar,
                    value: p.waarde.value(),
                })
                .collect(),
        })
        .collect()
}

/// Parses a theme-page file (`themas/<thema>.md`).
pub fn parse_theme_page(
    file: &str,
    expected_code: Option<&str>,
    text: &str,
) -> Result<ThemePage, Vec<Problem>> {
    let split = split_front_matter(text).map_err(|p| into_problems(file, vec![p]))?;
    let yaml = split.yaml;
    let front: ThemePageFront = serde_yaml_ng::from_str(yaml)
        .map_err(|e| into_problems(file, vec![yaml_problem(yaml, &e)]))?;
    let mut problems: Vec<LineProblem> = Vec::new();
    if let Some(code) = expected_code {
        if code != front.thema.code() {
            problems.push((
                key_line(yaml, "thema"),
                format!(
                    "het thema '{}' moet gelijk zijn aan de bestandsnaam '{code}.md'",
                    front.thema.code()
                ),
            ));
        }
    }
    let page = ThemePage {
        theme: front.thema,
        example_data: front.voorbeelddata,
        intro: split.body.trim_matches('\n').to_string(),
        figures: figures(front.cijfers),
    };
    if page.intro.trim().is_empty() {
        problems.push((
            split.body_line,
            "de inleiding (tekst na de front matter) ontbreekt".to_string(),
        ));
    }
    for f in &page.figures {
        let at = line_with(yaml, &format!("omschrijving: {}", f.label))
            .unwrap_or_else(|| key_line(yaml, "cijfers"));
        for p in f.problems() {
            problems.push((at, p.to_string()));
        }
    }
    if problems.is_empty() {
        Ok(page)
    } else {
        Err(into_problems(file, problems))
    }
}
