-- Person merge suggestions, version 13: pairs of person records the reviewer said are not one person.
--
-- claimtrail suggests merging person records whose names say they are probably one person ("Varga" and "Elena
-- Varga"); the rules run on the names each time, so nothing about a suggestion is stored. What is stored is the
-- reviewer's "not the same person": the two entity rows they were shown, as an ordered pair (`a_id < b_id`), so
-- the pair is never suggested again, whichever record either name later belongs to. Taking it back deletes the row.
CREATE TABLE person_merge_dismissed (
    a_id       TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    b_id       TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (a_id, b_id),
    CHECK (a_id < b_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_merge_dismissed_b ON person_merge_dismissed(b_id);
