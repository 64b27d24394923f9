//! Measuring an analyzer against hand-checked lemmas (CoNLL-U, e.g. UD Dutch Alpino).
//!
//! What is measured, per analyzer `A`:
//! - **form→lemma agreement**: the share of word forms with `A(form) == A(lemma)`,
//!   counted over tokens and over distinct (form, lemma) pairs; higher is better.
//! - **lemma collapse**: the share of distinct lemmas whose term `A(lemma)` is also
//!   the term of another distinct lemma; lower is better.
//!
//! What is skipped, and why:
//! - multiword ranges (`3-4`) and empty nodes (`3.1`): the words are counted once;
//! - UPOS `PUNCT`, `SYM`, `NUM`, `X` (punctuation, symbols, numbers, foreign words)
//!   and `PROPN` (names: not inflected, their lemma is the form);
//! - forms or lemmas with a character that is not a letter or digit (`derde-ronde`,
//!   `'s`): the tokenizer splits them, so they are not one word to compare.
//!
//! Alpino lemmas mark compound boundaries and separable particles with `_`
//! (`mantel_zorger`, `op_bellen`). For verbs the parts are simply joined
//! (`opbellen`, the infinitive). For other words the joined lemma would lose the
//! linking `s`/`e`/`en` (`opleiding_ploeg` for `opleidingsploeg`), so the lemma is
//! rebuilt as the form up to where the last part starts plus that last part:
//! `mantelzorgers` + `zorger` → `mantelzorger`.

use std::collections::{HashMap, HashSet};

use tantivy::tokenizer::TextAnalyzer;

use super::terms_with;

/// The UPOS tags that are not measured.
pub const SKIPPED_UPOS: &[&str] = &["PUNCT", "SYM", "NUM", "X", "PROPN"];

/// One measured word: its form and gold lemma, both lowercased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldWord {
    /// The word as written, lowercased.
    pub form: String,
    /// Its lemma, lowercased, compound marks resolved.
    pub lemma: String,
}

/// Reads the measured words of a CoNLL-U text.
pub fn read_conllu(text: &str) -> Vec<GoldWord> {
    let mut words = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || !cols[0].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let (form, lemma, upos) = (cols[1].to_lowercase(), cols[2].to_lowercase(), cols[3]);
        if SKIPPED_UPOS.contains(&upos) || !is_word(&form) {
            continue;
        }
        let lemma = resolve_lemma(&form, &lemma, upos);
        if !is_word(&lemma) {
            continue;
        }
        words.push(GoldWord { form, lemma });
    }
    words
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_alphanumeric)
}

fn resolve_lemma(form: &str, lemma: &str, upos: &str) -> String {
    if !lemma.contains('_') {
        return lemma.to_string();
    }
    let joined: String = lemma.split('_').collect();
    if upos == "VERB" || upos == "AUX" {
        return joined;
    }
    let Some(head) = lemma.rsplit('_').next() else {
        return joined;
    };
    let anchor: String = head.chars().take(3).collect();
    match form.rfind(&anchor) {
        Some(at) if at > 0 => format!("{}{}", &form[..at], head),
        _ => joined,
    }
}

/// The result of measuring one analyzer.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Word tokens measured.
    pub tokens: usize,
    /// Tokens whose form lands on the term of their lemma.
    pub token_hits: usize,
    /// Distinct (form, lemma) pairs.
    pub pairs: usize,
    /// Distinct pairs whose form lands on the term of their lemma.
    pub pair_hits: usize,
    /// Distinct lemmas.
    pub lemmas: usize,
    /// Distinct lemmas that share their term with another distinct lemma.
    pub collapsed_lemmas: usize,
}

impl Scores {
    /// Form→lemma agreement over tokens (higher is better).
    pub fn token_agreement(&self) -> f64 {
        ratio(self.token_hits, self.tokens)
    }

    /// Form→lemma agreement over distinct pairs (higher is better).
    pub fn pair_agreement(&self) -> f64 {
        ratio(self.pair_hits, self.pairs)
    }

    /// Share of distinct lemmas collapsed with another lemma (lower is better).
    pub fn collapse(&self) -> f64 {
        ratio(self.collapsed_lemmas, self.lemmas)
    }

