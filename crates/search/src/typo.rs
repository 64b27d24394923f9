//! Typo tolerance: corrections from the index vocabulary ("Bedoelde u …?").

use std::collections::HashMap;

use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// The edit distance allowed for a word of `chars` characters: none under 4,
/// 1 up to 7, 2 from 8.
pub fn max_distance(chars: usize) -> u8 {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Damerau–Levenshtein distance (adjacent transpositions cost 1), on chars.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

/// Terms looked at per segment when completing a word.
const MAX_COMPLETION_SCAN: usize = 2_000;

/// The most frequent term of `field` that continues `word` (a person who
/// stopped typing halfway: `eenz` → `eenzaamheid`); `None` when no term
/// starts with it.
pub fn completion(searcher: &Searcher, field: Field, word: &str) -> Option<String> {
    let mut found: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().range().gt(word.as_bytes()).into_stream() else {
            continue;
        };
        let mut scanned = 0;
        while stream.advance() && scanned < MAX_COMPLETION_SCAN {
            scanned += 1;
            if !stream.key().starts_with(word.as_bytes()) {
                break;
            }
            if let Ok(t) = std::str::from_utf8(stream.key()) {
                *found.entry(t.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    found
        .into_iter()
        .map(|(t, df)| (std::cmp::Reverse(df), t.chars().count(), t))
        .min()
        .map(|(_, _, t)| t)
}

/// The best correction of `word` (lowercase, folded) in the vocabulary of
/// `field`: when the word is the start of a term, its most frequent
/// completion (a prefix is not a typo: `eenz` is not "corrected" to `een`);
/// else the nearest term within [`max_distance`], the most frequent among
/// equals. `None` when the word is itself in the vocabulary or nothing is near.
pub fn correction(searcher: &Searcher, field: Field, word: &str) -> Option<String> {
    let max = max_distance(word.chars().count());
    if max == 0 {
        return None;
    }
    let term = Term::from_field_text(field, word);
    if searcher.doc_freq(&term).unwrap_or(0) > 0 {
        return None;
    }
    if let Some(completed) = completion(searcher, field, word) {
        return Some(completed);
    }
    let mut found: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Ok(automaton) = FuzzyTermQuery::new(term.clone(), max, true).automaton() else {
            return None;
        };
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().search(automaton).into_stream() else {
            continue;
        };
        while stream.advance() {
            if let Ok(t) = std::str::from_utf8(stream.key()) {
                *found.entry(t.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    found
        .into_iter()
        .map(|(t, df)| (distance(word, &t), std::cmp::Reverse(df), t))
        .min()
        .map(|(_, _, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("eenzaamhied", "eenzaamheid"), 1);
        assert_eq!(distance("mantelzorgre", "mantelzorger"), 1);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("", "ab"), 2);
        assert_eq!(max_distance(3), 0);
        assert_eq!(max_distance(11), 2);
    }
}
