//! Publication files in a content folder: `publicaties/<bestand>` next to the
//! `.md` file, checked like an upload and described by size and hash.

use watwerkt_store::ContentBatch;

use super::problem::Problem;
use super::PUBLICATIONS_DIR;
use crate::dossier::{check_file, UploadPolicy};

/// Reads, checks and describes every attachment of `batch`'s publications.
/// `read(file_name)` returns the file's bytes, `None` when absent. Returns the
/// files to store (hash, bytes), or every problem.
pub fn complete_attachments(
    batch: &mut ContentBatch,
    policy: &UploadPolicy,
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> Result<Vec<(String, Vec<u8>)>, Vec<Problem>> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in &mut batch.publications {
        let Some(a) = p.attachment.as_mut() else {
            continue;
        };
        let md = format!("{PUBLICATIONS_DIR}/{}.md", p.slug);
        let safe = watwerkt_domain::dossier::safe_file_name(&a.file_name);
        let bytes = match safe {
            Err(e) => {
                problems.push(Problem::whole(&md, format!("bijlage: {e}")));
                continue;
            }
            Ok(name) => read(&name),
        };
        let Some(bytes) = bytes else {
            problems.push(Problem::whole(
                &md,
                format!(
                    "bijlage '{}' ontbreekt: zet het bestand naast {md} in {PUBLICATIONS_DIR}/",
                    a.file_name
                ),
            ));
            continue;
        };
        match check_file(policy, &a.file_name, watwerkt_domain::dossier::PDF, &bytes) {
            Err(e) => problems.push(Problem::whole(
                &md,
                format!("bijlage '{}': {e}", a.file_name),
            )),
            Ok(found) => {
                if (!a.sha256.is_empty() && a.sha256 != found.sha256)
                    || (a.size != 0 && a.size != found.size)
                {
                    problems.push(Problem::whole(
                        &md,
                        format!(
                            "bijlage '{}': grootte of sha256 klopt niet met het bestand \
                             (het bestand heeft grootte {} en sha256 {})",
                            a.file_name, found.size, found.sha256
                        ),
                    ));
                    continue;
                }
                files.push((found.sha256.clone(), bytes));
                *a = found;
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}
