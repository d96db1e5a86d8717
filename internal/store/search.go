package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/search"
	"gongkai/internal/search/index"
	"gongkai/internal/workday"
)

// The search index lives in the same database as the documents and is written in the same
// transaction as the change that makes a document public or takes it away, so the two cannot
// disagree after a crash: publication, withdrawal and import all go through indexDocument or
// unindexDocument.

func (t *Tx) indexDocument(ctx context.Context, docID int64, title, docNumber, indexNumber, bodyHTML string) error {
	return t.indexDocumentText(ctx, docID, &indexSource{title: title, docNumber: docNumber, indexNumber: indexNumber, body: bodyHTML}, true)
}

// indexPublished indexes a document's published version together with the text of its
// attachments that can be extracted cheaply and the text of its earlier published versions (so
// that a phrase from an older version still finds the document, which then shows the current one).
func (t *Tx) indexPublished(ctx context.Context, docID int64) error {
	src, err := loadIndexSource(ctx, t.tx, t.db, docID)
	if err != nil {
		return err
	}
	if src == nil {
		return fmt.Errorf("store: document %d is not published", docID)
	}
	return t.indexDocumentText(ctx, docID, src, true)
}

// indexDocumentText indexes a document; replace=false skips removing an older entry, for
// documents that are new in this transaction. On SQLite it writes the outbox row and keeps the
// document for afterCommit.
func (t *Tx) indexDocumentText(ctx context.Context, docID int64, src *indexSource, replace bool) error {
	if t.db.engine == SQLite {
		return t.outboxAdd(ctx, docID, src)
	}
	tt, bt := indexTokens(src.title, src.docNumber, src.indexNumber, src.body)
	if replace {
		if err := t.unindexDocument(ctx, docID); err != nil {
			return err
		}
	}
	_, err := t.exec(ctx, `INSERT INTO search_docs (doc_id, tsv) VALUES (?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'D'))`,
		docID, strings.Join(tt, " "), strings.Join(bt, " "))
	if err != nil {
		return fmt.Errorf("store: index document %d: %w", docID, err)
	}
	return nil
}

func (t *Tx) unindexDocument(ctx context.Context, docID int64) error {
	if t.db.engine == SQLite {
		return t.outboxAdd(ctx, docID, nil)
	}
	if _, err := t.exec(ctx, `DELETE FROM search_docs WHERE doc_id = ?`, docID); err != nil {
		return fmt.Errorf("store: unindex document %d: %w", docID, err)
	}
	return nil
}

