//! The conformance story of accounts, sessions, single-use tokens and the
//! mail outbox: what every backend must do, run against SQLite always.

use chrono::{Duration, TimeZone, Utc};
use watwerkt_domain::{Email, Role, RoleSet, UserId};
use watwerkt_store::{
    Invitation, NewSession, OneTimeToken, OutgoingMail, Redeemed, Store, StoreError, TokenKind,
};

fn invitation(
    hash: &str,
    email: &str,
    roles: &[Role],
    expires: chrono::DateTime<Utc>,
) -> OneTimeToken {
    OneTimeToken {
        hash: hash.into(),
        kind: TokenKind::Invitation,
        account: None,
        invitation: Some(Invitation {
            email: Email::parse(email).unwrap(),
            name: "Uitgenodigd".into(),
            organisation: "Organisatie".into(),
            roles: roles.iter().copied().collect::<RoleSet>(),
            invited_by: None,
        }),
        expires_at: expires,
        used_at: None,
    }
}

fn session(hash: &str, at: chrono::DateTime<Utc>) -> NewSession {
    NewSession {
        token_hash: hash.into(),
        created_at: at,
        expires_at: at + Duration::hours(8),
    }
}

fn mail(to: &str) -> OutgoingMail {
    OutgoingMail {
        to: to.into(),
        subject: "Onderwerp".into(),
        body: "Tekst met één link".into(),
    }
}

