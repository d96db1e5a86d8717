package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/richtext"
	"gongkai/internal/search"
	"gongkai/internal/search/index"
	"gongkai/internal/workday"
)

// On SQLite the search index is gongkai's own (package search/index), in the folder
// <database>.search next to the database file. The database stays the record: every change that
// makes a document public or takes it away writes a row to search_outbox in its transaction.
// After the commit the change is applied to the index at once (so a search right after a
// publication finds it); a background loop applies what was not applied (another process wrote
// it, or the index was busy merging), flushes the index to disk and trims the outbox up to the
// position the index has made durable. A crash between the commit and the index update loses
// nothing: on the next start the outbox is replayed from the index's durable position, and since
// applying is an upsert by document id, nothing is indexed twice.

// ErrIndexBusy is returned by searches and Reindex when another process owns the search index.
var ErrIndexBusy = errors.New("store: the search index is used by another gongkai process")

const (
	// serveFlushTokens is the size of the in-memory part of the index before it is written
	// out: small enough that encoding it after a publication stays quick.
	serveFlushTokens = 1 << 20
	// bulkFlushTokens is used while importing or rebuilding.
	bulkFlushTokens = 8 << 20
	flushIdle       = 10 * time.Second
)

type embedded struct {
	mu      sync.Mutex // guards start
	ix      *index.Index
	unlock  func()
	started bool
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}
	dirtyAt time.Time // when pending documents were last added
	dmu     sync.Mutex
	// applying counts this process's transactions that wrote outbox rows and have not yet
	// applied them to the index after their commit.
	applying atomic.Int32
	// bulk is set during a bulk import (SetSearchBulk).
	bulk atomic.Bool
}

// indexSource is what the index needs of a document; nil in Tx.indexed means "remove".
type indexSource struct {
	title, docNumber, indexNumber, body string
	meta                                index.Meta
}

func (s *indexSource) doc(id int64) index.Doc {
	return index.Doc{ID: id, Title: s.title + " " + s.docNumber + " " + s.indexNumber, Body: richtext.Text(s.body), Meta: s.meta}
}

// indexTokens are the tokens the index holds for a document: the title with its 文号 and 索引号
// (so that typing them finds it), and the body's text.
func indexTokens(title, docNumber, indexNumber, bodyHTML string) (titleToks, bodyToks []string) {
	return tokenStrings(title + " " + docNumber + " " + indexNumber), tokenStrings(richtext.Text(bodyHTML))
}

