package index

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// memSegment encodes documents as a segment in memory.
// encodeSegment builds the segment of docs in memory and returns its bytes
// and its terms.
func encodeSegment(t *testing.T, docs []testDoc) ([]byte, []string) {
	t.Helper()
	var tt tokenTable
	pend := make([]pendingDoc, len(docs))
	for i, d := range docs {
		pend[i] = pendingDoc{id: d.ID, meta: d.Meta, title: tt.ids(d.Title), body: tt.ids(d.Body)}
	}
	var buf bytes.Buffer
	if err := buildSegment(&buf, pend, &tt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), tt.strs
}

func memSegment(t *testing.T, docs []testDoc) *liveSeg {
	t.Helper()
	b, _ := encodeSegment(t, docs)
	return openMem(t, b)
}

func openMem(t *testing.T, b []byte) *liveSeg {
	t.Helper()
	s, err := openSegment(bytes.NewReader(b), int64(len(b)), true)
	if err != nil {
		t.Fatal(err)
	}
	return &liveSeg{seg: s}
}

func mergeMem(t *testing.T, srcs []*liveSeg, copying bool) *liveSeg {
	t.Helper()
	defer func(old bool) { copyBlocks = old }(copyBlocks)
	copyBlocks = copying
	var buf bytes.Buffer
	if err := mergeSegments(&buf, srcs, func() bool { return false }); err != nil {
		t.Fatal(err)
	}
	return openMem(t, buf.Bytes())
}

type posting struct {
	ord         uint32
	title, body []uint32
}

