package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gongkai/internal/disclosure"
	"gongkai/internal/ledger"
	"gongkai/internal/report"
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

// ReportDraft is what staff write and enter for an annual report.
type ReportDraft struct {
	OrgID        int64
	Year         int
	OverviewHTML string
	ProblemsHTML string
	OtherHTML    string
	Manual       report.Manual
	Published    bool
	PublishedAt  time.Time
	DocumentID   int64
	LockVersion  int
}

// ReportDraftOf returns the staff-written parts of an organisation's report for a year (empty if
// none yet).
func (db *DB) ReportDraftOf(ctx context.Context, orgID int64, year int) (ReportDraft, error) {
	d := ReportDraft{OrgID: orgID, Year: year}
	var manual, published string
	var docID sql.NullInt64
	err := db.queryRow(ctx, `SELECT overview_html, problems_html, other_html, manual, published_at, document_id, lock_version FROM annual_reports
		WHERE org_id = ? AND year = ?`, orgID, year).Scan(&d.OverviewHTML, &d.ProblemsHTML, &d.OtherHTML, &manual, &published, &docID, &d.LockVersion)
	if errors.Is(err, sql.ErrNoRows) {
		return d, nil
	}
	if err != nil {
		return d, fmt.Errorf("store: report draft: %w", err)
	}
	if manual != "" {
		if err := json.Unmarshal([]byte(manual), &d.Manual); err != nil {
			return d, err
		}
	}
	d.PublishedAt, d.Published, d.DocumentID = parseTime(published), published != "", docID.Int64
	return d, nil
}