func tokenStrings(s string) []string {
	toks := search.Tokens(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

var epoch = workday.Date{Year: 1970, Month: 1, Day: 1}

func dayNumber(d workday.Date) int32 {
	if d.IsZero() {
		return 0
	}
	return int32(epoch.DaysUntil(d))
}

func dateOfDay(n int32) workday.Date {
	if n == 0 {
		return workday.Date{}
	}
	return epoch.AddDays(int(n))
}

// searchIndex returns the embedded index, opening it (and replaying the outbox, or building it
// when it is missing) on first use. It returns ErrIndexBusy when another process holds it.
func (db *DB) searchIndex(ctx context.Context) (*index.Index, error) {
	e := &db.emb
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.started {
		return e.ix, nil
	}
	if db.indexDir == "" {
		return nil, errors.New("store: no folder for the search index")
	}
	unlock, err := lockDir(db.indexDir)
	if err != nil {
		// Another process owns it (an import while serve runs): this one writes the outbox
		// only, and tries again at its next use.
		return nil, ErrIndexBusy
	}
	ix, err := index.Open(db.indexDir, index.Options{FlushTokens: serveFlushTokens})
	if err != nil {
		unlock()
		return nil, err
	}
	e.ix, e.unlock = ix, unlock
	fresh := ix.Applied() == 0 && ix.Len() == 0
	if err := db.replayOutbox(ctx, ix); err != nil {
		ix.Close()
		unlock()
		return nil, err
	}
	if fresh {
		// A new index folder next to an existing database (an upgrade, or the folder was
		// removed): build it from the published documents.
		n, err := db.PublishedCount(ctx)
		if err == nil && n > ix.Len() {
			err = db.rebuildEmbedded(ctx, ix, nil)
		}
		if err != nil {
			ix.Close()
			unlock()
			return nil, err
		}
	}
	e.started = true
	e.wake, e.stop, e.done = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	go db.indexLoop()
	return ix, nil
}

// replayOutbox applies the outbox rows after the index's durable position.
func (db *DB) replayOutbox(ctx context.Context, ix *index.Index) error {
	return db.replay(ctx, ix, false)
}

// replay is replayOutbox; with yield it stops when a transaction of this process has committed
// outbox rows that it has not applied yet. It would apply them itself right after its commit:
// were the loop to take them first (reading the documents back from the database, far slower),
// that transaction's update would be refused, and so would every later one, the index no longer
// following directly on them, and a bulk import would be indexed by the loop from then on.
func (db *DB) replay(ctx context.Context, ix *index.Index, yield bool) error {
	for {
		from := ix.Applied() // Update advances it in memory
		rows, err := db.query(ctx, `SELECT seq, doc_id FROM search_outbox WHERE seq > ? ORDER BY seq LIMIT 500`, from)
		if err != nil {
			return fmt.Errorf("store: read search outbox: %w", err)
		}
		var last int64
		ids := map[int64]bool{}
		var order []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&last, &id); err != nil {
				rows.Close()
				return err
			}
			if !ids[id] {
				ids[id] = true
				order = append(order, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(order) == 0 {
			return nil
		}
		// Checked after reading: a transaction that committed before the read either has
		// applied its rows by now (then TryUpdate below refuses, or they are skipped) or is
		// still counted here.
		if yield && db.emb.applying.Load() > 0 {
			return nil
		}
		if ix.Applied() >= last {
			continue // applied meanwhile, after the commit
		}
		var docs []index.Doc
		var dels []int64
		for _, id := range order {
			src, err := loadIndexSource(ctx, db.r, db, id)
			if err != nil {
				return err
			}
			if src == nil {
				dels = append(dels, id)
			} else {
				docs = append(docs, src.doc(id))
			}
		}
		// Applied only if nothing was applied meanwhile (a commit's own update):
		// otherwise read again from the new position.
		if !ix.TryUpdate(docs, dels, from+1, last) {
			continue
		}
		if ix.NeedsFlush() {
			if err := ix.Flush(); err != nil {
				return err
			}
		}
		db.emb.markDirty()
	}
}

func (e *embedded) markDirty() {
	e.dmu.Lock()
	e.dirtyAt = time.Now()
	e.dmu.Unlock()
}

// indexLoop applies outbox rows written elsewhere, flushes the index when it has been idle and
// trims the outbox.
func (db *DB) indexLoop() {
	e := &db.emb
	defer close(e.done)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-e.stop:
			return
		case <-tick.C:
		case <-e.wake:
		}
		ctx := context.Background()
		if err := db.replay(ctx, e.ix, true); err != nil {
			continue
		}
		e.dmu.Lock()
		idle := !e.dirtyAt.IsZero() && time.Since(e.dirtyAt) > flushIdle
		e.dmu.Unlock()
		// Deletions alone (nothing pending) are made durable at once; documents when
		// the index has been idle a while or holds enough of them.
		if e.ix.Applied() > e.ix.Durable() && (idle || e.ix.NeedsFlush() || e.ix.Pending() == 0) {
			if err := db.flushIndex(ctx); err != nil {
				// The flushed documents are no longer held: go back to what is
				// on disk and replay the outbox from there.
				e.ix.Rewind()
			}
		}
	}
}

// flushIndex makes the index durable and trims the outbox up to what it covers.
func (db *DB) flushIndex(ctx context.Context) error {
	ix := db.emb.ix
	if err := ix.Flush(); err != nil {
		return err
	}
	db.emb.dmu.Lock()
	db.emb.dirtyAt = time.Time{}
	db.emb.dmu.Unlock()
	applied := ix.Durable()
	var oldest int64
	if err := db.queryRow(ctx, `SELECT COALESCE(MIN(seq), 0) FROM search_outbox`).Scan(&oldest); err != nil || oldest == 0 || oldest > applied {
		return err
	}
	return db.write(ctx, func(t *Tx) error {
		_, err := t.exec(ctx, `DELETE FROM search_outbox WHERE seq <= ?`, applied)
		return err
	})
}

// SetSearchBulk sizes the embedded index's in-memory part for a bulk import (true) or for
// serving (false): larger parts mean fewer merges, smaller ones quicker searches after a change.
func (db *DB) SetSearchBulk(ctx context.Context, bulk bool) error {
	return db.withIndex(ctx, func(ix *index.Index) error {
		db.emb.bulk.Store(bulk)
		if bulk {
			ix.SetFlushTokens(bulkFlushTokens)
		} else {
			ix.SetFlushTokens(serveFlushTokens)
		}
		return nil
	})
}

// OpenSearch opens the embedded search index now (replaying its outbox, or building it when its
// folder is new) rather than at the first search or publication; a no-op on PostgreSQL and when
// another process owns the index.
func (db *DB) OpenSearch(ctx context.Context) error {
	return db.withIndex(ctx, func(*index.Index) error { return nil })
}

// OptimizeSearch merges the embedded index into one segment.
func (db *DB) OptimizeSearch(ctx context.Context) error {
	return db.withIndex(ctx, func(ix *index.Index) error { return ix.Optimize() })
}

// withIndex runs fn on the embedded index; it does nothing on PostgreSQL, nor when another
// process owns the index (that process applies this one's changes from the outbox).
func (db *DB) withIndex(ctx context.Context, fn func(*index.Index) error) error {
	if db.engine != SQLite {
		return nil
	}
	ix, err := db.searchIndex(ctx)
	if errors.Is(err, ErrIndexBusy) {
		return nil
	}
	if err != nil {
		return err
	}
	return fn(ix)
}

// closeIndex stops the loop, writes what is in memory and closes the index.
func (db *DB) closeIndex() error {
	e := &db.emb
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.started || e.ix == nil {
		return nil
	}
	close(e.stop)
	<-e.done
	err := e.ix.Flush()
	err = errors.Join(err, e.ix.Close())
	e.unlock()
	e.ix, e.started = nil, false
	return err
}

// afterCommit applies a transaction's index changes, when they follow directly on what the
// index holds and the index is not busy; otherwise the loop applies them from the outbox.
func (db *DB) afterCommit(t *Tx) {
	if len(t.outbox) == 0 {
		return
	}
	ix, err := db.searchIndex(context.Background())
	if err != nil || ix == nil {
		return
	}
	var docs []index.Doc
	var dels []int64
	for _, id := range t.outboxOrder {
		if src := t.indexed[id]; src != nil {
			docs = append(docs, src.doc(id))
		} else {
			dels = append(dels, id)
		}
	}
	if ix.TryUpdate(docs, dels, t.outbox[0], t.outbox[len(t.outbox)-1]) {
		db.emb.markDirty()
		if ix.Overfull() {
			// The background flushes fall behind (a bulk import): flush here.
			if err := db.flushIndex(context.Background()); err != nil {
				ix.Rewind()
			}
		}
		return
	}
	if db.emb.bulk.Load() {
		// The index is behind (a flush failed, or another process wrote outbox rows): during
		// a bulk import catch up here, this transaction's rows included, so that the next
		// transactions' updates follow directly again; the loop alone would fall further
		// behind with every batch.
		if err := db.replayOutbox(context.Background(), ix); err == nil {
			return
		}
	}
	select {
	case db.emb.wake <- struct{}{}:
	default:
	}
}

// loadIndexSource reads what the index holds of a document, or nil if it is not published.
func loadIndexSource(ctx context.Context, q queryer, db *DB, docID int64) (*indexSource, error) {
	var (
		src                         indexSource
		state, pub, eff, exp, topic string
		genre, validity             string
		column                      *int64
		version                     int
	)
	err := q.QueryRowContext(ctx, db.rebind(`SELECT d.state, v.title, v.doc_number, d.index_number, v.body_html, v.version,
		d.org_id, d.column_id, d.published_at, d.genre, d.topic, d.validity, d.effective_on, d.expires_on
		FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.published_version WHERE d.id = ?`), docID).
		Scan(&state, &src.title, &src.docNumber, &src.indexNumber, &src.body, &version, &src.meta.Org, &column, &pub, &genre, &topic, &validity, &eff, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: load document %d for the index: %w", docID, err)
	}
	if state != string(disclosure.StatusPublished) {
		return nil, nil
	}
	if column != nil {
		src.meta.Column = *column
	}
	src.meta.Genre, src.meta.Topic, src.meta.Validity = genre, topic, validity
	src.meta.Published = dayNumber(workday.DateOf(parseTime(pub)))
	src.meta.Effective = dayNumber(parseDate(eff))
	src.meta.Expires = dayNumber(parseDate(exp))
	var extra strings.Builder
	rows, err := q.QueryContext(ctx, db.rebind(`SELECT a.content_type, b.data FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
		WHERE a.document_id = ? AND a.version = ? AND (a.content_type LIKE 'text/%' OR a.content_type LIKE '%wordprocessingml%') ORDER BY a.position`), docID, version)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var ct string
		var data []byte
		if err := rows.Scan(&ct, &data); err != nil {
			rows.Close()
			return nil, err
		}
		extra.WriteString("<p>" + html.EscapeString(richtext.ExtractText(ct, data)) + "</p>")
	}
	rows.Close()
	// Earlier published versions: a phrase from an older version still finds the document,
	// which then shows the current one.
	rows, err = q.QueryContext(ctx, db.rebind(`SELECT body_html FROM document_versions WHERE document_id = ? AND version < ? AND published_at <> '' ORDER BY version DESC`), docID, version)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var old string
		if err := rows.Scan(&old); err != nil {
			rows.Close()
			return nil, err
		}
		if old != src.body {
			extra.WriteString(old)
		}
	}
	rows.Close()
	src.body += extra.String()
	return &src, nil
}

