//! Turning a [`SearchDoc`] into a tantivy document.

use chrono::Datelike;
use tantivy::schema::Facet;
use tantivy::TantivyDocument;
use watwerkt_domain::{Coded, Rating};

use crate::doc::SearchDoc;
use crate::facets::Dimension;
use crate::schema::{Fields, EXCERPT_BYTES, SUMMARY_WEIGHT, TITLE_WEIGHT, VALID_FOREVER};

/// The sort rank of a rating code: 0 for none or unknown, 1 (goed beschreven)
/// to 5 (effectief volgens sterke aanwijzingen).
pub fn rating_rank(code: Option<&str>) -> u64 {
    code.and_then(|c| Rating::ALL.iter().position(|r| r.code() == c))
        .map_or(0, |i| i as u64 + 1)
}

pub(crate) fn to_tantivy(doc: &SearchDoc, f: &Fields) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.key, doc.key());
    d.add_text(f.title, &doc.title);
    d.add_text(f.summary, &doc.summary);
    // Weighted as in BM25F: indexing a text n times multiplies its term
    // frequencies and its share of the length by n. The values stand apart
    // (tantivy leaves a position free between two values), so a phrase is
    // found within one copy, never across two.
    let weighted = [
        (&doc.title, TITLE_WEIGHT),
        (&doc.summary, SUMMARY_WEIGHT),
        (&doc.body, 1),
    ];
    for (text, times) in weighted {
        if !text.is_empty() {
            for _ in 0..times {
                d.add_text(f.text, text);
            }
        }
    }
    d.add_text(f.excerpt, crate::snippets::cut(&doc.body, EXCERPT_BYTES));
    for text in [&doc.title, &doc.summary, &doc.body] {
        if !text.is_empty() {
            d.add_text(f.words, text);
        }
    }
    d.add_text(f.title_words, &doc.title);
    d.add_text(f.title_pairs, &doc.title);
    d.add_facet(f.facets, Dimension::Kind.facet(doc.kind.code()));
    for t in &doc.themes {
        d.add_facet(f.facets, Dimension::Theme.facet(t));
    }
    for g in &doc.groups {
        d.add_facet(f.facets, Dimension::Group.facet(g));
    }
    if let Some(r) = &doc.rating {
        d.add_facet(f.facets, Dimension::Rating.facet(r));
    }
    for k in &doc.knowledge {
        d.add_facet(f.facets, Dimension::Knowledge.facet(k));
    }
    d.add_u64(f.rating_rank, rating_rank(doc.rating.as_deref()));
    d.add_u64(f.date_days, doc.date.map_or(0, days));
    d.add_text(f.url, &doc.url);
    let valid_until = match (&doc.rating, doc.rating_valid_until) {
        (None, _) => 0,
        (Some(_), None) => VALID_FOREVER,
        (Some(_), Some(until)) => days(until),
    };
    d.add_u64(f.valid_until_days, valid_until);
    d.add_u64(f.example, u64::from(doc.example_data));
    if let Some(detail) = &doc.detail {
        d.add_text(f.detail, detail);
    }
    d
}

/// Days since 0001-01-01 (0 for dates before it).
pub(crate) fn days(date: chrono::NaiveDate) -> u64 {
    u64::try_from(date.num_days_from_ce()).unwrap_or(0)
}

/// Facet values are codes; anything else is made safe for a facet path segment.
pub(crate) fn facet_segment(code: &str) -> String {
    code.chars()
        .map(|c| if c == '/' || c == '\\' { '-' } else { c })
        .collect()
}

/// A facet for one value of one dimension.
pub(crate) fn facet(root: &str, code: &str) -> Facet {
    Facet::from_path([root, facet_segment(code).as_str()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_rank_in_order() {
        assert_eq!(rating_rank(None), 0);
        assert_eq!(rating_rank(Some("onbekend")), 0);
        assert_eq!(rating_rank(Some("goed-beschreven")), 1);
        assert_eq!(rating_rank(Some("effectief-sterke-aanwijzingen")), 5);
    }
}