    /// The single figure used to rank analyzers: agreement over tokens minus collapse.
    pub fn score(&self) -> f64 {
        self.token_agreement() - self.collapse()
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The analysed term of one word: its terms joined by a space.
pub fn term_of(analyzer: &mut TextAnalyzer, word: &str) -> String {
    terms_with(analyzer, word).join(" ")
}

/// Measures `analyzer` on `words`.
pub fn measure(analyzer: &mut TextAnalyzer, words: &[GoldWord]) -> Scores {
    measure_fn(|w| term_of(analyzer, w), words)
}

/// Measures a term function (word → analysed term) on `words`.
pub fn measure_fn(mut term_fn: impl FnMut(&str) -> String, words: &[GoldWord]) -> Scores {
    let mut cache: HashMap<String, String> = HashMap::new();
    let mut term = |w: &str| -> String {
        if let Some(t) = cache.get(w) {
            return t.clone();
        }
        let t = term_fn(w);
        cache.insert(w.to_string(), t.clone());
        t
    };
    let mut scores = Scores::default();
    let mut pairs: HashSet<(&str, &str)> = HashSet::new();
    for w in words {
        let hit = term(&w.form) == term(&w.lemma);
        scores.tokens += 1;
        scores.token_hits += usize::from(hit);
        if pairs.insert((&w.form, &w.lemma)) {
            scores.pairs += 1;
            scores.pair_hits += usize::from(hit);
        }
    }
    let lemmas: HashSet<&str> = words.iter().map(|w| w.lemma.as_str()).collect();
    let mut by_term: HashMap<String, usize> = HashMap::new();
    for lemma in &lemmas {
        *by_term.entry(term(lemma)).or_default() += 1;
    }
    scores.lemmas = lemmas.len();
    scores.collapsed_lemmas = lemmas
        .iter()
        .filter(|l| by_term.get(&term(l)).is_some_and(|n| *n > 1))
        .count();
    scores
}

/// The lemmas that collapse onto a shared term, grouped by term (for inspection).
pub fn collapsed_groups(analyzer: &mut TextAnalyzer, words: &[GoldWord]) -> Vec<Vec<String>> {
    let lemmas: HashSet<&str> = words.iter().map(|w| w.lemma.as_str()).collect();
    let mut by_term: HashMap<String, Vec<String>> = HashMap::new();
    for lemma in lemmas {
        by_term
            .entry(term_of(analyzer, lemma))
            .or_default()
            .push(lemma.to_string());
    }
    let mut groups: Vec<Vec<String>> = by_term.into_values().filter(|g| g.len() > 1).collect();
    for g in &mut groups {
        g.sort();
    }
    groups.sort();
    groups
}

/// The distinct (form, lemma) pairs whose terms differ (for inspection).
pub fn misses(analyzer: &mut TextAnalyzer, words: &[GoldWord]) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for w in words {
        if seen.insert((&w.form, &w.lemma))
            && term_of(analyzer, &w.form) != term_of(analyzer, &w.lemma)
        {
            out.push((w.form.clone(), w.lemma.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_lemmas_keep_the_linking_letters_of_the_form() {
        assert_eq!(
            resolve_lemma("opleidingsploeg", "opleiding_ploeg", "NOUN"),
            "opleidingsploeg"
        );
        assert_eq!(
            resolve_lemma("mantelzorgers", "mantel_zorger", "NOUN"),
            "mantelzorger"
        );
        assert_eq!(resolve_lemma("afgelopen", "af_lopen", "VERB"), "aflopen");
    }

    #[test]
    fn reads_words_and_skips_the_rest() {
        let text = "# text = x\n1-2\tvan de\t_\t_\n1\tDe\tde\tDET\t_\n2\tGemeenten\tgemeente\tNOUN\t_\n3\t.\t.\tPUNCT\t_\n4\tAmsterdam\tAmsterdam\tPROPN\t_\n";
        let words = read_conllu(text);
        assert_eq!(
            words,
            vec![
                GoldWord {
                    form: "de".into(),
                    lemma: "de".into()
                },
                GoldWord {
                    form: "gemeenten".into(),
                    lemma: "gemeente".into()
                },
            ]
        );
    }
}
