//! Fixtures shared by the integration tests.

#![allow(dead_code, clippy::expect_used)]

use chrono::NaiveDate;
use watwerkt_search::{Kind, SearchDoc, SearchIndex};

pub fn doc(id: &str, title: &str, summary: &str, body: &str) -> SearchDoc {
    SearchDoc {
        id: id.to_string(),
        kind: Kind::Intervention,
        title: title.to_string(),
        summary: summary.to_string(),
        body: body.to_string(),
        themes: Vec::new(),
        groups: Vec::new(),
        rating: None,
        date: None,
        url: format!("/interventies/{id}"),
        ..SearchDoc::default()
    }
}

pub fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A small databank.
pub fn databank() -> Vec<SearchDoc> {
    let mut v = vec![
        SearchDoc {
            themes: vec!["eenzaamheid".into(), "ouderen".into()],
            groups: vec!["ouderen".into()],
            rating: Some("effectief-goede-aanwijzingen".into()),
            date: date(2021, 5, 1),
            ..doc(
                "samen-sterk",
                "Samen Sterk tegen eenzaamheid",
                "Huisbezoeken door vrijwilligers verminderen eenzaamheid bij ouderen.",
                "Vrijwilligers bezoeken ouderen thuis. Zij bespreken wat de oudere wil en zoeken samen activiteiten in de wijk.",
            )
        },
        SearchDoc {
            themes: vec!["informele-zorg".into()],
            groups: vec!["mantelzorgers".into()],
            rating: Some("goed-onderbouwd".into()),
            date: date(2023, 1, 10),
            ..doc(
                "mantelzorg-plus",
                "Mantelzorg Plus",
                "Ondersteuning van overbelaste mantelzorgers.",
                "Een consulent helpt de mantelzorger het eigen netwerk te versterken. Niet bedoeld voor professionals.",
            )
        },
        SearchDoc {
            themes: vec!["bestaanszekerheid-en-waardevol-werken".into()],
            groups: vec!["mensen-met-schulden".into(), "jongeren".into()],
            rating: Some("goed-beschreven".into()),
            date: date(2019, 9, 1),
            ..doc(
                "geldfit",
                "Geldfit jongeren",
                "Vroegsignalering van geldzorgen bij jongeren.",
                "De gemeente biedt schuldhulpverlening aan gezinnen en jongeren met betalingsachterstanden.",
            )
        },
        SearchDoc {
            themes: vec!["huiselijk-en-seksueel-geweld".into()],
            groups: vec!["kinderen".into(), "ouders".into()],
            date: date(2024, 3, 1),
            ..doc(
                "veilig-thuis",
                "Veilig opgroeien",
                "Aanpak van huiselijk geweld in gezinnen.",
                "De jeugdhulpverlener werkt samen met ouders en kinderen aan veiligheid. Wel of geen melding: de aanpak blijft gelijk.",
            )
        },
        SearchDoc {
            kind: Kind::Publication,
            themes: vec!["toegang".into()],
            date: date(2022, 6, 15),
            ..doc(
                "handreiking-gemeente",
                "Handreiking voor de gemeente",
                "Wat een gemeente kan doen aan toegang tot zorg.",
                "Gemeenten organiseren de toegang. De zin van een goed gesprek aan de keukentafel is groot. <script>alert(1)</script> & meer.",
            )
        },
        doc(
            "gemeen-spel",
            "Een gemeen spel",
            "Over pesten.",
            "Pesten is gemeen. Kinderen leren wat pesten doet.",
        ),
    ];
    v[5].kind = Kind::Publication;
    v
}

pub fn index_with(docs: Vec<SearchDoc>) -> SearchIndex {
    let index = SearchIndex::in_memory().expect("index");
    index.rebuild(docs).expect("rebuild");
    index
}

pub fn ids(r: &watwerkt_search::SearchResults) -> Vec<String> {
    r.hits.iter().map(|h| h.id.clone()).collect()
}
