//! Splitting a file into front matter and werkblad sections.

use watwerkt_domain::section::IMPLEMENTATION_HEADING;
use watwerkt_domain::{Coded, Section};

/// A problem at a 1-based line, before the file name is known.
pub(super) type LineProblem = (usize, String);

/// A file split at its front matter.
pub(super) struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// The text after the closing `---` line.
    pub body: &'a str,
    /// Line number of the first body line.
    pub body_line: usize,
}

/// Line number (1-based) of the YAML's first line in the file.
pub(super) const YAML_FIRST_LINE: usize = 2;

/// Splits `---\nyaml---\nbody`.
pub(super) fn split_front_matter(text: &str) -> Result<Split<'_>, LineProblem> {
    let text_nl = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text_nl
        .strip_prefix("---\n")
        .or_else(|| text_nl.strip_prefix("---\r\n"))
    else {
        return Err((
            1,
            "het bestand moet beginnen met een regel '---' en de front matter (YAML)".into(),
        ));
    };
    let mut offset = 0;
    for (i, l) in rest.split_inclusive('\n').enumerate() {
        if l.trim_end() == "---" {
            return Ok(Split {
                yaml: &rest[..offset],
                body: &rest[offset + l.len()..],
                body_line: YAML_FIRST_LINE + i + 1,
            });
        }
        offset += l.len();
    }
    Err((
        1,
        "de front matter wordt niet afgesloten met een regel '---'".into(),
    ))
}

/// A section found in the body.
pub(super) struct FoundSection {
    pub section: Section,
    pub text: String,
}

fn top_level(heading: &str) -> Option<Option<Section>> {
    if heading == IMPLEMENTATION_HEADING {
        return Some(None);
    }
    Section::ALL
        .iter()
        .find(|s| !s.is_implementation_part() && s.label() == heading)
        .map(|s| Some(*s))
}

fn implementation_part(heading: &str) -> Option<Section> {
    Section::ALL
        .iter()
        .find(|s| s.is_implementation_part() && s.label() == heading)
        .copied()
}

fn known_headings() -> String {
    Section::top_level_headings().collect::<Vec<_>>().join(", ")
}

struct Open {
    section: Option<Section>,
    heading_line: usize,
    lines: Vec<String>,
}

/// Parses the werkblad sections of a body: every section found, and every
/// problem found (a problem does not hide the sections around it).
pub(super) fn parse_sections(
    body: &str,
    first_line: usize,
) -> (Vec<FoundSection>, Vec<LineProblem>) {
    let mut problems = Vec::new();
    let mut found: Vec<FoundSection> = Vec::new();
    let mut open: Option<Open> = None;
    let mut in_uitvoering = false;
    let mut in_fence = false;
    let mut seen: Vec<Section> = Vec::new();

    let close = |open: Option<Open>, found: &mut Vec<FoundSection>, problems: &mut Vec<_>| {
        let Some(o) = open else { return };
        let text = o.lines.join("\n").trim_matches('\n').to_string();
        match o.section {
            Some(section) => found.push(FoundSection { section, text }),
            None if !text.trim().is_empty() => problems.push((
                o.heading_line,
                "tekst direct onder '## Uitvoering' hoort in een subsectie \
                 (### Materialen, ### Opleiding, ### Kwaliteitsbewaking, \
                 ### Randvoorwaarden of ### Implementatie)"
                    .to_string(),
            )),
            None => {}
        }
    };

    for (i, raw) in body.lines().enumerate() {
        let line_no = first_line + i;
        let line = raw.trim_end_matches('\r');
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            in_fence = !in_fence;
        }
        let heading = if in_fence {
            None
        } else {
            [("# ", 1), ("## ", 2), ("### ", 3)]
                .iter()
                .find_map(|(prefix, level)| line.strip_prefix(prefix).map(|h| (*level, h.trim())))
        };
        match heading {
            Some((1, h)) => problems.push((
                line_no,
                format!("kop van niveau 1 '# {h}' is niet toegestaan; gebruik '## ' voor secties"),
            )),
            Some((2, h)) => match top_level(h) {
                Some(section) => {
                    close(open.take(), &mut found, &mut problems);
                    in_uitvoering = section.is_none();
                    let key = section.unwrap_or(Section::Materials);
                    if section.is_some() && seen.contains(&key) {
                        problems.push((line_no, format!("sectie '{h}' staat er twee keer in")));
                    }
                    if let Some(s) = section {
                        seen.push(s);
                    }
                    open = Some(Open {
                        section,
                        heading_line: line_no,
                        lines: Vec::new(),
                    });
                }
                None => problems.push((
                    line_no,
                    format!(
                        "onbekende sectie '## {h}'; bekende secties: {}",
                        known_headings()
                    ),
                )),
            },
            Some((3, h)) if in_uitvoering => match implementation_part(h) {
                Some(section) => {
                    close(open.take(), &mut found, &mut problems);
                    if seen.contains(&section) {
                        problems.push((line_no, format!("subsectie '{h}' staat er twee keer in")));
                    }
                    seen.push(section);
                    open = Some(Open {
                        section: Some(section),
                        heading_line: line_no,
                        lines: Vec::new(),
                    });
                }
                None => problems.push((
                    line_no,
                    format!(
                        "onbekende subsectie '### {h}' onder Uitvoering; kies Materialen, \
                         Opleiding, Kwaliteitsbewaking, Randvoorwaarden of Implementatie"
                    ),
                )),
            },
            _ => match open.as_mut() {
                Some(o) => o.lines.push(line.to_string()),
                None if line.trim().is_empty() => {}
                None => problems.push((
                    line_no,
                    "tekst vóór de eerste sectie; begin met '## Samenvatting'".to_string(),
                )),
            },
        }
    }
    close(open.take(), &mut found, &mut problems);
    (found, problems)
}
