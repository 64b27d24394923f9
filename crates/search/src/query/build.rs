//! Parsed query → tantivy query. Only term, phrase, fuzzy and facet queries are
//! built from our own terms, so no user input reaches a query parser.

use std::ops::Bound;
use std::sync::Arc;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::all_of::AllOfQuery;
use super::any_of::AnyOfQuery;
use super::bonus::BonusQuery;
use super::cached_term::CachedTermQuery;
use super::compounds::{CompoundTerms, CompoundsQuery};
use super::parse::{ParsedQuery, Word};
use super::phrases::CachedPhraseQuery;
use super::term_cache::ResolvedTerm;
use super::term_cache::TermCache;
use super::words::{WordCache, WordInfo, WordTerms};
use crate::analysis::{is_function_word, pair, terms_with, words_analyzer, CHOSEN};
use crate::compound::ExpansionCache;
use crate::facets::{Dimension, Filters};
use crate::schema::Fields;
use crate::typo::max_distance;

/// Weight of a match in the text (where the title and the summary weigh
/// more, see [`crate::schema::TITLE_WEIGHT`]).
pub const TEXT_BOOST: f32 = 1.0;
/// Weight of a compound that the word starts.
pub const COMPOUND_BOOST: f32 = 0.3;
/// Weight of a near spelling (typo tolerance).
pub const FUZZY_BOOST: f32 = 0.5;
/// Extra weight when the words stand together, in order, in the title
/// (shared by the query's word pairs).
pub const TITLE_PHRASE_BOOST: f32 = 2.0;

/// A query word, analysed.
#[derive(Debug, Clone)]
pub struct AnalyzedWord {
    /// As typed.
    pub word: Word,
    /// What it means for the index (shared through the [`WordCache`]).
    pub info: Arc<WordInfo>,
}

impl std::ops::Deref for AnalyzedWord {
    type Target = WordInfo;

    fn deref(&self) -> &WordInfo {
        &self.info
    }
}

/// A query, analysed.
#[derive(Debug, Clone, Default)]
pub struct Analyzed {
    /// Loose words.
    pub words: Vec<AnalyzedWord>,
    /// Phrases as stemmed terms.
    pub phrases: Vec<Vec<String>>,
}

impl Analyzed {
    /// Nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }
}

/// Analyses a parsed query against the current index; each word once per
/// index generation (`words`). Fails only when the index cannot be read.
pub fn analyze(
    parsed: &ParsedQuery,
    searcher: &Searcher,
    fields: &Fields,
    cache: &ExpansionCache,
    words: &WordCache,
    terms: &TermCache,
) -> tantivy::Result<Analyzed> {
    let generation = searcher.generation().generation_id();
    let mut out = Analyzed::default();
    for w in &parsed.words {
        let info = words.get_or_analyse(generation, &w.text, || {
            analyse_word(&w.text, searcher, fields, cache, terms, false)
        })?;
        if info.searchable() {
            out.words.push(AnalyzedWord {
                word: w.clone(),
                info,
            });
        }
    }
    let mut nl = None;
    for p in &parsed.phrases {
        let nl = nl.get_or_insert_with(|| CHOSEN.text_analyzer());
        let stems: Vec<String> = p.iter().flat_map(|w| terms_with(nl, &w.text)).collect();
        if stems.len() >= 2 {
            out.phrases.push(stems);
        }
    }
    Ok(out)
}

/// Stems, folded form, compounds and commonness of one word; `pin` keeps
/// its term lookups for the whole generation (see [`TermCache::resolve_pinned`]).
pub(crate) fn analyse_word(
    typed: &str,
    searcher: &Searcher,
    fields: &Fields,
    cache: &ExpansionCache,
    terms: &TermCache,
    pin: bool,
) -> tantivy::Result<WordInfo> {
    let stems = CHOSEN.terms(typed);
    let folded = terms_with(&mut words_analyzer(), typed).concat();
    if stems.is_empty() || folded.is_empty() {
        return Ok(WordInfo::default());
    }
    let expansions = cache.expansions(searcher, terms.vocabularies(), fields.words, &folded);
    let common = is_light(&folded) && {
        let df = stems
            .iter()
            .map(|s| {
                searcher
                    .doc_freq(&Term::from_field_text(fields.text, s))
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0);
        df as f64 >= COMMON_FUNCTION_WORD_SHARE * searcher.num_docs() as f64
    };
    let terms = resolve_word(&stems, &expansions, searcher, fields, terms, pin)?;
    Ok(WordInfo {
        folded,
        stems,
        expansions,
        common,
        terms,
    })
}

/// Looks up the terms a query with the word reads (see [`word_match`] and
/// [`word_boosts`]), once per generation.
fn resolve_word(
    stems: &[String],
    expansions: &[String],
    searcher: &Searcher,
    f: &Fields,
    cache: &TermCache,
    pin: bool,
) -> tantivy::Result<WordTerms> {
    let resolve = |field: Field, texts: &mut dyn Iterator<Item = &String>| {
        texts
            .map(|t| {
                let term = Term::from_field_text(field, t);
                if pin {
                    cache.resolve_pinned(searcher, &term)
                } else {
                    cache.resolve(searcher, &term)
                }
            })
            .collect::<tantivy::Result<Vec<_>>>()
    };
    let compounds = resolve(
        f.text,
        &mut expansions.iter().filter(|e| !stems.contains(e)),
    )?;
    Ok(WordTerms {
        text: resolve(f.text, &mut stems.iter())?,
        joined: CompoundTerms::join(&compounds),
        compounds,
    })
}

/// How the words combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every word must match.
    All,
    /// At least one word must match.
    Any,
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

fn term_query(term: Term, option: IndexRecordOption) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, option))
}

