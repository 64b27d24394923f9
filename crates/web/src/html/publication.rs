//! `/publicaties/{slug}`: a publication (handreiking, factsheet, rapport,
//! regelgeving, …) with its facts and its text.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use watwerkt_domain::Coded;

use super::layout::{Meta, Section};
use super::parts::{web_link, Link};
use super::{render, PageResult};
use crate::markdown;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "publication.html")]
struct PublicationPage {
    meta: Meta,
    title: String,
    kind: &'static str,
    year: Option<i32>,
    authors: Vec<String>,
    themes: Vec<Link>,
    link: Option<Link>,
    body_html: String,
    attachment: Option<super::publications::AttachmentVm>,
    slug: String,
    editor: bool,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: crate::auth::MaybeUser,
    Path(slug): Path<String>,
) -> PageResult {
    let p = state.app.publication(&slug).await?;
    let page = PublicationPage {
        meta: Meta::new(p.title.clone(), Section::Search)
            .canonical(state.absolute(&format!("/publicaties/{}", p.slug)))
            .crumb("Publicaties", "/zoeken?type=publicatie")
            .here(p.title.clone())
            .example(
                p.example_data,
                "deze publicatie is fictief en dient alleen als voorbeeld.",
            ),
        title: p.title.clone(),
        kind: p.kind.label(),
        year: p.year,
        authors: p.authors.clone(),
        themes: p.themes.iter().copied().map(Link::theme).collect(),
        link: p.link.as_deref().and_then(web_link),
        body_html: markdown::to_html(&p.body, 2),
        attachment: super::publications::AttachmentVm::of(&p),
        slug: p.slug.to_string(),
        editor: super::dossier_vm::is_editor(&user),
    };
    render(StatusCode::OK, &page)
}
