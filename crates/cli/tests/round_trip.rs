//! import → export gives back the demo files byte for byte; open data exports.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(data: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_watwerkt"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "watwerkt {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["interventies", "werkzame-elementen"] {
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
fn demo_content_round_trips_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let source = tmp.path().join("bron");
    let target = tmp.path().join("doel");
    run(&data, &["demo", "--write-to", source.to_str().unwrap()]);
    let stdout =
        String::from_utf8(run(&data, &["import", source.to_str().unwrap()]).stdout).unwrap();
    assert!(stdout.contains("0 gewijzigd, 0 ongewijzigd"), "{stdout}");
    run(&data, &["export", target.to_str().unwrap()]);

    let a = tree(&source);
    let b = tree(&target);
    assert!(a.len() >= 34, "demo set too small: {}", a.len());
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

    // Importing the same folder again changes nothing.
    let stdout =
        String::from_utf8(run(&data, &["import", source.to_str().unwrap()]).stdout).unwrap();
    assert!(stdout.contains(": 0 nieuw, 0 gewijzigd,"), "{stdout}");
}

#[test]
fn export_refuses_a_non_empty_folder_unless_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let target = tmp.path().join("doel");
    fs::create_dir_all(&target).unwrap();
    fs::write(target.join("mijn-notities.txt"), "belangrijk").unwrap();
    run(&data, &["demo"]);
    let out = Command::new(env!("CARGO_BIN_EXE_watwerkt"))
        .arg("--data-dir")
        .arg(&data)
        .args(["export", target.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("de map is niet leeg"));
    assert_eq!(
        fs::read_to_string(target.join("mijn-notities.txt")).unwrap(),
        "belangrijk"
    );
    run(&data, &["export", "--overwrite", target.to_str().unwrap()]);
    assert!(target.join("interventies").is_dir());
}

#[test]
fn open_data_exports_as_json_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    run(&data, &["demo"]);
    let json_dir = tmp.path().join("json");
    run(
        &data,
        &["export", "--format", "json", json_dir.to_str().unwrap()],
    );
    let text = fs::read_to_string(json_dir.join("interventies.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let items = v.as_array().unwrap();
    assert!(items.len() >= 24);
    assert!(items.iter().all(|i| i["status"] == "gepubliceerd"));
    assert!(items.iter().any(|i| i["rating_status"]["expired"] == true));
    let elements: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(json_dir.join("werkzame-elementen.json")).unwrap(),
    )
    .unwrap();
    assert!(elements.as_array().unwrap().len() >= 8);

    let csv_dir = tmp.path().join("csv");
    run(
        &data,
        &["export", "--format", "csv", csv_dir.to_str().unwrap()],
    );
    let csv = fs::read_to_string(csv_dir.join("interventies.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("slug,titel,themas,"));
    assert_eq!(lines.count(), items.len());
}

#[test]
fn config_defaults_prints_the_reference() {
    let out = Command::new(env!("CARGO_BIN_EXE_watwerkt"))
        .args(["config", "defaults"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("listen = \"127.0.0.1:8080\""));
    assert!(s.contains("data_dir = \"./watwerkt-data\""));
}
