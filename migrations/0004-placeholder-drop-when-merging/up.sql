-- Placeholder, version 4: migration 0004 is being written on another branch. This folder only keeps the
-- migration numbers consecutive on the `export` branch so 0005 can be tested; delete it when merging (and
-- renumber 0005-export if the other 0004 has not landed). It changes nothing.
SELECT 1;