// rebuildEmbedded builds the index anew from the published documents.
func (db *DB) rebuildEmbedded(ctx context.Context, ix *index.Index, progress func(done, total int)) error {
	var seq int64
	if err := db.queryRow(ctx, `SELECT COALESCE(MAX(seq), 0) FROM search_outbox`).Scan(&seq); err != nil {
		return err
	}
	if err := ix.Reset(); err != nil {
		return err
	}
	ix.SetFlushTokens(bulkFlushTokens)
	defer ix.SetFlushTokens(serveFlushTokens)
	if err := db.eachPublishedBatch(ctx, progress, func(batch []int64) error {
		var docs []index.Doc
		for _, id := range batch {
			src, err := loadIndexSource(ctx, db.r, db, id)
			if err != nil {
				return err
			}
			if src != nil {
				docs = append(docs, src.doc(id))
			}
		}
		// The outbox position is recorded only at the end: rows written meanwhile are
		// replayed, which is harmless.
		return ix.Update(docs, nil, 0)
	}); err != nil {
		return err
	}
	if err := ix.Update(nil, nil, seq); err != nil {
		return err
	}
	return ix.Optimize()
}

// embeddedSearch ranks the candidates of a text query with the embedded index.
func (db *DB) embeddedSearch(ctx context.Context, q search.Query, f DocumentFilter, k int, visit func(int64, *index.Meta)) (index.Result, error) {
	ix, err := db.searchIndex(ctx)
	if err != nil {
		return index.Result{}, err
	}
	filter, err := db.indexFilter(ctx, f)
	if err != nil {
		return index.Result{}, err
	}
	// Long terms (a pasted sentence) are not reduced to their rarest tokens as FTS5 needed
	// (search.ReduceLong): the index walks the rarest token's list and only probes the others
	// through their skip tables, so every token still checks the match.
	return ix.Search(q, index.Request{K: k, Filter: filter, Visit: visit})
}

