//! Reading a content folder: every file is checked, every problem reported.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use watwerkt_domain::Slug;
use watwerkt_store::{ContentBatch, DossierBatch};

use super::dossier_parse::{parse_dossier, parse_theme_page};
use super::parse::{parse_active_element, parse_intervention, parse_publication};
use super::problem::{Problem, Problems};
use super::{
    ACTIVE_ELEMENTS_DIR, DOSSIERS_DIR, INTERVENTIONS_DIR, PUBLICATIONS_DIR, THEME_PAGES_DIR,
};

/// A content folder that passed every check.
#[derive(Debug, Clone)]
pub struct LoadedContent {
    /// What to store.
    pub batch: ContentBatch,
    /// Dossiers and theme pages, stored in the same transaction.
    pub dossiers: DossierBatch,
}

/// One file to read: its display name, slug from the file name, and path.
struct Entry {
    name: String,
    stem: String,
    path: PathBuf,
}

fn list_md(dir: &Path, sub: &str, problems: &mut Vec<Problem>) -> Vec<Entry> {
    let folder = dir.join(sub);
    if !folder.exists() {
        return Vec::new();
    }
    let read = match fs::read_dir(&folder) {
        Ok(r) => r,
        Err(e) => {
            problems.push(Problem::whole(
                folder.display().to_string(),
                format!("map kan niet gelezen worden: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut out: Vec<Entry> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
        .map(|path| {
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Entry {
                name: format!("{sub}/{file_name}"),
                stem: file_name.trim_end_matches(".md").to_string(),
                path,
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn read_text(entry: &Entry, problems: &mut Vec<Problem>) -> Option<String> {
    let bytes = match fs::read(&entry.path) {
        Ok(b) => b,
        Err(e) => {
            problems.push(Problem::whole(
                &entry.name,
                format!("bestand kan niet gelezen worden: {e}"),
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(t) => Some(t),
        Err(e) => {
            let upto = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..upto].iter().filter(|b| **b == b'\n').count() + 1;
            problems.push(Problem::new(
                &entry.name,
                line,
                format!(
                    "het bestand is geen geldige UTF-8-tekst (ongeldige byte 0x{:02x}); \
                     sla het op als UTF-8",
                    bytes.get(upto).copied().unwrap_or(0)
                ),
            ));
            None
        }
    }
}

/// Reports a slug that an earlier file of the same kind already declared. Looks
/// at the declared `slug:` line itself, so it works even when the file has
/// other problems.
fn check_duplicate(
    entry: &Entry,
    text: &str,
    seen: &mut BTreeMap<String, String>,
    problems: &mut Vec<Problem>,
) {
    let declared = text
        .lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, l)| l.trim_end() != "---")
        .find_map(|(n, l)| {
            l.strip_prefix("slug:")
                .map(|v| (n + 1, v.trim().to_string()))
        });
    if let Some((line, slug)) = declared {
        if let Some(first) = seen.get(&slug) {
            problems.push(Problem::new(
                &entry.name,
                line,
                format!(
                    "slug '{slug}' komt ook voor in {first}; elke slug mag maar één keer voorkomen"
                ),
            ));
        } else {
            seen.insert(slug, entry.name.clone());
        }
    }
}

/// Reads and checks every file of a content folder. `known_elements` are the
/// werkzame elementen already stored, which interventions may point to.
/// `progress(done, total)` is called after each file.
pub fn load_dir(
    dir: &Path,
    known_elements: &BTreeSet<String>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<LoadedContent, Problems> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(Problems(vec![Problem::whole(
            shown,
            "deze map bestaat niet (of is geen map)",
        )]));
    }
    let mut problems = Vec::new();
    let element_files = list_md(dir, ACTIVE_ELEMENTS_DIR, &mut problems);
    let intervention_files = list_md(dir, INTERVENTIONS_DIR, &mut problems);
    let publication_files = list_md(dir, PUBLICATIONS_DIR, &mut problems);
    let dossier_files = list_md(dir, DOSSIERS_DIR, &mut problems);
    let theme_files = list_md(dir, THEME_PAGES_DIR, &mut problems);
    let total = element_files.len()
        + intervention_files.len()
        + publication_files.len()
        + dossier_files.len()
        + theme_files.len();
    if total == 0 && problems.is_empty() {
        return Err(Problems(vec![Problem::whole(
            shown,
            format!(
                "de map bevat geen inhoud: geen .md-bestanden in {INTERVENTIONS_DIR}/, \
                 {ACTIVE_ELEMENTS_DIR}/, {PUBLICATIONS_DIR}/, {DOSSIERS_DIR}/ of \
                 {THEME_PAGES_DIR}/ (zie docs/CONTENT-FORMAT.md)"
            ),
        )]));
    }

    let mut batch = ContentBatch::default();
    let mut done = 0;
    let mut element_origin: BTreeMap<String, String> = BTreeMap::new();
    for entry in &element_files {
        if let Some(text) = read_text(entry, &mut problems) {
            check_duplicate(entry, &text, &mut element_origin, &mut problems);
            match parse_active_element(&entry.name, Some(&entry.stem), &text) {
                Ok(el) => batch.active_elements.push(el),
                Err(p) => problems.extend(p),
            }
        }
        done += 1;
        progress(done, total);
    }

    let mut origin: BTreeMap<String, String> = BTreeMap::new();
    for entry in &intervention_files {
        if let Some(text) = read_text(entry, &mut problems) {
            check_duplicate(entry, &text, &mut origin, &mut problems);
            match parse_intervention(&entry.name, Some(&entry.stem), &text) {
                Ok(i) => {
                    let known =
                        |el: &str| element_origin.contains_key(el) || known_elements.contains(el);
                    check_elements(entry, &text, &i.active_elements, known, &mut problems);
                    batch.interventions.push(i);
                }
                Err(p) => problems.extend(p),
            }
        }
        done += 1;
        progress(done, total);
    }

    let mut origin: BTreeMap<String, String> = BTreeMap::new();
    for entry in &publication_files {
        if let Some(text) = read_text(entry, &mut problems) {
            check_duplicate(entry, &text, &mut origin, &mut problems);
            match parse_publication(&entry.name, Some(&entry.stem), &text) {
                Ok(p) => batch.publications.push(p),
                Err(p) => problems.extend(p),
            }
        }
        done += 1;
        progress(done, total);
    }

    let mut dossiers = DossierBatch::default();
    let mut origin: BTreeMap<String, String> = BTreeMap::new();
    for entry in &dossier_files {
        if let Some(text) = read_text(entry, &mut problems) {
            check_duplicate(entry, &text, &mut origin, &mut problems);
            match parse_dossier(&entry.name, Some(&entry.stem), &text) {
                Ok(d) => {
                    let known =
                        |el: &str| element_origin.contains_key(el) || known_elements.contains(el);
                    check_elements(entry, &text, &d.active_elements, known, &mut problems);
                    dossiers.dossiers.push(d);
                }
                Err(p) => problems.extend(p),
            }
        }
        done += 1;
        progress(done, total);
    }
    for entry in &theme_files {
        if let Some(text) = read_text(entry, &mut problems) {
            match parse_theme_page(&entry.name, Some(&entry.stem), &text) {
                Ok(p) => dossiers.theme_pages.push(p),
                Err(p) => problems.extend(p),
            }
        }
        done += 1;
        progress(done, total);
    }

    if problems.is_empty() {
        Ok(LoadedContent { batch, dossiers })
    } else {
        Err(Problems(problems))
    }
}

/// A problem for each werkzaam element `elements` names that `known` does not
/// know, at the line of the file that lists it.
fn check_elements(
    entry: &Entry,
    text: &str,
    elements: &[Slug],
    known: impl Fn(&str) -> bool,
    problems: &mut Vec<Problem>,
) {
    for el in elements.iter().map(Slug::as_str).filter(|el| !known(el)) {
        let line = text
            .lines()
            .position(|l| l.trim().strip_prefix("- ") == Some(el))
            .map_or(1, |n| n + 1);
        problems.push(Problem::new(
            &entry.name,
            line,
            format!(
                "werkzaam element '{el}' bestaat niet; voeg \
                 {ACTIVE_ELEMENTS_DIR}/{el}.md toe of corrigeer de slug"
            ),
        ));
    }
}
