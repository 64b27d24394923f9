//! Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane).
//! Hashing runs on the blocking pool so it never stalls request handling.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::AppError;

fn hasher() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(19 * 1024, 2, 1, None)
        .map_err(|e| AppError::Internal(format!("argon2-parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_now(password: &str) -> Result<String, AppError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("zout: {e}")))?;
    let salt =
        SaltString::encode_b64(&bytes).map_err(|e| AppError::Internal(format!("zout: {e}")))?;
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("wachtwoord hashen: {e}")))
}

fn verify_now(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => hasher()
            .map(|h| h.verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false),
        Err(_) => false,
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(format!("hash-taak: {e}")))
}

/// The argon2id PHC string of `password` with a fresh salt.
pub async fn hash(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    blocking(move || hash_now(&password)).await?
}

/// Whether `password` matches the PHC string.
pub async fn verify(password: &str, phc: &str) -> Result<bool, AppError> {
    let (password, phc) = (password.to_owned(), phc.to_owned());
    blocking(move || verify_now(&password, &phc)).await
}

/// Does the same work as [`verify`] against a hash nobody knows the password
/// of, so a sign-in with an unknown address takes as long as a wrong password.
pub async fn verify_dummy(password: &str) -> Result<(), AppError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = match DUMMY.get() {
        Some(d) => d.clone(),
        None => {
            let secret = super::secret::Secret::generate()?;
            let made = hash(secret.expose()).await?;
            DUMMY.get_or_init(|| made).clone()
        }
    };
    verify(password, &dummy).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let h = hash("een lang genoeg wachtwoord").await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("een lang genoeg wachtwoord", &h).await.unwrap());
        assert!(!verify("een ander wachtwoord!", &h).await.unwrap());
        assert!(!verify("x", "geen hash").await.unwrap());
        let again = hash("een lang genoeg wachtwoord").await.unwrap();
        assert_ne!(h, again, "every hash has its own salt");
        verify_dummy("wat dan ook").await.unwrap();
    }
}
