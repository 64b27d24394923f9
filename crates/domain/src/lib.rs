//! The pure core of watwerkt: types and rules, no IO, no async, no drivers.
//!
//! CI checks that `cargo tree -p watwerkt-domain -i sqlx` (and axum, tantivy)
//! stays empty.

pub mod account;
pub mod active_element;
pub mod assessment;
pub mod dossier;
pub mod intervention;
pub mod publication;
pub mod rating;
pub mod section;
pub mod slug;
pub mod target_group;
pub mod theme;

pub use account::{Account, AccountError, Email, PasswordPolicy, Role, RoleSet, UserId};
pub use active_element::ActiveElement;
pub use intervention::{
    Approach, Contact, CostBasis, Costs, Description, Goals, Intervention, InterventionProblem,
    Owner, PublicationStatus, SectionKey, Study,
};
pub use publication::{Publication, PublicationKind, PublicationProblem};
pub use rating::{Rating, RatingDecision, RatingState, ValidityPolicy};
pub use section::Section;
pub use slug::{Slug, SlugError};
pub use target_group::{AgeBand, Group, TargetGroup};
pub use theme::Theme;

/// A value that has a stable code (used in files, URLs and the API) and a Dutch label.
pub trait Coded: Sized + Copy + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// The stable code, e.g. `goed-beschreven`.
    fn code(self) -> &'static str;
    /// The Dutch label shown to people.
    fn label(self) -> &'static str;
    /// Look a value up by its code.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

/// Implements serde for a [`Coded`] enum as its code string.
#[macro_export]
macro_rules! coded_serde {
    ($ty:ty, $what:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::Coded::code(*self))
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                <$ty as $crate::Coded>::from_code(&s)
                    .ok_or_else(|| serde::de::Error::custom(format!(concat!($what, " '{}'"), s)))
            }
        }
    };
}
