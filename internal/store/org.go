package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/audit"
	"gongkai/internal/org"
)

const orgColumns = `id, COALESCE(parent_id, 0), path, code, name, short_name, kind, level, COALESCE(host, ''), guide_html, rules_html,
	address, postcode, phone, fax, email, office_hours, office_name, index_scheme, position, lock_version, created_at, updated_at`

func scanOrg(s scanner) (org.Org, error) {
	var o org.Org
	var created, updated string
	err := s.Scan(&o.ID, &o.ParentID, &o.Path, &o.Code, &o.Name, &o.ShortName, &o.Kind, &o.Level, &o.Host, &o.GuideHTML, &o.RulesHTML,
		&o.Contact.Address, &o.Contact.Postcode, &o.Contact.Phone, &o.Contact.Fax, &o.Contact.Email, &o.Contact.OfficeHours, &o.Contact.OfficeName,
		&o.IndexScheme, &o.Position, &o.LockVersion, &created, &updated)
	o.CreatedAt, o.UpdatedAt = parseTime(created), parseTime(updated)
	return o, err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// CreateOrg adds an organisation under its parent (ParentID 0 for a root) and gives it the
// standard disclosure column.
func (db *DB) CreateOrg(ctx context.Context, actor audit.Actor, o org.Org) (org.Org, error) {
	o.Code = org.NormalizeCreditCode(o.Code)
	o.Host = strings.ToLower(strings.TrimSpace(o.Host))
	if o.IndexScheme == "" {
		o.IndexScheme = "default"
	}
	err := db.write(ctx, func(t *Tx) error {
		var parent *org.Org
		if o.ParentID != 0 {
			p, err := t.orgByID(ctx, o.ParentID)
			if err != nil {
				return err
			}
			parent = &p
		}
		if err := org.Validate(o, parent); err != nil {
			return err
		}
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM orgs WHERE code = ? OR (host IS NOT NULL AND host = ?)`, o.Code, o.Host).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "统一社会信用代码或域名已被其他机构使用").OnField("code")
		}
		var parentID any
		if parent != nil {
			parentID = parent.ID
		}
		id, err := t.insertID(ctx, `INSERT INTO orgs (parent_id, code, name, short_name, kind, level, host, guide_html, rules_html,
			address, postcode, phone, fax, email, office_hours, office_name, index_scheme, position, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			parentID, o.Code, o.Name, o.ShortName, o.Kind, o.Level, nullable(o.Host), o.GuideHTML, o.RulesHTML,
			o.Contact.Address, o.Contact.Postcode, o.Contact.Phone, o.Contact.Fax, o.Contact.Email, o.Contact.OfficeHours, o.Contact.OfficeName,
			o.IndexScheme, o.Position, fmtTime(t.now), fmtTime(t.now))
		if err != nil {
			return fmt.Errorf("store: insert org: %w", err)
		}
		o.ID = id
		if parent != nil {
			o.Path = parent.ChildPath(id)
		} else {
			o.Path = (org.Org{Path: "/"}).ChildPath(id)
		}
		if _, err := t.exec(ctx, `UPDATE orgs SET path = ? WHERE id = ?`, o.Path, id); err != nil {
			return err
		}
		if err := t.createStandardColumns(ctx, o.ID); err != nil {
			return err
		}
		o.LockVersion = 1
		o.CreatedAt, o.UpdatedAt = t.now, t.now
		return t.record(ctx, actor, id, "org.create", "org", id, nil, o, o.Name)
	})
	return o, err
}

// OrgUpdate is an edit of an organisation's settings; LockVersion must match the stored one.
type OrgUpdate struct {
	Name, ShortName, Host string
	GuideHTML, RulesHTML  string
	Contact               org.Contact
	IndexScheme           string
	LockVersion           int
}

// UpdateOrg edits an organisation. Stale edits (another edit came first) are refused.
func (db *DB) UpdateOrg(ctx context.Context, actor audit.Actor, id int64, u OrgUpdate) (org.Org, error) {
	var out org.Org
	err := db.write(ctx, func(t *Tx) error {
		before, err := t.orgByID(ctx, id)
		if err != nil {
			return err
		}
		if before.LockVersion != u.LockVersion {
			return apperr.New(apperr.StaleVersion, "该机构信息已被他人修改，请刷新后重试")
		}
		o := before
		o.Name, o.ShortName, o.Host = u.Name, u.ShortName, strings.ToLower(strings.TrimSpace(u.Host))
		o.GuideHTML, o.RulesHTML, o.Contact = u.GuideHTML, u.RulesHTML, u.Contact
		if u.IndexScheme != "" {
			o.IndexScheme = u.IndexScheme
		}
		var parent *org.Org
		if o.ParentID != 0 {
			p, err := t.orgByID(ctx, o.ParentID)
			if err != nil {
				return err
			}
			parent = &p
		}
		if err := org.Validate(o, parent); err != nil {
			return err
		}
		if o.Host != "" {
			var n int
			if err := t.queryRow(ctx, `SELECT COUNT(*) FROM orgs WHERE host = ? AND id <> ?`, o.Host, id).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return apperr.New(apperr.Conflict, "该域名已被其他机构使用").OnField("host")
			}
		}
		o.LockVersion++
		o.UpdatedAt = t.now
		if _, err := t.exec(ctx, `UPDATE orgs SET name = ?, short_name = ?, host = ?, guide_html = ?, rules_html = ?, address = ?, postcode = ?,
			phone = ?, fax = ?, email = ?, office_hours = ?, office_name = ?, index_scheme = ?, lock_version = ?, updated_at = ? WHERE id = ?`,
			o.Name, o.ShortName, nullable(o.Host), o.GuideHTML, o.RulesHTML, o.Contact.Address, o.Contact.Postcode, o.Contact.Phone,
			o.Contact.Fax, o.Contact.Email, o.Contact.OfficeHours, o.Contact.OfficeName, o.IndexScheme, o.LockVersion, fmtTime(t.now), id); err != nil {
			return fmt.Errorf("store: update org: %w", err)
		}
		out = o
		return t.record(ctx, actor, id, "org.update", "org", id, before, o, "")
	})
	return out, err
}

