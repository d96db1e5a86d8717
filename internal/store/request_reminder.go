package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

// Reminders before a due date (request.DueReminder): the job records them once per
// application, kind and due date for the handlers of the receiving organisation; each handler
// reads them in the console or through the API and marks them read.

// RequestReminder is a reminder as a handler sees it.
type RequestReminder struct {
	ID        int64
	RequestID int64
	OrgID     int64
	Number    string // the application's number
	InfoName  string
	Kind      request.ReminderKind
	DueOn     workday.Date
	DaysLeft  int
	Message   string
	CreatedOn workday.Date
	CreatedAt time.Time
	Read      bool // by the handler asking
}

// RecordRequestReminders computes the clock of every open application on c.Today and records
// the reminder it calls for, once (a job, run with the clock-refreshing job). It returns how
// many reminders it recorded. An application whose clock cannot be computed is skipped, as in
// RefreshRequestClocks.
func (db *DB) RecordRequestReminders(ctx context.Context, c Clocking) (int, error) {
	rows, err := db.query(ctx, `SELECT id, org_id FROM requests WHERE status <> 'ended' ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("store: open requests: %w", err)
	}
	type open struct{ id, org int64 }
	var reqs []open
	for rows.Next() {
		var o open
		if err := rows.Scan(&o.id, &o.org); err != nil {
			rows.Close()
			return 0, fmt.Errorf("store: open requests: %w", err)
		}
		reqs = append(reqs, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("store: open requests: %w", err)
	}
	n := 0
	for _, o := range reqs {
		clock, err := db.RequestClock(ctx, o.id, c)
		if err != nil {
			continue
		}
		r, ok := request.DueReminder(c.Policy, clock)
		if !ok {
			continue
		}
		err = db.write(ctx, func(t *Tx) error {
			res, err := t.exec(ctx, `INSERT INTO request_reminders (request_id, org_id, kind, due_on, days_left, message, created_on, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id, kind, due_on) DO NOTHING`,
				o.id, o.org, r.Kind, fmtDate(r.Due), r.Left, r.Message(), fmtDate(c.Today), fmtTime(t.now))
			if err != nil {
				return fmt.Errorf("store: insert reminder: %w", err)
			}
			if k, _ := res.RowsAffected(); k == 1 {
				n++
			}
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// ReminderFilter selects a handler's reminders.
type ReminderFilter struct {
	Unread bool // only those the handler has not marked read
	Limit  int  // default 100, at most 500
}

// remindersFor is the organisation whose reminders p may read: its handlers' own (nobody
// else's; supervisors see overdue applications across their subtree on the lists instead).
func remindersFor(p *org.Principal) (int64, error) {
	if p == nil || !p.User.Active || !p.User.Role.Can(org.PermHandleRequest) {
		return 0, apperr.New(apperr.Forbidden, "只有依申请公开办理员可以查看到期提醒")
	}
	return p.User.OrgID, nil
}

// RequestReminders lists the reminders of p's organisation, newest first, with whether p has
// read each. Only handlers may.
func (db *DB) RequestReminders(ctx context.Context, p *org.Principal, f ReminderFilter) ([]RequestReminder, error) {
	orgID, err := remindersFor(p)
	if err != nil {
		return nil, err
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	q := `SELECT m.id, m.request_id, m.org_id, r.number, r.info_name, m.kind, m.due_on, m.days_left, m.message, m.created_on, m.created_at,
		CASE WHEN d.user_id IS NULL THEN 0 ELSE 1 END
		FROM request_reminders m JOIN requests r ON r.id = m.request_id
		LEFT JOIN request_reminder_reads d ON d.reminder_id = m.id AND d.user_id = ?
		WHERE m.org_id = ?`
	if f.Unread {
		q += ` AND d.user_id IS NULL`
	}
	q += ` ORDER BY m.id DESC LIMIT ` + strconv.Itoa(f.Limit)
	rows, err := db.query(ctx, q, p.User.ID, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: reminders: %w", err)
	}
	defer rows.Close()
	out := []RequestReminder{}
	for rows.Next() {
		var m RequestReminder
		var due, on, at string
		var read int
		if err := rows.Scan(&m.ID, &m.RequestID, &m.OrgID, &m.Number, &m.InfoName, &m.Kind, &due, &m.DaysLeft, &m.Message, &on, &at, &read); err != nil {
			return nil, fmt.Errorf("store: reminders: %w", err)
		}
		m.DueOn, m.CreatedOn, m.CreatedAt, m.Read = parseDate(due), parseDate(on), parseTime(at), read == 1
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reminders: %w", err)
	}
	return out, nil
}

// UnreadReminderCount counts the reminders of p's organisation that p has not read (0 for
// anyone but a handler).
func (db *DB) UnreadReminderCount(ctx context.Context, p *org.Principal) (int, error) {
	orgID, err := remindersFor(p)
	if err != nil {
		return 0, nil
	}
	var n int
	err = db.queryRow(ctx, `SELECT COUNT(*) FROM request_reminders m
		WHERE m.org_id = ? AND NOT EXISTS (SELECT 1 FROM request_reminder_reads d WHERE d.reminder_id = m.id AND d.user_id = ?)`,
		orgID, p.User.ID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unread reminders: %w", err)
	}
	return n, nil
}

// MarkRemindersRead marks reminders of p's organisation read for p: those listed, or all of
// them when ids is empty. Reminders of other organisations are ignored. It returns how many
// were newly marked.
func (db *DB) MarkRemindersRead(ctx context.Context, p *org.Principal, ids []int64) (int, error) {
	orgID, err := remindersFor(p)
	if err != nil {
		return 0, err
	}
	if len(ids) > 500 {
		return 0, apperr.New(apperr.Invalid, "一次最多标记500条提醒").OnField("ids")
	}
	n := 0
	err = db.write(ctx, func(t *Tx) error {
		q := `INSERT INTO request_reminder_reads (reminder_id, user_id, read_at)
			SELECT m.id, ?, ? FROM request_reminders m WHERE m.org_id = ?`
		args := []any{p.User.ID, fmtTime(t.now), orgID}
		if len(ids) > 0 {
			q += ` AND m.id IN (` + placeholders(len(ids)) + `)`
			for _, id := range ids {
				args = append(args, id)
			}
		}
		q += ` ON CONFLICT (reminder_id, user_id) DO NOTHING`
		res, err := t.exec(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store: mark reminders read: %w", err)
		}
		k, _ := res.RowsAffected()
		n = int(k)
		return nil
	})
	return n, err
}
