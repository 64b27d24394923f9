//! The texts of the account e-mails (plain text, Dutch).

use watwerkt_store::OutgoingMail;

/// The invitation.
pub(super) fn invitation(
    to: &str,
    name: &str,
    roles: &str,
    link: &str,
    days: u32,
    inviter: Option<&str>,
) -> OutgoingMail {
    let by = inviter.map_or_else(String::new, |n| format!(" door {n}"));
    OutgoingMail {
        to: to.to_owned(),
        subject: "Uitnodiging voor watwerkt".to_owned(),
        body: format!(
            "Beste {name},\n\n\
             U bent{by} uitgenodigd voor een account op watwerkt, de databank van \
             sociale interventies, als {roles}.\n\n\
             Maak uw account aan door deze link te openen en een wachtwoord te kiezen:\n\n\
             {link}\n\n\
             De link werkt één keer en is {days} dagen geldig. Verwachtte u deze \
             uitnodiging niet? Dan kunt u deze e-mail negeren.\n\n\
             Met vriendelijke groet,\nwatwerkt\n"
        ),
    }
}

/// The password-reset link.
pub(super) fn reset(to: &str, name: &str, link: &str, minutes: u32) -> OutgoingMail {
    OutgoingMail {
        to: to.to_owned(),
        subject: "Nieuw wachtwoord voor watwerkt".to_owned(),
        body: format!(
            "Beste {name},\n\n\
             Iemand heeft gevraagd om een nieuw wachtwoord voor uw account op watwerkt.\n\
             Kies een nieuw wachtwoord met deze link:\n\n\
             {link}\n\n\
             De link werkt één keer en is {minutes} minuten geldig. Daarna bent u op alle \
             apparaten uitgelogd. Vroeg u dit niet aan? Dan kunt u deze e-mail negeren: \
             uw wachtwoord blijft hetzelfde.\n\n\
             Met vriendelijke groet,\nwatwerkt\n"
        ),
    }
}
