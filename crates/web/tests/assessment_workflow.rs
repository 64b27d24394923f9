//! The erkenningstraject through the router: an owner writes and submits a
//! werkblad, the coördinator assigns three assessors, they review (hidden from
//! each other until all are in), the decision is published on the public
//! page. Every refusal on the way is checked to change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod assessment_support;
mod common;

use assessment_support::{person, Person};
use axum::http::StatusCode;
use common::{all, one, Site};
use scraper::Html;
use watwerkt_domain::Role;
use watwerkt_store::{AssessmentStore, MailOutbox};

fn text(doc: &Html, css: &str) -> String {
    one(doc, css).text().collect::<String>().trim().to_owned()
}

fn version(doc: &Html) -> String {
    all(doc, "input[name=versie]")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned()
}

const SECTIONS: &[&str] = &[
    "samenvatting",
    "probleemomschrijving",
    "doelgroep",
    "aanpak",
    "onderbouwing",
    "materialen",
];

fn werkblad_fields<'a>(
    version: &'a str,
    action: &'a str,
    texts: &'a [(String, String)],
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("versie", version),
        ("actie", action),
        ("titel", "Samen Sterk in de Wijk"),
        ("hoofddoel", "Minder eenzaamheid onder ouderen in de wijk."),
    ];
    for (k, v) in texts {
        f.push((k.as_str(), v.as_str()));
    }
    f
}

fn full_texts() -> Vec<(String, String)> {
    SECTIONS
        .iter()
        .map(|s| (format!("sectie-{s}"), format!("Tekst voor {s}.")))
        .collect()
}

struct Cast {
    owner: Person,
    coordinator: Person,
    assessors: Vec<Person>,
    same_org: Person,
}

async fn cast(site: &Site) -> Cast {
    let owner = person(site, "Olga Eigenaar", "Stichting Eigen", &[Role::Owner]).await;
    let coordinator = person(
        site,
        "Cor Coordinator",
        "Kennisinstituut",
        &[Role::Coordinator],
    )
    .await;
    let mut assessors = Vec::new();
    for (name, org) in [
        ("Anna Een", "Gemeente Een"),
        ("Bert Twee", "Welzijn Twee"),
        ("Carla Drie", "Zorg Drie"),
        ("Dirk Vier", "Wijkteam Vier"),
    ] {
        assessors.push(person(site, name, org, &[Role::Assessor]).await);
    }
    let same_org = person(site, "Sam Collega", "Stichting Eigen", &[Role::Assessor]).await;
    Cast {
        owner,
        coordinator,
        assessors,
        same_org,
    }
}

