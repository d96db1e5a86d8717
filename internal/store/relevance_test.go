package store_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"

	"gongkai/internal/audit"
	"gongkai/internal/ingest"
	"gongkai/internal/org"
	"gongkai/internal/richtext"
	"gongkai/internal/search"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

const lawsPath = "../../../shared/data/laws-lawrefbook/laws.jsonl.gz"

// knownItem is a query built from one document that should find that document.
type knownItem struct {
	class, query, key string
}

func loadLaws(t *testing.T) []ingest.Record {
	t.Helper()
	f, err := os.Open(lawsPath)
	if err != nil {
		t.Skipf("relevance test skipped: the laws corpus is absent (%s)", lawsPath)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var recs []ingest.Record
	if err := ingest.ReadLaws(zr, func(r ingest.Record) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return recs
}

// knownItems builds the query set from the corpus, deterministically: short titles, distinctive
// phrases from the bodies, and 文号; each must identify one document.
func knownItems(recs []ingest.Record) []knownItem {
	texts := make([]string, len(recs))
	titles := map[string]int{}
	numbers := map[string]int{}
	for i, r := range recs {
		texts[i] = richtext.Text(r.Fields.BodyHTML)
		titles[r.Fields.Title]++
		if r.Fields.DocNumber != "" {
			numbers[r.Fields.DocNumber]++
		}
	}
	unique := func(phrase string, except int) bool {
		for i, s := range texts {
			if i != except && strings.Contains(s, phrase) {
				return false
			}
		}
		return true
	}
	var items []knownItem
	var nTitle, nPhrase, nNumber int
	for i := 0; i < len(recs); i += 7 {
		r := recs[i]
		if nTitle < 80 && titles[r.Fields.Title] == 1 && len([]rune(r.Fields.Title)) <= 24 {
			items = append(items, knownItem{"title", strings.TrimPrefix(r.Fields.Title, "中华人民共和国"), r.SourceKey})
			nTitle++
		}
		if nNumber < 40 && r.Fields.DocNumber != "" && numbers[r.Fields.DocNumber] == 1 {
			items = append(items, knownItem{"文号", r.Fields.DocNumber, r.SourceKey})
			nNumber++
		}
		if nPhrase < 100 {
			if p := phraseFrom(texts[i]); p != "" && unique(p, i) {
				items = append(items, knownItem{"phrase", p, r.SourceKey})
				nPhrase++
			}
		}
	}
	return items
}

// phraseFrom takes 12 Han characters without punctuation from about 40% into a text.
func phraseFrom(text string) string {
	r := []rune(text)
	for start := len(r) * 2 / 5; start+12 < len(r); start++ {
		ok := true
		for _, c := range r[start : start+12] {
			if !unicode.Is(unicode.Han, c) {
				ok = false
				break
			}
		}
		if ok {
			return string(r[start : start+12])
		}
	}
	return ""
}

// TestRelevanceRealCorpus imports the 3,475 laws and regulations and runs the known-item queries:
// each query's document must be in the top 3.
func TestRelevanceRealCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("relevance test skipped in -short mode")
	}
	recs := loadLaws(t)
	items := knownItems(recs)
	if len(items) < 200 {
		t.Fatalf("only %d known-item queries", len(items))
	}
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		root, err := db.CreateOrg(ctx, audit.System, org.Org{Code: code(t, "11100000MB0000000"), Name: "国务院", Kind: org.KindGovernment, Level: org.LevelNational})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		batch := make([]ingest.Record, 0, 250)
		for i, r := range recs {
			r.Region = ""
			batch = append(batch, r)
			if len(batch) == cap(batch) || i == len(recs)-1 {
				if _, err := db.ImportDocuments(ctx, audit.System, root.ID, batch); err != nil {
					t.Fatal(err)
				}
				batch = batch[:0]
			}
		}
		t.Logf("imported and indexed %d documents in %.1f s", len(recs), time.Since(start).Seconds())
		keyToID, err := storetest.SourceKeys(db)
		if err != nil {
			t.Fatal(err)
		}
		type tally struct{ n, first, top3 int }
		by := map[string]*tally{}
		total := &tally{}
		var latency time.Duration
		misses := 0
		for _, it := range items {
			q, err := search.ParseQuery(it.query)
			if err != nil {
				t.Fatalf("%q: %v", it.query, err)
			}
			qs := time.Now()
			r, err := db.Search(ctx, q, store.SearchOptions{Limit: 3})
			latency += time.Since(qs)
			if err != nil {
				t.Fatalf("%q: %v", it.query, err)
			}
			want := keyToID[it.key]
			if (len(r.Hits) == 0 || r.Hits[0].Document.ID != want) && misses < 15 {
				misses++
				var got []string
				for _, h := range r.Hits {
					got = append(got, fmt.Sprintf("%s (%.2f)", h.Document.Title, h.Score))
				}
				t.Logf("not first: %s %q → %v", it.class, it.query, got)
			}
			if by[it.class] == nil {
				by[it.class] = &tally{}
			}
			for _, tl := range []*tally{by[it.class], total} {
				tl.n++
				for rank, h := range r.Hits {
					if h.Document.ID == want {
						if rank == 0 {
							tl.first++
						}
						tl.top3++
					}
				}
			}
		}
		for class, tl := range by {
			t.Logf("%-6s %3d queries: rank 1 %.1f%%, top 3 %.1f%%", class, tl.n, 100*float64(tl.first)/float64(tl.n), 100*float64(tl.top3)/float64(tl.n))
		}
		t.Logf("all    %3d queries: rank 1 %.1f%%, top 3 %.1f%% (mean %.1f ms per query)", total.n, 100*float64(total.first)/float64(total.n),
			100*float64(total.top3)/float64(total.n), float64(latency.Milliseconds())/float64(total.n))
		if float64(total.top3) < 0.95*float64(total.n) {
			t.Errorf("only %d of %d known items in the top 3", total.top3, total.n)
		}
	})
}
