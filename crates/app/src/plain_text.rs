//! Markdown to plain text, for what the search index stores and shows in
//! snippets (no `**`, `- ` or link syntax in a result).

use pulldown_cmark::{Event, Parser, TagEnd};

/// The text of `markdown` without its markup: blocks separated by a blank
/// line, line breaks as spaces, link targets dropped, the tags of raw HTML dropped (their text kept).
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableRow,
            ) => out.push_str("\n\n"),
            Event::End(TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn markup_is_removed_and_words_stay() {
        let md = "Een **vette** zin met een [link](https://voorbeeld.example).\n\n- punt een\n- punt *twee*\n\n<b>html</b> weg";
        let t = plain_text(md);
        assert_eq!(
            t,
            "Een vette zin met een link.\n\npunt een\n\npunt twee\n\nhtml weg"
        );
    }
}
