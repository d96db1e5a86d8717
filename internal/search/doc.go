// Package search holds the Chinese text analysis and the query language
// shared by every search backend (the embedded index of package
// search/index, and PostgreSQL). It is pure:
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
// Indexing: the tokens of the title (with the 文号 and 索引号, so that typing
// them finds the document) and of the body go to
//
//   - the embedded store: package search/index, which takes the text and
//     calls Tokens itself;
//   - PostgreSQL: a stored tsvector column to_tsvector('simple', TokenText(…))
//     with a GIN index; 'simple' splits TokenText back into exactly these
//     tokens, at the same positions.
//
// # Queries
//
// ParseQuery turns what a citizen types into a Query (see its
// documentation for the syntax). A backend translates each Term:
//
//   - positive term: all its tokens at consecutive positions — the embedded
//     index checks positions, PostgreSQL 't1' <-> 't2' <-> 't3'; terms are
//     ANDed;
//   - Field == FieldTitle: the same within the title (title positions, or
//     the tsvector's weight A);
//   - Negated: AND NOT (PostgreSQL & !(…) in the tsquery);
//   - Near > 0 (after ReduceLong): the tokens at their offsets (PostgreSQL
//     <N>); see ReduceLong;
//   - a single Han character: the index holds it only where it stands
//     alone, next to a letter or digit.
//
// Query.DocNumber and Query.IndexNumber name an exact 文号 or 索引号: look
// them up in their indexed columns (doc_number holds
// disclosure.NormalizeDocNumber forms) and rank those documents first; a
// query that is only a 文号 should not run a full-text search at all
// (SEARCH-SCALE.md, routing). Long terms should go through ReduceLong with
// document frequencies from the index. Snippet computes the highlighted
// excerpt of a result from its stored text.
package search
