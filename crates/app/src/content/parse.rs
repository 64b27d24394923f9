//! Text → domain: parsing one content file, collecting every problem.

use watwerkt_domain::{
    intervention::InterventionProblem, publication::PublicationProblem, ActiveElement, Approach,
    Contact, Costs, Description, Goals, Intervention, Owner, Publication, RatingDecision, Slug,
    Study, TargetGroup,
};

use super::body::{parse_sections, split_front_matter, LineProblem, YAML_FIRST_LINE};
use super::front_matter::{ActiveElementFront, Amount, InterventionFront, PublicationFront};
use super::problem::Problem;

/// The 1-based file line of the first front-matter line `key:` (at any indent).
pub(super) fn key_line(yaml: &str, key: &str) -> usize {
    let prefix = format!("{key}:");
    yaml.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches("- ");
            t.starts_with(&prefix)
        })
        .map_or(1, |i| i + YAML_FIRST_LINE)
}

/// The 1-based file line of a list item `- value`, or else of `key:`.
pub(super) fn item_line(yaml: &str, key: &str, value: &str) -> usize {
    yaml.lines()
        .position(|l| {
            let t = l.trim();
            t.strip_prefix("- ").map(str::trim) == Some(value)
        })
        .map_or_else(|| key_line(yaml, key), |i| i + YAML_FIRST_LINE)
}

/// The file line where `value` stands as a mapping value or list item.
fn value_line(yaml: &str, value: &str) -> Option<usize> {
    yaml.lines()
        .position(|l| {
            let t = l.trim();
            let v = t
                .strip_prefix("- ")
                .or_else(|| t.split_once(": ").map(|(_, v)| v))
                .map(|v| v.trim().trim_matches(|c| c == '"' || c == '\''));
            v == Some(value)
        })
        .map(|i| i + YAML_FIRST_LINE)
}

/// Translates a YAML/serde error into a Dutch message at a file line.
pub(super) fn yaml_problem(yaml: &str, err: &serde_yaml_ng::Error) -> LineProblem {
    let line = err.location().map_or(1, |l| l.line() + YAML_FIRST_LINE - 1);
    let raw = err.to_string();
    let msg = raw
        .split(" at line ")
        .next()
        .unwrap_or(&raw)
        .trim_end_matches('.')
        .to_string();
    let dutch = if let Some(rest) = msg.strip_prefix("missing field `") {
        format!("verplicht veld '{}' ontbreekt", rest.trim_end_matches('`'))
    } else if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .replace('`', "'");
        format!("onbekend veld '{field}'; toegestaan: {allowed}")
    } else if let Some(rest) = msg.strip_prefix("invalid type: ") {
        format!("ongeldige waarde ({rest})")
    } else if msg.starts_with("onbekend") {
        // Our own "unknown code" errors quote the value; serde may place them
        // at the start of the enclosing mapping, so point at the value itself.
        let quoted = msg.split('\'').nth(1).unwrap_or_default();
        if let Some(l) = value_line(yaml, quoted) {
            return (l, msg);
        }
        msg
    } else if msg.contains("input") || msg.contains("invalid date") {
        "ongeldige datum; schrijf de datum als JJJJ-MM-DD (bijvoorbeeld 2024-03-12)".to_string()
    } else {
        format!("ongeldige YAML: {msg}")
    };
    (line, dutch)
}

fn amount_cents(amount: Amount) -> Result<u64, String> {
    match amount {
        Amount::Whole(n) => n
            .checked_mul(100)
            .ok_or_else(|| "het bedrag is te groot".to_string()),
        Amount::Decimal(f) => {
            if !f.is_finite() || f < 0.0 {
                return Err("het bedrag moet een positief getal in euro zijn".into());
            }
            let cents = (f * 100.0).round();
            if (f * 100.0 - cents).abs() > 1e-6 {
                return Err("het bedrag mag hoogstens twee decimalen hebben".into());
            }
            if cents > 1e15 {
                return Err("het bedrag is te groot".into());
            }
            // In range and whole: the cast is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(cents as u64)
        }
    }
}

