//! The erkenningstraject state machine, on its own.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use watwerkt_domain::assessment::{
    Actor, Assessment, AssessmentError, AssessmentRules, Inclusion, Outcome, Proposal, Review,
    Reviewer, Stage, UserId, Verdict,
};
use watwerkt_domain::Rating;

const OWNER: UserId = UserId(1);
const COORD: Actor = Actor::Coordinator(UserId(2));

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn ok_inclusion() -> Inclusion {
    Inclusion {
        owner_or_licensee: true,
        places_in_use: 3,
        manual_exists: true,
    }
}

fn reviewer(id: i64, org: &str) -> Reviewer {
    Reviewer {
        user: UserId(id),
        organisation: org.into(),
        declared_no_conflict: true,
    }
}

fn panel(n: i64) -> Vec<Reviewer> {
    (0..n)
        .map(|i| reviewer(10 + i, &format!("Organisatie {i}")))
        .collect()
}

fn review(id: i64, verdict: Verdict, rules: &AssessmentRules, level: Rating) -> Review {
    Review {
        reviewer: UserId(id),
        scores: rules
            .panel_for(level)
            .criteria
            .iter()
            .map(|c| (c.clone(), true, format!("{c} is in orde")))
            .collect(),
        verdict,
        motivation: "Helder beschreven.".into(),
    }
}

fn in_review(level: Rating, rules: &AssessmentRules) -> Assessment {
    let mut a = Assessment::new(OWNER, "Stichting Eigen", level);
    a.submit(Actor::Owner(OWNER), &[], ok_inclusion(), rules)
        .unwrap();
    let n = i64::try_from(rules.panel_for(level).size).unwrap();
    a.schedule(COORD, "2026-3", panel(n), rules).unwrap();
    a
}

fn all_review(a: &mut Assessment, verdicts: &[Verdict], rules: &AssessmentRules) {
    for (i, v) in verdicts.iter().enumerate() {
        let id = 10 + i64::try_from(i).unwrap();
        let r = review(id, *v, rules, a.level_requested);
        a.record_review(Actor::Reviewer(UserId(id)), r, rules)
            .unwrap();
    }
}

#[test]
fn goed_beschreven_by_majority_of_three() {
    let rules = AssessmentRules::default();
    let mut a = in_review(Rating::WellDescribed, &rules);
    all_review(
        &mut a,
        &[Verdict::Recognise, Verdict::Recognise, Verdict::Reject],
        &rules,
    );
    let t = a
        .decide(COORD, Proposal::Recognise, d("2026-05-01"), &rules)
        .unwrap();
    assert_eq!((t.from, t.to), (Stage::InReview, Stage::Decided));
    let r = a.rating().unwrap();
    assert_eq!(
        (r.level, r.decided_on),
        (Rating::WellDescribed, d("2026-05-01"))
    );
}

#[test]
fn the_committee_must_be_unanimous() {
    let rules = AssessmentRules::default();
    let mut a = in_review(Rating::EffectiveFirst, &rules);
    all_review(
        &mut a,
        &[
            Verdict::Recognise,
            Verdict::Recognise,
            Verdict::Reject,
            Verdict::Reject,
        ],
        &rules,
    );
    let before = a.clone();
    let err = a
        .decide(COORD, Proposal::Recognise, d("2026-05-01"), &rules)
        .unwrap_err();
    assert!(matches!(err, AssessmentError::Decision(_)), "{err}");
    assert!(err.to_string().contains("2 van 4"), "{err}");
    assert_eq!(a, before, "a refused step changes nothing");
    a.decide(COORD, Proposal::Reject, d("2026-05-01"), &rules)
        .unwrap();
    assert!(a.rating().is_none());
}

#[test]
fn rejecting_a_positive_panel_is_refused() {
    let rules = AssessmentRules::default();
    let mut a = in_review(Rating::WellDescribed, &rules);
    all_review(
        &mut a,
        &[Verdict::Recognise, Verdict::Recognise, Verdict::Reject],
        &rules,
    );
    assert!(a
        .decide(COORD, Proposal::Reject, d("2026-05-01"), &rules)
        .is_err());
}

#[test]
fn no_decision_before_every_review_is_in() {
    let rules = AssessmentRules::default();
    let mut a = in_review(Rating::WellDescribed, &rules);
    all_review(&mut a, &[Verdict::Recognise, Verdict::Recognise], &rules);
    let err = a
        .decide(COORD, Proposal::Recognise, d("2026-05-01"), &rules)
        .unwrap_err();
    assert!(err.to_string().contains("2 van 3"), "{err}");
}

