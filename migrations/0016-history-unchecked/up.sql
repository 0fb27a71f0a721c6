-- claimtrail schema, version 16: the change log no longer re-parses each row's JSON as it is written.
-- The `CHECK (json_valid(data))` on `history` made SQLite parse every row again on insert. An article's row
-- carries its whole text (and its original when that differs), so during an import this check was about 2% of
-- all CPU, all of it on the one thread that writes. `data` is only ever written by the store, through
-- serde_json, and is parsed when read (a row that is not JSON is reported as corrupt), so the check guarded
-- against nothing the code can do.
--
-- SQLite's documented way to remove a CHECK constraint edits the table's stored definition; no row is touched
-- (https://www.sqlite.org/lang_altertable.html#otheralter). `RESET` makes this connection read the new
-- definition at once.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, ' CHECK (json_valid(data))', '')
 WHERE type = 'table' AND name = 'history';
PRAGMA writable_schema = RESET;
-- Re-created as it was: a schema change that every other open connection notices (it changes the schema
-- cookie, as the procedure asks), so they read the new definition too.
DROP TRIGGER history_no_update;
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
