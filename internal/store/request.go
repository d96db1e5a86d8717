package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

// Clocking is what computing an application's clock needs: the calendar, the policy settings and
// the date of today in China.
type Clocking struct {
	Cal    *workday.Calendar
	Policy request.Policy
	Today  workday.Date
}

// NewRequest is an application as received.
type NewRequest struct {
	OrgID       int64
	Channel     request.Channel
	ReceivedOn  workday.Date // the Art. 31 receipt date
	Applicant   request.Applicant
	InfoName    string // 名称
	DocNumber   string // 文号
	Description string // other features that identify the information
	Form        string // form in which the information is wanted (Art. 29(3), 40)
	Delivery    string // how to receive it
	SubmitKey   string // random key of the form, so that a double submission creates one application
	// Purpose: disclosure (default) or correction of information about the applicant (Art. 41).
	// For a correction, InfoName/Description say which record is inaccurate and Proof (required)
	// gives the applicant's evidence and the correct content; it is sealed at rest.
	Purpose request.Purpose
	Proof   string
}

// MaxProofText bounds the proof of a correction request.
const MaxProofText = 5000

// MaskedApplicant is the applicant as staff other than the handlers, and the public, see it.
type MaskedApplicant struct {
	Kind  request.ApplicantKind `json:"kind"`
	Name  string                `json:"name"`
	ID    string                `json:"id"`
	Phone string                `json:"phone"`
}

// Request is a stored application.
type Request struct {
	ID          int64
	OrgID       int64
	Number      string
	Channel     request.Channel
	ReceivedOn  workday.Date
	Applicant   MaskedApplicant
	InfoName    string
	DocNumber   string
	Description string
	Form        string
	Delivery    string
	Purpose     request.Purpose
	Status      request.Status
	DueOn       workday.Date
	EndedOn     workday.Date
	LockVersion int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Overdue reports whether the application is past its due date and not ended.
func (r Request) Overdue(today workday.Date) bool {
	return r.Status != request.StatusEnded && !r.DueOn.IsZero() && today.After(r.DueOn)
}

const requestColumns = `id, org_id, number, channel, received_on, applicant_masked, info_name, doc_number, description, form, delivery,
	purpose, status, due_on, ended_on, lock_version, created_at, updated_at`

func scanRequest(s scanner) (Request, error) {
	var r Request
	var received, masked, due, ended, created, updated string
	err := s.Scan(&r.ID, &r.OrgID, &r.Number, &r.Channel, &received, &masked, &r.InfoName, &r.DocNumber, &r.Description, &r.Form, &r.Delivery,
		&r.Purpose, &r.Status, &due, &ended, &r.LockVersion, &created, &updated)
	if err != nil {
		return r, err
	}
	r.ReceivedOn, r.DueOn, r.EndedOn = parseDate(received), parseDate(due), parseDate(ended)
	r.CreatedAt, r.UpdatedAt = parseTime(created), parseTime(updated)
	err = json.Unmarshal([]byte(masked), &r.Applicant)
	return r, err
}

// queryCodeAlphabet avoids characters that are easily confused (0/O, 1/I/L).
const queryCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

func newQueryCode() string {
	b := make([]byte, 10)
	rand.Read(b)
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = queryCodeAlphabet[int(c)%len(queryCodeAlphabet)]
	}
	return string(out)
}

func hashCode(number, code string) string {
	s := sha256.Sum256([]byte(number + "\x00" + strings.ToUpper(strings.TrimSpace(code))))
	return hex.EncodeToString(s[:])
}

// nextCounter increments a named platform counter inside the transaction.
func (t *Tx) nextCounter(ctx context.Context, name string) (int64, error) {
	var v int64
	err := t.queryRow(ctx, `INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`, name).Scan(&v)
	return v, err
}

