package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"gongkai/internal/disclosure"
	"gongkai/internal/search"
	"gongkai/internal/store"
)

// The laws corpus, relative to this package; GONGKAI_LAWS overrides it.
const testLaws = "../../../shared/data/laws-lawrefbook/laws.jsonl.gz"

func lawsPath(tb testing.TB) string {
	tb.Helper()
	p := os.Getenv("GONGKAI_LAWS")
	if p == "" {
		p = testLaws
	}
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("search benchmark skipped: the laws corpus is absent (%s); set GONGKAI_LAWS to its path", p)
	}
	return p
}

var shared struct {
	once sync.Once
	c    *corpus
	err  error
}

func testCorpus(tb testing.TB) *corpus {
	tb.Helper()
	path := lawsPath(tb)
	shared.once.Do(func() { shared.c, shared.err = loadCorpus(path) })
	if shared.err != nil {
		tb.Fatal(shared.err)
	}
	return shared.c
}

func TestPercentile(t *testing.T) {
	v := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, c := range []struct{ p, want float64 }{{0.5, 5}, {0.9, 9}, {0.99, 10}, {0.01, 1}} {
		if got := percentile(v, c.p); got != c.want {
			t.Errorf("percentile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
}

// TestGenerator checks that documents are deterministic and valid, that years rise with the id,
// and that the 100 queries come out as SEARCH-SCALE.md describes. About two seconds (reading
// the corpus); skipped with -short.
func TestGenerator(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the 15 MB laws corpus")
	}
	c := testCorpus(t)
	if len(c.articles) < 100000 || len(c.titles) < 3000 {
		t.Fatalf("%d articles, %d titles: the corpus split is wrong", len(c.articles), len(c.titles))
	}
	g := &generator{c: c, n: 1000, seed: 1, orgCode: orgCode()}
	prevYear := 0
	for i := range g.n {
		d := g.doc(i)
		if i < 3 {
			again := g.doc(i)
			if again.bodyHTML() != d.bodyHTML() || again.docNumber != d.docNumber {
				t.Fatalf("document %d is not deterministic", i)
			}
		}
		if d.date.Year < prevYear {
			t.Fatalf("document %d: year %d after %d", i, d.date.Year, prevYear)
		}
		prevYear = d.date.Year
		r := d.record()
		f := r.Fields
		if err := f.Validate(); err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
		// The store indexes the fields as Validate leaves them: they must not change, or the
		// exported tokens would differ from the indexed ones.
		if f.DocNumber != d.docNumber || f.Title != d.title {
			t.Fatalf("document %d: Validate changed %q/%q to %q/%q", i, d.docNumber, d.title, f.DocNumber, f.Title)
		}
		if n := utf8.RuneCountInString(strings.Join(d.paras, "")); n < 1200 {
			t.Fatalf("document %d has %d characters", i, n)
		}
	}
	if prevYear != firstYear+years-1 {
		t.Errorf("last year %d, want %d", prevYear, firstYear+years-1)
	}
	qs, err := makeQueries(c, g, 7)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, q := range qs {
		count[q.Class]++
		if q.Class == "docnum" {
			if _, err := disclosure.ParseDocNumber(q.Text); err != nil || q.DocNumber != q.Text {
				t.Errorf("文号 query %q: %v, DocNumber %q", q.Text, err, q.DocNumber)
			}
		}
	}
	for _, cl := range classes {
		if count[cl] != classCount[cl] {
			t.Errorf("%s: %d queries, want %d", cl, count[cl], classCount[cl])
		}
	}
	again, _ := makeQueries(c, g, 7)
	for i := range qs {
		if qs[i].Text != again[i].Text {
			t.Fatalf("queries are not deterministic: %q, %q", qs[i].Text, again[i].Text)
		}
	}
}

// benchStore is a built corpus for BenchmarkSearchClasses, made once per engine per test binary.
type benchStore struct {
	once sync.Once
	db   *store.DB
	qs   []benchQuery
	err  error
	skip string
}

var (
	benchStores   = map[string]*benchStore{"sqlite": {}, "postgres": {}}
	benchCleanups []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range slices.Backward(benchCleanups) {
		f()
	}
	os.Exit(code)
}

// benchDocs is the corpus size of the Go benchmark (GONGKAI_BENCH_DOCS overrides 10,000).
func benchDocs() int {
	if n, err := strconv.Atoi(os.Getenv("GONGKAI_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}
	return 10000
}

func (s *benchStore) setup(b *testing.B, engine string) {
	s.once.Do(func() {
		ctx := context.Background()
		c := testCorpus(b)
		g := &generator{c: c, n: benchDocs(), seed: 20240601, orgCode: orgCode()}
		s.qs, s.err = makeQueries(c, g, g.seed)
		if s.err != nil {
			return
		}
		dsn, dir := "", ""
		if engine == "postgres" {
			base := os.Getenv("GONGKAI_TEST_POSTGRES")
			if base == "" {
				s.skip = "PostgreSQL skipped: set GONGKAI_TEST_POSTGRES=" + defaultPostgres
				return
			}
			sc := pgSchema{base: base, name: newSchemaName()}
			if s.err = sc.create(ctx); s.err != nil {
				return
			}
			benchCleanups = append(benchCleanups, func() { sc.drop(context.Background()) })
			if dsn, s.err = sc.dsn(); s.err != nil {
				return
			}
		} else {
			tmp, err := os.MkdirTemp("", "searchbench-test-")
			if s.err = err; err != nil {
				return
			}
			benchCleanups = append(benchCleanups, func() { os.RemoveAll(tmp) })
			dir = filepath.Join(tmp, "data")
		}
		if s.db, s.err = openStore(ctx, engine, dsn, dir); s.err != nil {
			return
		}
		benchCleanups = append(benchCleanups, func() { s.db.Close() })
		st, err := build(ctx, s.db, g, 1000, false, io.Discard)
		if err == nil {
			err = afterBuild(ctx, s.db, engine, false, &st)
		}
		if s.err = err; err != nil {
			return
		}
		fmt.Fprintf(os.Stderr, "searchbench: %s: %d documents built in %.1f s = %.0f docs/s\n", engine, st.Docs, st.Seconds, st.Rate)
	})
	if s.skip != "" {
		b.Skip(s.skip)
	}
	if s.err != nil {
		b.Fatal(s.err)
	}
}

// BenchmarkSearchClasses times DB.Search (top 10) per query class of SEARCH-SCALE.md on a
// generated corpus of 10,000 documents (GONGKAI_BENCH_DOCS), built once per engine: SQLite,
// and PostgreSQL when GONGKAI_TEST_POSTGRES is set. Each iteration runs the next query of the
// class; p50-ms and p99-ms are over the iterations.
//
//	go test -run='^$' -bench=SearchClasses ./bench/searchbench
func BenchmarkSearchClasses(b *testing.B) {
	lawsPath(b)
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			s := benchStores[engine]
			s.setup(b, engine)
			for _, class := range classes {
				b.Run(class, func(b *testing.B) {
					ctx := context.Background()
					var qs []search.Query
					for _, bq := range s.qs {
						if bq.Class == class {
							q, err := search.ParseQuery(bq.Text)
							if err != nil {
								b.Fatal(err)
							}
							qs = append(qs, q)
						}
					}
					opts := store.SearchOptions{Limit: 10}
					for _, q := range qs { // warm-up
						if _, err := s.db.Search(ctx, q, opts); err != nil {
							b.Fatal(err)
						}
					}
					var lat []float64
					i := 0
					for b.Loop() {
						start := time.Now()
						if _, err := s.db.Search(ctx, qs[i%len(qs)], opts); err != nil {
							b.Fatal(err)
						}
						lat = append(lat, ms(time.Since(start)))
						i++
					}
					sort.Float64s(lat)
					b.ReportMetric(percentile(lat, 0.5), "p50-ms")
					b.ReportMetric(percentile(lat, 0.99), "p99-ms")
				})
			}
		})
	}
}
