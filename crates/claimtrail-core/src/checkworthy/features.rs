//! Hashed sentence features: the Rust twin of `scripts/train/features.py` (the specification; change both
//! together and bump [`FORMAT_VERSION`]).
//!
//! 1. Normalise: curly quotes become straight ones, apostrophes are dropped ("don't" -> "dont"), ASCII letters
//!    are lower-cased (other letters too when their lower case is one char), ASCII digits become `0`.
//! 2. Tokens: maximal runs of word characters (ASCII letters and digits, non-ASCII alphabetic characters).
//! 3. Features: `w:` + token; `b:` + t1 + ` ` + t2 for neighbours in `<s>` + tokens + `</s>`; `c:` + every
//!    character n-gram (n = 2..=5) of ` ` + token + ` `; `n:` + a sentence-length bucket.
//! 4. Hash: FNV-1a 64 of the UTF-8 bytes, then the splitmix64 finaliser; bucket = low `bits` bits,
//!    sign = bit 63 (set: -1). Values are summed per bucket.
//!
//! (Non-ASCII letters: Rust's `is_alphabetic` and Python's `isalpha` disagree on a few marks, so scores of
//! such text may differ from the training script's in the last decimals. English text is unaffected.)

/// Version of the feature definition and of the model file layout.
pub const FORMAT_VERSION: u32 = 1;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;
const CHAR_MIN: usize = 2;
const CHAR_MAX: usize = 5;
const LEN_CAP: usize = 40;
const LEN_STEP: usize = 4;

/// An FNV-1a 64 state fed piece by piece (so features are hashed without building their strings).
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(FNV_OFFSET)
    }

    fn feed(mut self, bytes: &[u8]) -> Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
        self
    }

    /// The splitmix64 finaliser of the state.
    fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 30;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^= h >> 27;
        h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^= h >> 31;
        h
    }
}

/// Normalises `text` into `out` (cleared first).
pub(crate) fn normalise(text: &str, out: &mut String) {
    out.clear();
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\'' | '`' | '\u{00b4}' => {}
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => out.push('"'),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            '0'..='9' => out.push('0'),
            c if c.is_ascii() => out.push(c),
            c => {
                let mut low = c.to_lowercase();
                match (low.next(), low.next()) {
                    (Some(l), None) => out.push(l),
                    _ => out.push(c),
                }
            }
        }
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphabetic()
    }
}

/// Byte ranges of the tokens of normalised text.
pub(crate) fn token_ranges(norm: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut start = None;
    for (i, c) in norm.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, norm.len()));
    }
}

/// Reusable buffers for [`hashed_counts`].
#[derive(Default)]
pub(crate) struct Scratch {
    norm: String,
    toks: Vec<(usize, usize)>,
    padded: String,
    bounds: Vec<usize>,
    /// One key per feature: bucket << 1, plus 1 when its sign is negative.
    keys: Vec<u32>,
    /// (bucket, signed count), sorted by bucket and summed.
    pub counts: Vec<(u32, f32)>,
}

/// Fills `s.counts` with the summed signed counts per bucket of `text`'s features.
pub(crate) fn hashed_counts(text: &str, bits: u32, s: &mut Scratch) {
    let mask = (1u64 << bits) - 1;
    let keys = &mut s.keys;
    keys.clear();
    let mut add = |h: u64| {
        // The mask keeps the bucket below 2^bits (bits <= 30), so the key fits in 31 bits.
        keys.push((((h & mask) as u32) << 1) | (h >> 63) as u32);
    };
    normalise(text, &mut s.norm);
    token_ranges(&s.norm, &mut s.toks);
    let norm = s.norm.as_str();
    let tok = |&(a, b): &(usize, usize)| norm.get(a..b).unwrap_or("");

    for t in &s.toks {
        add(Fnv::new().feed(b"w:").feed(tok(t).as_bytes()).finish());
    }
    let n = s.toks.len();
    for i in 0..=n {
        let left = if i == 0 { "<s>" } else { tok(&s.toks[i - 1]) };
        let right = if i == n { "</s>" } else { tok(&s.toks[i]) };
        add(Fnv::new()
            .feed(b"b:")
            .feed(left.as_bytes())
            .feed(b" ")
            .feed(right.as_bytes())
            .finish());
    }
    for t in &s.toks {
        s.padded.clear();
        s.padded.push(' ');
        s.padded.push_str(tok(t));
        s.padded.push(' ');
        s.bounds.clear();
        s.bounds.extend(s.padded.char_indices().map(|(i, _)| i));
        s.bounds.push(s.padded.len());
        let chars = s.bounds.len() - 1;
        let c_prefix = Fnv::new().feed(b"c:");
        // Grams starting at char i share their prefix: extend one hash state a char at a time.
        for i in 0..chars {
            let mut h = c_prefix;
            for len in 1..=CHAR_MAX.min(chars - i) {
                let ch = s
                    .padded
                    .get(s.bounds[i + len - 1]..s.bounds[i + len])
                    .unwrap_or("");
                h = h.feed(ch.as_bytes());
                if len >= CHAR_MIN {
                    add(h.finish());
                }
            }
        }
    }
    let bucket = n.min(LEN_CAP) / LEN_STEP;
    add(Fnv::new()
        .feed(b"n:")
        .feed(bucket.to_string().as_bytes())
        .finish());

    // Sorting plain keys is cheaper than sorting (bucket, sign) pairs; a bucket's keys end up side by side
    // and its count is a sum of whole numbers (exact in any order).
    keys.sort_unstable();
    let counts = &mut s.counts;
    counts.clear();
    for &k in keys.iter() {
        let (j, sign) = (k >> 1, if k & 1 == 1 { -1.0 } else { 1.0 });
        match counts.last_mut() {
            Some(last) if last.0 == j => last.1 += sign,
            _ => counts.push((j, sign)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<String> {
        let mut norm = String::new();
        normalise(text, &mut norm);
        let mut r = Vec::new();
        token_ranges(&norm, &mut r);
        r.iter().map(|&(a, b)| norm[a..b].to_string()).collect()
    }

    #[test]
    fn normalises_case_digits_and_apostrophes() {
        assert_eq!(
            toks("Don’t say “42%” in Zürich, O'Neil!"),
            ["dont", "say", "00", "in", "zürich", "oneil"]
        );
        assert!(toks("  ... ").is_empty());
    }

    #[test]
    fn fnv_matches_reference_values() {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (published test vector).
        assert_eq!(Fnv::new().feed(b"a").0, 0xaf63_dc4c_8601_ec8c);
        assert_eq!(
            Fnv::new().feed(b"w:").feed(b"a").0,
            Fnv::new().feed(b"w:a").0
        );
    }

    #[test]
    fn counts_are_summed_per_bucket() {
        let mut s = Scratch::default();
        hashed_counts("the the the", 18, &mut s);
        assert!(s.counts.windows(2).all(|w| w[0].0 < w[1].0));
        // "w:the" occurs three times: some bucket carries |3|.
        assert!(s.counts.iter().any(|&(_, v)| v.abs() >= 3.0));
    }
}
