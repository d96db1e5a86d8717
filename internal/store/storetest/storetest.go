// Package storetest opens fresh stores for tests: a SQLite file in a temporary folder, and, when
// GONGKAI_TEST_POSTGRES is set, a fresh PostgreSQL schema per test so that packages run in parallel
// without seeing each other's rows.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"gongkai/internal/store"
)

// EnvPostgres names the PostgreSQL URL for tests.
const EnvPostgres = "GONGKAI_TEST_POSTGRES"

// Engines runs fn once per available engine, as subtests named "sqlite" and "postgres".
func Engines(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, Open(t, store.SQLite)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Open(t, store.Postgres)) })
}

// Open returns a migrated, empty store on the engine; PostgreSQL tests skip with a clear
// message when GONGKAI_TEST_POSTGRES is unset.
func Open(t testing.TB, engine store.Engine) *store.DB {
	t.Helper()
	ctx := context.Background()
	var dsn string
	switch engine {
	case store.SQLite:
		dsn = ""
	case store.Postgres:
		dsn = PostgresDSN(t)
	}
	db, err := store.Open(ctx, dsn, t.TempDir())
	if err != nil {
		t.Fatalf("open %s store: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	key := make([]byte, 32)
	rand.Read(key)
	if err := db.SetSecret(key); err != nil {
		t.Fatal(err)
	}
	return db
}

// PostgresDSN creates a fresh schema for the test and returns a URL whose search_path selects it;
// the schema is dropped when the test ends.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skip("PostgreSQL tests skipped: set " + EnvPostgres + "=postgres://postgres@127.0.0.1:5432/test?sslmode=disable to run them")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("postgres: create schema (is %s right?): %v", EnvPostgres, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("postgres: bad %s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Exec runs raw SQL against the store, for tests that play an attacker with database access.
func Exec(db *store.DB, q string) error { return db.ExecRaw(context.Background(), q) }

// MustExec is Exec that fails the test on error.
func MustExec(t testing.TB, db *store.DB, q string) {
	t.Helper()
	if err := Exec(db, q); err != nil {
		t.Fatalf("exec %q: %v", q, err)
	}
}

// SourceKeys maps the source keys of imported documents to their ids.
func SourceKeys(db *store.DB) (map[string]int64, error) { return db.SourceKeys(context.Background()) }
