-- The embedded store's search index is gongkai's own (package search/index), in the folder
-- <database>.search; the database keeps only the outbox of changes the index has to apply, written
-- in the transaction of each change (see store/search_embedded.go). The FTS5 table it replaces
-- is dropped; the index is built from the published documents when its folder is new.
CREATE TABLE search_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id INTEGER NOT NULL
);
DROP TABLE IF EXISTS search_fts;
