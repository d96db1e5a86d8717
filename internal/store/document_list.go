package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/workday"
)

// DocumentFilter selects documents. Empty fields do not filter.
type DocumentFilter struct {
	Public   bool // only published documents (what the public may see)
	States   []disclosure.Status
	Subtree  *org.Org // the organisation and everything below it
	OrgIDs   []int64  // restrict to these organisations (permission scope for staff)
	ColumnID int64
	// Area widens a column to the documents of the same genres published by the site's
	// departments and institutions (a government's column shows its departments' budgets too).
	Area      *AreaColumn
	Genre     disclosure.Genre
	Topic     string // top-level topic, or topic\sub
	Year      int    // year of publication (Asia/Shanghai)
	Validity  disclosure.Validity
	TitleLike string
	Today     workday.Date // for validity filtering
	Cursor    string       // keyset cursor from a previous page (API)
	Page      int          // 1-based page (portal); ignored with Cursor
	Limit     int
}

// AreaColumn is a column together with the organisations whose documents of its genres it shows.
type AreaColumn struct {
	ColumnID int64
	Genres   []disclosure.Genre
	OrgIDs   []int64
}

// DocumentPage is one page of a list.
type DocumentPage struct {
	Documents  []disclosure.Document
	Total      int    // total matches (portal pagination)
	NextCursor string // empty on the last page
}

func (f DocumentFilter) where() (string, []any, error) {
	var conds []string
	var args []any
	if f.Public {
		conds = append(conds, `state = 'published'`)
	} else if len(f.States) > 0 {
		conds = append(conds, `state IN (`+placeholders(len(f.States))+`)`)
		for _, s := range f.States {
			args = append(args, s)
		}
	}
	if f.Subtree != nil {
		conds = append(conds, `org_id IN (SELECT id FROM orgs WHERE path LIKE ?)`)
		args = append(args, f.Subtree.Path+"%")
	}
	if f.OrgIDs != nil {
		if len(f.OrgIDs) == 0 {
			conds = append(conds, `1 = 0`)
		} else {
			conds = append(conds, `org_id IN (`+placeholders(len(f.OrgIDs))+`)`)
			for _, id := range f.OrgIDs {
				args = append(args, id)
			}
		}
	}
	if f.ColumnID != 0 {
		conds = append(conds, `column_id = ?`)
		args = append(args, f.ColumnID)
	}
	if a := f.Area; a != nil {
		cond := `(column_id = ?`
		args = append(args, a.ColumnID)
		if len(a.Genres) > 0 && len(a.OrgIDs) > 0 {
			cond += ` OR (genre IN (` + placeholders(len(a.Genres)) + `) AND org_id IN (` + placeholders(len(a.OrgIDs)) + `))`
			for _, g := range a.Genres {
				args = append(args, g)
			}
			for _, id := range a.OrgIDs {
				args = append(args, id)
			}
		}
		conds = append(conds, cond+`)`)
	}
	if f.Genre != "" {
		if !f.Genre.Valid() {
			return "", nil, apperr.New(apperr.Invalid, "未知的信息类别").OnField("genre")
		}
		conds = append(conds, `genre = ?`)
		args = append(args, f.Genre)
	}
	if f.Topic != "" {
		if strings.Contains(f.Topic, `\`) {
			conds = append(conds, `topic = ?`)
			args = append(args, f.Topic)
		} else {
			conds = append(conds, `(topic = ? OR topic LIKE ?)`)
			args = append(args, f.Topic, escapeLike(f.Topic)+`\%`)
		}
	}
	if f.Year != 0 {
		if f.Year < 1949 || f.Year > 2100 {
			return "", nil, apperr.New(apperr.Invalid, "年份不合理").OnField("year")
		}
		from := time.Date(f.Year, 1, 1, 0, 0, 0, 0, workday.Location())
		to := time.Date(f.Year+1, 1, 1, 0, 0, 0, 0, workday.Location())
		conds = append(conds, `published_at >= ? AND published_at < ?`)
		args = append(args, fmtTime(from), fmtTime(to))
	}
	if f.Validity != "" {
		today := fmtDate(f.Today)
		switch f.Validity {
		case disclosure.ValidityInForce:
			conds = append(conds, `validity = 'in_force' AND (expires_on = '' OR expires_on > ?) AND (effective_on = '' OR effective_on <= ?)`)
			args = append(args, today, today)
		case disclosure.ValidityExpired:
			conds = append(conds, `(validity = 'expired' OR (validity IN ('in_force', 'not_yet_effective') AND expires_on <> '' AND expires_on <= ?))`)
			args = append(args, today)
		case disclosure.ValidityNotYetEffective:
			conds = append(conds, `validity IN ('in_force', 'not_yet_effective') AND effective_on > ? AND (expires_on = '' OR expires_on > ?)`)
			args = append(args, today, today)
		case disclosure.ValidityRepealed:
			conds = append(conds, `validity = 'repealed'`)
		default:
			return "", nil, apperr.New(apperr.Invalid, "未知的有效性").OnField("validity")
		}
	}
	if f.TitleLike != "" {
		conds = append(conds, `title LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(f.TitleLike)+"%")
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// sort key: publication time for published lists, last change for staff lists.
func (f DocumentFilter) sortColumn() string {
	if f.Public {
		return "published_at"
	}
	return "updated_at"
}

// Documents lists documents newest first. With a Cursor it pages by keyset (stable under inserts);
// otherwise by page number with a total count.
func (db *DB) Documents(ctx context.Context, f DocumentFilter) (DocumentPage, error) {
	var page DocumentPage
	where, args, err := f.where()
	if err != nil {
		return page, err
	}
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 20
	}
	sortCol := f.sortColumn()
	q := `SELECT ` + documentColumns + ` FROM documents` + where
	if f.Cursor != "" {
		key, id, err := decodeCursor(f.Cursor)
		if err != nil {
			return page, err
		}
		if where == "" {
			q += " WHERE "
		} else {
			q += " AND "
		}
		q += `(` + sortCol + ` < ? OR (` + sortCol + ` = ? AND id < ?))`
		args = append(args, key, key, id)
	} else {
		if err := db.queryRow(ctx, `SELECT COUNT(*) FROM documents`+where, args...).Scan(&page.Total); err != nil {
			return page, fmt.Errorf("store: count documents: %w", err)
		}
	}
	q += ` ORDER BY ` + sortCol + ` DESC, id DESC LIMIT ` + strconv.Itoa(f.Limit+1)
	if f.Cursor == "" && f.Page > 1 {
		q += ` OFFSET ` + strconv.Itoa((f.Page-1)*f.Limit)
	}
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return page, fmt.Errorf("store: documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return page, err
		}
		page.Documents = append(page.Documents, d)
	}
	if err := rows.Err(); err != nil {
		return page, err
	}
	if len(page.Documents) > f.Limit {
		page.Documents = page.Documents[:f.Limit]
		last := page.Documents[f.Limit-1]
		key := fmtTime(last.UpdatedAt)
		if f.Public {
			key = fmtTime(last.PublishedAt)
		}
		page.NextCursor = encodeCursor(key, last.ID)
	}
	return page, nil
}

