package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/audit"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/richtext"
	"gongkai/internal/workday"
)

func actorOf(p *org.Principal) audit.Actor {
	if p == nil {
		return audit.System
	}
	return audit.Actor{UserID: p.User.ID, Name: p.User.Username, OrgID: p.User.OrgID}
}

// ActorOf is the audit actor for a principal (nil: the system).
func ActorOf(p *org.Principal) audit.Actor { return actorOf(p) }

func fmtDate(d workday.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func parseDate(s string) workday.Date {
	if s == "" {
		return workday.Date{}
	}
	d, _ := workday.ParseDate(s)
	return d
}

const documentColumns = `id, org_id, index_number, COALESCE(column_id, 0), latest_version, published_version, state, title, doc_number, genre, topic,
	written_on, published_at, validity, effective_on, expires_on, mode, made_on, withdrawn_at, withdrawn_reason, created_at, updated_at`

func scanDocument(s scanner) (disclosure.Document, error) {
	var d disclosure.Document
	var written, published, effective, expires, made, withdrawn, created, updated string
	err := s.Scan(&d.ID, &d.OrgID, &d.IndexNumber, &d.ColumnID, &d.LatestVersion, &d.PublishedVersion, &d.State, &d.Title, &d.DocNumber,
		&d.Genre, &d.Topic, &written, &published, &d.Validity, &effective, &expires, &d.Mode, &made, &withdrawn, &d.WithdrawnReason, &created, &updated)
	d.WrittenOn, d.PublishedAt, d.EffectiveOn, d.ExpiresOn = parseDate(written), parseTime(published), parseDate(effective), parseDate(expires)
	d.MadeOn, d.WithdrawnAt, d.CreatedAt, d.UpdatedAt = parseDate(made), parseTime(withdrawn), parseTime(created), parseTime(updated)
	return d, err
}

const versionColumns = `document_id, version, status, title, doc_number, issuers, written_on, made_on, publish_at, published_at, topic, genre,
	plan_kind, plan_period, mode, mode_reason, validity, effective_on, expires_on, summary, body_html, review_comment, change_note,
	COALESCE(created_by, 0), COALESCE(reviewed_by, 0), lock_version, created_at, updated_at`

func scanVersion(s scanner) (disclosure.Version, error) {
	var v disclosure.Version
	var issuers, written, made, publishAt, published, effective, expires, created, updated string
	err := s.Scan(&v.DocumentID, &v.Version, &v.Status, &v.Title, &v.DocNumber, &issuers, &written, &made, &publishAt, &published, &v.Topic, &v.Genre,
		&v.PlanKind, &v.PlanPeriod, &v.Mode, &v.ModeReason, &v.Validity, &effective, &expires, &v.Summary, &v.BodyHTML, &v.ReviewComment, &v.ChangeNote,
		&v.CreatedBy, &v.ReviewedBy, &v.LockVersion, &created, &updated)
	if issuers != "" {
		v.Issuers = strings.Split(issuers, "\n")
	}
	v.WrittenOn, v.MadeOn, v.PublishAt, v.PublishedAt = parseDate(written), parseDate(made), parseTime(publishAt), parseTime(published)
	v.EffectiveOn, v.ExpiresOn, v.CreatedAt, v.UpdatedAt = parseDate(effective), parseDate(expires), parseTime(created), parseTime(updated)
	return v, err
}

// versionArgs are the values of the editable columns of document_versions, in this order:
const versionEditable = `title = ?, doc_number = ?, doc_prefix = ?, doc_year = ?, doc_seq = ?, issuers = ?, written_on = ?, made_on = ?, publish_at = ?,
	topic = ?, genre = ?, plan_kind = ?, plan_period = ?, mode = ?, mode_reason = ?, validity = ?, effective_on = ?, expires_on = ?, summary = ?,
	body_html = ?, change_note = ?`

func versionArgs(f disclosure.Fields) []any {
	dn, _ := f.ParsedDocNumber()
	return []any{f.Title, f.DocNumber, dn.Prefix, dn.Year, dn.Seq, strings.Join(f.Issuers, "\n"), fmtDate(f.WrittenOn), fmtDate(f.MadeOn), fmtTime(f.PublishAt),
		f.Topic, f.Genre, f.PlanKind, f.PlanPeriod, f.Mode, f.ModeReason, f.Validity, fmtDate(f.EffectiveOn), fmtDate(f.ExpiresOn), f.Summary,
		f.BodyHTML, f.ChangeNote}
}

// prepareFields validates fields and sanitises the body.
func prepareFields(f *disclosure.Fields) error {
	if err := f.Validate(); err != nil {
		return err
	}
	f.BodyHTML = richtext.Sanitize(f.BodyHTML)
	return summarise(f)
}

// summarise fills an empty summary from the body.
func summarise(f *disclosure.Fields) error {
	if f.Summary == "" {
		// The summary is the text's first 120 characters: the start of a long body is
		// enough, unless it is mostly markup (then a longer start, then all of it).
		for _, head := range [...]int{1024, 4096} {
			if len(f.BodyHTML) > head {
				if s := richtext.PlainText(f.BodyHTML[:head]); runesMoreThan(s, 200) {
					f.Summary = truncateRunes(s, 120)
					return nil
				}
			}
		}
		f.Summary = truncateRunes(richtext.PlainText(f.BodyHTML), 120)
	}
	return nil
}

func truncateRunes(s string, n int) string {
	i := 0
	for range n {
		if i >= len(s) {
			return s
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if i >= len(s) {
		return s
	}
	if !utf8.ValidString(s[:i]) {
		return string([]rune(s[:i])) + "…" // each invalid byte becomes U+FFFD
	}
	return s[:i] + "…"
}

// runesMoreThan reports whether s has more than n characters.
func runesMoreThan(s string, n int) bool {
	if len(s) <= n {
		return false
	}
	c := 0
	for range s {
		if c++; c > n {
			return true
		}
	}
	return false
}

// columnFor picks the column for a document: the named one, or the list column for its genre.
func (t *Tx) columnFor(ctx context.Context, orgID int64, slug string, genre disclosure.Genre) (any, error) {
	cols, err := t.columns(ctx, orgID)
	if err != nil {
		return nil, err
	}
	if slug != "" {
		for _, c := range cols {
			if c.Slug == slug && c.Kind == disclosure.ColumnList {
				return c.ID, nil
			}
		}
		return nil, apperr.Newf(apperr.Invalid, "栏目“%s”不存在或不能发布文件", slug).OnField("column")
	}
	if c, ok := disclosure.ColumnForGenre(cols, genre); ok {
		return c.ID, nil
	}
	return nil, nil
}

// nextIndexNumber allocates the organisation's next 索引号 for a year with its scheme.
func (t *Tx) nextIndexNumber(ctx context.Context, o org.Org, now time.Time) (string, error) {
	scheme, err := disclosure.SchemeByName(o.IndexScheme)
	if err != nil {
		return "", apperr.Wrap(apperr.Invalid, "机构的索引号规则无效", err)
	}
	local := workday.DateOf(now)
	var seq int
	if err := t.queryRow(ctx, `INSERT INTO index_counters (org_id, year, seq) VALUES (?, ?, 1)
		ON CONFLICT (org_id, year) DO UPDATE SET seq = index_counters.seq + 1 RETURNING seq`, o.ID, local.Year).Scan(&seq); err != nil {
		return "", fmt.Errorf("store: index counter: %w", err)
	}
	idx, err := scheme.Format(disclosure.IndexInput{OrgCode: o.Code, Year: local.Year, Month: int(local.Month), Seq: seq})
	if err != nil {
		return "", apperr.Wrap(apperr.Invalid, "无法生成索引号", err)
	}
	return idx, nil
}

func (t *Tx) requireWrite(ctx context.Context, p *org.Principal, orgID int64, perm org.Permission) (org.Org, error) {
	o, err := t.orgByID(ctx, orgID)
	if err != nil {
		return o, err
	}
	if p != nil && !p.CanWrite(o, perm) {
		return o, apperr.New(apperr.Forbidden, "无权在该机构进行此操作")
	}
	return o, nil
}

// CreateDocument creates a document as a draft (version 1) in an organisation, with a new index
// number. A nil principal is the system (imports, demo data).
func (db *DB) CreateDocument(ctx context.Context, p *org.Principal, orgID int64, f disclosure.Fields) (disclosure.Document, error) {
	if err := prepareFields(&f); err != nil {
		return disclosure.Document{}, err
	}
	var doc disclosure.Document
	err := db.write(ctx, func(t *Tx) error {
		o, err := t.requireWrite(ctx, p, orgID, org.PermEditDocument)
		if err != nil {
			return err
		}
		col, err := t.columnFor(ctx, orgID, f.ColumnSlug, f.Genre)
		if err != nil {
			return err
		}
		idx, err := t.nextIndexNumber(ctx, o, t.now)
		if err != nil {
			return err
		}
		now := fmtTime(t.now)
		id, err := t.insertID(ctx, `INSERT INTO documents (org_id, index_number, column_id, latest_version, published_version, state, title, doc_number,
			genre, topic, written_on, validity, effective_on, expires_on, mode, made_on, created_at, updated_at)
			VALUES (?, ?, ?, 1, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			orgID, idx, col, disclosure.StatusDraft, f.Title, f.DocNumber, f.Genre, f.Topic, fmtDate(f.WrittenOn), f.Validity,
			fmtDate(f.EffectiveOn), fmtDate(f.ExpiresOn), f.Mode, fmtDate(f.MadeOn), now, now)
		if err != nil {
			if isUniqueViolation(err) {
				return apperr.New(apperr.Conflict, "索引号重复，请重试")
			}
			return fmt.Errorf("store: insert document: %w", err)
		}
		var createdBy any
		if p != nil {
			createdBy = p.User.ID
		}
		args := append([]any{id, 1, disclosure.StatusDraft, createdBy, now, now}, versionArgs(f)...)
		if _, err := t.exec(ctx, `INSERT INTO document_versions (document_id, version, status, created_by, created_at, updated_at,
			title, doc_number, doc_prefix, doc_year, doc_seq, issuers, written_on, made_on, publish_at, topic, genre, plan_kind, plan_period,
			mode, mode_reason, validity, effective_on, expires_on, summary, body_html, change_note)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...); err != nil {
			return fmt.Errorf("store: insert version: %w", err)
		}
		doc, err = t.document(ctx, id)
		if err != nil {
			return err
		}
		return t.record(ctx, actorOf(p), orgID, "document.create", "document", id, nil, f, f.Title)
	})
	return doc, err
}

// UpdateDraft edits the working version of a document. The version must be the latest and a
// draft, and lockVersion must match (an edit based on a stale copy is refused). A document whose
// latest version is published is revised first (a new draft version).
func (db *DB) UpdateDraft(ctx context.Context, p *org.Principal, docID int64, version, lockVersion int, f disclosure.Fields) (disclosure.Version, error) {
	if err := prepareFields(&f); err != nil {
		return disclosure.Version{}, err
	}
	var out disclosure.Version
	err := db.write(ctx, func(t *Tx) error {
		doc, err := t.document(ctx, docID)
		if err != nil {
			return err
		}
		if _, err := t.requireWrite(ctx, p, doc.OrgID, org.PermEditDocument); err != nil {
			return err
		}
		before, err := t.version(ctx, docID, version)
		if err != nil {
			return err
		}
		if version != doc.LatestVersion || before.LockVersion != lockVersion {
			return apperr.New(apperr.StaleVersion, "文件已被他人修改，您编辑的是旧版本，请刷新后重新编辑")
		}
		if before.Status != disclosure.StatusDraft {
			return apperr.Newf(apperr.Conflict, "只能修改草稿；当前状态为“%s”", before.Status.Label())
		}
		col, err := t.columnFor(ctx, doc.OrgID, f.ColumnSlug, f.Genre)
		if err != nil {
			return err
		}
		args := append(versionArgs(f), lockVersion+1, fmtTime(t.now), docID, version, lockVersion)
		res, err := t.exec(ctx, `UPDATE document_versions SET `+versionEditable+`, lock_version = ?, updated_at = ?
			WHERE document_id = ? AND version = ? AND lock_version = ?`, args...)
		if err != nil {
			return fmt.Errorf("store: update version: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.StaleVersion, "文件已被他人修改，请刷新后重新编辑")
		}
		if doc.PublishedVersion == 0 {
			// Before first publication the document row mirrors the draft, for staff lists.
			if _, err := t.exec(ctx, `UPDATE documents SET title = ?, doc_number = ?, genre = ?, topic = ?, written_on = ?, made_on = ?, column_id = ?, updated_at = ? WHERE id = ?`,
				f.Title, f.DocNumber, f.Genre, f.Topic, fmtDate(f.WrittenOn), fmtDate(f.MadeOn), col, fmtTime(t.now), docID); err != nil {
				return err
			}
		}
		out, err = t.version(ctx, docID, version)
		if err != nil {
			return err
		}
		return t.record(ctx, actorOf(p), doc.OrgID, "document.update", "document", docID, before, out, "v"+strconv.Itoa(version))
	})
	return out, err
}

// TransitionInput is a workflow action on the latest version of a document.
type TransitionInput struct {
	Action      disclosure.Action
	Comment     string    // rejection comment, or withdrawal reason
	PublishAt   time.Time // scheduled publication (zero: now)
	LockVersion int       // optional: 0 skips the check
}

// Transition applies a workflow action. Illegal transitions are refused and change nothing.
func (db *DB) Transition(ctx context.Context, p *org.Principal, docID int64, in TransitionInput) (disclosure.Document, error) {
	var doc disclosure.Document
	err := db.write(ctx, func(t *Tx) error {
		var err error
		doc, err = t.document(ctx, docID)
		if err != nil {
			return err
		}
		if _, err := t.requireWrite(ctx, p, doc.OrgID, disclosure.PermissionFor(in.Action)); err != nil {
			return err
		}
		v, err := t.version(ctx, docID, doc.LatestVersion)
		if err != nil {
			return err
		}
		if in.LockVersion != 0 && in.LockVersion != v.LockVersion {
			return apperr.New(apperr.StaleVersion, "文件已被他人修改，请刷新后重试")
		}
		next, err := disclosure.Transition(v.Status, in.Action)
		if err != nil {
			return apperr.Wrap(apperr.Conflict, err.Error(), err)
		}
		comment := strings.TrimSpace(in.Comment)
		now := fmtTime(t.now)
		switch in.Action {
		case disclosure.ActionReject:
			if comment == "" {
				return apperr.New(apperr.Invalid, "退回修改须填写审核意见").OnField("comment")
			}
		case disclosure.ActionWithdraw:
			if comment == "" {
				return apperr.New(apperr.Invalid, "撤回须填写理由").OnField("comment")
			}
		case disclosure.ActionApprove:
			if p != nil && v.CreatedBy == p.User.ID {
				return apperr.New(apperr.Forbidden, "不能审核自己起草的文件（审查须由他人进行）")
			}
		case disclosure.ActionPublish:
			if !in.PublishAt.IsZero() && in.PublishAt.After(t.now) {
				// Scheduled: stays approved with its time; the publisher job publishes it then.
				if _, err := t.exec(ctx, `UPDATE document_versions SET publish_at = ?, lock_version = lock_version + 1, updated_at = ? WHERE document_id = ? AND version = ?`,
					fmtTime(in.PublishAt), now, docID, v.Version); err != nil {
					return err
				}
				doc, err = t.document(ctx, docID)
				if err != nil {
					return err
				}
				return t.record(ctx, actorOf(p), doc.OrgID, "document.schedule", "document", docID, nil, nil, fmtTime(in.PublishAt))
			}
		}
		if in.Action == disclosure.ActionRevise {
			if err := t.revise(ctx, p, doc, v); err != nil {
				return err
			}
			doc, err = t.document(ctx, docID)
			return err
		}
		var reviewer any
		if p != nil && (in.Action == disclosure.ActionApprove || in.Action == disclosure.ActionReject) {
			reviewer = p.User.ID
		}
		if _, err := t.exec(ctx, `UPDATE document_versions SET status = ?, review_comment = CASE WHEN ? <> '' THEN ? ELSE review_comment END,
			reviewed_by = COALESCE(?, reviewed_by), lock_version = lock_version + 1, updated_at = ? WHERE document_id = ? AND version = ?`,
			next, comment, comment, reviewer, now, docID, v.Version); err != nil {
			return fmt.Errorf("store: transition: %w", err)
		}
		switch next {
		case disclosure.StatusPublished:
			if err := t.publish(ctx, doc, v); err != nil {
				return err
			}
		case disclosure.StatusWithdrawn:
			if _, err := t.exec(ctx, `UPDATE documents SET state = ?, withdrawn_at = ?, withdrawn_reason = ?, updated_at = ? WHERE id = ?`,
				disclosure.StatusWithdrawn, now, comment, now, docID); err != nil {
				return err
			}
			if err := t.unindexDocument(ctx, docID); err != nil {
				return err
			}
		default:
			if doc.PublishedVersion == 0 {
				if _, err := t.exec(ctx, `UPDATE documents SET state = ?, updated_at = ? WHERE id = ?`, next, now, docID); err != nil {
					return err
				}
			}
		}
		doc, err = t.document(ctx, docID)
		if err != nil {
			return err
		}
		return t.record(ctx, actorOf(p), doc.OrgID, "document."+string(in.Action), "document", docID, map[string]any{"status": v.Status, "version": v.Version},
			map[string]any{"status": next, "version": v.Version}, comment)
	})
	return doc, err
}

// publish makes version v the document's public version and mirrors its metadata.
func (t *Tx) publish(ctx context.Context, doc disclosure.Document, v disclosure.Version) error {
	now := fmtTime(t.now)
	col, err := t.columnFor(ctx, doc.OrgID, v.ColumnSlug, v.Genre)
	if err != nil {
		return err
	}
	if doc.ColumnID != 0 && v.ColumnSlug == "" {
		col = doc.ColumnID
	}
	if _, err := t.exec(ctx, `UPDATE document_versions SET published_at = ? WHERE document_id = ? AND version = ?`, now, doc.ID, v.Version); err != nil {
		return err
	}
	// The document's 发布日期 stays the date of first publication; each version keeps its own.
	publishedAt := now
	if doc.PublishedVersion > 0 && !doc.PublishedAt.IsZero() {
		publishedAt = fmtTime(doc.PublishedAt)
	}
	_, err = t.exec(ctx, `UPDATE documents SET state = ?, published_version = ?, column_id = ?, title = ?, doc_number = ?, genre = ?, topic = ?,
		written_on = ?, published_at = ?, validity = ?, effective_on = ?, expires_on = ?, mode = ?, made_on = ?, withdrawn_at = '', withdrawn_reason = '', updated_at = ?
		WHERE id = ?`, disclosure.StatusPublished, v.Version, col, v.Title, v.DocNumber, v.Genre, v.Topic, fmtDate(v.WrittenOn), publishedAt,
		v.Validity, fmtDate(v.EffectiveOn), fmtDate(v.ExpiresOn), v.Mode, fmtDate(v.MadeOn), now, doc.ID)
	if err != nil {
		return err
	}
	if err := t.fault("publish"); err != nil {
		return err
	}
	return t.indexPublished(ctx, doc.ID)
}

// revise starts a new draft version from the published one; the published version stays public.
func (t *Tx) revise(ctx context.Context, p *org.Principal, doc disclosure.Document, v disclosure.Version) error {
	next := v.Version + 1
	now := fmtTime(t.now)
	var createdBy any
	if p != nil {
		createdBy = p.User.ID
	}
	if _, err := t.exec(ctx, `INSERT INTO document_versions (document_id, version, status, title, doc_number, doc_prefix, doc_year, doc_seq, issuers,
		written_on, made_on, publish_at, published_at, topic, genre, plan_kind, plan_period, mode, mode_reason, validity, effective_on, expires_on,
		summary, body_html, review_comment, change_note, created_by, lock_version, created_at, updated_at)
		SELECT document_id, ?, ?, title, doc_number, doc_prefix, doc_year, doc_seq, issuers, written_on, made_on, '', '', topic, genre, plan_kind,
		plan_period, mode, mode_reason, validity, effective_on, expires_on, summary, body_html, '', '', ?, 1, ?, ?
		FROM document_versions WHERE document_id = ? AND version = ?`, next, disclosure.StatusDraft, createdBy, now, now, doc.ID, v.Version); err != nil {
		return fmt.Errorf("store: revise: %w", err)
	}
	if _, err := t.exec(ctx, `INSERT INTO attachments (document_id, version, name, sha256, size, content_type, position, created_at)
		SELECT document_id, ?, name, sha256, size, content_type, position, ? FROM attachments WHERE document_id = ? AND version = ?`,
		next, now, doc.ID, v.Version); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `UPDATE documents SET latest_version = ?, updated_at = ? WHERE id = ?`, next, now, doc.ID); err != nil {
		return err
	}
	return t.record(ctx, actorOf(p), doc.OrgID, "document.revise", "document", doc.ID, nil, map[string]int{"version": next}, "")
}

// PublishDue publishes every approved version whose scheduled time has come; it returns how many.
func (db *DB) PublishDue(ctx context.Context) (int, error) {
	rows, err := db.query(ctx, `SELECT document_id FROM document_versions WHERE status = ? AND publish_at <> '' AND publish_at <= ?`,
		disclosure.StatusApproved, fmtTime(db.Now()))
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	n := 0
	for _, id := range ids {
		if _, err := db.Transition(ctx, nil, id, TransitionInput{Action: disclosure.ActionPublish}); err != nil {
			return n, fmt.Errorf("store: scheduled publication of %d: %w", id, err)
		}
		n++
	}
	return n, nil
}

func (t *Tx) document(ctx context.Context, id int64) (disclosure.Document, error) {
	d, err := scanDocument(t.queryRow(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, apperr.New(apperr.NotFound, "文件不存在")
	}
	return d, err
}

func (t *Tx) version(ctx context.Context, docID int64, version int) (disclosure.Version, error) {
	v, err := scanVersion(t.queryRow(ctx, `SELECT `+versionColumns+` FROM document_versions WHERE document_id = ? AND version = ?`, docID, version))
	if errors.Is(err, sql.ErrNoRows) {
		return v, apperr.New(apperr.NotFound, "文件版本不存在")
	}
	return v, err
}

// Document returns a document by id (any state; callers check visibility).
func (db *DB) Document(ctx context.Context, id int64) (disclosure.Document, error) {
	d, err := scanDocument(db.queryRow(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, apperr.New(apperr.NotFound, "文件不存在")
	}
	return d, err
}

// DocumentByIndexNumber returns a document by its 索引号.
func (db *DB) DocumentByIndexNumber(ctx context.Context, idx string) (disclosure.Document, error) {
	d, err := scanDocument(db.queryRow(ctx, `SELECT `+documentColumns+` FROM documents WHERE index_number = ?`, idx))
	if errors.Is(err, sql.ErrNoRows) {
		return d, apperr.New(apperr.NotFound, "文件不存在")
	}
	return d, err
}

// Version returns one version of a document.
func (db *DB) Version(ctx context.Context, docID int64, version int) (disclosure.Version, error) {
	v, err := scanVersion(db.queryRow(ctx, `SELECT `+versionColumns+` FROM document_versions WHERE document_id = ? AND version = ?`, docID, version))
	if errors.Is(err, sql.ErrNoRows) {
		return v, apperr.New(apperr.NotFound, "文件版本不存在")
	}
	return v, err
}

// Versions lists all versions of a document, newest first.
func (db *DB) Versions(ctx context.Context, docID int64) ([]disclosure.Version, error) {
	rows, err := db.query(ctx, `SELECT `+versionColumns+` FROM document_versions WHERE document_id = ? ORDER BY version DESC`, docID)
	if err != nil {
		return nil, fmt.Errorf("store: versions: %w", err)
	}
	defer rows.Close()
	var out []disclosure.Version
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// AddRelation links two documents of the same platform; only the source's organisation may.
func (db *DB) AddRelation(ctx context.Context, p *org.Principal, fromID int64, kind disclosure.RelationKind, toID int64) error {
	if !kind.Valid() {
		return apperr.New(apperr.Invalid, "未知的关联类型").OnField("kind")
	}
	if fromID == toID {
		return apperr.New(apperr.Invalid, "文件不能关联自身").OnField("to")
	}
	return db.write(ctx, func(t *Tx) error {
		from, err := t.document(ctx, fromID)
		if err != nil {
			return err
		}
		if _, err := t.requireWrite(ctx, p, from.OrgID, org.PermEditDocument); err != nil {
			return err
		}
		if _, err := t.document(ctx, toID); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT INTO document_relations (from_id, kind, to_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			fromID, kind, toID, fmtTime(t.now)); err != nil {
			return err
		}
		return t.record(ctx, actorOf(p), from.OrgID, "document.relate", "document", fromID, nil, map[string]any{"kind": kind, "to": toID}, string(kind))
	})
}

// Relations lists a document's relations in both directions, with the other side's title.
// publicOnly keeps only relations to published documents.
func (db *DB) Relations(ctx context.Context, docID int64, publicOnly bool) ([]disclosure.Relation, error) {
	q := `SELECT r.from_id, r.kind, r.to_id, d.id, d.title, 0 FROM document_relations r JOIN documents d ON d.id = r.to_id WHERE r.from_id = ?` +
		pubCond(publicOnly) + `
		UNION ALL
		SELECT r.from_id, r.kind, r.to_id, d.id, d.title, 1 FROM document_relations r JOIN documents d ON d.id = r.from_id WHERE r.to_id = ?` + pubCond(publicOnly)
	rows, err := db.query(ctx, q, docID, docID)
	if err != nil {
		return nil, fmt.Errorf("store: relations: %w", err)
	}
	defer rows.Close()
	var out []disclosure.Relation
	for rows.Next() {
		var r disclosure.Relation
		var inv int
		if err := rows.Scan(&r.FromID, &r.Kind, &r.ToID, &r.OtherID, &r.OtherTitle, &inv); err != nil {
			return nil, err
		}
		r.Inverse = inv == 1
		out = append(out, r)
	}
	return out, rows.Err()
}

func pubCond(publicOnly bool) string {
	if publicOnly {
		return ` AND d.state = 'published'`
	}
	return ""
}

// AddAttachment stores a file (content-addressed by SHA-256) and attaches it to the latest draft
// version of a document.
func (db *DB) AddAttachment(ctx context.Context, p *org.Principal, docID int64, name string, data []byte) (disclosure.Attachment, error) {
	name, ct, err := disclosure.CheckAttachment(name, data)
	if err != nil {
		return disclosure.Attachment{}, err
	}
	sum := sha256.Sum256(data)
	a := disclosure.Attachment{DocumentID: docID, Name: name, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), ContentType: ct}
	err = db.write(ctx, func(t *Tx) error {
		doc, err := t.document(ctx, docID)
		if err != nil {
			return err
		}
		if _, err := t.requireWrite(ctx, p, doc.OrgID, org.PermEditDocument); err != nil {
			return err
		}
		v, err := t.version(ctx, docID, doc.LatestVersion)
		if err != nil {
			return err
		}
		if v.Status != disclosure.StatusDraft {
			return apperr.New(apperr.Conflict, "只能向草稿添加附件；已发布的文件请先修订")
		}
		a.Version = v.Version
		if _, err := t.exec(ctx, `INSERT INTO blobs (sha256, size, content_type, data, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
			a.SHA256, a.Size, ct, data, fmtTime(t.now)); err != nil {
			return fmt.Errorf("store: blob: %w", err)
		}
		var pos int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM attachments WHERE document_id = ? AND version = ?`, docID, v.Version).Scan(&pos); err != nil {
			return err
		}
		a.ID, err = t.insertID(ctx, `INSERT INTO attachments (document_id, version, name, sha256, size, content_type, position, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, docID, v.Version, name, a.SHA256, a.Size, ct, pos, fmtTime(t.now))
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE document_versions SET lock_version = lock_version + 1, updated_at = ? WHERE document_id = ? AND version = ?`,
			fmtTime(t.now), docID, v.Version); err != nil {
			return err
		}
		return t.record(ctx, actorOf(p), doc.OrgID, "document.attach", "document", docID, nil, a, name)
	})
	return a, err
}

// RemoveAttachment detaches a file from the latest draft version (the blob stays: other versions may use it).
func (db *DB) RemoveAttachment(ctx context.Context, p *org.Principal, docID, attachmentID int64) error {
	return db.write(ctx, func(t *Tx) error {
		doc, err := t.document(ctx, docID)
		if err != nil {
			return err
		}
		if _, err := t.requireWrite(ctx, p, doc.OrgID, org.PermEditDocument); err != nil {
			return err
		}
		v, err := t.version(ctx, docID, doc.LatestVersion)
		if err != nil {
			return err
		}
		if v.Status != disclosure.StatusDraft {
			return apperr.New(apperr.Conflict, "只能从草稿删除附件")
		}
		res, err := t.exec(ctx, `DELETE FROM attachments WHERE id = ? AND document_id = ? AND version = ?`, attachmentID, docID, v.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "附件不存在")
		}
		return t.record(ctx, actorOf(p), doc.OrgID, "document.detach", "document", docID, nil, nil, strconv.FormatInt(attachmentID, 10))
	})
}

// Attachments lists the files of a version.
func (db *DB) Attachments(ctx context.Context, docID int64, version int) ([]disclosure.Attachment, error) {
	rows, err := db.query(ctx, `SELECT id, document_id, version, name, sha256, size, content_type FROM attachments WHERE document_id = ? AND version = ? ORDER BY position, id`, docID, version)
	if err != nil {
		return nil, fmt.Errorf("store: attachments: %w", err)
	}
	defer rows.Close()
	var out []disclosure.Attachment
	for rows.Next() {
		var a disclosure.Attachment
		if err := rows.Scan(&a.ID, &a.DocumentID, &a.Version, &a.Name, &a.SHA256, &a.Size, &a.ContentType); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Attachment returns an attachment's record and bytes.
func (db *DB) Attachment(ctx context.Context, id int64) (disclosure.Attachment, []byte, error) {
	var a disclosure.Attachment
	var data []byte
	err := db.queryRow(ctx, `SELECT a.id, a.document_id, a.version, a.name, a.sha256, a.size, a.content_type, b.data
		FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = ?`, id).
		Scan(&a.ID, &a.DocumentID, &a.Version, &a.Name, &a.SHA256, &a.Size, &a.ContentType, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil, apperr.New(apperr.NotFound, "附件不存在")
	}
	return a, data, err
}

func isUniqueViolation(err error) bool {
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint") || strings.Contains(s, "SQLSTATE 23505")
}
