//! The YAML front matter of dossier and theme-page files (Dutch keys).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use watwerkt_domain::dossier::KnowledgeKind;
use watwerkt_domain::{PublicationStatus, Theme};

fn is_false(b: &bool) -> bool {
    !*b
}

/// Front matter of `dossiers/<slug>.md`, keys in canonical order.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DossierFront {
    pub slug: String,
    pub titel: String,
    pub status: PublicationStatus,
    #[serde(default, skip_serializing_if = "is_false")]
    pub voorbeelddata: bool,
    #[serde(default)]
    pub themas: Vec<Theme>,
    pub laatst_beoordeeld: NaiveDate,
    pub herzien_voor: NaiveDate,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feiten: Vec<ClaimFront>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wat_werkt: Vec<GroupFront>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub werkzame_elementen: Vec<String>,
    pub literatuur: LiteratureFront,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClaimFront {
    pub tekst: String,
    #[serde(default)]
    pub bronnen: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupFront {
    pub doelgroep: String,
    #[serde(default)]
    pub uitspraken: Vec<ClaimFront>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LiteratureFront {
    pub zoekmethode: String,
    #[serde(default)]
    pub bronnen: Vec<SourceFront>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SourceFront {
    pub id: String,
    pub verwijzing: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kennisbron: Option<KnowledgeKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verzameld: Option<String>,
}

/// A number as written: whole or decimal, so `12` stays `12` and `12.5` stays `12.5`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub(super) enum Number {
    Whole(i64),
    Decimal(f64),
}

impl Number {
    pub fn value(self) -> f64 {
        match self {
            // Whole numbers in files are far below 2^53.
            #[allow(clippy::cast_precision_loss)]
            Self::Whole(n) => n as f64,
            Self::Decimal(f) => f,
        }
    }

    pub fn of(v: f64) -> Self {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            // Whole and in range: the cast is exact.
            #[allow(clippy::cast_possible_truncation)]
            Self::Whole(v as i64)
        } else {
            Self::Decimal(v)
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PointFront {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jaar: Option<i32>,
    pub waarde: Number,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FigureFront {
    pub omschrijving: String,
    pub eenheid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bron: Option<String>,
    #[serde(default)]
    pub reeks: Vec<PointFront>,
}

/// Front matter of `themas/<thema>.md`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemePageFront {
    pub thema: Theme,
    #[serde(default, skip_serializing_if = "is_false")]
    pub voorbeelddata: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cijfers: Vec<FigureFront>,
}
