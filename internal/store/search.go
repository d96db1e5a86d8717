package store

import (
	"context"
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/richtext"
	"gongkai/internal/search"
	"gongkai/internal/workday"
)

// The search index lives in the same database as the documents and is written in the same
// transaction as the change that makes a document public or takes it away, so the two cannot
// disagree after a crash: publication, withdrawal and import all go through indexDocument or
// unindexDocument.

// indexText is what the index holds for a document: the title with its 文号 and 索引号 (so that
// typing them finds it), and the body's text.
func indexText(title, docNumber, indexNumber, bodyHTML string) (titleTokens, bodyTokens string) {
	return search.TokenText(title + " " + docNumber + " " + indexNumber), search.TokenText(richtext.Text(bodyHTML))
}

func (t *Tx) indexDocument(ctx context.Context, docID int64, title, docNumber, indexNumber, bodyHTML string) error {
	return t.indexDocumentText(ctx, docID, title, docNumber, indexNumber, bodyHTML, true)
}

// indexPublished indexes a document's published version together with the text of its
// attachments that can be extracted cheaply and the text of its earlier published versions (so
// that a phrase from an older version still finds the document, which then shows the current one).
func (t *Tx) indexPublished(ctx context.Context, docID int64) error {
	var title, num, idx, body string
	var version int
	if err := t.queryRow(ctx, `SELECT v.title, v.doc_number, d.index_number, v.body_html, v.version FROM documents d
		JOIN document_versions v ON v.document_id = d.id AND v.version = d.published_version WHERE d.id = ?`, docID).Scan(&title, &num, &idx, &body, &version); err != nil {
		return fmt.Errorf("store: load document %d for the index: %w", docID, err)
	}
	var extra strings.Builder
	rows, err := t.query(ctx, `SELECT a.content_type, b.data FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
		WHERE a.document_id = ? AND a.version = ? AND (a.content_type LIKE 'text/%' OR a.content_type LIKE '%wordprocessingml%') ORDER BY a.position`, docID, version)
	if err != nil {
		return err
	}
	for rows.Next() {
		var ct string
		var data []byte
		if err := rows.Scan(&ct, &data); err != nil {
			rows.Close()
			return err
		}
		extra.WriteString("<p>" + html.EscapeString(richtext.ExtractText(ct, data)) + "</p>")
	}
	rows.Close()
	rows, err = t.query(ctx, `SELECT body_html FROM document_versions WHERE document_id = ? AND version < ? AND published_at <> '' ORDER BY version DESC`, docID, version)
	if err != nil {
		return err
	}
	for rows.Next() {
		var old string
		if err := rows.Scan(&old); err != nil {
			rows.Close()
			return err
		}
		if old != body {
			extra.WriteString(old)
		}
	}
	rows.Close()
	return t.indexDocument(ctx, docID, title, num, idx, body+extra.String())
}

// indexDocumentText indexes a document; replace=false skips removing an older entry, for
// documents that are new in this transaction.
func (t *Tx) indexDocumentText(ctx context.Context, docID int64, title, docNumber, indexNumber, bodyHTML string, replace bool) error {
	tt, bt := indexText(title, docNumber, indexNumber, bodyHTML)
	if replace {
		if err := t.unindexDocument(ctx, docID); err != nil {
			return err
		}
	}
	var err error
	if t.db.engine == Postgres {
		_, err = t.exec(ctx, `INSERT INTO search_docs (doc_id, tsv) VALUES (?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'D'))`, docID, tt, bt)
	} else {
		_, err = t.exec(ctx, `INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)`, docID, tt, bt)
	}
	if err != nil {
		return fmt.Errorf("store: index document %d: %w", docID, err)
	}
	return nil
}

func (t *Tx) unindexDocument(ctx context.Context, docID int64) error {
	q := `DELETE FROM search_fts WHERE rowid = ?`
	if t.db.engine == Postgres {
		q = `DELETE FROM search_docs WHERE doc_id = ?`
	}
	if _, err := t.exec(ctx, q, docID); err != nil {
		return fmt.Errorf("store: unindex document %d: %w", docID, err)
	}
	return nil
}

// SearchOptions narrow and page a search.
type SearchOptions struct {
	Filter DocumentFilter // Public is implied; Subtree, OrgIDs, Genre, Topic, Year, Validity apply
	Offset int
	Limit  int
}

