//! Highlighted, HTML-escaped snippets with `<mark>`.

use std::collections::BTreeMap;

use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Searcher;

use crate::analysis::finding_analyzer;
use crate::query::build::Analyzed;
use crate::schema::Fields;

/// Characters of a body snippet.
pub const SNIPPET_CHARS: usize = 200;
/// The stored excerpt (the body's first 8 KB, see `schema::EXCERPT_BYTES`) is
/// searched for the query's stems; the snippet is made from a window around the
/// first one found, since analysing the whole excerpt per hit costs too much.
pub const SNIPPET_SCAN_BYTES: usize = crate::schema::EXCERPT_BYTES;
/// Bytes before and after the first match that the snippet window takes.
const WINDOW_BEFORE: usize = 200;
const WINDOW_AFTER: usize = 400;

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    if !text
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Makes snippets for the hits of one query.
pub struct Highlighter {
    /// The query's stems, lowercase: where a snippet window starts.
    needles: Vec<Vec<u8>>,
    title: SnippetGenerator,
    body: SnippetGenerator,
    summary: SnippetGenerator,
}

fn generator(
    terms: &BTreeMap<String, f32>,
    analyzer: &TextAnalyzer,
    field: tantivy::schema::Field,
    chars: usize,
) -> SnippetGenerator {
    SnippetGenerator::new(terms.clone(), analyzer.clone(), field, chars)
}

impl Highlighter {
    /// Highlights the stems of the query words, their phrases and the compounds
    /// they expanded to.
    pub fn new(_searcher: &Searcher, f: &Fields, a: &Analyzed) -> Highlighter {
        let mut terms: BTreeMap<String, f32> = BTreeMap::new();
        for w in &a.words {
            for s in &w.stems {
                terms.insert(s.clone(), 1.0);
            }
            for e in w.expansions.iter() {
                terms.entry(e.clone()).or_insert(0.5);
            }
        }
        for p in &a.phrases {
            for s in p {
                terms.insert(s.clone(), 1.0);
            }
        }
        // Where to look: the query's own stems (a compound it expanded to starts
        // with one), found case-insensitively in one pass.
        let stems = a
            .words
            .iter()
            .flat_map(|w| w.stems.iter())
            .chain(a.phrases.iter().flatten())
            .map(|s| s.trim_end_matches('_'))
            .filter(|s| s.len() >= 2);
        // A few needles, searched in ten texts: an Aho-Corasick automaton
        // cost more to build (≈ 25 µs per page) than these searches take.
        let mut needles: Vec<Vec<u8>> = stems.map(|s| s.as_bytes().to_ascii_lowercase()).collect();
        needles.sort();
        needles.dedup();
        // The chosen analysis, stemming only the tokens that can become a term.
        let analyzer = finding_analyzer(terms.keys().map(String::as_str));
        Highlighter {
            needles,
            title: generator(&terms, &analyzer, f.title, 10_000),
            body: generator(&terms, &analyzer, f.excerpt, SNIPPET_CHARS),
            summary: generator(&terms, &analyzer, f.summary, SNIPPET_CHARS),
        }
    }

    /// The whole title, escaped, with marks.
    pub fn title(&self, title: &str) -> String {
        marked(&self.title, title)
    }

    /// A passage of the body with marks; else of the summary; else the start.
    pub fn snippet(&self, body: &str, summary: &str) -> String {
        let scan = cut(body, SNIPPET_SCAN_BYTES);
        let first = first_match(scan.as_bytes(), &self.needles);
        let window = match first {
            Some(at) => {
                let start = floor_boundary(scan, at.saturating_sub(WINDOW_BEFORE));
                let end = floor_boundary(scan, (at + WINDOW_AFTER).min(scan.len()));
                &scan[start..end]
            }
            None => cut(scan, WINDOW_BEFORE + WINDOW_AFTER),
        };
        let mut s = self.body.snippet(window);
        if s.is_empty() {
            s = self.summary.snippet(summary);
        }
        if !s.is_empty() {
            s.set_snippet_prefix_postfix("<mark>", "</mark>");
            return s.to_html();
        }
        let start = if summary.is_empty() { body } else { summary };
        let mut text: String = start.chars().take(SNIPPET_CHARS).collect();
        if text.len() < start.len() {
            text.push('…');
        }
        escape(&text)
    }
}

/// The whole `text`, escaped, with the highlights of its best fragment marked.
fn marked(generator: &SnippetGenerator, text: &str) -> String {
    let s = generator.snippet(text);
    let base = s.fragment_range().start;
    let mut out = String::new();
    let mut at = 0;
    for r in s.highlighted() {
        let (start, end) = (base + r.start, base + r.end);
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&escape(&text[at..start]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[start..end]));
        out.push_str("</mark>");
        at = end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// Where the first of `needles` (lowercase) starts in `text`, ignoring ASCII
/// case. Each needle is only looked for before the best match so far.
fn first_match(text: &[u8], needles: &[Vec<u8>]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for needle in needles {
        let Some((&first, rest)) = needle.split_first() else {
            continue;
        };
        let limit = best.unwrap_or(text.len());
        let hay = &text[..limit.min(text.len())];
        let mut from = 0;
        while let Some(i) =
            memchr::memchr2(first, first.to_ascii_uppercase(), &hay[from..]).map(|i| from + i)
        {
            let end = i + needle.len();
            if end > text.len() {
                break;
            }
            if text[i + 1..end].eq_ignore_ascii_case(rest) {
                best = Some(i);
                break;
            }
            from = i + 1;
        }
    }
    best
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `text` cut to at most `max` bytes, on a character boundary.
pub fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::first_match;

    fn needles(words: &[&str]) -> Vec<Vec<u8>> {
        words.iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    #[test]
    fn first_match_finds_the_leftmost_of_any_needle_ignoring_case() {
        let text = b"De Gemeente biedt SCHULDHULP aan; schuldhulpverlening volgt.";
        assert_eq!(
            first_match(text, &needles(&["schuldhulp", "gemeent"])),
            Some(3)
        );
        assert_eq!(first_match(text, &needles(&["schuldhulp"])), Some(18));
        assert_eq!(first_match(text, &needles(&["volgt"])), Some(54));
        assert_eq!(first_match(text, &needles(&["mantelzorg"])), None);
        assert_eq!(
            first_match(text, &needles(&["volgt.x"])),
            None,
            "past the end"
        );
        assert_eq!(first_match(b"", &needles(&["wet"])), None);
    }

    #[test]
    fn first_match_compares_other_bytes_exactly() {
        let text = "financiële steun, financiel".as_bytes();
        // A folded stem does not match the accented spelling, as before.
        assert_eq!(first_match(text, &needles(&["financiel"])), Some(19));
        assert_eq!(
            first_match(text, &needles(&["financiële"])),
            Some(0),
            "non-ASCII needles match byte for byte"
        );
    }
}
