//! Decisions the rules forbid, erkend onder voorbehoud → additions → erkend,
//! and an appeal that changes the rating. Setup through the use cases, the
//! steps under test through the router.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod assessment_support;
mod common;

use assessment_support::{person, Person};
use axum::http::StatusCode;
use common::{all, one, Reply, Site};
use watwerkt_app::assessment::{Assignment, ReviewForm, WerkbladEdit};
use watwerkt_domain::assessment::{Inclusion, Verdict};
use watwerkt_domain::{Coded, Rating, Role, Section, Theme};
use watwerkt_store::AssessmentStore;

fn edit() -> WerkbladEdit {
    WerkbladEdit {
        title: "Buurtkracht".into(),
        main_goal: "Meer onderling contact in de buurt.".into(),
        sections: [
            Section::Summary,
            Section::Problem,
            Section::TargetGroup,
            Section::Approach,
            Section::Rationale,
            Section::Materials,
        ]
        .iter()
        .map(|s| (*s, format!("Tekst bij {}.", s.label())))
        .collect(),
    }
}

const INCLUSION: Inclusion = Inclusion {
    owner_or_licensee: true,
    places_in_use: 4,
    manual_exists: true,
};

struct Traject {
    id: i64,
    slug: String,
    owner: Person,
    coordinator: Person,
    reviewers: Vec<Person>,
}

/// A submitted, assigned traject at `level`, reviewed with `verdicts`.
async fn reviewed(site: &Site, level: Rating, verdicts: &[Verdict]) -> Traject {
    let app = &site.test.app;
    let owner = person(site, "Olga Eigenaar", "Stichting Eigen", &[Role::Owner]).await;
    let coordinator = person(site, "Cor Coordinator", "Instituut", &[Role::Coordinator]).await;
    let role = app.reviewer_role(level);
    let mut reviewers = Vec::new();
    for (i, _) in verdicts.iter().enumerate() {
        reviewers.push(
            person(
                site,
                &format!("Lid {i}"),
                &format!("Organisatie {i}"),
                &[role],
            )
            .await,
        );
    }
    let (slug, id) = app
        .create_concept_intervention(owner.id, "Buurtkracht", Theme::Eenzaamheid, level)
        .await
        .unwrap();
    let id = id.0;
    app.submit_werkblad(owner.id, id, 1, &edit(), None, INCLUSION)
        .await
        .unwrap();
    let ids: Vec<_> = reviewers.iter().map(|p| p.id).collect();
    app.assign_reviewers(
        coordinator.id,
        id,
        2,
        &Assignment {
            round: "2026-3".into(),
            reviewers: ids.clone(),
            declared: ids,
        },
    )
    .await
    .unwrap();
    let criteria = app.config().assessment.panel_for(level).criteria.clone();
    for (p, v) in reviewers.iter().zip(verdicts) {
        let motivation = format!("Oordeel van {}.", p.email);
        review(site, p, id, &criteria, *v, "Voldoende.", &motivation).await;
    }
    Traject {
        id,
        slug: slug.to_string(),
        owner,
        coordinator,
        reviewers,
    }
}

async fn version(site: &Site, id: i64) -> String {
    site.test
        .store
        .get_assessment(watwerkt_store::AssessmentId(id))
        .await
        .unwrap()
        .version
        .to_string()
}

/// `who` reviews traject `id` at its current version: every criterion met
/// (each motivated with `why`), the `verdict` motivated with `motivation`.
async fn review(
    site: &Site,
    who: &Person,
    id: i64,
    criteria: &[String],
    verdict: Verdict,
    why: &str,
    motivation: &str,
) {
    let v = version(site, id).await.parse().unwrap();
    let form = ReviewForm {
        scores: criteria
            .iter()
            .map(|c| (c.clone(), true, why.to_owned()))
            .collect(),
        verdict,
        motivation: motivation.to_owned(),
        no_conflict: true,
    };
    site.test
        .app
        .submit_review(who.id, id, v, &form)
        .await
        .unwrap();
}

