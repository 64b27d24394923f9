//! The intervention-list query shared by the page and the API: filters as
//! repeatable URL parameters (OR within a field, AND across fields) and paging.

use watwerkt_domain::{AgeBand, Coded, Group, Rating, Theme};
use watwerkt_store::{InterventionFilter, PageRequest};

use crate::error::WebError;

/// Parameter name of the theme filter.
pub(crate) const THEME: &str = "thema";
/// Parameter name of the target-group filter.
pub(crate) const GROUP: &str = "doelgroep";
/// Parameter name of the age-band filter.
pub(crate) const AGE: &str = "leeftijd";
/// Parameter name of the rating-level filter.
pub(crate) const LEVEL: &str = "niveau";

/// A parsed list request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListQuery {
    /// The filter (status left at its default: published).
    pub filter: InterventionFilter,
    /// Which page.
    pub page: PageRequest,
}

/// Names of the paging parameters: the pages use Dutch, the API English.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PagingNames {
    /// Page-number parameter.
    pub page: &'static str,
    /// Page-size parameter, if the caller may choose it.
    pub per_page: Option<&'static str>,
}

/// Parses the query pairs. Unknown parameter names are ignored; unknown or
/// empty values of known parameters are refused with a Dutch message.
pub(crate) fn parse(pairs: &[(String, String)], names: PagingNames) -> Result<ListQuery, WebError> {
    let mut filter = InterventionFilter::default();
    let mut page = 1u32;
    let mut per_page = PageRequest::DEFAULT_PER_PAGE;
    for (key, raw) in pairs {
        let value = raw.trim();
        match key.as_str() {
            THEME => push(
                &mut filter.themes,
                lookup::<Theme>(value, "Onbekend thema")?,
            ),
            GROUP => push(
                &mut filter.groups,
                lookup::<Group>(value, "Onbekende doelgroep")?,
            ),
            AGE => push(&mut filter.age_bands, age_band(raw)?),
            LEVEL => push(
                &mut filter.ratings,
                lookup::<Rating>(value, "Onbekend erkenningsniveau")?,
            ),
            k if k == names.page => page = page_number(value)?,
            k if Some(k) == names.per_page => per_page = page_size(value)?,
            _ => {}
        }
    }
    Ok(ListQuery {
        filter,
        page: PageRequest::new(page, per_page),
    })
}

fn push<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

fn lookup<T: Coded>(value: &str, unknown: &str) -> Result<T, WebError> {
    T::from_code(value).ok_or_else(|| {
        let known: Vec<&str> = T::ALL.iter().map(|v| v.code()).collect();
        WebError::InvalidFilter(format!(
            "{unknown} '{}'. Kies uit: {}.",
            shown(value),
            known.join(", ")
        ))
    })
}

/// Age bands; `65+` written unencoded in a URL arrives as `65 `, which is accepted.
fn age_band(raw: &str) -> Result<AgeBand, WebError> {
    let value = raw.trim();
    if let Some(band) = AgeBand::from_code(value) {
        return Ok(band);
    }
    if raw.ends_with(' ') {
        if let Some(band) = AgeBand::from_code(&format!("{value}+")) {
            return Ok(band);
        }
    }
    lookup::<AgeBand>(value, "Onbekende leeftijdsgroep")
}

pub(crate) fn page_number(value: &str) -> Result<u32, WebError> {
    match value.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(WebError::InvalidPage(format!(
            "Ongeldig paginanummer '{}': gebruik een heel getal vanaf 1.",
            shown(value)
        ))),
    }
}

pub(crate) fn page_size(value: &str) -> Result<u32, WebError> {
    let max = PageRequest::MAX_PER_PAGE;
    match value.parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(WebError::InvalidPage(format!(
            "Ongeldig aantal per pagina '{}': gebruik een heel getal van 1 tot en met {max}.",
            shown(value)
        ))),
    }
}

