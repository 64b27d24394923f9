//! The conformance story of dossiers (versions, drafts, stale edits), theme
//! pages, publication attachments and the publication filter: what every
//! backend must do, run against SQLite always.

use chrono::{Duration, TimeZone, Utc};
use watwerkt_domain::dossier::{
    Attachment, Claim, DataPoint, Dossier, Figure, GroupFindings, KnowledgeSource, Literature,
    Source, ThemePage,
};
use watwerkt_domain::{PublicationKind, PublicationStatus, Theme};
use watwerkt_store::{
    ContentBatch, DossierBatch, PageRequest, PublicationFilter, Store, StoreError,
};

use crate::builders::{date, element, publication, slug};

/// A small valid dossier.
pub fn dossier(s: &str, title: &str) -> Dossier {
    Dossier {
        slug: slug(s),
        title: title.into(),
        status: PublicationStatus::Published,
        example_data: true,
        themes: vec![Theme::Eenzaamheid],
        reviewed_on: date("2025-01-01"),
        review_due: date("2026-01-01"),
        intro: "Inleiding.".into(),
        facts: vec![Claim {
            text: "Een feit.".into(),
            sources: vec!["a".into()],
        }],
        what_works: vec![GroupFindings {
            group: "Ouderen".into(),
            claims: vec![Claim {
                text: "Iets werkt.".into(),
                sources: vec!["a".into(), "b".into()],
            }],
        }],
        active_elements: vec![slug("ontmoeting")],
        literature: Literature {
            search_method: "Gezocht.".into(),
            sources: vec![
                Source {
                    id: "a".into(),
                    citation: "Auteur A (2020).".into(),
                    knowledge: Some(KnowledgeSource::Scientific),
                },
                Source {
                    id: "b".into(),
                    citation: "Panel (2024).".into(),
                    knowledge: Some(KnowledgeSource::Experiential {
                        how: watwerkt_domain::dossier::ExperientialMethod::Panel,
                    }),
                },
            ],
        },
    }
}

