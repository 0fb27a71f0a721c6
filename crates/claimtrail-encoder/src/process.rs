//! The encoder in a child process, for a long-lived program that scores now and then and must not keep the
//! encoder's memory between runs (the desktop app, which sits idle all day).
//!
//! Memory a process has used stays with it: the 52 MB of embedded weights stay resident in the binary's mapping
//! once read, and the allocator keeps most of the forward pass's heap. A child process that loads the encoder,
//! scores, and exits gives all of it back. The parent starts one per run with [`EncoderProcess::spawn`] (any
//! command whose program calls [`serve`]: the app runs its own binary with a flag) and drops it at the end.
//!
//! The protocol is one JSON line each way: the parent writes `{"texts": ["...", ...], "score": true, "embed":
//! true}` and the child answers `{"scores": [0.73, ...], "embeddings": [[...], ...]}` (each list only when
//! asked for) or `{"error": "..."}`. The child exits when its input closes, so it also ends when the parent
//! dies.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde::{Deserialize, Serialize};

use crate::{Encoder, EncoderError, Result};

#[derive(Serialize, Deserialize)]
struct Request<'a> {
    #[serde(borrow)]
    texts: Vec<std::borrow::Cow<'a, str>>,
    #[serde(default)]
    score: bool,
    #[serde(default)]
    embed: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Response {
    Error {
        error: String,
    },
    Done {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scores: Option<Vec<f32>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        embeddings: Option<Vec<Vec<f32>>>,
    },
}

/// What the encoder gives for a batch of texts, each list in input order (empty when not asked for).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Encoded {
    pub scores: Vec<f32>,
    pub embeddings: Vec<Vec<f32>>,
}

/// Runs one request on `encoder`.
fn answer(encoder: &Encoder, texts: &[&str], score: bool, embed: bool) -> Result<Response> {
    let (scores, embeddings) = match (score, embed) {
        (true, _) => {
            let (s, e) = encoder.score_and_maybe_embed(texts, embed)?;
            (Some(s), embed.then_some(e))
        }
        (false, true) => (None, Some(encoder.embed(texts)?)),
        (false, false) => (None, None),
    };
    Ok(Response::Done { scores, embeddings })
}

/// The child's side: answers requests from `input` on `output` with the shipped encoder (loaded on the first
/// request) until `input` ends. A request it cannot read, or a batch the encoder fails on, gets an error answer
/// and the loop goes on; only a broken pipe ends it early.
pub fn serve(input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    let mut encoder: Option<Encoder> = None;
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let response = match serde_json::from_str::<Request>(&line) {
            Err(e) => Response::Error {
                error: format!("unreadable request: {e}"),
            },
            Ok(request) => {
                let texts: Vec<&str> = request.texts.iter().map(|t| t.as_ref()).collect();
                let loaded = match encoder.take() {
                    Some(e) => Ok(e),
                    None => Encoder::load_shipped(),
                };
                let answered = loaded.and_then(|e| {
                    let a = answer(&e, &texts, request.score, request.embed);
                    encoder = Some(e);
                    a
                });
                answered.unwrap_or_else(|e| Response::Error {
                    error: e.to_string(),
                })
            }
        };
        serde_json::to_writer(&mut output, &response)?;
        output.write_all(b"\n")?;
        output.flush()?;
    }
    Ok(())
}

