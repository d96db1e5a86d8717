package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/workday"
)

// Reads for the supervision pages of the console (annual report, roll-up, dashboard): the issued
// annual report, the applications behind table 四's appeals, and monthly activity.

// ReportDeadline is the day by which an organisation publishes its annual report for a year:
// 31 January of the next year for departments and institutions, 31 March for governments
// (条例 Art. 49).
func ReportDeadline(o org.Org, year int) workday.Date {
	d := workday.Date{Year: year + 1, Month: time.January, Day: 31}
	if o.Kind == org.KindGovernment {
		d.Month = time.March
	}
	return d
}

// PublishedReportJSON returns the annual report as published (report.JSON at the time of
// publication), or apperr.NotFound if the organisation has not published its report for the year.
func (db *DB) PublishedReportJSON(ctx context.Context, orgID int64, year int) ([]byte, error) {
	var js, published string
	err := db.queryRow(ctx, `SELECT published_json, published_at FROM annual_reports WHERE org_id = ? AND year = ?`, orgID, year).Scan(&js, &published)
	if errors.Is(err, sql.ErrNoRows) || err == nil && (published == "" || js == "") {
		return nil, apperr.New(apperr.NotFound, "该年度报告尚未发布")
	}
	if err != nil {
		return nil, fmt.Errorf("store: published report: %w", err)
	}
	return []byte(js), nil
}

// AppealRequests maps appeal ids to the ids of the applications they are about (unknown ids are
// left out).
func (db *DB) AppealRequests(ctx context.Context, appealIDs []int64) (map[int64]int64, error) {
	out := make(map[int64]int64, len(appealIDs))
	for start := 0; start < len(appealIDs); start += 500 {
		chunk := appealIDs[start:min(start+500, len(appealIDs))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := db.query(ctx, `SELECT id, request_id FROM appeals WHERE id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: appeal requests: %w", err)
		}
		for rows.Next() {
			var id, req int64
			if err := rows.Scan(&id, &req); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = req
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RequestActivity counts the applications of the organisations received, and the replies made
// to them, per month ("2026-01") from a date on.
func (db *DB) RequestActivity(ctx context.Context, orgIDs []int64, from workday.Date) (received, replied map[string]int, err error) {
	received, replied = map[string]int{}, map[string]int{}
	if len(orgIDs) == 0 {
		return received, replied, nil
	}
	args := make([]any, 0, len(orgIDs)+1)
	for _, id := range orgIDs {
		args = append(args, id)
	}
	args = append(args, fmtDate(from))
	in := `org_id IN (` + placeholders(len(orgIDs)) + `)`
	for _, q := range []struct {
		sql string
		out map[string]int
	}{
		{`SELECT substr(received_on, 1, 7), COUNT(*) FROM requests WHERE ` + in + ` AND received_on >= ? GROUP BY substr(received_on, 1, 7)`, received},
		{`SELECT substr(p.replied_on, 1, 7), COUNT(*) FROM request_replies p JOIN requests r ON r.id = p.request_id
			WHERE r.` + in + ` AND p.replied_on >= ? GROUP BY substr(p.replied_on, 1, 7)`, replied},
	} {
		rows, err := db.query(ctx, q.sql, args...)
		if err != nil {
			return nil, nil, fmt.Errorf("store: request activity: %w", err)
		}
		for rows.Next() {
			var month string
			var n int
			if err := rows.Scan(&month, &n); err != nil {
				rows.Close()
				return nil, nil, err
			}
			q.out[month] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	return received, replied, nil
}

// UrgentRequestCounts counts, per organisation, the open applications past their due date
// (overdue: due before today) and those due from today to soonUntil (due soon), in one query
// whatever their number. It reads the status and due date that every step of an application and
// the clock job (RefreshRequestClocks) keep; paused applications are neither. The lists behind
// the numbers are Requests with the same filters (RequestFilter.Urgency).
func (db *DB) UrgentRequestCounts(ctx context.Context, orgIDs []int64, today, soonUntil workday.Date) (overdue, soon map[int64]int, err error) {
	overdue, soon = map[int64]int{}, map[int64]int{}
	if len(orgIDs) == 0 {
		return overdue, soon, nil
	}
	args := []any{fmtDate(today), fmtDate(today)}
	for _, id := range orgIDs {
		args = append(args, id)
	}
	args = append(args, fmtDate(soonUntil))
	rows, err := db.query(ctx, `SELECT org_id, SUM(CASE WHEN due_on < ? THEN 1 ELSE 0 END), SUM(CASE WHEN due_on >= ? THEN 1 ELSE 0 END)
		FROM requests WHERE org_id IN (`+placeholders(len(orgIDs))+`) AND status NOT IN ('ended', 'paused') AND due_on <> '' AND due_on <= ?
		GROUP BY org_id`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: urgent requests: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var o, s int
		if err := rows.Scan(&id, &o, &s); err != nil {
			return nil, nil, fmt.Errorf("store: urgent requests: %w", err)
		}
		if o > 0 {
			overdue[id] = o
		}
		if s > 0 {
			soon[id] = s
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: urgent requests: %w", err)
	}
	return overdue, soon, nil
}

// UninterpretedDocuments lists the published documents of the organisations, of the genres,
// that no published interpretation is related to ("解读" relation), newest first, in one query.
func (db *DB) UninterpretedDocuments(ctx context.Context, orgIDs []int64, genres []disclosure.Genre) ([]disclosure.Document, error) {
	if len(orgIDs) == 0 || len(genres) == 0 {
		return nil, nil
	}
	var args []any
	for _, id := range orgIDs {
		args = append(args, id)
	}
	for _, g := range genres {
		args = append(args, g)
	}
	args = append(args, disclosure.RelInterprets, disclosure.RelInterprets)
	rows, err := db.query(ctx, `SELECT `+documentColumns+` FROM documents d
		WHERE d.org_id IN (`+placeholders(len(orgIDs))+`) AND d.state = 'published' AND d.genre IN (`+placeholders(len(genres))+`)
		AND NOT EXISTS (SELECT 1 FROM document_relations r JOIN documents i ON i.id = r.from_id WHERE r.to_id = d.id AND r.kind = ? AND i.state = 'published')
		AND NOT EXISTS (SELECT 1 FROM document_relations r JOIN documents i ON i.id = r.to_id WHERE r.from_id = d.id AND r.kind = ? AND i.state = 'published')
		ORDER BY d.published_at DESC, d.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: uninterpreted documents: %w", err)
	}
	defer rows.Close()
	var out []disclosure.Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("store: uninterpreted documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
