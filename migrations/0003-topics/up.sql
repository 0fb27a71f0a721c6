-- Topics, version 3: topic entities and edit time, sticky manual removals, and indexes for timelines.

ALTER TABLE topic ADD COLUMN entities TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(entities));
ALTER TABLE topic ADD COLUMN updated_at TEXT;
UPDATE topic SET updated_at = created_at WHERE updated_at IS NULL;

-- A claim the user took out of a topic by hand: automatic assignment never puts it back
-- (a manual assignment removes the row).
CREATE TABLE claim_topic_exclusion (
    topic_id   TEXT NOT NULL REFERENCES topic(id) ON DELETE CASCADE,
    claim_id   TEXT NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (topic_id, claim_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX claim_topic_exclusion_claim ON claim_topic_exclusion(claim_id);

-- A topic's claims straight from the index (timeline, counts) without visiting claim_topic rows.
CREATE INDEX claim_topic_by_topic ON claim_topic(topic_id, claim_id, source);

-- Storylines: the confirmed `repeats` links, read whole by timelines.
CREATE INDEX claim_link_confirmed_repeats ON claim_link(source_claim_id, target_claim_id)
    WHERE kind = 'repeats' AND state = 'confirmed';