/// A user-supplied value as quoted in a message: at most 40 characters.
pub(crate) fn shown(value: &str) -> String {
    if value.chars().count() <= 40 {
        value.to_owned()
    } else {
        let cut: String = value.chars().take(40).collect();
        format!("{cut}…")
    }
}

/// The query string (without `?`) that asks for `filter`, optionally with a page.
pub(crate) fn to_query_string(filter: &InterventionFilter, page: Option<(&str, u32)>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut add = |key: &str, value: &str| parts.push(format!("{key}={}", encode(value)));
    filter.themes.iter().for_each(|v| add(THEME, v.code()));
    filter.groups.iter().for_each(|v| add(GROUP, v.code()));
    filter.age_bands.iter().for_each(|v| add(AGE, v.code()));
    filter.ratings.iter().for_each(|v| add(LEVEL, v.code()));
    if let Some((key, n)) = page {
        parts.push(format!("{key}={n}"));
    }
    parts.join("&")
}

/// Percent-encodes a query value (everything but unreserved characters).
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: PagingNames = PagingNames {
        page: "pagina",
        per_page: None,
    };
    const API: PagingNames = PagingNames {
        page: "page",
        per_page: Some("per_page"),
    };

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn repeated_values_are_alternatives() {
        let q = parse(
            &pairs(&[
                ("thema", "eenzaamheid"),
                ("thema", "ouderen"),
                ("thema", "eenzaamheid"),
                ("niveau", "goed-beschreven"),
                ("leeftijd", "65+"),
                ("pagina", "2"),
                ("utm_source", "x"),
            ]),
            PAGE,
        )
        .unwrap();
        assert_eq!(q.filter.themes, [Theme::Eenzaamheid, Theme::Ouderen]);
        assert_eq!(q.filter.ratings, [Rating::WellDescribed]);
        assert_eq!(q.filter.age_bands, [AgeBand::Elderly]);
        assert!(q.filter.groups.is_empty());
        assert_eq!(q.page.page, 2);
    }

    #[test]
    fn an_unencoded_plus_still_means_65_plus() {
        let q = parse(&pairs(&[("leeftijd", "65 ")]), PAGE).unwrap();
        assert_eq!(q.filter.age_bands, [AgeBand::Elderly]);
    }

    #[test]
    fn unknown_values_are_refused() {
        let e = parse(&pairs(&[("thema", "astrologie")]), PAGE).unwrap_err();
        assert_eq!(e.code(), "invalid_filter");
        assert!(e.message().contains("astrologie"));
        let e = parse(&pairs(&[("niveau", "super")]), PAGE).unwrap_err();
        assert!(e.message().contains("goed-beschreven"));
        let e = parse(&pairs(&[("doelgroep", "")]), PAGE).unwrap_err();
        assert_eq!(e.code(), "invalid_filter");
    }

    #[test]
    fn bad_pages_are_refused() {
        for bad in ["0", "-1", "twee", "1.5"] {
            let e = parse(&pairs(&[("pagina", bad)]), PAGE).unwrap_err();
            assert_eq!(e.code(), "invalid_page", "{bad}");
        }
        for bad in ["0", "101"] {
            let e = parse(&pairs(&[("per_page", bad)]), API).unwrap_err();
            assert_eq!(e.code(), "invalid_page", "{bad}");
        }
        let q = parse(&pairs(&[("per_page", "5"), ("page", "3")]), API).unwrap();
        assert_eq!(q.page, PageRequest::new(3, 5));
    }

    #[test]
    fn query_strings_round_trip() {
        let q = parse(
            &pairs(&[("leeftijd", "65+"), ("thema", "ouderen"), ("pagina", "2")]),
            PAGE,
        )
        .unwrap();
        let s = to_query_string(&q.filter, Some(("pagina", 2)));
        assert_eq!(s, "thema=ouderen&leeftijd=65%2B&pagina=2");
    }
}
