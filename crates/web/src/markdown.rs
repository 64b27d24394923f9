//! Section Markdown to HTML. Content is untrusted: raw HTML becomes escaped
//! text, links keep only safe schemes, images are reduced to their text and
//! headings are moved below the heading the section sits under.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Renders Markdown that sits under a heading of level `under` (2 or 3).
pub(crate) fn to_html(markdown: &str, under: u8) -> String {
    let mut links_kept: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, Options::empty()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: below(level, under),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(below(level, under))))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = is_safe_url(&dest_url);
            links_kept.push(safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => links_kept
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The text of Markdown without markup, whitespace collapsed.
pub(crate) fn to_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The start of the text of Markdown, cut at a word boundary after at most
/// `max` characters, with `…` when cut.
pub(crate) fn excerpt(markdown: &str, max: usize) -> String {
    let text = to_text(markdown);
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let word_ends_here = text.chars().nth(max).is_some_and(char::is_whitespace);
    let cut = match cut.rfind(' ') {
        Some(space) if !word_ends_here && space > max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}

fn below(level: HeadingLevel, under: u8) -> HeadingLevel {
    let wanted = (level as usize).max(usize::from(under) + 1).min(6);
    HeadingLevel::try_from(wanted).unwrap_or(HeadingLevel::H6)
}

fn is_safe_url(url: &CowStr<'_>) -> bool {
    let url = url.trim();
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        // No scheme, or the colon sits after the path starts: a relative link.
        (None, _) => true,
        (Some(colon), Some(path)) if path < colon => true,
        (Some(colon), _) => {
            let scheme = url[..colon].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Hallo <script>alert(1)</script> **vet**", 2);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<strong>vet</strong>"), "{html}");

        let block = to_html("<div onclick=\"x()\">\nblok\n</div>\n\nNa", 2);
        assert!(!block.contains("<div"), "{block}");
        assert!(block.contains("&lt;div"), "{block}");
    }

    #[test]
    fn unsafe_links_lose_their_link_but_keep_their_text() {
        let html = to_html(
            "[klik](javascript:alert(1)) en [site](https://example.org)",
            2,
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("klik"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org\">site</a>"),
            "{html}"
        );
        assert!(to_html("[x](DATA:text/html,hi)", 2).contains("<p>x</p>"));
        assert!(to_html("[x](/themas)", 2).contains("href=\"/themas\""));
    }

    #[test]
    fn images_become_their_text() {
        let html = to_html("![een foto](https://tracker.example/p.gif)", 2);
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("een foto"), "{html}");
    }

    #[test]
    fn headings_sit_below_the_section_heading() {
        assert!(to_html("# Kop", 2).contains("<h3>Kop</h3>"));
        assert!(to_html("### Kop", 2).contains("<h3>Kop</h3>"));
        assert!(to_html("### Kop", 3).contains("<h4>Kop</h4>"));
        assert!(to_html("###### Kop", 3).contains("<h6>Kop</h6>"));
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        let md = "Een **korte** tekst over buurtkamers in de wijk.\n\nTweede alinea.";
        assert_eq!(
            to_text(md),
            "Een korte tekst over buurtkamers in de wijk. Tweede alinea."
        );
        assert_eq!(excerpt(md, 20), "Een korte tekst over…");
        assert_eq!(excerpt("kort", 20), "kort");
    }
}
