//! Searching the small databank: ranking, compounds, typos, facets, sort, paging.

#![allow(clippy::expect_used)] // test helpers: a failure is a test failure

mod common;

use common::{databank, doc, ids, index_with};
use watwerkt_search::{Dimension, Filters, Kind, SearchRequest, Sort};

fn search(index: &watwerkt_search::SearchIndex, q: &str) -> watwerkt_search::SearchResults {
    index.search(&SearchRequest::new(q)).expect("search")
}

#[test]
fn plural_finds_singular_and_negations_are_searchable() {
    let index = index_with(databank());
    assert_eq!(ids(&search(&index, "mantelzorgers")), ["mantelzorg-plus"]);
    assert_eq!(ids(&search(&index, "mantelzorger")), ["mantelzorg-plus"]);
    let r = search(&index, "gezin");
    assert_eq!(r.total, 2, "{:?}", ids(&r));
    assert!(ids(&search(&index, "niet bedoeld")).contains(&"mantelzorg-plus".to_string()));
}

#[test]
fn hits_carry_their_metadata() {
    let index = index_with(databank());
    let r = search(&index, "eenzaamheid");
    let h = &r.hits[0];
    assert_eq!(h.id, "samen-sterk");
    assert_eq!(h.kind, Kind::Intervention);
    assert_eq!(h.url, "/interventies/samen-sterk");
    assert_eq!(h.rating.as_deref(), Some("effectief-goede-aanwijzingen"));
    assert_eq!(h.date, common::date(2021, 5, 1));
    assert_eq!(h.themes, ["eenzaamheid", "ouderen"]);
    assert_eq!(h.groups, ["ouderen"]);
    assert_eq!(h.title_html, "Samen Sterk tegen <mark>eenzaamheid</mark>");
    let mut req = SearchRequest::new("eenzaamheid");
    req.snippets = false;
    let plain = index.search(&req).expect("search");
    assert_eq!(plain.hits[0].title_html, "Samen Sterk tegen eenzaamheid");
    assert!(plain.hits[0].snippet_html.is_empty());
}

#[test]
fn title_and_summary_outrank_body() {
    let index = index_with(vec![
        doc(
            "body",
            "Iets anders",
            "Nog iets",
            "Over eenzaamheid, eenzaamheid en eenzaamheid.",
        ),
        doc("summary", "Iets", "Tegen eenzaamheid", "Tekst."),
        doc("title", "Eenzaamheid", "Iets", "Tekst."),
    ]);
    assert_eq!(
        ids(&search(&index, "eenzaamheid")),
        ["title", "summary", "body"]
    );
}

#[test]
fn a_phrase_is_found_within_the_weighted_title_not_across_its_copies() {
    // The title stands in the text three times (its weight); the end of one
    // copy and the start of the next are not a phrase.
    let index = index_with(vec![
        doc("title", "Huiselijk geweld", "", "Tekst."),
        doc("other", "Iets", "", "Huiselijk is anders dan geweld."),
    ]);
    assert_eq!(ids(&search(&index, "\"huiselijk geweld\"")), ["title"]);
    assert_eq!(search(&index, "\"geweld huiselijk\"").total, 0);
    // Loose words still find both; the title's three copies rank it first.
    assert_eq!(ids(&search(&index, "geweld huiselijk")), ["title", "other"]);
}

#[test]
fn a_quoted_phrase_in_the_title_outranks_the_phrase_in_the_body() {
    // The body names the phrase more often than the weighted title does;
    // the phrase's pairs in the title still put that document first.
    let body = "De Wet maatschappelijke ondersteuning geldt. ".repeat(6);
    let index = index_with(vec![
        doc("body", "Regeling uitvoering", "", &body),
        doc(
            "title",
            "Wet maatschappelijke ondersteuning",
            "",
            "Een lange tekst over zorg en hulp in de gemeente, voor wie dat nodig heeft.",
        ),
    ]);
    assert_eq!(
        ids(&search(&index, "\"Wet maatschappelijke ondersteuning\"")),
        ["title", "body"]
    );
}

#[test]
fn a_part_of_a_compound_finds_the_compound() {
    let index = index_with(databank());
    let r = search(&index, "schuldhulp");
    assert_eq!(ids(&r), ["geldfit"]);
    assert!(
        r.hits[0]
            .snippet_html
            .contains("<mark>schuldhulpverlening</mark>"),
        "{}",
        r.hits[0].snippet_html
    );
    assert_eq!(ids(&search(&index, "jeugdhulp")), ["veilig-thuis"]);
    // Exact matches rank above compound matches.
    let index = index_with(vec![
        doc(
            "compound",
            "Aanpak",
            "",
            "schuldhulpverlening voor iedereen",
        ),
        doc("exact", "Aanpak", "", "schuldhulp voor iedereen"),
    ]);
    assert_eq!(ids(&search(&index, "schuldhulp")), ["exact", "compound"]);
}

