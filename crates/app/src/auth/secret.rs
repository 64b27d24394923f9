//! Random tokens and their hashes. A token is 32 random bytes, written as
//! URL-safe base64 (43 characters); only its SHA-256 is stored.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::AppError;

/// A secret held by a person (session cookie or link token). Debug never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([verborgen])")
    }
}

impl Secret {
    /// 32 fresh random bytes from the operating system.
    pub fn generate() -> Result<Self, AppError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| AppError::Internal(format!("geen willekeurige bytes: {e}")))?;
        Ok(Self(URL_SAFE_NO_PAD.encode(bytes)))
    }

    /// A value received from a person (cookie, URL). `None` when it cannot be
    /// one of ours, so garbage never reaches the database.
    pub fn from_received(text: &str) -> Option<Self> {
        let ok = text.len() == 43
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| Self(text.to_owned()))
    }

    /// The value to put in a cookie or link.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// SHA-256 of the value, hex: what the store keeps.
    pub fn hash(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }

    /// The CSRF token that belongs to this session token: derived, so it
    /// needs no storage, and unknowable without the (HttpOnly) cookie.
    pub fn csrf(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"watwerkt-csrf:");
        h.update(self.0.as_bytes());
        URL_SAFE_NO_PAD.encode(h.finalize())
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Compares two strings in time that depends only on their lengths.
pub fn same(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.bytes()
        .zip(b.bytes())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed() {
        let a = Secret::generate().unwrap();
        let b = Secret::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 43);
        assert_eq!(a.hash().len(), 64);
        assert_ne!(a.hash(), a.expose());
        assert_eq!(Secret::from_received(a.expose()), Some(a.clone()));
        assert_eq!(Secret::from_received("kort"), None);
        assert_eq!(Secret::from_received(&"é".repeat(43)), None);
        assert!(!format!("{a:?}").contains(a.expose()));
        assert_ne!(a.csrf(), b.csrf());
    }

    #[test]
    fn comparison() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }
}
