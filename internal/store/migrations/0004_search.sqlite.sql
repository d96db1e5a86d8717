-- Full-text index: tokens made in Go (search.TokenText: Han bigrams, Latin/digit words, already
-- normalised) and joined by spaces, so FTS5's plain 'ascii' tokenizer splits them back at the spaces
-- (non-ASCII characters are token characters to it). Contentless: the text lives in
-- document_versions; rowid is the document id.
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='ascii');
-- Fewer, larger merges and a larger in-memory hash while loading (bench: BenchmarkImportLaws).
INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 16);
INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 67108864);