#[test]
fn compounds_do_not_wreck_precision() {
    let index = index_with(databank());
    // gemeen must not find gemeente (nor gemeenten), zin not gezin, wel not geweld.
    assert_eq!(ids(&search(&index, "gemeen")), ["gemeen-spel"]);
    let zin = ids(&search(&index, "zin"));
    assert_eq!(zin, ["handreiking-gemeente"]);
    let wel = ids(&search(&index, "wel"));
    assert_eq!(wel, ["veilig-thuis"]);
}

#[test]
fn typos_are_corrected_from_the_vocabulary() {
    let index = index_with(databank());
    let r = search(&index, "eenzaamhied");
    assert_eq!(r.did_you_mean.as_deref(), Some("eenzaamheid"));
    assert!(r.corrected);
    assert_eq!(ids(&r)[0], "samen-sterk");
    let r = search(&index, "mantelzorgre overbelast");
    assert_eq!(r.did_you_mean.as_deref(), Some("mantelzorger overbelast"));
    assert_eq!(ids(&r), ["mantelzorg-plus"]);
    // A correct query gets no suggestion.
    assert_eq!(search(&index, "eenzaamheid").did_you_mean, None);
}

#[test]
fn facets_count_with_the_query_and_filters_combine() {
    let index = index_with(databank());
    let r = search(&index, "jongeren");
    let themes: Vec<(&str, u64)> = r
        .facets
        .themes
        .iter()
        .map(|c| (c.value.as_str(), c.count))
        .collect();
    assert_eq!(themes, [("bestaanszekerheid-en-waardevol-werken", 1)]);

    let mut req = SearchRequest::new("");
    req.filters = Filters {
        kinds: vec!["publicatie".into()],
        ..Default::default()
    };
    let r = index.search(&req).expect("search");
    assert_eq!(r.total, 2);
    // The kind dimension still shows the other kind (counted without its own filter).
    let kinds: Vec<(&str, u64, bool)> = r
        .facets
        .kinds
        .iter()
        .map(|c| (c.value.as_str(), c.count, c.selected))
        .collect();
    assert_eq!(kinds, [("interventie", 4, false), ("publicatie", 2, true)]);

    req.filters.themes = vec!["toegang".into(), "bestaat-niet".into()];
    let r = index.search(&req).expect("search");
    assert_eq!(ids(&r), ["handreiking-gemeente"]);
    assert_eq!(
        r.ignored_filters,
        [(Dimension::Theme, "bestaat-niet".to_string())]
    );
}

#[test]
fn sort_by_rating_and_date_and_page() {
    let index = index_with(databank());
    let mut req = SearchRequest::new("");
    req.sort = Sort::Rating;
    let r = index.search(&req).expect("search");
    assert_eq!(&ids(&r)[..3], ["samen-sterk", "mantelzorg-plus", "geldfit"]);
    req.sort = Sort::Date;
    req.per_page = 2;
    let r = index.search(&req).expect("search");
    assert_eq!(ids(&r), ["veilig-thuis", "mantelzorg-plus"]);
    assert_eq!((r.total, r.pages), (6, 3));
    req.page = 2;
    assert_eq!(
        ids(&index.search(&req).expect("search")),
        ["handreiking-gemeente", "samen-sterk"]
    );
    req.page = 99;
    let r = index.search(&req).expect("search");
    assert!(r.hits.is_empty());
    assert_eq!(r.total, 6);
    req.page = usize::MAX;
    req.per_page = usize::MAX;
    assert!(index.search(&req).expect("search").hits.is_empty());
}

#[test]
fn bad_input_gives_sensible_results() {
    let index = index_with(databank());
    let all = search(&index, "");
    assert_eq!(all.total, 6);
    for q in [
        "\"",
        ":",
        "(",
        "*",
        "~",
        "\" : ( * ~",
        "title:eenzaamheid",
        "eenzaamheid~2",
        "(ouderen",
        "ouderen)",
        "\"eenzaamheid bij",
        "*:*",
        "AND OR NOT",
        "-",
        "!!!",
        "\\",
        "\u{0}",
    ] {
        let r = search(&index, q);
        assert!(r.total <= 6, "{q}");
    }
    assert_eq!(
        ids(&search(&index, "title:eenzaamheid~")),
        ids(&search(&index, "title eenzaamheid"))
    );
    assert_eq!(search(&index, "(eenzaamheid)").total, 1);
    let long = "eenzaamheid ".repeat(1000);
    let r = search(&index, &long);
    assert!(r.truncated);
    assert_eq!(ids(&r), ["samen-sterk"]);
    let r = search(&index, &"x".repeat(10_000));
    assert_eq!(r.total, 0);
    assert_eq!(search(&index, "\"huiselijk geweld\"").total, 1);
    assert_eq!(search(&index, "\"geweld huiselijk\"").total, 0);
}

