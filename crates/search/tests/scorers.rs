//! Our own query types give exactly what the tantivy queries they replace give:
//! the same documents with the same scores. Checked on an index large enough
//! for skip lists and for tantivy's 4,096-document union windows, in several
//! segments and with deletions.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TEXT};
use tantivy::{doc, DocAddress, Index, IndexWriter, Searcher, Term};
use watwerkt_search::query::all_of::AllOfQuery;
use watwerkt_search::query::any_of::AnyOfQuery;
use watwerkt_search::query::bonus::BonusQuery;
use watwerkt_search::query::cached_term::CachedTermQuery;
use watwerkt_search::query::compounds::{CompoundTerms, CompoundsQuery};
use watwerkt_search::query::phrases::CachedPhraseQuery;
use watwerkt_search::query::term_cache::{TermCache, DECODE_AT_FIRST_USE, MAX_CACHED_TERMS};
use watwerkt_search::query::warm;

const DOCS: u64 = 12_000;

/// Words with different densities: `a` in every 2nd document, `b` in every
/// 7th, `c` in every 500th, `d` in every 3rd, `e` only in the last stretch;
/// `x` twice in every 5th, so frequencies and lengths vary.
fn text_of(i: u64) -> String {
    let mut words = vec!["begin".to_string()];
    for (word, every) in [("a", 2), ("b", 7), ("c", 500), ("d", 3)] {
        if i.is_multiple_of(every) {
            words.push(word.into());
        }
    }
    if i > DOCS - 300 {
        words.push("e".into());
    }
    if i.is_multiple_of(5) {
        words.push("x x".into());
    }
    for _ in 0..(i % 11) {
        words.push("vul".into());
    }
    words.join(" ")
}

struct Fixture {
    index: Index,
    body: Field,
}

/// Documents in three commits (three segments), with every 13th document
/// deleted afterwards.
fn fixture() -> Fixture {
    let mut schema = Schema::builder();
    let body = schema.add_text_field("body", TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 20_000_000).unwrap();
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    for part in 0..3 {
        for i in (part * DOCS / 3)..((part + 1) * DOCS / 3) {
            writer
                .add_document(doc!(body => format!("n{i} {}", text_of(i))))
                .unwrap();
        }
        writer.commit().unwrap();
    }
    for i in (0..DOCS).step_by(13) {
        writer.delete_term(Term::from_field_text(body, &format!("n{i}")));
    }
    writer.commit().unwrap();
    Fixture { index, body }
}

impl Fixture {
    fn searcher(&self) -> Searcher {
        self.index.reader().unwrap().searcher()
    }

    fn term(&self, w: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.body, w),
            IndexRecordOption::WithFreqs,
        ))
    }

    fn cached(&self, w: &str, boost: f32, cache: &Arc<TermCache>) -> Box<dyn Query> {
        Box::new(CachedTermQuery::new(
            Term::from_field_text(self.body, w),
            IndexRecordOption::WithFreqs,
            boost,
            cache.clone(),
        ))
    }
}

/// Every matching document with its score.
fn all_scores(searcher: &Searcher, q: &dyn Query) -> BTreeMap<DocAddress, f32> {
    let n = searcher.search(q, &Count).unwrap();
    searcher
        .search(q, &TopDocs::with_limit(n.max(1)).order_by_score())
        .unwrap()
        .into_iter()
        .map(|(s, a)| (a, s))
        .collect()
}

fn assert_same(expected: &BTreeMap<DocAddress, f32>, got: &BTreeMap<DocAddress, f32>) {
    assert!(!expected.is_empty(), "the reference query matches nothing");
    assert_eq!(
        expected.keys().collect::<Vec<_>>(),
        got.keys().collect::<Vec<_>>(),
        "different documents"
    );
    for (addr, s) in expected {
        let g = got[addr];
        assert!(
            (s - g).abs() <= 1e-4 * s.abs().max(1.0),
            "score of {addr:?}: expected {s}, got {g}"
        );
    }
}

