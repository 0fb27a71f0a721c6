//! The trained check-worthiness model: how likely a sentence is to be worth fact-checking, in 0..1.
//!
//! A linear model (logistic regression) over hashed word, word-bigram and character 2-5-gram TF-IDF features
//! ([`features`]), trained by `scripts/train/train_checkworthy.py` (`make train-checkworthy`) on the CLEF
//! CheckThat! 2024 English training split and embedded in the binary (`models/checkworthy-linear.bin`). It is
//! calibrated so that a score of 0.5 or more means check-worthy at the threshold that gave the best F1 of the
//! Yes class in cross-validation on the training split. Extraction stores this score on every claim, and
//! `claimtrail score` prints it.
//!
//! Scoring takes 10-20 microseconds per sentence of news (`claimtrail bench score`); each thread that scores
//! keeps a table of one count per hash bucket (1 MiB) and allocates nothing after its first call.

mod features;

use std::cell::RefCell;
use std::sync::OnceLock;

pub use features::FORMAT_VERSION;

/// The embedded model file.
static MODEL_BYTES: &[u8] = include_bytes!("../../models/checkworthy-linear.bin");

/// Decimals kept in a score (what the database stores and the CLI prints).
pub const SCORE_DECIMALS: i32 = 4;

/// Why a model file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("not a claimtrail check-worthiness model (bad magic)")]
    Magic,
    #[error("model format {found} is not the supported format {expected}")]
    Version { found: u32, expected: u32 },
    #[error("model hash size of {0} bits is out of range")]
    Bits(u32),
    #[error("model file is {found} bytes, expected {expected}")]
    Length { found: usize, expected: usize },
}

/// A loaded linear check-worthiness model.
#[derive(Debug, Clone)]
pub struct Scorer {
    bits: u32,
    bias: f64,
    threshold: f64,
    slope: f64,
    /// (idf, weight) per bucket, side by side so that a feature costs one memory access, not two.
    table: Vec<[f32; 2]>,
}

const HEADER: usize = 4 + 4 + 4 + 4 * 3;

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(a)
}

fn f32_at(b: &[u8], at: usize) -> f32 {
    f32::from_bits(u32_at(b, at))
}

impl Scorer {
    /// Reads a model file (layout in `scripts/train/train_checkworthy.py`).
    pub fn from_bytes(b: &[u8]) -> Result<Self, ModelError> {
        if b.len() < HEADER || &b[..4] != b"CTCW" {
            return Err(ModelError::Magic);
        }
        let version = u32_at(b, 4);
        if version != FORMAT_VERSION {
            return Err(ModelError::Version {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let bits = u32_at(b, 8);
        if !(8..=26).contains(&bits) {
            return Err(ModelError::Bits(bits));
        }
        let n = 1usize << bits;
        let expected = HEADER + 2 * 4 * n;
        if b.len() != expected {
            return Err(ModelError::Length {
                found: b.len(),
                expected,
            });
        }
        let weights = HEADER;
        let idf = HEADER + 4 * n;
        let table = (0..n)
            .map(|i| [f32_at(b, idf + 4 * i), f32_at(b, weights + 4 * i)])
            .collect();
        Ok(Scorer {
            bits,
            bias: f64::from(f32_at(b, 12)),
            threshold: f64::from(f32_at(b, 16)),
            slope: f64::from(f32_at(b, 20)),
            table,
        })
    }

    /// The model shipped inside claimtrail (parsed once).
    pub fn shipped() -> Result<&'static Scorer, ModelError> {
        static SHIPPED: OnceLock<Result<Scorer, ModelError>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| Scorer::from_bytes(MODEL_BYTES))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The uncalibrated logit of the linear model.
    fn logit(&self, text: &str, scratch: &mut features::Scratch) -> f64 {
        features::hashed_counts(text, self.bits, scratch);
        let mut norm2 = 0.0f64;
        let mut dot = 0.0f64;
        for &(j, c) in &scratch.counts {
            let j = j as usize;
            let Some(&[idf, w]) = self.table.get(j) else {
                continue;
            };
            let v = f64::from(idf) * f64::from(c);
            norm2 += v * v;
            dot += f64::from(w) * v;
        }
        let norm = norm2.sqrt();
        self.bias + if norm > 0.0 { dot / norm } else { 0.0 }
    }

    /// Check-worthiness of one sentence in 0..1 (0.5 or more: check-worthy), rounded to
    /// [`SCORE_DECIMALS`] decimals. Deterministic; safe to call from many threads.
    pub fn score(&self, text: &str) -> f64 {
        thread_local! {
            static SCRATCH: RefCell<features::Scratch> = RefCell::default();
        }
        let z = SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.logit(text, &mut s),
            Err(_) => self.logit(text, &mut features::Scratch::default()),
        });
        let p = 1.0 / (1.0 + (-self.slope * (z - self.threshold)).exp());
        let scale = 10f64.powi(SCORE_DECIMALS);
        ((p * scale).round() / scale).clamp(0.0, 1.0)
    }
}

