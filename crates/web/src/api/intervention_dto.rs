//! The JSON shape of one intervention with its full standard description.

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};
use watwerkt_app::InterventionView;
use watwerkt_domain::{Coded, Section};

use super::dto::{AgeBandRef, GroupRef, Rating, ThemeRef};

/// The structured target group.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetGroup {
    /// Age bands.
    pub age_bands: Vec<AgeBandRef>,
    /// Groups.
    pub groups: Vec<GroupRef>,
}

/// Hoofddoel and subdoelen.
#[derive(Debug, Serialize, ToSchema)]
pub struct Goals {
    /// The main goal.
    pub main: String,
    /// Sub goals.
    pub sub: Vec<String>,
}

/// The structured facts of the aanpak.
#[derive(Debug, Serialize, ToSchema)]
pub struct Approach {
    /// Activities, in order.
    pub activities: Vec<String>,
    /// How long it runs.
    pub duration: Option<String>,
    /// How often and how long.
    pub intensity: Option<String>,
}

/// Costs.
#[derive(Debug, Serialize, ToSchema)]
pub struct Costs {
    /// Amount in euro cents.
    pub amount_cents: u64,
    /// The amount in Dutch notation, e.g. `€ 37,50`.
    pub amount_display: String,
    /// What the amount is counted per: `deelnemer` or `jaar`.
    pub per: String,
    /// Dutch label of `per`, e.g. `per deelnemer`.
    pub per_label: String,
}

/// Owner organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct Owner {
    /// Name.
    pub organisation: String,
    /// Website.
    pub website: Option<String>,
}

/// Contact person.
#[derive(Debug, Serialize, ToSchema)]
pub struct Contact {
    /// Name.
    pub name: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

/// A werkzaam element as linked from an intervention.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActiveElementRef {
    /// Stable identifier.
    pub slug: String,
    /// Name.
    pub name: String,
}

/// A study into the intervention.
#[derive(Debug, Serialize, ToSchema)]
pub struct Study {
    /// Research design.
    pub design: String,
    /// Year of publication.
    pub year: i32,
    /// Bibliographic reference.
    pub reference: String,
    /// Main finding.
    pub finding: String,
}

/// The werkblad text sections present, keyed by section code in werkblad order.
#[derive(Debug)]
pub struct Sections(Vec<(&'static str, String)>);

impl PartialSchema for Sections {
    fn schema() -> RefOr<Schema> {
        let mut object = ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "The werkblad sections present (Markdown), keyed by section code in werkblad \
                 order; absent sections are left out.",
            ))
            .additional_properties(Some(AdditionalProperties::<Schema>::FreeForm(false)));
        for section in Section::ALL {
            object = object.property(
                section.code(),
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some(section.label())),
            );
        }
        object.into()
    }
}

impl ToSchema for Sections {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Sections")
    }
}

impl Serialize for Sections {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (code, text) in &self.0 {
            map.serialize_entry(code, text)?;
        }
        map.end()
    }
}

/// An intervention with its full standard description.
#[derive(Debug, Serialize, ToSchema)]
pub struct Intervention {
    /// Stable identifier.
    pub slug: String,
    /// Name.
    pub title: String,
    /// Fictional example content ("voorbeelddata").
    pub example_data: bool,
    /// Themes.
    pub themes: Vec<ThemeRef>,
    /// Structured target group.
    pub target_group: TargetGroup,
    /// Goals.
    pub goals: Goals,
    /// Structured facts of the approach.
    pub approach: Approach,
    /// Costs, `null` when unknown.
    pub costs: Option<Costs>,
    /// Owner organisation.
    pub owner: Owner,
    /// Contact person.
    pub contact: Contact,
    /// The werkzame elementen it carries.
    pub active_elements: Vec<ActiveElementRef>,
    /// Current rating, `null` when not rated.
    pub rating: Option<Rating>,
    /// Earlier ratings, newest first.
    pub rating_history: Vec<Rating>,
    /// Studies into the intervention.
    pub research: Vec<Study>,
    /// The werkblad sections (Markdown), keyed by section code
    /// (`samenvatting`, `probleemomschrijving`, …); absent sections are left out.
    pub sections: Sections,
}

impl Intervention {
    /// The DTO of an intervention page view.
    pub fn of(view: &InterventionView) -> Self {
        let i = &view.intervention;
        Self {
            slug: i.slug.to_string(),
            title: i.title.clone(),
            example_data: i.example_data,
            themes: i.themes.iter().map(|t| ThemeRef::of(*t)).collect(),
            target_group: TargetGroup {
                age_bands: i
                    .target_group
                    .age_bands
                    .iter()
                    .map(|a| AgeBandRef::of(*a))
                    .collect(),
                groups: i
                    .target_group
                    .groups
                    .iter()
                    .map(|g| GroupRef::of(*g))
                    .collect(),
            },
            goals: Goals {
                main: i.goals.main.clone(),
                sub: i.goals.sub.clone(),
            },
            approach: Approach {
                activities: i.approach.activities.clone(),
                duration: i.approach.duration.clone(),
                intensity: i.approach.intensity.clone(),
            },
            costs: i.costs.map(|c| Costs {
                amount_cents: c.amount_cents,
                amount_display: c.display_amount(),
                per: c.per.code().to_owned(),
                per_label: c.per.label().to_owned(),
            }),
            owner: Owner {
                organisation: i.owner.organisation.clone(),
                website: i.owner.website.clone(),
            },
            contact: Contact {
                name: i.contact.name.clone(),
                email: i.contact.email.clone(),
                phone: i.contact.phone.clone(),
            },
            active_elements: view
                .active_elements
                .iter()
                .map(|e| ActiveElementRef {
                    slug: e.slug.to_string(),
                    name: e.name.clone(),
                })
                .collect(),
            rating: view.rating.as_ref().map(Rating::of),
            rating_history: view.history.iter().map(Rating::of).collect(),
            research: i
                .research
                .iter()
                .map(|s| Study {
                    design: s.design.clone(),
                    year: s.year,
                    reference: s.reference.clone(),
                    finding: s.finding.clone(),
                })
                .collect(),
            sections: Sections(
                Section::ALL
                    .iter()
                    .filter_map(|s| i.description.get(*s).map(|t| (s.code(), t.to_owned())))
                    .collect(),
            ),
        }
    }
}
