//! Editing by the redactie: a dossier in its file form (draft, preview,
//! publish as a new version, refused when someone else published meanwhile)
//! and a theme page with its figures.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use watwerkt_app::AppError;

use super::layout::{Meta, Section};
use super::{render, PageResult};
use crate::auth::{CsrfForm, CurrentUser};
use crate::error::WebError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "dossier_edit.html")]
struct EditPage {
    meta: Meta,
    action: String,
    heading: String,
    intro: &'static str,
    csrf: String,
    text: String,
    based_on: Option<u32>,
    can_preview: bool,
    error: Option<String>,
    notice: Option<&'static str>,
}

/// The editor form.
#[derive(Debug, Deserialize)]
pub(crate) struct EditForm {
    tekst: String,
    #[serde(default)]
    versie: Option<u32>,
    #[serde(default)]
    actie: String,
}

fn user_id(user: &CurrentUser) -> Option<i64> {
    Some(user.id.0)
}

fn dossier_page(
    slug: &str,
    user: &CurrentUser,
    text: String,
    based_on: u32,
    status: StatusCode,
    error: Option<String>,
    notice: Option<&'static str>,
) -> PageResult {
    let page = EditPage {
        meta: Meta::new("Dossier bewerken", Section::Dossiers)
            .crumb("Wat Werkt-dossiers", "/dossiers")
            .crumb(slug.to_owned(), format!("/dossiers/{slug}"))
            .here("Bewerken"),
        action: format!("/dossiers/{slug}/bewerken"),
        heading: format!("Dossier bewerken: {slug}"),
        intro: "Het dossier staat hieronder in het inhoudsformaat (YAML-front-matter en Markdown, zie docs/CONTENT-FORMAT.md). Sla een concept op, bekijk het voorbeeld of publiceer: publiceren maakt een nieuwe versie; de vorige versies blijven bewaard.",
        csrf: user.csrf.clone(),
        text,
        based_on: Some(based_on),
        can_preview: true,
        error,
        notice,
    };
    render(status, &page)
}

pub(crate) async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
) -> PageResult {
    let edit = state.app.dossier_for_edit(&slug).await?;
    let notice = edit
        .from_draft
        .then_some("U bewerkt het opgeslagen concept.");
    dossier_page(
        &slug,
        &user,
        edit.text,
        edit.based_on,
        StatusCode::OK,
        None,
        notice,
    )
}

fn refused(e: AppError) -> Result<(StatusCode, String), WebError> {
    match e {
        AppError::Invalid(m) => Ok((
            StatusCode::BAD_REQUEST,
            format!("Er is niets opgeslagen. Verbeter het volgende:\n{m}"),
        )),
        AppError::Conflict(m) => Ok((
            StatusCode::CONFLICT,
            format!("Er is niets gepubliceerd: {m}"),
        )),
        other => Err(other.into()),
    }
}

pub(crate) async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<EditForm>,
) -> PageResult {
    let app = &state.app;
    let based_on = form.versie.unwrap_or(0);
    let by = user_id(&user);
    let outcome = match form.actie.as_str() {
        "publiceren" => app
            .publish_dossier_text(&slug, &form.tekst, based_on, by)
            .await
            .map(|_| Redirect::to(&format!("/dossiers/{slug}")).into_response()),
        "voorbeeld" => match app
            .save_dossier_draft(&slug, &form.tekst, based_on, by)
            .await
        {
            Ok(dossier) => {
                let view = app
                    .dossier_view(based_on, based_on, app.preview_time(), dossier)
                    .await?;
                let meta = Meta::new(
                    format!("Voorbeeld: {}", view.dossier.title),
                    Section::Dossiers,
                )
                .crumb("Wat Werkt-dossiers", "/dossiers")
                .crumb(view.dossier.title.clone(), format!("/dossiers/{slug}"))
                .here("Voorbeeld");
                return super::dossiers::preview_html(
                    meta,
                    &view,
                    &user.csrf,
                    &form.tekst,
                    based_on,
                );
            }
            Err(e) => Err(e),
        },
        "opslaan" | "" => app
            .save_dossier_draft(&slug, &form.tekst, based_on, by)
            .await
            .map(|_| Redirect::to(&format!("/dossiers/{slug}/bewerken")).into_response()),
        other => {
            return Err(WebError::Invalid(format!("onbekende actie '{other}'")));
        }
    };
    match outcome {
        Ok(response) => Ok(response),
        Err(e) => {
            let (status, message) = refused(e)?;
            dossier_page(
                &slug,
                &user,
                form.tekst,
                based_on,
                status,
                Some(message),
                None,
            )
        }
    }
}

