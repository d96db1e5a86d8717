-- Full-text index: tokens made in Go (search.TokenText: Han bigrams, Latin/digit words) indexed by
-- FTS5 with its unicode61 tokenizer, which splits them back at the spaces. Contentless: the text
-- lives in document_versions; rowid is the document id.
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