func encodeCursor(key string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(key + "|" + strconv.FormatInt(id, 10)))
}

func decodeCursor(c string) (string, int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		key, idText, ok := strings.Cut(string(b), "|")
		id, perr := strconv.ParseInt(idText, 10, 64)
		if ok && perr == nil && id > 0 && (key == "" || !parseTime(key).IsZero()) {
			return key, id, nil
		}
	}
	return "", 0, apperr.New(apperr.Invalid, "分页游标无效").OnField("cursor")
}

// PendingProactive lists proactive documents made but not yet published (for the Art. 26 clock),
// in the given organisations.
func (db *DB) PendingProactive(ctx context.Context, orgIDs []int64) ([]disclosure.Document, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	args := []any{}
	for _, id := range orgIDs {
		args = append(args, id)
	}
	rows, err := db.query(ctx, `SELECT `+documentColumns+` FROM documents WHERE published_version = 0 AND state IN ('draft', 'in_review', 'approved')
		AND mode = 'proactive' AND made_on <> '' AND org_id IN (`+placeholders(len(orgIDs))+`) ORDER BY made_on, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: pending documents: %w", err)
	}
	defer rows.Close()
	var out []disclosure.Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// WorkQueue lists the documents whose latest version waits for someone in the organisation:
// drafts and rejected drafts for editors, in-review for reviewers, approved for publishers.
func (db *DB) WorkQueue(ctx context.Context, orgID int64, statuses []disclosure.Status, limit int) ([]disclosure.Document, []disclosure.Version, error) {
	if len(statuses) == 0 {
		return nil, nil, nil
	}
	args := []any{orgID}
	for _, s := range statuses {
		args = append(args, s)
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	rows, err := db.query(ctx, `SELECT d.id, d.latest_version FROM documents d
		JOIN document_versions v ON v.document_id = d.id AND v.version = d.latest_version
		WHERE d.org_id = ? AND v.status IN (`+placeholders(len(statuses))+`) ORDER BY v.updated_at DESC LIMIT `+strconv.Itoa(limit), args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: work queue: %w", err)
	}
	type key struct {
		id      int64
		version int
	}
	var keys []key
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.id, &k.version); err != nil {
			rows.Close()
			return nil, nil, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	docs := make([]disclosure.Document, 0, len(keys))
	versions := make([]disclosure.Version, 0, len(keys))
	for _, k := range keys {
		d, err := db.Document(ctx, k.id)
		if err != nil {
			return nil, nil, err
		}
		v, err := db.Version(ctx, k.id, k.version)
		if err != nil {
			return nil, nil, err
		}
		docs, versions = append(docs, d), append(versions, v)
	}
	return docs, versions, nil
}
