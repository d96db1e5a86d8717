-- Full-text index: tokens made in Go (search.TokenText) in a stored tsvector ('simple' keeps them
-- as they are), title tokens weighted A and body tokens D, with a GIN index.
CREATE TABLE search_docs (
    doc_id BIGINT PRIMARY KEY REFERENCES documents(id),
    tsv tsvector NOT NULL
);
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);
