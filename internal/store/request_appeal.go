package store

import (
	"context"
	"fmt"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

// requireHandler checks that p handles applications of the organisation that received id.
func (t *Tx) requireHandler(ctx context.Context, p *org.Principal, id int64) (int64, error) {
	var orgID int64
	if err := t.queryRow(ctx, `SELECT org_id FROM requests WHERE id = ?`, id).Scan(&orgID); err != nil {
		return 0, apperr.New(apperr.NotFound, "申请不存在")
	}
	if p == nil || p.User.OrgID != orgID || !p.User.Role.Can(org.PermHandleRequest) || !p.User.Active {
		return 0, apperr.New(apperr.Forbidden, "只有受理机关的办理人员可以办理该申请")
	}
	return orgID, nil
}

// AddAppeal records an administrative review or a court case against an application's reply.
func (db *DB) AddAppeal(ctx context.Context, p *org.Principal, a request.Appeal) (request.Appeal, error) {
	if a.Outcome == "" {
		a.Outcome = request.OutcomePending
	}
	err := db.write(ctx, func(t *Tx) error {
		orgID, err := t.requireHandler(ctx, p, a.RequestID)
		if err != nil {
			return err
		}
		var replied string
		if err := t.queryRow(ctx, `SELECT COALESCE(MAX(replied_on), '') FROM request_replies WHERE request_id = ?`, a.RequestID).Scan(&replied); err != nil {
			return err
		}
		if err := request.ValidateAppeal(a, parseDate(replied)); err != nil {
			return err
		}
		a.ID, err = t.insertID(ctx, `INSERT INTO appeals (request_id, kind, filed_on, outcome, decided_on, note, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.RequestID, a.Kind, fmtDate(a.FiledOn), a.Outcome, fmtDate(a.DecidedOn), a.Note, p.User.ID,
			fmtTime(t.now), fmtTime(t.now))
		if err != nil {
			return err
		}
		return t.record(ctx, actorOf(p), orgID, "request.appeal", "request", a.RequestID, nil, a, string(a.Kind))
	})
	return a, err
}

// DecideAppeal records the outcome of an appeal.
func (db *DB) DecideAppeal(ctx context.Context, p *org.Principal, appealID int64, outcome request.AppealOutcome, decidedOn workday.Date, note string) error {
	return db.write(ctx, func(t *Tx) error {
		var a request.Appeal
		var filed string
		if err := t.queryRow(ctx, `SELECT request_id, kind, filed_on FROM appeals WHERE id = ?`, appealID).Scan(&a.RequestID, &a.Kind, &filed); err != nil {
			return apperr.New(apperr.NotFound, "复议或诉讼记录不存在")
		}
		orgID, err := t.requireHandler(ctx, p, a.RequestID)
		if err != nil {
			return err
		}
		var replied string
		if err := t.queryRow(ctx, `SELECT COALESCE(MAX(replied_on), '') FROM request_replies WHERE request_id = ?`, a.RequestID).Scan(&replied); err != nil {
			return err
		}
		a.ID, a.FiledOn, a.Outcome, a.DecidedOn, a.Note = appealID, parseDate(filed), outcome, decidedOn, note
		if err := request.ValidateAppeal(a, parseDate(replied)); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE appeals SET outcome = ?, decided_on = ?, note = ?, updated_at = ? WHERE id = ?`,
			outcome, fmtDate(decidedOn), note, fmtTime(t.now), appealID); err != nil {
			return err
		}
		return t.record(ctx, actorOf(p), orgID, "request.appeal_decided", "request", a.RequestID, nil, a, string(outcome))
	})
}

// Appeals lists an application's appeals.
func (db *DB) Appeals(ctx context.Context, requestID int64) ([]request.Appeal, error) {
	rows, err := db.query(ctx, `SELECT id, request_id, kind, filed_on, outcome, decided_on, note FROM appeals WHERE request_id = ? ORDER BY id`, requestID)
	if err != nil {
		return nil, fmt.Errorf("store: appeals: %w", err)
	}
	defer rows.Close()
	var out []request.Appeal
	for rows.Next() {
		var a request.Appeal
		var filed, decided string
		if err := rows.Scan(&a.ID, &a.RequestID, &a.Kind, &filed, &a.Outcome, &decided, &a.Note); err != nil {
			return nil, err
		}
		a.FiledOn, a.DecidedOn = parseDate(filed), parseDate(decided)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Case is an anonymised application and reply published for guidance (案例指导).
type Case struct {
	ID          int64
	RequestID   int64
	OrgID       int64
	Title       string
	ReplyType   request.ReplyType
	Reason      request.Reason
	Summary     string
	PublishedAt string
}

// PublishCase publishes an answered application as a guidance case. The handler writes the
// anonymised title and summary; the store refuses text that still holds the applicant's name,
// identity number or phone.
func (db *DB) PublishCase(ctx context.Context, p *org.Principal, requestID int64, title, summary string) (Case, error) {
	c := Case{RequestID: requestID, Title: strings.TrimSpace(title), Summary: strings.TrimSpace(summary)}
	if c.Title == "" || c.Summary == "" || len([]rune(c.Title)) > 100 || len([]rune(c.Summary)) > 5000 {
		return c, apperr.New(apperr.Invalid, "请填写案例标题（不超过100字）和案情摘要（不超过5000字）").OnField("title")
	}
	applicant, err := db.RequestApplicant(ctx, p, requestID)
	if err != nil {
		return c, err
	}
	for _, personal := range []string{applicant.Name, applicant.ID.Number, applicant.Phone, applicant.Email} {
		if personal = strings.TrimSpace(personal); len([]rune(personal)) >= 2 && (strings.Contains(c.Title, personal) || strings.Contains(c.Summary, personal)) {
			return c, apperr.New(apperr.Invalid, "案例中仍含有申请人的姓名、证件号码或联系方式，请先做匿名化处理").OnField("summary")
		}
	}
	// A third party consulted under Art. 32 is not to be named in public either.
	events, err := db.RequestEvents(ctx, requestID)
	if err != nil {
		return c, err
	}
	for _, e := range events {
		if party := strings.TrimSpace(e.Party); e.Kind == request.EvThirdPartyStart && len([]rune(party)) >= 2 &&
			(strings.Contains(c.Title, party) || strings.Contains(c.Summary, party)) {
			return c, apperr.New(apperr.Invalid, "案例中含有被征求意见的第三方的名称，请先做匿名化处理").OnField("summary")
		}
	}
	sr, found, err := db.RequestReply(ctx, requestID)
	if err != nil {
		return c, err
	}
	if !found {
		return c, apperr.New(apperr.Invalid, "只能把已答复的申请发布为案例").OnField("title")
	}
	c.ReplyType, c.Reason = sr.Reply.Type, sr.Reply.Reason
	err = db.write(ctx, func(t *Tx) error {
		orgID, err := t.requireHandler(ctx, p, requestID)
		if err != nil {
			return err
		}
		c.OrgID, c.PublishedAt = orgID, fmtTime(t.now)
		c.ID, err = t.insertID(ctx, `INSERT INTO request_cases (request_id, org_id, title, reply_type, reason, summary, published_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, requestID, orgID, c.Title, c.ReplyType, c.Reason, c.Summary, c.PublishedAt, p.User.ID)
		if err != nil {
			if isUniqueViolation(err) {
				return apperr.New(apperr.Conflict, "该申请已发布为案例")
			}
			return err
		}
		return t.record(ctx, actorOf(p), orgID, "request.case", "request", requestID, nil, c, c.Title)
	})
	return c, err
}

// CaseFilter selects cases.
type CaseFilter struct {
	ReplyType request.ReplyType
	Reason    request.Reason
	Text      string
	Limit     int
}

// Cases lists published guidance cases, newest first.
func (db *DB) Cases(ctx context.Context, f CaseFilter) ([]Case, error) {
	q := `SELECT id, request_id, org_id, title, reply_type, reason, summary, published_at FROM request_cases WHERE 1 = 1`
	var args []any
	if f.ReplyType != "" {
		q += ` AND reply_type = ?`
		args = append(args, f.ReplyType)
	}
	if f.Reason != "" {
		q += ` AND reason = ?`
		args = append(args, f.Reason)
	}
	if f.Text != "" {
		q += ` AND (title LIKE ? ESCAPE '\' OR summary LIKE ? ESCAPE '\')`
		like := "%" + escapeLike(f.Text) + "%"
		args = append(args, like, like)
	}
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 20
	}
	q += fmt.Sprintf(` ORDER BY published_at DESC, id DESC LIMIT %d`, f.Limit)
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: cases: %w", err)
	}
	defer rows.Close()
	var out []Case
	for rows.Next() {
		var c Case
		if err := rows.Scan(&c.ID, &c.RequestID, &c.OrgID, &c.Title, &c.ReplyType, &c.Reason, &c.Summary, &c.PublishedAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SimilarRequests lists other applicants' applications to the same organisation within the
// last year that evidently ask for the same information (Art. 44: prompt to publish it proactively).
func (db *DB) SimilarRequests(ctx context.Context, id int64) ([]Request, error) {
	r, err := db.Request(ctx, id)
	if err != nil {
		return nil, err
	}
	var key string
	if err := db.queryRow(ctx, `SELECT applicant_key FROM requests WHERE id = ?`, id).Scan(&key); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT `+requestColumns+` FROM requests WHERE org_id = ? AND id <> ? AND applicant_key <> ? AND received_on >= ?
		ORDER BY id DESC LIMIT 500`, r.OrgID, id, key, fmtDate(r.ReceivedOn.AddDays(-366)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Request
	for rows.Next() {
		o, err := scanRequest(rows)
		if err != nil {
			return nil, err
		}
		if request.SameInformation(r.DocNumber, r.InfoName+" "+r.Description, o.DocNumber, o.InfoName+" "+o.Description) {
			out = append(out, o)
		}
	}
	return out, rows.Err()
}