// indexFilter turns a document filter into a test on the index's metadata; documents no longer
// in force count half.
func (db *DB) indexFilter(ctx context.Context, f DocumentFilter) (index.Filter, error) {
	if f.Genre != "" && !f.Genre.Valid() {
		return nil, apperr.New(apperr.Invalid, "未知的信息类别").OnField("genre")
	}
	switch f.Validity {
	case "", disclosure.ValidityInForce, disclosure.ValidityExpired, disclosure.ValidityNotYetEffective, disclosure.ValidityRepealed:
	default:
		return nil, apperr.New(apperr.Invalid, "未知的有效性").OnField("validity")
	}
	if f.Year != 0 && (f.Year < 1949 || f.Year > 2100) {
		return nil, apperr.New(apperr.Invalid, "年份不合理").OnField("year")
	}
	var orgs map[int64]bool
	if f.Subtree != nil {
		orgs = map[int64]bool{}
		rows, err := db.query(ctx, `SELECT id FROM orgs WHERE path LIKE ?`, f.Subtree.Path+"%")
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			orgs[id] = true
		}
		rows.Close()
	}
	var only map[int64]bool
	if f.OrgIDs != nil {
		only = map[int64]bool{}
		for _, id := range f.OrgIDs {
			only[id] = true
		}
	}
	var area struct {
		on     bool
		column int64
		genres map[string]bool
		orgs   map[int64]bool
	}
	if a := f.Area; a != nil {
		area.on, area.column = true, a.ColumnID
		area.genres, area.orgs = map[string]bool{}, map[int64]bool{}
		for _, g := range a.Genres {
			area.genres[string(g)] = true
		}
		for _, id := range a.OrgIDs {
			area.orgs[id] = true
		}
	}
	var fromDay, toDay int32
	if f.Year != 0 {
		fromDay = dayNumber(workday.Date{Year: f.Year, Month: 1, Day: 1})
		toDay = dayNumber(workday.Date{Year: f.Year + 1, Month: 1, Day: 1})
	}
	todayDate := f.Today
	if todayDate.IsZero() {
		todayDate = workday.DateOf(db.Now())
	}
	today := dayNumber(todayDate)
	topicPrefix := ""
	if f.Topic != "" && !strings.Contains(f.Topic, `\`) {
		topicPrefix = f.Topic + `\`
	}
	return func(m *index.Meta) (bool, float64) {
		if orgs != nil && !orgs[m.Org] || only != nil && !only[m.Org] {
			return false, 0
		}
		if f.ColumnID != 0 && m.Column != f.ColumnID {
			return false, 0
		}
		if area.on && m.Column != area.column && !(area.genres[m.Genre] && area.orgs[m.Org]) {
			return false, 0
		}
		if f.Genre != "" && m.Genre != string(f.Genre) {
			return false, 0
		}
		if f.Topic != "" && m.Topic != f.Topic && (topicPrefix == "" || !strings.HasPrefix(m.Topic, topicPrefix)) {
			return false, 0
		}
		if f.Year != 0 && (m.Published < fromDay || m.Published >= toDay) {
			return false, 0
		}
		v := metaValidity(m, today)
		if f.Validity != "" && v != f.Validity {
			return false, 0
		}
		switch v {
		case disclosure.ValidityExpired, disclosure.ValidityRepealed, disclosure.ValidityAmended:
			return true, 0.5
		}
		return true, 1
	}, nil
}

// metaValidity is disclosure.EffectiveValidity on the index's day numbers (it runs for every
// candidate, so it avoids time.Time).
func metaValidity(m *index.Meta, today int32) disclosure.Validity {
	stored := disclosure.Validity(m.Validity)
	switch stored {
	case disclosure.ValidityInForce, disclosure.ValidityNotYetEffective, "":
	default:
		return stored
	}
	if m.Expires != 0 && m.Expires <= today {
		return disclosure.ValidityExpired
	}
	if m.Effective != 0 {
		if m.Effective > today {
			return disclosure.ValidityNotYetEffective
		}
		return disclosure.ValidityInForce
	}
	if stored == disclosure.ValidityNotYetEffective {
		return stored
	}
	return disclosure.ValidityInForce
}

// searchEmbedded is Search on SQLite: the exact 文号/索引号 matches first, then the best documents
// of the embedded index for the page asked for. Only the page's documents are read from the
// database. Facets count every document found to match: all of them, or, when the index skipped
// documents that could not reach the page, those it checked (then marked as an estimate).
func (db *DB) searchEmbedded(ctx context.Context, q search.Query, f DocumentFilter, opts SearchOptions, exact map[int64]bool) (SearchResult, error) {
	var res SearchResult
	today := workday.DateOf(db.Now())
	todayDay := dayNumber(today)
	type cand struct {
		id    int64
		score float64
	}
	var cands []cand
	var exactIDs []int64
	for id := range exact {
		exactIDs = append(exactIDs, id)
	}
	sort.Slice(exactIDs, func(i, j int) bool { return exactIDs[i] > exactIDs[j] })
	for _, id := range exactIDs {
		cands = append(cands, cand{id: id})
	}
	var items []facetItem
	if len(exactIDs) > 0 {
		docs, err := db.documentsByID(ctx, exactIDs)
		if err != nil {
			return res, err
		}
		for _, id := range exactIDs {
			if d, ok := docs[id]; ok {
				items = append(items, facetItem{d.Genre, workday.DateOf(d.PublishedAt).Year, d.CurrentValidity(today), d.Topic})
			}
		}
	}
	total, complete := len(exactIDs), true
	// A query that is only a 文号 or 索引号 found by the exact lookup needs no full-text search
	// (the phrase of its tokens would also find the documents that cite it, at a cost).
	onlyNumber := len(exact) > 0 && len(q.Terms) == 1 && q.Terms[0].Number != "" && !q.Terms[0].Negated
	if !q.Empty() && !onlyNumber {
		visit := func(id int64, m *index.Meta) {
			if len(items) < facetSample && !exact[id] { // the exact matches are counted above
				items = append(items, facetItem{disclosure.Genre(m.Genre), dateOfDay(m.Published).Year, metaValidity(m, todayDay), m.Topic})
			}
		}
		r, err := db.embeddedSearch(ctx, q, f, opts.Offset+opts.Limit+len(exactIDs), visit)
		if err != nil {
			return res, err
		}
		complete = r.Complete
		for _, h := range r.Hits {
			if !exact[h.ID] {
				cands = append(cands, cand{id: h.ID, score: h.Score})
			}
		}
		// Exact matches are usually found by the text too: count them once.
		total = max(total, r.Estimate)
	}
	if len(cands) == 0 {
		return res, nil
	}
	res.Facets = countFacets(items)
	res.Total, res.Capped, res.Estimated = total, !complete, !complete || len(items) >= facetSample
	if opts.Offset >= len(cands) {
		return res, nil
	}
	page := cands[opts.Offset:min(opts.Offset+opts.Limit, len(cands))]
	ids := make([]int64, len(page))
	for i, c := range page {
		ids[i] = c.id
	}
	docs, err := db.documentsByID(ctx, ids)
	if err != nil {
		return res, err
	}
	for _, c := range page {
		d, ok := docs[c.id]
		// A document withdrawn a moment ago may still be in the index until the outbox is
		// applied: the database has the last word.
		if !ok || d.State != disclosure.StatusPublished {
			continue
		}
		res.Hits = append(res.Hits, SearchHit{Document: d, Score: c.score, Exact: exact[c.id]})
	}
	return res, nil
}

// facetSample bounds the documents the facets count.
const facetSample = 100000
