//! `watwerkt uitnodigen`: bootstraps the first beheerder without mail. The
//! invitation is queued, its link printed, and a bad role is refused in Dutch.
//! Runs the real binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

fn run(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_watwerkt"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("WATWERKT_LOG", "warn")
        .output()
        .unwrap()
}

#[test]
fn an_invitation_prints_a_single_use_link() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(
        tmp.path(),
        &[
            "uitnodigen",
            "--email",
            "Beheer@Voorbeeld.nl",
            "--rol",
            "beheerder,redacteur",
            "--naam",
            "Eerste Beheerder",
            "--organisatie",
            "Movisie",
        ],
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("beheer@voorbeeld.nl"), "{stdout}");
    let link = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Link: "))
        .expect("a link line");
    let token = link
        .strip_prefix("http://127.0.0.1:8080/uitnodiging/")
        .expect("a site link");
    assert_eq!(token.len(), 43);
    assert!(stdout.contains("wachtrij"), "{stdout}");

    // The same address cannot be invited twice once it has an account; a
    // second invitation before that is allowed (the first link stays valid).
    let again = run(
        tmp.path(),
        &[
            "uitnodigen",
            "--email",
            "beheer@voorbeeld.nl",
            "--rol",
            "beheerder",
            "--naam",
            "B",
            "--organisatie",
            "M",
        ],
    );
    assert!(again.status.success());
}

#[test]
fn an_unknown_role_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(
        tmp.path(),
        &[
            "uitnodigen",
            "--email",
            "a@b.nl",
            "--rol",
            "koning",
            "--naam",
            "A",
            "--organisatie",
            "B",
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("onbekende rol 'koning'"), "{stderr}");
    assert!(!String::from_utf8(out.stdout).unwrap().contains("Link:"));
}
