//! A real SMTP server for tests: Python's `aiosmtpd` on 127.0.0.1, with a
//! small handler that writes every received message as JSON (recipients,
//! decoded subject and plain-text body) into a temporary directory.
//!
//! If `aiosmtpd` is not importable, it is installed once into
//! `<workspace>/target/pydeps` with pip (a lock file keeps parallel tests
//! from racing) and used from there, so `cargo test` works on a fresh machine.

use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;
use tempfile::TempDir;

/// The handler: one JSON file per message, written atomically.
const HANDLER: &str = r#"
import asyncio, email, email.policy, json, os, sys, time
from aiosmtpd.controller import Controller

port, out = int(sys.argv[1]), sys.argv[2]

class Sink:
    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        data = {
            "mail_from": envelope.mail_from,
            "rcpt_to": list(envelope.rcpt_tos),
            "to": str(msg.get("to", "")),
            "from": str(msg.get("from", "")),
            "subject": str(msg.get("subject", "")),
            "body": body.get_content() if body is not None else "",
        }
        name = os.path.join(out, "%020d.json" % time.time_ns())
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.rename(name + ".tmp", name)
        return "250 Message accepted"

controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
"#;

/// One received message.
#[derive(Debug, Clone, Deserialize)]
pub struct ReceivedMail {
    /// Envelope sender.
    pub mail_from: String,
    /// Envelope recipients.
    pub rcpt_to: Vec<String>,
    /// `To:` header.
    pub to: String,
    /// `From:` header.
    pub from: String,
    /// Decoded subject.
    pub subject: String,
    /// Decoded plain-text body.
    pub body: String,
}

impl ReceivedMail {
    /// The first `https?://…` link in the body that contains `path_part`.
    pub fn link_containing(&self, path_part: &str) -> Option<String> {
        self.body
            .split_whitespace()
            .find(|w| {
                (w.starts_with("http://") || w.starts_with("https://")) && w.contains(path_part)
            })
            .map(str::to_owned)
    }
}

/// A running SMTP sink.
pub struct SmtpSink {
    child: Option<Child>,
    port: u16,
    dir: TempDir,
}

fn workspace_target() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target")
}

fn python_can_import(pythonpath: Option<&Path>) -> bool {
    let mut cmd = Command::new("python3");
    cmd.args(["-c", "import aiosmtpd"]);
    if let Some(p) = pythonpath {
        cmd.env("PYTHONPATH", p);
    }
    cmd.stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Where aiosmtpd can be imported from: `None` for the system Python,
/// otherwise the directory to put on `PYTHONPATH` (installing it there once).
fn aiosmtpd_path() -> Option<PathBuf> {
    if python_can_import(None) {
        return None;
    }
    let target = workspace_target();
    std::fs::create_dir_all(&target).expect("target directory");
    let deps = target.join("pydeps");
    if python_can_import(Some(&deps)) {
        return Some(deps);
    }
    let lock = target.join("pydeps.lock");
    let started = Instant::now();
    loop {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)
        {
            Ok(mut f) => {
                let _ = writeln!(f, "{}", std::process::id());
                break;
            }
            Err(_) if python_can_import(Some(&deps)) => return Some(deps),
            Err(_) if started.elapsed() > Duration::from_secs(300) => {
                // A crashed installer left its lock; take over.
                let _ = std::fs::remove_file(&lock);
            }
            Err(_) => std::thread::sleep(Duration::from_millis(250)),
        }
    }
    let result = if python_can_import(Some(&deps)) {
        Ok(())
    } else {
        eprintln!("smtp sink: installing aiosmtpd into {}", deps.display());
        Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
            ])
            .arg(&deps)
            .arg("aiosmtpd")
            .env("PIP_ROOT_USER_ACTION", "ignore")
            .status()
            .map_err(|e| e.to_string())
            .and_then(|s| {
                if s.success() {
                    Ok(())
                } else {
                    Err(format!("pip: {s}"))
                }
            })
    };
    let _ = std::fs::remove_file(&lock);
    if let Err(e) = result {
        panic!("cannot install aiosmtpd for the SMTP tests ({e}); run `python3 -m pip install aiosmtpd`");
    }
    assert!(
        python_can_import(Some(&deps)),
        "aiosmtpd installed but not importable"
    );
    Some(deps)
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl SmtpSink {
    /// Starts a sink on a free port.
    pub fn start() -> Self {
        Self::start_on(free_port())
    }

    /// Starts a sink on `port` (e.g. one a mailer already points at).
    pub fn start_on(port: u16) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut sink = Self {
            child: None,
            port,
            dir,
        };
        sink.spawn();
        sink
    }

    fn spawn(&mut self) {
        let mut cmd = Command::new("python3");
        cmd.arg("-c")
            .arg(HANDLER)
            .arg(self.port.to_string())
            .arg(self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        if let Some(p) = aiosmtpd_path() {
            cmd.env("PYTHONPATH", p);
        }
        let child = cmd.spawn().expect("python3 runs");
        self.child = Some(child);
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let started = Instant::now();
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                panic!("the SMTP sink stopped at start: {status}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "SMTP sink did not start on port {}",
                self.port
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server (mail sent now fails to connect); received mail stays readable.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port.
    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }

    /// Every message received so far, oldest first.
    pub fn received(&self) -> Vec<ReceivedMail> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .expect("sink dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("received mail");
                serde_json::from_str(&text).expect("received mail JSON")
            })
            .collect()
    }

    /// Waits (up to 20 s) until at least `n` messages arrived; returns all.
    pub async fn wait_for(&self, n: usize) -> Vec<ReceivedMail> {
        let started = Instant::now();
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "expected {n} mail(s), received {}",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The settings that make the mail sender deliver here, retrying fast.
    pub fn mail_config(&self) -> watwerkt_app::mail::MailConfig {
        watwerkt_app::mail::MailConfig {
            enabled: true,
            smtp_host: "127.0.0.1".into(),
            smtp_port: self.port,
            security: watwerkt_app::mail::MailSecurity::None,
            from: "watwerkt <noreply@watwerkt.test>".into(),
            retry_first_seconds: 1,
            retry_max_seconds: 2,
            ..watwerkt_app::mail::MailConfig::default()
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}