#[test]
fn bonus_query_matches_and_scores_like_must_plus_should() {
    let f = fixture();
    let searcher = f.searcher();
    for (required, bonus) in [
        (vec!["c"], vec!["a", "b", "x"]),
        (vec!["b", "d"], vec!["a", "c", "e"]),
        (vec!["e"], vec!["a", "zzz-absent"]),
        (vec!["a"], vec!["b"]),
    ] {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for w in &required {
            clauses.push((Occur::Must, f.term(w)));
        }
        for w in &bonus {
            clauses.push((Occur::Should, f.term(w)));
        }
        let expected = all_scores(&searcher, &BooleanQuery::new(clauses));
        let req: Box<dyn Query> = Box::new(BooleanQuery::intersection(
            required.iter().map(|w| f.term(w)).collect(),
        ));
        let ours = BonusQuery::new(req, bonus.iter().map(|w| f.term(w)).collect());
        assert_same(&expected, &all_scores(&searcher, &ours));
        assert_eq!(
            searcher.search(&ours, &Count).unwrap(),
            expected.len(),
            "{required:?}"
        );
    }
}

#[test]
fn phrase_bonuses_score_only_where_the_phrase_stands() {
    let f = fixture();
    let searcher = f.searcher();
    let phrase = |ws: &[&str]| -> Box<dyn Query> {
        Box::new(PhraseQuery::new(
            ws.iter()
                .map(|w| Term::from_field_text(f.body, w))
                .collect(),
        ))
    };
    // "a b" stands where both occur (a before b); "b a" never does; "x x" in
    // every 5th document; "begin d" where d follows begin directly.
    let bonus = || {
        vec![
            phrase(&["a", "b"]),
            phrase(&["b", "a"]),
            phrase(&["x", "x"]),
            phrase(&["begin", "d"]),
        ]
    };
    for required in ["b", "d", "c"] {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, f.term(required))];
        clauses.extend(bonus().into_iter().map(|q| (Occur::Should, q)));
        let expected = all_scores(&searcher, &BooleanQuery::new(clauses));
        let ours = BonusQuery::new(f.term(required), bonus());
        assert_same(&expected, &all_scores(&searcher, &ours));
    }
}

#[test]
fn any_of_query_is_a_union_also_inside_an_intersection() {
    let f = fixture();
    let searcher = f.searcher();
    let words = ["b", "c", "e", "zzz-absent"];
    let should = |ws: &[&str]| -> Vec<(Occur, Box<dyn Query>)> {
        ws.iter().map(|w| (Occur::Should, f.term(w))).collect()
    };
    let union = AnyOfQuery::new(words.iter().map(|w| f.term(w)).collect());
    assert_same(
        &all_scores(&searcher, &BooleanQuery::new(should(&words))),
        &all_scores(&searcher, &union),
    );
    // As the sparse side and as the dense side of an intersection: moved by seeks.
    for other in ["c", "a"] {
        let expected = BooleanQuery::new(vec![
            (Occur::Must, f.term(other)),
            (Occur::Must, Box::new(BooleanQuery::new(should(&words)))),
        ]);
        let ours = BooleanQuery::new(vec![
            (Occur::Must, f.term(other)),
            (Occur::Must, Box::new(union.clone())),
        ]);
        assert_same(
            &all_scores(&searcher, &expected),
            &all_scores(&searcher, &ours),
        );
    }
}

#[test]
fn cached_term_query_scores_like_a_boosted_term_query() {
    let f = fixture();
    let searcher = f.searcher();
    assert!(searcher.segment_readers().len() >= 3, "several segments");
    let cache = Arc::new(TermCache::default());
    for (w, boost) in [("a", 1.0), ("x", 2.0), ("c", 0.3), ("e", 1.5)] {
        let expected = BoostQuery::new(f.term(w), boost);
        // Three times: the second time every lookup comes from the cache and
        // the postings are decoded, the third time they are read decoded.
        for _ in 0..3 {
            let ours = f.cached(w, boost, &cache);
            assert_same(
                &all_scores(&searcher, &expected),
                &all_scores(&searcher, &*ours),
            );
            // Counting only (no scores asked) reads the cache too, and skips
            // deleted documents like tantivy's query.
            assert_eq!(
                searcher.search(&*ours, &Count).unwrap(),
                searcher.search(&expected, &Count).unwrap(),
                "count of {w}"
            );
        }
    }
    // Resolved once, then used as often as a kept word is.
    for (w, boost) in [("b", 1.0), ("c", 0.3)] {
        let resolved = cache
            .resolve(&searcher, &Term::from_field_text(f.body, w))
            .unwrap();
        for _ in 0..3 {
            let ours = CachedTermQuery::resolved(
                &resolved,
                IndexRecordOption::WithFreqs,
                boost,
                cache.clone(),
            );
            assert_same(
                &all_scores(&searcher, &BoostQuery::new(f.term(w), boost)),
                &all_scores(&searcher, &ours),
            );
        }
    }
    let absent = f.cached("zzz-absent", 1.0, &cache);
    assert_eq!(searcher.search(&*absent, &Count).unwrap(), 0);
}

