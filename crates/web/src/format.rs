//! Dutch formatting of dates and counts for the pages.

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// A date the Dutch way, e.g. `12 maart 2027`.
pub(crate) fn dutch_date(date: NaiveDate) -> String {
    let month = usize::try_from(date.month0())
        .ok()
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", date.day(), date.year())
}

/// `1 interventie`, `3 interventies`.
pub(crate) fn count(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_dutch() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(dutch_date(d(2027, 3, 12)), "12 maart 2027");
        assert_eq!(dutch_date(d(2024, 1, 1)), "1 januari 2024");
        assert_eq!(dutch_date(d(2026, 12, 31)), "31 december 2026");
    }

    #[test]
    fn counts_use_singular_and_plural() {
        assert_eq!(count(1, "interventie", "interventies"), "1 interventie");
        assert_eq!(count(0, "interventie", "interventies"), "0 interventies");
    }
}
