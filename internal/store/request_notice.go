package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"gongkai/internal/apperr"
	"gongkai/internal/org"
	"gongkai/internal/workday"
)

// Notice is a formal notice (告知书) issued on an application and kept with it.
type Notice struct {
	ID        int64
	RequestID int64
	Kind      string
	Number    string
	IssuedOn  workday.Date
	BodyHTML  string
}

// AddRequestNotice numbers and stores a notice. number builds the notice number from the
// organisation's next sequence for the kind and year (so numbers never repeat), and render builds
// the body for that number.
func (db *DB) AddRequestNotice(ctx context.Context, p *org.Principal, requestID int64, kind string, issued workday.Date,
	number func(seq int) string, render func(number string) (string, error)) (Notice, error) {
	n := Notice{RequestID: requestID, Kind: kind, IssuedOn: issued}
	err := db.write(ctx, func(t *Tx) error {
		orgID, err := t.requireHandler(ctx, p, requestID)
		if err != nil {
			return err
		}
		seq, err := t.nextCounter(ctx, "notice:"+strconv.FormatInt(orgID, 10)+":"+kind+":"+strconv.Itoa(issued.Year))
		if err != nil {
			return err
		}
		n.Number = number(int(seq))
		if n.BodyHTML, err = render(n.Number); err != nil {
			return err
		}
		n.ID, err = t.insertID(ctx, `INSERT INTO request_notices (request_id, kind, number, issued_on, body_html, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			requestID, kind, n.Number, fmtDate(issued), n.BodyHTML, p.User.ID, fmtTime(t.now))
		if err != nil {
			return fmt.Errorf("store: notice: %w", err)
		}
		return t.record(ctx, actorOf(p), orgID, "request.notice", "request", requestID, nil, map[string]string{"kind": kind, "number": n.Number}, n.Number)
	})
	return n, err
}

// RequestNotices lists an application's notices in the order they were issued.
func (db *DB) RequestNotices(ctx context.Context, requestID int64) ([]Notice, error) {
	rows, err := db.query(ctx, `SELECT id, request_id, kind, number, issued_on, body_html FROM request_notices WHERE request_id = ? ORDER BY id`, requestID)
	if err != nil {
		return nil, fmt.Errorf("store: notices: %w", err)
	}
	defer rows.Close()
	var out []Notice
	for rows.Next() {
		var n Notice
		var issued string
		if err := rows.Scan(&n.ID, &n.RequestID, &n.Kind, &n.Number, &issued, &n.BodyHTML); err != nil {
			return nil, err
		}
		n.IssuedOn = parseDate(issued)
		out = append(out, n)
	}
	return out, rows.Err()
}

// RequestNotice returns one notice.
func (db *DB) RequestNotice(ctx context.Context, id int64) (Notice, error) {
	var n Notice
	var issued string
	err := db.queryRow(ctx, `SELECT id, request_id, kind, number, issued_on, body_html FROM request_notices WHERE id = ?`, id).
		Scan(&n.ID, &n.RequestID, &n.Kind, &n.Number, &issued, &n.BodyHTML)
	if errors.Is(err, sql.ErrNoRows) {
		return n, apperr.New(apperr.NotFound, "告知书不存在")
	}
	n.IssuedOn = parseDate(issued)
	return n, err
}
