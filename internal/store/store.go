// Package store keeps gongkai's data in SQLite (the embedded default) or PostgreSQL.
// SQL is written by hand once, with ? placeholders that are rebound for PostgreSQL;
// the few engine-specific parts live in files and migrations named for their engine.
package store

import (
	"context"
	"crypto/cipher"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Engine names a database engine.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// DB is the store. SQLite gets one writer connection and a pool of readers so that writers never
// meet SQLITE_BUSY; PostgreSQL uses one pool for both.
type DB struct {
	engine Engine
	w      *sql.DB
	r      *sql.DB
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Fault, when set (tests only), is called at named points inside write transactions, between
	// a document's write and its index update; an error aborts the transaction there, as a crash
	// would.
	Fault func(point string) error

	aead    cipher.AEAD // seals applicants' personal data (SetSecret)
	hmacKey []byte      // keys applicants' identity documents

	cal calCache // the merged holiday calendar (Calendar)

	indexDir string // SQLite: the folder of the search index
	emb      embedded
	pgTokens pgTokenCache // PostgreSQL search: token document frequencies (search_postgres.go)
	stmts    sync.Map     // query → *sql.Stmt on the read pool (readStmt)
}

// Open opens the database named by dsn. An empty dsn, or a path, selects SQLite in dataDir;
// a postgres:// or postgresql:// URL selects PostgreSQL.
func Open(ctx context.Context, dsn, dataDir string) (*DB, error) {
	db := &DB{Now: time.Now}
	switch {
	case strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://"):
		db.engine = Postgres
		p, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		p.SetMaxOpenConns(20)
		p.SetMaxIdleConns(20)
		p.SetConnMaxIdleTime(5 * time.Minute)
		db.w, db.r = p, p
	default:
		db.engine = SQLite
		path := dsn
		if path == "" {
			if err := os.MkdirAll(dataDir, 0o750); err != nil {
				return nil, fmt.Errorf("store: create data folder: %w", err)
			}
			path = filepath.Join(dataDir, "gongkai.db")
		}
		path = strings.TrimPrefix(path, "sqlite://")
		db.indexDir = path + ".search"
		// busy_timeout must come first so that the other pragmas wait for locks too.
		pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(ON)" +
			"&_pragma=synchronous(FULL)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-32000)"
		w, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("store: open sqlite: %w", err)
		}
		w.SetMaxOpenConns(1)
		r, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(ON)")
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("store: open sqlite: %w", err)
		}
		r.SetMaxOpenConns(8)
		db.w, db.r = w, r
	}
	if err := db.w.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", db.engine, err)
	}
	return db, nil
}

// Engine reports which engine the store runs on.
func (db *DB) Engine() Engine { return db.engine }

// Close closes the pools.
func (db *DB) Close() error {
	err := db.closeIndex()
	db.stmts.Range(func(_, st any) bool {
		err = errors.Join(err, st.(*sql.Stmt).Close())
		return true
	})
	err = errors.Join(err, db.w.Close())
	if db.r != db.w {
		err = errors.Join(err, db.r.Close())
	}
	return err
}

// rebind turns ? placeholders into $n for PostgreSQL. Queries never use ? inside literals.
func (db *DB) rebind(q string) string {
	if db.engine != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// queryer is what both *sql.DB and *sql.Tx offer; helpers take it so they compose inside a transaction.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is a write transaction with the store's dialect.
type Tx struct {
	db  *DB
	tx  *sql.Tx
	now time.Time
	// SQLite: the search outbox positions written, and the documents to index (nil: remove).
	outbox      []int64
	outboxOrder []int64
	indexed     map[int64]*indexSource
	stmts       map[string]*sql.Stmt // closed by the commit or rollback
}

func (t *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, t.db.rebind(q), args...)
}
func (t *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, t.db.rebind(q), args...)
}
func (t *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, t.db.rebind(q), args...)
}

