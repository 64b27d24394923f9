//! Settings of accounts and sessions (`[auth]` in the configuration).

use serde::{Deserialize, Serialize};

/// How long links and sessions live, and how hard sign-in is rate limited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthConfig {
    /// An invitation link works this many days.
    pub invitation_days: u32,
    /// A password-reset link works this many minutes.
    pub reset_minutes: u32,
    /// A session ends after this many minutes without a request.
    pub session_idle_minutes: u32,
    /// A session ends this many hours after signing in, active or not.
    pub session_max_hours: u32,
    /// Failed sign-ins per account within the window before it is paused.
    pub max_failures_per_account: u32,
    /// Failed sign-ins per client address within the window before it is paused.
    pub max_failures_per_address: u32,
    /// The window of the two limits above, in minutes.
    pub failure_window_minutes: u32,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy
    /// that sets it; otherwise anyone can pick their own address).
    pub trust_forwarded_for: bool,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            invitation_days: 7,
            reset_minutes: 60,
            session_idle_minutes: 8 * 60,
            session_max_hours: 7 * 24,
            max_failures_per_account: 5,
            max_failures_per_address: 20,
            failure_window_minutes: 15,
            trust_forwarded_for: false,
        }
    }
}
