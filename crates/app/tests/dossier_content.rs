//! The dossier and theme-page file format: demo content is canonical, bad
//! input is refused with `file:line: message` in Dutch.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use watwerkt_app::content::{
    parse_dossier, parse_publication, parse_theme_page, write_dossier, write_publication,
    write_theme_page,
};
use watwerkt_app::demo::{demo_dossiers, DEMO};
use watwerkt_domain::dossier::KnowledgeKind;

fn demo_files(sub: &str) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = DEMO
        .get_dir(sub)
        .unwrap()
        .files()
        .filter(|f| f.path().extension().is_some_and(|x| x == "md"))
        .map(|f| {
            (
                f.path().display().to_string(),
                f.path().file_stem().unwrap().to_string_lossy().into_owned(),
                f.contents_utf8().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn demo_dossiers_are_canonical_and_cover_all_three_sources() {
    let files = demo_files("dossiers");
    assert!(files.len() >= 6, "at least 6 demo dossiers");
    let mut themes = BTreeSet::new();
    for (name, stem, text) in &files {
        let d = parse_dossier(name, Some(stem), text).unwrap_or_else(|p| panic!("{p:?}"));
        assert!(d.example_data, "{name} must be marked voorbeelddata");
        assert_eq!(&write_dossier(&d), text, "{name} is not in canonical form");
        let (_, total) = d.source_counts();
        for k in KnowledgeKind::ALL_KINDS {
            assert!(total.get(*k) > 0, "{name} has no claim from {k:?}");
        }
        themes.extend(d.themes.iter().copied());
    }
    assert!(
        themes.len() >= 6,
        "dossiers span several themes: {themes:?}"
    );
}

#[test]
fn demo_theme_pages_and_publications_are_canonical() {
    for (name, stem, text) in demo_files("themas") {
        let p = parse_theme_page(&name, Some(&stem), &text).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(
            write_theme_page(&p),
            text,
            "{name} is not in canonical form"
        );
        assert!(p.figures.iter().any(|f| !f.points.is_empty()));
    }
    for (name, stem, text) in demo_files("publicaties") {
        let p = parse_publication(&name, Some(&stem), &text).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(
            write_publication(&p),
            text,
            "{name} is not in canonical form"
        );
    }
    let batch = demo_dossiers().unwrap();
    assert!(batch
        .theme_pages
        .iter()
        .any(|p| p.figures.iter().any(|f| f.is_series())));
}

const GOOD: &str = "---
slug: proef
titel: Proefdossier
status: gepubliceerd
themas:
- eenzaamheid
laatst_beoordeeld: 2025-01-01
herzien_voor: 2026-01-01
wat_werkt:
- doelgroep: Ouderen
  uitspraken:
  - tekst: Samen eten helpt.
    bronnen:
    - studie
literatuur:
  zoekmethode: Gezocht in PubMed.
  bronnen:
  - id: studie
    verwijzing: Auteur (2020). Studie.
    kennisbron: wetenschappelijk
---

Inleiding.
";

fn problems(text: &str) -> Vec<String> {
    parse_dossier("dossiers/proef.md", Some("proef"), text)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_good_example_parses_and_round_trips() {
    let d = parse_dossier("dossiers/proef.md", Some("proef"), GOOD).unwrap();
    assert_eq!(write_dossier(&d), GOOD);
}

#[test]
fn a_claim_without_source_is_refused_at_its_line() {
    let text = GOOD.replace("    bronnen:\n    - studie\n", "");
    assert_eq!(
        problems(&text),
        vec![
            "dossiers/proef.md:12: de uitspraak 'Samen eten helpt.' noemt geen bron; elke \
             uitspraak verwijst naar minstens één bron"
        ]
    );
}

#[test]
fn a_claim_citing_an_unknown_source_is_refused_at_the_citation() {
    let text = GOOD.replace("    - studie\n", "    - elders\n");
    assert_eq!(
        problems(&text),
        vec![
            "dossiers/proef.md:14: de uitspraak 'Samen eten helpt.' verwijst naar bron 'elders', \
             die niet in de literatuur staat"
        ]
    );
}

#[test]
fn a_source_without_knowledge_tag_is_refused() {
    let text = GOOD.replace("    kennisbron: wetenschappelijk\n", "");
    assert_eq!(
        problems(&text),
        vec![
            "dossiers/proef.md:18: bron 'studie' heeft geen kennisbron; kies wetenschappelijk, \
             praktijk of ervaring"
        ]
    );
    let text = GOOD.replace("kennisbron: wetenschappelijk", "kennisbron: gevoel");
    let p = problems(&text);
    assert_eq!(p.len(), 1);
    assert!(p[0].contains("onbekende kennisbron 'gevoel'"), "{p:?}");
}

#[test]
fn experiential_sources_say_how_they_were_gathered() {
    let text = GOOD.replace(
        "    kennisbron: wetenschappelijk\n",
        "    kennisbron: ervaring\n    verzameld: panel\n",
    );
    let d = parse_dossier("dossiers/proef.md", Some("proef"), &text).unwrap();
    assert_eq!(write_dossier(&d), text);
    let text = GOOD.replace(
        "    kennisbron: wetenschappelijk\n",
        "    kennisbron: ervaring\n",
    );
    let p = problems(&text);
    assert!(p[0].contains("zegt niet hoe die verzameld is"), "{p:?}");
}

const PAGE: &str = "---
thema: eenzaamheid
cijfers:
- omschrijving: Eenzame ouderen
  eenheid: procent
  bron: Monitor
  reeks:
  - jaar: 2020
    waarde: 10
  - jaar: 2022
    waarde: 10.5
---

Inleiding.
";

#[test]
fn theme_pages_round_trip_and_figures_need_year_and_source() {
    let p = parse_theme_page("themas/eenzaamheid.md", Some("eenzaamheid"), PAGE).unwrap();
    assert_eq!(write_theme_page(&p), PAGE);
    assert_eq!(p.figures[0].points[1].value, 10.5);

    let no_year = PAGE.replace("  - jaar: 2022\n    waarde: 10.5\n", "  - waarde: 10.5\n");
    let err: Vec<String> = parse_theme_page("themas/eenzaamheid.md", Some("eenzaamheid"), &no_year)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        err,
        vec!["themas/eenzaamheid.md:4: cijfer 'Eenzame ouderen' heeft een waarde zonder jaar"]
    );

    let no_source = PAGE.replace("  bron: Monitor\n", "");
    let err: Vec<String> =
        parse_theme_page("themas/eenzaamheid.md", Some("eenzaamheid"), &no_source)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
    assert_eq!(
        err,
        vec!["themas/eenzaamheid.md:4: cijfer 'Eenzame ouderen' noemt geen bron"]
    );
}
