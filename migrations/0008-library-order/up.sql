-- The Library lists articles newest first (undated last) with their title, outlet and URL. Without this index
-- that order meant reading every article row, text and original bytes included (tens of MB on a large
-- library), before the first screen could be drawn; with it the first screen reads 60 index entries, and the
-- whole list reads the index only.
CREATE INDEX article_library ON article(published_at IS NULL, published_at DESC, imported_at DESC, id, title, outlet, url);
