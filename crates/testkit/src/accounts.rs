//! Accounts for tests, made through the real use cases (invitation →
//! accepted with a password), so every helper exercises the same path as a
//! person would.

use std::sync::atomic::{AtomicU32, Ordering};

use watwerkt_app::auth::{InviteInput, Secret};
use watwerkt_domain::{Account, Role, RoleSet};

use crate::TestApp;

/// The password of every account made by these helpers.
pub const TEST_PASSWORD: &str = "correct paard batterij nietje";

static NEXT: AtomicU32 = AtomicU32::new(1);

/// The token at the end of a link such as `…/uitnodiging/<token>`.
pub fn token_of(link: &str) -> &str {
    link.rsplit('/').next().unwrap_or_default()
}

impl TestApp {
    /// Invites and accepts an account with `roles`, organisation
    /// `organisation`; returns it with the token of the session the
    /// acceptance started (cookie `watwerkt_sessie`; its CSRF token is
    /// `token.csrf()`).
    pub async fn account_in(&self, roles: &[Role], organisation: &str) -> (Account, Secret) {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let codes: Vec<&str> = roles
            .iter()
            .map(|r| watwerkt_domain::Coded::code(*r))
            .collect();
        let local = if codes.is_empty() {
            "geen".to_owned()
        } else {
            codes.join("-")
        };
        let input = InviteInput {
            email: format!("{local}-{n}@voorbeeld.nl"),
            name: format!("Test {local} {n}"),
            organisation: organisation.to_owned(),
            roles: roles.iter().copied().collect::<RoleSet>(),
        };
        let sent = self.app.invite(None, &input).await.expect("invitation");
        let signed_in = self
            .app
            .accept_invitation(
                token_of(&sent.link),
                &input.name,
                TEST_PASSWORD,
                TEST_PASSWORD,
            )
            .await
            .expect("accepting the invitation");
        (signed_in.account, signed_in.token)
    }

    /// [`TestApp::account_in`] with organisation "Testorganisatie".
    pub async fn sign_in_as(&self, roles: &[Role]) -> (Account, Secret) {
        self.account_in(roles, "Testorganisatie").await
    }
}