fn theme_page(
    code: &str,
    user: &CurrentUser,
    text: String,
    status: StatusCode,
    error: Option<String>,
    notice: Option<&'static str>,
) -> PageResult {
    let page = EditPage {
        meta: Meta::new("Themapagina bewerken", Section::Themes)
            .crumb("Thema's", "/themas")
            .crumb(code.to_owned(), format!("/themas/{code}"))
            .here("Bewerken"),
        action: format!("/themas/{code}/bewerken"),
        heading: format!("Themapagina bewerken: {code}"),
        intro: "De inleiding en de feiten en cijfers van het themadossier, in het inhoudsformaat (docs/CONTENT-FORMAT.md). Elk cijfer heeft een eenheid, een bron en per waarde een jaar.",
        csrf: user.csrf.clone(),
        text,
        based_on: None,
        can_preview: false,
        error,
        notice,
    };
    render(status, &page)
}

pub(crate) async fn edit_theme(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(code): Path<String>,
) -> PageResult {
    let text = state.app.theme_page_for_edit(&code).await?;
    theme_page(&code, &user, text, StatusCode::OK, None, None)
}

pub(crate) async fn save_theme(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<EditForm>,
) -> PageResult {
    match state.app.save_theme_page_text(&code, &form.tekst).await {
        Ok(_) => Ok(Redirect::to(&format!("/themas/{code}")).into_response()),
        Err(e) => {
            let (status, message) = refused(e)?;
            theme_page(&code, &user, form.tekst, status, Some(message), None)
        }
    }
}

fn publication_page(
    slug: &str,
    user: &CurrentUser,
    text: String,
    status: StatusCode,
    error: Option<String>,
) -> PageResult {
    let page = EditPage {
        meta: Meta::new("Publicatie bewerken", Section::Publications)
            .crumb("Publicaties", "/publicaties")
            .crumb(slug.to_owned(), format!("/publicaties/{slug}"))
            .here("Bewerken"),
        action: format!("/publicaties/{slug}/bewerken"),
        heading: format!("Publicatie bewerken: {slug}"),
        intro: "De gegevens (type, jaar, auteurs, thema's, status) en de tekst van de publicatie, in het inhoudsformaat (docs/CONTENT-FORMAT.md). De PDF-bijlage vervangt u via 'Bijlage uploaden'.",
        csrf: user.csrf.clone(),
        text,
        based_on: None,
        can_preview: false,
        error,
        notice: None,
    };
    render(status, &page)
}

pub(crate) async fn edit_publication(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
) -> PageResult {
    let text = state.app.publication_for_edit(&slug).await?;
    publication_page(&slug, &user, text, StatusCode::OK, None)
}

pub(crate) async fn save_publication(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<EditForm>,
) -> PageResult {
    match state.app.save_publication_text(&slug, &form.tekst).await {
        Ok(p) if p.status == watwerkt_domain::PublicationStatus::Published => {
            Ok(Redirect::to(&format!("/publicaties/{slug}")).into_response())
        }
        Ok(_) => Ok(Redirect::to(&format!("/publicaties/{slug}/bewerken")).into_response()),
        Err(e) => {
            let (status, message) = refused(e)?;
            publication_page(&slug, &user, form.tekst, status, Some(message))
        }
    }
}
