//! Classic Snowball Dutch (Porter's 2002 algorithm), written out so that the
//! derivational step (3: `-heid`, `-ing`, `-ig`, `-lijk`, `-baar`) can be left
//! out; the present participle `-end` is removed either way. With it, the output equals `rust-stemmers`' Dutch stemmer on ASCII
//! input (a test checks this on the Alpino vocabulary).

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

struct Word {
    b: Vec<u8>,
    p1: usize,
    p2: usize,
}

impl Word {
    fn ends(&self, s: &str) -> bool {
        self.b.ends_with(s.as_bytes())
    }

    /// Start of a suffix of length `len`.
    fn start(&self, len: usize) -> usize {
        self.b.len() - len
    }

    fn before(&self, len: usize) -> Option<u8> {
        let s = self.start(len);
        if s == 0 {
            None
        } else {
            Some(self.b[s - 1])
        }
    }

    fn cut(&mut self, len: usize) {
        let n = self.b.len() - len;
        self.b.truncate(n);
    }

    fn undouble(&mut self) {
        if self.ends("kk") || self.ends("dd") || self.ends("tt") {
            self.b.pop();
        }
    }

    fn valid_en_ending(&self, len: usize) -> bool {
        let s = self.start(len);
        s > 0 && !is_vowel(self.b[s - 1]) && !self.b[..s].ends_with(b"gem")
    }

    /// Deletes `-en`/`-ene` of length `len` when in R1 after a valid en-ending.
    fn delete_en(&mut self, len: usize) -> bool {
        if self.start(len) >= self.p1 && self.valid_en_ending(len) {
            self.cut(len);
            self.undouble();
            true
        } else {
            false
        }
    }

    fn step2(&mut self) -> bool {
        if self.ends("e")
            && self.start(1) >= self.p1
            && self.before(1).is_some_and(|c| !is_vowel(c))
        {
            self.cut(1);
            self.undouble();
            true
        } else {
            false
        }
    }
}

fn prelude(b: &mut [u8]) {
    if b.first() == Some(&b'y') {
        b[0] = b'Y';
    }
    let mut i = 0;
    while i + 1 < b.len() {
        if is_vowel(b[i]) {
            if b[i + 1] == b'i' && i + 2 < b.len() && is_vowel(b[i + 2]) {
                b[i + 1] = b'I';
                i += 3;
                continue;
            }
            if b[i + 1] == b'y' {
                b[i + 1] = b'Y';
                i += 2;
                continue;
            }
        }
        i += 1;
    }
}

fn region_start(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() && !is_vowel(b[i]) {
        i += 1;
    }
    while i < b.len() && is_vowel(b[i]) {
        i += 1;
    }
    if i < b.len() {
        i + 1
    } else {
        b.len()
    }
}

/// Stems a lowercase ASCII word; `derivational` switches step 3 on.
pub fn snowball_dutch(word: &str, derivational: bool) -> String {
    if !word.is_ascii() {
        return word.to_string();
    }
    let mut b = word.as_bytes().to_vec();
    prelude(&mut b);
    let raw_p1 = region_start(&b, 0);
    let p2 = region_start(&b, raw_p1);
    let p1 = raw_p1.max(3);
    let mut w = Word { b, p1, p2 };

    // Step 1.
    if w.ends("heden") {
        if w.start(5) >= w.p1 {
            w.cut(5);
            w.b.extend_from_slice(b"heid");
        }
    } else if w.ends("ene") {
        w.delete_en(3);
    } else if w.ends("en") {
        w.delete_en(2);
    } else if w.ends("se") || w.ends("s") {
        let len = if w.ends("se") { 2 } else { 1 };
        if w.start(len) >= w.p1 && w.before(len).is_some_and(|c| !is_vowel(c) && c != b'j') {
            w.cut(len);
        }
    }
    // Step 2.
    let e_found = w.step2();
    if derivational {
        // Step 3a.
        if w.ends("heid") && w.start(4) >= w.p2 && w.before(4) != Some(b'c') {
            w.cut(4);
            if w.ends("en") {
                w.delete_en(2);
            }
        }
        // Step 3b.
        step3b(&mut w, e_found);
    } else if w.ends("end") && w.start(3) >= w.p2 {
        // The present participle (`werkend`) is inflection, not derivation: keep it.
        w.cut(3);
        w.undouble();
    }
    // Step 4: undouble a vowel in C-VV-D at the end.
    let n = w.b.len();
    if n >= 4 {
        let (c, v1, v2, d) = (w.b[n - 4], w.b[n - 3], w.b[n - 2], w.b[n - 1]);
        if !is_vowel(c)
            && v1 == v2
            && matches!(v1, b'a' | b'e' | b'o' | b'u')
            && !is_vowel(d)
            && d != b'I'
        {
            w.b.remove(n - 2);
        }
    }
    for c in &mut w.b {
        *c = match *c {
            b'Y' => b'y',
            b'I' => b'i',
            other => other,
        };
    }
    String::from_utf8(w.b).unwrap_or_else(|_| word.to_string())
}

fn step3b(w: &mut Word, e_found: bool) {
    let in_r2 = |w: &Word, len: usize| w.start(len) >= w.p2;
    if w.ends("end") || w.ends("ing") {
        if in_r2(w, 3) {
            w.cut(3);
            if w.ends("ig") && in_r2(w, 2) && w.before(2) != Some(b'e') {
                w.cut(2);
            } else {
                w.undouble();
            }
        }
    } else if w.ends("ig") {
        if in_r2(w, 2) && w.before(2) != Some(b'e') {
            w.cut(2);
        }
    } else if w.ends("lijk") {
        if in_r2(w, 4) {
            w.cut(4);
            w.step2();
        }
    } else if w.ends("baar") {
        if in_r2(w, 4) {
            w.cut(4);
        }
    } else if w.ends("bar") && in_r2(w, 3) && e_found {
        w.cut(3);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rust_stemmers_on_common_words() {
        let classic = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Dutch);
        for w in [
            "gemeente",
            "gemeenten",
            "gezinnen",
            "mantelzorgers",
            "jongeren",
            "eenzaamheid",
            "ondersteuning",
            "lichamelijk",
            "betaalbaar",
            "geweld",
            "koninkrijk",
            "mogelijkheden",
            "vrijheid",
            "gevaarlijk",
            "maan",
            "bomen",
            "yoghurt",
            "haaien",
            "ideeen",
            "uitvoering",
        ] {
            assert_eq!(snowball_dutch(w, true), classic.stem(w), "{w}");
        }
    }
}
