//! What `/zoeken` says about a search: the result heading and the notices
//! for typos ("Bedoelde u …?"), near matches, partial matches, over-long
//! queries and unknown filter values.

use watwerkt_search::{Filters, SearchResults};

use super::parts::Link;
use crate::query::shown;
use crate::search_params::{dimension_label, page_href, SearchParams};

/// What the page says about how the words were understood.
#[derive(Default)]
pub(crate) struct Notices {
    /// The query was cut to the limits.
    pub truncated: bool,
    /// The words contain no letter or digit.
    pub no_words: Option<String>,
    /// Unknown filter values, described in Dutch.
    pub ignored: Vec<String>,
    /// "Bedoelde u …?"
    pub did_you_mean: Option<Link>,
    /// The results are for a correction, near spellings or some of the words.
    pub inexact: Option<String>,
}

/// A query as quoted in a heading: at most 80 characters.
pub(crate) fn quoted(query: &str) -> String {
    if query.chars().count() <= 80 {
        format!("‘{query}’")
    } else {
        let cut: String = query.chars().take(80).collect();
        format!("‘{cut}…’")
    }
}

pub(crate) fn notices(
    p: &SearchParams,
    typed: &str,
    known: &Filters,
    r: &SearchResults,
) -> Notices {
    let mut n = Notices {
        truncated: r.truncated,
        ..Notices::default()
    };
    n.ignored = r
        .ignored_filters
        .iter()
        .take(10)
        .map(|(d, v)| format!("{} ‘{}’", dimension_label(*d).to_lowercase(), shown(v)))
        .collect();
    if let Some(better) = &r.did_you_mean {
        n.did_you_mean = Some(Link {
            label: better.clone(),
            href: page_href(better, known, p.sort, 1),
        });
    }
    n.inexact = if r.corrected {
        Some(format!(
            "Geen exacte treffers voor {}; resultaten voor {}.",
            quoted(typed),
            quoted(&r.query)
        ))
    } else if r.fuzzy {
        Some(format!(
            "Geen exacte treffers; resultaten voor woorden die lijken op {}.",
            quoted(typed)
        ))
    } else if r.partial {
        Some(format!(
            "Geen resultaat bevat alle woorden van {}; u ziet resultaten met een deel ervan.",
            quoted(typed)
        ))
    } else {
        None
    };
    n
}

pub(crate) fn heading(r: &SearchResults, with_words: bool) -> String {
    let count = match r.total {
        0 => "Geen resultaten".to_owned(),
        1 => "1 resultaat".to_owned(),
        n => format!("{n} resultaten"),
    };
    if with_words {
        format!("{count} voor {}", quoted(&r.query))
    } else {
        count
    }
}
