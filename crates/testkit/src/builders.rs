//! Builders for valid domain values, so tests state only what matters.

use chrono::NaiveDate;
use watwerkt_domain::{
    ActiveElement, Approach, Contact, Description, Goals, Intervention, Owner, Publication,
    PublicationKind, PublicationStatus, Rating, RatingDecision, Section, Slug, TargetGroup, Theme,
};

/// A date from `YYYY-MM-DD`; panics on a typo in a test.
pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A slug; panics on a typo in a test.
pub fn slug(s: &str) -> Slug {
    Slug::parse(s).expect("test slug")
}

/// A werkzaam element.
pub fn element(s: &str, name: &str) -> ActiveElement {
    ActiveElement {
        slug: slug(s),
        name: name.into(),
        description: format!("Omschrijving van {name}."),
        example_data: true,
    }
}

/// A rating decision without explicit end date.
pub fn rating(level: Rating, decided: &str) -> RatingDecision {
    RatingDecision {
        level,
        decided_on: date(decided),
        valid_until: None,
    }
}

/// A published, valid intervention with every required section.
pub fn intervention(s: &str, title: &str) -> Intervention {
    let mut description = Description::default();
    for section in [
        Section::Summary,
        Section::Problem,
        Section::TargetGroup,
        Section::Approach,
        Section::Rationale,
        Section::Materials,
    ] {
        description.set(
            section,
            Some(format!(
                "{} van {title}.",
                watwerkt_domain::Coded::label(section)
            )),
        );
    }
    Intervention {
        slug: slug(s),
        title: title.into(),
        status: PublicationStatus::Published,
        example_data: true,
        themes: vec![Theme::Eenzaamheid],
        target_group: TargetGroup::default(),
        goals: Goals {
            main: "Minder eenzaamheid.".into(),
            sub: vec![],
        },
        approach: Approach::default(),
        costs: None,
        owner: Owner {
            organisation: "Stichting Test (fictief)".into(),
            website: None,
        },
        contact: Contact::default(),
        active_elements: vec![],
        rating: None,
        research: vec![],
        description,
    }
}

/// A published report with some text.
pub fn publication(s: &str, title: &str) -> Publication {
    Publication {
        slug: slug(s),
        title: title.into(),
        kind: PublicationKind::Regulation,
        status: PublicationStatus::Published,
        year: Some(2017),
        authors: vec!["Wetgever".into()],
        themes: vec![Theme::Toegang],
        link: Some("https://voorbeeld.example/wet".into()),
        example_data: false,
        body: format!("Artikel 1. {title} regelt de proef."),
        attachment: None,
    }
}
