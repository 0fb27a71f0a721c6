-- Common words, version 14: words too common to find link candidates by.
--
-- A candidate query keeps a new claim's rarest words while their matching rows fit in a budget (see
-- `crates/claimtrail-store/src/links/candidates.rs`). Counting a word's rows costs up to half a millisecond at a
-- million claims, and most words of a claim are common ones that the budget leaves out anyway. A word whose
-- rows once outnumbered the budget is remembered here with the count it reached (`rows`, which stops at the
-- budget plus one): counts only grow as claims arrive, so it is left out without counting again, by every
-- process. A larger budget than `rows` counts the word again. Derived data, written without history rows.
CREATE TABLE fts_common_word (
    tbl  TEXT NOT NULL CHECK (tbl IN ('claim_fts', 'fact_check_fts')),
    word TEXT NOT NULL,
    rows INTEGER NOT NULL CHECK (rows > 0),
    PRIMARY KEY (tbl, word)
) STRICT, WITHOUT ROWID;