// stmt returns the transaction's prepared statement for q on SQLite, where the driver would
// otherwise parse every statement of a bulk import anew (pgx caches statements by itself). It
// returns nil when preparing fails; the caller then runs q directly and gets the error there.
func (t *Tx) stmt(ctx context.Context, q string) *sql.Stmt {
	if t.db.engine != SQLite {
		return nil
	}
	if st, ok := t.stmts[q]; ok {
		return st
	}
	st, err := t.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[q] = st
	return st
}

// insertID runs an INSERT … RETURNING id.
func (t *Tx) insertID(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := t.queryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

func (t *Tx) fault(point string) error {
	if t.db.Fault == nil {
		return nil
	}
	return t.db.Fault(point)
}

// write runs fn in one write transaction, stamped with one time.
func (db *DB) write(ctx context.Context, fn func(*Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	t := &Tx{db: db, tx: tx, now: db.Now().UTC()}
	if err := fn(t); err != nil {
		tx.Rollback()
		return err
	}
	if len(t.outbox) > 0 {
		// Until afterCommit has applied this transaction's index changes, the index loop
		// leaves them to it (see replayOutbox).
		db.emb.applying.Add(1)
		defer db.emb.applying.Add(-1)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	db.afterCommit(t)
	return nil
}

// readStmt is q prepared on the read pool, kept for the life of the store (for the few
// statements run on every search; database/sql prepares it again on each new connection).
func (db *DB) readStmt(ctx context.Context, q string) (*sql.Stmt, error) {
	q = db.rebind(q)
	if st, ok := db.stmts.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := db.r.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if prev, loaded := db.stmts.LoadOrStore(q, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.r.QueryContext(ctx, db.rebind(q), args...)
}
func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.r.QueryRowContext(ctx, db.rebind(q), args...)
}

// timeFormat is fixed-width so that text comparison orders times.
const timeFormat = "2006-01-02T15:04:05.000000Z"

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

// Migrate applies the embedded migrations that have not run yet, each in its own transaction.
func (db *DB) Migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrations table: %w", err)
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, path := range names {
		name := strings.TrimPrefix(path, "migrations/")
		if !db.migrationApplies(name) {
			continue
		}
		var done int
		if err := db.w.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM schema_migrations WHERE name = ?`), name).Scan(&done); err != nil {
			return fmt.Errorf("store: read migrations: %w", err)
		}
		if done > 0 {
			continue
		}
		body, err := migrationFiles.ReadFile(path)
		if err != nil {
			return err
		}
		if err := db.write(ctx, func(t *Tx) error {
			if _, err := t.tx.ExecContext(ctx, db.dialectSQL(string(body))); err != nil {
				return fmt.Errorf("store: migration %s: %w", name, err)
			}
			_, err := t.exec(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`, name, fmtTime(t.now))
			return err
		}); err != nil {
			return err
		}
	}
	// An import that deferred the search index and was stopped leaves it missing.
	return db.EnsureSearchIndex(ctx)
}

// migrationApplies tells whether a migration file is for this engine: plain names run everywhere,
// NAME.sqlite.sql and NAME.postgres.sql only on their engine.
func (db *DB) migrationApplies(name string) bool {
	base := strings.TrimSuffix(name, ".sql")
	switch {
	case strings.HasSuffix(base, ".sqlite"):
		return db.engine == SQLite
	case strings.HasSuffix(base, ".postgres"):
		return db.engine == Postgres
	}
	return true
}

func (db *DB) dialectSQL(s string) string {
	if db.engine == Postgres {
		return strings.NewReplacer("{{ID}}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "{{BLOB}}", "BYTEA").Replace(s)
	}
	return strings.NewReplacer("{{ID}}", "INTEGER PRIMARY KEY AUTOINCREMENT", "{{BLOB}}", "BLOB").Replace(s)
}

// ExecRaw runs a statement outside the store's rules; only tests and maintenance use it.
func (db *DB) ExecRaw(ctx context.Context, q string) error {
	_, err := db.w.ExecContext(ctx, q)
	return err
}
