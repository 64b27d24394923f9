//! The conformance story of the erkenningstraject storage: ownership,
//! assessments with optimistic concurrency, drafts and submitted versions,
//! one transaction per step (state + audit + outbox), publication through
//! the ratings history, decision summaries, expiry notices once.

use chrono::{DateTime, TimeZone, Utc};
use watwerkt_domain::assessment::{
    Actor, Assessment, AssessmentRules, Inclusion, Proposal, Review, Reviewer, Stage, UserId,
    Verdict,
};
use watwerkt_domain::{Rating, RatingDecision, Section};
use watwerkt_store::{
    AssessmentId, AssessmentStep, AuditEntry, ContentBatch, DecisionPublication, DecisionSummary,
    OutgoingMail, Store, StoreError,
};

use crate::builders::{date, intervention, rating, slug};

fn audit(action: &str, subject: &str) -> AuditEntry {
    AuditEntry {
        id: 0,
        at: Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).unwrap(),
        actor: Some(UserId(1)),
        subject_kind: "erkenningstraject".into(),
        subject_id: subject.into(),
        action: action.into(),
        from_state: None,
        to_state: None,
        detail: String::new(),
    }
}

/// Runs two futures concurrently (the story stays free of a runtime choice).
async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    tokio::join!(a, b)
}

/// A step that writes only the new state and its audit row.
fn state_only<'a>(
    id: AssessmentId,
    expected_version: i64,
    state: &'a Assessment,
    audit: &'a AuditEntry,
    now: DateTime<Utc>,
) -> AssessmentStep<'a> {
    AssessmentStep {
        id,
        expected_version,
        state,
        audit,
        draft: None,
        submitted: None,
        publish: None,
        mails: &[],
        now,
    }
}

fn mail(to: &str) -> OutgoingMail {
    OutgoingMail {
        to: to.into(),
        subject: "Onderwerp".into(),
        body: "Tekst".into(),
    }
}

