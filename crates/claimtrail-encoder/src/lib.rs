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

pub mod process;

pub use process::EncoderProcess;

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{Linear, VarBuilder};
use candle_transformers::models::bert::{BertEncoder, BertModel, Config};
use serde::Deserialize;
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// The embedded model files (see `model/README.md`).
static WEIGHTS: &[u8] = include_bytes!("../model/checkworthy-f16.safetensors");
static TOKENIZER: &[u8] = include_bytes!("../model/tokenizer.json");
static CONFIG: &[u8] = include_bytes!("../model/config.json");
static CALIBRATION: &[u8] = include_bytes!("../model/calibration.json");
static BASE_TOP: &[u8] = include_bytes!("../model/base-top-f16.safetensors");

/// Values in a sentence embedding.
pub const DIM: usize = 384;

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
    /// The child process that scores ([`process::EncoderProcess`]) did not start, stopped, or answered wrongly.
    #[error("check-worthiness encoder process: {0}")]
    Process(String),
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

/// A loaded encoder: one pass through the lower layers, then the fine-tuned top layers and head for the
/// check-worthiness logit, or the base model's own top layers for the sentence embedding.
pub struct Encoder {
    /// Embeddings and any lower layers fine-tuning left as they were (shared by both outputs; the shipped model
    /// trained every layer, so only the embeddings).
    lower: BertModel,
    /// The fine-tuned top layers (the classifier).
    top: BertEncoder,
    head: Linear,
    /// all-MiniLM-L6-v2's own top layers (the sentence embedding); `None` when not given.
    base_top: Option<BertEncoder>,
    tokenizer: Tokenizer,
    calibration: Calibration,
    device: Device,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder")
            .field("calibration", &self.calibration)
            .field("embeds", &self.base_top.is_some())
            .finish_non_exhaustive()
    }
}

fn load_err(what: &str) -> impl Fn(String) -> EncoderError + '_ {
    move |e| EncoderError::Load(format!("{what}: {e}"))
}

/// Which outputs a forward pass computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Want {
    logits: bool,
    embeddings: bool,
}

/// What a forward pass gives, per text in input order (empty when not asked for).
#[derive(Debug, Default)]
struct Outputs {
    logits: Vec<f32>,
    embeddings: Vec<Vec<f32>>,
}

/// The indices of `encoder.layer.N.` in `tensors`' names under `prefix`.
fn layer_indices(tensors: &HashMap<String, Tensor>, prefix: &str) -> BTreeSet<usize> {
    tensors
        .keys()
        .filter_map(|k| {
            k.strip_prefix(prefix)?
                .strip_prefix("encoder.layer.")?
                .split('.')
                .next()?
                .parse()
                .ok()
        })
        .collect()
}

/// A BERT encoder of layers `from..from+n` out of `tensors` (names under `prefix`), renumbered from 0.
fn encoder_layers(
    tensors: &HashMap<String, Tensor>,
    prefix: &str,
    from: usize,
    config: &Config,
    device: &Device,
) -> Result<BertEncoder> {
    let n = config.num_hidden_layers - from;
    let mut renamed = HashMap::new();
    for (name, t) in tensors {
        let Some(rest) = name
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix("encoder.layer."))
        else {
            continue;
        };
        let Some((index, tail)) = rest.split_once('.') else {
            continue;
        };
        match index.parse::<usize>() {
            Ok(i) if (from..from + n).contains(&i) => {
                renamed.insert(format!("layer.{}.{tail}", i - from), t.clone());
            }
            _ => {}
        }
    }
    let top_config = Config {
        num_hidden_layers: n,
        ..config.clone()
    };
    let vb = VarBuilder::from_tensors(renamed, DType::F32, device);
    BertEncoder::load(vb, &top_config).map_err(|e| load_err("weights (top layers)")(e.to_string()))
}

