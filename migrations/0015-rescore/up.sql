-- A new check-worthiness model, version 15: the shipped encoder is now all-MiniLM-L6-v2 fine-tuned in all six
-- layers (crates/claimtrail-encoder/model/README.md). Every claim joins the score queue once more, so the scores
-- the app shows all come from the model `claimtrail score` runs. The sentence embeddings linking compares are the
-- base model's and do not change: a queued claim that has one is only scored again (`Store::refine_claims`).
INSERT OR IGNORE INTO score_pending (claim_pk, enqueued_at)
SELECT pk, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM claim;