/// The parent's side: a running child that serves scores. Dropping it closes the child's input and waits for
/// it to exit.
#[derive(Debug)]
pub struct EncoderProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl EncoderProcess {
    /// Starts `command` (whose program must call [`serve`] on its stdin and stdout) with piped input and
    /// output; its stderr stays the parent's, so its logs land with the parent's.
    pub fn spawn(mut command: Command) -> Result<EncoderProcess> {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| EncoderError::Process(format!("cannot start the scorer: {e}")))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(EncoderError::Process(
                "the scorer's pipes did not open".into(),
            ));
        };
        Ok(EncoderProcess {
            child,
            stdin: Some(stdin),
            stdout: BufReader::new(stdout),
        })
    }

    /// With `score`, check-worthiness in 0..1 for each text (as [`Encoder::score`] gives it); with `embed`, its
    /// sentence embedding (as [`Encoder::embed`]); in input order.
    pub fn encode(&mut self, texts: &[&str], score: bool, embed: bool) -> Result<Encoded> {
        let request = Request {
            texts: texts
                .iter()
                .map(|t| std::borrow::Cow::Borrowed(*t))
                .collect(),
            score,
            embed,
        };
        let mut line = serde_json::to_string(&request)
            .map_err(|e| EncoderError::Process(format!("cannot write a request: {e}")))?;
        line.push('\n');
        let Some(stdin) = self.stdin.as_mut() else {
            return Err(EncoderError::Process("the scorer is closed".into()));
        };
        stdin
            .write_all(line.as_bytes())
            .and_then(|()| stdin.flush())
            .map_err(|e| self.gone(e))?;
        let mut answer = String::new();
        match self.stdout.read_line(&mut answer) {
            Ok(0) => return Err(self.gone(std::io::ErrorKind::UnexpectedEof.into())),
            Ok(_) => {}
            Err(e) => return Err(self.gone(e)),
        }
        let (scores, embeddings) = match serde_json::from_str::<Response>(&answer) {
            Ok(Response::Done { scores, embeddings }) => {
                (scores.unwrap_or_default(), embeddings.unwrap_or_default())
            }
            Ok(Response::Error { error }) => return Err(EncoderError::Process(error)),
            Err(e) => {
                return Err(EncoderError::Process(format!(
                    "unreadable answer from the scorer: {e}"
                )))
            }
        };
        if (score && scores.len() != texts.len()) || (embed && embeddings.len() != texts.len()) {
            return Err(EncoderError::Process(format!(
                "the scorer gave {} scores and {} embeddings for {} texts",
                scores.len(),
                embeddings.len(),
                texts.len()
            )));
        }
        Ok(Encoded { scores, embeddings })
    }

    /// The error for a child that stopped answering, with its exit status when it has one.
    fn gone(&mut self, e: std::io::Error) -> EncoderError {
        let status = match self.child.try_wait() {
            Ok(Some(status)) => format!(" ({status})"),
            _ => String::new(),
        };
        EncoderError::Process(format!("the scorer stopped{status}: {e}"))
    }
}

impl Drop for EncoderProcess {
    fn drop(&mut self) {
        // Closing its input ends the child's loop; it exits between batches, never in the middle of an answer.
        drop(self.stdin.take());
        if let Err(e) = self.child.wait() {
            tracing::warn!(error = %e, "cannot wait for the scorer process");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_answers_each_line_in_order_and_reports_bad_requests() {
        let input = concat!(
            "{\"texts\": [\"Unemployment fell to 3.5 percent in 2019, the lowest in 50 years.\", \"Thank you all.\"], \"score\": true}\n",
            "not json\n",
            "\n",
            "{\"texts\": [], \"score\": true}\n",
            "{\"texts\": [\"Thank you all.\"], \"score\": true, \"embed\": true}\n",
        );
        let mut out = Vec::new();
        serve(input.as_bytes(), &mut out).expect("serve");
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .expect("utf-8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect();
        assert_eq!(lines.len(), 4, "one answer per non-empty request");
        let scores: Vec<f32> = serde_json::from_value(lines[0]["scores"].clone()).expect("scores");
        let direct = crate::score(&[
            "Unemployment fell to 3.5 percent in 2019, the lowest in 50 years.",
            "Thank you all.",
        ])
        .expect("score");
        assert_eq!(scores, direct, "the child's scores are the encoder's");
        assert!(lines[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("unreadable request")));
        assert_eq!(lines[2]["scores"], serde_json::json!([]));
        assert!(
            lines[0].get("embeddings").is_none(),
            "embeddings only when asked"
        );
        let embedded: Vec<Vec<f32>> =
            serde_json::from_value(lines[3]["embeddings"].clone()).expect("embeddings");
        assert_eq!(
            embedded,
            crate::Encoder::shipped()
                .expect("model")
                .embed(&["Thank you all."])
                .expect("embed")
        );
    }
}
