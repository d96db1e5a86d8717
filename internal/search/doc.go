// Package search holds the Chinese text analysis and the query language
// shared by every search backend (SQLite FTS5 and PostgreSQL). It is pure:
// no database, no I/O, standard library only (plus the 文号 parser of
// package disclosure).
//
// # Analysis
//
// Text is folded by Normalize (full-width → half-width, lower case, common
// traditional → simplified characters, Kangxi radicals → ideographs) and
// cut by Tokens into overlapping Han bigrams (专项债券 → 专项 项债 债券), lone
// Han characters, and runs of letters and digits (covid19, 2021). This is
// the design measured in ENGINEERING.md B.1: it finds 2-character words and
// any substring of at least two characters (专项债 is the phrase 专项 项债),
// which dictionary segmenters miss.
//
// Indexing: store TokenText(title) and TokenText(body) (and the 文号, so that
// documents citing it are found) in
//
//   - SQLite: an FTS5 table with the default unicode61 tokenizer, contentless
//     or external-content, keyed by the document id;
//   - PostgreSQL: a stored tsvector column to_tsvector('simple', …) with a
//     GIN index.
//
// Both split TokenText back into exactly these tokens, at the same
// positions.
//
// # Queries
//
// ParseQuery turns what a citizen types into a Query (see its
// documentation for the syntax). A backend translates each Term:
//
//   - positive term: all its tokens at consecutive positions — FTS5 phrase
//     "t1 t2 t3" (each token quoted), PostgreSQL 't1' <-> 't2' <-> 't3';
//     terms are ANDed;
//   - Field == FieldTitle: the same against the title column (FTS5 column
//     filter title : "…", or the title tsvector);
//   - Negated: AND NOT (FTS5 NOT, PostgreSQL & !(…) in the tsquery);
//   - Near > 0 (after ReduceLong): see ReduceLong and Term.NearGroups;
//   - a single Han character: the index holds it only where it stands
//     alone; a prefix query (FTS5 "债"*, PostgreSQL '债':*) also finds it at
//     the start of a bigram, and nothing cheap finds it at the end of a run.
//
// Query.DocNumber and Query.IndexNumber name an exact 文号 or 索引号: look
// them up in their indexed columns (doc_number holds
// disclosure.NormalizeDocNumber forms) and rank those documents first; a
// query that is only a 文号 should not run a full-text search at all
// (SEARCH-SCALE.md, routing). Long terms should go through ReduceLong with
// document frequencies from the index. Snippet computes the highlighted
// excerpt of a result from its stored text.
package search
