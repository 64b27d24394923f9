//! The best passage of a text for a query's terms, with the terms marked.
//!
//! What tantivy's `SnippetGenerator` does, with the same result (tested
//! against it on the gold corpus): cut the tokens of the text into
//! consecutive fragments of at most `max_bytes`, score each by the terms it
//! holds, and take the best (the first of equals). The difference is the
//! cost. The generator runs the whole analyzer over every token of every
//! hit's window, and lowercases each one again; a result page spent a third
//! of its time there. Here a token is only analysed when it can become one of
//! the terms: a stem keeps its word's first [`STEM_KEEPS`] letters, so a
//! token that does not start like any term is passed over after a look at
//! its first bytes.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;

use crate::analysis::{stem_dutch, MAX_TOKEN_BYTES, STEM_KEEPS};

/// A passage: a byte range of the text and the marked terms in it (absolute
/// byte ranges, in order, not overlapping).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Where the passage stands in the text.
    pub range: Range<usize>,
    /// The marked terms.
    pub marks: Vec<Range<usize>>,
}

/// Finds passages for one query's terms (stems, each with a weight).
pub struct PassageFinder {
    terms: HashMap<String, f32>,
    /// The first [`STEM_KEEPS`] bytes of every term (sorted), and the terms
    /// shorter than that.
    gates: Vec<[u8; STEM_KEEPS]>,
    short: Vec<Box<[u8]>>,
    /// The chosen analysis, for the rare token with a letter beyond ASCII.
    analyzer: TextAnalyzer,
}

/// A candidate fragment while scanning.
struct Fragment {
    score: f32,
    range: Range<usize>,
    marks: Vec<Range<usize>>,
}

impl Fragment {
    fn at(start: usize) -> Fragment {
        Fragment {
            score: 0.0,
            range: start..start,
            marks: Vec::new(),
        }
    }
}

impl PassageFinder {
    /// A finder for these terms (as the chosen analysis makes them).
    pub fn new<'a>(terms: impl IntoIterator<Item = (&'a str, f32)>) -> PassageFinder {
        let terms: HashMap<String, f32> =
            terms.into_iter().map(|(t, w)| (t.to_owned(), w)).collect();
        let mut gates = Vec::new();
        let mut short = Vec::new();
        for t in terms.keys() {
            match t.as_bytes().first_chunk::<STEM_KEEPS>() {
                Some(head) => gates.push(*head),
                None => short.push(Box::from(t.as_bytes())),
            }
        }
        gates.sort_unstable();
        gates.dedup();
        PassageFinder {
            terms,
            gates,
            short,
            analyzer: crate::analysis::CHOSEN.text_analyzer(),
        }
    }

    /// The best passage of `text` of at most `max_bytes`, or `None` when no
    /// term occurs in it.
    pub fn best(&mut self, text: &str, max_bytes: usize) -> Option<Passage> {
        let mut best: Option<Fragment> = None;
        let mut current = Fragment::at(0);
        let mut scratch = Scratch::default();
        for token in Tokens::new(text) {
            if token.len() >= MAX_TOKEN_BYTES {
                continue;
            }
            if token.end - current.range.start > max_bytes {
                let done = std::mem::replace(&mut current, Fragment::at(token.start));
                keep_better(&mut best, done);
            }
            current.range.end = token.end;
            if let Some(weight) = self.weight(&text[token.clone()], &mut scratch) {
                current.score += weight;
                current.marks.push(token);
            }
        }
        keep_better(&mut best, current);
        best.map(|f| Passage {
            range: f.range,
            marks: f.marks,
        })
    }

    /// Whether an ASCII token starts like one of the terms (ignoring case).
    fn could_become_term(&self, token: &[u8]) -> bool {
        let head = token
            .first_chunk::<STEM_KEEPS>()
            .map(|h| h.map(|b| b.to_ascii_lowercase()));
        if head.is_some_and(|h| self.gates.binary_search(&h).is_ok()) {
            return true;
        }
        self.short
            .iter()
            .any(|g| token.len() >= g.len() && token[..g.len()].eq_ignore_ascii_case(g))
    }

    /// The weight of the term `token` becomes, if it is one of the terms.
    fn weight(&mut self, token: &str, scratch: &mut Scratch) -> Option<f32> {
        let term: &str = if token.is_ascii() {
            if !self.could_become_term(token.as_bytes()) {
                return None;
            }
            scratch.lower.clear();
            scratch.lower.push_str(token);
            scratch.lower.make_ascii_lowercase();
            scratch.stem.clear();
            stem_dutch(&scratch.lower, &mut scratch.stem);
            &scratch.stem
        } else {
            // Lowercasing and folding beyond ASCII: the analyzer itself
            // (a token is one run of letters and digits, so one token).
            let mut stream = self.analyzer.token_stream(token);
            scratch.stem.clear();
            if let Some(t) = stream.next() {
                scratch.stem.push_str(&t.text.to_lowercase());
            }
            &scratch.stem
        };
        self.terms.get(term).copied()
    }
}

