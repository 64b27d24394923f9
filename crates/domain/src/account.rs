//! Accounts and roles: who may sign in and in which capacities.
//!
//! Pure rules only: e-mail normalisation and validation, the password policy
//! and the role set. Hashing, sessions and tokens live in `app` and `store`.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Coded;

/// An account id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UserId(pub i64);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A capacity in which a person works in watwerkt. One person may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Interventie-eigenaar (or licensee): writes and submits werkbladen.
    Owner,
    /// Praktijkbeoordelaar: reviews *goed beschreven* applications.
    Assessor,
    /// Lid van de erkenningscommissie: reviews the higher levels.
    CommitteeMember,
    /// Coördinator erkenning: runs rounds, assigns reviewers, records decisions.
    Coordinator,
    /// Redacteur / kenniswerker: edits dossiers and content.
    Editor,
    /// Beheerder: manages accounts.
    Admin,
}

impl Coded for Role {
    const ALL: &'static [Self] = &[
        Self::Owner,
        Self::Assessor,
        Self::CommitteeMember,
        Self::Coordinator,
        Self::Editor,
        Self::Admin,
    ];

    fn code(self) -> &'static str {
        match self {
            Self::Owner => "eigenaar",
            Self::Assessor => "beoordelaar",
            Self::CommitteeMember => "commissielid",
            Self::Coordinator => "coordinator",
            Self::Editor => "redacteur",
            Self::Admin => "beheerder",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Owner => "interventie-eigenaar",
            Self::Assessor => "praktijkbeoordelaar",
            Self::CommitteeMember => "commissielid",
            Self::Coordinator => "coördinator erkenning",
            Self::Editor => "redacteur",
            Self::Admin => "beheerder",
        }
    }
}

crate::coded_serde!(Role, "onbekende rol");

impl Role {
    /// The roles an account holding `inviter` may hand out in an invitation.
    ///
    /// Least privilege: a beheerder may invite anyone; a coördinator erkenning
    /// only the people of the erkenningstraject (owners, assessors, committee
    /// members) — never another coördinator, a redacteur or a beheerder.
    pub fn may_invite(inviter: &RoleSet, role: Role) -> bool {
        if inviter.contains(Role::Admin) {
            return true;
        }
        inviter.contains(Role::Coordinator)
            && matches!(role, Role::Owner | Role::Assessor | Role::CommitteeMember)
    }
}

/// The roles of one account; ordered, without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoleSet(BTreeSet<Role>);

impl RoleSet {
    /// No roles.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `role` is among them.
    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    /// Whether any of `roles` is among them.
    pub fn contains_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.0.contains(r))
    }

    /// Adds a role.
    pub fn insert(&mut self, role: Role) {
        self.0.insert(role);
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The roles in their fixed order.
    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    /// Codes joined with commas, e.g. `eigenaar,beheerder` (for storage and the CLI).
    pub fn codes(&self) -> String {
        self.iter().map(Role::code).collect::<Vec<_>>().join(",")
    }

    /// Dutch labels joined with ", ".
    pub fn labels(&self) -> String {
        self.iter().map(Role::label).collect::<Vec<_>>().join(", ")
    }

    /// Parses comma-separated codes (`beheerder,redacteur`); spaces are
    /// ignored. Fails on an unknown code or when no role is given.
    pub fn parse_codes(text: &str) -> Result<Self, AccountError> {
        let mut set = Self::new();
        for code in text.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            let role =
                Role::from_code(code).ok_or_else(|| AccountError::UnknownRole(code.into()))?;
            set.insert(role);
        }
        if set.is_empty() {
            return Err(AccountError::NoRole);
        }
        Ok(set)
    }
}

impl FromIterator<Role> for RoleSet {
    fn from_iter<I: IntoIterator<Item = Role>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl<const N: usize> From<[Role; N]> for RoleSet {
    fn from(roles: [Role; N]) -> Self {
        roles.into_iter().collect()
    }
}

/// A normalised, plausible e-mail address: trimmed and in lower case, so
/// `Jan@Voorbeeld.NL` and `jan@voorbeeld.nl` are the same account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Longest address accepted (RFC 5321 path limit).
    pub const MAX_LEN: usize = 254;

