//! Slugs: the stable, URL-safe names of content items.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A URL-safe identifier: lowercase ASCII letters, digits and single hyphens,
/// 2 to 80 characters, not starting or ending with a hyphen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

/// Why a text is not a valid slug.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ongeldige slug '{0}': gebruik 2 tot 80 kleine letters, cijfers en losse koppeltekens")]
pub struct SlugError(pub String);

impl Slug {
    /// Parses a slug, refusing anything outside the allowed shape.
    pub fn parse(s: &str) -> Result<Self, SlugError> {
        let ok_len = (2..=80).contains(&s.len());
        let ok_chars = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let ok_hyphens = !s.starts_with('-') && !s.ends_with('-') && !s.contains("--");
        if ok_len && ok_chars && ok_hyphens {
            Ok(Self(s.to_owned()))
        } else {
            Err(SlugError(s.to_owned()))
        }
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = SlugError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Slug> for String {
    fn from(s: Slug) -> Self {
        s.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_slugs() {
        assert_eq!(
            Slug::parse("buurtkamer-2").unwrap().as_str(),
            "buurtkamer-2"
        );
    }

    #[test]
    fn refuses_bad_shapes() {
        for bad in ["", "a", "Hoofd", "a--b", "-a", "a-", "a b", "../x", "é-x"] {
            assert!(Slug::parse(bad).is_err(), "{bad} should be refused");
        }
        assert!(Slug::parse(&"a".repeat(81)).is_err());
    }
}