impl Encoder {
    /// Builds an encoder from the model files (the same layout as `model/`): the fine-tuned classifier's
    /// weights, and optionally the base model's top layers for sentence embeddings. Weights may be f16 or f32;
    /// the computation is f32.
    pub fn from_bytes(
        weights: &[u8],
        base_top: Option<&[u8]>,
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
        let tensors = candle_core::safetensors::load_buffer(weights, &device)
            .map_err(|e| load_err("weights")(e.to_string()))?;
        if !tensors.contains_key("bert.embeddings.word_embeddings.weight") {
            return Err(EncoderError::Load(
                "weights: no `bert.*` tensors (expected the fine-tuned classifier's state dict)"
                    .into(),
            ));
        }
        // The base model's top layers say where the shared lower part ends; without them the classifier's
        // last layer alone is its "top" (any split gives the same logits).
        let base_tensors = base_top
            .map(|b| {
                candle_core::safetensors::load_buffer(b, &device)
                    .map_err(|e| load_err("base top layers")(e.to_string()))
            })
            .transpose()?;
        let split = match &base_tensors {
            Some(t) => {
                let layers = layer_indices(t, "");
                let split = layers.first().copied().unwrap_or(config.num_hidden_layers);
                if layers.is_empty()
                    || layers.last() != Some(&(config.num_hidden_layers - 1))
                    || layers.len() != config.num_hidden_layers - split
                {
                    return Err(EncoderError::Load(format!(
                        "base top layers: layers {layers:?} are not the top of a {}-layer model",
                        config.num_hidden_layers
                    )));
                }
                split
            }
            None => config.num_hidden_layers.saturating_sub(1),
        };
        let lower_config = Config {
            num_hidden_layers: split,
            ..config.clone()
        };
        let vb = VarBuilder::from_tensors(tensors.clone(), DType::F32, &device);
        let lower = BertModel::load(vb.pp("bert"), &lower_config)
            .map_err(|e| load_err("weights")(e.to_string()))?;
        let top = encoder_layers(&tensors, "bert.", split, &config, &device)?;
        let head = candle_nn::linear(config.hidden_size, 1, vb.pp("head"))
            .map_err(|e| load_err("weights (head)")(e.to_string()))?;
        let base_top = base_tensors
            .map(|t| encoder_layers(&t, "", split, &config, &device))
            .transpose()?;
        Ok(Self {
            lower,
            top,
            head,
            base_top,
            tokenizer,
            calibration,
            device,
        })
    }

    /// A fresh copy of the model shipped inside claimtrail, for a caller that wants its memory back when it
    /// drops it (the scorer process, which lives for one run).
    pub fn load_shipped() -> Result<Encoder> {
        let started = std::time::Instant::now();
        let loaded = Encoder::from_bytes(WEIGHTS, Some(BASE_TOP), TOKENIZER, CONFIG, CALIBRATION);
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
        Ok(self
            .run(
                texts,
                Want {
                    logits: true,
                    embeddings: false,
                },
            )?
            .logits)
    }

    /// Check-worthiness in 0..1, one per text, in input order; 0.5 or more means check-worthy.
    pub fn score(&self, texts: &[&str]) -> Result<Vec<f32>> {
        let logits = self.logits(texts)?;
        Ok(self.calibrate(logits))
    }