/// A scored text term, its lookups cached per index generation.
fn text_term(terms: &Arc<TermCache>, field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    Box::new(CachedTermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
        boost,
        terms.clone(),
    ))
}

/// A scored term the word's analysis already looked up.
fn resolved_term(terms: &Arc<TermCache>, term: &ResolvedTerm, boost: f32) -> Box<dyn Query> {
    Box::new(CachedTermQuery::resolved(
        term,
        IndexRecordOption::WithFreqs,
        boost,
        terms.clone(),
    ))
}

/// What a word must match: its stem anywhere in the text, or a compound it
/// starts (at a lower weight), or (typo tolerance) a near spelling.
fn word_match(w: &AnalyzedWord, f: &Fields, terms: &Arc<TermCache>, fuzzy: bool) -> Box<dyn Query> {
    let r = &w.terms;
    let mut should: Vec<Box<dyn Query>> = Vec::with_capacity(r.text.len() + r.compounds.len() + 1);
    should.extend(r.text.iter().map(|t| resolved_term(terms, t, TEXT_BOOST)));
    match &r.joined {
        Some(joined) => should.push(Box::new(CompoundsQuery::new(
            joined.clone(),
            TEXT_BOOST * COMPOUND_BOOST,
            terms.clone(),
        ))),
        None => should.extend(
            r.compounds
                .iter()
                .map(|t| resolved_term(terms, t, TEXT_BOOST * COMPOUND_BOOST)),
        ),
    }
    let distance = max_distance(w.folded.chars().count());
    if fuzzy && distance > 0 {
        let q = FuzzyTermQuery::new(Term::from_field_text(f.words, &w.folded), distance, true);
        should.push(boosted(Box::new(q), FUZZY_BOOST));
    }
    if should.len() == 1 {
        if let Some(q) = should.pop() {
            return q;
        }
    }
    Box::new(AnyOfQuery::new(should))
}

/// The words in order, next to each other, in the text (kept decoded from
/// the phrase's second use, see [`CachedPhraseQuery`]).
fn phrase_clause(terms: &Arc<TermCache>, stems: &[String], f: &Fields) -> Box<dyn Query> {
    let phrase = stems
        .iter()
        .map(|s| Term::from_field_text(f.text, s))
        .collect();
    Box::new(CachedPhraseQuery::new(phrase, TEXT_BOOST, terms.clone()))
}

/// Bonus clauses for `stems` standing together, in order, in the title:
/// each pair of consecutive stems is a term of `title_pairs`, and together
/// the pairs weigh [`TITLE_PHRASE_BOOST`].
fn title_pairs<S: AsRef<str>>(
    stems: &[S],
    f: &Fields,
    terms: &Arc<TermCache>,
    out: &mut Vec<(Occur, Box<dyn Query>)>,
) {
    if stems.len() < 2 {
        return;
    }
    let boost = TITLE_PHRASE_BOOST / (stems.len() - 1) as f32;
    for w in stems.windows(2) {
        let term = pair(w[0].as_ref(), w[1].as_ref());
        out.push((Occur::Should, text_term(terms, f.title_pairs, &term, boost)));
    }
}

