//! The embedded demo content: valid, canonical, and rich enough to show the
//! whole databank. `UPDATE_DEMO=1` rewrites the files in canonical form.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use watwerkt_app::content::{
    parse_active_element, parse_intervention, write_active_element, write_intervention,
};
use watwerkt_app::demo::{demo_batch, DEMO};
use watwerkt_domain::{Coded, PublicationStatus, Rating, RatingState, ValidityPolicy};

#[test]
fn every_demo_file_is_in_canonical_form() {
    let update = std::env::var_os("UPDATE_DEMO").is_some();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo");
    let mut wrong = Vec::new();
    for sub in ["interventies", "werkzame-elementen"] {
        let dir = DEMO.get_dir(sub).expect("demo folder");
        for f in dir.files() {
            let name = f.path().to_string_lossy().into_owned();
            let stem = f.path().file_stem().unwrap().to_string_lossy().into_owned();
            let text = f.contents_utf8().expect("utf-8");
            let canonical = if sub == "interventies" {
                write_intervention(&parse_intervention(&name, Some(&stem), text).unwrap())
            } else {
                write_active_element(&parse_active_element(&name, Some(&stem), text).unwrap())
            };
            if canonical != text {
                if update {
                    std::fs::write(root.join(&name), &canonical).unwrap();
                }
                wrong.push(name);
            }
        }
    }
    assert!(
        wrong.is_empty() || update,
        "not canonical (run with UPDATE_DEMO=1 to rewrite): {wrong:?}"
    );
}

#[test]
fn the_demo_set_covers_the_databank() {
    let batch = demo_batch().unwrap_or_else(|p| panic!("{p}"));
    let published: Vec<_> = batch
        .interventions
        .iter()
        .filter(|i| i.status == PublicationStatus::Published)
        .collect();
    assert!(batch.interventions.len() >= 24, "at least 24 interventions");
    assert!(
        batch.interventions.iter().all(|i| i.example_data),
        "all marked voorbeelddata"
    );
    assert!(batch.active_elements.iter().all(|e| e.example_data));

    let themes: BTreeSet<_> = published.iter().flat_map(|i| i.themes.iter()).collect();
    assert!(
        themes.len() >= 8,
        "spread over at least 8 themes: {}",
        themes.len()
    );

    let levels: BTreeSet<_> = published
        .iter()
        .filter_map(|i| i.rating.as_ref().map(|r| r.level))
        .collect();
    assert_eq!(
        levels.len(),
        Rating::ALL.len(),
        "every rating level appears"
    );

    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let expired = published
        .iter()
        .filter_map(|i| i.rating.as_ref())
        .filter(|r| {
            matches!(
                r.state_on(today, &ValidityPolicy::default()),
                RatingState::Expired { .. }
            )
        })
        .count();
    assert!(
        expired >= 1,
        "some ratings have expired, to show 'verlopen'"
    );

    let mut uses: BTreeMap<String, usize> = BTreeMap::new();
    for i in &batch.interventions {
        for e in &i.active_elements {
            *uses.entry(e.to_string()).or_default() += 1;
        }
    }
    for e in &batch.active_elements {
        assert!(
            uses.get(e.slug.as_str()).copied().unwrap_or(0) >= 2,
            "werkzaam element {} is shared by at least two interventions",
            e.slug
        );
    }
}

#[test]
fn demo_content_never_names_real_organisations_as_owner() {
    let batch = demo_batch().unwrap();
    for i in &batch.interventions {
        assert!(
            i.owner.organisation.contains("(fictief)"),
            "{}: owner must be marked fictional",
            i.slug
        );
    }
}
