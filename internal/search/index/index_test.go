package index

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"

	"sort"
	"strings"
	"testing"

	"gongkai/internal/search"
)

// A small alphabet so that bigrams repeat and phrases of several tokens match
// many documents.
const alphabet = "规划预算债务政府公开信息管理办法人民实施"

func randText(r *rand.Rand, n int) string {
	rs := []rune(alphabet)
	var b strings.Builder
	for i := 0; i < n; i++ {
		if r.IntN(12) == 0 {
			b.WriteString("，")
			continue
		}
		b.WriteRune(rs[r.IntN(len(rs))])
	}
	return b.String()
}

func toks(s string) []string {
	var out []string
	for _, t := range search.Tokens(s) {
		out = append(out, t.Text)
	}
	return out
}

type testDoc struct {
	Doc
	title, body []string // tokens
}

func makeDocs(seed uint64, n int, firstID int64) []testDoc {
	r := rand.New(rand.NewPCG(seed, 1))
	docs := make([]testDoc, n)
	for i := range docs {
		title := randText(r, 4+r.IntN(12))
		body := randText(r, 20+r.IntN(400))
		// Common phrases, so that phrases of several tokens match in titles
		// and bodies, some more than once.
		if r.IntN(3) == 0 {
			title += "信息公开" + randText(r, 2)
		}
		if r.IntN(4) == 0 {
			title = "人民政府" + title + "人民政府"
		}
		if r.IntN(2) == 0 {
			body = randText(r, 5) + "人民政府信息公开" + body + "人民政府"
		}
		docs[i] = testDoc{
			Doc: Doc{ID: firstID + int64(i), Title: title, Body: body, Meta: Meta{
				Org: int64(1 + r.IntN(5)), Published: int32(18000 + i), Genre: []string{"规划", "预算", "政策"}[r.IntN(3)]}},
			title: toks(title), body: toks(body),
		}
	}
	return docs
}

// reference evaluates a query by brute force over the live documents.
type reference struct {
	docs  map[int64]testDoc
	stats *stats
}

func (ref *reference) search(q search.Query, k int, filter Filter) Result {
	if ref.stats == nil {
		ref.stats = ref.computeStats()
	}
	st := *ref.stats
	terms := compile(q, st)
	var hits []Hit
	for _, d := range ref.docs {
		score, ok := 0.0, true
		for _, t := range terms {
			fw := uint32(0)
			for fi, field := range [][]string{d.title, d.body} {
				if fi == 1 && t.title {
					continue
				}
				c := uint32(0)
				for p := range field {
					all := true
					for i, tok := range t.tokens {
						if p+t.offsets[i] >= len(field) || field[p+t.offsets[i]] != tok {
							all = false
							break
						}
					}
					if all {
						c++
					}
				}
				if fi == 0 {
					c *= TitleWeight
				}
				fw += c
			}
			if t.neg {
				if fw > 0 {
					ok = false
				}
				continue
			}
			if fw == 0 {
				ok = false
				continue
			}
			score += t.idf * tfPart(fw, uint32(len(d.title)+len(d.body)), st.avgdl)
		}
		if !ok {
			continue
		}
		w := 1.0
		if filter != nil {
			var fok bool
			fok, w = filter(&d.Meta)
			if !fok {
				continue
			}
		}
		hits = append(hits, Hit{ID: d.ID, Score: score * w, Meta: d.Meta})
	}
	res := Result{Matched: len(hits), Complete: true}
	sort.Slice(hits, func(i, j int) bool { return less(hits[j], hits[i]) })
	if len(hits) > k {
		hits = hits[:k]
	}
	res.Hits = hits
	return res
}

var testQueries = []string{
	"规划", "预算", "政府", "信息公开", "管理办法", "人民政府", `"政府，公开"`, "规划 -预算", "title:规划",
	"预算 债务", "公开信息管理", "实施办法 人民", "务政府公", "title:政府 公开", "规", "不存在的词", "办法 -title:办法",
}

