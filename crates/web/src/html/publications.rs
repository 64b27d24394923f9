//! `/publicaties` (published publications, filtered by type, thema and jaar)
//! and `/publicaties/{slug}/bestand` (the attached PDF, at a stable address).

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use watwerkt_domain::{Coded, Publication, PublicationKind, Theme};
use watwerkt_store::{PageRequest, PublicationFilter};

use super::layout::{Meta, Section};
use super::parts::Link;
use super::{render, PageResult};
use crate::error::WebError;
use crate::format::count;
use crate::state::AppState;

/// Bytes as a Dutch size: `980 bytes`, `1,2 kB`, `3,4 MB`.
pub(crate) fn file_size(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    if bytes < 1000 {
        format!("{bytes} bytes")
    } else if bytes < 1_000_000 {
        format!("{:.1} kB", b / 1000.0).replace('.', ",")
    } else {
        format!("{:.1} MB", b / 1_000_000.0).replace('.', ",")
    }
}

/// The attachment as shown: link, type and size.
#[derive(Debug, Clone)]
pub(crate) struct AttachmentVm {
    pub href: String,
    pub file_name: String,
    pub kind: &'static str,
    pub size: String,
}

impl AttachmentVm {
    pub fn of(p: &Publication) -> Option<Self> {
        p.attachment.as_ref().map(|a| Self {
            href: format!("/publicaties/{}/bestand", p.slug),
            file_name: a.file_name.clone(),
            kind: "PDF",
            size: file_size(a.size),
        })
    }
}

/// A publication in a list.
#[derive(Debug, Clone)]
pub(crate) struct PublicationRow {
    pub href: String,
    pub title: String,
    pub kind: &'static str,
    pub year: Option<i32>,
    pub authors: String,
    pub themes: Vec<Link>,
    pub attachment: Option<AttachmentVm>,
    pub example_data: bool,
}

impl PublicationRow {
    pub fn of(p: &Publication) -> Self {
        Self {
            href: format!("/publicaties/{}", p.slug),
            title: p.title.clone(),
            kind: p.kind.label(),
            year: p.year,
            authors: p.authors.join(", "),
            themes: p.themes.iter().copied().map(Link::theme).collect(),
            attachment: AttachmentVm::of(p),
            example_data: p.example_data,
        }
    }
}

/// The filter parameters of `/publicaties`.
#[derive(Debug, Deserialize)]
pub(crate) struct PublicationQuery {
    #[serde(rename = "type")]
    kind: Option<String>,
    thema: Option<String>,
    jaar: Option<String>,
    pagina: Option<String>,
}

fn present(v: Option<&String>) -> Option<&str> {
    v.map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn parse_query(q: &PublicationQuery) -> Result<(PublicationFilter, u32), WebError> {
    let kind = present(q.kind.as_ref())
        .map(|c| {
            PublicationKind::from_code(c)
                .ok_or_else(|| WebError::InvalidFilter(format!("onbekend publicatietype '{c}'")))
        })
        .transpose()?;
    let theme = present(q.thema.as_ref())
        .map(|c| {
            Theme::from_code(c)
                .ok_or_else(|| WebError::InvalidFilter(format!("onbekend thema '{c}'")))
        })
        .transpose()?;
    let year = present(q.jaar.as_ref())
        .map(|y| {
            y.parse::<i32>()
                .ok()
                .filter(|y| (1800..=2200).contains(y))
                .ok_or_else(|| WebError::InvalidFilter(format!("'{y}' is geen geldig jaar")))
        })
        .transpose()?;
    let page = present(q.pagina.as_ref())
        .map(|p| {
            p.parse::<u32>()
                .ok()
                .filter(|p| *p >= 1)
                .ok_or_else(|| WebError::InvalidPage(format!("'{p}' is geen geldig paginanummer")))
        })
        .transpose()?
        .unwrap_or(1);
    Ok((PublicationFilter { kind, theme, year }, page))
}

/// An option of a filter select.
struct OptionVm {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "publications.html")]
struct PublicationsPage {
    meta: Meta,
    kinds: Vec<OptionVm>,
    themes: Vec<OptionVm>,
    years: Vec<OptionVm>,
    publications: Vec<PublicationRow>,
    total: String,
    filtered: bool,
    previous: Option<String>,
    next: Option<String>,
    page: u32,
    pages: u32,
}

fn query_string(f: &PublicationFilter, page: u32) -> String {
    let mut parts = Vec::new();
    if let Some(k) = f.kind {
        parts.push(format!("type={}", k.code()));
    }
    if let Some(t) = f.theme {
        parts.push(format!("thema={}", t.code()));
    }
    if let Some(y) = f.year {
        parts.push(format!("jaar={y}"));
    }
    if page > 1 {
        parts.push(format!("pagina={page}"));
    }
    if parts.is_empty() {
        "/publicaties".into()
    } else {
        format!("/publicaties?{}", parts.join("&"))
    }
}

pub(crate) async fn list(
    State(state): State<AppState>,
    Query(q): Query<PublicationQuery>,
) -> PageResult {
    let (filter, page) = parse_query(&q)?;
    let list = state
        .app
        .publications(
            &filter,
            PageRequest::new(page, PageRequest::DEFAULT_PER_PAGE),
        )
        .await?;
    let pages = list.page.total_pages();
    let publications: Vec<PublicationRow> =
        list.page.items.iter().map(PublicationRow::of).collect();
    let example = publications.iter().any(|p| p.example_data);
    let page_vm = PublicationsPage {
        meta: Meta::new("Publicaties", Section::Publications)
            .canonical(state.absolute("/publicaties"))
            .here("Publicaties")
            .example(
                example,
                "deze lijst bevat fictieve publicaties die alleen als voorbeeld dienen.",
            ),
        kinds: PublicationKind::ALL
            .iter()
            .map(|k| OptionVm {
                value: k.code().into(),
                label: k.label().into(),
                selected: filter.kind == Some(*k),
            })
            .collect(),
        themes: Theme::ALL
            .iter()
            .map(|t| OptionVm {
                value: t.code().into(),
                label: t.label().into(),
                selected: filter.theme == Some(*t),
            })
            .collect(),
        years: list
            .years
            .iter()
            .map(|y| OptionVm {
                value: y.to_string(),
                label: y.to_string(),
                selected: filter.year == Some(*y),
            })
            .collect(),
        total: count(list.page.total, "publicatie", "publicaties"),
        filtered: filter != PublicationFilter::default(),
        previous: (page > 1).then(|| query_string(&filter, page - 1)),
        next: (page < pages).then(|| query_string(&filter, page + 1)),
        page,
        pages,
        publications,
    };
    render(StatusCode::OK, &page_vm)
}

pub(crate) async fn file(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let (attachment, path) = state.app.publication_file(&slug).await?;
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|e| WebError::Internal(format!("bijlage lezen: {e}")))?;
    // The file name was checked on upload; quotes and non-ASCII are replaced
    // for the plain `filename=` form.
    let ascii: String = attachment
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{ascii}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("inline"));
    let mut response = Response::new(Body::from(bytes));
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    h.insert(header::CONTENT_DISPOSITION, disposition);
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{}\"", attachment.sha256)) {
        h.insert(header::ETAG, etag);
    }
    Ok(response)
}
