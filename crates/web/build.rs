//! Installs the NL Design System CSS (`@utrecht/component-library-css`) with
//! `npm ci` into `OUT_DIR` and prepares the one stylesheet the binary embeds.
//!
//! The package is pinned in `assets/package.json` + `assets/package-lock.json`
//! (committed); `node_modules` never enters the repository. The result is
//! `$OUT_DIR/utrecht.css` (component CSS followed by the `utrecht-html` CSS for
//! rendered Markdown) and `$OUT_DIR/utrecht-version.txt`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const PACKAGE: &str = "@utrecht/component-library-css";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/package.json");
    println!("cargo:rerun-if-changed=assets/package-lock.json");
    println!("cargo:rerun-if-env-changed=WATWERKT_NPM");
    if let Err(message) = run() {
        eprintln!("\nerror: watwerkt-web could not prepare its CSS\n\n{message}\n");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(env("OUT_DIR")?);
    let assets = manifest_dir.join("assets");
    let npm_dir = out_dir.join("npm");
    fs::create_dir_all(&npm_dir)
        .map_err(|e| format!("cannot create {}: {e}", npm_dir.display()))?;

    let lock = read(&assets.join("package-lock.json"))?;
    let manifest = read(&assets.join("package.json"))?;
    let dist = npm_dir.join("node_modules").join(PACKAGE).join("dist");
    let installed_lock = fs::read_to_string(npm_dir.join("package-lock.json")).ok();
    let up_to_date = installed_lock.as_deref() == Some(lock.as_str())
        && fs::read_to_string(npm_dir.join("package.json"))
            .ok()
            .as_deref()
            == Some(manifest.as_str())
        && dist.join("index.css").is_file();
    if !up_to_date {
        write(&npm_dir.join("package.json"), &manifest)?;
        write(&npm_dir.join("package-lock.json"), &lock)?;
        npm_ci(&npm_dir)?;
    }

    let components = read(&dist.join("index.css"))?;
    let html = read(&dist.join("html.css"))?;
    let version = package_version(&read(
        &npm_dir
            .join("node_modules")
            .join(PACKAGE)
            .join("package.json"),
    )?)?;
    let css = format!(
        "/* {PACKAGE} {version} (EUPL-1.2), installed by watwerkt-web's build.rs */\n{components}\n{html}\n"
    );
    write(&out_dir.join("utrecht.css"), &css)?;
    write(&out_dir.join("utrecht-version.txt"), &version)?;
    Ok(())
}

fn npm_ci(dir: &Path) -> Result<(), String> {
    let npm = std::env::var("WATWERKT_NPM")
        .unwrap_or_else(|_| if cfg!(windows) { "npm.cmd" } else { "npm" }.to_owned());
    let output = Command::new(&npm)
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .output()
        .map_err(|e| {
            format!(
                "running `{npm} ci` failed: {e}\n\
                 Install Node.js with npm (https://nodejs.org), or point WATWERKT_NPM at npm."
            )
        })?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "`{npm} ci --ignore-scripts --no-audit --no-fund` in {} failed ({}).\n\
         It installs {PACKAGE} as pinned in crates/web/assets/package-lock.json.\n\
         --- npm stdout ---\n{}\n--- npm stderr ---\n{}",
        dir.display(),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    ))
}

/// The `"version"` of a package.json, without a JSON parser.
fn package_version(manifest: &str) -> Result<String, String> {
    let key = "\"version\"";
    let start = manifest
        .find(key)
        .ok_or_else(|| format!("no version in the package.json of {PACKAGE}"))?;
    let rest = &manifest[start + key.len()..];
    let value = rest
        .split('"')
        .nth(1)
        .ok_or_else(|| format!("unreadable version in the package.json of {PACKAGE}"))?;
    Ok(value.to_owned())
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("cargo did not set {name}"))
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
