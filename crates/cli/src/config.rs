//! Layered configuration: defaults → file → `WATWERKT_*` environment.

use std::fmt;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use watwerkt_app::auth::AuthConfig;
use watwerkt_app::mail::MailConfig;
use watwerkt_domain::assessment::AssessmentRules;
use watwerkt_domain::ValidityPolicy;

/// The commented reference of every setting with its default
/// (`watwerkt config defaults`); a test keeps it equal to [`Config::default`].
pub const REFERENCE: &str = include_str!("config_reference.toml");

/// Every setting of watwerkt.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where the database and (later) the search index live.
    pub data_dir: PathBuf,
    /// Address the web server listens on.
    pub listen: String,
    /// Microseconds a connection keeps looking for the next request after
    /// an answer, before it waits to be woken (0 = off; see `watwerkt_web::busy_poll`).
    pub busy_poll_micros: u64,
    /// Threads serving connections, each with its own runtime; 0 = one per
    /// core.
    pub web_threads: usize,
    /// Map the search index's files whole when it is opened, so that no
    /// search waits for a page fault (`watwerkt_search::preload`); off for an
    /// index larger than the memory it may take.
    pub search_preload: bool,
    /// Public base URL of the site (for links in feeds and e-mail).
    pub base_url: String,
    /// Optional database URL; when empty, `<data_dir>/watwerkt.db` is used.
    /// May hold a password, so it is redacted in Debug output and logs.
    pub database_url: String,
    /// Load the demo content when the database is empty.
    pub demo_on_empty: bool,
    /// Log filter (tracing `EnvFilter` syntax).
    pub log: String,
    /// How long ratings hold.
    pub validity: ValidityPolicy,
    /// Accounts, sessions and sign-in limits.
    pub auth: AuthConfig,
    /// Outgoing e-mail (SMTP); the password is redacted in Debug output.
    pub mail: MailConfig,
    /// The rules of the erkenningstraject: panels, decision rules, periods.
    pub assessment: AssessmentRules,
    /// Limits on uploaded files.
    pub uploads: Uploads,
}

/// `[uploads]`: limits on uploaded files (publication PDFs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Uploads {
    /// Largest accepted file in bytes.
    pub max_bytes: u64,
}

impl Default for Uploads {
    fn default() -> Self {
        Self {
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// The largest accepted `busy_poll_micros` (10 ms).
const MAX_BUSY_POLL_MICROS: u64 = 10_000;

/// The largest accepted `web_threads`.
const MAX_WEB_THREADS: usize = 256;

/// Top-level setting names, as used after the `WATWERKT_` prefix.
const SETTINGS: &[&str] = &[
    "data_dir",
    "listen",
    "busy_poll_micros",
    "web_threads",
    "search_preload",
    "base_url",
    "database_url",
    "demo_on_empty",
    "log",
    "validity",
    "auth",
    "mail",
    "assessment",
    "uploads",
];

/// Whether an environment key (prefix stripped, any case) names a setting.
fn is_setting(key: &str) -> bool {
    let top = key.split("__").next().unwrap_or_default().to_lowercase();
    SETTINGS.contains(&top.as_str())
}

impl Default for Config {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("./watwerkt-data"),
            listen: "127.0.0.1:8080".into(),
            busy_poll_micros: watwerkt_web::DEFAULT_BUSY_POLL_MICROS,
            web_threads: 0,
            search_preload: true,
            base_url: "http://127.0.0.1:8080".into(),
            database_url: String::new(),
            demo_on_empty: true,
            log: "info,sqlx=warn".into(),
            validity: ValidityPolicy::default(),
            auth: AuthConfig::default(),
            mail: MailConfig::default(),
            assessment: AssessmentRules::default(),
            uploads: Uploads::default(),
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("data_dir", &self.data_dir)
            .field("listen", &self.listen)
            .field("busy_poll_micros", &self.busy_poll_micros)
            .field("web_threads", &self.web_threads)
            .field("search_preload", &self.search_preload)
            .field("base_url", &self.base_url)
            .field(
                "database_url",
                &if self.database_url.is_empty() {
                    ""
                } else {
                    "[verborgen]"
                },
            )
            .field("demo_on_empty", &self.demo_on_empty)
            .field("log", &self.log)
            .field("validity", &self.validity)
            .field("auth", &self.auth)
            .field("mail", &self.mail)
            .field("assessment", &self.assessment)
            .field("uploads", &self.uploads)
            .finish()
    }
}

impl Config {
    /// Loads the layers. `file` is used when given (and must exist);
    /// otherwise `./watwerkt.toml` is read if present.
    pub fn load(file: Option<&Path>) -> Result<Self, String> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(f) if !f.exists() => {
                return Err(format!("configuratiebestand {} bestaat niet", f.display()))
            }
            Some(f) => fig = fig.merge(Toml::file(f)),
            None => fig = fig.merge(Toml::file("watwerkt.toml")),
        }
        fig = fig.merge(
            Env::prefixed("WATWERKT_")
                .filter(|key| is_setting(key.as_str()))
                .split("__"),
        );
        let cfg: Config = fig
            .extract()
            .map_err(|e| format!("ongeldige configuratie: {e}"))?;
        cfg.check()?;
        Ok(cfg)
    }

