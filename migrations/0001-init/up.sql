-- claimtrail schema, version 1.
-- Conventions: ids are UUID text; every table also has an INTEGER PRIMARY KEY `pk` so FTS5 external-content
-- tables have a stable rowid; timestamps are ISO-8601 UTC text (sortable); enums are CHECK-constrained text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE article (
    pk            INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    outlet        TEXT,
    url           TEXT,
    authors       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),
    published_at  TEXT,
    imported_at   TEXT NOT NULL,
    language      TEXT,
    source_format TEXT NOT NULL CHECK (source_format IN ('text','markdown','html','json','jsonl','url','manual')),
    source_path   TEXT,
    content_hash  TEXT NOT NULL UNIQUE,
    text          TEXT NOT NULL,
    original      BLOB NOT NULL
) STRICT;
CREATE INDEX article_published ON article(published_at);

CREATE TABLE claim (
    pk              INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    article_id      TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    span_start      INTEGER NOT NULL CHECK (span_start >= 0),
    span_end        INTEGER NOT NULL CHECK (span_end > span_start),
    claimant        TEXT,
    speaker         TEXT,
    kind            TEXT NOT NULL CHECK (kind IN ('direct_quote','reported_speech','statement','statistic','event')),
    checkworthiness REAL NOT NULL CHECK (checkworthiness >= 0 AND checkworthiness <= 1),
    status          TEXT NOT NULL DEFAULT 'unreviewed'
                    CHECK (status IN ('unreviewed','in_review','verified','disputed','false','misleading','unverifiable')),
    origin          TEXT NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted','manual')),
    dismissed       INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX claim_article ON claim(article_id, span_start);
CREATE INDEX claim_queue ON claim(status, dismissed, checkworthiness DESC);
CREATE INDEX claim_speaker ON claim(speaker);

CREATE TABLE entity (
    pk   INTEGER PRIMARY KEY,
    id   TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('person','organization','location','other')),
    UNIQUE (name, kind)
) STRICT;

CREATE TABLE claim_entity (
    claim_id  TEXT NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    mention   TEXT NOT NULL,
    PRIMARY KEY (claim_id, entity_id)
) STRICT;
CREATE INDEX claim_entity_entity ON claim_entity(entity_id);

CREATE TABLE topic (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    keywords    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE claim_topic (
    claim_id TEXT NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    topic_id TEXT NOT NULL REFERENCES topic(id) ON DELETE CASCADE,
    source   TEXT NOT NULL DEFAULT 'auto' CHECK (source IN ('auto','manual')),
    PRIMARY KEY (claim_id, topic_id)
) STRICT;
CREATE INDEX claim_topic_topic ON claim_topic(topic_id);

CREATE TABLE review (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    claim_id    TEXT NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    status      TEXT NOT NULL
                CHECK (status IN ('unreviewed','in_review','verified','disputed','false','misleading','unverifiable')),
    prev_status TEXT NOT NULL
                CHECK (prev_status IN ('unreviewed','in_review','verified','disputed','false','misleading','unverifiable')),
    note        TEXT,
    reviewer    TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX review_claim ON review(claim_id, created_at);

CREATE TABLE evidence (
    pk         INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    claim_id   TEXT NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    url        TEXT,
    note       TEXT,
    added_by   TEXT,
    created_at TEXT NOT NULL,
    CHECK (url IS NOT NULL OR note IS NOT NULL)
) STRICT;
CREATE INDEX evidence_claim ON evidence(claim_id);

CREATE TABLE claim_link (
    pk              INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    source_claim_id TEXT NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    target_claim_id TEXT NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('repeats','updates','contradicts','related')),
    score           REAL NOT NULL,
    state           TEXT NOT NULL DEFAULT 'suggested' CHECK (state IN ('suggested','confirmed','rejected')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (source_claim_id <> target_claim_id),
    UNIQUE (source_claim_id, target_claim_id)
) STRICT;
CREATE INDEX claim_link_target ON claim_link(target_claim_id);

-- Append-only change log, written in the same transaction as the change it records. `data` holds the new
-- values (the whole row for inserts) so the change can be replayed on another copy of the database.
CREATE TABLE history (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    entity          TEXT NOT NULL CHECK (entity IN
                    ('article','claim','entity','claim_entity','topic','claim_topic','review','evidence','claim_link')),
    entity_id       TEXT NOT NULL,
    op              TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
    data            TEXT NOT NULL CHECK (json_valid(data)),
    actor           TEXT,
    installation_id TEXT NOT NULL,
    at              TEXT NOT NULL
) STRICT;
CREATE INDEX history_entity ON history(entity, entity_id);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

-- Full-text search over articles and claims (external content, kept in step by triggers).
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, text, content='article', content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER article_fts_ai AFTER INSERT ON article BEGIN
    INSERT INTO article_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER article_fts_ad AFTER DELETE ON article BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER article_fts_au AFTER UPDATE OF title, text ON article BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO article_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE VIRTUAL TABLE claim_fts USING fts5(
    text, speaker, content='claim', content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER claim_fts_ai AFTER INSERT ON claim BEGIN
    INSERT INTO claim_fts(rowid, text, speaker) VALUES (new.pk, new.text, new.speaker);
END;
CREATE TRIGGER claim_fts_ad AFTER DELETE ON claim BEGIN
    INSERT INTO claim_fts(claim_fts, rowid, text, speaker) VALUES ('delete', old.pk, old.text, old.speaker);
END;
CREATE TRIGGER claim_fts_au AFTER UPDATE OF text, speaker ON claim BEGIN
    INSERT INTO claim_fts(claim_fts, rowid, text, speaker) VALUES ('delete', old.pk, old.text, old.speaker);
    INSERT INTO claim_fts(rowid, text, speaker) VALUES (new.pk, new.text, new.speaker);
END;