func checkAgainst(t *testing.T, ix *Index, ref *reference, label string) {
	t.Helper()
	filters := map[string]Filter{
		"none": nil,
		"org2": func(m *Meta) (bool, float64) { return m.Org == 2, 1 },
		"half": func(m *Meta) (bool, float64) {
			if m.Genre == "预算" {
				return true, 0.5
			}
			return true, 1
		},
	}
	for _, qs := range testQueries {
		q, err := search.ParseQuery(qs)
		if err != nil {
			t.Fatal(err)
		}
		for fname, f := range filters {
			for _, k := range []int{1, 10, 1000} {
				visited := 0
				got, err := ix.Search(q, Request{K: k, Filter: f, Visit: func(int64, *Meta) { visited++ }})
				if err != nil {
					t.Fatalf("%s %q: %v", label, qs, err)
				}
				want := ref.search(q, k, f)
				if len(got.Hits) != len(want.Hits) {
					t.Fatalf("%s %q filter %s k %d: %d hits, want %d", label, qs, fname, k, len(got.Hits), len(want.Hits))
				}
				for i := range got.Hits {
					g, w := got.Hits[i], want.Hits[i]
					if g.ID != w.ID || math.Abs(g.Score-w.Score) > 1e-9 {
						t.Fatalf("%s %q filter %s k %d hit %d: got %d (%.6f), want %d (%.6f)", label, qs, fname, k, i, g.ID, g.Score, w.ID, w.Score)
					}
				}
				if visited != got.Matched {
					t.Fatalf("%s %q: visited %d, matched %d", label, qs, visited, got.Matched)
				}
				if got.Complete && (got.Matched != want.Matched || got.Estimate != want.Matched) {
					t.Fatalf("%s %q filter %s k %d: matched %d, want %d", label, qs, fname, k, got.Matched, want.Matched)
				}
				if !got.Complete && got.Matched > want.Matched {
					t.Fatalf("%s %q: matched %d > %d", label, qs, got.Matched, want.Matched)
				}
			}
		}
	}
}

