//! `watwerkt import` on bad input: a Dutch message with file and line, a
//! non-zero exit code, and an unchanged database. Runs the real binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    root: PathBuf,
}

impl Env {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let root = tmp.path().to_path_buf();
        let env = Self {
            _tmp: tmp,
            data,
            root,
        };
        assert!(env.run(&["demo"]).status.success(), "demo loads");
        env
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_watwerkt"))
            .arg("--data-dir")
            .arg(&self.data)
            .args(args)
            .env("WATWERKT_LOG", "warn")
            .output()
            .unwrap()
    }

    /// A fresh copy of the demo content to break.
    fn content(&self, name: &str) -> PathBuf {
        let dir = self.root.join(name);
        let out = self.run(&["demo", "--write-to", dir.to_str().unwrap()]);
        assert!(out.status.success());
        dir
    }

    /// Every file of a Markdown export of the database.
    fn snapshot(&self, name: &str) -> Vec<(String, Vec<u8>)> {
        let dir = self.root.join(name);
        let out = self.run(&["export", dir.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        files(&dir)
    }
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["interventies", "werkzame-elementen"] {
        let mut entries: Vec<_> = fs::read_dir(dir.join(sub))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            out.push((
                format!("{sub}/{}", p.file_name().unwrap().to_string_lossy()),
                fs::read(&p).unwrap(),
            ));
        }
    }
    out
}

