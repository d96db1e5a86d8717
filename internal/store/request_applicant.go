package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/audit"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/request"
)

// applicantActor is the audit actor for steps the applicant takes on the tracking page.
var applicantActor = audit.Actor{Name: "applicant"}

// MaxCorrectionText bounds the corrected description an applicant sends.
const MaxCorrectionText = 5000

// ApplicantCorrect records the corrected application (补正) that the applicant sends on the
// tracking page, identified by the application number and the secret query code: an
// EvCorrected event dated today with the corrected text in Text, which restarts the clock
// (Art. 30) and becomes the application's description (the event keeps the description it
// replaced in Original). It is refused when no correction is awaited, and after the correction period (a
// late correction needs the applicant's reason judged by a handler, who records it).
func (db *DB) ApplicantCorrect(ctx context.Context, number, code, text string, c Clocking) (request.Clock, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return request.Clock{}, apperr.New(apperr.Invalid, "请填写补正后的申请内容").OnField("text")
	}
	if len([]rune(text)) > MaxCorrectionText {
		return request.Clock{}, apperr.New(apperr.Invalid, "补正内容过长（不超过5000字）").OnField("text")
	}
	r, err := db.RequestByCode(ctx, number, code)
	if err != nil {
		return request.Clock{}, err
	}
	var clock request.Clock
	err = db.write(ctx, func(t *Tx) error {
		var lock int
		if err := t.queryRow(ctx, `SELECT lock_version FROM requests WHERE id = ?`, r.ID).Scan(&lock); err != nil {
			return apperr.New(apperr.NotFound, "申请不存在")
		}
		rows, err := t.query(ctx, `SELECT `+eventColumns+` FROM request_events WHERE request_id = ? ORDER BY id`, r.ID)
		if err != nil {
			return err
		}
		events, err := scanEvents(rows)
		if err != nil {
			return err
		}
		cur, err := request.Compute(c.Cal, c.Policy, events, c.Today)
		if err != nil {
			return err
		}
		if cur.Status == request.StatusEnded || !slices.Contains(cur.PausedFor, request.PauseCorrection) {
			return apperr.Wrap(apperr.Conflict, "本申请目前没有需要补正的事项", request.ErrCorrectionState)
		}
		if c.Today.After(cur.CorrectionDue) {
			return apperr.Wrap(apperr.Conflict, fmt.Sprintf("补正期限已于%s届满；逾期补正的，请与受理机关联系并说明正当理由（条例第三十条）",
				cur.CorrectionDue.ChineseFull()), request.ErrCorrectionState)
		}
		e := request.Event{Kind: request.EvCorrected, On: c.Today, Text: text}
		if err := request.Validate(c.Cal, c.Policy, events, e); err != nil {
			return err
		}
		clock, err = request.Compute(c.Cal, c.Policy, append(events, e), c.Today)
		if err != nil {
			return err
		}
		res, err := t.exec(ctx, `UPDATE requests SET status = ?, due_on = ?, ended_on = ?, lock_version = lock_version + 1, updated_at = ?
			WHERE id = ? AND lock_version = ?`, clock.Status, fmtDate(clock.Due), fmtDate(clock.EndedOn), fmtTime(t.now), r.ID, lock)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.StaleVersion, "该申请刚刚被处理过，请刷新后重试")
		}
		if err := t.replaceDescription(ctx, r.ID, &e); err != nil {
			return err
		}
		if err := t.insertEvent(ctx, nil, r.ID, e); err != nil {
			return err
		}
		// The audit keeps a digest of the text, not the text (it may hold personal data).
		return t.record(ctx, applicantActor, r.OrgID, "request."+string(e.Kind), "request", r.ID, nil, e, r.Number)
	})
	return clock, err
}

// RequestFile is a file given to the applicant with the reply (the information provided).
type RequestFile struct {
	ID          int64
	RequestID   int64
	Name        string
	SHA256      string
	Size        int64
	ContentType string
	CreatedAt   time.Time
}

// AddRequestFile stores a file of the information provided (content-addressed in the blobs
// table, checked like document attachments) and attaches it to the application. Only handlers
// of the receiving organisation may.
func (db *DB) AddRequestFile(ctx context.Context, p *org.Principal, id int64, name string, data []byte) (RequestFile, error) {
	name, ct, err := disclosure.CheckAttachment(name, data)
	if err != nil {
		return RequestFile{}, err
	}
	sum := sha256.Sum256(data)
	f := RequestFile{RequestID: id, Name: name, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), ContentType: ct}
	err = db.write(ctx, func(t *Tx) error {
		var orgID int64
		if err := t.queryRow(ctx, `SELECT org_id FROM requests WHERE id = ?`, id).Scan(&orgID); err != nil {
			return apperr.New(apperr.NotFound, "申请不存在")
		}
		if p == nil || !p.User.Active || p.User.OrgID != orgID || !p.User.Role.Can(org.PermHandleRequest) {
			return apperr.New(apperr.Forbidden, "只有受理机关的办理人员可以办理该申请")
		}
		if _, err := t.exec(ctx, `INSERT INTO blobs (sha256, size, content_type, data, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
			f.SHA256, f.Size, ct, data, fmtTime(t.now)); err != nil {
			return fmt.Errorf("store: blob: %w", err)
		}
		f.CreatedAt = parseTime(fmtTime(t.now))
		f.ID, err = t.insertID(ctx, `INSERT INTO request_files (request_id, name, sha256, size, content_type, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id, name, f.SHA256, f.Size, ct, fmtTime(t.now))
		if err != nil {
			return err
		}
		return t.record(ctx, actorOf(p), orgID, "request.file", "request", id, nil, f, name)
	})
	return f, err
}

// RequestFiles lists an application's files in the order they were added.
func (db *DB) RequestFiles(ctx context.Context, id int64) ([]RequestFile, error) {
	rows, err := db.query(ctx, `SELECT id, request_id, name, sha256, size, content_type, created_at FROM request_files WHERE request_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: request files: %w", err)
	}
	defer rows.Close()
	var out []RequestFile
	for rows.Next() {
		var f RequestFile
		var created string
		if err := rows.Scan(&f.ID, &f.RequestID, &f.Name, &f.SHA256, &f.Size, &f.ContentType, &created); err != nil {
			return nil, err
		}
		f.CreatedAt = parseTime(created)
		out = append(out, f)
	}
	return out, rows.Err()
}

// RequestFileData returns a file's record and bytes. Callers check who may fetch it (the
// applicant with the query code, staff who may read the organisation).
func (db *DB) RequestFileData(ctx context.Context, fileID int64) (RequestFile, []byte, error) {
	var f RequestFile
	var created string
	var data []byte
	err := db.queryRow(ctx, `SELECT f.id, f.request_id, f.name, f.sha256, f.size, f.content_type, f.created_at, b.data
		FROM request_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.id = ?`, fileID).
		Scan(&f.ID, &f.RequestID, &f.Name, &f.SHA256, &f.Size, &f.ContentType, &created, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return f, nil, apperr.New(apperr.NotFound, "文件不存在")
	}
	f.CreatedAt = parseTime(created)
	return f, data, err
}