#[test]
fn term_cache_follows_the_index_generation() {
    let f = fixture();
    let cache = Arc::new(TermCache::default());
    let before = f.searcher();
    let term = Term::from_field_text(f.body, "nieuw");
    assert_eq!(cache.doc_freq(&before, &term), 0);
    // A term looked up before the commit, as an analysed word keeps it.
    let resolved = cache.resolve(&before, &term).unwrap();
    let kept =
        CachedTermQuery::resolved(&resolved, IndexRecordOption::WithFreqs, 1.0, cache.clone());
    assert_eq!(before.search(&kept, &Count).unwrap(), 0);
    let mut writer: IndexWriter = f.index.writer_with_num_threads(1, 20_000_000).unwrap();
    writer.add_document(doc!(f.body => "nieuw woord")).unwrap();
    writer.commit().unwrap();
    let reader = f.index.reader().unwrap();
    reader.reload().unwrap();
    let after = reader.searcher();
    assert_eq!(cache.doc_freq(&after, &term), 1, "a commit is seen");
    let q = f.cached("nieuw", 1.0, &cache);
    assert_eq!(after.search(&*q, &Count).unwrap(), 1);
    // Looked up again in the new generation: the new statistics, so the
    // same score as a fresh term query.
    assert_same(
        &all_scores(&after, &*f.term("nieuw")),
        &all_scores(&after, &kept),
    );
    assert_eq!(
        all_scores(&after, &*q).values().next().copied(),
        all_scores(&after, &*f.term("nieuw"))
            .values()
            .next()
            .copied()
    );
}

#[test]
fn decoded_postings_seek_and_score_like_the_posting_lists() {
    let f = fixture();
    let searcher = f.searcher();
    let cache = Arc::new(TermCache::default());
    // Required words moved by seeks (sparse and dense), bonuses asked per
    // candidate: every way a decoded list is read.
    let cases: [(&[&str], &[&str]); 4] = [
        (&["c"], &["a", "b", "x"]),
        (&["b", "d"], &["a", "c", "e"]),
        (&["a", "x"], &["d", "zzz-absent"]),
        (&["e"], &["a", "b", "c", "d", "x"]),
    ];
    for (required, bonus) in cases {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for w in required {
            clauses.push((Occur::Must, f.term(w)));
        }
        for w in bonus {
            clauses.push((Occur::Should, Box::new(BoostQuery::new(f.term(w), 0.5))));
        }
        let expected = all_scores(&searcher, &BooleanQuery::new(clauses));
        // First from the posting lists, then decoded (second use), then
        // from the decoded lists.
        for round in 0..3 {
            let req: Box<dyn Query> = Box::new(BooleanQuery::intersection(
                required.iter().map(|w| f.cached(w, 1.0, &cache)).collect(),
            ));
            let ours = BonusQuery::new(
                req,
                bonus.iter().map(|w| f.cached(w, 0.5, &cache)).collect(),
            );
            assert_same(&expected, &all_scores(&searcher, &ours));
            assert_eq!(
                searcher.search(&ours, &Count).unwrap(),
                expected.len(),
                "{required:?}, round {round}"
            );
            // A union of decoded lists as one required word.
            let union = AnyOfQuery::new(bonus.iter().map(|w| f.cached(w, 0.5, &cache)).collect());
            let union_expected = BooleanQuery::new(
                bonus
                    .iter()
                    .map(|w| -> (Occur, Box<dyn Query>) {
                        (Occur::Should, Box::new(BoostQuery::new(f.term(w), 0.5)))
                    })
                    .collect(),
            );
            let with_first = |q: Box<dyn Query>| {
                BooleanQuery::new(vec![
                    (Occur::Must, f.cached(required[0], 1.0, &cache)),
                    (Occur::Must, q),
                ])
            };
            assert_same(
                &all_scores(
                    &searcher,
                    &BooleanQuery::new(vec![
                        (Occur::Must, f.term(required[0])),
                        (Occur::Must, Box::new(union_expected)),
                    ]),
                ),
                &all_scores(&searcher, &with_first(Box::new(union))),
            );
        }
    }
}

