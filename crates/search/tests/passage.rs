//! The passage finder picks the same passage and marks the same words as
//! tantivy's `SnippetGenerator` with the chosen analysis, on real Dutch text.

#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use watwerkt_search::analysis::{gold, terms_with, CHOSEN};
use watwerkt_search::passage::{Passage, PassageFinder};

fn gold_text() -> Option<String> {
    let path = std::env::var_os("WATWERKT_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
        .join("alpino-ud-nl-devtest.conllu");
    if !path.exists() {
        println!("skipped: gold file {} is absent", path.display());
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// What tantivy's generator makes of `text`, as a passage.
fn generated(generator: &SnippetGenerator, text: &str) -> Option<Passage> {
    let s = generator.snippet(text);
    if s.is_empty() {
        return None;
    }
    let range = s.fragment_range();
    let marks = s
        .highlighted()
        .iter()
        .map(|m| range.start + m.start..range.start + m.end)
        .collect();
    Some(Passage { range, marks })
}

#[test]
fn passages_equal_tantivys_snippets() {
    let Some(text) = gold_text() else { return };
    // The sentences as written (capitals, accents, punctuation), one text.
    let body: String = text
        .lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(body.len() > 100_000, "{} bytes", body.len());
    let words: Vec<String> = gold::read_conllu(&text)
        .into_iter()
        .map(|w| w.form)
        .collect();
    let mut chosen = CHOSEN.text_analyzer();
    let mut compared = 0;
    let mut found = 0;
    for (round, step) in [37usize, 101, 499].into_iter().enumerate() {
        // Terms: every step-th word's stem, weighted 1 or 0.5 (a query's
        // words and its compounds).
        let mut terms: BTreeMap<String, f32> = BTreeMap::new();
        for (i, w) in words.iter().enumerate().skip(round).step_by(step) {
            for t in terms_with(&mut chosen, w) {
                terms.insert(t, if i % 2 == 0 { 1.0 } else { 0.5 });
            }
        }
        let mut finder = PassageFinder::new(terms.iter().map(|(t, w)| (t.as_str(), *w)));
        for max in [200usize, 10_000] {
            let generator = SnippetGenerator::new(
                terms.clone(),
                CHOSEN.text_analyzer(),
                Field::from_field_id(0),
                max,
            );
            // Windows of 600 bytes (a hit's snippet window) across the text.
            let mut at = 0;
            while at < body.len() {
                let mut end = (at + 600).min(body.len());
                while !body.is_char_boundary(end) {
                    end -= 1;
                }
                let window = &body[at..end];
                let ours = finder.best(window, max);
                assert_eq!(
                    ours,
                    generated(&generator, window),
                    "window at {at}, max {max}"
                );
                found += usize::from(ours.is_some());
                compared += 1;
                at = end;
                while at < body.len() && !body.is_char_boundary(at) {
                    at += 1;
                }
            }
        }
    }
    assert!(
        compared > 1_000 && found > compared / 10,
        "{found} of {compared}"
    );
}
