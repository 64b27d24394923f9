//! Highlighted, HTML-escaped snippets with `<mark>`.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::passage::PassageFinder;
use crate::query::build::Analyzed;

/// Longest body snippet, in bytes (a passage is cut on word boundaries).
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
    // Most titles have nothing to escape: found out with two vectorised
    // scans instead of one comparison per byte (every hit's title passes here).
    let b = text.as_bytes();
    if memchr::memchr3(b'&', b'<', b'>', b).is_none() && memchr::memchr2(b'"', b'\'', b).is_none() {
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
    /// The query's terms with their weights.
    finder: PassageFinder,
}

/// Longest title (in bytes) that is marked as a whole.
const TITLE_CHARS: usize = 10_000;

impl Highlighter {
    /// Highlights the stems of the query words, their phrases and the compounds
    /// they expanded to.
    pub fn new(a: &Analyzed) -> Highlighter {
        let mut terms: BTreeMap<&str, f32> = BTreeMap::new();
        for w in &a.words {
            for s in &w.stems {
                terms.insert(s, 1.0);
            }
            for e in w.expansions.iter() {
                terms.entry(e).or_insert(0.5);
            }
        }
        for p in &a.phrases {
            for s in p {
                terms.insert(s, 1.0);
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
        Highlighter {
            needles,
            finder: PassageFinder::new(terms),
        }
    }

    /// The whole title, escaped, with marks.
    pub fn title(&mut self, title: &str) -> String {
        let marks = self
            .finder
            .best(title, TITLE_CHARS)
            .map(|p| p.marks)
            .unwrap_or_default();
        marked(title, &marks)
    }

    /// A passage of the body with marks; else of the summary; else the start.
    pub fn snippet(&mut self, body: &str, summary: &str) -> String {
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
        for text in [window, summary] {
            if let Some(p) = self.finder.best(text, SNIPPET_CHARS) {
                let marks: Vec<Range<usize>> = p
                    .marks
                    .iter()
                    .map(|m| m.start - p.range.start..m.end - p.range.start)
                    .collect();
                return marked(&text[p.range], &marks);
            }
        }
        let start = if summary.is_empty() { body } else { summary };
        let mut text: String = start.chars().take(SNIPPET_CHARS).collect();
        if text.len() < start.len() {
            text.push('…');
        }
        escape(&text)
    }
}

/// `text`, escaped, with `marks` (byte ranges, in order, not overlapping)
/// between `<mark>` and `</mark>`.
fn marked(text: &str, marks: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + 16 * marks.len());
    let mut at = 0;
    for m in marks {
        if m.start < at
            || m.end > text.len()
            || !text.is_char_boundary(m.start)
            || !text.is_char_boundary(m.end)
        {
            continue;
        }
        out.push_str(&escape(&text[at..m.start]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[m.clone()]));
        out.push_str("</mark>");
        at = m.end;
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
    use super::{escape, first_match};

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

    #[test]
    fn escape_escapes_each_html_character_and_leaves_the_rest() {
        assert_eq!(escape("Wet op de jeugdzorg"), "Wet op de jeugdzorg");
        assert_eq!(escape(""), "");
        for (c, e) in [
            ('&', "&amp;"),
            ('<', "&lt;"),
            ('>', "&gt;"),
            ('"', "&quot;"),
            ('\'', "&#39;"),
        ] {
            assert_eq!(escape(&format!("één {c} twee")), format!("één {e} twee"));
        }
        assert_eq!(
            escape("<b>'Zorg' & \"welzijn\"</b>"),
            "&lt;b&gt;&#39;Zorg&#39; &amp; &quot;welzijn&quot;&lt;/b&gt;"
        );
    }
}
