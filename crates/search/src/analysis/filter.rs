//! A tantivy token filter that applies a word-level stemming function.

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// A function from a lowercased word to its stem, writing into `out`.
pub type StemFn = fn(&str, &mut String);

/// Applies a [`StemFn`] to every token.
#[derive(Clone, Copy)]
pub struct StemFilter(pub StemFn);

impl TokenFilter for StemFilter {
    type Tokenizer<T: Tokenizer> = StemFilterTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> Self::Tokenizer<T> {
        StemFilterTokenizer {
            stem: self.0,
            gates: None,
            inner,
        }
    }
}

/// A [`StemFilter`] that stems only the tokens starting with one of `gates`
/// and passes the others on unstemmed. For finding known terms in a text
/// (snippets): when a stem keeps its word's first letters, a token that does
/// not start like any of the terms cannot become one of them, and stemming it
/// would be wasted.
#[derive(Clone)]
pub struct GatedStemFilter {
    /// The stemming function.
    pub stem: StemFn,
    /// Prefixes of the terms looked for.
    pub gates: Arc<[Box<[u8]>]>,
}

impl TokenFilter for GatedStemFilter {
    type Tokenizer<T: Tokenizer> = StemFilterTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> Self::Tokenizer<T> {
        StemFilterTokenizer {
            stem: self.stem,
            gates: Some(self.gates),
            inner,
        }
    }
}

/// The tokenizer produced by [`StemFilter`] and [`GatedStemFilter`].
#[derive(Clone)]
pub struct StemFilterTokenizer<T> {
    stem: StemFn,
    gates: Option<Arc<[Box<[u8]>]>>,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for StemFilterTokenizer<T> {
    type TokenStream<'a> = StemTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemTokenStream {
            stem: self.stem,
            gates: self.gates.clone(),
            tail: self.inner.token_stream(text),
            buffer: String::new(),
        }
    }
}

/// The token stream produced by [`StemFilter`].
pub struct StemTokenStream<T> {
    stem: StemFn,
    gates: Option<Arc<[Box<[u8]>]>>,
    tail: T,
    buffer: String,
}

impl<T: TokenStream> TokenStream for StemTokenStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(gates) = &self.gates {
            let text = token.text.as_bytes();
            if !gates.iter().any(|g| text.starts_with(g)) {
                return true;
            }
        }
        self.buffer.clear();
        (self.stem)(&token.text, &mut self.buffer);
        std::mem::swap(&mut token.text, &mut self.buffer);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
