//! Publication files: checked, stored by content hash, served by slug.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use watwerkt_domain::dossier::{check_upload, safe_file_name, Attachment, PDF};
use watwerkt_domain::Slug;

use crate::{App, AppError};

/// Limits on uploaded files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadPolicy {
    /// Largest accepted file, in bytes.
    pub max_bytes: u64,
}

impl Default for UploadPolicy {
    fn default() -> Self {
        Self {
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a file with this hash lives under `files_dir`. The hash is checked
/// to be 64 hex digits, so no stored value can point outside the folder.
pub fn stored_path(files_dir: &Path, sha256: &str) -> Option<PathBuf> {
    (sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| files_dir.join(sha256))
}

/// Writes `bytes` under their hash (via a temporary file and a rename, so a
/// reader never sees half a file). Writing the same content twice is harmless.
pub fn write_stored(files_dir: &Path, sha256: &str, bytes: &[u8]) -> Result<(), AppError> {
    let target = stored_path(files_dir, sha256)
        .ok_or_else(|| AppError::Internal("ongeldige bestandshash".into()))?;
    if target.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(files_dir)
        .map_err(|e| AppError::Internal(format!("{}: {e}", files_dir.display())))?;
    let tmp = files_dir.join(format!("{sha256}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, &target))
        .map_err(|e| AppError::Internal(format!("{}: {e}", target.display())))
}

/// Checks an upload against the policy and describes it.
pub fn check_file(
    policy: &UploadPolicy,
    file_name: &str,
    claimed_type: &str,
    bytes: &[u8],
) -> Result<Attachment, AppError> {
    let file_name = safe_file_name(file_name).map_err(|e| AppError::Invalid(e.to_string()))?;
    check_upload(claimed_type, bytes, policy.max_bytes)
        .map_err(|e| AppError::Invalid(e.to_string()))?;
    Ok(Attachment {
        file_name,
        media_type: PDF.to_string(),
        size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        sha256: sha256_hex(bytes),
    })
}

impl App {
    fn files_dir(&self) -> Result<&Path, AppError> {
        self.config
            .files_dir
            .as_deref()
            .ok_or_else(|| AppError::Internal("er is geen map voor bestanden ingesteld".into()))
    }

    /// Attaches an uploaded PDF to a publication: name, type, magic bytes and
    /// size are checked first; a refused file changes nothing.
    pub async fn attach_publication_file(
        &self,
        slug: &str,
        file_name: &str,
        claimed_type: &str,
        bytes: &[u8],
    ) -> Result<Attachment, AppError> {
        let slug = Slug::parse(slug)
            .map_err(|_| AppError::NotFound(format!("publicatie '{slug}' bestaat niet")))?;
        self.store.get_publication(&slug).await?;
        let attachment = check_file(&self.config.uploads, file_name, claimed_type, bytes)?;
        write_stored(self.files_dir()?, &attachment.sha256, bytes)?;
        self.store
            .set_publication_attachment(&slug, Some(&attachment), self.clock.now())
            .await?;
        Ok(attachment)
    }

    /// The attachment of a published publication and the path of its bytes.
    pub async fn publication_file(&self, slug: &str) -> Result<(Attachment, PathBuf), AppError> {
        let p = self.publication(slug).await?;
        let missing = || AppError::NotFound(format!("publicatie '{slug}' heeft geen bijlage"));
        let a = p.attachment.ok_or_else(missing)?;
        let path = stored_path(self.files_dir()?, &a.sha256).ok_or_else(missing)?;
        if !path.is_file() {
            tracing::error!(sha256 = %a.sha256, "bijlage ontbreekt in de bestandenmap");
            return Err(missing());
        }
        Ok((a, path))
    }

    /// Stores files (hash, bytes) before the rows that point to them.
    pub(crate) fn store_files(&self, files: &[(String, Vec<u8>)]) -> Result<(), AppError> {
        if files.is_empty() {
            return Ok(());
        }
        let dir = self.files_dir()?;
        for (sha, bytes) in files {
            write_stored(dir, sha, bytes)?;
        }
        Ok(())
    }
}