#[test]
fn a_list_of_one_block_is_decoded_at_its_first_use_a_longer_one_at_its_second() {
    let f = fixture();
    let searcher = f.searcher();
    let cache = Arc::new(TermCache::default());
    let docs = |w: &str| {
        let n = searcher
            .doc_freq(&Term::from_field_text(f.body, w))
            .unwrap();
        usize::try_from(n).unwrap()
    };
    let count = |w: &str| searcher.search(&*f.cached(w, 1.0, &cache), &Count).unwrap();
    // Documents that match (the fixture deletes some; the lists keep them).
    let live = |w: &str| searcher.search(&*f.term(w), &Count).unwrap();
    let (c, b) = (docs("c"), docs("b"));
    assert!(c <= DECODE_AT_FIRST_USE as usize && b > DECODE_AT_FIRST_USE as usize);
    // `c` fits in one block: decoded at its first use.
    assert_eq!(count("c"), live("c"));
    assert_eq!(cache.decoded_postings(), c);
    // `b` is read from its posting list first, decoded at its second use.
    assert_eq!(count("b"), live("b"));
    assert_eq!(cache.decoded_postings(), c);
    assert_eq!(count("b"), live("b"));
    assert_eq!(cache.decoded_postings(), c + b);
    // Read decoded, they score as tantivy's own term queries.
    for w in ["c", "b"] {
        assert_same(
            &all_scores(&searcher, &*f.term(w)),
            &all_scores(&searcher, &*f.cached(w, 1.0, &cache)),
        );
    }
}

#[test]
fn compounds_read_as_one_list_score_like_their_union() {
    let f = fixture();
    // One reader, as the search index keeps: its generations are the
    // cache's clock.
    let reader = f.index.reader().unwrap();
    let searcher = reader.searcher();
    let cache = Arc::new(TermCache::default());
    let resolve = |w: &str| {
        cache
            .resolve(&searcher, &Term::from_field_text(f.body, w))
            .unwrap()
    };
    // c (24 documents), e (300) and b (1,714): few enough to join.
    let words = ["c", "e", "b"];
    let joined = CompoundTerms::join(&words.map(resolve)).expect("few enough to join");
    let separate = || -> Box<dyn Query> {
        Box::new(AnyOfQuery::new(
            words
                .iter()
                .map(|w| Box::new(BoostQuery::new(f.term(w), 0.3)) as Box<dyn Query>)
                .collect(),
        ))
    };
    let with_a = |q: Box<dyn Query>| BooleanQuery::intersection(vec![f.term("a"), q]);
    // The first search joins the lists; the later ones read the joined list.
    for _ in 0..3 {
        let ours = CompoundsQuery::new(joined.clone(), 0.3, cache.clone());
        assert_same(
            &all_scores(&searcher, &*separate()),
            &all_scores(&searcher, &ours),
        );
        assert_eq!(
            searcher.search(&ours, &Count).unwrap(),
            searcher.search(&*separate(), &Count).unwrap()
        );
        // As one required word among others: moved by seeks.
        assert_same(
            &all_scores(&searcher, &with_a(separate())),
            &all_scores(&searcher, &with_a(Box::new(ours))),
        );
    }
    // Too many documents together, or a single term: not joined.
    assert!(CompoundTerms::join(&[resolve("a"), resolve("x")]).is_none());
    assert!(CompoundTerms::join(&[resolve("c")]).is_none());
    // After a commit the joined terms are of an older generation: they are
    // looked up again, and the new document counts.
    let mut writer: IndexWriter = f.index.writer_with_num_threads(1, 20_000_000).unwrap();
    writer.add_document(doc!(f.body => "nieuw c e b")).unwrap();
    writer.commit().unwrap();
    reader.reload().unwrap();
    let later = reader.searcher();
    assert_ne!(later.generation(), searcher.generation());
    let ours = CompoundsQuery::new(joined, 0.3, cache.clone());
    let expected = all_scores(&later, &*separate());
    assert_eq!(
        expected.len(),
        all_scores(&searcher, &*separate()).len() + 1
    );
    assert_same(&expected, &all_scores(&later, &ours));
}

