//! Writing content out: the Markdown folder, and open data (JSON, CSV).

use std::fs;
use std::path::Path;

use serde::Serialize;
use watwerkt_domain::{ActiveElement, Coded, Intervention, Publication};

use super::write::{write_active_element, write_intervention, write_publication};
use super::{ACTIVE_ELEMENTS_DIR, INTERVENTIONS_DIR, PUBLICATIONS_DIR};
use crate::views::RatingView;
use crate::AppError;

/// Open-data file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenDataFormat {
    /// `interventies.json` and `werkzame-elementen.json`.
    Json,
    /// `interventies.csv` (one row per intervention).
    Csv,
}

fn io_err(path: &Path, e: &std::io::Error) -> AppError {
    AppError::Invalid(format!("{}: kan niet schrijven: {e}", path.display()))
}

/// Makes sure `dir` exists and is empty (unless `overwrite`), so that an
/// export never silently mixes with or replaces other files.
fn prepare(dir: &Path, overwrite: bool) -> Result<(), AppError> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(AppError::Invalid(format!(
                "{}: bestaat al en is geen map",
                dir.display()
            )));
        }
        let not_empty = fs::read_dir(dir)
            .map_err(|e| io_err(dir, &e))?
            .next()
            .is_some();
        if not_empty && !overwrite {
            return Err(AppError::Invalid(format!(
                "{}: de map is niet leeg; kies een lege map of gebruik --overwrite",
                dir.display()
            )));
        }
    }
    fs::create_dir_all(dir).map_err(|e| io_err(dir, &e))
}

fn write_file(path: &Path, content: &[u8]) -> Result<(), AppError> {
    fs::write(path, content).map_err(|e| io_err(path, &e))
}

/// Writes publications in the canonical form (called per page, so a large
/// corpus is never held in memory at once). The folder is made when needed.
pub fn export_publications(dir: &Path, publications: &[Publication]) -> Result<usize, AppError> {
    let pdir = dir.join(PUBLICATIONS_DIR);
    fs::create_dir_all(&pdir).map_err(|e| io_err(&pdir, &e))?;
    for p in publications {
        write_file(
            &pdir.join(format!("{}.md", p.slug)),
            write_publication(p).as_bytes(),
        )?;
    }
    Ok(publications.len())
}

/// Writes every item in the canonical Markdown form.
pub fn export_markdown(
    dir: &Path,
    interventions: &[Intervention],
    elements: &[ActiveElement],
    overwrite: bool,
) -> Result<usize, AppError> {
    prepare(dir, overwrite)?;
    let idir = dir.join(INTERVENTIONS_DIR);
    let edir = dir.join(ACTIVE_ELEMENTS_DIR);
    fs::create_dir_all(&idir).map_err(|e| io_err(&idir, &e))?;
    fs::create_dir_all(&edir).map_err(|e| io_err(&edir, &e))?;
    for e in elements {
        write_file(
            &edir.join(format!("{}.md", e.slug)),
            write_active_element(e).as_bytes(),
        )?;
    }
    for i in interventions {
        write_file(
            &idir.join(format!("{}.md", i.slug)),
            write_intervention(i).as_bytes(),
        )?;
    }
    Ok(interventions.len() + elements.len())
}

/// The rating as published in open data.
#[derive(Debug, Serialize)]
struct OpenRating {
    level: &'static str,
    label: &'static str,
    numeral: &'static str,
    decided_on: chrono::NaiveDate,
    valid_until: chrono::NaiveDate,
    expired: bool,
}

impl From<&RatingView> for OpenRating {
    fn from(r: &RatingView) -> Self {
        Self {
            level: r.level.code(),
            label: r.level.label(),
            numeral: r.level.numeral(),
            decided_on: r.decided_on,
            valid_until: r.valid_until,
            expired: r.expired,
        }
    }
}

#[derive(Debug, Serialize)]
struct OpenIntervention<'a> {
    #[serde(flatten)]
    intervention: &'a Intervention,
    rating_status: Option<OpenRating>,
}

fn pretty<T: Serialize>(value: &T) -> Result<String, AppError> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| AppError::Internal(format!("json: {e}")))?;
    s.push('\n');
    Ok(s)
}

fn join<T: Coded>(items: &[T]) -> String {
    items.iter().map(|t| t.code()).collect::<Vec<_>>().join(";")
}

/// Writes the published interventions (with their rating as viewed today) and
/// all werkzame elementen as open data.
pub fn export_open_data(
    dir: &Path,
    format: OpenDataFormat,
    interventions: &[(Intervention, Option<RatingView>)],
    elements: &[ActiveElement],
    overwrite: bool,
) -> Result<usize, AppError> {
    prepare(dir, overwrite)?;
    match format {
        OpenDataFormat::Json => {
            let records: Vec<_> = interventions
                .iter()
                .map(|(i, r)| OpenIntervention {
                    intervention: i,
                    rating_status: r.as_ref().map(OpenRating::from),
                })
                .collect();
            write_file(&dir.join("interventies.json"), pretty(&records)?.as_bytes())?;
            write_file(
                &dir.join("werkzame-elementen.json"),
                pretty(&elements)?.as_bytes(),
            )?;
        }
        OpenDataFormat::Csv => {
            let path = dir.join("interventies.csv");
            let mut w = csv::Writer::from_writer(Vec::new());
            let header = [
                "slug",
                "titel",
                "themas",
                "doelgroepen",
                "leeftijd",
                "erkenningsniveau",
                "niveau",
                "besluit",
                "erkend_tot",
                "verlopen",
                "kosten_euro",
                "kosten_per",
                "eigenaar",
                "werkzame_elementen",
                "voorbeelddata",
            ];
            let csv_err = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
            w.write_record(header).map_err(csv_err)?;
            for (i, r) in interventions {
                let (level, numeral, decided, until, expired) = match r {
                    Some(r) => (
                        r.level.code().to_string(),
                        r.level.numeral().to_string(),
                        r.decided_on.to_string(),
                        r.valid_until.to_string(),
                        if r.expired { "ja" } else { "nee" }.to_string(),
                    ),
                    None => Default::default(),
                };
                let (amount, per) = i.costs.map_or((String::new(), String::new()), |c| {
                    (
                        format!("{}.{:02}", c.amount_cents / 100, c.amount_cents % 100),
                        c.per.code().to_string(),
                    )
                });
                let elements = i
                    .active_elements
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(";");
                w.write_record([
                    i.slug.as_str(),
                    &i.title,
                    &join(&i.themes),
                    &join(&i.target_group.groups),
                    &join(&i.target_group.age_bands),
                    &level,
                    &numeral,
                    &decided,
                    &until,
                    &expired,
                    &amount,
                    &per,
                    &i.owner.organisation,
                    &elements,
                    if i.example_data { "ja" } else { "nee" },
                ])
                .map_err(csv_err)?;
            }
            let bytes = w
                .into_inner()
                .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
            write_file(&path, &bytes)?;
        }
    }
    Ok(interventions.len())
}
