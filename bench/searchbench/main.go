// Command searchbench measures gongkai's search at scale, as SEARCH-SCALE.md did before the code
// existed: it generates a deterministic corpus from the real laws corpus, imports it through
// DB.ImportDocuments (which indexes each document in the same transaction) on SQLite or
// PostgreSQL, and times the 100 queries of SEARCH-SCALE.md's five classes through DB.Search.
// It also writes the queries (with their tokens) and the corpus' tokens for
// bench/xapian_bench.py, and prints the combined tables of a run of bench/search.sh.
//
//	go run ./bench/searchbench -n 10000 -engine sqlite -data DIR -queries q.json -export corpus.tsv
//	go run ./bench/searchbench -n 10000 -engine postgres -db postgres://postgres@127.0.0.1:5432/test?sslmode=disable
//	go run ./bench/searchbench -n 10000 -prepare -queries q.json -export corpus.tsv   (no database)
//	go run ./bench/searchbench -report out/*.json
//
// See bench/README-search.md.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"
)

const defaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

type config struct {
	n           int
	engine      string
	data        string
	db          string
	schema      string
	keep        bool
	reuse       bool
	prepare     bool
	drop        bool
	corpus      string
	queries     string
	queriesFrom string
	export      string
	jsonOut     string
	round       int
	batch       int
	runs        int
	limit       time.Duration
	seed        uint64
	optimize    bool
	deferIndex  bool
	cpuprofile  string
	buildprof   string
	heapprof    string
	classes     string
}

