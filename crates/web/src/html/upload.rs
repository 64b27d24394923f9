//! `/publicaties/{slug}/bijlage`: the redactie uploads the PDF of a
//! publication (multipart). The CSRF token is checked with `verify_csrf`; the
//! size limit is enforced while reading, so an oversized upload is never held
//! in memory whole; name, type and magic bytes are checked by the app, and a
//! refused file changes nothing.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use super::layout::{Meta, Section};
use super::publications::file_size;
use super::{render, PageResult};
use crate::auth::{verify_csrf, CurrentUser};
use crate::error::WebError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "publication_upload.html")]
struct UploadPage {
    meta: Meta,
    slug: String,
    title: String,
    csrf: String,
    limit: String,
    current: Option<String>,
    error: Option<String>,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    slug: &str,
    status: StatusCode,
    error: Option<String>,
) -> PageResult {
    let p = state.app.publication(slug).await?;
    let page = UploadPage {
        meta: Meta::new(format!("Bijlage van {}", p.title), Section::Publications)
            .crumb("Publicaties", "/publicaties")
            .crumb(p.title.clone(), format!("/publicaties/{}", p.slug))
            .here("Bijlage"),
        slug: p.slug.to_string(),
        title: p.title.clone(),
        csrf: user.csrf.clone(),
        limit: file_size(state.app.config().uploads.max_bytes),
        current: p
            .attachment
            .as_ref()
            .map(|a| format!("{} ({})", a.file_name, file_size(a.size))),
        error,
    };
    render(status, &page)
}

pub(crate) async fn form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
) -> PageResult {
    page(&state, &user, &slug, StatusCode::OK, None).await
}

/// What the multipart form carried.
#[derive(Default)]
struct Upload {
    csrf: String,
    file_name: String,
    content_type: String,
    bytes: Vec<u8>,
    too_large: Option<u64>,
}

fn bad_form(e: impl std::fmt::Display) -> WebError {
    WebError::Invalid(format!("het formulier kon niet gelezen worden: {e}"))
}

async fn read_form(mut multipart: Multipart, limit: u64) -> Result<Upload, WebError> {
    let mut upload = Upload::default();
    while let Some(mut field) = multipart.next_field().await.map_err(bad_form)? {
        match field.name().unwrap_or_default() {
            "csrf" => upload.csrf = field.text().await.map_err(bad_form)?,
            "bestand" => {
                upload.file_name = field.file_name().unwrap_or_default().to_owned();
                upload.content_type = field.content_type().unwrap_or_default().to_owned();
                let mut size: u64 = 0;
                while let Some(chunk) = field.chunk().await.map_err(bad_form)? {
                    size += u64::try_from(chunk.len()).unwrap_or(u64::MAX);
                    if size > limit {
                        // Keep reading (and dropping) so the answer reaches the
                        // client, but not without end.
                        upload.too_large = Some(size);
                        upload.bytes = Vec::new();
                        if size > limit.saturating_mul(4).max(limit + (8 << 20)) {
                            break;
                        }
                        continue;
                    }
                    upload.bytes.extend_from_slice(&chunk);
                }
                if let Some(total) = upload.too_large.as_mut() {
                    *total = size;
                }
            }
            _ => {}
        }
    }
    Ok(upload)
}

pub(crate) async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> PageResult {
    let limit = state.app.config().uploads.max_bytes;
    let form = read_form(multipart, limit).await?;
    // The CSRF check comes before anything else is looked at.
    verify_csrf(&user, &form.csrf)?;
    if let Some(size) = form.too_large {
        let message = watwerkt_domain::dossier::AttachmentProblem::TooLarge { size, limit };
        return page(
            &state,
            &user,
            &slug,
            StatusCode::PAYLOAD_TOO_LARGE,
            Some(format!("Er is niets opgeslagen: {message}.")),
        )
        .await;
    }
    if form.file_name.is_empty() && form.bytes.is_empty() {
        return page(
            &state,
            &user,
            &slug,
            StatusCode::BAD_REQUEST,
            Some("Er is niets opgeslagen: kies een PDF-bestand.".into()),
        )
        .await;
    }
    match state
        .app
        .attach_publication_file(&slug, &form.file_name, &form.content_type, &form.bytes)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/publicaties/{slug}")).into_response()),
        Err(watwerkt_app::AppError::Invalid(m)) => {
            page(
                &state,
                &user,
                &slug,
                StatusCode::BAD_REQUEST,
                Some(format!("Er is niets opgeslagen: {m}.")),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
