-- claimtrail schema, version 2: links between claims and published fact-checks, alerts, link settings.

-- The change log learns new entity names (fact_check, fact_check_link, alert, setting). SQLite cannot change a
-- CHECK constraint in place, so the table is rebuilt with the same rows, sequence numbers and guards. The entity
-- check becomes a format check (lower-case snake_case name) so later migrations need not rebuild it again.
CREATE TABLE history_v2 (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    entity          TEXT NOT NULL CHECK (entity <> '' AND entity NOT GLOB '*[^a-z_]*'),
    entity_id       TEXT NOT NULL,
    op              TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
    data            TEXT NOT NULL CHECK (json_valid(data)),
    actor           TEXT,
    installation_id TEXT NOT NULL,
    at              TEXT NOT NULL
) STRICT;
INSERT INTO history_v2 (seq, entity, entity_id, op, data, actor, installation_id, at)
    SELECT seq, entity, entity_id, op, data, actor, installation_id, at FROM history ORDER BY seq;
DROP TABLE history;
ALTER TABLE history_v2 RENAME TO history;
CREATE INDEX history_entity ON history(entity, entity_id);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

-- A published fact-check (PolitiFact, Snopes, any ClaimReview publisher). `claim_date` is when the checked
-- claim was made (when known), `review_date` when the fact-check was published. `merge_key` is the normalised
-- claim text plus its date (the claim date, else the review date): a second import of the same fact-check (same url, or same merge_key) updates this row.
-- `aliases` keeps the external ids of the records merged into it.
CREATE TABLE fact_check (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    source      TEXT NOT NULL CHECK (source IN ('politifact','snopes','claimreview','other')),
    external_id TEXT,
    aliases     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
    claim       TEXT NOT NULL CHECK (claim <> ''),
    claimant    TEXT,
    claim_date  TEXT,
    review_date TEXT,
    rating      TEXT,
    url         TEXT,
    title       TEXT,
    publisher   TEXT,
    merge_key   TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX fact_check_url ON fact_check(url) WHERE url IS NOT NULL;
CREATE INDEX fact_check_merge ON fact_check(merge_key);
CREATE INDEX fact_check_external ON fact_check(source, external_id);

CREATE VIRTUAL TABLE fact_check_fts USING fts5(
    claim, title, claimant, content='fact_check', content_rowid='pk',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER fact_check_fts_ai AFTER INSERT ON fact_check BEGIN
    INSERT INTO fact_check_fts(rowid, claim, title, claimant) VALUES (new.pk, new.claim, new.title, new.claimant);
END;
CREATE TRIGGER fact_check_fts_ad AFTER DELETE ON fact_check BEGIN
    INSERT INTO fact_check_fts(fact_check_fts, rowid, claim, title, claimant)
        VALUES ('delete', old.pk, old.claim, old.title, old.claimant);
END;
CREATE TRIGGER fact_check_fts_au AFTER UPDATE OF claim, title, claimant ON fact_check BEGIN
    INSERT INTO fact_check_fts(fact_check_fts, rowid, claim, title, claimant)
        VALUES ('delete', old.pk, old.claim, old.title, old.claimant);
    INSERT INTO fact_check_fts(rowid, claim, title, claimant) VALUES (new.pk, new.claim, new.title, new.claimant);
END;

-- A claim matched to a published fact-check (the claim repeats, updates, contradicts or relates to the
-- fact-checked claim). Same kinds and states as claim_link.
CREATE TABLE fact_check_link (
    pk            INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    claim_id      TEXT NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    fact_check_id TEXT NOT NULL REFERENCES fact_check(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('repeats','updates','contradicts','related')),
    score         REAL NOT NULL,
    state         TEXT NOT NULL DEFAULT 'suggested' CHECK (state IN ('suggested','confirmed','rejected')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (claim_id, fact_check_id)
) STRICT;
CREATE INDEX fact_check_link_fact_check ON fact_check_link(fact_check_id);

-- claim_link (version 1) is read from both ends.
CREATE INDEX claim_link_source ON claim_link(source_claim_id, state);

-- A claim that repeats an earlier claim rated false, misleading or disputed, or a fact-check with such a
-- rating. Exactly one of earlier_claim_id / fact_check_id is set; link_id is the claim_link or fact_check_link.
CREATE TABLE alert (
    pk               INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    claim_id         TEXT NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    earlier_claim_id TEXT REFERENCES claim(id) ON DELETE CASCADE,
    fact_check_id    TEXT REFERENCES fact_check(id) ON DELETE CASCADE,
    link_id          TEXT NOT NULL UNIQUE,
    rating           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    dismissed_at     TEXT,
    CHECK ((earlier_claim_id IS NULL) <> (fact_check_id IS NULL))
) STRICT;
CREATE INDEX alert_open ON alert(dismissed_at, created_at);
CREATE INDEX alert_claim ON alert(claim_id);

-- Link settings live in `meta` under these keys (absent = default): link.threshold (0..1), link.window_days.