#[test]
fn the_panel_follows_the_rules() {
    let rules = AssessmentRules::default();
    let fresh = || {
        let mut a = Assessment::new(OWNER, "Stichting Eigen", Rating::WellDescribed);
        a.submit(Actor::Owner(OWNER), &[], ok_inclusion(), &rules)
            .unwrap();
        a
    };
    let mut a = fresh();
    assert!(a.schedule(COORD, "r", panel(2), &rules).is_err(), "too few");
    let mut own = panel(3);
    own[1].organisation = " stichting eigen ".into();
    let err = a.schedule(COORD, "r", own, &rules).unwrap_err();
    assert!(
        err.to_string().contains("organisatie van de eigenaar"),
        "{err}"
    );
    let mut undeclared = panel(3);
    undeclared[2].declared_no_conflict = false;
    assert!(a.schedule(COORD, "r", undeclared, &rules).is_err());
    let mut twice = panel(3);
    twice[2].user = twice[0].user;
    assert!(a.schedule(COORD, "r", twice, &rules).is_err());
    assert_eq!(a.stage, Stage::Submitted, "nothing changed");
    assert_eq!(
        a.schedule(Actor::Owner(OWNER), "r", panel(3), &rules),
        Err(AssessmentError::NotAllowed)
    );
    let mut b = fresh();
    b.schedule(COORD, "r", panel(3), &rules).unwrap();
}

#[test]
fn submission_needs_sections_and_inclusion() {
    let rules = AssessmentRules::default();
    let mut a = Assessment::new(OWNER, "Stichting Eigen", Rating::WellDescribed);
    let err = a
        .submit(
            Actor::Owner(OWNER),
            &["Aanpak", "Onderbouwing"],
            ok_inclusion(),
            &rules,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "verplichte secties ontbreken: Aanpak, Onderbouwing"
    );
    let one_place = Inclusion {
        places_in_use: 1,
        ..ok_inclusion()
    };
    let err = a
        .submit(Actor::Owner(OWNER), &[], one_place, &rules)
        .unwrap_err();
    assert!(err.to_string().contains("minstens 2 plaatsen"), "{err}");
    assert_eq!(
        a.submit(Actor::Owner(UserId(99)), &[], ok_inclusion(), &rules),
        Err(AssessmentError::NotAllowed),
        "another owner may not submit"
    );
    assert_eq!(a.stage, Stage::Draft);
}

#[test]
fn reviews_stay_hidden_until_all_are_in() {
    let rules = AssessmentRules::default();
    let mut a = in_review(Rating::WellDescribed, &rules);
    let r10 = Actor::Reviewer(UserId(10));
    a.record_review(
        r10,
        review(10, Verdict::Recognise, &rules, Rating::WellDescribed),
        &rules,
    )
    .unwrap();
    assert_eq!(a.visible_reviews(r10).len(), 1);
    assert!(a.visible_reviews(Actor::Reviewer(UserId(11))).is_empty());
    assert!(a.visible_reviews(Actor::Owner(OWNER)).is_empty());
    assert_eq!(a.visible_reviews(COORD).len(), 1);
    for id in [11, 12] {
        a.record_review(
            Actor::Reviewer(UserId(id)),
            review(id, Verdict::Recognise, &rules, Rating::WellDescribed),
            &rules,
        )
        .unwrap();
    }
    assert_eq!(a.visible_reviews(Actor::Reviewer(UserId(11))).len(), 3);
}

#[test]
fn reviews_are_complete_single_and_by_the_assigned() {
    let rules = AssessmentRules::default();
    let mut a = in_review(Rating::WellDescribed, &rules);
    let mut partial = review(10, Verdict::Recognise, &rules, Rating::WellDescribed);
    partial.scores.pop();
    let err = a
        .record_review(Actor::Reviewer(UserId(10)), partial, &rules)
        .unwrap_err();
    assert!(err.to_string().contains("kosten en tijd"), "{err}");
    let stranger = review(77, Verdict::Recognise, &rules, Rating::WellDescribed);
    assert_eq!(
        a.record_review(Actor::Reviewer(UserId(77)), stranger, &rules),
        Err(AssessmentError::NotAllowed)
    );
    let someone_elses = review(11, Verdict::Recognise, &rules, Rating::WellDescribed);
    assert_eq!(
        a.record_review(Actor::Reviewer(UserId(10)), someone_elses, &rules),
        Err(AssessmentError::NotAllowed)
    );
    let good = review(10, Verdict::Recognise, &rules, Rating::WellDescribed);
    a.record_review(Actor::Reviewer(UserId(10)), good.clone(), &rules)
        .unwrap();
    assert!(
        a.record_review(Actor::Reviewer(UserId(10)), good, &rules)
            .is_err(),
        "twice"
    );
}

#[test]
fn at_most_two_feedback_rounds() {
    let rules = AssessmentRules::default();
    let mut a = in_review(Rating::WellDescribed, &rules);
    for round in 1..=2 {
        a.request_feedback(COORD, &rules).unwrap();
        assert_eq!(a.stage, Stage::AwaitingFeedback(round));
        a.submit(Actor::Owner(OWNER), &[], ok_inclusion(), &rules)
            .unwrap();
        assert_eq!(a.stage, Stage::InReview);
    }
    assert_eq!(
        a.request_feedback(COORD, &rules),
        Err(AssessmentError::FeedbackRoundsUsed(2))
    );
}

