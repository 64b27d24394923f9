//! Feiten en cijfers: a figure is one value or a time series.

use serde::{Deserialize, Serialize};

/// One value in a figure, for one year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DataPoint {
    /// The year the value is about; `None` is refused by the rules.
    pub year: Option<i32>,
    /// The value.
    pub value: f64,
}

/// A figure: label, unit, source and one or more yearly values (a time series).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// What is measured, e.g. "Ouderen die zich eenzaam voelen".
    pub label: String,
    /// The unit, e.g. "procent" or "aantal".
    pub unit: String,
    /// Where the numbers come from; `None` is refused by the rules.
    pub source: Option<String>,
    /// The values, in year order.
    pub points: Vec<DataPoint>,
}

impl Figure {
    /// Whether this is a time series (more than one year).
    pub fn is_series(&self) -> bool {
        self.points.len() > 1
    }

    /// The most recent value.
    pub fn latest(&self) -> Option<DataPoint> {
        self.points
            .iter()
            .copied()
            .max_by_key(|p| p.year.unwrap_or(i32::MIN))
    }
}