#[test]
fn kept_phrases_match_and_score_like_phrase_queries() {
    let f = fixture();
    let reader = f.index.reader().unwrap();
    let searcher = reader.searcher();
    let cache = Arc::new(TermCache::default());
    let terms = |words: &[&str]| -> Vec<Term> {
        words
            .iter()
            .map(|w| Term::from_field_text(f.body, w))
            .collect()
    };
    // "a b" (documents in both every 2nd and every 7th), "x x" (every 5th),
    // "b c" (where b is followed by c); "b a" never stands in that order.
    for (words, boost) in [
        (&["a", "b"][..], 1.0),
        (&["x", "x"][..], 2.0),
        (&["b", "c"][..], 0.5),
    ] {
        let expected = BoostQuery::new(Box::new(PhraseQuery::new(terms(words))), boost);
        // Positions the first time, decoded the second, kept the third.
        for round in 0..3 {
            let ours = CachedPhraseQuery::new(terms(words), boost, cache.clone());
            assert_same(
                &all_scores(&searcher, &expected),
                &all_scores(&searcher, &ours),
            );
            assert_eq!(
                searcher.search(&ours, &Count).unwrap(),
                searcher.search(&expected, &Count).unwrap(),
                "count of {words:?} in round {round}"
            );
            // As a required clause beside another word: moved by seeks.
            let with_d = |q: Box<dyn Query>| BooleanQuery::intersection(vec![f.term("d"), q]);
            assert_same(
                &all_scores(&searcher, &with_d(Box::new(expected.clone()))),
                &all_scores(&searcher, &with_d(Box::new(ours))),
            );
        }
    }
    // One word is that word; none matches nothing (tantivy's phrase panics).
    let single = CachedPhraseQuery::new(terms(&["c"]), 2.0, cache.clone());
    assert_same(
        &all_scores(&searcher, &BoostQuery::new(f.term("c"), 2.0)),
        &all_scores(&searcher, &single),
    );
    let none = CachedPhraseQuery::new(Vec::new(), 1.0, cache.clone());
    assert_eq!(searcher.search(&none, &Count).unwrap(), 0);
    let reversed = CachedPhraseQuery::new(terms(&["b", "a"]), 1.0, cache.clone());
    for _ in 0..3 {
        assert_eq!(searcher.search(&reversed, &Count).unwrap(), 0);
    }
    // After a commit the kept lists are of an older generation: the new
    // document counts.
    let mut writer: IndexWriter = f.index.writer_with_num_threads(1, 20_000_000).unwrap();
    writer.add_document(doc!(f.body => "nieuw x x")).unwrap();
    writer.commit().unwrap();
    reader.reload().unwrap();
    let later = reader.searcher();
    let expected = PhraseQuery::new(terms(&["x", "x"]));
    let ours = CachedPhraseQuery::new(terms(&["x", "x"]), 1.0, cache.clone());
    assert_eq!(
        searcher.search(&expected, &Count).unwrap() + 1,
        later.search(&expected, &Count).unwrap()
    );
    assert_same(&all_scores(&later, &expected), &all_scores(&later, &ours));
}

