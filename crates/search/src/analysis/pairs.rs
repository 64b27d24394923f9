//! Word pairs: each token joined to the token before it (`reparatiewet iii`).
//!
//! The title's pairs are indexed as terms of their own, so "these words stand
//! together, in this order, in the title" is a lookup of ordinary terms instead
//! of a phrase query over positions. A title that holds the whole query in
//! order matches every pair; one that holds part of it, some.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// What joins the two words of a pair (never inside a token: the tokenizer
/// splits on it).
pub const PAIR_JOIN: char = ' ';

/// The pair term of two analysed words.
pub fn pair(first: &str, second: &str) -> String {
    let mut out = String::with_capacity(first.len() + 1 + second.len());
    out.push_str(first);
    out.push(PAIR_JOIN);
    out.push_str(second);
    out
}

/// Replaces the tokens by the pairs of consecutive tokens.
#[derive(Clone, Copy)]
pub struct PairFilter;

impl TokenFilter for PairFilter {
    type Tokenizer<T: Tokenizer> = PairTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> Self::Tokenizer<T> {
        PairTokenizer { inner }
    }
}

/// The tokenizer produced by [`PairFilter`].
#[derive(Clone)]
pub struct PairTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for PairTokenizer<T> {
    type TokenStream<'a> = PairStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PairStream {
            tail: self.inner.token_stream(text),
            previous: None,
            token: Token::default(),
        }
    }
}

/// The token stream produced by [`PairFilter`].
pub struct PairStream<T> {
    tail: T,
    previous: Option<String>,
    token: Token,
}

impl<T: TokenStream> TokenStream for PairStream<T> {
    fn advance(&mut self) -> bool {
        loop {
            if !self.tail.advance() {
                return false;
            }
            let current = self.tail.token();
            let Some(previous) = self.previous.replace(current.text.clone()) else {
                continue;
            };
            self.token = Token {
                offset_from: self.token.offset_to.min(current.offset_from),
                offset_to: current.offset_to,
                position: current.position.saturating_sub(1),
                text: pair(&previous, &current.text),
                position_length: 2,
            };
            return true;
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{pairs_analyzer, terms_with};

    #[test]
    fn consecutive_stems_make_pairs() {
        let mut a = pairs_analyzer();
        assert_eq!(
            terms_with(&mut a, "Reparatiewet III Justitie"),
            ["reparatiewet iii", "iii justitie"]
        );
        assert_eq!(
            terms_with(&mut a, "Wet op de gemeenten"),
            ["wet op", "op de", "de gemeent"]
        );
        assert!(
            terms_with(&mut a, "Jeugdwet").is_empty(),
            "one word: no pair"
        );
        // The same stems as the chosen analysis.
        let text = "Eenzaamheid bij ouderen: mantelzorgers in gemeenten";
        let stems = crate::analysis::CHOSEN.terms(text);
        let expected: Vec<String> = stems
            .windows(2)
            .map(|w| super::pair(&w[0], &w[1]))
            .collect();
        assert_eq!(terms_with(&mut a, text), expected);
        assert!(terms_with(&mut a, "").is_empty());
    }
}