// ReportInputs gathers the records of an organisation's year for the annual report: its
// applications with the table 三 row of their outcome, their appeals, its 规章 and 行政规范性文件,
// the fees charged, the ledger's results and the staff-written parts.
func (db *DB) ReportInputs(ctx context.Context, orgID int64, year int, now time.Time) (report.Inputs, error) {
	var in report.Inputs
	start, end := fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
	rows, err := db.query(ctx, `SELECT r.id, r.applicant_kind, r.received_on, r.ended_on, COALESCE(p.reply_type, ''), COALESCE(p.reason, '')
		FROM requests r LEFT JOIN request_replies p ON p.request_id = r.id
		WHERE r.org_id = ? AND r.received_on <= ? AND (r.ended_on = '' OR r.ended_on >= ?)`, orgID, end, start)
	if err != nil {
		return in, fmt.Errorf("store: report applications: %w", err)
	}
	var ended []int64
	for rows.Next() {
		var a report.Application
		var received, endedOn, rt, reason string
		if err := rows.Scan(&a.ID, &a.Kind, &received, &endedOn, &rt, &reason); err != nil {
			rows.Close()
			return in, err
		}
		a.ReceivedOn, a.EndedOn = parseDate(received), parseDate(endedOn)
		switch {
		case reason != "":
			a.Row = request.Reason(reason).Row()
		case rt != "":
			a.Row = request.ReplyType(rt).Row()
		case !a.EndedOn.IsZero():
			ended = append(ended, a.ID) // ended without a reply: the row comes from the ending event
		}
		in.Applications = append(in.Applications, a)
	}
	rows.Close()
	if len(ended) > 0 {
		// The ending event decides the row: lapsed correction 三(六)1, unpaid fee 三(六)2, withdrawal 三(六)3.
		rowOf := map[string]string{string(request.EvCorrectionLapsed): "三(六)1", string(request.EvFeeLapsed): "三(六)2", string(request.EvWithdrawn): "三(六)3"}
		for i := range in.Applications {
			a := &in.Applications[i]
			if a.Row != "" || a.EndedOn.IsZero() {
				continue
			}
			var kind string
			if err := db.queryRow(ctx, `SELECT kind FROM request_events WHERE request_id = ? ORDER BY id DESC LIMIT 1`, a.ID).Scan(&kind); err == nil {
				a.Row = rowOf[kind]
			}
		}
	}
	rows, err = db.query(ctx, `SELECT a.id, a.kind, a.filed_on, a.outcome, a.decided_on FROM appeals a JOIN requests r ON r.id = a.request_id
		WHERE r.org_id = ? AND a.filed_on >= ? AND a.filed_on <= ?`, orgID, start, end)
	if err != nil {
		return in, fmt.Errorf("store: report appeals: %w", err)
	}
	for rows.Next() {
		var a report.Appeal
		var filed, decided string
		if err := rows.Scan(&a.ID, &a.Kind, &filed, &a.Outcome, &decided); err != nil {
			rows.Close()
			return in, err
		}
		a.FiledOn, a.DecidedOn = parseDate(filed), parseDate(decided)
		in.Appeals = append(in.Appeals, a)
	}
	rows.Close()
	rows, err = db.query(ctx, `SELECT id, genre, written_on, published_at, validity, expires_on, updated_at FROM documents
		WHERE org_id = ? AND state = 'published' AND genre IN ('rule', 'normative')`, orgID)
	if err != nil {
		return in, fmt.Errorf("store: report documents: %w", err)
	}
	for rows.Next() {
		var d report.Document
		var written, published, expires, updated string
		if err := rows.Scan(&d.ID, &d.Genre, &written, &published, &d.Validity, &expires, &updated); err != nil {
			rows.Close()
			return in, err
		}
		d.WrittenOn, d.PublishedOn, d.ExpiresOn = parseDate(written), workday.DateOf(parseTime(published)), parseDate(expires)
		if d.Validity == disclosure.ValidityRepealed || d.Validity == disclosure.ValidityExpired || d.Validity == disclosure.ValidityAmended {
			d.RepealedOn = workday.DateOf(parseTime(updated)) // the change of validity was the document's last change
		}
		in.Documents = append(in.Documents, d)
	}
	rows.Close()
	// Fees: the notices paid this year, with their amounts.
	rows, err = db.query(ctx, `SELECT n.amount_fen FROM request_events n JOIN requests r ON r.id = n.request_id
		WHERE r.org_id = ? AND n.kind = 'fee_notice' AND EXISTS (SELECT 1 FROM request_events p WHERE p.request_id = n.request_id
		AND p.kind = 'fee_paid' AND p.on_date >= ? AND p.on_date <= ?)`, orgID, start, end)
	if err != nil {
		return in, fmt.Errorf("store: report fees: %w", err)
	}
	for rows.Next() {
		var fen int64
		if err := rows.Scan(&fen); err != nil {
			rows.Close()
			return in, err
		}
		in.Fees.Count++
		in.Fees.AmountFen += fen
	}
	rows.Close()
	tasks, err := db.Tasks(ctx, TaskFilter{OrgIDs: []int64{orgID}, Year: year})
	if err != nil {
		return in, err
	}
	progress := map[int64][]ledger.Progress{}
	for _, t := range tasks {
		if progress[t.ID], err = db.Progress(ctx, t.ID); err != nil {
			return in, err
		}
	}
	facts := ledger.YearEndReview(tasks, progress, year, now).ReportFacts()
	in.Ledger = report.LedgerFacts{Tasks: facts.Tasks, Done: facts.Done, Overdue: facts.Overdue}
	for _, it := range facts.Items {
		in.Ledger.Items = append(in.Ledger.Items, report.LedgerItem(it))
	}
	draft, err := db.ReportDraftOf(ctx, orgID, year)
	if err != nil {
		return in, err
	}
	in.Manual, in.Overview, in.Problems, in.OtherText = draft.Manual, draft.OverviewHTML, draft.ProblemsHTML, draft.OtherHTML
	return in, nil
}

// AnnualReport computes an organisation's report for a year from its records.
func (db *DB) AnnualReport(ctx context.Context, orgID int64, year int) (report.Report, error) {
	o, err := db.Org(ctx, orgID)
	if err != nil {
		return report.Report{}, err
	}
	in, err := db.ReportInputs(ctx, orgID, year, db.Now())
	if err != nil {
		return report.Report{}, err
	}
	return report.Compute(o.Name, year, in), nil
}
