-- Embedding changes, version 12: a counter of the changes to each embedding table, kept by triggers.
--
-- Linking keeps each table's vectors in memory and must notice when another connection changed them. Counting
-- the rows would read the whole table (400 MB at a million claims) on every link step; this counter and the
-- largest key tell at once whether rows were only added above the last key read (then only those are read)
-- or anything else happened (then the table is read again). `INSERT OR REPLACE` fires only the insert
-- trigger, which still counts one change.
CREATE TABLE embedding_changes (
    tbl     TEXT PRIMARY KEY,
    changes INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

INSERT INTO embedding_changes (tbl, changes)
SELECT 'claim_embedding', count(*) FROM claim_embedding
UNION ALL
SELECT 'fact_check_embedding', count(*) FROM fact_check_embedding;

CREATE TRIGGER claim_embedding_changes_ai AFTER INSERT ON claim_embedding BEGIN
    UPDATE embedding_changes SET changes = changes + 1 WHERE tbl = 'claim_embedding';
END;
CREATE TRIGGER claim_embedding_changes_au AFTER UPDATE ON claim_embedding BEGIN
    UPDATE embedding_changes SET changes = changes + 1 WHERE tbl = 'claim_embedding';
END;
CREATE TRIGGER claim_embedding_changes_ad AFTER DELETE ON claim_embedding BEGIN
    UPDATE embedding_changes SET changes = changes + 1 WHERE tbl = 'claim_embedding';
END;
CREATE TRIGGER fact_check_embedding_changes_ai AFTER INSERT ON fact_check_embedding BEGIN
    UPDATE embedding_changes SET changes = changes + 1 WHERE tbl = 'fact_check_embedding';
END;
CREATE TRIGGER fact_check_embedding_changes_au AFTER UPDATE ON fact_check_embedding BEGIN
    UPDATE embedding_changes SET changes = changes + 1 WHERE tbl = 'fact_check_embedding';
END;
CREATE TRIGGER fact_check_embedding_changes_ad AFTER DELETE ON fact_check_embedding BEGIN
    UPDATE embedding_changes SET changes = changes + 1 WHERE tbl = 'fact_check_embedding';
END;
