//! claimtrail-encoder: the check-worthiness score the app shows, from all-MiniLM-L6-v2 fine-tuned as a
//! classifier (`scripts/train/finetune_minilm.py`) and run on the CPU with candle.
//!
//! The model is embedded in the binary (`model/`, written by `make encoder-model`): the fine-tuned weights as
//! f16 safetensors (`bert.*` and the linear head `head.weight`/`head.bias`), the base model's `tokenizer.json`
//! and `config.json`, and `calibration.json` with the decision threshold chosen on held-out training data. The
//! forward pass mirrors training exactly: WordPiece tokens truncated to `max_len` and padded to the longest
//! text of the batch, BERT, mean pooling over the attention mask, one linear layer. The score is
//! `sigmoid(logit - threshold_logit)`, so 0.5 is the threshold.
//!
//! Loading takes a fraction of a second and a few hundred MB of memory, so the shipped model is loaded once,
//! on first use, and shared ([`Encoder::shipped`], [`score`]). Scoring runs in batches of [`BATCH`] texts,
//! shortest first, so padding costs little.
//!
//! Owns: the model files, tokenisation, the forward pass and calibration. Must not know: SQLite, the store,
//! Tauri or the terminal (the store takes any scoring closure; the CLI and the app pass [`score`]).

use std::sync::OnceLock;

use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{Linear, VarBuilder};
use candle_transformers::models::bert::{BertModel, Config};
use serde::Deserialize;
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// The embedded model files (see `model/README.md`).
static WEIGHTS: &[u8] = include_bytes!("../model/checkworthy-f16.safetensors");
static TOKENIZER: &[u8] = include_bytes!("../model/tokenizer.json");
static CONFIG: &[u8] = include_bytes!("../model/config.json");
static CALIBRATION: &[u8] = include_bytes!("../model/calibration.json");

/// Texts per forward pass. Larger batches gain little on two cores and pad more.
pub const BATCH: usize = 32;

/// Why the encoder cannot score.
#[derive(Debug, Clone, thiserror::Error)]
pub enum EncoderError {
    /// A model file is missing a tensor, malformed, or does not fit the configuration.
    #[error("check-worthiness encoder: cannot load the model: {0}")]
    Load(String),
    /// The tokenizer rejected a text.
    #[error("check-worthiness encoder: cannot tokenise: {0}")]
    Tokenize(String),
    /// The forward pass failed (a bug or out of memory; the input is never at fault).
    #[error("check-worthiness encoder: {0}")]
    Compute(String),
}

impl From<candle_core::Error> for EncoderError {
    fn from(e: candle_core::Error) -> Self {
        EncoderError::Compute(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, EncoderError>;

/// `calibration.json`: how the logit becomes a score.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Calibration {
    /// The logit at which the model says "check-worthy" (best F1 of the Yes class on held-out train data).
    pub threshold_logit: f32,
    /// Tokens per text at most, as in training (longer texts are cut).
    pub max_len: usize,
    /// Where the weights came from (free text, for people).
    #[serde(default)]
    pub source: String,
}

/// A loaded check-worthiness encoder.
pub struct Encoder {
    bert: BertModel,
    head: Linear,
    tokenizer: Tokenizer,
    calibration: Calibration,
    device: Device,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder")
            .field("calibration", &self.calibration)
            .finish_non_exhaustive()
    }
}

fn load_err(what: &str) -> impl Fn(String) -> EncoderError + '_ {
    move |e| EncoderError::Load(format!("{what}: {e}"))
}

