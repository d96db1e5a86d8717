package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
)

func (t *Tx) createStandardColumns(ctx context.Context, orgID int64) error {
	ids := map[string]int64{}
	for i, c := range disclosure.StandardColumns {
		var parent any
		if c.Parent != "" {
			parent = ids[c.Parent]
		}
		id, err := t.insertID(ctx, `INSERT INTO columns (org_id, parent_id, slug, name, kind, genres, position) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			orgID, parent, c.Slug, c.Name, c.Kind, disclosure.EncodeGenres(c.Genres), i)
		if err != nil {
			return fmt.Errorf("store: create column %s: %w", c.Slug, err)
		}
		ids[c.Slug] = id
	}
	return nil
}

func scanColumn(s scanner) (disclosure.Column, error) {
	var c disclosure.Column
	var genres string
	err := s.Scan(&c.ID, &c.OrgID, &c.ParentID, &c.Slug, &c.Name, &c.Kind, &genres, &c.Position)
	c.Genres = disclosure.DecodeGenres(genres)
	return c, err
}

const columnColumns = `id, org_id, COALESCE(parent_id, 0), slug, name, kind, genres, position`

// Columns lists an organisation's columns in display order (flat).
func (db *DB) Columns(ctx context.Context, orgID int64) ([]disclosure.Column, error) {
	rows, err := db.query(ctx, `SELECT `+columnColumns+` FROM columns WHERE org_id = ? ORDER BY position, id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: columns: %w", err)
	}
	defer rows.Close()
	var out []disclosure.Column
	for rows.Next() {
		c, err := scanColumn(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Column returns an organisation's column by slug.
func (db *DB) Column(ctx context.Context, orgID int64, slug string) (disclosure.Column, error) {
	c, err := scanColumn(db.queryRow(ctx, `SELECT `+columnColumns+` FROM columns WHERE org_id = ? AND slug = ?`, orgID, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return c, apperr.New(apperr.NotFound, "栏目不存在")
	}
	return c, err
}

func (t *Tx) columns(ctx context.Context, orgID int64) ([]disclosure.Column, error) {
	rows, err := t.query(ctx, `SELECT `+columnColumns+` FROM columns WHERE org_id = ? ORDER BY position, id`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []disclosure.Column
	for rows.Next() {
		c, err := scanColumn(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
