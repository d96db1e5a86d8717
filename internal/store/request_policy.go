package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gongkai/internal/apperr"
	"gongkai/internal/request"
)

// RequestPolicy is the 依申请公开 policy in force: request.DefaultPolicy with the settings stored
// on the platform applied (clock.count_receipt_day, clock.pause_for_fee, correction.period_days,
// fee.pages_scope, abuse.window_days, abuse.threshold). A bad setting — one that cannot be read,
// does not parse, or is out of range — is ignored and its default stays, so the result is always
// a valid policy. The web server and the clock-refreshing job both read the policy here.
func (db *DB) RequestPolicy(ctx context.Context) request.Policy {
	p := request.DefaultPolicy()
	for _, s := range p.Settings() {
		v, ok, err := db.Setting(ctx, s.Name)
		if err != nil || !ok {
			continue
		}
		next := p
		if next.Set(s.Name, v) == nil && next.Validate() == nil {
			p = next
		}
	}
	return p
}

// Case lookups for the public case library's pages (案例指导); published by PublishCase.

const caseColumns = `id, request_id, org_id, title, reply_type, reason, summary, published_at`

func scanCase(row *sql.Row) (Case, error) {
	var c Case
	err := row.Scan(&c.ID, &c.RequestID, &c.OrgID, &c.Title, &c.ReplyType, &c.Reason, &c.Summary, &c.PublishedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, apperr.New(apperr.NotFound, "案例不存在")
	}
	if err != nil {
		return c, fmt.Errorf("store: case: %w", err)
	}
	return c, nil
}

// Case returns a published guidance case.
func (db *DB) Case(ctx context.Context, id int64) (Case, error) {
	return scanCase(db.queryRow(ctx, `SELECT `+caseColumns+` FROM request_cases WHERE id = ?`, id))
}

// RequestCase returns the case published from an application, if any.
func (db *DB) RequestCase(ctx context.Context, requestID int64) (Case, bool, error) {
	c, err := scanCase(db.queryRow(ctx, `SELECT `+caseColumns+` FROM request_cases WHERE request_id = ?`, requestID))
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			return c, false, nil
		}
		return c, false, err
	}
	return c, true, nil
}