pub(super) fn check_slug(
    yaml: &str,
    key: &str,
    value: &str,
    what: &str,
    problems: &mut Vec<LineProblem>,
) -> Option<Slug> {
    match Slug::parse(value) {
        Ok(s) => Some(s),
        Err(e) => {
            problems.push((item_line(yaml, key, value), format!("{what}: {e}")));
            None
        }
    }
}

pub(super) fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|v| !v.trim().is_empty())
}

pub(super) fn into_problems(file: &str, mut lines: Vec<LineProblem>) -> Vec<Problem> {
    lines.sort_by_key(|(l, _)| *l);
    lines
        .into_iter()
        .map(|(line, m)| Problem::new(file, line, m))
        .collect()
}

pub(super) fn check_file_slug(
    yaml: &str,
    slug: &Slug,
    expected: Option<&str>,
    out: &mut Vec<LineProblem>,
) {
    if let Some(stem) = expected {
        if stem != slug.as_str() {
            out.push((
                key_line(yaml, "slug"),
                format!("de slug '{slug}' moet gelijk zijn aan de bestandsnaam '{stem}.md'"),
            ));
        }
    }
}

/// Parses an intervention file. `file` names it in messages; `expected_slug`
/// is the file name without `.md`, which must equal the slug.
pub fn parse_intervention(
    file: &str,
    expected_slug: Option<&str>,
    text: &str,
) -> Result<Intervention, Vec<Problem>> {
    let split = split_front_matter(text).map_err(|p| into_problems(file, vec![p]))?;
    let yaml = split.yaml;
    let (sections, mut problems) = parse_sections(split.body, split.body_line);
    let front: InterventionFront = match serde_yaml_ng::from_str(yaml) {
        Ok(f) => f,
        Err(e) => {
            problems.push(yaml_problem(yaml, &e));
            return Err(into_problems(file, problems));
        }
    };

    let slug = check_slug(yaml, "slug", &front.slug, "slug", &mut problems);
    if let Some(s) = &slug {
        check_file_slug(yaml, s, expected_slug, &mut problems);
    }
    let active_elements = check_element_slugs(yaml, &front.werkzame_elementen, &mut problems);
    let costs = front.kosten.and_then(|k| match amount_cents(k.bedrag) {
        Ok(amount_cents) => Some(Costs {
            amount_cents,
            per: k.per,
        }),
        Err(m) => {
            problems.push((key_line(yaml, "bedrag"), m));
            None
        }
    });
    let rating = front.oordeel.map(|o| RatingDecision {
        level: o.niveau,
        decided_on: o.besluit,
        valid_until: o.geldig_tot,
    });
    let research = front
        .onderzoek
        .into_iter()
        .map(|s| Study {
            design: s.opzet,
            year: s.jaar,
            reference: s.referentie,
            finding: s.bevinding,
        })
        .collect();
    let mut description = Description::default();
    for s in sections {
        description.set(s.section, Some(s.text));
    }

    // With an invalid slug the problem is already recorded; a placeholder lets
    // the remaining rules run so that every problem is reported at once.
    let Some(slug) = slug.or_else(|| Slug::parse("ongeldig").ok()) else {
        return Err(into_problems(file, problems));
    };
    let intervention = Intervention {
        slug,
        title: front.titel,
        status: front.status,
        example_data: front.voorbeelddata,
        themes: front.themas,
        target_group: TargetGroup {
            age_bands: front.doelgroep.leeftijd,
            groups: front.doelgroep.groepen,
        },
        goals: Goals {
            main: front.doel.hoofddoel,
            sub: front.doel.subdoelen,
        },
        approach: Approach {
            activities: front.aanpak.activiteiten,
            duration: non_empty(front.aanpak.duur),
            intensity: non_empty(front.aanpak.intensiteit),
        },
        costs,
        owner: Owner {
            organisation: front.eigenaar.organisatie,
            website: non_empty(front.eigenaar.website),
        },
        contact: Contact {
            name: non_empty(front.contact.naam),
            email: non_empty(front.contact.email),
            phone: non_empty(front.contact.telefoon),
        },
        active_elements,
        rating,
        research,
        description,
    };

    for p in intervention.problems() {
        let line = match &p {
            InterventionProblem::MissingTitle => key_line(yaml, "titel"),
            InterventionProblem::NoTheme | InterventionProblem::DuplicateTheme(_) => {
                key_line(yaml, "themas")
            }
            InterventionProblem::MissingMainGoal => key_line(yaml, "hoofddoel"),
            InterventionProblem::MissingOwner => key_line(yaml, "organisatie"),
            InterventionProblem::MissingSections(_) => split.body_line,
            InterventionProblem::Rating(_) => key_line(yaml, "geldig_tot"),
        };
        problems.push((line, p.to_string()));
    }
    if problems.is_empty() {
        Ok(intervention)
    } else {
        Err(into_problems(file, problems))
    }
}