// segmentPostings decodes every list of a segment, checking on the way that
// each block's bound holds for each of its documents.
func segmentPostings(t *testing.T, l *liveSeg) (map[string][]posting, map[string]dictEntry, int) {
	t.Helper()
	s := l.seg
	c, err := newDictCursor(s)
	if err != nil {
		t.Fatal(err)
	}
	lists, entries, blocks := map[string][]posting{}, map[string]dictEntry{}, 0
	for c.ok {
		e := c.entry
		p, err := openPostings(s, e)
		if err != nil {
			t.Fatal(err)
		}
		var ps []posting
		var maxFw uint32
		for b := range p.skips {
			// Decodes the block's bound points, which the bounds for other averages then use.
			if _, err := p.ub(b, 500); err != nil {
				t.Fatal(err)
			}
			if err := p.load(b); err != nil {
				t.Fatal(err)
			}
			for i, o := range p.ords {
				fw := TitleWeight*p.tfT[i] + p.tfB[i]
				maxFw = max(maxFw, fw)
				for _, avgdl := range []float64{50, 500, 5000} {
					if sc, ub := tfPart(fw, s.lens[o], avgdl), p.skips[b].ub(avgdl); sc > ub+1e-12 {
						t.Fatalf("%q block %d: document %d scores %.4f above the bound %.4f", c.term, b, o, sc, ub)
					}
				}
			}
			blocks++
		}
		if err := p.all(func(ord uint32, title, body []uint32) error {
			ps = append(ps, posting{ord, slices.Clone(title), slices.Clone(body)})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(ps) != int(e.df) || maxFw != e.maxFw {
			t.Fatalf("%q: df %d maxFw %d, the list has %d documents, largest %d", c.term, e.df, e.maxFw, len(ps), maxFw)
		}
		lists[c.term], entries[c.term] = ps, e
		if err := c.next(); err != nil {
			t.Fatal(err)
		}
	}
	return lists, entries, blocks
}

func sameSegments(t *testing.T, label string, got, want *liveSeg) {
	t.Helper()
	if !slices.Equal(got.seg.ids, want.seg.ids) || !slices.Equal(got.seg.lens, want.seg.lens) || !slices.Equal(got.seg.metas, want.seg.metas) {
		t.Fatalf("%s: the documents differ", label)
	}
	gl, ge, _ := segmentPostings(t, got)
	wl, we, _ := segmentPostings(t, want)
	if len(gl) != len(wl) {
		t.Fatalf("%s: %d terms, want %d", label, len(gl), len(wl))
	}
	for term, w := range wl {
		g := gl[term]
		if ge[term].df != we[term].df || ge[term].maxFw != we[term].maxFw {
			t.Fatalf("%s %q: entry %+v, want %+v", label, term, ge[term], we[term])
		}
		if len(g) != len(w) {
			t.Fatalf("%s %q: %d documents, want %d", label, term, len(g), len(w))
		}
		for i := range w {
			if g[i].ord != w[i].ord || !slices.Equal(g[i].title, w[i].title) || !slices.Equal(g[i].body, w[i].body) {
				t.Fatalf("%s %q document %d: %+v, want %+v", label, term, i, g[i], w[i])
			}
		}
	}
}

// TestMergeCopiesBlocks: merging segments of consecutive documents copies
// their full blocks; the result holds the same postings as a merge that
// decodes everything, and as one segment built from all the documents, and
// stays so when merged again (lists with partial blocks inside).
func TestMergeCopiesBlocks(t *testing.T) {
	docs := makeDocs(21, 2600, 1)
	r := rand.New(rand.NewPCG(3, 3))
	// Segments of 1 to 400 documents, so that lists have full blocks, a
	// partial one, or only a few documents.
	var segs []*liveSeg
	var cuts [][2]int
	for lo := 0; lo < len(docs); {
		hi := min(len(docs), lo+1+r.IntN(400))
		if r.IntN(5) == 0 {
			hi = min(len(docs), lo+1+r.IntN(5))
		}
		segs = append(segs, memSegment(t, docs[lo:hi]))
		cuts = append(cuts, [2]int{lo, hi})
		lo = hi
	}
	if len(segs) < 8 {
		t.Fatalf("only %d segments", len(segs))
	}
	// Sources in any order: a merge orders the documents by id.
	h := len(segs) / 2
	first := append(slices.Clone(segs[h:]), segs[:h]...)
	a := mergeMem(t, first[:len(first)/2], true)
	b := mergeMem(t, first[len(first)/2:], true)
	sameSegments(t, "copied, first level", a, mergeMem(t, first[:len(first)/2], false))
	all := mergeMem(t, []*liveSeg{b, a}, true)
	whole := memSegment(t, docs)
	sameSegments(t, "copied twice", all, whole)
	sameSegments(t, "decoded", mergeMem(t, segs, false), whole)
	_, _, copied := segmentPostings(t, all)
	_, _, built := segmentPostings(t, whole)
	t.Logf("%d segments: %d blocks copied together, %d built at once", len(segs), copied, built)
	if copied > built*3/2 {
		t.Fatalf("%d blocks after copying, %d built at once: too many partial blocks", copied, built)
	}

	// With a deleted document a source is no longer linear: its lists are
	// decoded, the others' copied.
	del := &liveSeg{seg: segs[2].seg}
	del.markDeleted(0)
	gone := segs[2].seg.ids[0]
	mixed := mergeMem(t, []*liveSeg{segs[0], segs[1], del, segs[3]}, true)
	var kept []testDoc
	for _, d := range docs[cuts[0][0]:cuts[3][1]] {
		if d.ID != gone {
			kept = append(kept, d)
		}
	}
	sameSegments(t, "one deletion", mixed, memSegment(t, kept))
}

// TestTokenTable: every token gets one id, the same each time it comes.
func TestTokenTable(t *testing.T) {
	var tt tokenTable
	want := map[string]uint32{}
	r := rand.New(rand.NewPCG(5, 5))
	words := []string{"a", "ab", "abcdefg", "abcdefgh", "预算", "预", "政府信息", "2021", "x\x00"}
	for i := 0; i < 200000; i++ {
		w := words[r.IntN(len(words))]
		if r.IntN(2) == 0 {
			w = string(rune(0x4e00+r.IntN(3000))) + string(rune(0x4e00+r.IntN(3000)))
		}
		id := tt.id(w)
		if old, ok := want[w]; ok && old != id {
			t.Fatalf("%q: id %d, before %d", w, id, old)
		}
		want[w] = id
		if tt.strs[id] != w {
			t.Fatalf("id %d is %q, want %q", id, tt.strs[id], w)
		}
	}
	if len(tt.strs) != len(want) {
		t.Fatalf("%d ids for %d tokens", len(tt.strs), len(want))
	}
}
