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
    /// A token with a space on each side.
    padded: Vec<u8>,
    /// Byte offsets of the chars of `padded` and its length (for tokens that are not ASCII).
    bounds: Vec<usize>,
    /// Signed count per bucket while a sentence is hashed (`2^bits` entries, all zero between calls): a sum
    /// in place is cheaper than sorting every feature's key to gather a bucket's features.
    dense: Vec<f32>,
    /// Buckets counted since the last call, in first-seen order. A bucket appears again when its sum went back
    /// to zero and was counted again; the second reading finds zero and adds nothing.
    touched: Vec<u32>,
    /// (bucket, signed count) of the sentence: buckets distinct, zero sums left out, in no particular order.
    pub counts: Vec<(u32, f32)>,
}

/// Fills `s.counts` with the summed signed counts per bucket of `text`'s features.
pub(crate) fn hashed_counts(text: &str, bits: u32, s: &mut Scratch) {
    let buckets = 1usize << bits;
    if s.dense.len() != buckets {
        s.dense.clear();
        s.dense.resize(buckets, 0.0);
    }
    let mask = (buckets - 1) as u64;
    let (dense, touched) = (&mut s.dense, &mut s.touched);
    touched.clear();
    let mut add = |h: u64| {
        // The mask keeps the bucket below 2^bits (bits <= 26): it fits in a u32 and indexes `dense`.
        let j = (h & mask) as u32;
        if let Some(slot) = dense.get_mut(j as usize) {
            if *slot == 0.0 {
                touched.push(j);
            }
            *slot += if h >> 63 == 1 { -1.0 } else { 1.0 };
        }
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
    let c_prefix = Fnv::new().feed(b"c:");
    for t in &s.toks {
        let padded = &mut s.padded;
        padded.clear();
        padded.push(b' ');
        padded.extend_from_slice(tok(t).as_bytes());
        padded.push(b' ');
        if padded.is_ascii() {
            // A char is a byte: grams starting at byte i share their prefix, so one hash state is extended a
            // byte at a time.
            for i in 0..padded.len() {
                let mut h = c_prefix;
                for (len, &b) in padded[i..].iter().take(CHAR_MAX).enumerate() {
                    h = h.feed(&[b]);
                    if len + 1 >= CHAR_MIN {
                        add(h.finish());
                    }
                }
            }
        } else {
            let bounds = &mut s.bounds;
            bounds.clear();
            bounds.extend((0..padded.len()).filter(|&i| (padded[i] as i8) >= -0x40));
            bounds.push(padded.len());
            let chars = bounds.len() - 1;
            for i in 0..chars {
                let mut h = c_prefix;
                for len in 1..=CHAR_MAX.min(chars - i) {
                    let ch = padded
                        .get(bounds[i + len - 1]..bounds[i + len])
                        .unwrap_or_default();
                    h = h.feed(ch);
                    if len >= CHAR_MIN {
                        add(h.finish());
                    }
                }
            }
        }
    }
    let bucket = n.min(LEN_CAP) / LEN_STEP;
    add(Fnv::new()
        .feed(b"n:")
        .feed(bucket.to_string().as_bytes())
        .finish());

    // Read each bucket's sum once and put the zero back for the next call.
    let counts = &mut s.counts;
    counts.clear();
    for &j in touched.iter() {
        if let Some(slot) = dense.get_mut(j as usize) {
            if *slot != 0.0 {
                counts.push((j, *slot));
                *slot = 0.0;
            }
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
        let mut buckets: Vec<u32> = s.counts.iter().map(|&(j, _)| j).collect();
        buckets.sort_unstable();
        buckets.dedup();
        assert_eq!(buckets.len(), s.counts.len(), "a bucket listed twice");
        // "w:the" occurs three times: some bucket carries |3|.
        assert!(s.counts.iter().any(|&(_, v)| v.abs() >= 3.0));
    }

    /// The features straight from the specification in the module comment: every feature's string, hashed
    /// whole, summed per bucket. The fast path must give exactly these sums.
    fn reference_counts(text: &str, bits: u32) -> std::collections::BTreeMap<u32, f32> {
        let mut norm = String::new();
        normalise(text, &mut norm);
        let mut ranges = Vec::new();
        token_ranges(&norm, &mut ranges);
        let toks: Vec<&str> = ranges.iter().map(|&(a, b)| &norm[a..b]).collect();
        let mut features: Vec<String> = toks.iter().map(|t| format!("w:{t}")).collect();
        let mut with_ends = vec!["<s>"];
        with_ends.extend(&toks);
        with_ends.push("</s>");
        for w in with_ends.windows(2) {
            features.push(format!("b:{} {}", w[0], w[1]));
        }
        for t in &toks {
            let chars: Vec<char> = format!(" {t} ").chars().collect();
            for n in CHAR_MIN..=CHAR_MAX {
                for gram in chars.windows(n) {
                    features.push(format!("c:{}", gram.iter().collect::<String>()));
                }
            }
        }
        features.push(format!("n:{}", toks.len().min(LEN_CAP) / LEN_STEP));
        let mut sums = std::collections::BTreeMap::new();
        for f in features {
            let h = Fnv::new().feed(f.as_bytes()).finish();
            let sign = if h >> 63 == 1 { -1.0 } else { 1.0 };
            *sums.entry((h & ((1 << bits) - 1)) as u32).or_insert(0.0) += sign;
        }
        sums.retain(|_, v| *v != 0.0);
        sums
    }

    #[test]
    fn the_fast_path_gives_the_specified_sums() {
        let mut s = Scratch::default();
        for text in [
            "Unemployment fell to 4.2 percent in 2016, the minister said.",
            "“We agreed,” said Zoë Müller of the Σύνταγμα committee; naïve café owners didn’t.",
            "a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a",
            "",
            "日本 政府 said 42",
        ] {
            // A small table makes buckets collide, so sums that go back to zero are met too.
            for bits in [8, 18] {
                hashed_counts(text, bits, &mut s);
                let fast: std::collections::BTreeMap<u32, f32> = s.counts.iter().copied().collect();
                assert_eq!(fast.len(), s.counts.len(), "{text:?}: a bucket listed twice");
                assert_eq!(fast, reference_counts(text, bits), "{text:?} at {bits} bits");
            }
        }
        assert!(
            s.dense.iter().all(|&v| v == 0.0),
            "the table is left clean for the next call"
        );
    }
}
