//! Our Dutch stemmer: classic Snowball with a few Dutch-specific corrections.
//!
//! Each correction was kept because it raised form→lemma agreement on the Alpino
//! gold without raising lemma collapse by more (see `ANALYZER.md` for the ablation):
//!
//! - **undouble**: classic Snowball only undoubles `kk`, `dd`, `tt` after removing
//!   `-en`, so `gezinnen` → `gezinn` but `gezin` → `gezin`; every final double
//!   consonant is undoubled.
//! - **plurals**: `-ies` (`situaties`, `activiteiten` is already fine), `-ën`
//!   (`categorieën`, folded to `categorieen`), and the `-eren` plurals (`kinderen`).
//! - **diminutives**: `-je`, `-tje`, `-pje`, `-etje` and their plurals in `-s`.
//! - **f/v, s/z** (measured, left off): a stem ending in `v` or `z` ends in `f`
//!   or `s` (`initiatieven` → `initiatief`); it added as much collapse as agreement.
//! - **no derivational step**: classic Snowball also strips `-heid`, `-ing`,
//!   `-lijk`, `-baar`, `-ig`, which merges different lemmas (`overheid`/`over`,
//!   `ondersteuning`/`ondersteunen`) without bringing any form to its lemma; it is
//!   left out (halving lemma collapse). Derived words are still found from their
//!   base through the compound expansion of the query (`eenzaam` → `eenzaamheid`).
//! - **function words** keep their own term, and a content word whose stem would
//!   land on one gets a mark, so `meten` ≠ `met`, `heten` ≠ `het`, `niets` ≠ `niet`.
//!   Nothing is dropped: `niet` and `geen` stay searchable.
//!
//! It never strips a `ge-` prefix (the pitfall of the new Snowball: `gemeente`,
//! `gezin`, `geweld` must stay themselves).

use super::snowball_nl::snowball_dutch;

/// The corrections on top of classic Snowball, each switchable for measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Undouble any final double consonant.
    pub undouble: bool,
    /// `-ies`, `-ën` and `-eren` plurals.
    pub plurals: bool,
    /// Diminutives.
    pub diminutives: bool,
    /// A final `v`/`z` becomes `f`/`s`.
    pub voicing: bool,
    /// Protect function words.
    pub function_words: bool,
    /// Keep classic Snowball's derivational step (`-heid`, `-ing`, `-lijk`, ...).
    pub derivational: bool,
}

impl Rules {
    /// What the index uses: every correction that raised the score, no
    /// derivational step (voicing measured as a wash and is off).
    pub const CHOSEN: Rules = Rules {
        undouble: true,
        plurals: true,
        diminutives: true,
        voicing: false,
        function_words: true,
        derivational: false,
    };
    /// No correction: classic Snowball on folded input.
    pub const NONE: Rules = Rules {
        undouble: false,
        plurals: false,
        diminutives: false,
        voicing: false,
        function_words: false,
        derivational: true,
    };
}

/// Function words: they keep their own term and no other word may land on it.
const FUNCTION_WORDS: &[&str] = &[
    "aan", "al", "alle", "alles", "als", "bij", "binnen", "buiten", "dan", "dat", "de", "den",
    "der", "des", "deze", "die", "dit", "door", "dus", "een", "eens", "en", "er", "geen", "haar",
    "heen", "hem", "hen", "het", "hier", "hij", "hoe", "hun", "iets", "ik", "in", "je", "jij",
    "maar", "me", "meer", "men", "met", "mij", "na", "naar", "naast", "niet", "niets", "nog", "nu",
    "of", "om", "omdat", "onder", "ons", "onze", "ook", "op", "over", "per", "sinds", "te",
    "tegen", "toch", "toen", "tot", "tussen", "u", "uit", "van", "veel", "via", "voor", "waar",
    "wat", "we", "wel", "wie", "wij", "zal", "ze", "zich", "zij", "zo", "zonder",
];

/// Whether `w` (lowercase, folded) is a function word.
pub fn is_function_word(w: &str) -> bool {
    // Every function word is short: most words of a text are refused at once
    // (this runs for every token indexed and highlighted).
    w.len() <= FUNCTION_WORD_MAX_BYTES && FUNCTION_WORDS.binary_search(&w).is_ok()
}

/// The length of the longest function word (all are ASCII).
const FUNCTION_WORD_MAX_BYTES: usize = 6;

/// Plurals in `-eren` (and compounds ending in them) and their singular.
const EREN_PLURALS: &[(&str, &str)] = &[
    ("beenderen", "been"),
    ("bladeren", "blad"),
    ("eieren", "ei"),
    ("gelederen", "gelid"),
    ("goederen", "goed"),
    ("kalveren", "kalf"),
    ("kinderen", "kind"),
    ("lammeren", "lam"),
    ("liederen", "lied"),
    ("runderen", "rund"),
    ("volkeren", "volk"),
];

/// Stems a lowercased, ASCII-folded Dutch word the way the index does.
pub fn stem_dutch(word: &str, out: &mut String) {
    stem_dutch_with(word, out, Rules::CHOSEN);
}