/// Check-worthiness of `text` by the shipped model (see [`Scorer::score`]).
pub fn score(text: &str) -> Result<f64, ModelError> {
    Ok(Scorer::shipped()?.score(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fictional sentences written for this test, with the scores the training script printed for them
    /// (`make train-checkworthy`). After retraining, paste the new table.
    const PROBES: &[(&str, f64)] = &[
        (
            "Unemployment in Valmora fell to 4.2 percent last year, the lowest rate since 1998.",
            0.996738,
        ),
        (
            "I think we all want a better future for our children.",
            0.000737,
        ),
        (
            "The new bridge cost $340 million, twice the original estimate.",
            0.960598,
        ),
        (
            "Thank you very much, it is great to be here tonight.",
            0.001137,
        ),
        (
            "Senator Okafor voted against the port funding bill three times.",
            0.982593,
        ),
        ("What are we going to do about it?", 0.003618),
        (
            "Crime in our cities has doubled since my opponent took office.",
            0.983094,
        ),
        ("", 0.042325),
    ];

    #[test]
    fn the_shipped_model_loads() {
        assert!(Scorer::shipped().is_ok());
    }

    #[test]
    fn matches_the_trained_model_on_fixed_sentences() {
        let s = Scorer::shipped().expect("shipped model");
        assert!(!PROBES.is_empty());
        for &(text, expected) in PROBES {
            let got = s.score(text);
            assert!(
                (got - expected).abs() <= 2e-4,
                "{text:?}: Rust {got}, Python {expected}"
            );
        }
    }

    #[test]
    fn scores_are_in_range_and_deterministic() {
        let s = Scorer::shipped().expect("shipped model");
        for text in [
            "",
            "   ",
            "!!!",
            "ÜBER 9000 İSTANBUL ﬁ 😀",
            &"very long sentence ".repeat(500),
            "The harbour authority said 1,200 containers were stranded on Tuesday.",
        ] {
            let a = s.score(text);
            assert!((0.0..=1.0).contains(&a), "{text:?}: {a}");
            assert_eq!(a, s.score(text));
        }
    }

    #[test]
    fn a_factual_claim_outscores_small_talk() {
        let s = Scorer::shipped().expect("shipped model");
        let claim =
            s.score("The city spent 12 million dollars on the stadium, three times the budget.");
        let chat = s.score("Thanks, everybody, it is wonderful to see you all.");
        assert!(claim >= 0.5 && chat < 0.5, "claim {claim}, chat {chat}");
    }

    #[test]
    fn rejects_broken_model_files() {
        assert_eq!(
            Scorer::from_bytes(b"nope").expect_err("not a model"),
            ModelError::Magic
        );
        let mut b = MODEL_BYTES.to_vec();
        b.truncate(b.len() - 4);
        assert!(matches!(
            Scorer::from_bytes(&b),
            Err(ModelError::Length { .. })
        ));
        let mut b = MODEL_BYTES.to_vec();
        b[4] = 99;
        assert!(matches!(
            Scorer::from_bytes(&b),
            Err(ModelError::Version { found: 99, .. })
        ));
    }
}
