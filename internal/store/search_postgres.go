package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

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
	tsq, and := pgTSQuery(q), pgTSQueryAnd(q)
	if tsq == "" || and == "" {
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
		args = append([]any{tsq, tsq}, fargs...)
	} else {
		// The AND of the tokens from GIN, newest first (OFFSET 0 keeps the subquery whole, so that
		// the phrase check runs above the sort, row by row, until the LIMIT is reached); e numbers
		// the AND's matches, so the last row tells how many were checked.
		qsql = `SELECT doc_id, ts_rank(tsv, to_tsquery('simple', ?)), e FROM (SELECT s.doc_id, s.tsv, row_number() OVER (ORDER BY s.doc_id + 0 DESC) AS e FROM ` +
			pgSearchSource(`s.tsv @@ to_tsquery('simple', ?)`, filterSQL, fargs) + ` ORDER BY s.doc_id + 0 DESC OFFSET 0) c
			WHERE tsv @@ to_tsquery('simple', ?) LIMIT ` + lim
		args = append(append([]any{tsq, and}, fargs...), tsq)
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
