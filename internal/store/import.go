package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gongkai/internal/audit"
	"gongkai/internal/disclosure"
	"gongkai/internal/ingest"
	"gongkai/internal/search/index"
	"gongkai/internal/workday"
)

// ImportResult counts what an import batch did.
type ImportResult struct {
	Added   int
	Skipped int // already imported (same source key or index number)
}

// ImportDocuments adds documents that were published elsewhere as published documents of an
// organisation, in one transaction, with one audit entry for the batch. Records imported before
// (same source key) or whose 索引号 is taken are skipped, so an import can be repeated.
func (db *DB) ImportDocuments(ctx context.Context, actor audit.Actor, orgID int64, recs []ingest.Record) (ImportResult, error) {
	var res ImportResult
	for i := range recs {
		f := &recs[i].Fields
		var err error
		if recs[i].EscapedBody {
			// The reader built the body from escaped text in fixed tags: sanitising it again
			// would cost most of the import's time and change nothing.
			if err = f.Validate(); err == nil {
				err = summarise(f)
			}
		} else {
			err = prepareFields(f)
		}
		if err != nil {
			return res, fmt.Errorf("%s: %w", recs[i].SourceKey, err)
		}
	}
	err := db.write(ctx, func(t *Tx) error {
		res = ImportResult{}
		o, err := t.orgByID(ctx, orgID)
		if err != nil {
			return err
		}
		cols, err := t.columns(ctx, orgID)
		if err != nil {
			return err
		}
		var keys []string
		for _, r := range recs {
			f := r.Fields
			var col any
			if c, ok := disclosure.ColumnForGenre(cols, f.Genre); ok {
				col = c.ID
			}
			idx := r.IndexNumber
			if idx == "" {
				if idx, err = t.nextIndexNumber(ctx, o, t.now); err != nil {
					return err
				}
			}
			published := fmtTime(t.now)
			if !r.PublishedAt.IsZero() {
				published = fmtTime(r.PublishedAt)
			}
			var id int64
			err := t.queryRow(ctx, `INSERT INTO documents (org_id, index_number, column_id, latest_version, published_version, state, title, doc_number,
				genre, topic, written_on, published_at, validity, effective_on, expires_on, mode, made_on, source_key, created_at, updated_at)
				VALUES (?, ?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
				orgID, idx, col, disclosure.StatusPublished, f.Title, f.DocNumber, f.Genre, f.Topic, fmtDate(f.WrittenOn), published, f.Validity,
				fmtDate(f.EffectiveOn), fmtDate(f.ExpiresOn), disclosure.ModeProactive, fmtDate(f.MadeOn), r.SourceKey, published, fmtTime(t.now)).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				res.Skipped++
				continue
			}
			if err != nil {
				return fmt.Errorf("store: import %s: %w", r.SourceKey, err)
			}
			args := append([]any{id, 1, disclosure.StatusPublished, nil, published, published, fmtTime(t.now)}, versionArgs(f)...)
			if _, err := t.exec(ctx, `INSERT INTO document_versions (document_id, version, status, created_by, published_at, created_at, updated_at,
				title, doc_number, doc_prefix, doc_year, doc_seq, issuers, written_on, made_on, publish_at, topic, genre, plan_kind, plan_period,
				mode, mode_reason, validity, effective_on, expires_on, summary, body_html, change_note)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...); err != nil {
				return fmt.Errorf("store: import version of %s: %w", r.SourceKey, err)
			}
			if err := t.fault("import"); err != nil {
				return err
			}
			src := &indexSource{title: f.Title, docNumber: f.DocNumber, indexNumber: idx, body: f.BodyHTML, meta: index.Meta{
				Org: orgID, Published: dayNumber(workday.DateOf(parseTime(published))), Genre: string(f.Genre), Topic: f.Topic,
				Validity: string(f.Validity), Effective: dayNumber(f.EffectiveOn), Expires: dayNumber(f.ExpiresOn)}}
			if c, ok := col.(int64); ok {
				src.meta.Column = c
			}
			if err := t.indexDocumentText(ctx, id, src, false); err != nil {
				return err
			}
			res.Added++
			keys = append(keys, r.SourceKey)
		}
		if res.Added == 0 {
			return nil
		}
		return t.record(ctx, actor, orgID, "document.import", "org", orgID, nil, keys, fmt.Sprintf("%d imported, %d skipped", res.Added, res.Skipped))
	})
	return res, err
}

// SourceKeyCount reports how many documents came from sources whose key starts with prefix.
func (db *DB) SourceKeyCount(ctx context.Context, prefix string) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM documents WHERE source_key LIKE ? ESCAPE '\'`, escapeLike(prefix)+"%").Scan(&n)
	return n, err
}

// SourceKeys maps the source keys of imported documents to their ids.
func (db *DB) SourceKeys(ctx context.Context) (map[string]int64, error) {
	rows, err := db.query(ctx, `SELECT source_key, id FROM documents WHERE source_key IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, err
		}
		out[k] = id
	}
	return out, rows.Err()
}