/// Stems a lowercased, ASCII-folded Dutch word with the given corrections.
pub fn stem_dutch_with(word: &str, out: &mut String, rules: Rules) {
    if word.len() < 3 || word.bytes().any(|b| b.is_ascii_digit()) || !word.is_ascii() {
        out.push_str(word);
        return;
    }
    if rules.function_words && is_function_word(word) {
        out.push_str(word);
        return;
    }
    let mut w = word.to_string();
    if rules.plurals {
        plural(&mut w);
    }
    if rules.diminutives {
        diminutive(&mut w);
    }
    let mut stem = snowball_dutch(&w, rules.derivational);
    if rules.undouble {
        undouble(&mut stem);
    }
    if rules.voicing && stem.len() > 3 {
        if stem.ends_with('v') {
            stem.pop();
            stem.push('f');
        } else if stem.ends_with('z') {
            stem.pop();
            stem.push('s');
        }
    }
    if rules.function_words && is_function_word(&stem) {
        stem.push('_');
    }
    out.push_str(&stem);
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn plural(w: &mut String) {
    for (plural, singular) in EREN_PLURALS {
        if w.ends_with(plural) {
            let keep = w.len() - plural.len();
            w.truncate(keep);
            w.push_str(singular);
            return;
        }
    }
    if w.len() >= 6 && (w.ends_with("ieen") || w.ends_with("eeen")) {
        w.truncate(w.len() - 2);
    } else if w.len() >= 5 && w.ends_with("ies") {
        w.pop();
    }
}

/// Ends of a diminutive base that take `-tje`: long vowels and diphthongs.
const TJE_VOWEL_ENDS: &[&str] = &["ee", "ie", "oe", "ou", "au", "ei", "ij", "ui", "eu"];

fn diminutive(w: &mut String) {
    if w.len() < 5 {
        return;
    }
    let b = w.as_bytes();
    let n = b.len();
    let plural = w.ends_with("jes");
    let end = if plural { n - 1 } else { n };
    if !w[..end].ends_with("je") {
        return;
    }
    let stem = &w[..end];
    let sb = stem.as_bytes();
    let m = sb.len();
    // -etje after a doubled consonant: mannetje, balletje, spelletje.
    if stem.ends_with("etje") && m >= 7 && sb[m - 5] == sb[m - 6] && !is_vowel(sb[m - 5]) {
        w.truncate(m - 4);
        return;
    }
    // -pje after a long vowel and m: raampje, boompje, bloempje.
    if stem.ends_with("mpje") && m >= 7 && is_vowel(sb[m - 5]) && is_vowel(sb[m - 6]) {
        w.truncate(m - 3);
        return;
    }
    if stem.ends_with("tje") && m >= 6 {
        let base = &stem[..m - 3];
        let bb = base.as_bytes();
        let k = bb.len();
        let vowel_end = TJE_VOWEL_ENDS.iter().any(|e| base.ends_with(e));
        let liquid_end = matches!(bb[k - 1], b'l' | b'n' | b'r' | b'w')
            && (bb[k - 2] == b'e'
                || base[..k - 1].ends_with("ij")
                || (is_vowel(bb[k - 2]) && is_vowel(bb[k - 3])));
        if vowel_end || liquid_end {
            w.truncate(m - 3);
            return;
        }
    }
    // -je after a consonant: hoekje, kopje, feestje.
    if m >= 5 && !is_vowel(sb[m - 3]) {
        w.truncate(m - 2);
    }
}

fn undouble(s: &mut String) {
    let b = s.as_bytes();
    let n = b.len();
    if n >= 4 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) && b[n - 1].is_ascii_alphabetic() {
        s.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(w: &str) -> String {
        let mut out = String::new();
        stem_dutch(w, &mut out);
        out
    }

    #[test]
    fn function_words_are_sorted_for_binary_search() {
        let mut sorted = FUNCTION_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, FUNCTION_WORDS);
    }

    #[test]
    fn the_length_check_lets_every_function_word_through() {
        let longest = FUNCTION_WORDS.iter().map(|w| w.len()).max();
        assert_eq!(longest, Some(FUNCTION_WORD_MAX_BYTES));
        assert!(FUNCTION_WORDS.iter().all(|w| is_function_word(w)));
        assert!(!is_function_word("mantelzorger"));
    }

    #[test]
    fn plurals_and_diminutives_meet_their_singular() {
        for (a, b) in [
            ("gezinnen", "gezin"),
            ("situaties", "situatie"),
            ("categorieen", "categorie"),
            ("kinderen", "kind"),
            ("pleegkinderen", "pleegkind"),
            ("hoekje", "hoek"),
            ("telefoontje", "telefoon"),
            ("raampje", "raam"),
            ("spelletjes", "spel"),
            ("slachtoffertjes", "slachtoffer"),
            ("lampje", "lamp"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn function_words_stay_apart() {
        for (a, b) in [
            ("meten", "met"),
            ("heten", "het"),
            ("niets", "niet"),
            ("eens", "een"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} / {b}");
        }
        assert_eq!(stem("niet"), "niet");
        assert_eq!(stem("geen"), "geen");
    }
}