#[test]
fn all_of_query_matches_and_scores_like_an_intersection() {
    let f = fixture();
    let searcher = f.searcher();
    let cache = Arc::new(TermCache::default());
    let phrase = |words: &[&str]| -> Vec<Term> {
        words
            .iter()
            .map(|w| Term::from_field_text(f.body, w))
            .collect()
    };
    // Words (read from their lists, then decoded), a word's union of lists,
    // and a phrase (positions, then decoded): every kind of clause, led by
    // a sparse or a dense one, starting together (document 0 has every
    // word) or apart (`e` starts late, in the last segment only).
    type Case<'a> = (&'a [&'a str], &'a [&'a str], &'a [&'a str]);
    let cases: [Case; 7] = [
        (&["c", "a"], &[], &[]),
        (&["d"], &["b", "e"], &[]),
        (&["a"], &["c", "x"], &["x", "x"]),
        (&["d", "b"], &[], &["a", "b"]),
        (&["e", "b"], &["c", "x"], &[]),
        (&["a", "e"], &[], &["x", "x"]),
        (&["x", "d"], &["e", "c"], &["a", "b"]),
    ];
    for (words, union, quoted) in cases {
        let expected = {
            let mut clauses: Vec<Box<dyn Query>> = words.iter().map(|w| f.term(w)).collect();
            if !union.is_empty() {
                clauses.push(Box::new(BooleanQuery::new(
                    union
                        .iter()
                        .map(|w| -> (Occur, Box<dyn Query>) {
                            (Occur::Should, Box::new(BoostQuery::new(f.term(w), 0.5)))
                        })
                        .collect(),
                )));
            }
            if !quoted.is_empty() {
                clauses.push(Box::new(PhraseQuery::new(phrase(quoted))));
            }
            BooleanQuery::intersection(clauses)
        };
        let expected_scores = all_scores(&searcher, &expected);
        for round in 0..3 {
            let mut clauses: Vec<Box<dyn Query>> =
                words.iter().map(|w| f.cached(w, 1.0, &cache)).collect();
            if !union.is_empty() {
                clauses.push(Box::new(AnyOfQuery::new(
                    union.iter().map(|w| f.cached(w, 0.5, &cache)).collect(),
                )));
            }
            if !quoted.is_empty() {
                clauses.push(Box::new(CachedPhraseQuery::new(
                    phrase(quoted),
                    1.0,
                    cache.clone(),
                )));
            }
            let ours = AllOfQuery::new(clauses);
            assert_same(&expected_scores, &all_scores(&searcher, &ours));
            assert_eq!(
                searcher.search(&ours, &Count).unwrap(),
                expected_scores.len(),
                "{words:?} {union:?} {quoted:?}, round {round}"
            );
        }
    }
}

#[test]
fn warmed_lists_are_the_longest_and_score_like_the_posting_lists() {
    let f = fixture();
    let searcher = f.searcher();
    let cache = Arc::new(TermCache::default());
    let candidates = warm::candidates(&cache, &searcher, &[f.body]);
    let texts: Vec<String> = candidates
        .iter()
        .filter_map(|t| t.value().as_str().map(str::to_string))
        .collect();
    // Most documents first; `c` (24 documents) and the `n…` words (one
    // each) are too short to be worth it.
    assert_eq!(texts, ["begin", "vul", "a", "d", "x", "b", "e"]);

    let warmed = warm::warm_lists(&cache, &searcher, &[f.body], &[f.body])
        .unwrap()
        .expect("nothing moved on");
    assert_eq!(warmed.terms, candidates.len());
    assert!(warmed.postings > 12_000 && warmed.postings <= warm::WARM_POSTINGS);
    assert_eq!(cache.decoded_postings(), warmed.postings);
    assert!(warmed.vocabulary_bytes > 0, "the vocabulary was read");
    // Read decoded from their first use: nothing more is decoded, and
    // documents and scores are those of tantivy's own queries.
    for w in ["a", "b", "d", "e", "x", "begin"] {
        assert_same(
            &all_scores(&searcher, &*f.term(w)),
            &all_scores(&searcher, &*f.cached(w, 1.0, &cache)),
        );
        if w == "e" {
            // `e` and `c` share no document.
            continue;
        }
        let required =
            BooleanQuery::intersection(vec![f.cached("c", 1.0, &cache), f.cached(w, 1.0, &cache)]);
        let expected = BooleanQuery::intersection(vec![f.term("c"), f.term(w)]);
        assert_same(
            &all_scores(&searcher, &expected),
            &all_scores(&searcher, &required),
        );
    }
    assert_eq!(
        cache.decoded_postings(),
        warmed.postings + 24,
        "only `c` (one block of postings, so at its first use) was decoded since"
    );

    // When the cache starts over (too many terms), the warmed terms stay.
    for i in 0..MAX_CACHED_TERMS + 1 {
        cache.doc_freq(
            &searcher,
            &Term::from_field_text(f.body, &format!("zzz{i}")),
        );
    }
    assert_eq!(cache.decoded_postings(), warmed.postings);
    assert_same(
        &all_scores(&searcher, &*f.term("a")),
        &all_scores(&searcher, &*f.cached("a", 1.0, &cache)),
    );
}

#[test]
fn a_warm_up_the_index_has_moved_past_hands_nothing_over() {
    let f = fixture();
    let reader = f.index.reader().unwrap();
    let before = reader.searcher();
    let mut writer: IndexWriter = f.index.writer_with_num_threads(1, 20_000_000).unwrap();
    writer.add_document(doc!(f.body => "nieuw a")).unwrap();
    writer.commit().unwrap();
    reader.reload().unwrap();
    let after = reader.searcher();
    let cache = Arc::new(TermCache::default());
    let a = Term::from_field_text(f.body, "a");
    let df_after = cache.doc_freq(&after, &a);
    assert_eq!(
        warm::warm_lists(&cache, &before, &[f.body], &[f.body]).unwrap(),
        None
    );
    assert_eq!(
        cache.decoded_postings(),
        0,
        "nothing of the old generation kept"
    );
    assert_eq!(cache.doc_freq(&after, &a), df_after);
    // The current generation is warmed.
    let warmed = warm::warm_lists(&cache, &after, &[f.body], &[f.body])
        .unwrap()
        .expect("current");
    assert_eq!(warmed.generation, after.generation().generation_id());
    assert_eq!(cache.decoded_postings(), warmed.postings);
}