/// Runs the story against an empty store.
pub async fn dossier_story(store: &dyn Store) {
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    let content = ContentBatch {
        active_elements: vec![element("ontmoeting", "Ontmoeting")],
        interventions: vec![],
        publications: vec![publication("wet-a", "Wet A")],
    };
    let d1 = dossier("proef", "Proefdossier");
    let batch = DossierBatch {
        dossiers: vec![d1.clone()],
        theme_pages: vec![],
    };
    let out = store
        .import_with_dossiers(&content, &batch, t0)
        .await
        .unwrap();
    assert_eq!(out.created, 3);
    let v = store.get_dossier(&slug("proef")).await.unwrap();
    assert_eq!((v.number, &v.dossier), (1, &d1));

    // Unchanged → no new version; changed → version 2, both kept.
    let out = store
        .import_with_dossiers(&ContentBatch::default(), &batch, t0)
        .await
        .unwrap();
    assert_eq!(out.unchanged, 1);
    let mut d2 = d1.clone();
    d2.title = "Proefdossier, herzien".into();
    let out = store
        .import_with_dossiers(
            &ContentBatch::default(),
            &DossierBatch {
                dossiers: vec![d2.clone()],
                theme_pages: vec![],
            },
            t0 + Duration::days(1),
        )
        .await
        .unwrap();
    assert_eq!(out.updated, 1);
    let versions = store.dossier_versions(&slug("proef")).await.unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].dossier, d1);
    assert_eq!(versions[1].dossier, d2);
    assert_eq!(versions[1].published_at, t0 + Duration::days(1));

    // A draft is saved and replaced; publishing removes it.
    let mut d3 = d2.clone();
    d3.intro = "Nieuwe inleiding.".into();
    store
        .save_dossier_draft(&d3, 2, Some(7), t0 + Duration::days(2))
        .await
        .unwrap();
    let draft = store.dossier_draft(&slug("proef")).await.unwrap().unwrap();
    assert_eq!((draft.based_on, &draft.dossier), (2, &d3));

    // A stale publish (based on version 1) is refused and changes nothing.
    let err = store
        .publish_dossier(&d3, 1, Some(7), t0 + Duration::days(3))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(ref m) if m.contains("iemand anders heeft intussen versie 2 gepubliceerd")),
        "{err:?}"
    );
    assert_eq!(
        store.dossier_versions(&slug("proef")).await.unwrap().len(),
        2
    );
    assert!(store.dossier_draft(&slug("proef")).await.unwrap().is_some());

    // Based on the current version: version 3, by whom, draft gone.
    let n = store
        .publish_dossier(&d3, 2, Some(7), t0 + Duration::days(3))
        .await
        .unwrap();
    assert_eq!(n, 3);
    let v = store.get_dossier(&slug("proef")).await.unwrap();
    assert_eq!((v.number, v.published_by, &v.dossier), (3, Some(7), &d3));
    assert!(store.dossier_draft(&slug("proef")).await.unwrap().is_none());
    assert!(matches!(
        store
            .publish_dossier(&dossier("onbekend", "X"), 1, None, t0)
            .await,
        Err(StoreError::NotFound { .. })
    ));

    // Listing and the werkzaam-element link.
    let list = store.list_dossiers().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].version, list[0].themes.clone()),
        (3, vec![Theme::Eenzaamheid])
    );
    let with = store
        .dossiers_with_element(&slug("ontmoeting"))
        .await
        .unwrap();
    assert_eq!(with.len(), 1);

    // A dossier pointing to a missing element rolls back the whole batch.
    let mut bad = dossier("kapot", "Kapot");
    bad.active_elements = vec![slug("bestaat-niet")];
    let err = store
        .import_with_dossiers(
            &ContentBatch {
                active_elements: vec![element("nieuw", "Nieuw")],
                ..ContentBatch::default()
            },
            &DossierBatch {
                dossiers: vec![bad],
                theme_pages: vec![],
            },
            t0,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert!(store.get_active_element(&slug("nieuw")).await.is_err());
    assert!(store.get_dossier(&slug("kapot")).await.is_err());

    // Theme pages.
    let page = ThemePage {
        theme: Theme::Dementie,
        example_data: true,
        intro: "Inleiding.".into(),
        figures: vec![Figure {
            label: "Mensen met dementie".into(),
            unit: "duizend".into(),
            source: Some("Monitor".into()),
            points: vec![
                DataPoint {
                    year: Some(2020),
                    value: 290.0,
                },
                DataPoint {
                    year: Some(2025),
                    value: 320.5,
                },
            ],
        }],
    };
    assert!(store
        .get_theme_page(Theme::Dementie)
        .await
        .unwrap()
        .is_none());
    store.save_theme_page(&page, t0).await.unwrap();
    assert_eq!(
        store.get_theme_page(Theme::Dementie).await.unwrap(),
        Some(page.clone())
    );
    assert_eq!(store.list_theme_pages().await.unwrap(), vec![page]);

    // Attachments and the publication filter.
    let a = Attachment {
        file_name: "wet.pdf".into(),
        media_type: "application/pdf".into(),
        size: 10,
        sha256: "ab".repeat(32),
    };
    store
        .set_publication_attachment(&slug("wet-a"), Some(&a), t0)
        .await
        .unwrap();
    assert_eq!(
        store
            .get_publication(&slug("wet-a"))
            .await
            .unwrap()
            .attachment,
        Some(a)
    );
    assert!(matches!(
        store
            .set_publication_attachment(&slug("geen"), None, t0)
            .await,
        Err(StoreError::NotFound { .. })
    ));
    let mut b = publication("factsheet-b", "Factsheet B");
    b.kind = PublicationKind::Factsheet;
    b.year = Some(2024);
    b.themes = vec![Theme::Dementie];
    let mut c = publication("concept-c", "Concept C");
    c.status = PublicationStatus::Draft;
    store
        .import_content(
            &ContentBatch {
                publications: vec![b, c],
                ..ContentBatch::default()
            },
            t0,
        )
        .await
        .unwrap();
    let all = store
        .list_published_publications(&PublicationFilter::default(), PageRequest::default())
        .await
        .unwrap();
    assert_eq!(all.total, 2, "drafts are not listed");
    assert_eq!(all.items[0].slug, slug("factsheet-b"), "newest year first");
    for (filter, expect) in [
        (
            PublicationFilter {
                kind: Some(PublicationKind::Factsheet),
                ..PublicationFilter::default()
            },
            "factsheet-b",
        ),
        (
            PublicationFilter {
                theme: Some(Theme::Toegang),
                ..PublicationFilter::default()
            },
            "wet-a",
        ),
        (
            PublicationFilter {
                year: Some(2017),
                ..PublicationFilter::default()
            },
            "wet-a",
        ),
    ] {
        let p = store
            .list_published_publications(&filter, PageRequest::default())
            .await
            .unwrap();
        assert_eq!(
            p.items
                .iter()
                .map(|p| p.slug.to_string())
                .collect::<Vec<_>>(),
            [expect],
            "{filter:?}"
        );
    }
    assert_eq!(store.publication_years().await.unwrap(), vec![2024, 2017]);
}
