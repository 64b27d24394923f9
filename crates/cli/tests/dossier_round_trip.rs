//! Dossiers, theme pages and publication PDFs: import → export gives the
//! files back byte for byte; a bad dossier refuses the whole import with
//! `file:line: message`. Runs the real binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn watwerkt(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_watwerkt"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("WATWERKT_LOG", "warn")
        .output()
        .unwrap()
}

fn run(data: &Path, args: &[&str]) -> String {
    let out = watwerkt(data, args);
    assert!(
        out.status.success(),
        "watwerkt {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["dossiers", "themas", "publicaties"] {
        for e in fs::read_dir(dir.join(sub)).unwrap() {
            let p = e.unwrap().path();
            out.push((
                p.strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(&p).unwrap(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn dossiers_theme_pages_and_pdfs_round_trip_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let source = tmp.path().join("bron");
    let target = tmp.path().join("doel");
    run(&data, &["demo", "--write-to", source.to_str().unwrap()]);
    run(&data, &["import", source.to_str().unwrap()]);
    run(&data, &["export", target.to_str().unwrap()]);

    let a = tree(&source);
    let b = tree(&target);
    assert!(
        a.iter().filter(|(p, _)| p.starts_with("dossiers")).count() >= 6,
        "at least 6 demo dossiers"
    );
    assert!(a
        .iter()
        .any(|(p, _)| p.extension().is_some_and(|x| x == "pdf")));
    assert_eq!(
        a.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        b.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(
            x == y,
            "{} differs after import → export:\n--- bron\n{}\n--- export\n{}",
            path.display(),
            String::from_utf8_lossy(x),
            String::from_utf8_lossy(y)
        );
    }
    // The PDFs live in the data directory under their hash.
    let stored: Vec<String> = fs::read_dir(data.join("bestanden"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(stored.len(), 3, "{stored:?}");

    // Importing again changes nothing; a changed dossier becomes a new version.
    let stdout = run(&data, &["import", source.to_str().unwrap()]);
    assert!(stdout.contains(": 0 nieuw, 0 gewijzigd,"), "{stdout}");
    let file = source.join("dossiers/dementie-thuis-blijven-wonen.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace(
            "laatst_beoordeeld: 2025-08-30",
            "laatst_beoordeeld: 2026-01-15",
        ),
    )
    .unwrap();
    let stdout = run(&data, &["import", source.to_str().unwrap()]);
    assert!(stdout.contains(": 0 nieuw, 1 gewijzigd,"), "{stdout}");
}

#[test]
fn a_bad_dossier_or_attachment_refuses_the_whole_import() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let source = tmp.path().join("bron");
    run(&data, &["demo", "--write-to", source.to_str().unwrap()]);

    // A new intervention that would be imported if the rest were right...
    let new_element = source.join("werkzame-elementen/nieuw-element.md");
    fs::write(
        &new_element,
        "---\nslug: nieuw-element\nnaam: Nieuw element\n---\n\nOmschrijving.\n",
    )
    .unwrap();
    // ...a claim without source, a source without kennisbron, a figure
    // without year.
    let d = source.join("dossiers/eenzaamheid-onder-ouderen.md");
    let good_dossier = fs::read_to_string(&d).unwrap();
    let text = good_dossier.clone();
    let text = text.replacen("  bronnen:\n  - monitor-2024\n", "", 1);
    let text = text.replacen("    kennisbron: praktijk\n", "", 1);
    fs::write(&d, text).unwrap();
    let t = source.join("themas/ouderen.md");
    let good_theme = fs::read_to_string(&t).unwrap();
    fs::write(
        &t,
        good_theme.replacen("  - jaar: 2010\n    waarde", "  - waarde", 1),
    )
    .unwrap();

    let out = watwerkt(&data, &["import", source.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "dossiers/eenzaamheid-onder-ouderen.md:12: de uitspraak 'Ongeveer een op de tien ouderen voelt zich sterk eenzaam;...' noemt geen bron",
        "heeft geen kennisbron; kies wetenschappelijk, praktijk of ervaring",
        "themas/ouderen.md:5: cijfer 'Inwoners van 75 jaar en ouder' heeft een waarde zonder jaar",
        "dossiers/eenzaamheid-onder-ouderen.md:53: bron 'wijkteams-2023' heeft geen kennisbron",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in:\n{stderr}");
    }

    // With the text right again, a PDF that is not one still refuses everything.
    fs::write(&d, good_dossier).unwrap();
    fs::write(&t, good_theme).unwrap();
    fs::write(
        source.join("publicaties/rapport-schulden-en-stress.pdf"),
        b"MZ dit is geen pdf",
    )
    .unwrap();
    let out = watwerkt(&data, &["import", source.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "publicaties/rapport-schulden-en-stress.md: bijlage 'rapport-schulden-en-stress.pdf': \
             het bestand is geen PDF: de inhoud begint niet met %PDF-"
        ),
        "{stderr}"
    );
    // Nothing was stored: not even the new element from the same folder.
    let export = tmp.path().join("doel");
    run(&data, &["export", export.to_str().unwrap()]);
    assert!(!export.join("werkzame-elementen/nieuw-element.md").exists());
}
