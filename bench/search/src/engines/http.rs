//! watwerkt as a user meets it: the corpus imported through `watwerkt import`
//! (the real import path: Markdown files, one transaction, index after commit),
//! served by `watwerkt serve`, and queried over HTTP on `/api/v1/search`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::http_client::{encode, Conn};
use crate::contestant::{dir_size, Client, Contestant};
use crate::corpus::BenchDoc;

/// The `watwerkt` binary driven over HTTP.
pub struct Http {
    bin: PathBuf,
    work: PathBuf,
    addr: String,
    server: Option<Child>,
}

impl Http {
    /// Uses the binary `bin`, the folder `work` and the address `addr`.
    pub fn new(bin: PathBuf, work: PathBuf, addr: String) -> Self {
        Http {
            bin,
            work,
            addr,
            server: None,
        }
    }

    fn data_dir(&self) -> PathBuf {
        self.work.join("data")
    }

    fn content_dir(&self) -> PathBuf {
        self.work.join("inhoud")
    }
}

/// A YAML double-quoted scalar (a JSON string is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn write_content(dir: &Path, docs: &[BenchDoc]) -> anyhow::Result<()> {
    let pdir = dir.join("publicaties");
    std::fs::create_dir_all(&pdir)?;
    for d in docs {
        let slug = d.id.to_lowercase();
        let mut f =
            std::io::BufWriter::new(std::fs::File::create(pdir.join(format!("{slug}.md")))?);
        // A law without any title is named by its id, as a person would.
        let title = if d.title.trim().is_empty() {
            &d.id
        } else {
            &d.title
        };
        writeln!(f, "---\nslug: {slug}\ntitel: {}", quoted(title))?;
        writeln!(f, "type: regelgeving\nstatus: gepubliceerd")?;
        writeln!(f, "link: https://wetten.overheid.nl/{}\n---", d.id)?;
        let body = [d.summary.trim(), d.body.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n\n");
        if !body.is_empty() {
            writeln!(f, "\n{body}")?;
        }
        f.flush()?;
    }
    Ok(())
}

impl Contestant for Http {
    fn name(&self) -> String {
        "watwerkt HTTP API (import + serve)".into()
    }

    fn variant(&self) -> &'static str {
        "items only: facetten=nee&fragmenten=nee"
    }

    fn note(&self) -> String {
        "the whole stack: Markdown import, SQLite, index after commit, axum, JSON".into()
    }

    fn index(&mut self, docs: &[BenchDoc]) -> anyhow::Result<()> {
        let _ = std::fs::remove_dir_all(&self.work);
        let t = Instant::now();
        write_content(&self.content_dir(), docs)?;
        println!(
            "  content folder written in {:.1}s",
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let out = Command::new(&self.bin)
            .arg("--data-dir")
            .arg(self.data_dir())
            .arg("import")
            .arg(self.content_dir())
            .env("WATWERKT_LOG", "warn")
            .output()?;
        anyhow::ensure!(
            out.status.success(),
            "watwerkt import failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        println!(
            "  watwerkt import (parse, store, index): {:.1}s",
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let log = std::fs::File::create(self.work.join("serve.log"))?;
        let server = Command::new(&self.bin)
            .arg("--data-dir")
            .arg(self.data_dir())
            .args(["serve", "--listen", &self.addr])
            .env("WATWERKT_LOG", "info")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()?;
        self.server = Some(server);
        let mut conn = Conn::new(&self.addr);
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if conn.get("/api/v1/search?q=wet&per_page=1").is_ok() {
                break;
            }
            anyhow::ensure!(Instant::now() < deadline, "watwerkt serve did not answer");
            std::thread::sleep(Duration::from_millis(50));
        }
        println!(
            "  watwerkt serve: first answer after {:.1}s (log: {})",
            t.elapsed().as_secs_f64(),
            self.work.join("serve.log").display()
        );
        Ok(())
    }

    fn size_bytes(&self) -> anyhow::Result<u64> {
        dir_size(&self.data_dir().join("zoekindex"))
    }

    fn client(&self) -> anyhow::Result<Box<dyn Client>> {
        Ok(Box::new(HttpClient {
            conn: Conn::new(&self.addr),
            lean: true,
        }))
    }

    fn page_client(&self) -> Option<anyhow::Result<Box<dyn Client>>> {
        Some(Ok(Box::new(HttpClient {
            conn: Conn::new(&self.addr),
            lean: false,
        })))
    }

    fn floor_client(&self) -> Option<anyhow::Result<Box<dyn Client>>> {
        Some(Ok(Box::new(FloorClient {
            conn: Conn::new(&self.addr),
        })))
    }

    fn ours(&self) -> bool {
        true
    }
}

/// An items-only client (what the benchmark's first HTTP row asks) of a
/// server already running at `addr`.
pub fn items_client(addr: &str) -> Box<dyn Client> {
    Box::new(HttpClient {
        conn: Conn::new(addr),
        lean: true,
    })
}

/// The HTTP floor: `/api/v1/suggest` with nothing typed answers `[]` through
/// the same router, query parsing and JSON, without touching the index.
struct FloorClient {
    conn: Conn,
}

impl Client for FloorClient {
    fn query(&mut self, _q: &str, _k: usize) -> anyhow::Result<Vec<String>> {
        let body = self.conn.get("/api/v1/suggest?q=")?;
        anyhow::ensure!(
            body == b"[]",
            "unexpected floor answer {}",
            String::from_utf8_lossy(body)
        );
        Ok(Vec::new())
    }
}

impl Drop for Http {
    fn drop(&mut self) {
        if let Some(mut s) = self.server.take() {
            let _ = s.kill();
            let _ = s.wait();
        }
    }
}

struct HttpClient {
    conn: Conn,
    /// `facetten=nee&fragmenten=nee`: items only, as a machine client asks.
    lean: bool,
}

impl Client for HttpClient {
    fn query(&mut self, q: &str, k: usize) -> anyhow::Result<Vec<String>> {
        let mut path = format!("/api/v1/search?q={}&per_page={k}", encode(q));
        if self.lean {
            path.push_str("&facetten=nee&fragmenten=nee");
        }
        // Only the ids of the answer are read (serde skips the rest without
        // building it), as a client that wants the ids would.
        let page: Page = serde_json::from_slice(self.conn.get(&path)?)?;
        Ok(page
            .items
            .into_iter()
            .map(|i| i.id.to_uppercase())
            .collect())
    }
}

#[derive(serde::Deserialize)]
struct Page {
    items: Vec<Item>,
}

#[derive(serde::Deserialize)]
struct Item {
    id: String,
}
