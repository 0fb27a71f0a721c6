-- Sentence embeddings, version 11: all-MiniLM-L6-v2 vectors (crates/claimtrail-encoder) that linking compares
-- beside the full-text candidates (crates/claimtrail-core/src/link/dense.rs).
--
-- Each vector is stored as one signed byte per value (384 bytes), scaled to its own largest component: only
-- its direction counts. They are derived data, computed in the background after an import (the app's worker,
-- `claimtrail scores run`, `claimtrail match`), so they have no history rows; a row missing here is simply
-- computed again.
CREATE TABLE fact_check_embedding (
    fact_check_pk INTEGER PRIMARY KEY REFERENCES fact_check(pk) ON DELETE CASCADE,
    vector        BLOB NOT NULL
) STRICT;

-- Claims' embeddings are written with the encoder's check-worthiness score (the score queue, version 9), so a
-- claim in `score_pending` has none yet, or a stale one that is replaced.
CREATE TABLE claim_embedding (
    claim_pk INTEGER PRIMARY KEY REFERENCES claim(pk) ON DELETE CASCADE,
    vector   BLOB NOT NULL
) STRICT;

-- Claims stored before this version have no embedding: queue them all for the encoder, which gives each its
-- embedding (and the same score again), so new claims can be compared with them by meaning too.
INSERT OR IGNORE INTO score_pending (claim_pk, enqueued_at)
SELECT pk, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM claim;
