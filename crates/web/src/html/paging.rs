//! Page-number links shared by the lists that page (interventions, search).

/// A link of the pagination.
pub(crate) struct PageLink {
    pub number: u32,
    pub href: String,
    pub current: bool,
    /// Numbers were skipped before this one.
    pub gap_before: bool,
}

/// Page numbers to show: first, last and two around the current one.
pub(crate) fn page_links(current: u32, last: u32, href: impl Fn(u32) -> String) -> Vec<PageLink> {
    let mut previous = 0;
    (1..=last)
        .filter(|&n| n == 1 || n == last || n.abs_diff(current) <= 2)
        .map(|n| {
            let link = PageLink {
                number: n,
                href: href(n),
                current: n == current,
                gap_before: n > previous + 1,
            };
            previous = n;
            link
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_pages_are_left_out_with_a_gap() {
        let links = page_links(6, 12, |n| format!("?p={n}"));
        let numbers: Vec<u32> = links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 4, 5, 6, 7, 8, 12]);
        let gaps: Vec<bool> = links.iter().map(|l| l.gap_before).collect();
        assert_eq!(gaps, [false, true, false, false, false, false, true]);
        assert!(links.iter().any(|l| l.current && l.href == "?p=6"));
    }
}
