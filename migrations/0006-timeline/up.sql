-- Timelines, version 6: each topic membership carries its claim's place in time, so a topic's timeline reads its
-- claims in time order straight from one index and reaches the claim and article rows by their integer keys
-- (no joins on text ids, no sort).
--
-- The place in time is the timeline order (day, article imported_at, article pk, claim span_start, claim pk), where
-- the day is the article's publication date, else the day it was imported. The columns are copies: triggers fill
-- them when a membership is written and keep them in step when a claim's span or article, or an article's dates,
-- change. They are derived data, so writing them adds nothing to the history.
ALTER TABLE claim_topic ADD COLUMN claim_pk INTEGER;
ALTER TABLE claim_topic ADD COLUMN article_pk INTEGER;
ALTER TABLE claim_topic ADD COLUMN day TEXT;
ALTER TABLE claim_topic ADD COLUMN imported_at TEXT;
ALTER TABLE claim_topic ADD COLUMN span_start INTEGER;

-- Memberships stored before version 6.
UPDATE claim_topic SET (claim_pk, article_pk, day, imported_at, span_start) = (
    SELECT c.pk, a.pk, coalesce(a.published_at, substr(a.imported_at, 1, 10)), a.imported_at, c.span_start
    FROM claim c JOIN article a ON a.id = c.article_id
    WHERE c.id = claim_topic.claim_id
);

-- Covers what timelines and per-topic counts read from claim_topic.
CREATE INDEX claim_topic_timeline
    ON claim_topic(topic_id, day, imported_at, article_pk, span_start, claim_pk, source, claim_id);

-- The few dismissed claims, which timelines and counts leave out.
CREATE INDEX claim_dismissed ON claim(dismissed) WHERE dismissed = 1;

-- A new membership (or one moved to another claim) takes its claim's place in time.
CREATE TRIGGER claim_topic_timeline_ai AFTER INSERT ON claim_topic BEGIN
    UPDATE claim_topic SET (claim_pk, article_pk, day, imported_at, span_start) = (
        SELECT c.pk, a.pk, coalesce(a.published_at, substr(a.imported_at, 1, 10)), a.imported_at, c.span_start
        FROM claim c JOIN article a ON a.id = c.article_id
        WHERE c.id = new.claim_id
    )
    WHERE claim_id = new.claim_id AND topic_id = new.topic_id;
END;
CREATE TRIGGER claim_topic_timeline_au AFTER UPDATE OF claim_id, topic_id ON claim_topic BEGIN
    UPDATE claim_topic SET (claim_pk, article_pk, day, imported_at, span_start) = (
        SELECT c.pk, a.pk, coalesce(a.published_at, substr(a.imported_at, 1, 10)), a.imported_at, c.span_start
        FROM claim c JOIN article a ON a.id = c.article_id
        WHERE c.id = new.claim_id
    )
    WHERE claim_id = new.claim_id AND topic_id = new.topic_id;
END;

-- A claim whose span moves (edit, split, merge) or that changes article.
CREATE TRIGGER claim_timeline_au AFTER UPDATE OF span_start, article_id, pk ON claim
WHEN old.span_start IS NOT new.span_start OR old.article_id IS NOT new.article_id OR old.pk IS NOT new.pk
BEGIN
    UPDATE claim_topic SET (claim_pk, article_pk, day, imported_at, span_start) = (
        SELECT new.pk, a.pk, coalesce(a.published_at, substr(a.imported_at, 1, 10)), a.imported_at, new.span_start
        FROM article a WHERE a.id = new.article_id
    )
    WHERE claim_id = new.id;
END;

-- An article whose publication date (or import time) changes moves all its claims.
CREATE TRIGGER article_timeline_au AFTER UPDATE OF published_at, imported_at, pk ON article
WHEN old.published_at IS NOT new.published_at OR old.imported_at IS NOT new.imported_at OR old.pk IS NOT new.pk
BEGIN
    UPDATE claim_topic SET article_pk = new.pk,
                           day = coalesce(new.published_at, substr(new.imported_at, 1, 10)),
                           imported_at = new.imported_at
    WHERE claim_id IN (SELECT id FROM claim WHERE article_id = new.id);
END;
