//! Editing by the redactie over HTTP: PDF uploads (limit, magic bytes, path
//! tricks, CSRF) and the dossier editor (draft, preview, publish, stale edit).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth_support;
mod common;

use auth_support::{form_csrf, signed_in, Browser};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{one, text, Reply, Site};
use watwerkt_app::dossier::UploadPolicy;
use watwerkt_app::AppConfig;
use watwerkt_domain::Role;
use watwerkt_testkit::{test_today, TestApp};

const SLUG: &str = "factsheet-eenzaamheid-ouderen";
const LIMIT: u64 = 4096;

/// Posts the dossier edit form: text, the version it started from, an action.
async fn edit(
    browser: &mut Browser,
    site: &Site,
    uri: &str,
    csrf: &str,
    text: &str,
    version: &str,
    action: &str,
) -> Reply {
    browser
        .post_raw(
            site,
            uri,
            &[
                ("csrf", csrf),
                ("tekst", text),
                ("versie", version),
                ("actie", action),
            ],
        )
        .await
}

async fn site() -> Site {
    let config = AppConfig {
        uploads: UploadPolicy { max_bytes: LIMIT },
        ..AppConfig::default()
    };
    let test = TestApp::empty_with(test_today(), config).await;
    assert!(test.app.load_demo_if_empty().await.unwrap());
    Site::from(test)
}

fn multipart(csrf: &str, file_name: &str, content_type: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----wwgrens7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"{file_name}\"\r\n\
             Content-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(
    site: &Site,
    browser: &Browser,
    csrf: &str,
    file_name: &str,
    content_type: &str,
    bytes: &[u8],
) -> Reply {
    let (ct, body) = multipart(csrf, file_name, content_type, bytes);
    let request = Request::post(format!("/publicaties/{SLUG}/bijlage"))
        .header(header::CONTENT_TYPE, ct)
        .header(
            header::COOKIE,
            format!("watwerkt_sessie={}", browser.session.clone().unwrap()),
        )
        .body(Body::from(body))
        .unwrap();
    site.request(request).await
}

/// The text of an element as it is (the editor's text keeps its line breaks).
fn raw(el: scraper::ElementRef<'_>) -> String {
    el.text().collect()
}

fn pdf(size: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.4\n".to_vec();
    b.resize(size, b' ');
    b
}

async fn attachment(site: &Site) -> watwerkt_domain::dossier::Attachment {
    site.test
        .app
        .publication(SLUG)
        .await
        .unwrap()
        .attachment
        .unwrap()
}

