//! Expiry with an injected clock: six months before a rating ends its owner
//! is told once; after the end date the public page says "verlopen" and the
//! owner's dashboard offers "herbeoordeling aanvragen", which starts the same
//! workflow.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod assessment_support;
mod common;

use assessment_support::{person, Person};
use axum::http::StatusCode;
use common::{all, one, Reply, Site};
use watwerkt_app::FixedClock;
use watwerkt_domain::Role;
use watwerkt_store::{AssessmentStore, AuditEntry, ContentBatch, MailOutbox};
use watwerkt_testkit::builders::{date, intervention, rating, slug};
use watwerkt_testkit::TestApp;

fn grant() -> AuditEntry {
    AuditEntry {
        id: 0,
        at: chrono::Utc::now(),
        actor: None,
        subject_kind: "interventie".into(),
        subject_id: "verloopt".into(),
        action: "eigenaar geregistreerd".into(),
        from_state: None,
        to_state: None,
        detail: String::new(),
    }
}

/// Asks for the re-assessment of "verloopt" at goed beschreven, as `who`.
async fn ask_reassessment(site: &Site, who: &Person) -> Reply {
    who.post(
        site,
        "/mijn/interventies/verloopt/traject",
        &[("niveau", "goed-beschreven")],
    )
    .await
}

#[tokio::test]
async fn owners_are_told_once_and_may_ask_for_reassessment_after_the_end() {
    // The site lives on 1 February 2027; the rating (goed beschreven, 3
    // years) was decided on 15 January 2024 and holds until 15 January 2027.
    let test = TestApp::empty_on(date("2027-02-01")).await;
    let mut i = intervention("verloopt", "Verloopt Binnenkort");
    i.rating = Some(rating(watwerkt_domain::Rating::WellDescribed, "2024-01-15"));
    test.app
        .import_batch(&ContentBatch {
            interventions: vec![i],
            ..Default::default()
        })
        .await
        .unwrap();
    let site = Site::from(test);
    let owner = person(&site, "Olga Eigenaar", "Stichting Test", &[Role::Owner]).await;
    // The coördinator registers the owner's account for the intervention.
    let coordinator = person(&site, "Cor Coordinator", "Instituut", &[Role::Coordinator]).await;
    let r = coordinator
        .post(
            &site,
            "/erkenning/eigenaren",
            &[
                ("interventie", "verloopt"),
                ("email", "onbekend@elders.test"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(one(&r.html(), ".ww-notice p")
        .text()
        .collect::<String>()
        .contains("nodig de eigenaar eerst uit"));
    let r = coordinator
        .post(
            &site,
            "/erkenning/eigenaren",
            &[("interventie", "verloopt"), ("email", &owner.email)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let s = slug("verloopt");
    assert_eq!(site.test.store.owners_of(&s).await.unwrap(), vec![owner.id]);
    // Registering twice changes nothing.
    site.test
        .store
        .grant_ownership(&s, owner.id, &grant(), chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(site.test.store.owners_of(&s).await.unwrap().len(), 1);
    let app = &site.test.app;
    let outbox = || async { site.test.store.unsent_mail_count().await.unwrap() };
    let before = outbox().await;

    // A day before the notice period: nothing.
    let r = app
        .run_expiry(&FixedClock::on(date("2026-07-14")))
        .await
        .unwrap();
    assert_eq!((r.notified, r.already_notified), (0, 0));
    assert_eq!(outbox().await, before);

    // First day of the period: one mail to the owner.
    let r = app
        .run_expiry(&FixedClock::on(date("2026-07-15")))
        .await
        .unwrap();
    assert_eq!(r.notified, 1);
    assert_eq!(outbox().await, before + 1);
    let due = site
        .test
        .store
        .due_mails(chrono::Utc::now() + chrono::Duration::days(400), 100)
        .await
        .unwrap();
    let mail = due
        .iter()
        .find(|m| m.mail.subject.contains("loopt af"))
        .expect("the notice is queued");
    assert_eq!(mail.mail.to, owner.email);
    assert!(mail.mail.body.contains("2027-01-15"), "{}", mail.mail.body);

    // Later runs (daily, or after a restart) send nothing new.
    for day in ["2026-07-16", "2026-12-31", "2027-01-15"] {
        let r = app.run_expiry(&FixedClock::on(date(day))).await.unwrap();
        assert_eq!((r.notified, r.already_notified), (0, 1), "{day}");
    }
    assert_eq!(outbox().await, before + 1);
    // After the end date it is no longer "about to end".
    let r = app
        .run_expiry(&FixedClock::on(date("2027-01-16")))
        .await
        .unwrap();
    assert_eq!((r.notified, r.already_notified), (0, 0));

    // On the site's day (after the end): "verlopen" on the public page…
    let doc = site.page("/interventies/verloopt").await;
    assert_eq!(
        one(&doc, ".ww-rating-box .ww-validity--expired time")
            .value()
            .attr("datetime"),
        Some("2027-01-15")
    );
    // …and the owner's dashboard offers a re-assessment.
    let doc = owner.get(&site, "/mijn/interventies").await.html();
    let button = one(
        &doc,
        "form[action='/mijn/interventies/verloopt/traject'] button",
    );
    assert_eq!(
        button.text().collect::<String>(),
        "Herbeoordeling aanvragen"
    );
    let r = ask_reassessment(&site, &owner).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let doc = owner
        .get(&site, "/mijn/interventies/verloopt/werkblad")
        .await
        .html();
    assert_eq!(
        one(&doc, ".ww-traject-facts .ww-stage")
            .text()
            .collect::<String>(),
        "concept"
    );
    // The draft starts from the published werkblad.
    assert_eq!(
        one(&doc, "textarea[name=sectie-samenvatting]")
            .text()
            .collect::<String>(),
        "Samenvatting van Verloopt Binnenkort."
    );
    // While it runs, no second traject can start.
    let doc = owner.get(&site, "/mijn/interventies").await.html();
    assert!(all(&doc, "form[action='/mijn/interventies/verloopt/traject']").is_empty());
    let r = ask_reassessment(&site, &owner).await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // Somebody else cannot ask for it.
    let other = person(&site, "Otto Ander", "Elders", &[Role::Owner]).await;
    let r = ask_reassessment(&site, &other).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
