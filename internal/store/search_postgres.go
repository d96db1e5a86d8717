package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"gongkai/internal/search"
)

// PostgreSQL search: the statements of DB.Search on search_docs (a tsvector per published
// document with a GIN index). See docs/search.md, "PostgreSQL: plans, GIN and RUM".
//
// The tsvectors are 10–20 KB each and live in TOAST, which the planner does not cost: left to
// itself it reads them by a sequential scan or a backward primary-key scan with the @@ filter,
// decompressing every row it passes (84–110 ms for a sentence with no match at 10,000 documents,
// 260 ms to count a common word). So the statements run in a read-only transaction that pins the
// plans, and are written so that only the tsvectors that are ranked, or that must be checked for
// positions, are read:
//
//   - candidates come from the GIN index (a bitmap), ordered by id without the primary key
//     (ORDER BY doc_id + 0), so that a common word costs a bitmap and a top-N sort of small tuples,
//     and ts_rank is computed after the LIMIT, for the window only;
//   - a query whose terms need positions (phrases, title terms, exclusions) is matched first as
//     the AND of its tokens, which GIN answers exactly without reading the tsvectors; the phrase
//     check then runs newest first and stops when the window is full, instead of GIN's recheck of
//     every candidate;
//   - a long term (a pasted sentence) is reduced to its rarest tokens at their exact distances
//     (search.ReduceLong), with document frequencies from ANALYZE's statistics of the tsv column
//     (the ~1,000 commonest tokens and their frequencies, free and kept current by autovacuum);
//   - with no filter other than "published", search_docs alone answers (it holds exactly the
//     published documents: indexPublished and unindexDocument keep it so in the same transaction
//     as the change of state), without a join with documents; the capped count of a word then
//     needs only the GIN bitmap and the visibility map.

// pgCandidate is a matching document and its ts_rank.
type pgCandidate struct {
	id    int64
	score float64
}