fn first_intervention(dir: &Path) -> PathBuf {
    let mut v: Vec<_> = fs::read_dir(dir.join("interventies"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v.remove(0)
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).unwrap();
    let new = f(text.clone());
    assert_ne!(text, new, "the edit must change the file");
    fs::write(path, new).unwrap();
}

/// Imports `dir`, expects failure with a message matching `expect` (a
/// `file:line:` prefix and a Dutch phrase), and checks nothing changed.
fn refused(env: &Env, dir: &Path, file_line: &str, phrase: &str) {
    let before = env.snapshot(&format!(
        "voor-{}",
        dir.file_name().unwrap().to_string_lossy()
    ));
    let out = env.run(&["import", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "import must fail; stderr: {stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with(file_line) && l.contains(phrase)),
        "expected a line starting with {file_line:?} containing {phrase:?}, got:\n{stderr}"
    );
    assert!(stderr.contains("er is niets geïmporteerd"), "{stderr}");
    let after = env.snapshot(&format!(
        "na-{}",
        dir.file_name().unwrap().to_string_lossy()
    ));
    assert!(
        before == after,
        "the database changed after a refused import"
    );
}

fn line_of(path: &Path, needle: &str) -> usize {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

fn rel(dir: &Path, path: &Path) -> String {
    format!(
        "interventies/{}",
        path.strip_prefix(dir.join("interventies"))
            .unwrap()
            .display()
    )
}

#[test]
fn malformed_yaml_is_refused_with_its_line() {
    let env = Env::new();
    let dir = env.content("yaml");
    let file = first_intervention(&dir);
    edit(&file, |t| {
        t.replacen("themas:\n", "themas: [eenzaamheid\n", 1)
    });
    let line = line_of(&file, "themas: [eenzaamheid");
    let want = format!("{}:", rel(&dir, &file));
    let before = env.snapshot("yaml-before");
    let out = env.run(&["import", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    let hit = stderr
        .lines()
        .find(|l| l.starts_with(&want))
        .unwrap_or_else(|| panic!("no message for {want}: {stderr}"));
    assert!(hit.contains("YAML"), "{hit}");
    let reported: usize = hit[want.len()..]
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        reported >= line,
        "reported line {reported} lies before the error at {line}"
    );
    assert_eq!(before, env.snapshot("yaml-after"));
}

#[test]
fn an_unknown_theme_is_refused() {
    let env = Env::new();
    let dir = env.content("theme");
    let file = first_intervention(&dir);
    edit(&file, |t| {
        t.replacen("themas:\n- ", "themas:\n- armoede-en-zo\n- ", 1)
    });
    let line = line_of(&file, "- armoede-en-zo");
    refused(
        &env,
        &dir,
        &format!("{}:{line}:", rel(&dir, &file)),
        "onbekend thema 'armoede-en-zo'",
    );
}

#[test]
fn an_unknown_werkzaam_element_is_refused_in_an_intervention_and_a_dossier() {
    let env = Env::new();
    for (folder, file) in [
        ("interventies", first_intervention(&env.content("el-i"))),
        (
            "dossiers",
            env.content("el-d")
                .join("dossiers")
                .join("eenzaamheid-onder-ouderen.md"),
        ),
    ] {
        let dir = file.parent().unwrap().parent().unwrap().to_path_buf();
        edit(&file, |t| {
            t.replacen(
                "werkzame_elementen:\n- ",
                "werkzame_elementen:\n- bestaat-nergens\n- ",
                1,
            )
        });
        let line = line_of(&file, "- bestaat-nergens");
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        refused(
            &env,
            &dir,
            &format!("{folder}/{name}:{line}:"),
            "werkzaam element 'bestaat-nergens' bestaat niet",
        );
    }
}

#[test]
fn a_duplicate_slug_is_refused() {
    let env = Env::new();
    let dir = env.content("dup");
    let file = first_intervention(&dir);
    let copy = dir.join("interventies").join("zz-kopie.md");
    fs::copy(&file, &copy).unwrap();
    let slug = file.file_stem().unwrap().to_string_lossy().into_owned();
    refused(
        &env,
        &dir,
        "interventies/zz-kopie.md:2:",
        &format!("slug '{slug}' komt ook voor in"),
    );
}

#[test]
fn a_rating_ending_before_its_decision_is_refused() {
    let env = Env::new();
    let dir = env.content("rating");
    let mut files: Vec<_> = fs::read_dir(dir.join("interventies"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let file = files
        .into_iter()
        .find(|p| {
            let t = fs::read_to_string(p).unwrap();
            t.contains("  besluit: ") && !t.contains("geldig_tot")
        })
        .unwrap();
    edit(&file, |t| {
        let at = t.find("  besluit: ").unwrap();
        let eol = at + t[at..].find('\n').unwrap() + 1;
        format!("{}  geldig_tot: 2001-01-01\n{}", &t[..eol], &t[eol..])
    });
    let line = line_of(&file, "geldig_tot: 2001-01-01");
    refused(
        &env,
        &dir,
        &format!("{}:{line}:", rel(&dir, &file)),
        "ligt niet na de besluitdatum",
    );
}

#[test]
fn a_missing_required_section_is_refused() {
    let env = Env::new();
    let dir = env.content("section");
    let file = first_intervention(&dir);
    edit(&file, |t| t.replacen("## Onderbouwing\n\n", "", 1));
    let body = fs::read_to_string(&file)
        .unwrap()
        .lines()
        .skip(1)
        .position(|l| l == "---")
        .unwrap()
        + 3;
    refused(
        &env,
        &dir,
        &format!("{}:{body}:", rel(&dir, &file)),
        "verplichte secties ontbreken: Onderbouwing",
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused() {
    let env = Env::new();
    let dir = env.content("utf8");
    let file = first_intervention(&dir);
    let mut bytes = fs::read(&file).unwrap();
    let at = bytes
        .windows(17)
        .position(|w| w == b"## Samenvatting\n\n")
        .unwrap()
        + 17;
    bytes.splice(at..at, [0xff, 0xfe]);
    fs::write(&file, &bytes).unwrap();
    let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    refused(
        &env,
        &dir,
        &format!("{}:{line}:", rel(&dir, &file)),
        "geen geldige UTF-8",
    );
}

#[test]
fn an_empty_folder_is_refused() {
    let env = Env::new();
    let dir = env.root.join("leeg");
    fs::create_dir_all(&dir).unwrap();
    refused(
        &env,
        &dir,
        &dir.display().to_string(),
        "de map bevat geen inhoud",
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let env = Env::new();
    let dir = env.content("many");
    let mut files: Vec<_> = fs::read_dir(dir.join("interventies"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    edit(&files[0], |t| {
        t.replacen("themas:\n- ", "themas:\n- fout-thema\n- ", 1)
    });
    edit(&files[1], |t| t.replacen("## Aanpak\n", "## Aanpakk\n", 1));
    let out = env.run(&["import", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains(&rel(&dir, &files[0])), "{stderr}");
    assert!(stderr.contains("onbekende sectie '## Aanpakk'"), "{stderr}");
}