    /// Refuses values that parse but cannot be meant: a busy-polling window
    /// that would keep a core busy for long after each request, or more
    /// serving threads than any machine here has cores.
    fn check(&self) -> Result<(), String> {
        if self.busy_poll_micros > MAX_BUSY_POLL_MICROS {
            return Err(format!(
                "ongeldige configuratie: busy_poll_micros is {}, maar mag hoogstens {MAX_BUSY_POLL_MICROS} zijn (10 ms); 0 zet het uit",
                self.busy_poll_micros
            ));
        }
        if self.web_threads > MAX_WEB_THREADS {
            return Err(format!(
                "ongeldige configuratie: web_threads is {}, maar mag hoogstens {MAX_WEB_THREADS} zijn; 0 = één per processorkern",
                self.web_threads
            ));
        }
        Ok(())
    }

    /// `WATWERKT_*` environment variables that are not settings (other tools
    /// such as the tests and the build use the prefix too); shown as a warning.
    pub fn foreign_env_vars() -> Vec<String> {
        std::env::vars()
            .filter_map(|(k, _)| {
                let rest = k.strip_prefix("WATWERKT_")?.to_lowercase();
                let own_tooling = rest.starts_with("test_") || rest == "npm";
                (!is_setting(&rest) && !own_tooling).then_some(k)
            })
            .collect()
    }

    /// The search index directory (derived data; safe to delete).
    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("zoekindex")
    }

    /// Where uploaded and imported files live, by content hash.
    pub fn files_dir(&self) -> PathBuf {
        self.data_dir.join("bestanden")
    }

    /// The SQLite database file.
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("watwerkt.db")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serving_settings_out_of_range_are_refused_with_their_name() {
        assert_eq!(Config::default().check(), Ok(()));
        let long_poll = Config {
            busy_poll_micros: 10_001,
            ..Config::default()
        };
        let e = long_poll.check().unwrap_err();
        assert!(e.contains("busy_poll_micros is 10001"), "{e}");
        let many = Config {
            web_threads: 257,
            ..Config::default()
        };
        let e = many.check().unwrap_err();
        assert!(e.contains("web_threads is 257"), "{e}");
        let edge = Config {
            busy_poll_micros: 10_000,
            web_threads: 256,
            ..Config::default()
        };
        assert_eq!(edge.check(), Ok(()));
    }

    #[test]
    fn the_reference_states_the_defaults() {
        let parsed: Config = toml::from_str(REFERENCE).unwrap();
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn debug_hides_the_smtp_password() {
        let mut c = Config::default();
        c.mail.password = "smtp-geheim".into();
        let shown = format!("{c:?}");
        assert!(!shown.contains("smtp-geheim"));
    }

    #[test]
    fn debug_hides_the_database_url() {
        let c = Config {
            database_url: "postgres://u:geheim@localhost/db".into(),
            ..Config::default()
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("geheim"));
        assert!(shown.contains("[verborgen]"));
    }

    #[test]
    fn file_then_environment_override_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("w.toml");
        std::fs::write(
            &file,
            "listen = \"127.0.0.1:9999\"\n[validity]\nhigher_years = 4\n",
        )
        .unwrap();
        #[allow(clippy::result_large_err)]
        figment::Jail::expect_with(|jail| {
            jail.set_env("WATWERKT_VALIDITY__WELL_DESCRIBED_YEARS", "2");
            jail.set_env("WATWERKT_LISTEN", "127.0.0.1:7777");
            let c = Config::load(Some(&file)).unwrap();
            assert_eq!(c.listen, "127.0.0.1:7777");
            assert_eq!(c.validity.higher_years, 4);
            assert_eq!(c.validity.well_described_years, 2);
            assert_eq!(c.base_url, Config::default().base_url);
            Ok(())
        });
    }

    #[test]
    fn other_watwerkt_variables_are_not_settings() {
        #[allow(clippy::result_large_err)]
        figment::Jail::expect_with(|jail| {
            jail.set_env("WATWERKT_TEST_POSTGRES_URL", "postgres://localhost/test");
            jail.set_env("WATWERKT_NPM", "/usr/bin/npm");
            jail.set_env("WATWERKT_LISEN", "typo");
            let c = Config::load(None).unwrap();
            assert_eq!(c, Config::default());
            assert_eq!(Config::foreign_env_vars(), ["WATWERKT_LISEN"]);
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("w.toml");
        std::fs::write(&file, "lisen = \"x\"\n").unwrap();
        let err = Config::load(Some(&file)).unwrap_err();
        assert!(err.contains("lisen"), "{err}");
    }
}
