-- Person records across articles. Extraction names each person by the fullest form their article gives, so one
-- person can be several entity rows across articles ("Donald Trump", "Trump", "Donald J. Trump"). A reviewer
-- merges such rows into one person record: the merged row points at the record it joined (`merged_into`,
-- always a row that is not merged itself) and its name becomes one of the record's aliases; splitting clears
-- the pointer. Claims, mentions and speakers are never rewritten, so a split gives back exactly what the
-- merge took, and later imports that produce an alias's name land in the record too.
ALTER TABLE entity ADD COLUMN merged_into TEXT REFERENCES entity(id) ON DELETE SET NULL;
CREATE INDEX entity_merged_into ON entity(merged_into) WHERE merged_into IS NOT NULL;
