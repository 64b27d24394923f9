//! Paging types shared by every list.

/// Which page to fetch: 1-based page number and page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// 1-based page number.
    pub page: u32,
    /// Items per page, 1 to [`PageRequest::MAX_PER_PAGE`].
    pub per_page: u32,
}

impl PageRequest {
    /// Largest page size served.
    pub const MAX_PER_PAGE: u32 = 100;
    /// Page size when none is asked for.
    pub const DEFAULT_PER_PAGE: u32 = 20;

    /// A request clamped into the allowed range.
    pub fn new(page: u32, per_page: u32) -> Self {
        Self {
            page: page.max(1),
            per_page: per_page.clamp(1, Self::MAX_PER_PAGE),
        }
    }

    /// Rows to skip.
    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::new(1, Self::DEFAULT_PER_PAGE)
    }
}

/// One page of results with the total count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Total number of matching items.
    pub total: u64,
    /// The request this page answers.
    pub request: PageRequest,
}

impl<T> Page<T> {
    /// Number of pages (at least 1, so an empty result still has a page 1).
    pub fn total_pages(&self) -> u32 {
        let per = u64::from(self.request.per_page);
        u32::try_from(self.total.div_ceil(per).max(1)).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_clamped() {
        assert_eq!(
            PageRequest::new(0, 0),
            PageRequest {
                page: 1,
                per_page: 1
            }
        );
        assert_eq!(PageRequest::new(3, 1000).per_page, 100);
        assert_eq!(PageRequest::new(3, 10).offset(), 20);
    }

    #[test]
    fn total_pages_rounds_up() {
        let p = |total| Page::<()> {
            items: vec![],
            total,
            request: PageRequest::new(1, 10),
        };
        assert_eq!(p(0).total_pages(), 1);
        assert_eq!(p(10).total_pages(), 1);
        assert_eq!(p(11).total_pages(), 2);
    }
}