    /// Normalises and checks an address typed by someone.
    pub fn parse(text: &str) -> Result<Self, AccountError> {
        let email = text.trim().to_lowercase();
        if email.is_empty() {
            return Err(AccountError::EmailMissing);
        }
        if email.chars().count() > Self::MAX_LEN {
            return Err(AccountError::EmailInvalid);
        }
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err(AccountError::EmailInvalid);
        };
        let bad_char =
            |c: char| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"@".contains(c);
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.starts_with('-')
            && domain.chars().all(|c| !bad_char(c));
        let local_ok = !local.is_empty() && local.chars().all(|c| !bad_char(c));
        if !(domain_ok && local_ok) {
            return Err(AccountError::EmailInvalid);
        }
        Ok(Self(email))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = AccountError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> Self {
        e.0
    }
}

/// The password rule: long enough to resist guessing, short enough not to be
/// an attack on the hasher. Length counts characters, not bytes.
pub struct PasswordPolicy;

impl PasswordPolicy {
    /// Fewest characters.
    pub const MIN_CHARS: usize = 12;
    /// Most characters.
    pub const MAX_CHARS: usize = 256;

    /// Checks a new password (and its repetition).
    pub fn check(password: &str, repeated: &str) -> Result<(), AccountError> {
        let n = password.chars().count();
        if n < Self::MIN_CHARS {
            return Err(AccountError::PasswordTooShort);
        }
        if n > Self::MAX_CHARS {
            return Err(AccountError::PasswordTooLong);
        }
        if password.trim().is_empty() {
            return Err(AccountError::PasswordTooShort);
        }
        if password != repeated {
            return Err(AccountError::PasswordsDiffer);
        }
        Ok(())
    }
}

/// Checks a person's name or organisation: trimmed, not empty, at most 200 characters.
pub fn clean_name(text: &str, what: NameField) -> Result<String, AccountError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AccountError::Missing(what));
    }
    if t.chars().count() > 200 || t.chars().any(char::is_control) {
        return Err(AccountError::TooLong(what));
    }
    Ok(t.to_owned())
}

/// Which text field [`clean_name`] checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameField {
    /// The person's name.
    Name,
    /// The organisation.
    Organisation,
}

impl NameField {
    fn label(self) -> &'static str {
        match self {
            Self::Name => "naam",
            Self::Organisation => "organisatie",
        }
    }
}

/// An account: a person who can sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Id.
    pub id: UserId,
    /// Normalised e-mail address, unique.
    pub email: Email,
    /// Full name as shown to others.
    pub name: String,
    /// Organisation the person works for (used to exclude reviewers with a
    /// conflict of interest).
    pub organisation: String,
    /// Roles.
    pub roles: RoleSet,
    /// A deactivated account cannot sign in.
    pub active: bool,
}

impl Account {
    /// Whether the account holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(role)
    }
}

