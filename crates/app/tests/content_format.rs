//! The Markdown content format: parse rules and messages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use watwerkt_app::content::{parse_intervention, write_intervention, Problem};

const GOOD: &str = "---
slug: proef
titel: Proef
status: gepubliceerd
themas:
- eenzaamheid
doel:
  hoofddoel: Minder eenzaamheid.
kosten:
  bedrag: 37.5
  per: deelnemer
eigenaar:
  organisatie: Stichting Proef (fictief)
---

## Samenvatting

Korte tekst.

## Probleemomschrijving

Probleem.

## Doelgroep

Ouderen.

## Aanpak

```
## geen kop, maar code
```

## Onderbouwing

Theorie.

## Uitvoering

### Materialen

Handleiding.
";

fn problems(text: &str) -> Vec<Problem> {
    parse_intervention("interventies/proef.md", Some("proef"), text).unwrap_err()
}

fn has(ps: &[Problem], line: usize, phrase: &str) -> bool {
    ps.iter()
        .any(|p| p.line == line && p.message.contains(phrase))
}

#[test]
fn a_canonical_file_round_trips() {
    let i = parse_intervention("interventies/proef.md", Some("proef"), GOOD).unwrap();
    assert_eq!(i.costs.unwrap().amount_cents, 3750);
    assert_eq!(write_intervention(&i), GOOD);
}

#[test]
fn headings_inside_code_blocks_are_text() {
    let i = parse_intervention("x", None, GOOD).unwrap();
    let aanpak = i
        .description
        .get(watwerkt_domain::Section::Approach)
        .unwrap();
    assert!(aanpak.contains("## geen kop"));
}

#[test]
fn unknown_keys_are_named_with_their_line() {
    let ps = problems(&GOOD.replace(
        "status: gepubliceerd\n",
        "status: gepubliceerd\nstatuss: x\n",
    ));
    assert!(has(&ps, 5, "onbekend veld 'statuss'"), "{ps:?}");
}

#[test]
fn slug_must_match_the_file_name() {
    let ps = problems(&GOOD.replace("slug: proef", "slug: andere-naam"));
    assert!(
        has(&ps, 2, "moet gelijk zijn aan de bestandsnaam 'proef.md'"),
        "{ps:?}"
    );
}

#[test]
fn a_missing_front_matter_is_explained() {
    let ps = problems("## Samenvatting\n\nTekst\n");
    assert!(has(&ps, 1, "moet beginnen met een regel '---'"), "{ps:?}");
    let ps = problems("---\nslug: proef\n");
    assert!(has(&ps, 1, "niet afgesloten"), "{ps:?}");
}

#[test]
fn text_before_the_first_section_and_under_uitvoering_is_refused() {
    let ps = problems(&GOOD.replace(
        "---\n\n## Samenvatting",
        "---\n\nLosse tekst\n\n## Samenvatting",
    ));
    assert!(has(&ps, 16, "tekst vóór de eerste sectie"), "{ps:?}");
    assert_eq!(ps.len(), 1, "no follow-up noise: {ps:?}");
    let ps = problems(&GOOD.replace("## Uitvoering\n\n", "## Uitvoering\n\nLos\n\n"));
    assert!(
        ps.iter()
            .any(|p| p.message.contains("hoort in een subsectie")),
        "{ps:?}"
    );
}

#[test]
fn amounts_have_at_most_two_decimals_and_are_positive() {
    let ps = problems(&GOOD.replace("bedrag: 37.5", "bedrag: 37.555"));
    assert!(has(&ps, 10, "hoogstens twee decimalen"), "{ps:?}");
    let ps = problems(&GOOD.replace("bedrag: 37.5", "bedrag: -4"));
    assert!(has(&ps, 10, "positief"), "{ps:?}");
}

#[test]
fn a_bad_date_is_explained_in_dutch() {
    let text = GOOD.replace(
        "eigenaar:",
        "oordeel:\n  niveau: goed-beschreven\n  besluit: 12-03-2024\neigenaar:",
    );
    let ps = problems(&text);
    assert!(
        ps.iter().any(|p| p.message.contains("JJJJ-MM-DD")),
        "{ps:?}"
    );
}

#[test]
fn an_unknown_level_lists_the_problem() {
    let text = GOOD.replace(
        "eigenaar:",
        "oordeel:\n  niveau: super-effectief\n  besluit: 2024-03-12\neigenaar:",
    );
    let ps = problems(&text);
    assert!(
        ps.iter().any(|p| p
            .message
            .contains("onbekend erkenningsniveau 'super-effectief'")),
        "{ps:?}"
    );
}

#[test]
fn an_empty_title_and_owner_are_reported_together() {
    let text = GOOD
        .replace("titel: Proef", "titel: ''")
        .replace("organisatie: Stichting Proef (fictief)", "organisatie: ''");
    let ps = problems(&text);
    assert!(has(&ps, 3, "de titel ontbreekt"), "{ps:?}");
    assert!(ps.iter().any(|p| p.message.contains("eigenaar")), "{ps:?}");
}

const PUBLICATION: &str = "---
slug: bwbr0001840
titel: Grondwet
type: regelgeving
status: gepubliceerd
jaar: 1815
auteurs:
- Staten-Generaal
themas:
- toegang
link: https://voorbeeld.example/grondwet
---

Artikel 1

Allen die zich in Nederland bevinden, worden in gelijke gevallen gelijk behandeld.
";

#[test]
fn a_canonical_publication_round_trips() {
    use watwerkt_app::content::{parse_publication, write_publication};
    let p = parse_publication(
        "publicaties/bwbr0001840.md",
        Some("bwbr0001840"),
        PUBLICATION,
    )
    .unwrap();
    assert_eq!(p.kind, watwerkt_domain::PublicationKind::Regulation);
    assert_eq!(write_publication(&p), PUBLICATION);
}

#[test]
fn a_publication_needs_text_or_a_link_and_a_known_type() {
    use watwerkt_app::content::parse_publication;
    let empty = "---\nslug: leeg\ntitel: Leeg\ntype: rapport\nstatus: gepubliceerd\n---\n";
    let ps = parse_publication("publicaties/leeg.md", Some("leeg"), empty).unwrap_err();
    assert!(
        ps.iter().any(|p| p.message.contains("tekst of een link")),
        "{ps:?}"
    );
    let odd = PUBLICATION.replace("type: regelgeving", "type: roman");
    let ps = parse_publication("publicaties/bwbr0001840.md", None, &odd).unwrap_err();
    assert!(has(&ps, 4, "onbekend publicatietype 'roman'"), "{ps:?}");
}
