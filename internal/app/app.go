// Package app parses the command line and wires gongkai's parts together.
package app

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gongkai/internal/audit"
	"gongkai/internal/demo"
	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/web"
	"gongkai/internal/workday"
)

const usage = `gongkai — 政务公开平台

Usage:
  gongkai serve   [--addr :8080] [--data DIR] [--db URL] [--demo]   run the platform
  gongkai migrate [--data DIR] [--db URL]                          bring the database schema up to date
  gongkai user create --org CODE --username U --role ROLE [--name NAME] [--data DIR] [--db URL]
                                                                   create a staff user (password from stdin)
  gongkai audit verify [--data DIR] [--db URL]                     check the audit log's hash chain
  gongkai reindex [--data DIR] [--db URL]                          rebuild the search index
  gongkai report annual --org CODE --year YEAR --format xlsx|docx|html|json [--out FILE]
                                                                   the annual report (政府信息公开工作年度报告)
  gongkai import laws|policies [--data DIR] [--db URL] [--org CODE] [--defer-index] FILE
                                                                   import published documents (laws.jsonl.gz,
                                                                   State Council .jsonl); safe to repeat
  gongkai calendar load --year YEAR [--notice 文号] [--replace] [--data DIR] [--db URL] FILE
                                                                   load a year's holiday notice (rest days and
                                                                   weekend working days) from a calendar file
  gongkai calendar list [--data DIR] [--db URL]                    the years in force and where they come from

--db defaults to a SQLite file in the data folder; a postgres:// URL selects PostgreSQL.
Roles: admin, editor, reviewer, request_handler, supervisor.
`