    /// all-MiniLM-L6-v2 sentence embeddings ([`DIM`] values, unit length), one per text, in input order.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        Ok(self
            .run(
                texts,
                Want {
                    logits: false,
                    embeddings: true,
                },
            )?
            .embeddings)
    }

    /// Both [`Encoder::score`] and [`Encoder::embed`] from one pass through the shared lower part (the
    /// embeddings, and any layers fine-tuning left unchanged).
    pub fn score_and_embed(&self, texts: &[&str]) -> Result<(Vec<f32>, Vec<Vec<f32>>)> {
        self.score_and_maybe_embed(texts, true)
    }

    /// [`Encoder::score`], and with `embed` also [`Encoder::embed`] in the same pass (no embeddings without).
    pub fn score_and_maybe_embed(
        &self,
        texts: &[&str],
        embed: bool,
    ) -> Result<(Vec<f32>, Vec<Vec<f32>>)> {
        let out = self.run(
            texts,
            Want {
                logits: true,
                embeddings: embed,
            },
        )?;
        Ok((self.calibrate(out.logits), out.embeddings))
    }

    fn calibrate(&self, logits: Vec<f32>) -> Vec<f32> {
        let t = self.calibration.threshold_logit;
        logits.into_iter().map(|z| sigmoid(z - t)).collect()
    }

    /// Runs `texts` in batches, shortest first so each batch pads little; results go back to input order.
    fn run(&self, texts: &[&str], want: Want) -> Result<Outputs> {
        if want.embeddings && self.base_top.is_none() {
            return Err(EncoderError::Load(
                "this encoder was built without the base model's top layers: it cannot embed"
                    .into(),
            ));
        }
        let mut out = Outputs {
            logits: if want.logits {
                vec![0.0; texts.len()]
            } else {
                Vec::new()
            },
            embeddings: if want.embeddings {
                vec![Vec::new(); texts.len()]
            } else {
                Vec::new()
            },
        };
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].len());
        for chunk in order.chunks(BATCH) {
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
            let got = self.forward(&batch, want)?;
            for (k, &i) in chunk.iter().enumerate() {
                if let Some(z) = got.logits.get(k) {
                    out.logits[i] = *z;
                }
                if let Some(e) = got.embeddings.get(k) {
                    out.embeddings[i] = e.clone();
                }
            }
        }
        Ok(out)
    }

    /// One forward pass over at most a batch of texts.
    fn forward(&self, texts: &[&str], want: Want) -> Result<Outputs> {
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
        let lower = self.lower.forward(&ids, &token_types, Some(&mask))?;
        let extended = extended_attention_mask(&mask)?;
        // Mean over the real tokens (the attention mask), as in training and in sentence-transformers.
        let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let counts = m.sum(1)?.clamp(1.0f32, f32::MAX)?;
        let pool = |hidden: Tensor| -> candle_core::Result<Tensor> {
            hidden.broadcast_mul(&m)?.sum(1)?.broadcast_div(&counts)
        };
        let mut out = Outputs::default();
        if want.logits {
            let pooled = pool(self.top.forward(&lower, &extended)?)?;
            out.logits = self.head.forward(&pooled)?.squeeze(1)?.to_vec1::<f32>()?;
        }
        if let (true, Some(base_top)) = (want.embeddings, &self.base_top) {
            let pooled = pool(base_top.forward(&lower, &extended)?)?;
            let norms = pooled
                .sqr()?
                .sum_keepdim(1)?
                .sqrt()?
                .clamp(1e-12f32, f32::MAX)?;
            out.embeddings = pooled.broadcast_div(&norms)?.to_vec2::<f32>()?;
        }
        Ok(out)
    }
}

/// BERT's additive attention mask: 0 where a token is real, the lowest f32 where it is padding, shaped to
/// broadcast over heads and query positions (as `BertModel` makes it for its own layers).
fn extended_attention_mask(mask: &Tensor) -> Result<Tensor> {
    let m = mask.unsqueeze(1)?.unsqueeze(1)?.to_dtype(DType::F32)?;
    Ok(m.ones_like()?.sub(&m)?.affine(f64::from(f32::MIN), 0.0)?)
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
        let e = Encoder::from_bytes(WEIGHTS, None, TOKENIZER, CONFIG, b"{\"max_len\": 64}")
            .expect_err("no threshold");
        assert!(matches!(e, EncoderError::Load(_)), "{e}");
        let e = Encoder::from_bytes(
            WEIGHTS,
            None,
            TOKENIZER,
            CONFIG,
            b"{\"threshold_logit\": 0.1, \"max_len\": 1}",
        )
        .expect_err("max_len too small");
        assert!(e.to_string().contains("max_len"), "{e}");
    }

    #[test]
    fn weights_without_a_bert_are_a_load_error() {
        let e = Encoder::from_bytes(b"not safetensors", None, TOKENIZER, CONFIG, CALIBRATION)
            .expect_err("garbage weights");
        assert!(matches!(e, EncoderError::Load(_)), "{e}");
    }
}