// pgPinned runs fn in a read-only transaction whose plans use the indexes: no sequential scans
// (they detoast every tsvector), no JIT (the disabled-node costs would trigger it) and enough
// work_mem to sort the candidates of a common word in memory.
func (db *DB) pgPinned(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("store: begin search: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`); err != nil {
		return fmt.Errorf("store: search settings: %w", err)
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// pgPublicOnly reports whether a filter (as made by DocumentFilter.where with Public set) asks
// for nothing beyond publication, which search_docs implies.
func pgPublicOnly(filterSQL string, fargs []any) bool {
	return len(fargs) == 0 && strings.TrimSpace(filterSQL) == "AND state = 'published'"
}

// pgTSQueryAnd is the AND of the distinct tokens of a query's positive terms, without weights
// or positions: a superset of the query's matches that GIN finds without a recheck.
func pgTSQueryAnd(q search.Query) string {
	var toks []string
	for _, t := range q.Terms {
		if t.Negated {
			continue
		}
		for _, tok := range t.Tokens {
			if !safeToken(tok) {
				return ""
			}
			if !slices.Contains(toks, tok) {
				toks = append(toks, tok)
			}
		}
	}
	for i, tok := range toks {
		toks[i] = "'" + tok + "'"
	}
	return strings.Join(toks, " & ")
}

// pgSearchSource is the FROM and WHERE of the documents matching cond (a condition on s.tsv)
// and the filter.
func pgSearchSource(cond, filterSQL string, fargs []any) string {
	if pgPublicOnly(filterSQL, fargs) {
		return `search_docs s WHERE ` + cond
	}
	return `search_docs s JOIN documents d ON d.id = s.doc_id WHERE ` + cond + filterSQL
}

// pgSearch returns the newest window+1 documents matching the query, with their ts_rank, and,
// when more than window match, the number of matches up to countCap, in one snapshot.
//
// Counting a phrase exactly means checking the positions of every match (up to countCap
// tsvectors, 300 ms and more for 人民政府). When the candidate scan shows that the AND of the
// tokens holds so many documents that, at the share of them that matched the phrase there, the
// matches exceed twice countCap, the count is reported as countCap ("10000+") from the GIN bitmap
// alone; otherwise it is counted exactly.
func (db *DB) pgSearch(ctx context.Context, q search.Query, filterSQL string, fargs []any, window, countCap int) (cands []pgCandidate, total int, err error) {
	// Matched by the reduced query, ranked by the whole one.
	rank := pgTSQuery(q)
	if q, err = db.pgReduceLong(ctx, q); err != nil {
		return nil, 0, err
	}
	tsq, and := pgTSQuery(q), pgTSQueryAnd(q)
	if tsq == "" || and == "" || rank == "" {
		return nil, 0, nil
	}
	lim := strconv.Itoa(window + 1)
	plain := "("+and+")" == tsq
	var qsql string
	var args []any
	if plain {
		// One plain token: GIN's answer is exact.
		qsql = `SELECT doc_id, ts_rank(tsv, to_tsquery('simple', ?)), 0 FROM (SELECT s.doc_id, s.tsv FROM ` +
			pgSearchSource(`s.tsv @@ to_tsquery('simple', ?)`, filterSQL, fargs) + ` ORDER BY s.doc_id + 0 DESC LIMIT ` + lim + `) c`
		args = append([]any{rank, tsq}, fargs...)
	} else {
		// The AND of the tokens from GIN, newest first (OFFSET 0 keeps the subquery whole, so that
		// the phrase check runs above the sort, row by row, until the LIMIT is reached); e numbers
		// the AND's matches, so the last row tells how many were checked.
		qsql = `SELECT doc_id, ts_rank(tsv, to_tsquery('simple', ?)), e FROM (SELECT s.doc_id, s.tsv, row_number() OVER (ORDER BY s.doc_id + 0 DESC) AS e FROM ` +
			pgSearchSource(`s.tsv @@ to_tsquery('simple', ?)`, filterSQL, fargs) + ` ORDER BY s.doc_id + 0 DESC OFFSET 0) c
			WHERE tsv @@ to_tsquery('simple', ?) LIMIT ` + lim
		args = append(append([]any{rank, and}, fargs...), tsq)
	}
	count := func(tx *sql.Tx, cond, arg string, limit int) (int, error) {
		var n int
		err := tx.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM (SELECT 1 FROM `+pgSearchSource(cond, filterSQL, fargs)+
			` LIMIT `+strconv.Itoa(limit)+`) x`), append([]any{arg}, fargs...)...).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("store: count matches: %w", err)
		}
		return n, nil
	}
	err = db.pgPinned(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, db.rebind(qsql), args...)
		if err != nil {
			return fmt.Errorf("store: search: %w", err)
		}
		defer rows.Close()
		checked := 0
		for rows.Next() {
			var c pgCandidate
			if err := rows.Scan(&c.id, &c.score, &checked); err != nil {
				return fmt.Errorf("store: search: %w", err)
			}
			cands = append(cands, c)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: search: %w", err)
		}
		rows.Close()
		if len(cands) <= window {
			return nil
		}
		if !plain && checked > 0 {
			// Matches of the AND needed for 2 × countCap matches at the share seen newest first.
			need := 2*countCap*checked/len(cands) + 1
			n, err := count(tx, `s.tsv @@ to_tsquery('simple', ?)`, and, need)
			if err != nil {
				return err
			}
			if n >= need {
				total = countCap
				return nil
			}
		}
		total, err = count(tx, `s.tsv @@ to_tsquery('simple', ?)`, tsq, countCap)
		return err
	})
	return cands, total, err
}

// Long terms: a term of more than pgReduceOver tokens is reduced to its pgReduceKeep rarest, once
// the index holds pgReduceMinDocs documents (below that, GIN's AND of all tokens is cheap and the
// statistics are thin; tests see the exact phrase).
const (
	pgReduceOver    = 8
	pgReduceKeep    = 4
	pgReduceMinDocs = 10000
	pgTokensMaxAge  = 10 * time.Minute
)

// pgTokenFreqs are the document frequencies of the commonest tokens of search_docs.tsv (from
// pg_stats.most_common_elems); a token not listed is rarer than floor.
type pgTokenFreqs struct {
	loaded time.Time
	freq   map[string]float64 // nil: do not reduce
	floor  float64
}

// pgTokenCache holds the frequencies for pgTokensMaxAge.
type pgTokenCache struct{ p atomic.Pointer[pgTokenFreqs] }

func (db *DB) pgTokenFreqs(ctx context.Context) (*pgTokenFreqs, error) {
	if f := db.pgTokens.p.Load(); f != nil && time.Since(f.loaded) < pgTokensMaxAge {
		return f, nil
	}
	f := &pgTokenFreqs{loaded: time.Now()}
	var docs float64
	if err := db.queryRow(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'search_docs'::regclass`).Scan(&docs); err != nil {
		return nil, fmt.Errorf("store: index size: %w", err)
	}
	if docs >= pgReduceMinDocs {
		// most_common_elem_freqs has three more entries (minimum, maximum, null share): their
		// elements are NULL in the unnest.
		rows, err := db.query(ctx, `SELECT u.e, u.f FROM pg_stats s
			JOIN pg_class c ON c.relname = s.tablename AND c.oid = 'search_docs'::regclass
			JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname,
			unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(e, f)
			WHERE s.attname = 'tsv' AND u.e IS NOT NULL`)
		if err != nil {
			return nil, fmt.Errorf("store: token frequencies: %w", err)
		}
		defer rows.Close()
		freq := map[string]float64{}
		floor := 1.0
		for rows.Next() {
			var e string
			var fr float64
			if err := rows.Scan(&e, &fr); err != nil {
				return nil, fmt.Errorf("store: token frequencies: %w", err)
			}
			freq[e] = fr
			floor = min(floor, fr)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: token frequencies: %w", err)
		}
		if len(freq) > 0 {
			f.freq, f.floor = freq, floor
		}
	}
	db.pgTokens.p.Store(f)
	return f, nil
}

// pgReduceLong reduces the long positive terms of a query (search.ReduceLong). The reduced term
// matches a superset of the documents (the dropped tokens are not checked), at the kept tokens'
// exact distances; pgSearch ranks them by the whole query, so that the documents holding the
// whole sentence come first.
func (db *DB) pgReduceLong(ctx context.Context, q search.Query) (search.Query, error) {
	long := false
	for _, t := range q.Terms {
		long = long || (!t.Negated && len(t.Tokens) > pgReduceOver)
	}
	if !long {
		return q, nil
	}
	f, err := db.pgTokenFreqs(ctx)
	if err != nil || f.freq == nil {
		return q, err
	}
	df := func(tok string) float64 {
		if v, ok := f.freq[tok]; ok {
			return v
		}
		return f.floor / 2
	}
	terms := slices.Clone(q.Terms)
	for i, t := range terms {
		if !t.Negated && len(t.Tokens) > pgReduceOver {
			terms[i] = search.ReduceLong(t, df, pgReduceKeep)
		}
	}
	q.Terms = terms
	return q, nil
}

// pgSearchIndexSQL creates search_docs' GIN index (as migration 0004 did) when it is missing.
const pgSearchIndexSQL = `CREATE INDEX IF NOT EXISTS search_docs_tsv ON search_docs USING GIN (tsv)`

// DeferSearchIndex prepares a large import on PostgreSQL: it drops the GIN index of search_docs,
// so that each imported document costs a plain insert instead of an update of the index's
// posting trees (75–150 documents per second at a million), and returns the function that builds
// the index once at the end, in one sorted pass. Searches stay correct meanwhile but read every
// tsvector, so this is for first loads, not for a busy platform. If the process dies before
// the index is built again, the next start builds it (EnsureSearchIndex). On SQLite it does
// nothing: the embedded index takes bulk loads as they come (SetSearchBulk).
func (db *DB) DeferSearchIndex(ctx context.Context) (build func(context.Context) error, err error) {
	if db.engine != Postgres {
		return func(context.Context) error { return nil }, nil
	}
	if _, err := db.w.ExecContext(ctx, `DROP INDEX IF EXISTS search_docs_tsv`); err != nil {
		return nil, fmt.Errorf("store: drop the search index for the import: %w", err)
	}
	return db.EnsureSearchIndex, nil
}

// EnsureSearchIndex builds search_docs' GIN index on PostgreSQL if it is missing (after an
// import that deferred it was stopped), with memory enough to sort the tokens of a million
// documents in few passes; it is a no-op when the index exists and on SQLite.
func (db *DB) EnsureSearchIndex(ctx context.Context) error {
	if db.engine != Postgres {
		return nil
	}
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var present bool
	if err := conn.QueryRowContext(ctx, `SELECT to_regclass('search_docs_tsv') IS NOT NULL`).Scan(&present); err != nil || present {
		return err
	}
	if _, err := conn.ExecContext(ctx, `SET maintenance_work_mem = '1GB'`); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `RESET maintenance_work_mem`)
	if _, err := conn.ExecContext(ctx, pgSearchIndexSQL); err != nil {
		return fmt.Errorf("store: build the search index: %w", err)
	}
	return nil
}