impl Encoder {
    /// Builds an encoder from the four model files (the same layout as `model/`). The weights may be f16 or
    /// f32; the computation is f32.
    pub fn from_bytes(
        weights: &[u8],
        tokenizer_json: &[u8],
        config_json: &[u8],
        calibration_json: &[u8],
    ) -> Result<Self> {
        let calibration: Calibration = serde_json::from_slice(calibration_json)
            .map_err(|e| load_err("calibration.json")(e.to_string()))?;
        if calibration.max_len < 2 || !calibration.threshold_logit.is_finite() {
            return Err(EncoderError::Load(format!(
                "calibration.json: max_len {} or threshold_logit {} is out of range",
                calibration.max_len, calibration.threshold_logit
            )));
        }
        let config: Config = serde_json::from_slice(config_json)
            .map_err(|e| load_err("config.json")(e.to_string()))?;
        let mut tokenizer = Tokenizer::from_bytes(tokenizer_json)
            .map_err(|e| load_err("tokenizer.json")(e.to_string()))?;
        let pad_id = tokenizer.token_to_id("[PAD]").unwrap_or(0);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: calibration.max_len,
                ..Default::default()
            }))
            .map_err(|e| load_err("tokenizer.json")(e.to_string()))?;
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::BatchLongest,
            pad_id,
            pad_token: "[PAD]".into(),
            ..Default::default()
        }));
        let device = Device::Cpu;
        let vb = VarBuilder::from_slice_safetensors(weights, DType::F32, &device)
            .map_err(|e| load_err("weights")(e.to_string()))?;
        if !vb.contains_tensor("bert.embeddings.word_embeddings.weight") {
            return Err(EncoderError::Load(
                "weights: no `bert.*` tensors (expected the fine-tuned classifier's state dict)"
                    .into(),
            ));
        }
        let bert = BertModel::load(vb.pp("bert"), &config)
            .map_err(|e| load_err("weights")(e.to_string()))?;
        let head = candle_nn::linear(config.hidden_size, 1, vb.pp("head"))
            .map_err(|e| load_err("weights (head)")(e.to_string()))?;
        Ok(Self {
            bert,
            head,
            tokenizer,
            calibration,
            device,
        })
    }

    /// A fresh copy of the model shipped inside claimtrail, for a caller that wants its memory back when it
    /// drops it (the app's background worker, which sleeps between imports).
    pub fn load_shipped() -> Result<Encoder> {
        let started = std::time::Instant::now();
        let loaded = Encoder::from_bytes(WEIGHTS, TOKENIZER, CONFIG, CALIBRATION);
        match &loaded {
            Ok(e) => tracing::debug!(
                ms = started.elapsed().as_millis() as u64,
                source = %e.calibration.source,
                "check-worthiness encoder loaded"
            ),
            Err(e) => tracing::error!(error = %e, "check-worthiness encoder failed to load"),
        }
        loaded
    }

    /// The model shipped inside claimtrail, loaded on first use and shared by every thread for the life of the
    /// process (the CLI).
    pub fn shipped() -> Result<&'static Encoder> {
        static SHIPPED: OnceLock<Result<Encoder>> = OnceLock::new();
        SHIPPED
            .get_or_init(Encoder::load_shipped)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// How logits become scores.
    pub fn calibration(&self) -> &Calibration {
        &self.calibration
    }

    /// The classifier's raw logits, one per text, in input order.
    pub fn logits(&self, texts: &[&str]) -> Result<Vec<f32>> {
        let mut out = vec![0.0f32; texts.len()];
        if texts.is_empty() {
            return Ok(out);
        }
        // Shortest first, so each batch pads little; results go back to input order.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].len());
        for chunk in order.chunks(BATCH) {
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
            let logits = self.forward(&batch)?;
            for (&i, z) in chunk.iter().zip(logits) {
                out[i] = z;
            }
        }
        Ok(out)
    }

    /// Check-worthiness in 0..1, one per text, in input order; 0.5 or more means check-worthy.
    pub fn score(&self, texts: &[&str]) -> Result<Vec<f32>> {
        let t = self.calibration.threshold_logit;
        Ok(self
            .logits(texts)?
            .into_iter()
            .map(|z| sigmoid(z - t))
            .collect())
    }

    /// One forward pass over at most a batch of texts.
    fn forward(&self, texts: &[&str]) -> Result<Vec<f32>> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| EncoderError::Tokenize(e.to_string()))?;
        let n = encodings.len();
        let len = encodings.first().map_or(0, |e| e.get_ids().len());
        let mut ids = Vec::with_capacity(n * len);
        let mut mask = Vec::with_capacity(n * len);
        for e in &encodings {
            if e.get_ids().len() != len {
                return Err(EncoderError::Tokenize(
                    "padding left texts of different lengths".into(),
                ));
            }
            ids.extend_from_slice(e.get_ids());
            mask.extend_from_slice(e.get_attention_mask());
        }
        let ids = Tensor::from_vec(ids, (n, len), &self.device)?;
        let mask = Tensor::from_vec(mask, (n, len), &self.device)?;
        let token_types = ids.zeros_like()?;
        let hidden = self.bert.forward(&ids, &token_types, Some(&mask))?;
        // Mean over the real tokens (the attention mask), as in training.
        let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&m)?.sum(1)?;
        let counts = m.sum(1)?.clamp(1.0f32, f32::MAX)?;
        let pooled = summed.broadcast_div(&counts)?;
        let logits = self.head.forward(&pooled)?.squeeze(1)?;
        Ok(logits.to_vec1::<f32>()?)
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Check-worthiness of `texts` by the shipped encoder (loaded on the first call), in input order.
pub fn score(texts: &[&str]) -> Result<Vec<f32>> {
    Encoder::shipped()?.score(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_centred_on_the_threshold() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(4.0) > 0.98 && sigmoid(-4.0) < 0.02);
    }

    #[test]
    fn bad_calibration_is_a_load_error() {
        let e = Encoder::from_bytes(WEIGHTS, TOKENIZER, CONFIG, b"{\"max_len\": 64}")
            .expect_err("no threshold");
        assert!(matches!(e, EncoderError::Load(_)), "{e}");
        let e = Encoder::from_bytes(
            WEIGHTS,
            TOKENIZER,
            CONFIG,
            b"{\"threshold_logit\": 0.1, \"max_len\": 1}",
        )
        .expect_err("max_len too small");
        assert!(e.to_string().contains("max_len"), "{e}");
    }

    #[test]
    fn weights_without_a_bert_are_a_load_error() {
        let e = Encoder::from_bytes(b"not safetensors", TOKENIZER, CONFIG, CALIBRATION)
            .expect_err("garbage weights");
        assert!(matches!(e, EncoderError::Load(_)), "{e}");
    }
}
