//! Files attached to publications: the rules for what may be stored.

use serde::{Deserialize, Serialize};

/// Metadata of a file attached to a publication. The file itself lives in
/// the data directory under its content hash, never under the given name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The (sanitised) file name offered on download.
    pub file_name: String,
    /// The media type, e.g. `application/pdf`.
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, lowercase hex: the name it is stored under.
    pub sha256: String,
}

/// Why an uploaded file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentProblem {
    /// Empty or unusable name.
    #[error("de bestandsnaam ontbreekt")]
    NoName,
    /// Path tricks in the name.
    #[error("de bestandsnaam '{0}' is niet toegestaan: geen mappen, '..', absolute paden of stuurtekens")]
    UnsafeName(String),
    /// The name does not end in .pdf.
    #[error("de bestandsnaam moet eindigen op .pdf")]
    NotPdfName,
    /// Type not allowed.
    #[error("alleen PDF-bestanden (application/pdf) zijn toegestaan, niet '{0}'")]
    TypeNotAllowed(String),
    /// Content is not what the type claims.
    #[error(
        "het bestand is geen PDF: de inhoud begint niet met %PDF-, terwijl het type {0} opgeeft"
    )]
    ContentMismatch(String),
    /// Too large.
    #[error("het bestand is te groot ({size} bytes); de grens is {limit} bytes")]
    TooLarge {
        /// Actual size.
        size: u64,
        /// Configured limit.
        limit: u64,
    },
    /// Empty file.
    #[error("het bestand is leeg")]
    Empty,
}

/// The only media type accepted.
pub const PDF: &str = "application/pdf";

/// Checks a user-given file name and returns it unchanged when safe: no path
/// separators, no `..`, not absolute, no control characters, at most 200 bytes.
pub fn safe_file_name(name: &str) -> Result<String, AttachmentProblem> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(AttachmentProblem::NoName);
    }
    let unsafe_name = trimmed.contains('/')
        || trimmed.contains('\\')
        || trimmed.contains("..")
        || trimmed.starts_with('.')
        || trimmed.chars().any(char::is_control)
        || trimmed.len() > 200
        || (trimmed.len() >= 2 && trimmed.as_bytes()[1] == b':');
    if unsafe_name {
        return Err(AttachmentProblem::UnsafeName(
            trimmed.chars().filter(|c| !c.is_control()).collect(),
        ));
    }
    if !trimmed.to_ascii_lowercase().ends_with(".pdf") {
        return Err(AttachmentProblem::NotPdfName);
    }
    Ok(trimmed.to_string())
}

/// Checks an upload: the claimed type must be PDF, the content must start
/// with the PDF magic bytes, and it must fit the limit.
pub fn check_upload(claimed_type: &str, bytes: &[u8], limit: u64) -> Result<(), AttachmentProblem> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > limit {
        return Err(AttachmentProblem::TooLarge { size, limit });
    }
    if bytes.is_empty() {
        return Err(AttachmentProblem::Empty);
    }
    let claimed = claimed_type.split(';').next().unwrap_or("").trim();
    if !claimed.eq_ignore_ascii_case(PDF) {
        return Err(AttachmentProblem::TypeNotAllowed(claimed.to_string()));
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(AttachmentProblem::ContentMismatch(claimed.to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_pass() {
        assert_eq!(
            safe_file_name("factsheet 2024.pdf").unwrap(),
            "factsheet 2024.pdf"
        );
    }

    #[test]
    fn path_tricks_are_refused() {
        for bad in [
            "../etc/passwd.pdf",
            "..\\x.pdf",
            "/etc/x.pdf",
            "C:\\x.pdf",
            "c:x.pdf",
            "a/b.pdf",
            "x\u{0}.pdf",
            "x\n.pdf",
            ".verborgen.pdf",
            "",
        ] {
            assert!(safe_file_name(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(
            safe_file_name("rapport.exe"),
            Err(AttachmentProblem::NotPdfName)
        );
    }

    #[test]
    fn uploads_are_checked_by_type_magic_and_size() {
        assert!(check_upload(PDF, b"%PDF-1.4\n...", 100).is_ok());
        assert_eq!(
            check_upload(PDF, b"MZ\x90\x00", 100),
            Err(AttachmentProblem::ContentMismatch(PDF.into()))
        );
        assert_eq!(
            check_upload("image/png", b"%PDF-1.4", 100),
            Err(AttachmentProblem::TypeNotAllowed("image/png".into()))
        );
        assert_eq!(
            check_upload(PDF, &[b'%'; 101], 100),
            Err(AttachmentProblem::TooLarge {
                size: 101,
                limit: 100
            })
        );
        assert!(check_upload(PDF, b"%PDF-1.7", 8).is_ok());
    }
}
