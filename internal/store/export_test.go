package store

import (
	"context"
	"fmt"
	"strings"
)

// BulkInsert inserts rows into table in one transaction, many rows per statement, for
// benchmarks that need large realistic data quickly. Tests only.
func (db *DB) BulkInsert(ctx context.Context, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	per := max(1, 8000/len(cols))
	return db.write(ctx, func(t *Tx) error {
		one := "(" + placeholders(len(cols)) + ")"
		for start := 0; start < len(rows); start += per {
			chunk := rows[start:min(start+per, len(rows))]
			var b strings.Builder
			b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
			args := make([]any, 0, len(chunk)*len(cols))
			for i, r := range chunk {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(one)
				args = append(args, r...)
			}
			if _, err := t.exec(ctx, b.String(), args...); err != nil {
				return fmt.Errorf("bulk insert into %s: %w", table, err)
			}
		}
		return nil
	})
}

// CountRaw runs a counting query, for tests that look at what is stored.
func (db *DB) CountRaw(ctx context.Context, q string) (int, error) {
	var n int
	err := db.queryRow(ctx, q).Scan(&n)
	return n, err
}