/// Creates the concept intervention "Samen Sterk in de Wijk" as `owner`;
/// returns the path of its werkblad.
async fn create_concept(site: &Site, owner: &Person) -> String {
    let r = owner
        .post(
            site,
            "/mijn/interventies/nieuw",
            &[
                ("titel", "Samen Sterk in de Wijk"),
                ("thema", "eenzaamheid"),
                ("niveau", "goed-beschreven"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let werkblad = "/mijn/interventies/samen-sterk-in-de-wijk/werkblad".to_owned();
    assert_eq!(r.header("location"), werkblad);
    werkblad
}

/// Creates a concept intervention and submits its werkblad; returns (slug, id).
async fn submitted(site: &Site, owner: &Person) -> (String, i64) {
    let slug = "samen-sterk-in-de-wijk".to_owned();
    let werkblad = create_concept(site, owner).await;
    let doc = owner.get(site, &werkblad).await.html();
    let v = version(&doc);
    let texts = full_texts();
    let fields = werkblad_fields(&v, "indienen", &texts);
    let mut with_inclusion = fields.clone();
    with_inclusion.extend([("eigenaar", "ja"), ("plaatsen", "3"), ("handleiding", "ja")]);
    let r = owner.post(site, &werkblad, &with_inclusion).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = site.test.store.list_assessments(None).await.unwrap()[0]
        .id
        .0;
    (slug, id)
}

/// The toewijzen form at version `v`: round 2026-3, the `reviewers` and
/// those of them whose declaration of no conflict of interest was received.
fn assignment<'a>(
    v: &'a str,
    reviewers: &[&'a str],
    declared: &[&'a str],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![("versie", v), ("ronde", "2026-3")];
    fields.extend(reviewers.iter().map(|r| ("beoordelaar", *r)));
    fields.extend(declared.iter().map(|d| ("verklaring", *d)));
    fields
}

#[tokio::test]
async fn missing_sections_block_submission_with_a_list_and_store_nothing() {
    let site = Site::demo().await;
    let c = cast(&site).await;
    let werkblad = &create_concept(&site, &c.owner).await;
    let doc = c.owner.get(&site, werkblad).await.html();
    let v = version(&doc);
    let mut texts = full_texts();
    texts.retain(|(k, _)| k != "sectie-aanpak" && k != "sectie-onderbouwing");
    let mut fields = werkblad_fields(&v, "indienen", &texts);
    fields.extend([("eigenaar", "ja"), ("plaatsen", "3"), ("handleiding", "ja")]);
    let r = c.owner.post(&site, werkblad, &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = r.html();
    assert_eq!(
        text(&doc, ".ww-notice p"),
        "Niet gelukt: verplichte secties ontbreken: Aanpak, Onderbouwing"
    );
    // The typed text is still in the form, but nothing was stored.
    assert_eq!(
        text(&doc, "textarea[name=sectie-samenvatting]"),
        "Tekst voor samenvatting."
    );
    let rec = &site.test.store.list_assessments(None).await.unwrap()[0];
    assert_eq!(rec.state.stage.code(), "concept");
    assert!(site
        .test
        .store
        .submitted_versions(rec.id)
        .await
        .unwrap()
        .is_empty());
    assert!(site
        .test
        .store
        .get_draft(rec.id)
        .await
        .unwrap()
        .description
        .sections
        .is_empty());

    // One place in use: the inclusion criteria refuse it.
    let texts = full_texts();
    let mut fields = werkblad_fields(&v, "indienen", &texts);
    fields.extend([("eigenaar", "ja"), ("plaatsen", "1"), ("handleiding", "ja")]);
    let r = c.owner.post(&site, werkblad, &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html(), ".ww-notice p").contains("minstens 2 plaatsen"));

    // Saving the draft keeps it; the version moves on.
    let fields = werkblad_fields(&v, "opslaan", &texts);
    let r = c.owner.post(&site, werkblad, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let doc = c.owner.get(&site, werkblad).await.html();
    assert_ne!(version(&doc), v);
    assert!(all(&doc, ".ww-missing").is_empty(), "nothing missing now");
}

#[tokio::test]
async fn the_whole_traject_ends_on_the_public_page() {
    let site = Site::demo().await;
    let c = cast(&site).await;
    let mails_before = site.test.store.unsent_mail_count().await.unwrap();
    let (slug, id) = submitted(&site, &c.owner).await;
    let werkblad = format!("/mijn/interventies/{slug}/werkblad");
    assert!(
        site.test.store.unsent_mail_count().await.unwrap() > mails_before,
        "the coördinator is told"
    );

    // A double submit (the same form again) is refused and changes nothing.
    let texts = full_texts();
    let mut again = werkblad_fields("1", "indienen", &texts);
    again.extend([("eigenaar", "ja"), ("plaatsen", "3"), ("handleiding", "ja")]);
    let r = c.owner.post(&site, &werkblad, &again).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(
        site.test
            .store
            .submitted_versions(watwerkt_store::AssessmentId(id))
            .await
            .unwrap()
            .len(),
        1
    );

    // Another owner cannot open or change this werkblad.
    let intruder = person(&site, "Ingrid Ander", "Andere Stichting", &[Role::Owner]).await;
    let r = intruder.get(&site, &werkblad).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(text(&r.html(), ".ww-error-message").contains("andere eigenaar"));
    let r = intruder.post(&site, &werkblad, &again).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = intruder.get(&site, &format!("/erkenning/{id}")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The coördinator's queue and traject page.
    let doc = c.coordinator.get(&site, "/erkenning").await.html();
    assert_eq!(all(&doc, ".ww-queue tbody tr").len(), 1);
    let traject = format!("/erkenning/{id}");
    let doc = c.coordinator.get(&site, &traject).await.html();
    assert_eq!(text(&doc, ".ww-traject-facts .ww-stage"), "ingediend");
    let offered: Vec<String> = all(&doc, "input[name=beoordelaar]")
        .iter()
        .map(|e| e.value().attr("value").unwrap().to_owned())
        .collect();
    assert_eq!(
        offered.len(),
        4,
        "the colleague of the owner is not offered"
    );
    assert!(!offered.contains(&c.same_org.id.0.to_string()));
    let v = version(&doc);

    // Assigning someone of the owner's organisation is refused.
    let ids: Vec<String> = c.assessors.iter().map(|p| p.id.0.to_string()).collect();
    let same = c.same_org.id.0.to_string();
    let refused = c
        .coordinator
        .post(
            &site,
            &format!("{traject}/toewijzen"),
            &assignment(&v, &[&ids[0], &ids[1], &same], &[&ids[0], &ids[1], &same]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&refused.html(), ".ww-notice p").contains("organisatie van de eigenaar"));
    // Without each declaration of no conflict of interest: refused too.
    let refused = c
        .coordinator
        .post(
            &site,
            &format!("{traject}/toewijzen"),
            &assignment(&v, &[&ids[0], &ids[1], &ids[2]], &[&ids[0]]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = c
        .coordinator
        .post(
            &site,
            &format!("{traject}/toewijzen"),
            &assignment(
                &v,
                &[&ids[0], &ids[1], &ids[2]],
                &[&ids[0], &ids[1], &ids[2]],
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The fourth assessor is not assigned: no access to this review.
    let r = c.assessors[3]
        .get(&site, &format!("/beoordelen/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let doc = c.assessors[3].get(&site, "/beoordelen").await.html();
    assert!(all(&doc, ".ww-assignments").is_empty());

    // Reviews: each hidden from the others until all are in.
    let verdicts = ["erkennen", "erkennen", "niet-erkennen"];
    for (i, verdict) in verdicts.iter().enumerate() {
        let who = &c.assessors[i];
        let page = format!("/beoordelen/{id}");
        let doc = who.get(&site, &page).await.html();
        if i > 0 {
            assert!(all(&doc, ".ww-review").is_empty(), "others hidden");
            assert_eq!(all(&doc, ".ww-hidden-reviews").len(), 1);
        }
        let v = version(&doc);
        let n = all(&doc, ".ww-criterion").len();
        assert_eq!(n, 10, "the checklist of goed beschreven");
        let keys: Vec<(String, String)> = (0..n)
            .flat_map(|k| {
                [
                    (format!("criterium-{k}"), "ja".to_owned()),
                    (format!("motivering-{k}"), format!("Motivering {k}.")),
                ]
            })
            .collect();
        let mut fields: Vec<(&str, &str)> =
            keys.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let motivation = format!("Eindoordeel van beoordelaar {i}.");
        fields.extend([
            ("versie", v.as_str()),
            ("oordeel", verdict),
            ("motivering", motivation.as_str()),
        ]);
        // Without the declaration of no conflict of interest: refused.
        let r = who.post(&site, &page, &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        fields.push(("geen-belangenconflict", "ja"));
        let r = who.post(&site, &page, &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // The same form again: refused.
        let r = who.post(&site, &page, &fields).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
    }
    let doc = c.assessors[0]
        .get(&site, &format!("/beoordelen/{id}"))
        .await
        .html();
    assert_eq!(
        all(&doc, ".ww-review").len(),
        2,
        "all in: the others are visible"
    );

    // "Niet erkennen" while 2 of 3 recognise: refused, nothing changes.
    let doc = c.coordinator.get(&site, &traject).await.html();
    let v = version(&doc);
    let r = c
        .coordinator
        .post(
            &site,
            &format!("{traject}/besluit"),
            &[
                ("versie", &v),
                ("besluit", "niet-erkennen"),
                ("samenvatting", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html(), ".ww-notice p").contains("2 van 3"));
    let r = c
        .coordinator
        .post(
            &site,
            &format!("{traject}/besluit"),
            &[
                ("versie", &v),
                ("besluit", "erkennen"),
                (
                    "samenvatting",
                    "De praktijkbeoordelaars vinden de aanpak helder en overdraagbaar.",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The public page: badge, date, "erkend tot", summary.
    let doc = site.page(&format!("/interventies/{slug}")).await;
    assert_eq!(
        text(&doc, ".ww-rating-box .ww-rating__label"),
        "Goed beschreven"
    );
    assert_eq!(
        one(&doc, ".ww-rating-box .ww-validity time")
            .value()
            .attr("datetime"),
        Some("2029-11-24")
    );
    assert_eq!(
        text(&doc, ".ww-decision-summary"),
        "De praktijkbeoordelaars vinden de aanpak helder en overdraagbaar."
    );

    // History for the coördinator and the audit log; not for the owner.
    let doc = c.coordinator.get(&site, &traject).await.html();
    // started, submitted, assigned, three reviews, decided
    assert_eq!(all(&doc, ".ww-audit tbody tr").len(), 7);
    let doc = c.coordinator.get(&site, "/audit").await.html();
    assert!(all(&doc, ".ww-audit tbody tr").len() >= 8);
    assert_eq!(
        c.owner.get(&site, "/audit").await.status,
        StatusCode::FORBIDDEN
    );
    let doc = c.owner.get(&site, &traject).await.html();
    assert!(all(&doc, ".ww-audit").is_empty());
    assert!(
        all(&doc, ".ww-review").is_empty(),
        "the owner reads the public summary"
    );
}

#[tokio::test]
async fn a_form_without_its_csrf_token_changes_nothing() {
    let site = Site::demo().await;
    let c = cast(&site).await;
    let r = c
        .owner
        .post_raw(
            &site,
            "/mijn/interventies/nieuw",
            "titel=Zonder+token&thema=eenzaamheid&niveau=goed-beschreven",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(site
        .test
        .store
        .list_assessments(None)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_account_page_links_to_the_work_of_each_role() {
    let site = Site::demo().await;
    let c = cast(&site).await;
    let links = |doc: &Html| -> Vec<String> {
        all(doc, ".ww-work-links a")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        links(&c.owner.get(&site, "/account").await.html()),
        ["/mijn/interventies"]
    );
    assert_eq!(
        links(&c.assessors[0].get(&site, "/account").await.html()),
        ["/beoordelen"]
    );
    assert_eq!(
        links(&c.coordinator.get(&site, "/account").await.html()),
        ["/erkenning", "/audit"]
    );
    let editor = person(&site, "Erik Redacteur", "Redactie", &[Role::Editor]).await;
    assert!(links(&editor.get(&site, "/account").await.html()).is_empty());
}