#[tokio::test]
async fn a_redacteur_uploads_a_pdf_and_it_is_served_at_a_stable_address() {
    let site = site().await;
    let (_, mut browser) = signed_in(&site, &[Role::Editor]).await;
    let page = browser
        .get(&site, &format!("/publicaties/{SLUG}/bijlage"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = form_csrf(&page);
    let bytes = pdf(2000);
    let reply = upload(
        &site,
        &browser,
        &csrf,
        "nieuwe factsheet.pdf",
        "application/pdf",
        &bytes,
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let a = attachment(&site).await;
    assert_eq!(a.file_name, "nieuwe factsheet.pdf");
    assert_eq!(a.size, 2000);
    assert_eq!(a.sha256, watwerkt_app::dossier::sha256_hex(&bytes));
    // Stored under its hash in <data_dir>/bestanden, never under the given name.
    let stored = site.test.dir.path().join("bestanden").join(&a.sha256);
    assert_eq!(std::fs::read(stored).unwrap(), bytes);
    assert!(!site
        .test
        .dir
        .path()
        .join("bestanden")
        .join("nieuwe factsheet.pdf")
        .exists());
    let doc = site.page(&format!("/publicaties/{SLUG}")).await;
    assert_eq!(text(one(&doc, ".ww-download__meta")), "(PDF, 2,0 kB)");
}

#[tokio::test]
async fn refused_uploads_change_nothing_and_say_why_in_dutch() {
    let site = site().await;
    let before = attachment(&site).await;
    let (_, mut browser) = signed_in(&site, &[Role::Editor]).await;
    let page = browser
        .get(&site, &format!("/publicaties/{SLUG}/bijlage"))
        .await;
    let csrf = form_csrf(&page);

    let cases: [(&str, &str, Vec<u8>, StatusCode, &str); 6] = [
        // Larger than the configured limit.
        (
            "groot.pdf",
            "application/pdf",
            pdf(LIMIT as usize + 1),
            StatusCode::PAYLOAD_TOO_LARGE,
            "te groot",
        ),
        // Claims to be a PDF but is not (magic bytes).
        (
            "nep.pdf",
            "application/pdf",
            b"MZ\x90\x00 geen pdf".to_vec(),
            StatusCode::BAD_REQUEST,
            "begint niet met %PDF-",
        ),
        // A type that is not allowed.
        (
            "plaatje.pdf",
            "image/png",
            pdf(100),
            StatusCode::BAD_REQUEST,
            "alleen PDF-bestanden",
        ),
        // Path tricks in the name.
        (
            "../../etc/passwd.pdf",
            "application/pdf",
            pdf(100),
            StatusCode::BAD_REQUEST,
            "niet toegestaan",
        ),
        (
            "/tmp/absoluut.pdf",
            "application/pdf",
            pdf(100),
            StatusCode::BAD_REQUEST,
            "niet toegestaan",
        ),
        (
            "..\\windows.pdf",
            "application/pdf",
            pdf(100),
            StatusCode::BAD_REQUEST,
            "niet toegestaan",
        ),
    ];
    for (name, ct, bytes, status, message) in cases {
        let reply = upload(&site, &browser, &csrf, name, ct, &bytes).await;
        assert_eq!(reply.status, status, "{name}: {}", reply.body);
        let doc = reply.html();
        let error = text(one(&doc, ".ww-form-error__text"));
        assert!(
            error.starts_with("Er is niets opgeslagen"),
            "{name}: {error}"
        );
        assert!(error.contains(message), "{name}: {error}");
        assert_eq!(
            attachment(&site).await,
            before,
            "{name} changed the attachment"
        );
    }
    // Nothing was written under a given name, only hashes.
    for entry in std::fs::read_dir(site.test.dir.path().join("bestanden")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit()),
            "{name}"
        );
    }
}

#[tokio::test]
async fn an_upload_without_the_csrf_token_or_the_role_is_refused() {
    let site = site().await;
    let before = attachment(&site).await;
    let (_, editor) = signed_in(&site, &[Role::Editor]).await;
    let reply = upload(&site, &editor, "", "a.pdf", "application/pdf", &pdf(100)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = upload(
        &site,
        &editor,
        "verkeerd",
        "a.pdf",
        "application/pdf",
        &pdf(100),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);

    let (_, owner) = signed_in(&site, &[Role::Owner]).await;
    let csrf = owner.csrf();
    let reply = upload(&site, &owner, &csrf, "a.pdf", "application/pdf", &pdf(100)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(attachment(&site).await, before);
}

const DOSSIER: &str = "mantelzorgers-ontlasten";

#[tokio::test]
async fn a_redacteur_saves_a_draft_previews_and_publishes_a_new_version() {
    let site = site().await;
    let (_, mut browser) = signed_in(&site, &[Role::Editor]).await;
    let edit_uri = format!("/dossiers/{DOSSIER}/bewerken");
    let page = browser.get(&site, &edit_uri).await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = page.html();
    let text_now = raw(one(&doc, "textarea#tekst"));
    let csrf = form_csrf(&page);
    let changed = text_now.replace("herzien_voor: 2026-12-01", "herzien_voor: 2027-12-01");
    assert_ne!(changed, text_now);

    // Draft: stored, nothing published.
    let reply = edit(
        &mut browser,
        &site,
        &edit_uri,
        &csrf,
        &changed,
        "1",
        "opslaan",
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(
        site.test.app.dossier(DOSSIER, None).await.unwrap().version,
        1
    );
    let again = browser.get(&site, &edit_uri).await;
    assert_eq!(raw(one(&again.html(), "textarea#tekst")), changed);

    // Preview: the page as it will look, with a publish form.
    let reply = edit(
        &mut browser,
        &site,
        &edit_uri,
        &csrf,
        &changed,
        "1",
        "voorbeeld",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let doc = reply.html();
    assert_eq!(common::all(&doc, ".ww-preview-notice").len(), 1);
    assert_eq!(common::all(&doc, "form.ww-publish-form").len(), 1);

    // Publish: version 2.
    let reply = edit(
        &mut browser,
        &site,
        &edit_uri,
        &csrf,
        &changed,
        "1",
        "publiceren",
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let view = site.test.app.dossier(DOSSIER, None).await.unwrap();
    assert_eq!(view.version, 2);
    assert_eq!(view.dossier.review_due.to_string(), "2027-12-01");

    // A second redacteur who started from version 1 is refused: 409, nothing changes.
    let (_, mut other) = signed_in(&site, &[Role::Editor]).await;
    let csrf2 = other.csrf();
    let stale = text_now.replace("Lotgenotencontact helpt", "Lotgenotencontact helpt vaak");
    let reply = edit(
        &mut other,
        &site,
        &edit_uri,
        &csrf2,
        &stale,
        "1",
        "publiceren",
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    let error = text(one(&reply.html(), ".ww-form-error__text"));
    assert!(
        error.contains("iemand anders heeft intussen versie 2 gepubliceerd"),
        "{error}"
    );
    // The person's text is kept in the form.
    assert_eq!(raw(one(&reply.html(), "textarea#tekst")), stale);
    assert_eq!(
        site.test.app.dossier_versions(DOSSIER).await.unwrap().len(),
        2
    );

    // Without the CSRF token nothing happens.
    let reply = browser
        .post_raw(
            &site,
            &edit_uri,
            &[
                ("tekst", &changed),
                ("versie", "2"),
                ("actie", "publiceren"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        site.test.app.dossier_versions(DOSSIER).await.unwrap().len(),
        2
    );
}

#[tokio::test]
async fn a_redacteur_edits_a_theme_page_and_bad_figures_are_refused() {
    let site = site().await;
    let (_, mut browser) = signed_in(&site, &[Role::Editor]).await;
    let uri = "/themas/dementie/bewerken";
    let page = browser.get(&site, uri).await;
    let csrf = form_csrf(&page);
    let text_now = raw(one(&page.html(), "textarea#tekst"));
    let bad = text_now.replace("  bron: Dementiemonitor (fictief)\n", "");
    let reply = browser
        .post_raw(&site, uri, &[("csrf", &csrf), ("tekst", &bad)])
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let error = text(one(&reply.html(), ".ww-form-error__text"));
    assert!(error.contains("noemt geen bron"), "{error}");
    let good = text_now.replace(
        "  - jaar: 2025\n    waarde: 320\n",
        "  - jaar: 2025\n    waarde: 330\n",
    );
    assert_ne!(good, text_now);
    let reply = browser
        .post_raw(&site, uri, &[("csrf", &csrf), ("tekst", &good)])
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let doc = site.page("/themas/dementie").await;
    assert!(common::texts(&doc, ".ww-figure-table td").contains(&"330".to_owned()));
}

#[tokio::test]
async fn a_redacteur_edits_a_publication_but_not_its_attachment_through_the_text() {
    let site = site().await;
    let (_, mut browser) = signed_in(&site, &[Role::Editor]).await;
    let uri = format!("/publicaties/{SLUG}/bewerken");
    let page = browser.get(&site, &uri).await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = form_csrf(&page);
    let text_now = raw(one(&page.html(), "textarea#tekst"));
    let before = attachment(&site).await;

    let sneaky = text_now.replace(&before.sha256, &"0".repeat(64));
    let reply = browser
        .post_raw(&site, &uri, &[("csrf", &csrf), ("tekst", &sneaky)])
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(text(one(&reply.html(), ".ww-form-error__text")).contains("Bijlage uploaden"));
    assert_eq!(attachment(&site).await, before);

    let bad_year = text_now.replace("jaar: 2025", "jaar: 3025");
    let reply = browser
        .post_raw(&site, &uri, &[("csrf", &csrf), ("tekst", &bad_year)])
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(text(one(&reply.html(), ".ww-form-error__text")).contains("niet aannemelijk"));

    let good = text_now.replace("jaar: 2025", "jaar: 2024");
    let reply = browser
        .post_raw(&site, &uri, &[("csrf", &csrf), ("tekst", &good)])
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let p = site.test.app.publication(SLUG).await.unwrap();
    assert_eq!(p.year, Some(2024));
    assert_eq!(p.attachment, Some(before));
}

#[tokio::test]
async fn edit_links_are_shown_to_the_redactie_only() {
    let site = site().await;
    let (_, mut editor) = signed_in(&site, &[Role::Editor]).await;
    let (_, mut owner) = signed_in(&site, &[Role::Owner]).await;
    for (uri, link) in [
        (
            format!("/dossiers/{DOSSIER}"),
            format!("/dossiers/{DOSSIER}/bewerken"),
        ),
        (
            "/themas/dementie".to_owned(),
            "/themas/dementie/bewerken".to_owned(),
        ),
        (
            format!("/publicaties/{SLUG}"),
            format!("/publicaties/{SLUG}/bijlage"),
        ),
    ] {
        let doc = editor.get(&site, &uri).await.html();
        assert!(
            common::hrefs(&doc, ".ww-editor-links a").contains(&link),
            "{uri}"
        );
        let doc = owner.get(&site, &uri).await.html();
        assert!(common::all(&doc, ".ww-editor-links").is_empty(), "{uri}");
        let doc = site.page(&uri).await;
        assert!(common::all(&doc, ".ww-editor-links").is_empty(), "{uri}");
    }
}
