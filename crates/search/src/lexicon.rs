//! Words known to be compound heads or derivational endings, so that a query
//! for the first part of a compound finds the compound even in a small index
//! whose own vocabulary lacks the head as a separate word.
//!
//! In a large index the vocabulary itself decides (see `compound.rs`).

/// Heads and endings, lowercase ASCII, sorted (a test checks it).
pub const HEADS: &[&str] = &[
    "aanbod",
    "aanpak",
    "activiteit",
    "activiteiten",
    "advies",
    "adviseur",
    "afspraak",
    "afspraken",
    "begeleider",
    "begeleiders",
    "begeleiding",
    "beleid",
    "bereik",
    "beroep",
    "bijeenkomst",
    "budget",
    "centrum",
    "coach",
    "coaches",
    "coaching",
    "consulent",
    "cursus",
    "dienst",
    "diensten",
    "dossier",
    "gesprek",
    "gesprekken",
    "groep",
    "groepen",
    "heden",
    "heid",
    "huis",
    "hulp",
    "instelling",
    "instellingen",
    "lijk",
    "lijke",
    "loket",
    "maatje",
    "maatjes",
    "netwerk",
    "netwerken",
    "ondersteuning",
    "organisatie",
    "organisaties",
    "plan",
    "plannen",
    "preventie",
    "programma",
    "project",
    "projecten",
    "punt",
    "regeling",
    "regie",
    "schap",
    "schappen",
    "signalering",
    "team",
    "teams",
    "training",
    "traject",
    "trajecten",
    "verlener",
    "verleners",
    "verlening",
    "voorziening",
    "voorzieningen",
    "werk",
    "werker",
    "werkers",
    "wijk",
    "zorg",
    "zorger",
    "zorgers",
];

/// Whether `word` is a known head or ending.
pub fn is_head(word: &str) -> bool {
    HEADS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_sorted() {
        let mut sorted = HEADS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, HEADS);
    }
}