func (t *Tx) orgByID(ctx context.Context, id int64) (org.Org, error) {
	o, err := scanOrg(t.queryRow(ctx, `SELECT `+orgColumns+` FROM orgs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, apperr.New(apperr.NotFound, "机构不存在")
	}
	return o, err
}

// Org returns an organisation by id.
func (db *DB) Org(ctx context.Context, id int64) (org.Org, error) {
	return db.orgWhere(ctx, `id = ?`, id)
}

// OrgByCode returns an organisation by its credit code.
func (db *DB) OrgByCode(ctx context.Context, code string) (org.Org, error) {
	return db.orgWhere(ctx, `code = ?`, org.NormalizeCreditCode(code))
}

// OrgByHost returns the organisation whose site is served under host.
func (db *DB) OrgByHost(ctx context.Context, host string) (org.Org, error) {
	return db.orgWhere(ctx, `host = ?`, strings.ToLower(host))
}

func (db *DB) orgWhere(ctx context.Context, cond string, arg any) (org.Org, error) {
	o, err := scanOrg(db.queryRow(ctx, `SELECT `+orgColumns+` FROM orgs WHERE `+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return o, apperr.New(apperr.NotFound, "机构不存在")
	}
	if err != nil {
		return o, fmt.Errorf("store: org: %w", err)
	}
	return o, nil
}

// Orgs lists all organisations in tree order: each parent before its children, siblings by
// position and then by creation.
func (db *DB) Orgs(ctx context.Context) ([]org.Org, error) {
	rows, err := db.query(ctx, `SELECT `+orgColumns+` FROM orgs ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: orgs: %w", err)
	}
	defer rows.Close()
	var out []org.Org
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return treeOrder(out), nil
}

// treeOrder sorts organisations depth-first, siblings by position and id.
func treeOrder(orgs []org.Org) []org.Org {
	children := map[int64][]org.Org{}
	for _, o := range orgs {
		children[o.ParentID] = append(children[o.ParentID], o)
	}
	for _, c := range children {
		sort.SliceStable(c, func(i, j int) bool {
			if c[i].Position != c[j].Position {
				return c[i].Position < c[j].Position
			}
			return c[i].ID < c[j].ID
		})
	}
	out := make([]org.Org, 0, len(orgs))
	var walk func(parent int64)
	walk = func(parent int64) {
		for _, o := range children[parent] {
			out = append(out, o)
			walk(o.ID)
		}
	}
	walk(0)
	return out
}

// SubtreeIDs lists the ids of root and every organisation below it.
func (db *DB) SubtreeIDs(ctx context.Context, root org.Org) ([]int64, error) {
	rows, err := db.query(ctx, `SELECT id FROM orgs WHERE path LIKE ?`, root.Path+"%")
	if err != nil {
		return nil, fmt.Errorf("store: subtree: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