/// Runs the story against a store that holds no content yet.
pub async fn assessment_story(store: &dyn Store) {
    let now = Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).unwrap();
    let rules = AssessmentRules::default();
    let owner = UserId(1);
    let mut alfa = intervention("alfa", "Alfa aanpak");
    alfa.rating = Some(rating(Rating::WellDescribed, "2020-05-01"));
    store
        .import_content(
            &ContentBatch {
                interventions: vec![alfa.clone()],
                ..Default::default()
            },
            now,
        )
        .await
        .unwrap();
    let s = slug("alfa");

    // Ownership.
    let grant = audit("eigenaar toegevoegd", "alfa");
    store.grant_ownership(&s, owner, &grant, now).await.unwrap();
    store.grant_ownership(&s, owner, &grant, now).await.unwrap();
    assert_eq!(store.owners_of(&s).await.unwrap(), vec![owner]);
    let owned = store.owned_interventions(owner).await.unwrap();
    assert_eq!(owned.len(), 1);
    assert_eq!(owned[0].slug, s);
    assert!(store
        .owned_interventions(UserId(2))
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        store
            .grant_ownership(&slug("bestaat-niet"), owner, &grant, now)
            .await,
        Err(StoreError::NotFound { .. })
    ));

    // Concept intervention: slug taken is a conflict.
    assert!(matches!(
        store
            .create_concept_intervention(&alfa, owner, &grant, now)
            .await,
        Err(StoreError::Conflict(_))
    ));
    let mut beta = intervention("beta", "Beta concept");
    beta.status = watwerkt_domain::PublicationStatus::Draft;
    store
        .create_concept_intervention(&beta, owner, &grant, now)
        .await
        .unwrap();
    assert_eq!(store.owned_interventions(owner).await.unwrap().len(), 2);

    // Start; a second open traject for the same intervention is refused.
    let mut state = Assessment::new(owner, "Stichting Eigen", Rating::WellDescribed);
    let id = store
        .start_assessment(&s, &state, &alfa, &audit("gestart", ""), now)
        .await
        .unwrap();
    assert!(matches!(
        store
            .start_assessment(&s, &state, &alfa, &audit("gestart", ""), now)
            .await,
        Err(StoreError::Conflict(_))
    ));
    let rec = store.get_assessment(id).await.unwrap();
    assert_eq!(
        (
            rec.version,
            rec.state.stage.clone(),
            rec.intervention.clone()
        ),
        (1, Stage::Draft, s.clone())
    );
    let started = store.audit_entries(None, 10).await.unwrap();
    assert_eq!(
        started[0].subject_id,
        id.to_string(),
        "start names the new id"
    );

    // Drafts with optimistic concurrency.
    let mut draft = alfa.clone();
    draft
        .description
        .set(Section::Costs, Some("Vijftig euro per deelnemer.".into()));
    let v = store
        .save_draft(
            id,
            1,
            &draft,
            &audit("concept opgeslagen", &id.to_string()),
            now,
        )
        .await
        .unwrap();
    assert_eq!(v, 2);
    let mut other = draft.clone();
    other.title = "Verouderd".into();
    assert!(matches!(
        store
            .save_draft(
                id,
                1,
                &other,
                &audit("concept opgeslagen", &id.to_string()),
                now
            )
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.get_draft(id).await.unwrap(),
        draft,
        "stale save changed nothing"
    );

    // Submit: state + draft + version + audit + mail in one step.
    let mails_before = store.unsent_mail_count().await.unwrap();
    let audit_before = store.audit_entries(None, 1000).await.unwrap().len();
    let inclusion = Inclusion {
        owner_or_licensee: true,
        places_in_use: 3,
        manual_exists: true,
    };
    let t = state
        .submit(Actor::Owner(owner), &[], inclusion, &rules)
        .unwrap();
    let row = audit(t.action, &id.to_string());
    let mails = [
        mail("coordinator@voorbeeld.nl"),
        mail("tweede@voorbeeld.nl"),
    ];
    let step = AssessmentStep {
        id,
        expected_version: 2,
        state: &state,
        audit: &row,
        draft: Some(&draft),
        submitted: Some(&draft),
        publish: None,
        mails: &mails,
        now,
    };
    assert_eq!(store.record_step(&step).await.unwrap(), 3);
    assert_eq!(store.unsent_mail_count().await.unwrap(), mails_before + 2);
    assert_eq!(store.submitted_versions(id).await.unwrap().len(), 1);

    // The same step again (a double submit) is refused and changes nothing.
    assert!(matches!(
        store.record_step(&step).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.unsent_mail_count().await.unwrap(), mails_before + 2);
    assert_eq!(
        store.audit_entries(None, 1000).await.unwrap().len(),
        audit_before + 1
    );
    assert_eq!(store.submitted_versions(id).await.unwrap().len(), 1);
    assert_eq!(
        store.get_assessment(id).await.unwrap().state.stage,
        Stage::Submitted
    );

    // Schedule: the reviewers' queue follows the state.
    let panel: Vec<Reviewer> = (10..13)
        .map(|u| Reviewer {
            user: UserId(u),
            organisation: format!("Organisatie {u}"),
            declared_no_conflict: true,
        })
        .collect();
    let t = state
        .schedule(Actor::Coordinator(UserId(2)), "2026-1", panel, &rules)
        .unwrap();
    let row = audit(t.action, &id.to_string());
    let mut version = store
        .record_step(&state_only(id, 3, &state, &row, now))
        .await
        .unwrap();
    assert_eq!(
        store
            .assessments_of_reviewer(UserId(11))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(store
        .assessments_of_reviewer(UserId(99))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.assessments_of_owner(owner).await.unwrap().len(), 1);
    assert_eq!(
        store
            .list_assessments(Some("in-beoordeling"))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(store
        .list_assessments(Some("besloten"))
        .await
        .unwrap()
        .is_empty());

    for u in 10..13 {
        let review = Review {
            reviewer: UserId(u),
            scores: rules
                .well_described
                .criteria
                .iter()
                .map(|c| (c.clone(), true, "In orde.".into()))
                .collect(),
            verdict: Verdict::Recognise,
            motivation: "Goed beschreven.".into(),
        };
        let t = state
            .record_review(Actor::Reviewer(UserId(u)), review, &rules)
            .unwrap();
        let row = audit(t.action, &id.to_string());
        version = store
            .record_step(&state_only(id, version, &state, &row, now))
            .await
            .unwrap();
    }

    // Decide and publish: the rating goes through the ratings history.
    let decided = date("2026-02-01");
    let t = state
        .decide(
            Actor::Coordinator(UserId(2)),
            Proposal::Recognise,
            decided,
            &rules,
        )
        .unwrap();
    let mut public = draft.clone();
    public.rating = Some(RatingDecision {
        level: Rating::WellDescribed,
        decided_on: decided,
        valid_until: None,
    });
    let publication = DecisionPublication {
        intervention: Some(public),
        summary: DecisionSummary {
            assessment: id,
            outcome: "erkend".into(),
            level: Some(Rating::WellDescribed),
            decided_on: decided,
            summary: "De beoordelaars vinden de aanpak helder.".into(),
            published_at: now,
        },
    };
    let row = audit(t.action, &id.to_string());
    store
        .record_step(&AssessmentStep {
            id,
            expected_version: version,
            state: &state,
            audit: &row,
            draft: None,
            submitted: None,
            publish: Some(&publication),
            mails: &[mail("eigenaar@voorbeeld.nl")],
            now,
        })
        .await
        .unwrap();
    let current = store.get_intervention(&s).await.unwrap();
    assert_eq!(current.rating.unwrap().decided_on, decided);
    assert_eq!(
        current.description.get(Section::Costs),
        Some("Vijftig euro per deelnemer.")
    );
    let history = store.rating_history(&s).await.unwrap();
    assert_eq!(history[0].decided_on, date("2020-05-01"), "old rating kept");
    let summaries = store.decision_summaries(&s).await.unwrap();
    assert_eq!(summaries.len(), 1);
    assert_eq!(
        summaries[0].summary,
        "De beoordelaars vinden de aanpak helder."
    );
    assert_eq!(
        store
            .list_assessments(Some("besloten"))
            .await
            .unwrap()
            .len(),
        1
    );

    // Audit rows of this traject, newest first.
    let rows = store
        .audit_entries(Some(("erkenningstraject", &id.to_string())), 100)
        .await
        .unwrap();
    assert_eq!(rows[0].action, "erkend");
    assert!(rows.len() >= 7, "{}", rows.len());
    assert!(rows.windows(2).all(|w| w[0].id > w[1].id));

    // A decided traject does not block a new one.
    let again = Assessment::new(owner, "Stichting Eigen", Rating::WellFounded);
    store
        .start_assessment(&s, &again, &draft, &audit("gestart", ""), now)
        .await
        .unwrap();

    // Two steps at the same moment from the same version: exactly one wins,
    // the other is refused as stale.
    let open = store.list_assessments(Some("concept")).await.unwrap();
    let rec = &open[0];
    let mut submitted = rec.state.clone();
    let t = submitted
        .submit(Actor::Owner(owner), &[], inclusion, &rules)
        .unwrap();
    let row = audit(t.action, &rec.id.to_string());
    let step = AssessmentStep {
        id: rec.id,
        expected_version: rec.version,
        state: &submitted,
        audit: &row,
        draft: None,
        submitted: Some(&draft),
        publish: None,
        mails: &[],
        now,
    };
    let (a, b) = futures_join(store.record_step(&step), store.record_step(&step)).await;
    let wins = [&a, &b].iter().filter(|r| r.is_ok()).count();
    assert_eq!(wins, 1, "{a:?} {b:?}");
    assert!(
        [a, b]
            .into_iter()
            .any(|r| matches!(r, Err(StoreError::Conflict(_)))),
        "the loser is told it is stale"
    );
    assert_eq!(store.submitted_versions(rec.id).await.unwrap().len(), 1);

    // Two starts at the same moment: one traject, one refusal.
    let beta_slug = slug("beta");
    let fresh = Assessment::new(owner, "Stichting Eigen", Rating::WellDescribed);
    let (a, b) = futures_join(
        store.start_assessment(&beta_slug, &fresh, &beta, &audit("gestart", ""), now),
        store.start_assessment(&beta_slug, &fresh, &beta, &audit("gestart", ""), now),
    )
    .await;
    assert_eq!(
        [&a, &b].iter().filter(|r| r.is_ok()).count(),
        1,
        "{a:?} {b:?}"
    );
    assert!([a, b]
        .into_iter()
        .any(|r| matches!(r, Err(StoreError::Conflict(_)))));
    assert_eq!(
        store
            .assessments_of_intervention(&beta_slug)
            .await
            .unwrap()
            .len(),
        1
    );

    // Expiry notice: once per end date, with its mail.
    let before = store.unsent_mail_count().await.unwrap();
    let until = date("2029-02-01");
    let row = audit("gewaarschuwd", "alfa");
    assert!(store
        .record_expiry_notice(&s, until, &row, &[mail("eigenaar@voorbeeld.nl")], now)
        .await
        .unwrap());
    assert!(!store
        .record_expiry_notice(&s, until, &row, &[mail("eigenaar@voorbeeld.nl")], now)
        .await
        .unwrap());
    assert_eq!(store.unsent_mail_count().await.unwrap(), before + 1);
}