#[test]
fn snippets_are_escaped_and_marked() {
    let index = index_with(databank());
    let r = search(&index, "keukentafel");
    let h = &r.hits[0];
    assert!(
        h.snippet_html.contains("<mark>keukentafel</mark>"),
        "{}",
        h.snippet_html
    );
    assert!(!h.snippet_html.contains("<script>"), "{}", h.snippet_html);
    let r = search(&index, "gemeente");
    assert_eq!(
        r.hits[0].title_html,
        "Handreiking voor de <mark>gemeente</mark>"
    );
    assert_eq!(r.hits[0].kind, Kind::Publication);
}

#[test]
fn a_word_beyond_the_stored_excerpt_finds_the_text_and_the_snippet_falls_back() {
    // The whole body is searched; only its first EXCERPT_BYTES are stored
    // for snippets. A match further in shows the summary (or the text's
    // start) instead of a passage, and nothing is cut inside a character.
    let filler = "Het college stelt regels vast over het bijhouden van gegevens. ".repeat(200);
    assert!(filler.len() > watwerkt_search::schema::EXCERPT_BYTES);
    let body = format!("{filler}Één keer per jaar volgt een keukentafelgesprek.");
    let index = index_with(vec![
        doc(
            "lang",
            "Verordening gegevens",
            "Over het bijhouden van gegevens.",
            &body,
        ),
        doc(
            "kort",
            "Keukentafelgesprek",
            "",
            "Een keukentafelgesprek aan huis.",
        ),
    ]);
    let r = search(&index, "keukentafelgesprek");
    assert_eq!(ids(&r), ["kort", "lang"]);
    let far = &r.hits[1];
    assert_eq!(far.snippet_html, "Over het bijhouden van gegevens.");
    let near = &r.hits[0];
    assert!(
        near.snippet_html
            .contains("<mark>keukentafelgesprek</mark>"),
        "{}",
        near.snippet_html
    );
}

#[test]
fn suggestions_complete_titles_and_words() {
    let index = index_with(databank());
    let s = index.suggest("mantelz", 5).expect("suggest");
    assert_eq!(s[0].text, "Mantelzorg Plus");
    assert!(s.iter().any(|x| x.text == "mantelzorgers"), "{s:?}");
    let s = index.suggest("samen st", 5).expect("suggest");
    assert_eq!(s[0].text, "Samen Sterk tegen eenzaamheid");
    assert!(index.suggest("", 5).expect("suggest").is_empty());
    assert!(index.suggest("\" : ( * ~", 5).expect("suggest").is_empty());
    assert!(index.suggest(&"a".repeat(10_000), 5).is_ok());
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let index = index_with(databank());
    let mut d = databank().remove(0);
    d.title = "Samen Sterk tegen armoede".into();
    d.summary = String::new();
    d.body = String::new();
    index.upsert(&d).expect("upsert");
    index.commit().expect("commit");
    assert_eq!(index.num_docs(), 6);
    assert_eq!(ids(&search(&index, "armoede")), ["samen-sterk"]);
    index
        .delete(Kind::Intervention, "samen-sterk")
        .expect("delete");
    index.commit().expect("commit");
    assert_eq!(search(&index, "armoede").total, 0);
    assert_eq!(index.num_docs(), 5);
}

#[test]
fn a_prefix_is_completed_not_corrected() {
    let index = index_with(databank());
    // "eenz" is one letter from "een" but starts "eenzaamheid": someone who
    // stopped typing, not a typo.
    let r = search(&index, "eenz");
    assert_eq!(r.did_you_mean.as_deref(), Some("eenzaamheid"));
    assert!(r.corrected);
    assert_eq!(ids(&r), ["samen-sterk"]);
    let r = search(&index, "mantelz ouderen");
    assert_ne!(r.did_you_mean.as_deref(), Some("mantel ouderen"));
    // A real typo is still corrected by distance.
    let r = search(&index, "eenzaamhied");
    assert_eq!(r.did_you_mean.as_deref(), Some("eenzaamheid"));
}

