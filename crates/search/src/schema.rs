//! The tantivy schema: fields, analyzers and the schema version.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::Index;

use crate::analysis::{pairs_analyzer, words_analyzer, CHOSEN};

/// The version of the schema and analysis. Bump it whenever a field, an analyzer,
/// the stemmer or what is stored changes: an index with another version is
/// rebuilt at open.
pub const SCHEMA_VERSION: u32 = 5;

/// Bytes of the body kept for snippets. A result page reads, decompresses and
/// analyses the stored document of each of its hits, so this bounds most of
/// its cost. Measured on the laws corpus (`profile_query REACH=1`, top 10 of
/// the 1,000 known-item queries): a query stem stands in the first 8 KB of
/// 95.6 % of the hits and in the first 32 KB of 97.6 %; a hit without a
/// match in its excerpt shows its summary's or its text's start. 32 → 8 KB
/// took a full result page from 2.09 M to 1.52 M instructions.
pub const EXCERPT_BYTES: usize = 8 * 1024;

/// Bytes per compressed block of stored documents (tantivy's default is
/// 16 KB). A hit's snippet decompresses its whole block, so with excerpts of
/// at most [`EXCERPT_BYTES`] a smaller block means fewer bytes per hit: 1.52 M
/// → 1.36 M instructions per result page, for an index 4 % larger.
pub const DOCSTORE_BLOCK_BYTES: usize = 4 * 1024;

/// The stemmed Dutch analyzer (see `ANALYZER.md`).
pub const NL: &str = "watwerkt_nl";
/// Lowercase + ASCII folding, no stemming: vocabulary for typos and compounds.
pub const WORDS: &str = "watwerkt_words";
/// Pairs of consecutive stems (see [`crate::analysis::PairFilter`]).
pub const PAIRS: &str = "watwerkt_pairs";

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `kind/id`, the unique key (also a fast column: results are read from
    /// columns, not from the stored documents, unless snippets are asked).
    pub key: Field,
    /// Title, stored and a fast column (not indexed: its words are in `text`).
    pub title: Field,
    /// Summary, stored for snippets (not indexed: its words are in `text`).
    pub summary: Field,
    /// All text, stemmed, with positions, not stored: what a word must match
    /// and what it is scored on. The title is in it [`TITLE_WEIGHT`] times
    /// and the summary [`SUMMARY_WEIGHT`] times (BM25F, see
    /// [`crate::write`]), so that a word there weighs more than in the body.
    pub text: Field,
    /// The first [`EXCERPT_BYTES`] of the body, stored for snippets.
    pub excerpt: Field,
    /// Unstemmed words of title, summary and body (doc ids only).
    pub words: Field,
    /// Unstemmed title with positions, for typeahead.
    pub title_words: Field,
    /// Pairs of consecutive title stems, without positions: the bonus for
    /// query words that stand together, in order, in the title.
    pub title_pairs: Field,
    /// Facets: `/kind/..`, `/thema/..`, `/doelgroep/..`, `/erkenningsniveau/..`.
    pub facets: Field,
    /// Rating rank for sorting: 0 none, 1 goed beschreven .. 5 sterke aanwijzingen.
    pub rating_rank: Field,
    /// Days since 0001-01-01 for sorting; 0 when there is no date.
    pub date_days: Field,
    /// Stored URL.
    pub url: Field,
    /// Last valid day of the rating, days since 0001-01-01; [`VALID_FOREVER`]
    /// when there is no end, 0 when there is no rating.
    pub valid_until_days: Field,
    /// 1 for fictional example content, else 0.
    pub example: Field,
    /// Short description under the title (`Rapport, 2021`), a fast column.
    pub detail: Field,
}

/// How many times the title is in [`Fields::text`]: a word in the title
/// counts three times as much as in the body.
pub const TITLE_WEIGHT: usize = 3;
/// How many times the summary is in [`Fields::text`].
pub const SUMMARY_WEIGHT: usize = 2;

/// [`Fields::valid_until_days`] of a rating without an end.
pub const VALID_FOREVER: u64 = u64::MAX;

impl Fields {
    /// Builds the schema and its fields.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let indexed = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NL)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WORDS)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        );
        let title_words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WORDS)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let pairs = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(PAIRS)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let raw_fast_stored = TextOptions::default().set_stored().set_fast("raw");
        let fields = Fields {
            key: b.add_text_field("key", STRING | STORED | FAST),
            title: b.add_text_field("title", TextOptions::default().set_stored().set_fast("raw")),
            summary: b.add_text_field("summary", STORED),
            text: b.add_text_field("text", indexed),
            excerpt: b.add_text_field("excerpt", STORED),
            words: b.add_text_field("words", words),
            title_words: b.add_text_field("title_words", title_words),
            title_pairs: b.add_text_field("title_pairs", pairs),
            facets: b.add_facet_field("facets", STORED),
            rating_rank: b.add_u64_field("rating_rank", FAST | INDEXED),
            date_days: b.add_u64_field("date_days", FAST | INDEXED),
            url: b.add_text_field("url", raw_fast_stored.clone()),
            valid_until_days: b.add_u64_field("valid_until_days", FAST | INDEXED),
            example: b.add_u64_field("example", FAST),
            detail: b.add_text_field("detail", raw_fast_stored),
        };
        (b.build(), fields)
    }
}

/// Registers our analyzers on an index.
pub fn register_analyzers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(NL, CHOSEN.text_analyzer());
    manager.register(WORDS, words_analyzer());
    manager.register(PAIRS, pairs_analyzer());
}
