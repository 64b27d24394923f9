//! The search page's JSON, written field by field.
//!
//! `serde_json` escapes a string byte by byte (a table lookup each), which
//! was a seventh of the server's instructions for an items-only search: the
//! titles, ids and paths of the hits are most of the page. Here each string
//! is first checked for a byte that needs escaping in one pass the compiler
//! can vectorise, and written as it is when there is none (nearly always);
//! otherwise `serde_json` writes it. The nested values (rating, themes,
//! facets, ignored filters) and the numbers go through `serde_json` as well.
//! The bytes are those of `serde_json::to_vec(&page)` (a test compares
//! them), so the derived `Serialize` stays the description of the shape.

use serde::Serialize;

use super::search_dto::{SearchItem, SearchPage};

/// `page` as JSON, appended to `out`.
pub(crate) fn write_page(page: &SearchPage, out: &mut Vec<u8>) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"query\":");
    string(out, &page.query)?;
    out.extend_from_slice(b",\"total\":");
    value(out, &page.total)?;
    out.extend_from_slice(b",\"page\":");
    value(out, &page.page)?;
    out.extend_from_slice(b",\"per_page\":");
    value(out, &page.per_page)?;
    out.extend_from_slice(b",\"total_pages\":");
    value(out, &page.total_pages)?;
    out.extend_from_slice(b",\"sort\":");
    string(out, page.sort)?;
    out.extend_from_slice(b",\"did_you_mean\":");
    match &page.did_you_mean {
        Some(s) => string(out, s)?,
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"corrected\":");
    boolean(out, page.corrected);
    out.extend_from_slice(b",\"fuzzy\":");
    boolean(out, page.fuzzy);
    out.extend_from_slice(b",\"partial\":");
    boolean(out, page.partial);
    out.extend_from_slice(b",\"truncated\":");
    boolean(out, page.truncated);
    out.extend_from_slice(b",\"items\":[");
    for (i, item) in page.items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_item(item, out)?;
    }
    out.extend_from_slice(b"],\"facets\":");
    value(out, &page.facets)?;
    out.extend_from_slice(b",\"ignored_filters\":");
    value(out, &page.ignored_filters)?;
    out.push(b'}');
    Ok(())
}

fn write_item(item: &SearchItem, out: &mut Vec<u8>) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"kind\":");
    string(out, item.kind)?;
    out.extend_from_slice(b",\"id\":");
    string(out, &item.id)?;
    out.extend_from_slice(b",\"title\":");
    string(out, &item.title)?;
    out.extend_from_slice(b",\"title_html\":");
    string(out, &item.title_html)?;
    out.extend_from_slice(b",\"snippet_html\":");
    string(out, &item.snippet_html)?;
    out.extend_from_slice(b",\"url\":");
    string(out, &item.url)?;
    out.extend_from_slice(b",\"rating\":");
    value(out, &item.rating)?;
    out.extend_from_slice(b",\"date\":");
    value(out, &item.date)?;
    out.extend_from_slice(b",\"themes\":");
    value(out, &item.themes)?;
    out.push(b'}');
    Ok(())
}

/// `s` as a JSON string: as it is when no byte needs escaping.
fn string(out: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
    // No early exit, so that the loop is vectorised.
    let escapes = s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if escapes {
        return serde_json::to_writer(&mut *out, s);
    }
    out.reserve(s.len() + 2);
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
    Ok(())
}

fn boolean(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

fn value<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> serde_json::Result<()> {
    serde_json::to_writer(&mut *out, v)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use watwerkt_domain::{Coded, Theme};

    use super::*;
    use crate::api::dto::ThemeRef;
    use crate::api::search_dto::{FacetValue, Facets, IgnoredFilter, RatingRef};

    fn item(title: &str, rated: bool) -> SearchItem {
        SearchItem {
            kind: "interventie",
            id: "samen-sterk".into(),
            title: title.into(),
            title_html: format!("<mark>{title}</mark> &amp; meer"),
            snippet_html: "Een \"passage\" met\ttab, \\ en \u{1}.".into(),
            url: "/interventies/samen-sterk".into(),
            rating: rated.then(|| RatingRef {
                code: "goed-onderbouwd".into(),
                label: "Goed onderbouwd".into(),
                valid_until: NaiveDate::from_ymd_opt(2027, 3, 31),
                expired: false,
            }),
            date: NaiveDate::from_ymd_opt(2021, 5, 1).filter(|_| rated),
            themes: if rated {
                vec![ThemeRef::of(Theme::ALL[0]), ThemeRef::of(Theme::ALL[1])]
            } else {
                Vec::new()
            },
        }
    }

    fn page(items: Vec<SearchItem>, full: bool) -> SearchPage {
        let value = |v: &str, n: u64| FacetValue {
            value: v.into(),
            label: format!("Label van {v}"),
            count: n,
            selected: n == 3,
        };
        SearchPage {
            query: "eenzaamheid \"ouderen\" \\ café 👍\n".into(),
            total: 12_345,
            page: 2,
            per_page: 10,
            total_pages: 1_235,
            sort: "relevantie",
            did_you_mean: full.then(|| "eenzaamheid ouderen".into()),
            corrected: full,
            fuzzy: !full,
            partial: full,
            truncated: !full,
            items,
            facets: if full {
                Facets {
                    kind: vec![value("interventie", 3), value("publicatie", 1)],
                    thema: vec![value("eenzaamheid", 2)],
                    doelgroep: Vec::new(),
                    niveau: vec![value("goed-beschreven", 0)],
                    kennisbron: vec![value("praktijk", 5)],
                }
            } else {
                Facets {
                    kind: Vec::new(),
                    thema: Vec::new(),
                    doelgroep: Vec::new(),
                    niveau: Vec::new(),
                    kennisbron: Vec::new(),
                }
            },
            ignored_filters: if full {
                vec![IgnoredFilter {
                    parameter: "thema",
                    value: "onbe\"kend".into(),
                }]
            } else {
                Vec::new()
            },
        }
    }

    fn assert_like_serde(page: &SearchPage) {
        let mut ours = Vec::new();
        write_page(page, &mut ours).unwrap();
        let theirs = serde_json::to_vec(page).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }

    #[test]
    fn a_page_is_written_as_serde_json_writes_it() {
        // Every field filled, strings with and without bytes to escape.
        assert_like_serde(&page(
            vec![
                item("Samen Sterk", true),
                item("Tekst met \"aanhalingstekens\"", false),
                item("Regel\r\nnieuwe regel \u{7f} é", true),
            ],
            true,
        ));
        // Nothing filled.
        assert_like_serde(&page(Vec::new(), false));
        assert_like_serde(&page(vec![item("", false)], false));
    }

    #[test]
    fn strings_are_escaped_only_where_needed() {
        let written = |s: &str| {
            let mut out = Vec::new();
            string(&mut out, s).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(written("Wet arbeid en zorg"), "\"Wet arbeid en zorg\"");
        assert_eq!(written("a\"b\\c\nd\u{1f}"), "\"a\\\"b\\\\c\\nd\\u001f\"");
        assert_eq!(written("é/<>&"), "\"é/<>&\"");
        assert_eq!(written(""), "\"\"");
    }
}