/// Why account input was refused; the message is shown to people (Dutch).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// No e-mail address given.
    #[error("vul een e-mailadres in")]
    EmailMissing,
    /// Not an e-mail address.
    #[error("dit is geen geldig e-mailadres; gebruik de vorm naam@organisatie.nl")]
    EmailInvalid,
    /// Too short.
    #[error(
        "het wachtwoord moet minstens {} tekens lang zijn",
        PasswordPolicy::MIN_CHARS
    )]
    PasswordTooShort,
    /// Too long.
    #[error(
        "het wachtwoord mag hoogstens {} tekens lang zijn",
        PasswordPolicy::MAX_CHARS
    )]
    PasswordTooLong,
    /// The repetition differs.
    #[error("de twee wachtwoorden zijn niet gelijk")]
    PasswordsDiffer,
    /// A role code that does not exist.
    #[error("onbekende rol '{0}'; kies uit eigenaar, beoordelaar, commissielid, coordinator, redacteur, beheerder")]
    UnknownRole(String),
    /// No role chosen.
    #[error("kies minstens één rol")]
    NoRole,
    /// A required text is empty.
    #[error("vul de {} in", .0.label())]
    Missing(NameField),
    /// A text is too long.
    #[error("de {} is te lang (hoogstens 200 tekens)", .0.label())]
    TooLong(NameField),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_lower_cased() {
        let e = Email::parse("  Jan.Jansen@Voorbeeld.NL ").unwrap();
        assert_eq!(e.as_str(), "jan.jansen@voorbeeld.nl");
    }

    #[test]
    fn implausible_addresses_are_refused() {
        for bad in [
            "",
            "jan",
            "jan@",
            "@voorbeeld.nl",
            "jan@voorbeeld",
            "jan@@x.nl",
            "ja n@x.nl",
            "jan@x..nl",
            "jan@.x.nl",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} accepted");
        }
        let long = format!("{}@x.nl", "a".repeat(260));
        assert_eq!(Email::parse(&long), Err(AccountError::EmailInvalid));
        assert_eq!(Email::parse("  "), Err(AccountError::EmailMissing));
    }

    #[test]
    fn password_policy_counts_characters() {
        assert_eq!(
            PasswordPolicy::check("kort", "kort"),
            Err(AccountError::PasswordTooShort)
        );
        assert_eq!(
            PasswordPolicy::check("            ", "            "),
            Err(AccountError::PasswordTooShort)
        );
        // Twelve characters, more bytes: accepted.
        assert!(PasswordPolicy::check("ëëëëëëëëëëëë", "ëëëëëëëëëëëë").is_ok());
        let long = "x".repeat(257);
        assert_eq!(
            PasswordPolicy::check(&long, &long),
            Err(AccountError::PasswordTooLong)
        );
        assert_eq!(
            PasswordPolicy::check("lang genoeg wachtwoord", "lang genoeg wachtwoord!"),
            Err(AccountError::PasswordsDiffer)
        );
        assert!(AccountError::PasswordTooShort.to_string().contains("12"));
    }

    #[test]
    fn roles_parse_from_codes() {
        let set = RoleSet::parse_codes("redacteur, beheerder").unwrap();
        assert_eq!(set.codes(), "redacteur,beheerder");
        assert!(set.contains(Role::Admin) && !set.contains(Role::Owner));
        assert_eq!(
            RoleSet::parse_codes("koning"),
            Err(AccountError::UnknownRole("koning".into()))
        );
        assert_eq!(RoleSet::parse_codes(" , "), Err(AccountError::NoRole));
        assert_eq!(Role::Coordinator.label(), "coördinator erkenning");
    }

    #[test]
    fn coordinators_invite_only_the_people_of_the_process() {
        let coordinator = RoleSet::from([Role::Coordinator]);
        let admin = RoleSet::from([Role::Admin]);
        let editor = RoleSet::from([Role::Editor]);
        for role in Role::ALL.iter().copied() {
            assert!(Role::may_invite(&admin, role));
            assert!(!Role::may_invite(&editor, role));
        }
        assert!(Role::may_invite(&coordinator, Role::Owner));
        assert!(Role::may_invite(&coordinator, Role::Assessor));
        assert!(Role::may_invite(&coordinator, Role::CommitteeMember));
        assert!(!Role::may_invite(&coordinator, Role::Coordinator));
        assert!(!Role::may_invite(&coordinator, Role::Admin));
        assert!(!Role::may_invite(&coordinator, Role::Editor));
    }

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(clean_name("  Jan ", NameField::Name).unwrap(), "Jan");
        assert_eq!(
            clean_name(" ", NameField::Organisation),
            Err(AccountError::Missing(NameField::Organisation))
        );
        assert_eq!(
            AccountError::Missing(NameField::Organisation).to_string(),
            "vul de organisatie in"
        );
    }
}
