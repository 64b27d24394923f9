//! The YAML front matter, with the Dutch keys of the file format.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use watwerkt_domain::{
    AgeBand, CostBasis, Group, PublicationKind, PublicationStatus, Rating, Theme,
};

fn is_false(b: &bool) -> bool {
    !*b
}

/// Front matter of an intervention file, keys in canonical order.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct InterventionFront {
    pub slug: String,
    pub titel: String,
    pub status: PublicationStatus,
    #[serde(default, skip_serializing_if = "is_false")]
    pub voorbeelddata: bool,
    #[serde(default)]
    pub themas: Vec<Theme>,
    #[serde(default, skip_serializing_if = "TargetGroupFront::is_empty")]
    pub doelgroep: TargetGroupFront,
    pub doel: GoalsFront,
    #[serde(default, skip_serializing_if = "ApproachFront::is_empty")]
    pub aanpak: ApproachFront,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kosten: Option<CostsFront>,
    pub eigenaar: OwnerFront,
    #[serde(default, skip_serializing_if = "ContactFront::is_empty")]
    pub contact: ContactFront,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub werkzame_elementen: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oordeel: Option<RatingFront>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub onderzoek: Vec<StudyFront>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TargetGroupFront {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leeftijd: Vec<AgeBand>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groepen: Vec<Group>,
}

impl TargetGroupFront {
    fn is_empty(&self) -> bool {
        self.leeftijd.is_empty() && self.groepen.is_empty()
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GoalsFront {
    pub hoofddoel: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subdoelen: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ApproachFront {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activiteiten: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duur: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intensiteit: Option<String>,
}

impl ApproachFront {
    fn is_empty(&self) -> bool {
        self.activiteiten.is_empty() && self.duur.is_none() && self.intensiteit.is_none()
    }
}

/// An amount in euro as written in the file: a whole number or a decimal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub(super) enum Amount {
    Whole(u64),
    Decimal(f64),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CostsFront {
    pub bedrag: Amount,
    pub per: CostBasis,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OwnerFront {
    pub organisatie: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ContactFront {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub naam: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefoon: Option<String>,
}

impl ContactFront {
    fn is_empty(&self) -> bool {
        self.naam.is_none() && self.email.is_none() && self.telefoon.is_none()
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RatingFront {
    pub niveau: Rating,
    pub besluit: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geldig_tot: Option<NaiveDate>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StudyFront {
    pub opzet: String,
    pub jaar: i32,
    pub referentie: String,
    pub bevinding: String,
}

/// Front matter of a werkzaam-element file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ActiveElementFront {
    pub slug: String,
    pub naam: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub voorbeelddata: bool,
}

/// Front matter of a publication file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PublicationFront {
    pub slug: String,
    pub titel: String,
    #[serde(rename = "type")]
    pub soort: PublicationKind,
    pub status: PublicationStatus,
    #[serde(default, skip_serializing_if = "is_false")]
    pub voorbeelddata: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jaar: Option<i32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auteurs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themas: Vec<Theme>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bijlage: Option<AttachmentFront>,
}

/// The attached file of a publication: a PDF next to the `.md` file. Size and
/// hash are filled in from the file when left out; export always writes them.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AttachmentFront {
    pub bestand: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grootte: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}