#[test]
fn conditional_then_additions_then_recognised() {
    let rules = AssessmentRules::default();
    let mut a = in_review(Rating::WellDescribed, &rules);
    all_review(
        &mut a,
        &[
            Verdict::RecogniseWithConditions,
            Verdict::Recognise,
            Verdict::Reject,
        ],
        &rules,
    );
    a.decide(
        COORD,
        Proposal::Conditional("Voeg de handleiding toe.".into()),
        d("2026-05-01"),
        &rules,
    )
    .unwrap();
    assert_eq!(a.stage, Stage::AwaitingAdditions);
    assert!(a.rating().is_none(), "no rating while conditional");
    match &a.outcome {
        Some(Outcome::Conditional { deadline, .. }) => assert_eq!(*deadline, d("2026-07-30")),
        o => panic!("{o:?}"),
    }
    a.submit_additions(Actor::Owner(OWNER), d("2026-06-01"))
        .unwrap();
    all_review(
        &mut a,
        &[Verdict::Recognise, Verdict::Recognise, Verdict::Recognise],
        &rules,
    );
    a.decide(COORD, Proposal::Recognise, d("2026-06-15"), &rules)
        .unwrap();
    assert_eq!(a.rating().unwrap().decided_on, d("2026-06-15"));
    assert_eq!(
        a.earlier_outcomes.len(),
        1,
        "the conditional outcome stays in history"
    );
}

#[test]
fn overdue_additions_lapse() {
    let rules = AssessmentRules::default();
    let mut a = in_review(Rating::WellDescribed, &rules);
    all_review(
        &mut a,
        &[
            Verdict::RecogniseWithConditions,
            Verdict::RecogniseWithConditions,
            Verdict::Reject,
        ],
        &rules,
    );
    a.decide(
        COORD,
        Proposal::Conditional("Meer.".into()),
        d("2026-01-01"),
        &rules,
    )
    .unwrap();
    assert!(
        a.lapse_if_overdue(d("2026-04-01")).is_none(),
        "deadline is 2026-04-01 itself"
    );
    assert!(a
        .submit_additions(Actor::Owner(OWNER), d("2026-04-02"))
        .is_err());
    let t = a.lapse_if_overdue(d("2026-04-02")).unwrap();
    assert_eq!(t.to, Stage::Decided);
    assert!(matches!(a.outcome, Some(Outcome::NotRecognised { .. })));
}

#[test]
fn appeal_within_the_period_can_change_the_decision() {
    let rules = AssessmentRules::default();
    let mut a = in_review(Rating::WellDescribed, &rules);
    all_review(
        &mut a,
        &[Verdict::Reject, Verdict::Reject, Verdict::Recognise],
        &rules,
    );
    a.decide(COORD, Proposal::Reject, d("2026-05-01"), &rules)
        .unwrap();
    let late = a
        .clone()
        .appeal(Actor::Owner(OWNER), "Oneens.", d("2026-06-13"), &rules);
    assert!(late.unwrap_err().to_string().contains("bezwaartermijn"));
    assert!(a
        .appeal(Actor::Owner(OWNER), "  ", d("2026-05-10"), &rules)
        .is_err());
    a.appeal(
        Actor::Owner(OWNER),
        "De procesevaluatie is over het hoofd gezien.",
        d("2026-06-12"),
        &rules,
    )
    .unwrap();
    assert_eq!(a.stage, Stage::Appealed);
    assert_eq!(
        a.decide_appeal(Actor::Owner(OWNER), "x", None),
        Err(AssessmentError::NotAllowed)
    );
    let new = Outcome::Recognised {
        level: Rating::WellDescribed,
        decided_on: d("2026-07-01"),
    };
    a.decide_appeal(
        COORD,
        "Herbeoordeeld door de commissie; bezwaar gegrond.",
        Some(new),
    )
    .unwrap();
    assert_eq!(a.rating().unwrap().decided_on, d("2026-07-01"));
    assert!(
        a.appeal(Actor::Owner(OWNER), "Nog eens.", d("2026-07-02"), &rules)
            .is_err(),
        "one appeal per decision chain"
    );
}

#[test]
fn rules_are_configuration() {
    let mut rules = AssessmentRules::default();
    rules.well_described.size = 1;
    rules.max_feedback_rounds = 0;
    let mut a = in_review(Rating::WellDescribed, &rules);
    assert!(a.request_feedback(COORD, &rules).is_err());
    all_review(&mut a, &[Verdict::Recognise], &rules);
    a.decide(COORD, Proposal::Recognise, d("2026-05-01"), &rules)
        .unwrap();
}
