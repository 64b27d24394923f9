//! OpenAPI schemas for the coded values (themes, groups, age bands, levels,
//! sections, search kinds and sort orders), generated from the code's own
//! lists (`Coded::ALL`, `Kind::ALL`, `SORTS`) so they never drift.

use std::borrow::Cow;

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};
use watwerkt_domain::{AgeBand, Coded, Group, Rating, Section, Theme};

fn enum_schema<T: Coded>(description: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .enum_values(Some(T::ALL.iter().map(|v| v.code())))
        .into()
}

macro_rules! code_schema {
    ($name:ident, $ty:ty, $description:literal) => {
        #[doc = $description]
        pub struct $name;

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                enum_schema::<$ty>($description)
            }
        }

        impl ToSchema for $name {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }
        }
    };
}

code_schema!(
    ThemeCode,
    Theme,
    "Code of one of the 29 themes (themadossiers)."
);
code_schema!(GroupCode, Group, "Code of a target group (doelgroep).");
code_schema!(
    AgeBandCode,
    AgeBand,
    "Code of an age band (leeftijdsgroep)."
);
code_schema!(
    RatingCode,
    Rating,
    "Code of a recognition level (erkenningsniveau)."
);
code_schema!(SectionCode, Section, "Code of a werkblad section.");

/// Code of a kind of searchable item.
pub struct KindCode;

impl PartialSchema for KindCode {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("Code of a kind of searchable item (type)."))
            .enum_values(Some(watwerkt_search::Kind::ALL.iter().map(|k| k.code())))
            .into()
    }
}

impl ToSchema for KindCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("KindCode")
    }
}

/// Code of a sort order of search results.
pub struct SortCode;

impl PartialSchema for SortCode {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "Order of search results: `relevantie` (best match first; newest first \
                 without words), `niveau` (highest recognition level first) or `datum` \
                 (newest first).",
            ))
            .enum_values(Some(
                crate::search_params::SORTS
                    .iter()
                    .map(|s| crate::search_params::sort_code(*s)),
            ))
            .into()
    }
}

impl ToSchema for SortCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("SortCode")
    }
}
