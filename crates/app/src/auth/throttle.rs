//! Sign-in rate limiting, per account and per client address, in memory.
//!
//! A sliding window: each failed sign-in is remembered for the window; when an
//! account (or address) has reached its limit, further attempts are refused
//! without checking the password until the oldest failure leaves the window.
//! Unknown addresses are counted just like known ones, so the limit reveals
//! nothing. The state is per process and lost on restart, which only ever
//! lets someone try again sooner.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Remembered failures.
#[derive(Debug, Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, VecDeque<DateTime<Utc>>>>,
}

/// The limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Failures per account.
    pub per_account: u32,
    /// Failures per client address.
    pub per_address: u32,
    /// Window.
    pub window: Duration,
}

fn account_key(email: &str) -> String {
    format!("a:{}", email.trim().to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("c:{address}")
}

impl Throttle {
    /// When blocked: how long until the next attempt is allowed.
    pub fn blocked(
        &self,
        email: &str,
        address: &str,
        limits: Limits,
        now: DateTime<Utc>,
    ) -> Option<Duration> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let checks = [
            (account_key(email), limits.per_account),
            (address_key(address), limits.per_address),
        ];
        let mut wait: Option<Duration> = None;
        for (key, limit) in checks {
            if let Some(list) = map.get_mut(&key) {
                while list.front().is_some_and(|t| *t + limits.window <= now) {
                    list.pop_front();
                }
                let limit = usize::try_from(limit).unwrap_or(usize::MAX);
                if list.len() >= limit {
                    // Blocked until enough failures have aged out.
                    let idx = list.len() - limit;
                    if let Some(t) = list.get(idx) {
                        let w = *t + limits.window - now;
                        wait = Some(wait.map_or(w, |o| o.max(w)));
                    }
                }
            }
        }
        wait
    }

    /// Remembers a failure for both keys.
    pub fn record_failure(&self, email: &str, address: &str, limits: Limits, now: DateTime<Utc>) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, list| list.back().is_some_and(|t| *t + limits.window > now));
        }
        for key in [account_key(email), address_key(address)] {
            map.entry(key).or_default().push_back(now);
        }
    }

    /// Forgets the failures of an account after a successful sign-in (those
    /// of the address stay).
    pub fn clear_account(&self, email: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&account_key(email));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            per_account: 3,
            per_address: 5,
            window: Duration::minutes(15),
        }
    }

    #[test]
    fn an_account_is_paused_after_its_limit_then_released() {
        let t = Throttle::default();
        let t0 = DateTime::<Utc>::UNIX_EPOCH;
        for i in 0..3 {
            assert_eq!(t.blocked("A@x.nl", "1.1.1.1", limits(), t0), None);
            t.record_failure("a@x.nl", "1.1.1.1", limits(), t0 + Duration::minutes(i));
        }
        let now = t0 + Duration::minutes(3);
        assert_eq!(
            t.blocked("a@x.nl", "2.2.2.2", limits(), now),
            Some(Duration::minutes(12))
        );
        assert_eq!(t.blocked("b@x.nl", "2.2.2.2", limits(), now), None);
        assert_eq!(
            t.blocked("a@x.nl", "2.2.2.2", limits(), t0 + Duration::minutes(15)),
            None
        );
    }

    #[test]
    fn an_address_is_paused_across_accounts() {
        let t = Throttle::default();
        let t0 = DateTime::<Utc>::UNIX_EPOCH;
        for i in 0..5 {
            t.record_failure(&format!("p{i}@x.nl"), "9.9.9.9", limits(), t0);
        }
        assert!(t.blocked("nieuw@x.nl", "9.9.9.9", limits(), t0).is_some());
        assert!(t.blocked("nieuw@x.nl", "8.8.8.8", limits(), t0).is_none());
        t.clear_account("p1@x.nl");
        assert!(t.blocked("nieuw@x.nl", "9.9.9.9", limits(), t0).is_some());
    }
}