/// Parses a werkzaam-element file.
pub fn parse_active_element(
    file: &str,
    expected_slug: Option<&str>,
    text: &str,
) -> Result<ActiveElement, Vec<Problem>> {
    let split = split_front_matter(text).map_err(|p| into_problems(file, vec![p]))?;
    let yaml = split.yaml;
    let front: ActiveElementFront = serde_yaml_ng::from_str(yaml)
        .map_err(|e| into_problems(file, vec![yaml_problem(yaml, &e)]))?;
    let mut problems = Vec::new();
    let slug = check_slug(yaml, "slug", &front.slug, "slug", &mut problems);
    if let Some(s) = &slug {
        check_file_slug(yaml, s, expected_slug, &mut problems);
    }
    if front.naam.trim().is_empty() {
        problems.push((key_line(yaml, "naam"), "de naam ontbreekt".to_string()));
    }
    let description = split.body.trim_matches('\n').to_string();
    if description.trim().is_empty() {
        problems.push((
            split.body_line,
            "de omschrijving (tekst na de front matter) ontbreekt".to_string(),
        ));
    }
    match slug {
        Some(slug) if problems.is_empty() => Ok(ActiveElement {
            slug,
            name: front.naam,
            description,
            example_data: front.voorbeelddata,
        }),
        _ => Err(into_problems(file, problems)),
    }
}

/// Parses a publication file: front matter, then the text.
pub fn parse_publication(
    file: &str,
    expected_slug: Option<&str>,
    text: &str,
) -> Result<Publication, Vec<Problem>> {
    let split = split_front_matter(text).map_err(|p| into_problems(file, vec![p]))?;
    let yaml = split.yaml;
    let front: PublicationFront = serde_yaml_ng::from_str(yaml)
        .map_err(|e| into_problems(file, vec![yaml_problem(yaml, &e)]))?;
    let mut problems = Vec::new();
    let slug = check_slug(yaml, "slug", &front.slug, "slug", &mut problems);
    if let Some(s) = &slug {
        check_file_slug(yaml, s, expected_slug, &mut problems);
    }
    let Some(slug) = slug.or_else(|| Slug::parse("ongeldig").ok()) else {
        return Err(into_problems(file, problems));
    };
    let publication = Publication {
        slug,
        title: front.titel,
        kind: front.soort,
        status: front.status,
        year: front.jaar,
        authors: front.auteurs,
        themes: front.themas,
        link: non_empty(front.link),
        example_data: front.voorbeelddata,
        body: split.body.trim_matches('\n').to_string(),
        attachment: front.bijlage.map(|b| watwerkt_domain::dossier::Attachment {
            file_name: b.bestand,
            media_type: watwerkt_domain::dossier::PDF.to_string(),
            size: b.grootte.unwrap_or(0),
            sha256: b.sha256.unwrap_or_default(),
        }),
    };
    for p in publication.problems() {
        let line = match p {
            PublicationProblem::MissingTitle => key_line(yaml, "titel"),
            PublicationProblem::Empty => split.body_line,
            PublicationProblem::Year(_) => key_line(yaml, "jaar"),
        };
        problems.push((line, p.to_string()));
    }
    if problems.is_empty() {
        Ok(publication)
    } else {
        Err(into_problems(file, problems))
    }
}

/// The slugs of the `werkzame_elementen` list; a problem for each malformed one.
pub(super) fn check_element_slugs(
    yaml: &str,
    elements: &[String],
    problems: &mut Vec<LineProblem>,
) -> Vec<Slug> {
    elements
        .iter()
        .filter_map(|e| check_slug(yaml, "werkzame_elementen", e, "werkzaam element", problems))
        .collect()
}
