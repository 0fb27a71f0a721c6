-- Link queue, version 4: claims waiting for link suggestion.
--
-- An import writes its claims here in the same transaction as the claims themselves, so a crash never loses the
-- work; a background job (the app's worker, `claimtrail links run`, or `claimtrail import` after storing) takes
-- them in claim order and removes each one in the transaction that writes its links and alerts. The key is the
-- claim's integer key, which grows in import order and is also the claim's rowid in `claim_fts`.
--
-- Claims already stored when this migration runs were linked when they were imported: nothing is queued for them.
CREATE TABLE link_pending (
    claim_pk    INTEGER PRIMARY KEY REFERENCES claim(pk) ON DELETE CASCADE,
    enqueued_at TEXT NOT NULL
) STRICT;