/// The text part of the query; `None` when there is no word.
pub fn text_query(
    a: &Analyzed,
    f: &Fields,
    terms: &Arc<TermCache>,
    mode: Mode,
    fuzzy: bool,
) -> Option<Box<dyn Query>> {
    if a.is_empty() {
        return None;
    }
    let occur = match mode {
        Mode::All => Occur::Must,
        Mode::Any => Occur::Should,
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let only_light = a.words.iter().all(|w| is_light(&w.folded)) && a.phrases.is_empty();
    for w in &a.words {
        // Function words in most documents (de, van, op) count only in phrases
        // when there are other words: their idf is about 0, and intersecting
        // them is the most expensive part of a query. Negations always count.
        if w.common && !only_light {
            continue;
        }
        let o = if occur == Occur::Must && !only_light && is_light(&w.folded) {
            Occur::Should
        } else {
            occur
        };
        clauses.push((o, word_match(w, f, terms, fuzzy)));
    }
    for p in &a.phrases {
        clauses.push((occur, phrase_clause(terms, p, f)));
        // The phrase in the title.
        if mode == Mode::All {
            title_pairs(p, f, terms, &mut clauses);
        }
    }
    // The loose words together, in order, in the title (when each has one
    // stem and no phrase is quoted).
    let single_stems: Vec<&String> = a
        .words
        .iter()
        .filter_map(|w| match w.stems.as_slice() {
            [s] => Some(s),
            _ => None,
        })
        .collect();
    if mode == Mode::All
        && a.phrases.is_empty()
        && single_stems.len() >= 2
        && single_stems.len() == a.words.len()
    {
        title_pairs(&single_stems, f, terms, &mut clauses);
    }
    // What must match decides the result set; the title-pair bonus (and,
    // in a query where no word is required, everything) only adds score,
    // looked up per candidate (see `bonus`).
    let (required, bonus): (Vec<_>, Vec<_>) =
        clauses.into_iter().partition(|(o, _)| *o == Occur::Must);
    if required.is_empty() {
        return Some(Box::new(BooleanQuery::new(bonus)));
    }
    let mut required: Vec<Box<dyn Query>> = required.into_iter().map(|(_, q)| q).collect();
    let required = if required.len() == 1 {
        required.pop()?
    } else {
        Box::new(AllOfQuery::new(required))
    };
    let bonus = bonus.into_iter().map(|(_, q)| q).collect();
    Some(Box::new(BonusQuery::new(required, bonus)))
}

/// Words that are not required in an all-words query: function words, except
/// the negations.
pub fn is_light(folded: &str) -> bool {
    is_function_word(folded) && !NEGATIONS.contains(&folded)
}

/// A function word in at least this share of documents is [`WordInfo::common`].
pub const COMMON_FUNCTION_WORD_SHARE: f64 = 0.5;

/// Function words that change the meaning: always required.
pub const NEGATIONS: &[&str] = &["geen", "niet", "niets", "zonder"];

/// The filter of one dimension (values OR-ed); `None` when nothing is selected.
/// A rating filter matches only ratings still valid on `today` (days since
/// 0001-01-01), when given.
pub fn filter_clause(
    filters: &Filters,
    d: Dimension,
    f: &Fields,
    today: Option<u64>,
) -> Option<Box<dyn Query>> {
    let values = filters.values(d);
    if values.is_empty() {
        return None;
    }
    let should = values
        .iter()
        .map(|v| {
            let term = Term::from_facet(f.facets, &d.facet(v));
            (Occur::Should, term_query(term, IndexRecordOption::Basic))
        })
        .collect();
    let any: Box<dyn Query> = Box::new(BooleanQuery::new(should));
    match today {
        Some(day) if d == Dimension::Rating => {
            let valid = RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.valid_until_days, day)),
                Bound::Unbounded,
            );
            Some(Box::new(BooleanQuery::new(vec![
                (Occur::Must, any),
                (Occur::Must, Box::new(valid)),
            ])))
        }
        _ => Some(any),
    }
}

/// The text query with the filters, as [`combine`] builds it; the text query
/// itself (not a copy) when no filter applies, the common case.
pub fn with_filters<'a>(
    text: Option<&'a dyn Query>,
    filters: &Filters,
    f: &Fields,
    today: Option<u64>,
    holder: &'a mut Option<Box<dyn Query>>,
) -> &'a dyn Query {
    let filtered = Dimension::ALL
        .iter()
        .any(|d| !filters.values(*d).is_empty());
    match text {
        Some(t) if !filtered => t,
        _ => &**holder.insert(combine(text, filters, None, f, today)),
    }
}

/// Text query AND the filters of every dimension except `except` (see
/// [`filter_clause`] for `today`).
pub fn combine(
    text: Option<&dyn Query>,
    filters: &Filters,
    except: Option<Dimension>,
    f: &Fields,
    today: Option<u64>,
) -> Box<dyn Query> {
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(t) = text {
        must.push((Occur::Must, t.box_clone()));
    }
    for d in Dimension::ALL {
        if Some(d) == except {
            continue;
        }
        if let Some(c) = filter_clause(filters, d, f, today) {
            must.push((Occur::Must, c));
        }
    }
    if must.is_empty() {
        return Box::new(AllQuery);
    }
    Box::new(BooleanQuery::new(must))
}
