package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gongkai/internal/audit"
)

// Setting returns a platform setting, or "" and false when unset.
func (db *DB) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := db.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: setting %s: %w", key, err)
	}
	return v, true, nil
}

// SetSetting stores a platform setting.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	return db.write(ctx, func(t *Tx) error {
		_, err := t.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}

// SetOrgSetting stores a setting that belongs to organisation orgID (such as an edited notice
// template) and records the change in the audit log as action on the organisation, in the same
// transaction: the entry keeps digests of the value before and after, and detail (for example
// the setting's name). Callers check that the actor may change the organisation's settings.
func (db *DB) SetOrgSetting(ctx context.Context, actor audit.Actor, orgID int64, key, value, action, detail string) error {
	return db.write(ctx, func(t *Tx) error {
		var before string
		err := t.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&before)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: setting %s: %w", key, err)
		}
		if _, err := t.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
			return fmt.Errorf("store: set %s: %w", key, err)
		}
		return t.record(ctx, actor, orgID, action, "org", orgID, before, value, detail)
	})
}