// Run runs gongkai with command-line args (without the program name).
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], getenv, stdout, stderr)
	case "migrate":
		return migrate(ctx, args[1:], getenv, stdout, stderr)
	case "user":
		if len(args) < 2 || args[1] != "create" {
			return errors.New("usage: gongkai user create --org CODE --username U --role ROLE")
		}
		return userCreate(ctx, args[2:], getenv, stdin, stdout, stderr)
	case "audit":
		if len(args) < 2 || args[1] != "verify" {
			return errors.New("usage: gongkai audit verify")
		}
		return auditVerify(ctx, args[2:], getenv, stdout, stderr)
	case "report":
		return reportCmd(ctx, args[1:], getenv, stdout, stderr)
	case "reindex":
		return reindexCmd(ctx, args[1:], getenv, stdout, stderr)
	case "import":
		return importCmd(ctx, args[1:], getenv, stdout, stderr)
	case "calendar":
		return calendarCmd(ctx, args[1:], getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// dataFlags are the flags of every command that touches data.
type dataFlags struct {
	data   string
	db     string
	secret string
}

func (d *dataFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&d.data, "data", envOr(getenv, "GONGKAI_DATA", "./gongkai-data"), "data folder")
	fs.StringVar(&d.db, "db", getenv("GONGKAI_DB"), "database: empty for SQLite in the data folder, or a postgres:// URL")
	d.secret = getenv("GONGKAI_SECRET_KEY")
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func (d *dataFlags) open(ctx context.Context) (*store.DB, error) {
	db, err := store.Open(ctx, d.db, d.data)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	key, err := secretKey(d.secret, d.data)
	if err == nil {
		err = db.SetSecret(key)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// secretKey is the key that seals applicants' personal data: GONGKAI_SECRET_KEY (base64 of 32
// bytes; required when several servers share PostgreSQL), else a key file in the data folder,
// made on first use.
func secretKey(fromEnv, dataDir string) ([]byte, error) {
	if fromEnv != "" {
		key, err := base64.StdEncoding.DecodeString(fromEnv)
		if err != nil || len(key) != 32 {
			return nil, errors.New("GONGKAI_SECRET_KEY must be the base64 encoding of 32 random bytes (openssl rand -base64 32)")
		}
		return key, nil
	}
	path := filepath.Join(dataDir, "secret.key")
	if b, err := os.ReadFile(path); err == nil {
		key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || len(key) != 32 {
			return nil, fmt.Errorf("%s is damaged: it must hold the base64 encoding of 32 bytes", path)
		}
		return key, nil
	} else if !os.IsNotExist(err) {
		return nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	return key, f.Close()
}

// openCommand parses the arguments of a command that takes only the data flags and opens the
// store.
func openCommand(ctx context.Context, name string, args []string, getenv func(string) string, stderr io.Writer) (*store.DB, error) {
	fs := newFlagSet(name, stderr)
	var d dataFlags
	d.register(fs, getenv)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return d.open(ctx)
}

// openIndexed opens the store and makes sure its search index fits this analyzer.
func (d *dataFlags) openIndexed(ctx context.Context, out io.Writer) (*store.DB, error) {
	db, err := d.open(ctx)
	if err != nil {
		return nil, err
	}
	if err := ensureIndex(ctx, db, out); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.OpenSearch(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", stderr)
	var d dataFlags
	d.register(fs, getenv)
	addr := fs.String("addr", envOr(getenv, "GONGKAI_ADDR", ":8080"), "listen address (dual-stack when the host is empty)")
	withDemo := fs.Bool("demo", false, "load demonstration data (once; safe to repeat)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	db, err := d.openIndexed(ctx, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	if *withDemo {
		start := time.Now()
		loaded, err := demo.Load(ctx, db, d.data, stdout)
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		if loaded {
			logger.Info("demo data loaded", "seconds", time.Since(start).Seconds())
		}
	}
	handler := web.New(web.Config{DB: db, Logger: logger, Calendar: workday.Default(), Demo: *withDemo})
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 20,
	}
	// "tcp" with an empty host listens on both IPv4 and IPv6.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	jobsCtx, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	go runJobs(jobsCtx, db, logger)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "gongkai 已启动：http://localhost%s/ （数据库：%s）\n", displayPort(ln.Addr()), db.Engine())
	logger.Info("listening", "addr", ln.Addr().String(), "engine", db.Engine())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func displayPort(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok {
		return fmt.Sprintf(":%d", t.Port)
	}
	return ""
}

// runJobs runs the background work: scheduled publication every minute, and every ten minutes
// the applications' clocks (a pending application becomes overdue as the days pass) and the
// reminders before their due dates.
func runJobs(ctx context.Context, db *store.DB, logger *slog.Logger) {
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	for n := 0; ; n++ {
		if published, err := db.PublishDue(ctx); err != nil {
			logger.Error("scheduled publication", "err", err)
		} else if published > 0 {
			logger.Info("scheduled publication", "published", published)
		}
		if n%10 == 0 {
			runClockJobs(ctx, db, logger)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// runClockJobs refreshes the applications' cached clocks, then records the reminders their
// clocks call for (reminder.days_before working days before the due date, and the first day
// overdue), each once, for the handlers of the receiving organisation. "Today" is the date in
// China on the store's clock (db.Now), so tests can set it.
func runClockJobs(ctx context.Context, db *store.DB, logger *slog.Logger) {
	c, err := db.Clocking(ctx, workday.Default(), workday.DateOf(db.Now()))
	if err != nil {
		logger.Error("calendar", "err", err) // c holds the shipped calendar: the clocks still run
	}
	if _, err := db.RefreshRequestClocks(ctx, c); err != nil {
		logger.Error("application clocks", "err", err)
	}
	if n, err := db.RecordRequestReminders(ctx, c); err != nil {
		logger.Error("application reminders", "err", err)
	} else if n > 0 {
		logger.Info("application reminders", "recorded", n)
	}
}

func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	db, err := openCommand(ctx, "migrate", args, getenv, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "数据库结构已是最新（%s）\n", db.Engine())
	return nil
}

func userCreate(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("user create", stderr)
	var d dataFlags
	d.register(fs, getenv)
	code := fs.String("org", "", "organisation code (统一社会信用代码)")
	username := fs.String("username", "", "login name")
	role := fs.String("role", "", "admin, editor, reviewer, request_handler or supervisor")
	name := fs.String("name", "", "display name")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *code == "" || *username == "" || *role == "" {
		return errors.New("--org, --username and --role are required")
	}
	r, err := org.ParseRole(*role)
	if err != nil {
		return err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password from stdin: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	o, err := db.OrgByCode(ctx, *code)
	if err != nil {
		return fmt.Errorf("organisation %s: %w", *code, err)
	}
	u, err := db.CreateUser(ctx, audit.Actor{Name: "cli"}, org.User{OrgID: o.ID, Username: *username, DisplayName: *name, Role: r}, password)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已创建用户 %s（%s，%s）\n", u.Username, o.Name, u.Role.Label())
	return nil
}

func auditVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	db, err := openCommand(ctx, "audit verify", args, getenv, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	n, problems, err := db.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(stdout, "BROKEN", p.String())
		}
		return fmt.Errorf("audit log: %d problem(s) in %d entries", len(problems), n)
	}
	fmt.Fprintf(stdout, "audit log OK: %d entries, chain intact\n", n)
	return nil
}