/// Buffers reused from token to token.
#[derive(Default)]
struct Scratch {
    lower: String,
    stem: String,
}

/// Keeps the higher-scoring fragment; of equal ones the first. Fragments
/// without a term do not count.
fn keep_better(best: &mut Option<Fragment>, candidate: Fragment) {
    if candidate.score <= 0.0 {
        return;
    }
    match best {
        Some(b) if b.score >= candidate.score => {}
        _ => *best = Some(candidate),
    }
}

/// The byte ranges of the runs of letters and digits in a text (tantivy's
/// `SimpleTokenizer`).
struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Tokens<'a> {
        Tokens { text, at: 0 }
    }

    /// Whether the character at byte `i` is a letter or digit, and its length.
    fn class(&self, i: usize) -> (bool, usize) {
        let b = self.text.as_bytes()[i];
        if b.is_ascii() {
            return (b.is_ascii_alphanumeric(), 1);
        }
        match self.text[i..].chars().next() {
            Some(c) => (c.is_alphanumeric(), c.len_utf8()),
            None => (false, 1),
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let len = self.text.len();
        while self.at < len {
            let (word, n) = self.class(self.at);
            if word {
                break;
            }
            self.at += n;
        }
        if self.at >= len {
            return None;
        }
        let start = self.at;
        while self.at < len {
            let (word, n) = self.class(self.at);
            if !word {
                break;
            }
            self.at += n;
        }
        Some(start..self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_runs_of_letters_and_digits() {
        let text = "Één keer, 2 x per-jaar: café!";
        let found: Vec<&str> = Tokens::new(text).map(|r| &text[r]).collect();
        assert_eq!(found, ["Één", "keer", "2", "x", "per", "jaar", "café"]);
    }

    #[test]
    fn the_best_fragment_is_the_one_with_most_weight() {
        let mut finder = PassageFinder::new([("gemeent", 1.0), ("zorg", 0.5)]);
        let text = "De zorg thuis. Dan iets anders over niets. De Gemeenten en de gemeente.";
        // Fragments of at most 40 bytes: 0..35 (zorg), 36..70 (both).
        let p = finder.best(text, 40).expect("a passage");
        assert_eq!(p.range, 36..70);
        let marked: Vec<&str> = p.marks.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(marked, ["Gemeenten", "gemeente"]);
        // Of equal fragments the first: 0..30 (zorg), 31..61, 62..70.
        let p = finder.best(text, 30).expect("a passage");
        assert_eq!(p.range, 31..61);
        assert!(finder.best("niets te vinden", 20).is_none());
        // Beyond ASCII the analyzer folds: "Één" is "een".
        let mut finder = PassageFinder::new([("een", 1.0)]);
        let p = finder.best("Één keer", 100).expect("a passage");
        assert_eq!(p.marks, vec![0..5]);
        // A term shorter than the gate is found too.
        let mut finder = PassageFinder::new([("a", 1.0)]);
        let p = finder.best("Plan A, b", 100).expect("a passage");
        assert_eq!(p.marks, vec![5..6]);
    }
}
