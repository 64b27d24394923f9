//! Domain → text: the canonical file form. `parse(write(x)) == x`, and a file in
//! canonical form is written back byte for byte.

use watwerkt_domain::section::IMPLEMENTATION_HEADING;
use watwerkt_domain::{ActiveElement, Coded, Intervention, Publication, Section};

use super::front_matter::{
    ActiveElementFront, Amount, ApproachFront, AttachmentFront, ContactFront, CostsFront,
    GoalsFront, InterventionFront, OwnerFront, PublicationFront, RatingFront, StudyFront,
    TargetGroupFront,
};

fn yaml<T: serde::Serialize>(value: &T) -> String {
    // Serialising these plain structs of strings, numbers and lists cannot fail.
    serde_yaml_ng::to_string(value).unwrap_or_default()
}

fn amount(cents: u64) -> Amount {
    if cents.is_multiple_of(100) {
        Amount::Whole(cents / 100)
    } else {
        // Cents below 2^53 are exact in f64.
        #[allow(clippy::cast_precision_loss)]
        Amount::Decimal(cents as f64 / 100.0)
    }
}

fn front(i: &Intervention) -> InterventionFront {
    InterventionFront {
        slug: i.slug.to_string(),
        titel: i.title.clone(),
        status: i.status,
        voorbeelddata: i.example_data,
        themas: i.themes.clone(),
        doelgroep: TargetGroupFront {
            leeftijd: i.target_group.age_bands.clone(),
            groepen: i.target_group.groups.clone(),
        },
        doel: GoalsFront {
            hoofddoel: i.goals.main.clone(),
            subdoelen: i.goals.sub.clone(),
        },
        aanpak: ApproachFront {
            activiteiten: i.approach.activities.clone(),
            duur: i.approach.duration.clone(),
            intensiteit: i.approach.intensity.clone(),
        },
        kosten: i.costs.map(|c| CostsFront {
            bedrag: amount(c.amount_cents),
            per: c.per,
        }),
        eigenaar: OwnerFront {
            organisatie: i.owner.organisation.clone(),
            website: i.owner.website.clone(),
        },
        contact: ContactFront {
            naam: i.contact.name.clone(),
            email: i.contact.email.clone(),
            telefoon: i.contact.phone.clone(),
        },
        werkzame_elementen: i.active_elements.iter().map(ToString::to_string).collect(),
        oordeel: i.rating.as_ref().map(|r| RatingFront {
            niveau: r.level,
            besluit: r.decided_on,
            geldig_tot: r.valid_until,
        }),
        onderzoek: i
            .research
            .iter()
            .map(|s| StudyFront {
                opzet: s.design.clone(),
                jaar: s.year,
                referentie: s.reference.clone(),
                bevinding: s.finding.clone(),
            })
            .collect(),
    }
}

/// The canonical Markdown file of an intervention.
pub fn write_intervention(i: &Intervention) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut implementation_open = false;
    for s in Section::ALL {
        let Some(text) = i.description.get(*s) else {
            continue;
        };
        if s.is_implementation_part() {
            if !implementation_open {
                blocks.push(format!("## {IMPLEMENTATION_HEADING}"));
                implementation_open = true;
            }
            blocks.push(format!("### {}", s.label()));
        } else {
            blocks.push(format!("## {}", s.label()));
        }
        blocks.push(text.to_string());
    }
    format!("---\n{}---\n\n{}\n", yaml(&front(i)), blocks.join("\n\n"))
}

/// The canonical Markdown file of a werkzaam element.
pub fn write_active_element(e: &ActiveElement) -> String {
    let front = ActiveElementFront {
        slug: e.slug.to_string(),
        naam: e.name.clone(),
        voorbeelddata: e.example_data,
    };
    format!("---\n{}---\n\n{}\n", yaml(&front), e.description)
}

/// The canonical Markdown file of a publication.
pub fn write_publication(p: &Publication) -> String {
    let front = PublicationFront {
        slug: p.slug.to_string(),
        titel: p.title.clone(),
        soort: p.kind,
        status: p.status,
        voorbeelddata: p.example_data,
        jaar: p.year,
        auteurs: p.authors.clone(),
        themas: p.themes.clone(),
        link: p.link.clone(),
        bijlage: p.attachment.as_ref().map(|a| AttachmentFront {
            bestand: a.file_name.clone(),
            grootte: Some(a.size),
            sha256: Some(a.sha256.clone()),
        }),
    };
    if p.body.is_empty() {
        format!("---\n{}---\n", yaml(&front))
    } else {
        format!("---\n{}---\n\n{}\n", yaml(&front), p.body)
    }
}