/// POSTs `fields` to `uri` as `who`, with the version `v` the form was shown at.
async fn post_at(site: &Site, who: &Person, uri: &str, v: &str, fields: &[(&str, &str)]) -> Reply {
    let mut all = vec![("versie", v)];
    all.extend_from_slice(fields);
    who.post(site, uri, &all).await
}

#[tokio::test]
async fn two_of_four_committee_members_cannot_recognise() {
    let site = Site::demo().await;
    let t = reviewed(
        &site,
        Rating::WellFounded,
        &[
            Verdict::Recognise,
            Verdict::Recognise,
            Verdict::Reject,
            Verdict::Reject,
        ],
    )
    .await;
    let v = version(&site, t.id).await;
    let r = post_at(
        &site,
        &t.coordinator,
        &format!("/erkenning/{}/besluit", t.id),
        &v,
        &[("besluit", "erkennen"), ("samenvatting", "Samenvatting.")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = r.html();
    assert_eq!(
        one(&doc, ".ww-notice p").text().collect::<String>(),
        "Niet gelukt: dit besluit past niet bij de beoordelingen: 2 van 4 beoordelaars erkennen; nodig is unanimiteit"
    );
    assert_eq!(version(&site, t.id).await, v, "nothing changed");
    assert!(
        site.test.app.intervention(&t.slug).await.is_err(),
        "still a concept, not public"
    );
    // A committee member may not decide, and may not read the audit log.
    let r = post_at(
        &site,
        &t.reviewers[0],
        &format!("/erkenning/{}/besluit", t.id),
        &v,
        &[("besluit", "niet-erkennen"), ("samenvatting", "x")],
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        t.reviewers[0].get(&site, "/audit").await.status,
        StatusCode::FORBIDDEN
    );
    // Niet erkennen fits the reviews.
    let r = post_at(
        &site,
        &t.coordinator,
        &format!("/erkenning/{}/besluit", t.id),
        &v,
        &[
            ("besluit", "niet-erkennen"),
            ("samenvatting", "Onvoldoende onderbouwd."),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn conditional_then_additions_then_recognised_then_an_appeal() {
    let site = Site::demo().await;
    let t = reviewed(
        &site,
        Rating::WellDescribed,
        &[
            Verdict::Recognise,
            Verdict::RecogniseWithConditions,
            Verdict::Recognise,
        ],
    )
    .await;
    let traject = format!("/erkenning/{}", t.id);
    let v = version(&site, t.id).await;
    // Onder voorbehoud without saying which additions: refused.
    let r = post_at(
        &site,
        &t.coordinator,
        &format!("{traject}/besluit"),
        &v,
        &[("besluit", "voorbehoud")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = post_at(
        &site,
        &t.coordinator,
        &format!("{traject}/besluit"),
        &v,
        &[
            ("besluit", "voorbehoud"),
            ("aanvullingen", "Beschrijf de kosten per deelnemer."),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The owner sees the additions asked and sends them.
    let werkblad = format!("/mijn/interventies/{}/werkblad", t.slug);
    let doc = t.owner.get(&site, &werkblad).await.html();
    assert_eq!(
        one(&doc, ".ww-additions").text().collect::<String>(),
        "Beschrijf de kosten per deelnemer."
    );
    let v = version(&site, t.id).await;
    let mut fields: Vec<(String, String)> = vec![
        ("versie".into(), v.clone()),
        ("actie".into(), "indienen".into()),
        ("titel".into(), "Buurtkracht".into()),
        (
            "hoofddoel".into(),
            "Meer onderling contact in de buurt.".into(),
        ),
    ];
    for (s, text) in edit().sections {
        fields.push((format!("sectie-{}", s.code()), text));
    }
    fields.push(("sectie-kosten".into(), "Veertig euro per deelnemer.".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let r = t.owner.post(&site, &werkblad, &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        site.test
            .store
            .submitted_versions(watwerkt_store::AssessmentId(t.id))
            .await
            .unwrap()
            .len(),
        2,
        "every submitted version is kept"
    );

    // The panel looks again; all recognise now.
    let criteria = site
        .test
        .app
        .config()
        .assessment
        .well_described
        .criteria
        .clone();
    for p in &t.reviewers {
        let motivation = "De kosten zijn nu beschreven.";
        review(
            &site,
            p,
            t.id,
            &criteria,
            Verdict::Recognise,
            "Nu in orde.",
            motivation,
        )
        .await;
    }
    let v = version(&site, t.id).await;
    let r = post_at(
        &site,
        &t.coordinator,
        &format!("{traject}/besluit"),
        &v,
        &[
            ("besluit", "erkennen"),
            ("samenvatting", "Met de aanvullingen goed beschreven."),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let doc = site.page(&format!("/interventies/{}", t.slug)).await;
    assert_eq!(
        one(&doc, ".ww-rating-box .ww-rating__label")
            .text()
            .collect::<String>(),
        "Goed beschreven"
    );
    assert_eq!(
        one(&doc, "#kosten + .ww-prose p")
            .text()
            .collect::<String>(),
        "Veertig euro per deelnemer.",
        "the additions are public"
    );

    // An appeal: only the owner, with a motivation.
    let bezwaar = format!("{traject}/bezwaar");
    let v = version(&site, t.id).await;
    let r = post_at(&site, &t.reviewers[0], &bezwaar, &v, &[("motivering", "x")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let doc = t.owner.get(&site, &bezwaar).await.html();
    assert!(all(&doc, ".ww-notice").is_empty(), "the form is open");
    let r = post_at(&site, &t.owner, &bezwaar, &v, &[("motivering", " ")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = post_at(
        &site,
        &t.owner,
        &bezwaar,
        &v,
        &[("motivering", "Wij vragen niveau I.")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Twice: refused.
    let r = post_at(
        &site,
        &t.owner,
        &bezwaar,
        &v,
        &[("motivering", "Nog eens.")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The coördinator finds it founded and withdraws the recognition: the
    // rating changes, the earlier one stays as history.
    let v = version(&site, t.id).await;
    let r = post_at(
        &site,
        &t.coordinator,
        &format!("{bezwaar}/besluit"),
        &v,
        &[
            (
                "behandeling",
                "Bij nader inzien ontbreekt de procesevaluatie.",
            ),
            ("uitkomst", "niet-erkennen"),
            (
                "samenvatting",
                "Na bezwaar niet erkend: de procesevaluatie ontbreekt.",
            ),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let doc = site.page(&format!("/interventies/{}", t.slug)).await;
    assert_eq!(
        all(&doc, ".ww-rating-box .ww-rating--none").len(),
        1,
        "no current rating"
    );
    assert_eq!(
        all(&doc, ".ww-history__table tbody tr").len(),
        1,
        "the old one as history"
    );
    let summaries: Vec<String> = all(&doc, ".ww-decision-summary")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        summaries,
        [
            "Na bezwaar niet erkend: de procesevaluatie ontbreekt.",
            "Met de aanvullingen goed beschreven."
        ]
    );
}

#[tokio::test]
async fn at_most_two_feedback_rounds_then_a_decision() {
    let site = Site::demo().await;
    let t = reviewed(&site, Rating::WellDescribed, &[Verdict::Recognise; 3]).await;
    let traject = format!("/erkenning/{}", t.id);
    let werkblad = format!("/mijn/interventies/{}/werkblad", t.slug);
    for round in 1..=2 {
        let v = version(&site, t.id).await;
        // Sending back without saying what to change: refused.
        let r = post_at(
            &site,
            &t.coordinator,
            &format!("{traject}/terugleggen"),
            &v,
            &[("toelichting", " ")],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = post_at(
            &site,
            &t.coordinator,
            &format!("{traject}/terugleggen"),
            &v,
            &[("toelichting", "Maak de doelgroep concreter.")],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "round {round}: {}", r.body);
        let doc = t.owner.get(&site, &werkblad).await.html();
        assert_eq!(
            one(&doc, ".ww-traject-facts .ww-stage")
                .text()
                .collect::<String>(),
            "wacht op aanpassing"
        );
        // The owner resubmits; the panel reviews the new version.
        let app = &site.test.app;
        let v: i64 = version(&site, t.id).await.parse().unwrap();
        let mut e = edit();
        e.sections.push((
            Section::TargetGroup,
            format!("Ouderen vanaf 75 (ronde {round})."),
        ));
        app.submit_werkblad(t.owner.id, t.id, v, &e, None, INCLUSION)
            .await
            .unwrap();
        let criteria = app.config().assessment.well_described.criteria.clone();
        for p in &t.reviewers {
            review(
                &site,
                p,
                t.id,
                &criteria,
                Verdict::Recognise,
                "Ja.",
                "Goed.",
            )
            .await;
        }
    }
    assert_eq!(
        site.test
            .store
            .submitted_versions(watwerkt_store::AssessmentId(t.id))
            .await
            .unwrap()
            .len(),
        3
    );
    // A third round is refused: the decision must follow.
    let v = version(&site, t.id).await;
    let r = post_at(
        &site,
        &t.coordinator,
        &format!("{traject}/terugleggen"),
        &v,
        &[("toelichting", "Nog een keer.")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        one(&r.html(), ".ww-notice p").text().collect::<String>(),
        "Niet gelukt: het maximum van 2 feedbackrondes is bereikt"
    );
    assert_eq!(version(&site, t.id).await, v);
}

#[tokio::test]
async fn overdue_additions_lapse_to_niet_erkend_once() {
    let site = Site::demo().await;
    let t = reviewed(
        &site,
        Rating::WellDescribed,
        &[
            Verdict::Recognise,
            Verdict::RecogniseWithConditions,
            Verdict::Recognise,
        ],
    )
    .await;
    let v: i64 = version(&site, t.id).await.parse().unwrap();
    site.test
        .app
        .decide_assessment(
            t.coordinator.id,
            t.id,
            v,
            &watwerkt_app::assessment::Decision {
                proposal: watwerkt_domain::assessment::Proposal::Conditional(
                    "Beschrijf de kosten.".into(),
                ),
                summary: String::new(),
            },
        )
        .await
        .unwrap();
    let app = &site.test.app;
    let today = watwerkt_testkit::test_today();
    // On the last day (90 days) nothing lapses.
    let last = today + chrono::Days::new(90);
    let r = app
        .run_expiry(&watwerkt_app::FixedClock::on(last))
        .await
        .unwrap();
    assert_eq!(r.lapsed, 0);
    let r = app
        .run_expiry(&watwerkt_app::FixedClock::on(last + chrono::Days::new(1)))
        .await
        .unwrap();
    assert_eq!(r.lapsed, 1);
    let rec = site
        .test
        .store
        .get_assessment(watwerkt_store::AssessmentId(t.id))
        .await
        .unwrap();
    assert_eq!(rec.state.stage.code(), "besloten");
    assert!(matches!(
        rec.state.outcome,
        Some(watwerkt_domain::assessment::Outcome::NotRecognised { .. })
    ));
    let r = app
        .run_expiry(&watwerkt_app::FixedClock::on(last + chrono::Days::new(2)))
        .await
        .unwrap();
    assert_eq!(r.lapsed, 0, "once");
    let doc = t
        .coordinator
        .get(&site, &format!("/erkenning/{}", t.id))
        .await
        .html();
    let actors: Vec<String> = all(&doc, ".ww-audit tbody tr td:nth-child(2)")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(actors[0], "systeem", "the lapse is the system's step");
}