/// The databank with the ratings' last valid days: samen-sterk's rating
/// ended on 2024-04-30, mantelzorg-plus's and geldfit's hold until 2028.
fn with_validity() -> watwerkt_search::SearchIndex {
    let mut docs = databank();
    for d in &mut docs {
        d.rating_valid_until = match d.id.as_str() {
            "samen-sterk" => common::date(2024, 4, 30),
            "mantelzorg-plus" | "geldfit" => common::date(2028, 1, 1),
            _ => None,
        };
    }
    index_with(docs)
}

fn on(q: &str, today: Option<chrono::NaiveDate>) -> SearchRequest {
    SearchRequest {
        today,
        ..SearchRequest::new(q)
    }
}

#[test]
fn expired_ratings_leave_the_facet_the_filter_and_the_rating_order() {
    let index = with_validity();
    let before = common::date(2024, 4, 30);
    let after = common::date(2024, 5, 1);
    let rating_counts = |today| {
        let r = index.search(&on("", today)).expect("search");
        r.facets
            .ratings
            .iter()
            .map(|c| (c.value.clone(), c.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(rating_counts(before).len(), 3);
    let counts = rating_counts(after);
    assert_eq!(counts.len(), 2, "{counts:?}");
    assert!(!counts
        .iter()
        .any(|(v, _)| v == "effectief-goede-aanwijzingen"));

    // Filtering on the expired level finds nothing once it has expired.
    let mut req = on("", before);
    req.filters.ratings = vec!["effectief-goede-aanwijzingen".into()];
    assert_eq!(ids(&index.search(&req).expect("search")), ["samen-sterk"]);
    req.today = after;
    let r = index.search(&req).expect("search");
    assert_eq!(r.total, 0);
    // The selected value stays visible, with 0.
    let chosen = r
        .facets
        .ratings
        .iter()
        .find(|c| c.selected)
        .expect("the selected level is listed");
    assert_eq!(
        (chosen.value.as_str(), chosen.count),
        ("effectief-goede-aanwijzingen", 0)
    );

    // The hit says its rating has expired; sorting by rating puts it with the unrated.
    let r = index.search(&on("eenzaamheid", after)).expect("search");
    assert!(r.hits[0].rating_expired);
    assert_eq!(r.hits[0].rating_valid_until, common::date(2024, 4, 30));
    let r = index.search(&on("eenzaamheid", before)).expect("search");
    assert!(!r.hits[0].rating_expired);
    let mut req = on("", after);
    req.sort = Sort::Rating;
    let order = ids(&index.search(&req).expect("search"));
    assert_eq!(&order[..2], ["mantelzorg-plus", "geldfit"]);
    req.today = before;
    let order = ids(&index.search(&req).expect("search"));
    assert_eq!(order[0], "samen-sterk");
}

#[test]
fn hits_carry_what_the_result_page_shows() {
    let mut docs = databank();
    docs[4].example_data = true;
    docs[4].detail = Some("Handreiking, 2022".into());
    docs[1].rating_valid_until = common::date(2028, 1, 1);
    let index = index_with(docs);
    let r = search(&index, "handreiking");
    assert!(r.hits[0].example_data);
    assert_eq!(r.hits[0].detail.as_deref(), Some("Handreiking, 2022"));
    let r = search(&index, "mantelzorg");
    let h = &r.hits[0];
    assert_eq!(h.id, "mantelzorg-plus");
    assert!(!h.example_data);
    assert_eq!(h.detail, None);
    assert_eq!(h.rating.as_deref(), Some("goed-onderbouwd"));
    assert_eq!(h.rating_valid_until, common::date(2028, 1, 1));
    assert!(!h.rating_expired);
}

#[test]
fn a_commit_changes_what_a_known_word_finds() {
    // Words, their compounds and the decoded postings are kept per index
    // generation: after a commit, the same query sees the new documents.
    let index = index_with(vec![doc("exact", "Aanpak", "", "schuldhulp voor iedereen")]);
    for _ in 0..3 {
        assert_eq!(ids(&search(&index, "schuldhulp")), ["exact"]);
    }
    index
        .upsert(&doc(
            "compound",
            "Nieuw",
            "",
            "schuldhulpverlening in de wijk",
        ))
        .expect("upsert");
    index.commit().expect("commit");
    assert_eq!(ids(&search(&index, "schuldhulp")), ["exact", "compound"]);
    index.delete(Kind::Intervention, "exact").expect("delete");
    index.commit().expect("commit");
    for _ in 0..3 {
        assert_eq!(ids(&search(&index, "schuldhulp")), ["compound"]);
    }
}
