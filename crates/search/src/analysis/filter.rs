//! A tantivy token filter that applies a word-level stemming function.

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
            inner,
        }
    }
}

/// The tokenizer produced by [`StemFilter`].
#[derive(Clone)]
pub struct StemFilterTokenizer<T> {
    stem: StemFn,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for StemFilterTokenizer<T> {
    type TokenStream<'a> = StemTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemTokenStream {
            stem: self.stem,
            tail: self.inner.token_stream(text),
            buffer: String::new(),
        }
    }
}

/// The token stream produced by [`StemFilter`].
pub struct StemTokenStream<T> {
    stem: StemFn,
    tail: T,
    buffer: String,
}

impl<T: TokenStream> TokenStream for StemTokenStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
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
