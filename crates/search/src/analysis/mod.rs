//! Dutch text analysis: the candidate analyzers and the one the index uses.
//!
//! The choice was made by measurement on the Alpino gold lemmas; see
//! `crates/search/ANALYZER.md` and `examples/analyzer_eval.rs`.

mod dutch_stem;
mod snowball_nl;
pub use snowball_nl::snowball_dutch;
mod filter;
pub mod gold;
mod pairs;
pub use pairs::{pair, PairFilter, PAIR_JOIN};

use std::sync::LazyLock;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};

pub use dutch_stem::{is_function_word, stem_dutch, stem_dutch_with, Rules};
use filter::StemFilter;

/// Tokens longer than this (in bytes) are dropped: they are noise (base64, hashes).
pub const MAX_TOKEN_BYTES: usize = 64;

/// A candidate analyzer for Dutch text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Analyzer {
    /// Split on non-alphanumerics, lowercase.
    Lowercase,
    /// Lowercase, then fold diacritics to ASCII (`cliënt` → `client`).
    LowercaseFolded,
    /// Lowercase, then classic Snowball Dutch (crate `rust-stemmers`).
    ClassicSnowball,
    /// Lowercase, then tantivy 0.27's default Dutch stemmer (new Snowball).
    TantivySnowball,
    /// Lowercase, ASCII folding, then classic Snowball Dutch without its
    /// derivational step and with Dutch-specific corrections (see [`stem_dutch`]):
    /// the analyzer the index uses.
    Watwerkt,
}

/// The analyzer the index uses, chosen by measurement (see `ANALYZER.md`).
pub const CHOSEN: Analyzer = Analyzer::Watwerkt;

impl Analyzer {
    /// Every candidate, in the order of the report.
    pub const ALL: &'static [Analyzer] = &[
        Analyzer::Lowercase,
        Analyzer::LowercaseFolded,
        Analyzer::ClassicSnowball,
        Analyzer::TantivySnowball,
        Analyzer::Watwerkt,
    ];

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Analyzer::Lowercase => "lowercase",
            Analyzer::LowercaseFolded => "lowercase+ascii-folding",
            Analyzer::ClassicSnowball => "classic Snowball Dutch (rust-stemmers)",
            Analyzer::TantivySnowball => "tantivy 0.27 Dutch (new Snowball)",
            Analyzer::Watwerkt => "watwerkt: folding + Snowball without derivation + corrections",
        }
    }

    /// A tantivy analyzer doing this analysis.
    pub fn text_analyzer(self) -> TextAnalyzer {
        let base = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser);
        match self {
            Analyzer::Lowercase => base.build(),
            Analyzer::LowercaseFolded => base.filter(AsciiFoldingFilter).build(),
            Analyzer::ClassicSnowball => base.filter(StemFilter(stem_classic)).build(),
            Analyzer::TantivySnowball => base.filter(Stemmer::new(Language::Dutch)).build(),
            Analyzer::Watwerkt => base
                .filter(AsciiFoldingFilter)
                .filter(StemFilter(stem_dutch))
                .build(),
        }
    }

    /// The terms of `text` under this analysis.
    pub fn terms(self, text: &str) -> Vec<String> {
        terms_with(&mut self.text_analyzer(), text)
    }
}

/// The terms `analyzer` makes of `text`.
pub fn terms_with(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// The unstemmed analysis used for typo tolerance, compounds and suggestions:
/// lowercase and ASCII folding, no stemming.
pub fn words_analyzer() -> TextAnalyzer {
    Analyzer::LowercaseFolded.text_analyzer()
}

/// Letters of a word that its stem keeps (`gaan` → `gan` changes the third;
/// tested on the gold vocabulary): a token that does not start like a stem
/// cannot become it (see [`crate::passage`]).
pub const STEM_KEEPS: usize = 2;

/// The chosen analysis, then pairs of consecutive stems (see [`PairFilter`]).
pub fn pairs_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StemFilter(stem_dutch))
        .filter(PairFilter)
        .build()
}

static CLASSIC: LazyLock<rust_stemmers::Stemmer> =
    LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Dutch));

/// Classic Snowball Dutch, as in `rust-stemmers` (and tantivy up to 0.26).
pub fn stem_classic(word: &str, out: &mut String) {
    out.push_str(&CLASSIC.stem(word));
}
