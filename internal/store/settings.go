package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