// outboxAdd records that the index must take a document in (src) or remove it (nil).
func (t *Tx) outboxAdd(ctx context.Context, docID int64, src *indexSource) error {
	r, err := t.exec(ctx, `INSERT INTO search_outbox (doc_id) VALUES (?)`, docID)
	if err != nil {
		return fmt.Errorf("store: search outbox: %w", err)
	}
	seq, err := r.LastInsertId()
	if err != nil {
		return err
	}
	if t.indexed == nil {
		t.indexed = map[int64]*indexSource{}
	}
	if _, ok := t.indexed[docID]; !ok {
		t.outboxOrder = append(t.outboxOrder, docID)
	}
	t.indexed[docID] = src
	t.outbox = append(t.outbox, seq)
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
	if db.engine == SQLite {
		return db.searchEmbedded(ctx, q, f, opts, exact)
	}

	type cand struct {
		id    int64
		score float64
	}
	var cands []cand
	capped := false
	pgTotal := 0
	if !q.Empty() {
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
		// Counted further by pgSearch, but not without bound: "10000+" is as useful as the
		// exact number.
		res.Total, res.Capped = pgTotal, pgTotal >= countCap
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

// facetItem is what the facets count of one candidate.
type facetItem struct {
	genre    disclosure.Genre
	year     int
	validity disclosure.Validity
	topic    string
}

// facets counts genre, year, validity and topic over the ranked candidates.
func facets(hits []SearchHit, today workday.Date) map[string][]Facet {
	items := make([]facetItem, len(hits))
	for i, h := range hits {
		d := h.Document
		items[i] = facetItem{d.Genre, workday.DateOf(d.PublishedAt).Year, d.CurrentValidity(today), d.Topic}
	}
	return countFacets(items)
}

func countFacets(items []facetItem) map[string][]Facet {
	counts := map[string]map[string]int{"genre": {}, "year": {}, "validity": {}, "topic": {}}
	for _, it := range items {
		counts["genre"][string(it.genre)]++
		counts["year"][strconv.Itoa(it.year)]++
		counts["validity"][string(it.validity)]++
		if top := disclosure.TopTopic(it.topic); top != "" {
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
		// The list is padded to one of a few lengths (repeating its last id) so that a page of
		// results reuses a prepared statement: preparing it was a third of a phrase search.
		n := idListLen(end - start)
		args := make([]any, 0, n)
		for _, id := range ids[start:end] {
			args = append(args, id)
		}
		for len(args) < n {
			args = append(args, ids[end-1])
		}
		st, err := db.readStmt(ctx, `SELECT `+documentColumns+` FROM documents WHERE id IN (`+placeholders(n)+`)`)
		if err != nil {
			return nil, fmt.Errorf("store: documents by id: %w", err)
		}
		rows, err := st.QueryContext(ctx, args...)
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

// idListLen is the padded length of a list of n ids (n ≤ 500).
func idListLen(n int) int {
	for _, l := range [...]int{10, 20, 50, 100, 200} {
		if n <= l {
			return l
		}
	}
	return 500
}

// safeToken keeps tokens that cannot break out of a tsquery literal.
func safeToken(tok string) bool {
	return tok != "" && !strings.ContainsAny(tok, `"'\:&|!()<>*^`)
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
	if db.engine == SQLite {
		ix, err := db.searchIndex(ctx)
		if err != nil {
			return err
		}
		return db.rebuildEmbedded(ctx, ix, progress)
	}
	if err := db.write(ctx, func(t *Tx) error {
		_, err := t.exec(ctx, `DELETE FROM search_docs`)
		return err
	}); err != nil {
		return fmt.Errorf("store: clear index: %w", err)
	}
	return db.eachPublishedBatch(ctx, progress, func(batch []int64) error {
		return db.write(ctx, func(t *Tx) error {
			for _, id := range batch {
				if err := t.indexPublished(ctx, id); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// eachPublishedBatch calls fn with the ids of the published documents, 500 at a time in id order,
// and progress (if not nil) after each batch with the number done and the total.
func (db *DB) eachPublishedBatch(ctx context.Context, progress func(done, total int), fn func(ids []int64) error) error {
	total, err := db.PublishedCount(ctx)
	if err != nil {
		return err
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
		if err := rows.Err(); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		if err := fn(batch); err != nil {
			return err
		}
		last = batch[len(batch)-1]
		done += len(batch)
		if progress != nil {
			progress(done, total)
		}
	}
}

// IndexedCount reports how many documents the search index holds (for consistency checks).
func (db *DB) IndexedCount(ctx context.Context, docID int64) (int, error) {
	if db.engine == SQLite {
		ix, err := db.searchIndex(ctx)
		if err != nil {
			return 0, err
		}
		return ix.Contains(docID), nil
	}
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM search_docs WHERE doc_id = ?`, docID).Scan(&n)
	return n, err
}

// FlushSearch makes the embedded search index durable (after a bulk import); on PostgreSQL the
// index is always in the database.
func (db *DB) FlushSearch(ctx context.Context) error {
	return db.withIndex(ctx, func(ix *index.Index) error {
		if err := db.replayOutbox(ctx, ix); err != nil {
			return err
		}
		return db.flushIndex(ctx)
	})
}

// PublishedCount is the number of published documents.
func (db *DB) PublishedCount(ctx context.Context) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM documents WHERE state = 'published'`).Scan(&n)
	return n, err
}
