-- Score queue, version 9: claims whose check-worthiness the encoder (crates/claimtrail-encoder) has not
-- computed yet.
--
-- A claim is stored with the fast linear model's score (crates/claimtrail-core/src/checkworthy); the score the
-- app finally shows comes from the fine-tuned MiniLM encoder, which is too slow to run inside an import. So an
-- import (or a hand-added, edited, split or merged claim) writes the claim here in the same transaction as the
-- claim, and a background job (the app's worker, `claimtrail scores run`, or `claimtrail import` after storing)
-- takes them in claim order and writes the encoder's score, removing each claim from the queue in the same
-- transaction. The key is the claim's integer key, as in `link_pending`.
CREATE TABLE score_pending (
    claim_pk    INTEGER PRIMARY KEY REFERENCES claim(pk) ON DELETE CASCADE,
    enqueued_at TEXT NOT NULL
) STRICT;

-- Claims stored before this version carry the linear model's (or the heuristic's) score: queue them all, so an
-- upgraded database gets the encoder's scores too.
INSERT INTO score_pending (claim_pk, enqueued_at)
SELECT pk, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM claim;
