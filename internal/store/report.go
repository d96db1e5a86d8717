package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/ledger"
	"gongkai/internal/org"
	"gongkai/internal/report"
	"gongkai/internal/request"
	"gongkai/internal/richtext"
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
	drafts, err := db.reportDrafts(ctx, orgScope(orgID), year)
	if err != nil {
		return ReportDraft{}, err
	}
	if d, ok := drafts[orgID]; ok {
		return d, nil
	}
	return ReportDraft{OrgID: orgID, Year: year}, nil
}

// reportScope selects the organisations whose records a report reads: one organisation, or a
// subtree (for the roll-up, so that every query runs once for the whole area).
type reportScope struct {
	subtree bool
	arg     any // the organisation's id, or the subtree root's path
}

func orgScope(orgID int64) reportScope      { return reportScope{arg: orgID} }
func subtreeScope(root org.Org) reportScope { return reportScope{subtree: true, arg: root.Path + "%"} }

// on is the condition that the organisation column col is in the scope, with one ? for arg.
func (s reportScope) on(col string) string {
	if s.subtree {
		return col + ` IN (SELECT id FROM orgs WHERE path LIKE ?)`
	}
	return col + ` = ?`
}

// reportDrafts returns the drafts of the organisations of the scope for a year, by organisation.
func (db *DB) reportDrafts(ctx context.Context, s reportScope, year int) (map[int64]ReportDraft, error) {
	rows, err := db.query(ctx, `SELECT org_id, overview_html, problems_html, other_html, manual, published_at, document_id, lock_version FROM annual_reports
		WHERE `+s.on("org_id")+` AND year = ?`, s.arg, year)
	if err != nil {
		return nil, fmt.Errorf("store: report drafts: %w", err)
	}
	defer rows.Close()
	out := map[int64]ReportDraft{}
	for rows.Next() {
		d := ReportDraft{Year: year}
		var manual, published string
		var docID sql.NullInt64
		if err := rows.Scan(&d.OrgID, &d.OverviewHTML, &d.ProblemsHTML, &d.OtherHTML, &manual, &published, &docID, &d.LockVersion); err != nil {
			return nil, fmt.Errorf("store: report draft: %w", err)
		}
		if manual != "" {
			if err := json.Unmarshal([]byte(manual), &d.Manual); err != nil {
				return nil, fmt.Errorf("store: report draft %d/%d: %w", d.OrgID, year, err)
			}
		}
		d.PublishedAt, d.Published, d.DocumentID = parseTime(published), published != "", docID.Int64
		out[d.OrgID] = d
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: report drafts: %w", err)
	}
	return out, nil
}

// ReportInputs gathers the records of an organisation's year for the annual report: its
// applications with the table 三 row of their outcome, their appeals, its 规章 and 行政规范性文件,
// the fees charged, the ledger's results and the staff-written parts.
func (db *DB) ReportInputs(ctx context.Context, orgID int64, year int, now time.Time) (report.Inputs, error) {
	all, err := db.reportInputs(ctx, orgScope(orgID), []int64{orgID}, year, now)
	if err != nil {
		return report.Inputs{}, err
	}
	return *all[orgID], nil
}