/// Runs the story against an empty store.
pub async fn account_story(store: &dyn Store) {
    let t0 = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let week = t0 + Duration::days(7);

    // An invitation is stored with its mail in one go.
    let inv = invitation("h-anna", "anna@x.nl", &[Role::Owner, Role::Assessor], week);
    store.store_token(&inv, &[mail("anna@x.nl")]).await.unwrap();
    assert_eq!(store.token("h-anna").await.unwrap(), Some(inv.clone()));
    assert_eq!(store.token("h-niets").await.unwrap(), None);
    assert_eq!(store.unsent_mail_count().await.unwrap(), 1);

    // Accepting: unknown, then done, then used.
    let s1 = session("s-anna-1", t0);
    assert_eq!(
        store
            .accept_invitation("h-niets", "Anna", "$argon2id$x", &s1)
            .await
            .unwrap(),
        Redeemed::Unknown
    );
    let Redeemed::Done(anna) = store
        .accept_invitation("h-anna", "Anna de Vries", "$argon2id$x", &s1)
        .await
        .unwrap()
    else {
        panic!("invitation not accepted")
    };
    assert_eq!(anna.name, "Anna de Vries");
    assert_eq!(anna.email.as_str(), "anna@x.nl");
    assert_eq!(anna.roles, RoleSet::from([Role::Owner, Role::Assessor]));
    assert!(anna.active);
    assert_eq!(
        store
            .accept_invitation("h-anna", "Anna", "$argon2id$y", &session("s-x", t0))
            .await
            .unwrap(),
        Redeemed::Used
    );
    assert!(
        store.session("s-x").await.unwrap().is_none(),
        "a refused use stores nothing"
    );
    assert!(store
        .token("h-anna")
        .await
        .unwrap()
        .unwrap()
        .used_at
        .is_some());

    // The session of the acceptance exists and points at the account.
    let rec = store.session("s-anna-1").await.unwrap().unwrap();
    assert_eq!(
        (rec.account.id, rec.created_at, rec.last_seen),
        (anna.id, t0, t0)
    );

    // Expired invitations and taken addresses are refused.
    store
        .store_token(&invitation("h-oud", "oud@x.nl", &[Role::Editor], t0), &[])
        .await
        .unwrap();
    assert_eq!(
        store
            .accept_invitation("h-oud", "Oud", "$argon2id$x", &session("s-oud", t0))
            .await
            .unwrap(),
        Redeemed::Expired
    );
    store
        .store_token(
            &invitation("h-dubbel", "ANNA@x.nl", &[Role::Admin], week),
            &[],
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .accept_invitation("h-dubbel", "A", "$argon2id$x", &session("s-d", t0))
            .await
            .unwrap(),
        Redeemed::EmailTaken
    );
    assert!(store
        .token("h-dubbel")
        .await
        .unwrap()
        .unwrap()
        .used_at
        .is_none());

    // The same link used twice at the same moment: exactly one wins.
    store
        .store_token(
            &invitation("h-race", "race@x.nl", &[Role::Editor], week),
            &[],
        )
        .await
        .unwrap();
    let (s_a, s_b) = (session("s-race-a", t0), session("s-race-b", t0));
    let (a, b) = tokio::join!(
        store.accept_invitation("h-race", "A", "$argon2id$x", &s_a),
        store.accept_invitation("h-race", "B", "$argon2id$x", &s_b),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let done = [&a, &b]
        .iter()
        .filter(|r| matches!(r, Redeemed::Done(_)))
        .count();
    assert_eq!(done, 1, "{a:?} / {b:?}");
    assert!(matches!(a, Redeemed::Used) || matches!(b, Redeemed::Used));
    let race = store
        .credentials(&Email::parse("race@x.nl").unwrap())
        .await
        .unwrap()
        .unwrap()
        .account;
    store.delete_sessions(race.id).await.unwrap();

    // Looking accounts up: case-insensitive e-mail, by role, all.
    let creds = store
        .credentials(&Email::parse("Anna@X.nl").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (creds.account.id, creds.password_hash.as_str()),
        (anna.id, "$argon2id$x")
    );
    assert!(store
        .email_taken(&Email::parse("anna@x.nl").unwrap())
        .await
        .unwrap());
    assert!(!store
        .email_taken(&Email::parse("bram@x.nl").unwrap())
        .await
        .unwrap());
    assert_eq!(store.account(anna.id).await.unwrap(), anna);
    assert!(matches!(
        store.account(UserId(999_999)).await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(
        store.accounts_with_role(Role::Assessor).await.unwrap(),
        std::slice::from_ref(&anna)
    );
    assert!(store
        .accounts_with_role(Role::Admin)
        .await
        .unwrap()
        .is_empty());
    let names: Vec<String> = store
        .list_accounts()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"Anna de Vries".to_owned()));

    // Sessions: touch, delete one, delete all.
    store
        .create_session(anna.id, &session("s-anna-2", t0))
        .await
        .unwrap();
    store
        .create_session(anna.id, &session("s-anna-3", t0))
        .await
        .unwrap();
    store
        .touch_session("s-anna-2", t0 + Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(
        store.session("s-anna-2").await.unwrap().unwrap().last_seen,
        t0 + Duration::minutes(5)
    );
    store.delete_session("s-anna-2").await.unwrap();
    assert!(store.session("s-anna-2").await.unwrap().is_none());
    store.delete_session("s-bestaat-niet").await.unwrap();
    assert_eq!(store.delete_sessions(anna.id).await.unwrap(), 2);
    assert!(store.session("s-anna-1").await.unwrap().is_none());

    // Ended sessions are purged.
    store
        .create_session(anna.id, &session("s-anna-4", t0))
        .await
        .unwrap();
    assert_eq!(
        store
            .delete_expired_sessions(t0 + Duration::hours(1))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .delete_expired_sessions(t0 + Duration::hours(9))
            .await
            .unwrap(),
        1
    );

    // A reset: new password, every session ended, other reset links dead.
    store
        .create_session(anna.id, &session("s-anna-5", t0))
        .await
        .unwrap();
    for hash in ["r-1", "r-2"] {
        let reset = OneTimeToken {
            hash: hash.into(),
            kind: TokenKind::Reset,
            account: Some(anna.id),
            invitation: None,
            expires_at: t0 + Duration::hours(1),
            used_at: None,
        };
        store
            .store_token(&reset, &[mail("anna@x.nl")])
            .await
            .unwrap();
    }
    // An invitation token cannot be used as a reset link, nor the reverse.
    assert_eq!(
        store
            .reset_password("h-dubbel", "$argon2id$z", t0)
            .await
            .unwrap(),
        Redeemed::Unknown
    );
    assert_eq!(
        store
            .accept_invitation("r-1", "A", "$argon2id$x", &session("s-r", t0))
            .await
            .unwrap(),
        Redeemed::Unknown
    );
    let Redeemed::Done(after) = store
        .reset_password("r-1", "$argon2id$nieuw", t0)
        .await
        .unwrap()
    else {
        panic!("reset refused")
    };
    assert_eq!(after.id, anna.id);
    assert!(store.session("s-anna-5").await.unwrap().is_none());
    let creds = store.credentials(&anna.email).await.unwrap().unwrap();
    assert_eq!(creds.password_hash, "$argon2id$nieuw");
    assert_eq!(
        store
            .reset_password("r-1", "$argon2id$a", t0)
            .await
            .unwrap(),
        Redeemed::Used
    );
    assert_eq!(
        store
            .reset_password("r-2", "$argon2id$a", t0)
            .await
            .unwrap(),
        Redeemed::Used
    );

    // The outbox: due, failed with a retry time, sent. (Times are kept to
    // the microsecond.)
    let now = t0;
    let due = store.due_mails(now, 10).await.unwrap();
    assert_eq!(due.len(), 3);
    assert_eq!(due[0].mail, mail("anna@x.nl"));
    assert!(due.windows(2).all(|w| w[0].id < w[1].id), "oldest first");
    assert_eq!(store.due_mails(now, 2).await.unwrap().len(), 2);
    let first = due[0].id;
    let retry_at = now + Duration::minutes(5);
    store
        .mark_mail_failed(first, "verbinding geweigerd", retry_at)
        .await
        .unwrap();
    let still_due: Vec<i64> = store
        .due_mails(now, 10)
        .await
        .unwrap()
        .iter()
        .map(|q| q.id)
        .collect();
    assert!(!still_due.contains(&first));
    let later = store.due_mails(retry_at, 10).await.unwrap();
    let again = later.iter().find(|q| q.id == first).unwrap();
    assert_eq!(again.attempts, 1);
    for q in &due[1..] {
        store.mark_mail_sent(q.id, now).await.unwrap();
    }
    assert_eq!(store.unsent_mail_count().await.unwrap(), 1);
    assert_eq!(store.next_mail_due().await.unwrap(), Some(retry_at));
    store.mark_mail_sent(first, now).await.unwrap();
    assert_eq!(store.unsent_mail_count().await.unwrap(), 0);
    assert_eq!(store.next_mail_due().await.unwrap(), None);
    store.enqueue_mails(&[mail("b@x.nl")]).await.unwrap();
    assert_eq!(
        store.next_mail_due().await.unwrap(),
        Some(chrono::DateTime::<Utc>::MIN_UTC)
    );
}
