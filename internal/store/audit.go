package store

import (
	"context"
	"fmt"
	"strconv"

	"gongkai/internal/audit"
)

// record appends an audit entry about a record of organisation orgID inside the write transaction, so that the entry exists exactly
// when the write does. The head row serialises appenders on both engines.
func (t *Tx) record(ctx context.Context, actor audit.Actor, orgID int64, action, entity string, entityID int64, before, after any, detail string) error {
	var seq int64
	var prev string
	if err := t.queryRow(ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash`).Scan(&seq, &prev); err != nil {
		return fmt.Errorf("store: audit head: %w", err)
	}
	e := audit.Entry{
		Seq: seq, At: t.now, ActorID: actor.UserID, Actor: actor.Name, OrgID: orgID,
		Action: action, Entity: entity, EntityID: strconv.FormatInt(entityID, 10),
		BeforeDigest: audit.Digest(before), AfterDigest: audit.Digest(after), Detail: detail, PrevHash: prev,
	}
	// The hash covers the time as stored, so round it the way the column keeps it.
	e.At = parseTime(fmtTime(e.At))
	e.Hash = audit.ComputeHash(e)
	if _, err := t.exec(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor, org_id, action, entity, entity_id, before_digest, after_digest, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, fmtTime(e.At), e.ActorID, e.Actor, e.OrgID, e.Action, e.Entity, e.EntityID, e.BeforeDigest, e.AfterDigest, e.Detail, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("store: audit insert: %w", err)
	}
	if _, err := t.exec(ctx, `UPDATE audit_head SET last_hash = ? WHERE id = 1`, e.Hash); err != nil {
		return fmt.Errorf("store: audit head: %w", err)
	}
	return nil
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	OrgIDs    []int64 // nil: all
	EntityID  string
	Entity    string
	BeforeSeq int64 // for paging backwards; 0: from the newest
	Limit     int
}

// AuditEntries lists entries, newest first.
func (db *DB) AuditEntries(ctx context.Context, f AuditFilter) ([]audit.Entry, error) {
	q := `SELECT seq, at, actor_id, actor, org_id, action, entity, entity_id, before_digest, after_digest, detail, prev_hash, hash FROM audit_log WHERE 1=1`
	var args []any
	if f.OrgIDs != nil {
		if len(f.OrgIDs) == 0 {
			return nil, nil
		}
		q += ` AND org_id IN (` + placeholders(len(f.OrgIDs)) + `)`
		for _, id := range f.OrgIDs {
			args = append(args, id)
		}
	}
	if f.Entity != "" {
		q += ` AND entity = ?`
		args = append(args, f.Entity)
	}
	if f.EntityID != "" {
		q += ` AND entity_id = ?`
		args = append(args, f.EntityID)
	}
	if f.BeforeSeq > 0 {
		q += ` AND seq < ?`
		args = append(args, f.BeforeSeq)
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	q += ` ORDER BY seq DESC LIMIT ` + strconv.Itoa(f.Limit)
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: audit entries: %w", err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

type scanner interface{ Scan(dest ...any) error }

func scanAudit(s scanner) (audit.Entry, error) {
	var e audit.Entry
	var at string
	err := s.Scan(&e.Seq, &at, &e.ActorID, &e.Actor, &e.OrgID, &e.Action, &e.Entity, &e.EntityID, &e.BeforeDigest, &e.AfterDigest, &e.Detail, &e.PrevHash, &e.Hash)
	e.At = parseTime(at)
	return e, err
}

// VerifyAudit walks the whole log in order and reports every break in the chain.
func (db *DB) VerifyAudit(ctx context.Context) (count int64, problems []audit.Problem, err error) {
	var headSeq int64
	var headHash string
	if err := db.queryRow(ctx, `SELECT seq, last_hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return 0, nil, fmt.Errorf("store: audit head: %w", err)
	}
	rows, err := db.query(ctx, `SELECT seq, at, actor_id, actor, org_id, action, entity, entity_id, before_digest, after_digest, detail, prev_hash, hash FROM audit_log ORDER BY seq`)
	if err != nil {
		return 0, nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	v := audit.NewVerifier()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return 0, nil, err
		}
		v.Add(e)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, err
	}
	return v.Count(), v.Finish(headSeq, headHash), nil
}

func placeholders(n int) string {
	b := make([]byte, 0, 2*n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '?')
	}
	return string(b)
}