// reportInputs gathers the report inputs of every organisation of the scope (ids lists them) with
// one query per kind of record, whatever the number of organisations.
func (db *DB) reportInputs(ctx context.Context, s reportScope, ids []int64, year int, now time.Time) (map[int64]*report.Inputs, error) {
	out := make(map[int64]*report.Inputs, len(ids))
	for _, id := range ids {
		out[id] = &report.Inputs{}
	}
	of := func(orgID int64) *report.Inputs {
		in := out[orgID]
		if in == nil { // an organisation created since ids was read
			in = &report.Inputs{}
			out[orgID] = in
		}
		return in
	}
	start, end := fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
	// each runs a query and scans its rows with scan; the rows are closed and their error checked.
	each := func(what, q string, args []any, scan func(*sql.Rows) error) error {
		rows, err := db.query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store: report %s: %w", what, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return fmt.Errorf("store: report %s: %w", what, err)
			}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: report %s: %w", what, err)
		}
		return nil
	}
	// Applications open at some time in the year, with the row of their reply.
	type ref struct{ org, i int64 }
	endedWithoutReply := map[int64]ref{}
	err := each("applications", `SELECT r.org_id, r.id, r.applicant_kind, r.received_on, r.ended_on, COALESCE(p.reply_type, ''), COALESCE(p.reason, '')
		FROM requests r LEFT JOIN request_replies p ON p.request_id = r.id
		WHERE `+s.on("r.org_id")+` AND r.received_on <= ? AND (r.ended_on = '' OR r.ended_on >= ?)`, []any{s.arg, end, start}, func(rows *sql.Rows) error {
		var orgID int64
		var a report.Application
		var received, endedOn, rt, reason string
		if err := rows.Scan(&orgID, &a.ID, &a.Kind, &received, &endedOn, &rt, &reason); err != nil {
			return err
		}
		a.ReceivedOn, a.EndedOn = parseDate(received), parseDate(endedOn)
		switch {
		case rt != "":
			// A correction request's outcome (Art. 41) is counted under 三(六)3: LEGAL.md §3 is
			// silent on such requests (see request/correction.go).
			a.Row = request.Reply{Type: request.ReplyType(rt), Reason: request.Reason(reason)}.Row()
		case reason != "":
			a.Row = request.Reason(reason).Row()
		case !a.EndedOn.IsZero():
			endedWithoutReply[a.ID] = ref{orgID, int64(len(of(orgID).Applications))} // the row comes from the ending event
		}
		in := of(orgID)
		in.Applications = append(in.Applications, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(endedWithoutReply) > 0 {
		// The ending event decides the row: lapsed correction 三(六)1, unpaid fee 三(六)2, withdrawal
		// 三(六)3. Nothing follows an ending event, so an application has at most one of them.
		rowOf := map[string]string{string(request.EvCorrectionLapsed): "三(六)1", string(request.EvFeeLapsed): "三(六)2", string(request.EvWithdrawn): "三(六)3"}
		err := each("ending events", `SELECT e.request_id, e.kind FROM request_events e JOIN requests r ON r.id = e.request_id
			WHERE `+s.on("r.org_id")+` AND e.kind IN ('correction_lapsed', 'fee_lapsed', 'withdrawn') AND r.ended_on >= ? ORDER BY e.id`,
			[]any{s.arg, start}, func(rows *sql.Rows) error {
				var id int64
				var kind string
				if err := rows.Scan(&id, &kind); err != nil {
					return err
				}
				if at, ok := endedWithoutReply[id]; ok {
					out[at.org].Applications[at.i].Row = rowOf[kind]
				}
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	err = each("appeals", `SELECT r.org_id, a.id, a.kind, a.filed_on, a.outcome, a.decided_on FROM appeals a JOIN requests r ON r.id = a.request_id
		WHERE `+s.on("r.org_id")+` AND a.filed_on >= ? AND a.filed_on <= ?`, []any{s.arg, start, end}, func(rows *sql.Rows) error {
		var orgID int64
		var a report.Appeal
		var filed, decided string
		if err := rows.Scan(&orgID, &a.ID, &a.Kind, &filed, &a.Outcome, &decided); err != nil {
			return err
		}
		a.FiledOn, a.DecidedOn = parseDate(filed), parseDate(decided)
		in := of(orgID)
		in.Appeals = append(in.Appeals, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each("documents", `SELECT org_id, id, genre, written_on, published_at, validity, expires_on, updated_at FROM documents
		WHERE `+s.on("org_id")+` AND state = 'published' AND genre IN ('rule', 'normative')`, []any{s.arg}, func(rows *sql.Rows) error {
		var orgID int64
		var d report.Document
		var written, published, expires, updated string
		if err := rows.Scan(&orgID, &d.ID, &d.Genre, &written, &published, &d.Validity, &expires, &updated); err != nil {
			return err
		}
		d.WrittenOn, d.PublishedOn, d.ExpiresOn = parseDate(written), workday.DateOf(parseTime(published)), parseDate(expires)
		if d.Validity == disclosure.ValidityRepealed || d.Validity == disclosure.ValidityExpired || d.Validity == disclosure.ValidityAmended {
			d.RepealedOn = workday.DateOf(parseTime(updated)) // the change of validity was the document's last change
		}
		in := of(orgID)
		in.Documents = append(in.Documents, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Fees: the notices paid this year, with their amounts.
	err = each("fees", `SELECT r.org_id, n.amount_fen FROM request_events n JOIN requests r ON r.id = n.request_id
		WHERE `+s.on("r.org_id")+` AND n.kind = 'fee_notice' AND EXISTS (SELECT 1 FROM request_events p WHERE p.request_id = n.request_id
		AND p.kind = 'fee_paid' AND p.on_date >= ? AND p.on_date <= ?)`, []any{s.arg, start, end}, func(rows *sql.Rows) error {
		var orgID, fen int64
		if err := rows.Scan(&orgID, &fen); err != nil {
			return err
		}
		in := of(orgID)
		in.Fees.Count++
		in.Fees.AmountFen += fen
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The ledger: the tasks of the year that each organisation leads or shares, reviewed.
	tasks, err := db.Tasks(ctx, TaskFilter{Year: year})
	if err != nil {
		return nil, err
	}
	progress, err := db.progressOfYear(ctx, year)
	if err != nil {
		return nil, err
	}
	tasksOf := map[int64][]ledger.Task{}
	for _, t := range tasks {
		for _, id := range append([]int64{t.OwnerOrgID}, t.CoOwnerOrgIDs...) {
			if _, ok := out[id]; ok && !slices.ContainsFunc(tasksOf[id], func(x ledger.Task) bool { return x.ID == t.ID }) {
				tasksOf[id] = append(tasksOf[id], t)
			}
		}
	}
	drafts, err := db.reportDrafts(ctx, s, year)
	if err != nil {
		return nil, err
	}
	for orgID, in := range out {
		facts := ledger.YearEndReview(tasksOf[orgID], progress, year, now).ReportFacts()
		in.Ledger = report.LedgerFacts{Tasks: facts.Tasks, Done: facts.Done, Overdue: facts.Overdue}
		for _, it := range facts.Items {
			in.Ledger.Items = append(in.Ledger.Items, report.LedgerItem(it))
		}
		d := drafts[orgID]
		in.Manual, in.Overview, in.Problems, in.OtherText = d.Manual, d.OverviewHTML, d.ProblemsHTML, d.OtherHTML
	}
	return out, nil
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

// SaveReportDraft stores the staff-written parts and entered cells of a report. Only the
// organisation's admin may; lockVersion guards against overwriting another's edit.
func (db *DB) SaveReportDraft(ctx context.Context, p *org.Principal, d ReportDraft) error {
	if p == nil || !p.CanWrite(p.Org, org.PermManageOrg) || p.Org.ID != d.OrgID {
		return apperr.New(apperr.Forbidden, "只有本机关管理员可以编写年度报告")
	}
	if d.Year < 2019 || d.Year > 2100 {
		return apperr.New(apperr.Invalid, "年度不合理").OnField("year")
	}
	d.OverviewHTML, d.ProblemsHTML, d.OtherHTML = richtext.Sanitize(d.OverviewHTML), richtext.Sanitize(d.ProblemsHTML), richtext.Sanitize(d.OtherHTML)
	manual, _ := json.Marshal(d.Manual)
	return db.write(ctx, func(t *Tx) error {
		var lock int
		var published string
		err := t.queryRow(ctx, `SELECT lock_version, published_at FROM annual_reports WHERE org_id = ? AND year = ?`, d.OrgID, d.Year).Scan(&lock, &published)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := t.exec(ctx, `INSERT INTO annual_reports (org_id, year, overview_html, problems_html, other_html, manual, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				d.OrgID, d.Year, d.OverviewHTML, d.ProblemsHTML, d.OtherHTML, string(manual), fmtTime(t.now)); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if published != "" {
				return apperr.New(apperr.Conflict, "该年度报告已发布，不能再修改")
			}
			if d.LockVersion != 0 && d.LockVersion != lock {
				return apperr.New(apperr.StaleVersion, "年度报告已被他人修改，请刷新后重试")
			}
			if _, err := t.exec(ctx, `UPDATE annual_reports SET overview_html = ?, problems_html = ?, other_html = ?, manual = ?, lock_version = lock_version + 1,
				updated_at = ? WHERE org_id = ? AND year = ?`, d.OverviewHTML, d.ProblemsHTML, d.OtherHTML, string(manual), fmtTime(t.now), d.OrgID, d.Year); err != nil {
				return err
			}
		}
		return t.record(ctx, actorOf(p), d.OrgID, "report.draft", "annual_report", int64(d.Year), nil, d, strconv.Itoa(d.Year))
	})
}

// PublishAnnualReport checks the report and, if no check fails, publishes it in the
// organisation's 政府信息公开年报 column as a document and keeps the issued tables.
func (db *DB) PublishAnnualReport(ctx context.Context, p *org.Principal, orgID int64, year int) (disclosure.Document, error) {
	if p == nil || p.Org.ID != orgID || !p.CanWrite(p.Org, org.PermManageOrg) {
		return disclosure.Document{}, apperr.New(apperr.Forbidden, "只有本机关管理员可以发布年度报告")
	}
	draft, err := db.ReportDraftOf(ctx, orgID, year)
	if err != nil {
		return disclosure.Document{}, err
	}
	if draft.Published {
		return disclosure.Document{}, apperr.New(apperr.Conflict, "该年度报告已发布")
	}
	r, err := db.AnnualReport(ctx, orgID, year)
	if err != nil {
		return disclosure.Document{}, err
	}
	var last *report.Report
	if prev, err := db.AnnualReport(ctx, orgID, year-1); err == nil {
		last = &prev
	}
	if err := report.Publishable(report.Check(r, last)); err != nil {
		return disclosure.Document{}, err
	}
	snapshot, err := report.JSON(r)
	if err != nil {
		return disclosure.Document{}, err
	}
	today := workday.DateOf(db.Now())
	doc, err := db.CreateDocument(ctx, nil, orgID, disclosure.Fields{Title: r.Title(), Genre: disclosure.GenreAnnualReport, Topic: "综合政务\\政务公开",
		WrittenOn: today, MadeOn: today, BodyHTML: string(report.HTML(r))})
	if err != nil {
		return doc, err
	}
	for _, a := range []disclosure.Action{disclosure.ActionSubmit, disclosure.ActionApprove, disclosure.ActionPublish} {
		if doc, err = db.Transition(ctx, nil, doc.ID, TransitionInput{Action: a}); err != nil {
			return doc, err
		}
	}
	err = db.write(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, `INSERT INTO annual_reports (org_id, year, updated_at) VALUES (?, ?, ?) ON CONFLICT (org_id, year) DO NOTHING`, orgID, year, fmtTime(t.now)); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE annual_reports SET published_json = ?, published_at = ?, document_id = ?, updated_at = ? WHERE org_id = ? AND year = ?`,
			string(snapshot), fmtTime(t.now), doc.ID, fmtTime(t.now), orgID, year); err != nil {
			return err
		}
		return t.record(ctx, actorOf(p), orgID, "report.publish", "annual_report", int64(year), nil, map[string]any{"document": doc.ID}, r.Title())
	})
	return doc, err
}

// RollupRow is one organisation of an area with its report and publication status.
type RollupRow struct {
	Org         org.Org
	Report      report.Report
	PublishedAt time.Time
	Deadline    workday.Date // 31 January for departments and institutions, 31 March for governments
	OnTime      bool
}

// Rollup computes the reports of every organisation in root's subtree for a year, their sum,
// and who has published by the deadline. The records of the whole subtree are read with one
// query per kind of record, not one set of queries per organisation.
func (db *DB) Rollup(ctx context.Context, root org.Org, year int) (report.Report, []RollupRow, error) {
	orgs, err := db.Orgs(ctx)
	if err != nil {
		return report.Report{}, nil, err
	}
	var subtree []org.Org
	var ids []int64
	for _, o := range orgs {
		if o.InSubtreeOf(root) {
			subtree = append(subtree, o)
			ids = append(ids, o.ID)
		}
	}
	s := subtreeScope(root)
	inputs, err := db.reportInputs(ctx, s, ids, year, db.Now())
	if err != nil {
		return report.Report{}, nil, err
	}
	drafts, err := db.reportDrafts(ctx, s, year)
	if err != nil {
		return report.Report{}, nil, err
	}
	rows := make([]RollupRow, 0, len(subtree))
	reports := make([]report.Report, 0, len(subtree))
	for _, o := range subtree {
		r := report.Compute(o.Name, year, *inputs[o.ID])
		draft := drafts[o.ID]
		row := RollupRow{Org: o, Report: r, PublishedAt: draft.PublishedAt, Deadline: ReportDeadline(o, year)}
		row.OnTime = draft.Published && !workday.DateOf(draft.PublishedAt).After(row.Deadline)
		rows = append(rows, row)
		reports = append(reports, r)
	}
	sum, _ := report.Aggregate(root.Name+"（含所属部门和下级政府）", year, reports)
	return sum, rows, nil
}