// CreateRequest stores an application, starts its clock and returns it with its secret query
// code. The public files online (p nil, channel online); handlers register letters, visits, faxes
// and e-mails of their own organisation. A repeated submission with the same SubmitKey returns the
// first application and no code (the applicant already has it).
func (db *DB) CreateRequest(ctx context.Context, p *org.Principal, in NewRequest, c Clocking) (Request, string, error) {
	if err := in.Applicant.Validate(); err != nil {
		return Request{}, "", err
	}
	in.Description = strings.TrimSpace(in.Description)
	in.InfoName = strings.TrimSpace(in.InfoName)
	if in.Description == "" && in.InfoName == "" && strings.TrimSpace(in.DocNumber) == "" {
		return Request{}, "", apperr.New(apperr.Invalid, "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（条例第二十九条）").OnField("description")
	}
	if len([]rune(in.Description)) > 5000 || len([]rune(in.InfoName)) > 200 || len([]rune(in.Form)) > 200 || len([]rune(in.Delivery)) > 200 {
		return Request{}, "", apperr.New(apperr.Invalid, "填写的内容过长").OnField("description")
	}
	in.Purpose = in.Purpose.Of()
	in.Proof = strings.TrimSpace(in.Proof)
	switch {
	case !in.Purpose.Valid():
		_, err := request.ParsePurpose(string(in.Purpose))
		return Request{}, "", err
	case in.Purpose == request.PurposeCorrection && in.Proof == "":
		return Request{}, "", apperr.New(apperr.Invalid, "申请更正的，请提供证明该政府信息记录不准确的证据，并写明正确的内容（条例第四十一条）").OnField("evidence")
	case in.Purpose != request.PurposeCorrection && in.Proof != "":
		return Request{}, "", apperr.New(apperr.Invalid, "只有申请更正与本人相关的政府信息时才提供证明材料").OnField("evidence")
	case len([]rune(in.Proof)) > MaxProofText:
		return Request{}, "", apperr.New(apperr.Invalid, "证明材料的说明过长（不超过5000字）").OnField("evidence")
	}
	if in.ReceivedOn.IsZero() || in.ReceivedOn.After(c.Today) {
		return Request{}, "", apperr.New(apperr.Invalid, "收到申请的日期不能晚于今天").OnField("received_on")
	}
	if in.ReceivedOn.Before(c.Today.AddDays(-366)) {
		return Request{}, "", apperr.New(apperr.Invalid, "收到申请的日期过早，请核对").OnField("received_on")
	}
	if p != nil && in.SubmitKey == "" {
		in.SubmitKey = newQueryCode() + newQueryCode()
	}
	if in.SubmitKey != "" {
		if r, err := db.requestWhere(ctx, `submit_key = ?`, in.SubmitKey); err == nil {
			return r, "", nil
		}
	}
	events := []request.Event{{Kind: request.EvReceived, On: in.ReceivedOn}}
	clock, err := request.Compute(c.Cal, c.Policy, events, c.Today)
	if err != nil {
		return Request{}, "", err
	}
	sealed, err := json.Marshal(in.Applicant)
	if err != nil {
		return Request{}, "", err
	}
	sealedText, err := db.seal(sealed)
	if err != nil {
		return Request{}, "", err
	}
	key, err := db.applicantKey(in.Applicant.Key())
	if err != nil {
		return Request{}, "", err
	}
	masked := MaskedApplicant{Kind: in.Applicant.Kind, Name: request.MaskName(in.Applicant.Name), ID: request.MaskID(in.Applicant.ID.Number),
		Phone: request.MaskPhone(in.Applicant.Phone)}
	if in.Applicant.Kind != request.NaturalPerson {
		masked.Name = in.Applicant.Name // an organisation's name is not personal data
	}
	maskedJSON, _ := json.Marshal(masked)
	proofSealed := ""
	if in.Proof != "" {
		if proofSealed, err = db.seal([]byte(in.Proof)); err != nil {
			return Request{}, "", err
		}
	}
	code := newQueryCode()
	var out Request
	err = db.write(ctx, func(t *Tx) error {
		o, err := t.orgByID(ctx, in.OrgID)
		if err != nil {
			return err
		}
		if p != nil && !p.CanWrite(o, org.PermHandleRequest) {
			return apperr.New(apperr.Forbidden, "只能登记本机关收到的申请")
		}
		seq, err := t.nextCounter(ctx, "request:"+strconv.Itoa(in.ReceivedOn.Year))
		if err != nil {
			return err
		}
		number := fmt.Sprintf("%d%06d", in.ReceivedOn.Year, seq)
		var createdBy, submitKey any
		if p != nil {
			createdBy = p.User.ID
		}
		if in.SubmitKey != "" {
			submitKey = in.SubmitKey
		}
		now := fmtTime(t.now)
		id, err := t.insertID(ctx, `INSERT INTO requests (org_id, number, query_code_hash, channel, received_on, applicant_kind, applicant_key,
			applicant_sealed, applicant_masked, description, info_name, doc_number, form, delivery, purpose, proof_sealed, status, due_on, submit_key, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			in.OrgID, number, hashCode(number, code), in.Channel, fmtDate(in.ReceivedOn), in.Applicant.Kind, key, sealedText, string(maskedJSON),
			in.Description, in.InfoName, strings.TrimSpace(in.DocNumber), in.Form, in.Delivery, in.Purpose, proofSealed, clock.Status, fmtDate(clock.Due), submitKey, createdBy, now, now)
		if err != nil {
			if isUniqueViolation(err) {
				return errDuplicateSubmit
			}
			return fmt.Errorf("store: insert request: %w", err)
		}
		if err := t.insertEvent(ctx, p, id, events[0]); err != nil {
			return err
		}
		out, err = scanRequest(t.queryRow(ctx, `SELECT `+requestColumns+` FROM requests WHERE id = ?`, id))
		if err != nil {
			return err
		}
		// The audit entry holds the masked applicant and the purpose, never the proof.
		return t.record(ctx, actorOf(p), in.OrgID, "request.create", "request", id, nil, struct {
			MaskedApplicant
			Purpose request.Purpose `json:"purpose"`
		}{masked, in.Purpose}, number)
	})
	if errors.Is(err, errDuplicateSubmit) {
		r, err := db.requestWhere(ctx, `submit_key = ?`, in.SubmitKey)
		return r, "", err
	}
	if err != nil {
		return Request{}, "", err
	}
	return out, code, nil
}

var errDuplicateSubmit = errors.New("duplicate submission")

func (t *Tx) insertEvent(ctx context.Context, p *org.Principal, requestID int64, e request.Event) error {
	var by any
	if p != nil {
		by = p.User.ID
	}
	items, _ := json.Marshal(e.Items)
	if len(e.Items) == 0 {
		items = nil
	}
	objected := 0
	if e.Objected {
		objected = 1
	}
	_, err := t.exec(ctx, `INSERT INTO request_events (request_id, kind, on_date, days, approver, party, served_on, items, amount_fen, reply_type, reason, note, text, original, objected, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, requestID, e.Kind, fmtDate(e.On), e.Days, e.Approver, e.Party, fmtDate(e.Served), string(items),
		e.AmountFen, e.ReplyType, e.Reason, e.Note, e.Text, e.Original, objected, by, fmtTime(t.now))
	if err != nil {
		return fmt.Errorf("store: insert request event: %w", err)
	}
	return nil
}

func (db *DB) requestWhere(ctx context.Context, cond string, args ...any) (Request, error) {
	r, err := scanRequest(db.queryRow(ctx, `SELECT `+requestColumns+` FROM requests WHERE `+cond, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return r, apperr.New(apperr.NotFound, "申请不存在")
	}
	return r, err
}

// Request returns an application by id.
func (db *DB) Request(ctx context.Context, id int64) (Request, error) {
	return db.requestWhere(ctx, `id = ?`, id)
}

// RequestByCode returns an application by its number and query code, for the applicant.
// A wrong code and an unknown number give the same answer.
func (db *DB) RequestByCode(ctx context.Context, number, code string) (Request, error) {
	var id int64
	var hash string
	err := db.queryRow(ctx, `SELECT id, query_code_hash FROM requests WHERE number = ?`, strings.TrimSpace(number)).Scan(&id, &hash)
	want := hashCode(strings.TrimSpace(number), code)
	if err != nil || subtle.ConstantTimeCompare([]byte(hash), []byte(want)) != 1 {
		return Request{}, apperr.New(apperr.NotFound, "申请编号或查询码不正确")
	}
	return db.Request(ctx, id)
}

// RequestProof returns a correction request's proof (Art. 41), only to a handler of the
// receiving organisation ("" for a disclosure request).
func (db *DB) RequestProof(ctx context.Context, p *org.Principal, id int64) (string, error) {
	var orgID int64
	var sealed string
	if err := db.queryRow(ctx, `SELECT org_id, proof_sealed FROM requests WHERE id = ?`, id).Scan(&orgID, &sealed); err != nil {
		return "", apperr.New(apperr.NotFound, "申请不存在")
	}
	if p == nil || p.User.OrgID != orgID || !p.User.Role.Can(org.PermHandleRequest) || !p.User.Active {
		return "", apperr.New(apperr.Forbidden, "只有受理机关的办理人员可以查看更正申请的证明材料")
	}
	if sealed == "" {
		return "", nil
	}
	b, err := db.unseal(sealed)
	if err != nil {
		return "", fmt.Errorf("store: unseal proof: %w", err)
	}
	return string(b), nil
}

// RequestApplicant returns the applicant's personal data, only to a handler of the receiving
// organisation.
func (db *DB) RequestApplicant(ctx context.Context, p *org.Principal, id int64) (request.Applicant, error) {
	var a request.Applicant
	var orgID int64
	var sealed string
	if err := db.queryRow(ctx, `SELECT org_id, applicant_sealed FROM requests WHERE id = ?`, id).Scan(&orgID, &sealed); err != nil {
		return a, apperr.New(apperr.NotFound, "申请不存在")
	}
	if p == nil || p.User.OrgID != orgID || !p.User.Role.Can(org.PermHandleRequest) || !p.User.Active {
		return a, apperr.New(apperr.Forbidden, "只有受理机关的办理人员可以查看申请人信息")
	}
	b, err := db.unseal(sealed)
	if err != nil {
		return a, err
	}
	err = json.Unmarshal(b, &a)
	return a, err
}

const eventColumns = `kind, on_date, days, approver, party, served_on, items, amount_fen, reply_type, reason, note, text, original, objected`

func scanEvents(rows *sql.Rows) ([]request.Event, error) {
	defer rows.Close()
	var out []request.Event
	for rows.Next() {
		var e request.Event
		var on, served, items string
		var objected int
		if err := rows.Scan(&e.Kind, &on, &e.Days, &e.Approver, &e.Party, &served, &items, &e.AmountFen, &e.ReplyType, &e.Reason, &e.Note, &e.Text, &e.Original, &objected); err != nil {
			return nil, err
		}
		e.Objected = objected == 1
		e.On, e.Served = parseDate(on), parseDate(served)
		if items != "" {
			if err := json.Unmarshal([]byte(items), &e.Items); err != nil {
				return nil, err
			}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// RequestEvents returns an application's clock events in order.
func (db *DB) RequestEvents(ctx context.Context, id int64) ([]request.Event, error) {
	rows, err := db.query(ctx, `SELECT `+eventColumns+` FROM request_events WHERE request_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: request events: %w", err)
	}
	return scanEvents(rows)
}

// RequestClock computes an application's clock today.
func (db *DB) RequestClock(ctx context.Context, id int64, c Clocking) (request.Clock, error) {
	events, err := db.RequestEvents(ctx, id)
	if err != nil {
		return request.Clock{}, err
	}
	return request.Compute(c.Cal, c.Policy, events, c.Today)
}

// AddRequestEvent records a step on an application's clock (checked against the log first) and
// returns the clock after it. Only handlers of the receiving organisation may. lockVersion guards
// against two handlers acting on the same state.
func (db *DB) AddRequestEvent(ctx context.Context, p *org.Principal, id int64, lockVersion int, e request.Event, c Clocking) (request.Clock, error) {
	var clock request.Clock
	err := db.write(ctx, func(t *Tx) error {
		var err error
		clock, err = t.addEvent(ctx, p, id, lockVersion, e, c)
		return err
	})
	return clock, err
}

func (t *Tx) addEvent(ctx context.Context, p *org.Principal, id int64, lockVersion int, e request.Event, c Clocking) (request.Clock, error) {
	var orgID int64
	var lock int
	if err := t.queryRow(ctx, `SELECT org_id, lock_version FROM requests WHERE id = ?`, id).Scan(&orgID, &lock); err != nil {
		return request.Clock{}, apperr.New(apperr.NotFound, "申请不存在")
	}
	if p == nil || p.User.OrgID != orgID || !p.User.Role.Can(org.PermHandleRequest) {
		return request.Clock{}, apperr.New(apperr.Forbidden, "只有受理机关的办理人员可以办理该申请")
	}
	if lockVersion != 0 && lockVersion != lock {
		return request.Clock{}, apperr.New(apperr.StaleVersion, "该申请已被他人处理，请刷新后重试")
	}
	rows, err := t.query(ctx, `SELECT `+eventColumns+` FROM request_events WHERE request_id = ? ORDER BY id`, id)
	if err != nil {
		return request.Clock{}, err
	}
	events, err := scanEvents(rows)
	if err != nil {
		return request.Clock{}, err
	}
	if err := request.Validate(c.Cal, c.Policy, events, e); err != nil {
		return request.Clock{}, err
	}
	clock, err := request.Compute(c.Cal, c.Policy, append(events, e), c.Today)
	if err != nil {
		return clock, err
	}
	if err := t.replaceDescription(ctx, id, &e); err != nil {
		return clock, err
	}
	if err := t.insertEvent(ctx, p, id, e); err != nil {
		return clock, err
	}
	if _, err := t.exec(ctx, `UPDATE requests SET status = ?, due_on = ?, ended_on = ?, lock_version = lock_version + 1, updated_at = ? WHERE id = ?`,
		clock.Status, fmtDate(clock.Due), fmtDate(clock.EndedOn), fmtTime(t.now), id); err != nil {
		return clock, err
	}
	return clock, t.record(ctx, actorOf(p), orgID, "request."+string(e.Kind), "request", id, nil, e, e.Note)
}

// replaceDescription makes a correction's text (EvCorrected with Text) the application's
// description, keeping the description it replaces in the event (Original) so that the log
// holds both. Other events, and a correction without text, change nothing (an Art. 32 notice to a
// third party keeps its Text: the content decided to be disclosed).
func (t *Tx) replaceDescription(ctx context.Context, id int64, e *request.Event) error {
	e.Text = strings.TrimSpace(e.Text)
	if e.Kind == request.EvThirdPartyNotified {
		e.Original = ""
		return nil
	}
	if e.Kind != request.EvCorrected || e.Text == "" {
		e.Text, e.Original = "", ""
		return nil
	}
	if len([]rune(e.Text)) > MaxCorrectionText {
		return apperr.New(apperr.Invalid, "补正内容过长（不超过5000字）").OnField("text")
	}
	if err := t.queryRow(ctx, `SELECT description FROM requests WHERE id = ?`, id).Scan(&e.Original); err != nil {
		return fmt.Errorf("store: request description: %w", err)
	}
	if _, err := t.exec(ctx, `UPDATE requests SET description = ? WHERE id = ?`, e.Text, id); err != nil {
		return fmt.Errorf("store: replace request description: %w", err)
	}
	return nil
}

// StoredReply is a reply as recorded.
type StoredReply struct {
	Reply     request.Reply
	RepliedOn workday.Date
}

// ReplyRequest records the reply decision (checked against the annual report's types and
// sub-reasons, or, for a correction request, against the Art. 41 outcomes) and ends the clock
// with it.
func (db *DB) ReplyRequest(ctx context.Context, p *org.Principal, id int64, lockVersion int, r request.Reply, on workday.Date, c Clocking) (request.Clock, error) {
	detail, _ := json.Marshal(r)
	var clock request.Clock
	err := db.write(ctx, func(t *Tx) error {
		var purpose request.Purpose
		if err := t.queryRow(ctx, `SELECT purpose FROM requests WHERE id = ?`, id).Scan(&purpose); err != nil {
			return apperr.New(apperr.NotFound, "申请不存在")
		}
		if err := request.ValidateReplyFor(purpose, r); err != nil {
			return err
		}
		var err error
		clock, err = t.addEvent(ctx, p, id, lockVersion, request.Event{Kind: request.EvReplied, On: on, ReplyType: r.Type, Reason: r.Reason}, c)
		if err != nil {
			return err
		}
		_, err = t.exec(ctx, `INSERT INTO request_replies (request_id, reply_type, reason, detail, replied_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, r.Type, r.Reason, string(detail), fmtDate(on), p.User.ID, fmtTime(t.now))
		return err
	})
	return clock, err
}

// RequestReply returns the recorded reply, if any.
func (db *DB) RequestReply(ctx context.Context, id int64) (StoredReply, bool, error) {
	var sr StoredReply
	var detail, on string
	err := db.queryRow(ctx, `SELECT detail, replied_on FROM request_replies WHERE request_id = ?`, id).Scan(&detail, &on)
	if errors.Is(err, sql.ErrNoRows) {
		return sr, false, nil
	}
	if err != nil {
		return sr, false, err
	}
	sr.RepliedOn = parseDate(on)
	return sr, true, json.Unmarshal([]byte(detail), &sr.Reply)
}

// RequestFilter selects applications for staff lists.
type RequestFilter struct {
	OrgIDs    []int64
	Open      bool         // not ended
	NotPaused bool         // the clock runs (not waiting for a correction, a consultee or a payment)
	DueFrom   workday.Date // due on or after
	DueUntil  workday.Date // due on or before (overdue and due-soon lists)
	Limit     int          // at most 500; 100 when unset
	Offset    int
}

// Requests lists applications, the most urgent first.
func (db *DB) Requests(ctx context.Context, f RequestFilter) ([]Request, error) {
	if len(f.OrgIDs) == 0 {
		return nil, nil
	}
	q := `SELECT ` + requestColumns + ` FROM requests WHERE org_id IN (` + placeholders(len(f.OrgIDs)) + `)`
	var args []any
	for _, id := range f.OrgIDs {
		args = append(args, id)
	}
	if f.Open {
		q += ` AND status <> 'ended'`
	}
	if f.NotPaused {
		q += ` AND status <> 'paused'`
	}
	if !f.DueFrom.IsZero() {
		q += ` AND due_on <> '' AND due_on >= ?`
		args = append(args, fmtDate(f.DueFrom))
	}
	if !f.DueUntil.IsZero() {
		q += ` AND due_on <> '' AND due_on <= ?`
		args = append(args, fmtDate(f.DueUntil))
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	q += ` ORDER BY CASE WHEN status = 'ended' THEN 1 ELSE 0 END, CASE WHEN due_on = '' THEN '9999' ELSE due_on END, id LIMIT ` + strconv.Itoa(f.Limit) + ` OFFSET ` + strconv.Itoa(max(f.Offset, 0))
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: requests: %w", err)
	}
	defer rows.Close()
	var out []Request
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RefreshRequestClocks recomputes the cached status and due date of open applications (a job:
// statuses change with the date, e.g. pending → overdue).
func (db *DB) RefreshRequestClocks(ctx context.Context, c Clocking) (int, error) {
	rows, err := db.query(ctx, `SELECT id FROM requests WHERE status <> 'ended'`)
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err == nil {
			ids = append(ids, id)
		}
	}
	rows.Close()
	n := 0
	for _, id := range ids {
		clock, err := db.RequestClock(ctx, id, c)
		if err != nil {
			continue
		}
		if err := db.write(ctx, func(t *Tx) error {
			_, err := t.exec(ctx, `UPDATE requests SET status = ?, due_on = ? WHERE id = ? AND (status <> ? OR due_on <> ?)`,
				clock.Status, fmtDate(clock.Due), id, clock.Status, fmtDate(clock.Due))
			return err
		}); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// ApplicantCounts counts an applicant's applications (by identity document) received since a
// date, for Art. 35 flags and the 按件 fee's monthly bands.
func (db *DB) ApplicantCounts(ctx context.Context, requestID int64, since workday.Date) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM requests WHERE applicant_key = (SELECT applicant_key FROM requests WHERE id = ?) AND received_on >= ?`,
		requestID, fmtDate(since)).Scan(&n)
	return n, err
}
