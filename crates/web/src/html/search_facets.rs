//! The facets of `/zoeken` as checkbox groups with counts, and the chosen
//! values with links that remove them. Labels are the domain's Dutch labels.

use watwerkt_domain::{Coded, Rating};
use watwerkt_search::{Dimension, FacetCount, FacetCounts, Filters, Kind, Sort};

use crate::search_params::{dimension_label, dimension_param, page_href, value_label, without};

/// One checkbox.
pub(crate) struct FacetOption {
    pub id: String,
    pub value: String,
    pub label: &'static str,
    pub count: u64,
    pub checked: bool,
}

/// One facet: a fieldset of checkboxes.
pub(crate) struct FacetGroup {
    /// URL parameter.
    pub name: &'static str,
    /// Dutch name.
    pub legend: &'static str,
    pub options: Vec<FacetOption>,
    /// How many values are chosen.
    pub selected: usize,
}

/// A chosen value with the link that removes it.
pub(crate) struct ActiveFilter {
    pub field: &'static str,
    pub label: &'static str,
    pub remove_href: String,
}

/// The position of a value in the domain's own order, for facets whose order
/// means something (type, level); others keep the index order (most first).
fn fixed_rank(d: Dimension, value: &str) -> Option<usize> {
    match d {
        Dimension::Kind => Kind::ALL.iter().position(|k| k.code() == value),
        Dimension::Rating => Rating::ALL.iter().position(|r| r.code() == value),
        Dimension::Knowledge => watwerkt_domain::dossier::KnowledgeKind::ALL
            .iter()
            .position(|k| k.code() == value),
        Dimension::Theme | Dimension::Group => None,
    }
}

fn group(d: Dimension, counts: &[FacetCount]) -> FacetGroup {
    let name = dimension_param(d);
    let mut options: Vec<FacetOption> = counts
        .iter()
        .filter(|c| c.count > 0 || c.selected)
        .filter_map(|c| {
            value_label(d, &c.value).map(|label| FacetOption {
                id: format!("facet-{name}-{}", c.value),
                value: c.value.clone(),
                label,
                count: c.count,
                checked: c.selected,
            })
        })
        .collect();
    if matches!(
        d,
        Dimension::Kind | Dimension::Rating | Dimension::Knowledge
    ) {
        options.sort_by_key(|o| fixed_rank(d, &o.value).unwrap_or(usize::MAX));
    }
    FacetGroup {
        name,
        legend: dimension_label(d),
        selected: options.iter().filter(|o| o.checked).count(),
        options,
    }
}

/// The facet groups that have something to choose.
pub(crate) fn groups(counts: &FacetCounts) -> Vec<FacetGroup> {
    Dimension::ALL
        .into_iter()
        .map(|d| group(d, counts.get(d)))
        .filter(|g| !g.options.is_empty())
        .collect()
}

/// The chosen (known) values, each with a link to the search without it.
pub(crate) fn active(query: &str, filters: &Filters, sort: Sort) -> Vec<ActiveFilter> {
    let mut out = Vec::new();
    for d in Dimension::ALL {
        for value in filters.values(d) {
            let Some(label) = value_label(d, value) else {
                continue;
            };
            out.push(ActiveFilter {
                field: dimension_label(d),
                label,
                remove_href: page_href(query, &without(filters, d, value), sort, 1),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(value: &str, count: u64, selected: bool) -> FacetCount {
        FacetCount {
            value: value.into(),
            count,
            selected,
        }
    }

    #[test]
    fn groups_label_values_and_keep_meaningful_orders() {
        let counts = FacetCounts {
            kinds: vec![
                count("publicatie", 9, false),
                count("interventie", 3, false),
            ],
            themes: vec![
                count("eenzaamheid", 5, true),
                count("ouderen", 2, false),
                count("schulden", 0, false),
            ],
            groups: Vec::new(),
            ratings: vec![
                count("effectief-eerste-aanwijzingen", 4, false),
                count("goed-beschreven", 1, false),
            ],
            knowledge: Vec::new(),
        };
        let g = groups(&counts);
        let names: Vec<&str> = g.iter().map(|g| g.name).collect();
        assert_eq!(names, ["type", "thema", "niveau"]);
        let kinds: Vec<&str> = g[0].options.iter().map(|o| o.label).collect();
        assert_eq!(kinds, ["Interventie", "Publicatie"]);
        assert_eq!(g[1].options.len(), 2, "values without results are left out");
        assert_eq!(g[1].selected, 1);
        assert_eq!(g[2].options[0].value, "goed-beschreven");
    }

    #[test]
    fn active_filters_link_to_the_search_without_them() {
        let filters = Filters {
            themes: vec!["eenzaamheid".into(), "onbekend".into()],
            ..Filters::default()
        };
        let a = active("buren", &filters, Sort::Relevance);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].label, "Eenzaamheid");
        assert_eq!(a[0].remove_href, "/zoeken?q=buren&thema=onbekend");
    }
}
