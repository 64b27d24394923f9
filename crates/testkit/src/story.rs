//! The storage conformance story: one scenario every backend must pass
//! unchanged. SQLite runs it always; PostgreSQL when
//! `WATWERKT_TEST_POSTGRES_URL` is set (once that backend exists).

use chrono::{TimeZone, Utc};
use watwerkt_domain::{Group, PublicationStatus, Rating, Theme};
use watwerkt_store::{
    ContentBatch, InterventionFilter, PageRequest, SearchRecord, Store, StoreError,
};

use crate::builders::{element, intervention, publication, rating, slug};

/// Runs the whole story against an empty store. Panics with a message on the
/// first broken promise.
pub async fn store_story(store: &dyn Store) {
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();

    // An empty store.
    assert!(store.is_empty().await.unwrap(), "a new store is empty");
    let page = store
        .list_interventions(&InterventionFilter::default(), PageRequest::default())
        .await
        .unwrap();
    assert_eq!(
        (page.total, page.items.len(), page.total_pages()),
        (0, 0, 1)
    );
    assert!(matches!(
        store.get_intervention(&slug("bestaat-niet")).await,
        Err(StoreError::NotFound { .. })
    ));
    let counts = store.theme_counts().await.unwrap();
    assert_eq!(counts.len(), 29);
    assert!(counts.iter().all(|(_, n)| *n == 0));

    // A first import.
    let mut a = intervention("alfa", "Alfa aanpak");
    a.active_elements = vec![slug("netwerk"), slug("vertrouwen")];
    a.target_group.groups = vec![Group::Elderly];
    a.rating = Some(rating(Rating::WellDescribed, "2024-05-01"));
    let mut b = intervention("bravo", "bravo methode");
    b.themes = vec![Theme::Ouderen, Theme::InformeleZorg];
    b.target_group.groups = vec![Group::Carers];
    b.active_elements = vec![slug("netwerk")];
    let mut r = rating(Rating::EffectiveGood, "2022-02-02");
    r.valid_until = Some(crate::builders::date("2025-12-31"));
    b.rating = Some(r);
    let mut c = intervention("charlie", "Charlie concept");
    c.status = PublicationStatus::Draft;
    c.active_elements = vec![slug("netwerk")];
    let pub_a = publication("wet-op-de-proef", "Wet op de proef");
    let batch = ContentBatch {
        active_elements: vec![
            element("netwerk", "Netwerk"),
            element("vertrouwen", "Vertrouwen"),
        ],
        interventions: vec![a.clone(), b.clone(), c.clone()],
        publications: vec![pub_a.clone()],
    };
    let outcome = store.import_content(&batch, now).await.unwrap();
    assert_eq!(
        (outcome.created, outcome.updated, outcome.unchanged),
        (6, 0, 0)
    );
    assert!(!store.is_empty().await.unwrap());

    // What goes in comes out unchanged.
    assert_eq!(store.get_intervention(&slug("alfa")).await.unwrap(), a);
    assert_eq!(store.get_intervention(&slug("bravo")).await.unwrap(), b);
    assert_eq!(store.get_intervention(&slug("charlie")).await.unwrap(), c);
    let all = store.all_interventions().await.unwrap();
    let slugs: Vec<_> = all.iter().map(|i| i.slug.to_string()).collect();
    assert_eq!(slugs, ["alfa", "bravo", "charlie"], "all, ordered by slug");

    // Lists show only published items, ordered by title regardless of case.
    let list = |f: InterventionFilter, p: PageRequest| async move {
        store.list_interventions(&f, p).await.unwrap()
    };
    let page = list(InterventionFilter::default(), PageRequest::default()).await;
    let titles: Vec<_> = page.items.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Alfa aanpak", "bravo methode"]);
    assert_eq!(page.items[1].themes, [Theme::Ouderen, Theme::InformeleZorg]);
    assert_eq!(page.items[0].rating, a.rating);

    // Filters: OR within a field, AND across fields.
    let by_theme = InterventionFilter {
        themes: vec![Theme::InformeleZorg],
        ..InterventionFilter::default()
    };
    assert_eq!(list(by_theme, PageRequest::default()).await.total, 1);
    let either = InterventionFilter {
        groups: vec![Group::Elderly, Group::Carers],
        ..InterventionFilter::default()
    };
    assert_eq!(list(either, PageRequest::default()).await.total, 2);
    let both = InterventionFilter {
        groups: vec![Group::Elderly],
        ratings: vec![Rating::EffectiveGood],
        ..InterventionFilter::default()
    };
    assert_eq!(list(both, PageRequest::default()).await.total, 0);
    let by_rating = InterventionFilter {
        ratings: vec![Rating::EffectiveGood],
        ..InterventionFilter::default()
    };
    assert_eq!(
        list(by_rating, PageRequest::default()).await.items[0].slug,
        slug("bravo")
    );
    let drafts = InterventionFilter {
        status: Some(PublicationStatus::Draft),
        ..InterventionFilter::default()
    };
    assert_eq!(list(drafts, PageRequest::default()).await.total, 1);

    // Paging.
    let p2 = list(InterventionFilter::default(), PageRequest::new(2, 1)).await;
    assert_eq!((p2.total, p2.total_pages(), p2.items.len()), (2, 2, 1));
    assert_eq!(p2.items[0].slug, slug("bravo"));
    let past = list(InterventionFilter::default(), PageRequest::new(9, 1)).await;
    assert!(past.items.is_empty());
    assert_eq!(past.total, 2);

    // Werkzame elementen and their interventions (published only).
    let with = store
        .interventions_with_element(&slug("netwerk"))
        .await
        .unwrap();
    assert_eq!(with.len(), 2);
    let elements = store.list_active_elements().await.unwrap();
    let counts: Vec<_> = elements
        .iter()
        .map(|(e, n)| (e.slug.to_string(), *n))
        .collect();
    assert_eq!(
        counts,
        [("netwerk".to_string(), 2), ("vertrouwen".to_string(), 1)]
    );
    let some = store
        .active_elements_by_slugs(&[slug("vertrouwen"), slug("onbekend"), slug("netwerk")])
        .await
        .unwrap();
    let names: Vec<_> = some.iter().map(|e| e.slug.to_string()).collect();
    assert_eq!(
        names,
        ["vertrouwen", "netwerk"],
        "in the order asked, absent left out"
    );
    assert!(store
        .active_elements_by_slugs(&[])
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        store.get_active_element(&slug("onbekend")).await,
        Err(StoreError::NotFound { .. })
    ));

    // Theme counts, published only.
    let counts = store.theme_counts().await.unwrap();
    let count_of = |t: Theme| counts.iter().find(|(x, _)| *x == t).unwrap().1;
    assert_eq!(count_of(Theme::Eenzaamheid), 1);
    assert_eq!(count_of(Theme::Ouderen), 1);

    // Re-importing the same content changes nothing.
    let again = store.import_content(&batch, now).await.unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 6));
    assert!(store
        .rating_history(&slug("alfa"))
        .await
        .unwrap()
        .is_empty());

    // A new rating supersedes the old one, which stays as history.
    let mut a2 = a.clone();
    a2.rating = Some(rating(Rating::WellFounded, "2026-01-01"));
    let changed = store
        .import_content(
            &ContentBatch {
                interventions: vec![a2.clone()],
                ..ContentBatch::default()
            },
            now,
        )
        .await
        .unwrap();
    assert_eq!(changed.updated, 1);
    assert_eq!(store.get_intervention(&slug("alfa")).await.unwrap(), a2);
    assert_eq!(
        store.rating_history(&slug("alfa")).await.unwrap(),
        vec![a.rating.clone().unwrap()]
    );

    // A failing batch stores nothing of itself (one transaction).
    let new_one = intervention("delta", "Delta");
    let mut broken = intervention("echo", "Echo");
    broken.active_elements = vec![slug("bestaat-niet")];
    let err = store
        .import_content(
            &ContentBatch {
                active_elements: vec![element("nieuw-element", "Nieuw")],
                interventions: vec![new_one, broken],
                publications: vec![publication("nieuwe-publicatie", "Nieuw")],
            },
            now,
        )
        .await;
    assert!(matches!(err, Err(StoreError::Invalid(_))), "{err:?}");
    assert!(matches!(
        store.get_intervention(&slug("delta")).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.get_active_element(&slug("nieuw-element")).await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.all_interventions().await.unwrap().len(), 3);
    assert!(matches!(
        store.get_publication(&slug("nieuwe-publicatie")).await,
        Err(StoreError::NotFound { .. })
    ));

    // Publications: stored as given, paged by slug, updated in place.
    assert_eq!(
        store
            .get_publication(&slug("wet-op-de-proef"))
            .await
            .unwrap(),
        pub_a
    );
    let mut pub_b = publication("aa-eerste", "Eerste");
    pub_b.year = None;
    pub_b.link = None;
    pub_b.authors = vec![];
    let mut pub_a2 = pub_a.clone();
    pub_a2.body.push_str("\n\nArtikel 2. Nieuw.");
    let out = store
        .import_content(
            &ContentBatch {
                publications: vec![pub_b.clone(), pub_a2.clone()],
                ..ContentBatch::default()
            },
            now,
        )
        .await
        .unwrap();
    assert_eq!((out.created, out.updated), (1, 1));
    let page = store
        .list_publications(PageRequest::new(1, 1))
        .await
        .unwrap();
    assert_eq!((page.total, page.items.clone()), (2, vec![pub_b]));
    let page = store
        .list_publications(PageRequest::new(2, 1))
        .await
        .unwrap();
    assert_eq!(page.items, vec![pub_a2]);

    // The search log keeps text, count and time, and finds the misses.
    for (q, n) in [
        ("Eenzaamheid", 4),
        ("schuldhulp jongeren", 0),
        ("Schuldhulp Jongeren", 0),
        ("xyz", 0),
    ] {
        store
            .record_search(&SearchRecord {
                query: q.into(),
                results: n,
                at: now,
            })
            .await
            .unwrap();
    }
    let missed = store.missed_queries(10).await.unwrap();
    let missed: Vec<_> = missed.iter().map(|m| (m.query.as_str(), m.times)).collect();
    assert_eq!(missed, [("schuldhulp jongeren", 2), ("xyz", 1)]);

    // One batch of many searches (more than one statement's worth) loses none.
    let batch: Vec<SearchRecord> = (0..701)
        .map(|i| SearchRecord {
            query: if i % 2 == 0 {
                "wachtlijst"
            } else {
                "eenzaamheid"
            }
            .into(),
            results: if i % 2 == 0 { 0 } else { 3 },
            at: now,
        })
        .collect();
    store.record_searches(&batch).await.unwrap();
    let missed = store.missed_queries(10).await.unwrap();
    let missed: Vec<_> = missed.iter().map(|m| (m.query.as_str(), m.times)).collect();
    assert_eq!(
        missed,
        [("wachtlijst", 351), ("schuldhulp jongeren", 2), ("xyz", 1)]
    );
}