// SearchHit is one result.
type SearchHit struct {
	Document disclosure.Document
	Score    float64
	Exact    bool // the query was this document's 文号 or 索引号
}

// Facet is a count per value of one facet.
type Facet struct {
	Value string
	Count int
}

// SearchResult is a page of results.
type SearchResult struct {
	Hits      []SearchHit
	Total     int  // number of matches, capped (see Capped)
	Capped    bool // more than Total matched: show "Total+"
	Estimated bool // facets counted over the newest candidates only
	Facets    map[string][]Facet
}

// Search bounds: candidates ranked per query, and the cap of the count.
const (
	searchWindow = 1000
	countCap     = 10000
)

// Search finds published documents. A 文号 or 索引号 is looked up exactly and ranked first;
// text terms are matched as phrases of tokens; the newest searchWindow candidates are ranked by
// relevance (BM25 with title weight), documents in force before expired ones, newer first on ties.
func (db *DB) Search(ctx context.Context, q search.Query, opts SearchOptions) (SearchResult, error) {
	var res SearchResult
	if opts.Limit <= 0 || opts.Limit > 100 {
		opts.Limit = 20
	}
	if opts.Offset < 0 || opts.Offset > searchWindow {
		return res, apperr.New(apperr.Invalid, "只能查看前1000条结果，请缩小检索范围").OnField("page")
	}
	f := opts.Filter
	f.Public = true
	if f.Validity != "" && f.Today.IsZero() {
		f.Today = workday.DateOf(db.Now())
	}
	where, fargs, err := f.where()
	if err != nil {
		return res, err
	}
	filterSQL := strings.Replace(where, " WHERE ", " AND ", 1)

	exact := map[int64]bool{}
	for _, num := range []struct{ col, val string }{{"doc_number", q.DocNumber}, {"index_number", q.IndexNumber}} {
		if num.val == "" {
			continue
		}
		rows, err := db.query(ctx, `SELECT id FROM documents WHERE `+num.col+` = ?`+filterSQL, append([]any{num.val}, fargs...)...)
		if err != nil {
			return res, fmt.Errorf("store: exact lookup: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err == nil {
				exact[id] = true
			}
		}
		rows.Close()
	}

	type cand struct {
		id    int64
		score float64
	}
	var cands []cand
	capped := false
	pgTotal := 0
	if !q.Empty() && db.engine == Postgres {
		if pgTSQuery(q) == "" {
			return res, nil
		}
		pcs, total, err := db.pgSearch(ctx, q, filterSQL, fargs, searchWindow, countCap)
		if err != nil {
			return res, err
		}
		pgTotal = total
		for _, c := range pcs {
			cands = append(cands, cand{id: c.id, score: c.score})
		}
		if len(cands) > searchWindow {
			cands, capped = cands[:searchWindow], true
		}
	} else if !q.Empty() {
		var qsql string
		var qargs []any
		{ // SQLite FTS5
			m := fts5Match(q)
			if m == "" {
				return res, nil
			}
			// bm25 weights: title (with 文号 and 索引号) 10, body 1. FTS5 scores are negative.
			qsql = `SELECT d.id, -bm25(search_fts, 10.0, 1.0) FROM search_fts JOIN documents d ON d.id = search_fts.rowid
				WHERE search_fts MATCH ?` + filterSQL + ` ORDER BY search_fts.rowid DESC LIMIT ` + strconv.Itoa(searchWindow+1)
			qargs = append([]any{m}, fargs...)
		}
		rows, err := db.query(ctx, qsql, qargs...)
		if err != nil {
			return res, fmt.Errorf("store: search: %w", err)
		}
		for rows.Next() {
			var c cand
			if err := rows.Scan(&c.id, &c.score); err != nil {
				rows.Close()
				return res, err
			}
			cands = append(cands, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, err
		}
		if len(cands) > searchWindow {
			cands, capped = cands[:searchWindow], true
		}
	}
	// Exact matches that the text query did not find still come first.
	seen := map[int64]bool{}
	for _, c := range cands {
		seen[c.id] = true
	}
	for id := range exact {
		if !seen[id] {
			cands = append(cands, cand{id: id})
		}
	}
	if len(cands) == 0 {
		return res, nil
	}
	docs, err := db.documentsByID(ctx, func() []int64 {
		ids := make([]int64, len(cands))
		for i, c := range cands {
			ids[i] = c.id
		}
		return ids
	}())
	if err != nil {
		return res, err
	}
	today := workday.DateOf(db.Now())
	hits := make([]SearchHit, 0, len(cands))
	for _, c := range cands {
		d, ok := docs[c.id]
		if !ok {
			continue
		}
		h := SearchHit{Document: d, Score: c.score, Exact: exact[c.id]}
		switch d.CurrentValidity(today) {
		case disclosure.ValidityExpired, disclosure.ValidityRepealed, disclosure.ValidityAmended:
			h.Score *= 0.5 // in force before expired at similar relevance
		}
		hits = append(hits, h)
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.Exact != b.Exact {
			return a.Exact
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Document.PublishedAt.After(b.Document.PublishedAt)
	})
	res.Facets = facets(hits, today)
	res.Total, res.Estimated = len(hits), capped
	if capped {
		// Count further, but not without bound: "10000+" is as useful as the exact number.
		n := pgTotal // counted by pgSearch
		if db.engine != Postgres {
			if n, err = db.countMatches(ctx, q, filterSQL, fargs); err != nil {
				return res, err
			}
		}
		res.Total, res.Capped = n, n >= countCap
	}
	if opts.Offset < len(hits) {
		end := opts.Offset + opts.Limit
		if end > len(hits) {
			end = len(hits)
		}
		res.Hits = hits[opts.Offset:end]
	}
	return res, nil
}

func (db *DB) countMatches(ctx context.Context, q search.Query, filterSQL string, fargs []any) (int, error) {
	var qsql string
	var args []any
	{ // SQLite FTS5; PostgreSQL counts in pgSearch
		qsql = `SELECT COUNT(*) FROM (SELECT 1 FROM search_fts JOIN documents d ON d.id = search_fts.rowid WHERE search_fts MATCH ?` +
			filterSQL + ` LIMIT ` + strconv.Itoa(countCap) + `)`
		args = append([]any{fts5Match(q)}, fargs...)
	}
	var n int
	if err := db.queryRow(ctx, qsql, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count matches: %w", err)
	}
	return n, nil
}

// facets counts genre, year, validity and level over the ranked candidates.
func facets(hits []SearchHit, today workday.Date) map[string][]Facet {
	counts := map[string]map[string]int{"genre": {}, "year": {}, "validity": {}, "topic": {}}
	for _, h := range hits {
		d := h.Document
		counts["genre"][string(d.Genre)]++
		counts["year"][strconv.Itoa(workday.DateOf(d.PublishedAt).Year)]++
		counts["validity"][string(d.CurrentValidity(today))]++
		if top := disclosure.TopTopic(d.Topic); top != "" {
			counts["topic"][top]++
		}
	}
	out := map[string][]Facet{}
	for name, m := range counts {
		var fs []Facet
		for v, n := range m {
			fs = append(fs, Facet{v, n})
		}
		sort.Slice(fs, func(i, j int) bool {
			if name == "year" {
				return fs[i].Value > fs[j].Value
			}
			if fs[i].Count != fs[j].Count {
				return fs[i].Count > fs[j].Count
			}
			return fs[i].Value < fs[j].Value
		})
		out[name] = fs
	}
	return out
}

func (db *DB) documentsByID(ctx context.Context, ids []int64) (map[int64]disclosure.Document, error) {
	out := make(map[int64]disclosure.Document, len(ids))
	for start := 0; start < len(ids); start += 500 {
		end := start + 500
		if end > len(ids) {
			end = len(ids)
		}
		args := make([]any, 0, end-start)
		for _, id := range ids[start:end] {
			args = append(args, id)
		}
		rows, err := db.query(ctx, `SELECT `+documentColumns+` FROM documents WHERE id IN (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: documents by id: %w", err)
		}
		for rows.Next() {
			d, err := scanDocument(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[d.ID] = d
		}
		rows.Close()
	}
	return out, nil
}

// safeToken keeps tokens that cannot break out of a quoted FTS5 string or a tsquery literal.
func safeToken(tok string) bool {
	return tok != "" && !strings.ContainsAny(tok, `"'\:&|!()<>*^`)
}

// fts5Match renders a query in FTS5 syntax: each term a phrase (or NEAR group), title terms with
// a column filter, exclusions with NOT.
func fts5Match(q search.Query) string {
	term := func(t search.Term) string {
		var toks []string
		for _, tok := range t.Tokens {
			if safeToken(tok) {
				toks = append(toks, tok)
			}
		}
		if len(toks) == 0 {
			return ""
		}
		var s string
		if t.Near > 0 && len(t.Offsets) == len(t.Tokens) {
			groups, gap := t.NearGroups()
			var parts []string
			for _, g := range groups {
				parts = append(parts, `"`+strings.Join(g, " ")+`"`)
			}
			s = "NEAR(" + strings.Join(parts, " ") + ", " + strconv.Itoa(gap) + ")"
		} else {
			s = `"` + strings.Join(toks, " ") + `"`
		}
		if t.Field == search.FieldTitle {
			s = "title : " + s
		}
		return s
	}
	var pos, neg []string
	for _, t := range q.Terms {
		s := term(t)
		if s == "" {
			continue
		}
		if t.Negated {
			neg = append(neg, s)
		} else {
			pos = append(pos, s)
		}
	}
	if len(pos) == 0 {
		return ""
	}
	m := strings.Join(pos, " AND ")
	for _, n := range neg {
		m = "(" + m + ") NOT " + n
	}
	return m
}

// pgTSQuery renders a query as a tsquery: phrases with <->, exact gaps with <N>, title terms
// restricted to weight A, exclusions with !.
func pgTSQuery(q search.Query) string {
	term := func(t search.Term) string {
		var parts []string
		weight := ""
		if t.Field == search.FieldTitle {
			weight = ":A"
		}
		for i, tok := range t.Tokens {
			if !safeToken(tok) {
				return ""
			}
			lit := "'" + tok + "'" + weight
			if i == 0 {
				parts = append(parts, lit)
				continue
			}
			gap := 1
			if len(t.Offsets) == len(t.Tokens) {
				gap = t.Offsets[i] - t.Offsets[i-1]
			}
			if gap == 1 {
				parts = append(parts, "<->", lit)
			} else {
				parts = append(parts, "<"+strconv.Itoa(gap)+">", lit)
			}
		}
		if len(parts) == 0 {
			return ""
		}
		return "(" + strings.Join(parts, " ") + ")"
	}
	var out []string
	hasPos := false
	for _, t := range q.Terms {
		s := term(t)
		if s == "" {
			continue
		}
		if t.Negated {
			s = "!" + s
		} else {
			hasPos = true
		}
		out = append(out, s)
	}
	if !hasPos {
		return ""
	}
	return strings.Join(out, " & ")
}

// Reindex rebuilds the search index from the published documents, in batches, calling progress
// after each batch with the number done and the total.
func (db *DB) Reindex(ctx context.Context, progress func(done, total int)) error {
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM documents WHERE state = 'published'`).Scan(&total); err != nil {
		return err
	}
	if err := db.write(ctx, func(t *Tx) error {
		q := `INSERT INTO search_fts (search_fts) VALUES ('delete-all')`
		if db.engine == Postgres {
			q = `DELETE FROM search_docs`
		}
		_, err := t.exec(ctx, q)
		return err
	}); err != nil {
		return fmt.Errorf("store: clear index: %w", err)
	}
	done := 0
	var last int64
	for {
		rows, err := db.query(ctx, `SELECT id FROM documents WHERE state = 'published' AND id > ? ORDER BY id LIMIT 500`, last)
		if err != nil {
			return err
		}
		var batch []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, id)
		}
		rows.Close()
		if len(batch) == 0 {
			break
		}
		if err := db.write(ctx, func(t *Tx) error {
			for _, id := range batch {
				if err := t.indexPublished(ctx, id); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
		last = batch[len(batch)-1]
		done += len(batch)
		if progress != nil {
			progress(done, total)
		}
	}
	if db.engine == SQLite {
		// Merge the index's segments so that queries read fewer b-trees.
		if err := db.write(ctx, func(t *Tx) error {
			_, err := t.exec(ctx, `INSERT INTO search_fts (search_fts) VALUES ('optimize')`)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// IndexedCount reports how many documents the search index holds (for consistency checks).
func (db *DB) IndexedCount(ctx context.Context, docID int64) (int, error) {
	q := `SELECT COUNT(*) FROM search_fts WHERE rowid = ?`
	if db.engine == Postgres {
		q = `SELECT COUNT(*) FROM search_docs WHERE doc_id = ?`
	}
	var n int
	err := db.queryRow(ctx, q, docID).Scan(&n)
	return n, err
}

// PublishedCount is the number of published documents.
func (db *DB) PublishedCount(ctx context.Context) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM documents WHERE state = 'published'`).Scan(&n)
	return n, err
}