func TestSearchMatchesBruteForce(t *testing.T) {
	dir := t.TempDir()
	// Pruning on (ExhaustiveBelow -1): the corpus is small enough that it
	// would otherwise check every candidate.
	ix, err := Open(dir, Options{FlushTokens: 8000, MergeFactor: 5, ExhaustiveBelow: -1})
	if err != nil {
		t.Fatal(err)
	}
	ref := &reference{docs: map[int64]testDoc{}}
	docs := makeDocs(1, 600, 1)
	var seq int64
	for start := 0; start < len(docs); start += 50 {
		var batch []Doc
		for _, d := range docs[start : start+50] {
			batch = append(batch, d.Doc)
			ref.docs[d.ID] = d
		}
		seq++
		if err := ix.Update(batch, nil, seq); err != nil {
			t.Fatal(err)
		}
	}
	if ix.Durable() == 0 {
		t.Fatal("nothing was flushed: the test would not cover segments")
	}
	checkAgainst(t, ix, ref, "segments+memory")

	// Deletions and replacements hit segments and memory alike.
	var dels []int64
	for id := int64(1); id <= 600; id += 7 {
		dels = append(dels, id)
		delete(ref.docs, id)
	}
	ref.stats = nil
	repl := makeDocs(2, 40, 100)
	var rb []Doc
	for _, d := range repl {
		rb = append(rb, d.Doc)
		ref.docs[d.ID] = d
	}
	seq++
	if err := ix.Update(rb, dels, seq); err != nil {
		t.Fatal(err)
	}
	// Deleted documents still count in the statistics until merged; compare
	// after merging everything, where the statistics are exact.
	if err := ix.Optimize(); err != nil {
		t.Fatal(err)
	}
	if ix.Segments() != 1 {
		t.Fatalf("Optimize left %d segments", ix.Segments())
	}
	checkAgainst(t, ix, ref, "optimized")
	for _, id := range dels {
		if _, ok := ref.docs[id]; !ok && ix.Contains(id) != 0 {
			t.Fatalf("deleted %d still in the index", id)
		}
	}
	for id := range ref.docs {
		if n := ix.Contains(id); n != 1 {
			t.Fatalf("document %d is in the index %d times", id, n)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened, the index holds the same and remembers the outbox position.
	ix, err = Open(dir, Options{ExhaustiveBelow: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Applied() != seq {
		t.Fatalf("applied %d, want %d", ix.Applied(), seq)
	}
	checkAgainst(t, ix, ref, "reopened")
}

func TestPendingIsLostWithoutFlushAndReplayIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := makeDocs(3, 30, 1)
	var batch []Doc
	for _, d := range docs {
		batch = append(batch, d.Doc)
	}
	if err := ix.Update(batch[:10], nil, 1); err != nil {
		t.Fatal(err)
	}
	if err := ix.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Update(batch[10:], nil, 2); err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 30 {
		t.Fatalf("Len %d", ix.Len())
	}
	// A crash: the pending 20 are gone, the manifest says position 1.
	ix.Close()
	// A stray temporary file of a flush that did not finish is removed.
	if err := os.WriteFile(filepath.Join(dir, "00000099.seg.tmp"), []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Applied() != 1 || ix.Len() != 10 {
		t.Fatalf("after restart applied %d len %d, want 1 and 10", ix.Applied(), ix.Len())
	}
	if _, err := os.Stat(filepath.Join(dir, "00000099.seg.tmp")); !os.IsNotExist(err) {
		t.Fatalf("stray file kept: %v", err)
	}
	// Replaying from position 1 (everything after it, and some before)
	// leaves each document once.
	if err := ix.Update(batch[5:], nil, 2); err != nil {
		t.Fatal(err)
	}
	for _, d := range batch {
		if n := ix.Contains(d.ID); n != 1 {
			t.Fatalf("document %d present %d times", d.ID, n)
		}
	}
}

func TestCorruptSegmentIsAnError(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := makeDocs(4, 20, 1)
	var batch []Doc
	for _, d := range docs {
		batch = append(batch, d.Doc)
	}
	if err := ix.Update(batch, nil, 1); err != nil {
		t.Fatal(err)
	}
	if err := ix.Flush(); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	segs, _ := filepath.Glob(filepath.Join(dir, "*.seg"))
	if len(segs) != 1 {
		t.Fatalf("segments: %v", segs)
	}
	b, _ := os.ReadFile(segs[0])
	for _, cut := range []int{len(b) - 3, len(b) / 2, 10} {
		if err := os.WriteFile(segs[0], b[:cut], 0o600); err != nil {
			t.Fatal(err)
		}
		if ix, err := Open(dir, Options{}); err == nil {
			ix.Close()
			t.Fatalf("a segment cut at %d opened", cut)
		}
	}
}

func TestCountPhrase(t *testing.T) {
	for _, c := range []struct {
		lists   [][]uint32
		offsets []int
		want    uint32
	}{
		{[][]uint32{{1, 5, 9}, {2, 6, 11}}, []int{0, 1}, 2},
		{[][]uint32{{1, 5, 9}, {3, 7, 11}}, []int{0, 2}, 3},
		{[][]uint32{{0}, {5}}, []int{0, 1}, 0},
		{[][]uint32{{2, 3, 4}, {3, 4, 5}, {4, 5, 6}}, []int{0, 1, 2}, 3},
	} {
		if got := countPhrase(c.lists, c.offsets); got != c.want {
			t.Errorf("countPhrase(%v, %v) = %d, want %d", c.lists, c.offsets, got, c.want)
		}
	}
}

func ExampleIndex_Search() {
	dir, _ := os.MkdirTemp("", "index")
	defer os.RemoveAll(dir)
	ix, _ := Open(dir, Options{})
	defer ix.Close()
	ix.Update([]Doc{
		{ID: 1, Title: "专项债券管理办法", Body: "地方政府专项债券的发行和使用。"},
		{ID: 2, Title: "预算管理条例", Body: "专项资金，债券。"},
	}, nil, 1)
	q, _ := search.ParseQuery("专项债")
	res, _ := ix.Search(q, Request{K: 10})
	for _, h := range res.Hits {
		fmt.Println(h.ID)
	}
	// Output: 1
}

func (ref *reference) computeStats() *stats {
	n := len(ref.docs)
	var total uint64
	df := map[string]int{}
	maxFw := map[string]uint32{}
	for _, d := range ref.docs {
		total += uint64(len(d.title) + len(d.body))
		seen := map[string]uint32{}
		for _, t := range d.title {
			seen[t] += TitleWeight
		}
		for _, t := range d.body {
			seen[t]++
		}
		for t, fw := range seen {
			df[t]++
			maxFw[t] = max(maxFw[t], fw)
		}
	}
	return &stats{n: n, avgdl: float64(total) / float64(n), df: df, maxFw: maxFw}
}

func TestFrontierBoundsEveryDocument(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for round := 0; round < 200; round++ {
		n := 1 + r.IntN(128)
		ps := make([]point, n)
		for i := range ps {
			ps[i] = point{uint32(1 + r.IntN(40)), uint32(50 + r.IntN(3000))}
		}
		orig := slices.Clone(ps)
		front := frontier(ps)
		if len(front) == 0 || len(front) > maxBound {
			t.Fatalf("frontier of %d points has %d", n, len(front))
		}
		se := skipEntry{nb: uint8(len(front))}
		copy(se.bound[:], front)
		for _, avgdl := range []float64{100, 1000, 5000} {
			ub := se.ub(avgdl)
			for _, p := range orig {
				if s := tfPart(p.fw, p.len, avgdl); s > ub+1e-12 {
					t.Fatalf("point %v scores %.4f above the bound %.4f (frontier %v)", p, s, ub, front)
				}
			}
		}
	}
}

// TestConcurrentUpdatesSearchesFlushes runs writers, flushes, merges and
// searches at once (run with -race); afterwards every live document is in
// the index exactly once, and a search never misses a document that was
// applied before it started and not removed since.
func TestConcurrentUpdatesSearchesFlushes(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{FlushTokens: 3000, MergeFactor: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := makeDocs(9, 400, 1)
	q, _ := search.ParseQuery("人民政府")
	stable := docs[0].Doc // never removed: always findable once applied
	stable.Body = "人民政府" + stable.Body
	if err := ix.Update([]Doc{stable}, nil, 1); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	errs := make(chan error, 4)
	go func() { // searcher
		for {
			select {
			case <-done:
				errs <- nil
				return
			default:
			}
			found := false
			res, err := ix.Search(q, Request{K: 1000})
			if err != nil {
				errs <- err
				return
			}
			for _, h := range res.Hits {
				found = found || h.ID == stable.ID
			}
			if !found {
				ix.mu.RLock()
				var desc []string
				for _, l := range ix.snap.segs {
					desc = append(desc, fmt.Sprintf("%q:%d docs, has=%d", l.seg.name, len(l.seg.ids), l.seg.ordinal(stable.ID)))
				}
				ix.mu.RUnlock()
				errs <- fmt.Errorf("a search missed document %d (%d hits); snapshot %v", stable.ID, len(res.Hits), desc)
				return
			}
		}
	}()
	live := map[int64]bool{stable.ID: true}
	r := rand.New(rand.NewPCG(1, 2))
	seq := int64(1)
	for round := 0; round < 60; round++ {
		var batch []Doc
		var dels []int64
		for i := 0; i < 10; i++ {
			d := docs[1+r.IntN(len(docs)-1)].Doc
			if r.IntN(4) == 0 {
				dels = append(dels, d.ID)
				delete(live, d.ID)
			} else {
				batch = append(batch, d)
				live[d.ID] = true
			}
		}
		// A document both deleted and added in one call ends added.
		for _, d := range batch {
			live[d.ID] = true
		}
		seq++
		if err := ix.Update(batch, dels, seq); err != nil {
			t.Fatal(err)
		}
		if round%15 == 7 {
			go func() { errs <- ix.Flush() }()
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
	}
	close(done)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	if err := ix.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		want := 0
		if live[d.ID] {
			want = 1
		}
		if n := ix.Contains(d.ID); n != want {
			t.Fatalf("document %d present %d times, want %d", d.ID, n, want)
		}
	}
	if ix.Len() != len(live) {
		t.Fatalf("Len %d, want %d", ix.Len(), len(live))
	}
}

// TestEveryAppliedDocumentIsVisible applies batches while another goroutine
// flushes whenever the index asks for it: after each batch every document
// applied so far counts, whatever phase a flush is in.
func TestEveryAppliedDocumentIsVisible(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{FlushTokens: 20000, MergeFactor: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := makeDocs(5, 2000, 1)
	stop, stopped := make(chan struct{}), make(chan error, 1)
	go func() {
		for {
			select {
			case <-stop:
				stopped <- nil
				return
			default:
			}
			if ix.NeedsFlush() {
				if err := ix.Flush(); err != nil {
					stopped <- err
					return
				}
			}
		}
	}()
	for i := 0; i < len(docs); i += 50 {
		var b []Doc
		for _, d := range docs[i : i+50] {
			b = append(b, d.Doc)
		}
		seq := int64(i/50 + 1)
		if !ix.TryUpdate(b, nil, seq, seq) {
			t.Fatal("a contiguous update was refused")
		}
		if n := ix.Len(); n != i+50 {
			close(stop)
			<-stopped
			t.Fatalf("after %d documents Len is %d", i+50, n)
		}
	}
	close(stop)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
}

// TestFewCandidatesAreCountedExactly: below ExhaustiveBelow candidates a
// search checks them all, so the total and the facets are exact even for a
// page of one.
func TestFewCandidatesAreCountedExactly(t *testing.T) {
	ref := &reference{docs: map[int64]testDoc{}}
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var batch []Doc
	for _, d := range makeDocs(11, 300, 1) {
		batch = append(batch, d.Doc)
		ref.docs[d.ID] = d
	}
	if err := ix.Update(batch, nil, 1); err != nil {
		t.Fatal(err)
	}
	for _, qs := range testQueries {
		q, _ := search.ParseQuery(qs)
		got, err := ix.Search(q, Request{K: 1})
		if err != nil {
			t.Fatal(err)
		}
		want := ref.search(q, 1, nil)
		if !got.Complete || got.Matched != want.Matched || got.Estimate != want.Matched {
			t.Fatalf("%q: complete %v, matched %d, estimate %d; want %d exactly", qs, got.Complete, got.Matched, got.Estimate, want.Matched)
		}
	}
}

// TestScoresStayPositiveWithDeletedCopies: replaced documents stay in their
// segment (deleted) until it is merged, so a token's document frequency can
// exceed the live documents; the IDF must not turn negative, or no bound
// would prune.
func TestScoresStayPositiveWithDeletedCopies(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{ExhaustiveBelow: -1, MergeFactor: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var batch []Doc
	for i := 1; i <= 200; i++ {
		batch = append(batch, Doc{ID: int64(i), Title: "通知", Body: strings.Repeat("政府", 1+i%7)})
	}
	// 90 of the 200 replaced: fewer than half of the first segment is
	// deleted, so it is not rewritten, and 政府 is counted in 290 documents.
	for seq, docs := range [][]Doc{batch, batch[:90]} {
		if err := ix.Update(docs, nil, int64(seq+1)); err != nil {
			t.Fatal(err)
		}
		if err := ix.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	q, _ := search.ParseQuery("政府")
	res, err := ix.Search(q, Request{K: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 5 || res.Complete {
		t.Fatalf("%d hits, complete %v: the bounds did not prune", len(res.Hits), res.Complete)
	}
	for _, h := range res.Hits {
		if h.Score <= 0 {
			t.Fatalf("document %d scored %f", h.ID, h.Score)
		}
	}
	if res.Estimate > ix.Len() {
		t.Fatalf("estimate %d above the %d documents", res.Estimate, ix.Len())
	}
}
