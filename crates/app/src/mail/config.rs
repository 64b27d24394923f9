//! Settings of outgoing e-mail (`[mail]` in the configuration).

use serde::{Deserialize, Serialize};

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailSecurity {
    /// Plain SMTP; only for a relay on the same machine (tests, local postfix).
    None,
    /// Plain connection upgraded with STARTTLS (port 587); required to succeed.
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// Outgoing e-mail over SMTP. Off by default: mails then stay in the outbox
/// (nothing is lost) until it is configured.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    /// Send mail at all.
    pub enabled: bool,
    /// SMTP server host name.
    pub smtp_host: String,
    /// SMTP port.
    pub smtp_port: u16,
    /// Connection security.
    pub security: MailSecurity,
    /// Sender, e.g. `watwerkt <noreply@watwerkt.example>`.
    pub from: String,
    /// SMTP user name (empty: no authentication).
    pub username: String,
    /// SMTP password; never shown in Debug output or logs.
    pub password: String,
    /// Wait before the first retry of a failed mail, in seconds; doubles
    /// with every failure.
    pub retry_first_seconds: u32,
    /// Longest wait between retries, in seconds.
    pub retry_max_seconds: u32,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            smtp_host: String::new(),
            smtp_port: 587,
            security: MailSecurity::Starttls,
            from: "watwerkt <noreply@localhost>".to_owned(),
            username: String::new(),
            password: String::new(),
            retry_first_seconds: 30,
            retry_max_seconds: 3600,
        }
    }
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("enabled", &self.enabled)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("security", &self.security)
            .field("from", &self.from)
            .field("username", &self.username)
            .field(
                "password",
                &if self.password.is_empty() {
                    ""
                } else {
                    "[verborgen]"
                },
            )
            .field("retry_first_seconds", &self.retry_first_seconds)
            .field("retry_max_seconds", &self.retry_max_seconds)
            .finish()
    }
}

impl MailConfig {
    /// Whether mail can be sent with these settings.
    pub fn is_usable(&self) -> bool {
        self.enabled && !self.smtp_host.trim().is_empty()
    }

    /// The wait after the `attempts`-th failure (1-based): first, doubling, capped.
    pub fn backoff(&self, attempts: u32) -> std::time::Duration {
        let first = u64::from(self.retry_first_seconds.max(1));
        let max = u64::from(self.retry_max_seconds.max(self.retry_first_seconds).max(1));
        let shift = attempts.saturating_sub(1).min(20);
        std::time::Duration::from_secs(first.saturating_mul(1u64 << shift).min(max))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_password() {
        let c = MailConfig {
            password: "geheim123".into(),
            ..MailConfig::default()
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("geheim123") && shown.contains("[verborgen]"));
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let c = MailConfig {
            retry_first_seconds: 30,
            retry_max_seconds: 100,
            ..MailConfig::default()
        };
        let secs: Vec<u64> = (1..=4).map(|n| c.backoff(n).as_secs()).collect();
        assert_eq!(secs, [30, 60, 100, 100]);
    }
}
