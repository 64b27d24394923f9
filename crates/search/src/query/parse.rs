//! User input → words and phrases. Never tantivy syntax: every character that is
//! not a letter or digit separates words; `"` pairs mark phrases.

use std::ops::Range;

use tantivy::tokenizer::{SimpleTokenizer, TokenStream, Tokenizer};

/// Input beyond this many characters is ignored (and reported).
pub const MAX_QUERY_CHARS: usize = 500;
/// At most this many words (phrase words included) are searched.
pub const MAX_QUERY_WORDS: usize = 16;

/// A word of the query as typed, with where it stands in the (cut) input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as typed.
    pub text: String,
    /// Its byte range in [`ParsedQuery::input`].
    pub span: Range<usize>,
}

/// The query as understood.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// The input, cut to [`MAX_QUERY_CHARS`].
    pub input: String,
    /// Loose words (AND-ed), without duplicates.
    pub words: Vec<Word>,
    /// Quoted phrases of two or more words.
    pub phrases: Vec<Vec<Word>>,
    /// Whether input or words were dropped because of the limits.
    pub truncated: bool,
}

impl ParsedQuery {
    /// No word at all: browse everything.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }
}

/// Parses user input.
pub fn parse(input: &str) -> ParsedQuery {
    let mut truncated = false;
    let cut = match input.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => {
            truncated = true;
            // Do not keep half a word.
            let mut end = at;
            if input[at..].starts_with(char::is_alphanumeric) {
                end = input[..at]
                    .rfind(|c: char| !c.is_alphanumeric())
                    .map_or(at, |i| i + 1);
            }
            &input[..end]
        }
        None => input,
    };
    let mut q = ParsedQuery {
        input: cut.to_string(),
        ..Default::default()
    };
    // Quote positions; an odd one out is ignored.
    let mut quotes: Vec<usize> = cut.match_indices('"').map(|(i, _)| i).collect();
    if quotes.len() % 2 == 1 {
        quotes.pop();
    }
    let mut budget = MAX_QUERY_WORDS;
    // The loose words in lowercase, to drop repeats.
    let mut seen: Vec<String> = Vec::new();
    let mut pos = 0;
    let mut pairs = quotes.chunks(2);
    loop {
        let (plain_end, phrase) = match pairs.next() {
            Some([open, close]) => (*open, Some(*open + 1..*close)),
            _ => (cut.len(), None),
        };
        for w in words_in(cut, pos..plain_end) {
            if budget == 0 {
                truncated = true;
                break;
            }
            let lower = w.text.to_lowercase();
            if !seen.contains(&lower) {
                seen.push(lower);
                q.words.push(w);
                budget -= 1;
            }
        }
        let Some(range) = phrase else { break };
        pos = range.end + 1;
        let mut words = words_in(cut, range);
        if words.len() > budget {
            truncated = true;
            words.truncate(budget);
        }
        budget -= words.len();
        match words.len() {
            0 => {}
            1 => {
                seen.extend(words.iter().map(|w| w.text.to_lowercase()));
                q.words.extend(words);
            }
            _ => q.phrases.push(words),
        }
    }
    q.truncated = truncated;
    q
}

fn words_in(text: &str, range: Range<usize>) -> Vec<Word> {
    let part = &text[range.clone()];
    let mut tokenizer = SimpleTokenizer::default();
    let mut stream = tokenizer.token_stream(part);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(Word {
            text: t.text.clone(),
            span: range.start + t.offset_from..range.start + t.offset_to,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(words: &[Word]) -> Vec<&str> {
        words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn syntax_characters_are_plain_separators() {
        let q = parse(r#"title:eenzaam* (ouderen) ~2 + - AND OR"#);
        assert_eq!(
            texts(&q.words),
            ["title", "eenzaam", "ouderen", "2", "AND", "OR"]
        );
        assert!(q.phrases.is_empty());
    }

    #[test]
    fn quotes_make_phrases_and_an_odd_quote_is_ignored() {
        let q = parse(r#"jeugd "huiselijk geweld" "hulp"#);
        assert_eq!(texts(&q.words), ["jeugd", "hulp"]);
        assert_eq!(q.phrases.len(), 1);
        assert_eq!(texts(&q.phrases[0]), ["huiselijk", "geweld"]);
    }

    #[test]
    fn empty_punctuation_and_huge_inputs() {
        assert!(parse("").is_empty());
        assert!(parse(r#"" : ( * ~ ) ! ? " "#).is_empty());
        let long = "mantelzorg ".repeat(1000);
        let q = parse(&long);
        assert!(q.truncated);
        assert_eq!(q.words.len(), 1);
        let many: String = (0..100).map(|i| format!("w{i} ")).collect();
        assert_eq!(parse(&many).words.len(), MAX_QUERY_WORDS);
        let multibyte = "ë".repeat(10_000);
        assert!(parse(&multibyte).input.chars().count() <= MAX_QUERY_CHARS);
    }
}