func main() {
	var cfg config
	doReport := false
	fs := flag.NewFlagSet("searchbench", flag.ExitOnError)
	fs.IntVar(&cfg.n, "n", 10000, "number of documents")
	fs.StringVar(&cfg.engine, "engine", "sqlite", "sqlite or postgres")
	fs.StringVar(&cfg.data, "data", "", "SQLite data folder (default: a temporary folder, removed at the end)")
	fs.StringVar(&cfg.db, "db", envOr("GONGKAI_TEST_POSTGRES", defaultPostgres), "PostgreSQL URL (a schema of its own is created in it)")
	fs.StringVar(&cfg.schema, "schema", "", "PostgreSQL schema to use (default: a new bench_… schema); dropped at the end unless -keep")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the PostgreSQL schema at the end (for a later -reuse run)")
	fs.BoolVar(&cfg.reuse, "reuse", false, "do not build: query the database already in -data or -schema (a fresh process, as gongkai serve would be)")
	fs.BoolVar(&cfg.prepare, "prepare", false, "only write -queries and -export (no database)")
	fs.BoolVar(&cfg.drop, "drop", false, "drop the PostgreSQL -schema and exit")
	fs.StringVar(&cfg.corpus, "corpus", "../shared/data/laws-lawrefbook/laws.jsonl.gz", "the laws corpus (laws.jsonl.gz)")
	fs.StringVar(&cfg.queries, "queries", "", "write the 100 queries (class, text, tokens) as JSON to this file")
	fs.StringVar(&cfg.queriesFrom, "queries-from", "", "with -reuse: read the queries from this file (written by -queries) instead of reading the laws corpus, so that RSS is the store's alone")
	fs.StringVar(&cfg.export, "export", "", "write the corpus' tokens as TSV (id, title tokens, body tokens, year) to this file")
	fs.StringVar(&cfg.jsonOut, "json", "", "write the measurements as JSON to this file (for -report)")
	fs.IntVar(&cfg.round, "round", 1, "round number recorded in -json")
	fs.IntVar(&cfg.batch, "batch", 1000, "documents per ImportDocuments call (one transaction)")
	fs.IntVar(&cfg.runs, "runs", 3, "timed runs per query (after one warm-up)")
	fs.DurationVar(&cfg.limit, "limit", 5*time.Second, "a query whose warm-up takes longer is timed once only")
	fs.Uint64Var(&cfg.seed, "seed", 20240601, "seed of the generator and of the queries")
	fs.BoolVar(&cfg.optimize, "optimize", false, "SQLite: merge the search index into one segment after the import, or with -reuse before the queries (timed separately)")
	fs.StringVar(&cfg.cpuprofile, "cpuprofile", "", "write a CPU profile of the query phase to this file")
	fs.BoolVar(&cfg.deferIndex, "defer-index", false, "PostgreSQL: drop the search index for the import and build it at its end (store.DeferSearchIndex, as gongkai import --defer-index); the build time includes it")
	fs.StringVar(&cfg.buildprof, "buildprofile", "", "write a CPU profile of the build (import and indexing) to this file")
	fs.StringVar(&cfg.heapprof, "heapprofile", "", "write a heap profile to this file: of the build, taken when the heap in use was largest (checked every second); with -reuse, after the queries")
	fs.StringVar(&cfg.classes, "classes", "", "run only these query classes (comma-separated: "+strings.Join(classes, ",")+")")
	fs.BoolVar(&doReport, "report", false, "print the tables of the JSON result files given as arguments")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: searchbench [flags]\n       searchbench -report FILE.json...")
		fs.PrintDefaults()
	}
	fs.Parse(os.Args[1:])

	if doReport {
		rs, err := readResults(fs.Args())
		if err != nil {
			fmt.Fprintln(os.Stderr, "searchbench:", err)
			os.Exit(1)
		}
		report(os.Stdout, rs)
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		os.Exit(1)
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func run(ctx context.Context, cfg config, log io.Writer) (err error) {
	if cfg.engine != "sqlite" && cfg.engine != "postgres" {
		return fmt.Errorf("-engine must be sqlite or postgres, not %q", cfg.engine)
	}
	if cfg.drop {
		if cfg.schema == "" {
			return errors.New("-drop needs -schema")
		}
		return pgSchema{base: cfg.db, name: cfg.schema}.drop(context.Background())
	}
	if cfg.n < 1 {
		return errors.New("-n must be positive")
	}
	res := result{Engine: cfg.engine, N: cfg.n, Round: cfg.round, Phase: "build", LoadAvg: loadAvg()}
	if cfg.reuse {
		res.Phase = "fresh"
	}

	var g *generator
	var qs []benchQuery
	if cfg.queriesFrom != "" {
		if !cfg.reuse {
			return errors.New("-queries-from needs -reuse")
		}
		b, err := os.ReadFile(cfg.queriesFrom)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &qs); err != nil {
			return fmt.Errorf("%s: %w", cfg.queriesFrom, err)
		}
	} else {
		start := time.Now()
		c, err := loadCorpus(cfg.corpus)
		if err != nil {
			return fmt.Errorf("laws corpus: %w", err)
		}
		fmt.Fprintf(log, "corpus: %d titles, %d articles (mean %.0f characters), read in %.1f s; RSS %.0f MB\n",
			len(c.titles), len(c.articles), c.meanArticleRunes(), time.Since(start).Seconds(), rssMB("VmRSS"))
		g = &generator{c: c, n: cfg.n, seed: cfg.seed, orgCode: orgCode()}
		if qs, err = makeQueries(c, g, cfg.seed); err != nil {
			return err
		}
	}
	if cfg.queries != "" {
		if err := writeJSON(cfg.queries, qs); err != nil {
			return err
		}
	}
	if cfg.prepare {
		if g == nil {
			return errors.New("-prepare cannot use -queries-from")
		}
		return exportCorpus(ctx, g, cfg.export, log)
	}
	if cfg.classes != "" {
		want := strings.Split(cfg.classes, ",")
		qs = slices.DeleteFunc(qs, func(q benchQuery) bool { return !slices.Contains(want, q.Class) })
	}

	// The database: a folder for SQLite, a schema for PostgreSQL, removed at the end when this
	// process made it (also on Ctrl-C or SIGTERM).
	dsn := ""
	if cfg.engine == "sqlite" {
		if cfg.data == "" {
			if cfg.reuse {
				return errors.New("-reuse needs -data")
			}
			if cfg.data, err = os.MkdirTemp("", "searchbench-"); err != nil {
				return err
			}
			defer os.RemoveAll(cfg.data)
		} else if _, err := os.Stat(filepath.Join(cfg.data, "gongkai.db")); err == nil && !cfg.reuse {
			return fmt.Errorf("%s already holds a database: remove it, or query it with -reuse", cfg.data)
		}
	} else {
		s := pgSchema{base: cfg.db, name: cfg.schema}
		if s.name == "" {
			if cfg.reuse {
				return errors.New("-reuse needs -schema")
			}
			s.name = newSchemaName()
		}
		if !cfg.reuse {
			if err := s.create(ctx); err != nil {
				return fmt.Errorf("create schema %s (is -db right?): %w", s.name, err)
			}
		}
		if !cfg.keep {
			defer func() {
				if derr := s.drop(context.Background()); derr != nil && err == nil {
					err = fmt.Errorf("drop schema %s: %w", s.name, derr)
				}
			}()
		}
		if dsn, err = s.dsn(); err != nil {
			return err
		}
		fmt.Fprintf(log, "PostgreSQL schema %s\n", s.name)
	}
	db, err := openStore(ctx, cfg.engine, dsn, cfg.data)
	if err != nil {
		return err
	}
	defer db.Close()

	if !cfg.reuse {
		fmt.Fprintf(log, "building %d documents on %s (batches of %d), load %s\n", cfg.n, cfg.engine, cfg.batch, loadAvg())
		if cfg.buildprof != "" {
			f, err := os.Create(cfg.buildprof)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				return err
			}
		}
		stopHeap := func() {}
		if cfg.heapprof != "" {
			stopHeap = heapAtPeak(cfg.heapprof)
		}
		st, err := build(ctx, db, g, cfg.batch, cfg.deferIndex, log)
		if cfg.buildprof != "" {
			pprof.StopCPUProfile()
		}
		stopHeap()
		if err != nil {
			return err
		}
		if err := afterBuild(ctx, db, cfg.engine, cfg.optimize, &st); err != nil {
			return err
		}
		res.Build = &st
		fmt.Fprintf(log, "built: %d documents in %.1f s = %.0f docs/s; peak RSS %.0f MB", st.Docs, st.Seconds, st.Rate, st.HWMMB)
		if st.After != "" {
			fmt.Fprintf(log, "; then %s %.1f s", st.After, st.AfterSeconds)
		}
		fmt.Fprintln(log)
		freeMemory()
	}
	if cfg.reuse && cfg.optimize && cfg.engine == "sqlite" {
		var st buildStats
		if err := afterBuild(ctx, db, cfg.engine, true, &st); err != nil {
			return err
		}
		res.Notes = append(res.Notes, fmt.Sprintf("index optimize before the queries: %.0f s", st.AfterSeconds))
		fmt.Fprintf(log, "index optimize: %.1f s\n", st.AfterSeconds)
	}
	n, err := checkIDs(ctx, cfg.engine, dsn, cfg.data)
	if err != nil {
		return err
	}
	if n != cfg.n {
		return fmt.Errorf("the database holds %d documents, not -n %d", n, cfg.n)
	}
	res.DBBytes, res.DBDetail = dbSize(ctx, cfg.engine, dsn, cfg.data)
	fmt.Fprintf(log, "database: %.0f MB (%s)\n", float64(res.DBBytes)/1e6, res.DBDetail)

	if cfg.cpuprofile != "" {
		f, err := os.Create(cfg.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	fmt.Fprintf(log, "running %d queries (1 warm-up + %d timed runs each), load %s\n", len(qs), cfg.runs, loadAvg())
	qstart := time.Now()
	res.Queries, err = runQueries(ctx, db, qs, cfg.runs, cfg.limit, log)
	if err != nil {
		return err
	}
	res.RSSMB, res.HWMMB, res.LoadEnd = rssMB("VmRSS"), rssMB("VmHWM"), loadAvg()
	fmt.Fprintf(log, "queries done in %.1f s; RSS %.0f MB, peak RSS %.0f MB, load %s\n", time.Since(qstart).Seconds(), res.RSSMB, res.HWMMB, res.LoadEnd)
	if cfg.heapprof != "" && cfg.reuse {
		// What a serving process holds: the heap after the queries.
		if f, err := os.Create(cfg.heapprof); err == nil {
			runtime.GC()
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	printSummary(log, res)
	if cfg.jsonOut != "" {
		if err := writeJSON(cfg.jsonOut, res); err != nil {
			return err
		}
	}
	if cfg.export != "" && g != nil {
		return exportCorpus(ctx, g, cfg.export, log)
	}
	return nil
}

func exportCorpus(ctx context.Context, g *generator, path string, log io.Writer) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	start := time.Now()
	last := start
	err = g.export(f, func(done int) {
		if time.Since(last) > 10*time.Second {
			last = time.Now()
			fmt.Fprintf(log, "  exported %d/%d\n", done, g.n)
		}
	})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	fmt.Fprintf(log, "exported %d documents' tokens to %s in %.1f s (%.0f docs/s generated and tokenized)\n",
		g.n, path, time.Since(start).Seconds(), float64(g.n)/time.Since(start).Seconds())
	return f.Close()
}

func printSummary(w io.Writer, r result) {
	fmt.Fprintf(w, "%s, %d documents: p50 / p90 / p99 / max ms\n", r.Engine, r.N)
	for _, c := range append(slices.Clone(classes), "all") {
		s := classStats(r.Queries, c)
		if s.n == 0 {
			continue
		}
		fmt.Fprintf(w, "  %-20s %8s %8s %8s %8s   (%d runs)\n", classLabel[c], fmtMS(s.p50), fmtMS(s.p90), fmtMS(s.p99), fmtMS(s.max), s.n)
	}
}

// heapAtPeak checks the heap in use every second and writes a heap profile to path whenever it
// is larger than before; the returned function stops it.
func heapAtPeak(path string) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var peak uint64
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse <= peak {
				continue
			}
			peak = m.HeapInuse
			if f, err := os.Create(path); err == nil {
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
	}()
	return func() { close(done); <-finished }
}
