package index

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSkipUvarints(t *testing.T) {
	enc := func(vs ...uint64) []byte {
		var b []byte
		for _, v := range vs {
			b = binary.AppendUvarint(b, v)
		}
		return b
	}
	long := enc(1, 300, 2, 70000, 5, 1<<40, 0, 127, 128, 9, 9, 9, 16384, 3)
	for _, c := range []struct {
		name string
		b    []byte
		i, n int
	}{
		{"none", enc(1, 2), 0, 0},
		{"one byte each", enc(1, 2, 3), 0, 2},
		{"all", enc(1, 2, 3), 0, 3},
		{"too many", enc(1, 2, 3), 0, 4},
		{"multi-byte", long, 0, 5},
		{"across words", long, 0, 11},
		{"from an offset", long, 3, 4},
		{"all of a long one", long, 0, 14},
		{"past a long one", long, 0, 15},
		{"empty", nil, 0, 1},
		{"truncated varint", []byte{0x80, 0x80}, 0, 1},
	} {
		// What decoding one by one gives.
		want := c.i
		for k := 0; k < c.n; k++ {
			_, m := binary.Uvarint(c.b[want:])
			if m <= 0 {
				want = -1
				break
			}
			want += m
		}
		if got := skipUvarints(c.b, c.i, c.n); got != want {
			t.Errorf("%s: skipUvarints(%v, %d, %d) = %d, want %d", c.name, c.b, c.i, c.n, got, want)
		}
	}
}

// TestProbingPostings: probing a list at increasing ordinals, with or without
// a read-ahead window and asking for positions of some documents only, finds
// what the documents hold.
func TestProbingPostings(t *testing.T) {
	docs := makeDocs(7, 700, 1)
	seg := memSegment(t, docs).seg
	r := rand.New(rand.NewPCG(1, 2))
	for _, tok := range []string{"人民", "政府", "信息", "规划", "预算", "公开", "民实"} {
		e, ok := seg.lookup(tok)
		if !ok {
			t.Fatalf("%s not in the segment", tok)
		}
		for _, c := range []struct {
			name   string
			window int
			every  int // probe every n-th ordinal (random when 0)
			posOf  int // ask for positions of every n-th probe (0: none)
		}{
			{"every ordinal, all positions", 0, 1, 1},
			{"sparse, some positions", 0, 0, 2},
			{"sparse, no positions", 0, 0, 0},
			{"window, every ordinal", 1000, 1, 3},
			{"window, sparse", 300, 0, 1},
			{"window larger than the list", 1 << 20, 0, 1},
		} {
			p, err := openPostings(seg, e)
			if err != nil {
				t.Fatal(err)
			}
			p.window = c.window
			n := 0
			for target := 0; target < len(docs); {
				ok, err := p.next(uint32(target))
				if err != nil {
					t.Fatalf("%s %s: %v", tok, c.name, err)
				}
				// The first document at or after target that holds tok.
				want := -1
				for o := target; o < len(docs); o++ {
					if slices.Contains(docs[o].title, tok) || slices.Contains(docs[o].body, tok) {
						want = o
						break
					}
				}
				if !ok {
					if want >= 0 {
						t.Fatalf("%s %s: next(%d) ended, want %d", tok, c.name, target, want)
					}
					break
				}
				if int(p.ord()) != want {
					t.Fatalf("%s %s: next(%d) = %d, want %d", tok, c.name, target, p.ord(), want)
				}
				d := docs[want]
				if ft, fb := p.tfs(); ft != uint32(len(positionsOf(d.title, tok))) || fb != uint32(len(positionsOf(d.body, tok))) {
					t.Fatalf("%s %s: frequencies of %d: %d %d", tok, c.name, want, ft, fb)
				}
				if c.posOf > 0 && n%c.posOf == 0 {
					for _, title := range []bool{true, false, true} {
						got, err := p.positions(title)
						if err != nil {
							t.Fatal(err)
						}
						exp := positionsOf(d.body, tok)
						if title {
							exp = positionsOf(d.title, tok)
						}
						if !slices.Equal(got, exp) && len(got)+len(exp) > 0 {
							t.Fatalf("%s %s: positions of %d (title %v) = %v, want %v", tok, c.name, want, title, got, exp)
						}
					}
				}
				n++
				if c.every > 0 {
					target = want + c.every
				} else {
					target = want + 1 + r.IntN(40)
				}
			}
		}
	}
}

// TestLoadedBlocks: a block decoded whole (as the driver and merges use it)
// gives every document, and the positions of any of them in order.
func TestLoadedBlocks(t *testing.T) {
	docs := makeDocs(8, 500, 1)
	seg := memSegment(t, docs).seg
	for _, tok := range []string{"人民", "信息", "预算"} {
		for _, every := range []int{1, 3, 50} {
			e, _ := seg.lookup(tok)
			p, err := openPostings(seg, e)
			if err != nil {
				t.Fatal(err)
			}
			var got []uint32
			for b := range p.skips {
				if err := p.load(b); err != nil {
					t.Fatal(err)
				}
				for p.i = 0; p.i < len(p.ords); p.i++ {
					got = append(got, p.ords[p.i])
					if p.i%every != 0 {
						continue
					}
					d := docs[p.ords[p.i]]
					ti, err := p.positions(true)
					if err != nil {
						t.Fatal(err)
					}
					bo, err := p.positions(false)
					if err != nil {
						t.Fatal(err)
					}
					if wt, wb := positionsOf(d.title, tok), positionsOf(d.body, tok); !slices.Equal(ti, wt) && len(ti)+len(wt) > 0 || !slices.Equal(bo, wb) && len(bo)+len(wb) > 0 {
						t.Fatalf("%s every %d: positions of %d: %v %v, want %v %v", tok, every, p.ords[p.i], ti, bo, wt, wb)
					}
				}
			}
			var want []uint32
			for o, d := range docs {
				if slices.Contains(d.title, tok) || slices.Contains(d.body, tok) {
					want = append(want, uint32(o))
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s: %d documents, want %d", tok, len(got), len(want))
			}
		}
	}
}

// TestReadAhead: a list is read window by window when most of its blocks are
// expected to be probed, block by block when few are.
func TestReadAhead(t *testing.T) {
	list := func(nblocks int, blockBytes int64) *postings {
		p := &postings{isOpen: true, skips: make([]skipEntry, nblocks)}
		for i := range p.skips {
			p.skips[i] = skipEntry{last: uint32(i), off: int64(i) * blockBytes, docsLen: uint32(blockBytes / 2), posLen: uint32(blockBytes - blockBytes/2)}
		}
		return p
	}
	for _, c := range []struct {
		name       string
		nblocks    int
		blockBytes int64
		probes     int
		ahead      bool
	}{
		{"one probe", 100, 500, 1, false},
		{"few probes of many blocks", 1000, 500, 20, false},
		{"probes in most blocks", 100, 500, 300, true},
		{"as many probes as blocks", 200, 800, 200, true},
		{"large blocks", 100, 40000, 300, false},
	} {
		p := list(c.nblocks, c.blockBytes)
		p.readAhead(c.probes)
		if got := p.window > 0; got != c.ahead {
			t.Errorf("%s: read ahead %v, want %v", c.name, got, c.ahead)
		}
	}
}

type countingReader struct {
	r     *bytes.Reader
	reads int
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	c.reads++
	return c.r.ReadAt(p, off)
}

// TestPostingsAreReadWhenUsed: an iterator reads nothing until it is probed
// or its bounds are asked for.
func TestPostingsAreReadWhenUsed(t *testing.T) {
	docs := makeDocs(9, 300, 1)
	b, _ := encodeSegment(t, docs)
	cr := &countingReader{r: bytes.NewReader(b)}
	seg, err := openSegment(cr, int64(len(b)), false)
	if err != nil {
		t.Fatal(err)
	}
	e, ok := seg.lookup("人民")
	if !ok {
		t.Fatal("人民 not in the segment")
	}
	for _, c := range []struct {
		name string
		use  func(p *postings) error
	}{
		{"next", func(p *postings) error { _, err := p.next(5); return err }},
		{"boundAt", func(p *postings) error { _, _, err := p.boundAt(5, 100); return err }},
		{"load", func(p *postings) error { return p.load(0) }},
	} {
		before := cr.reads
		p := newPostings(seg, e)
		p.readAhead(1000)
		if cr.reads != before {
			t.Errorf("%s: %d reads before use", c.name, cr.reads-before)
		}
		if err := c.use(p); err != nil {
			t.Fatal(err)
		}
		if cr.reads == before || !p.isOpen {
			t.Errorf("%s: the list was not read", c.name)
		}
	}
}

// TestLookupAndBlockBounds: the dictionary finds every term of a segment and
// nothing else, and each block's bound, decoded on demand from the skip
// table, holds for every document of the block.
func TestLookupAndBlockBounds(t *testing.T) {
	docs := makeDocs(10, 400, 1)
	b, strs := encodeSegment(t, docs)
	seg := openMem(t, b).seg
	terms := slices.Clone(strs)
	slices.Sort(terms)
	for _, c := range []struct {
		term string
		ok   bool
	}{
		{terms[0], true},
		{terms[len(terms)/2], true},
		{terms[len(terms)-1], true},
		{"", false},
		{terms[0][:1], false},                 // before the first
		{terms[len(terms)/3] + "\x00", false}, // between two
		{"\xff\xff", false},                   // after the last
	} {
		if _, ok := seg.lookup(c.term); ok != c.ok {
			t.Errorf("lookup(%q) = %v, want %v", c.term, ok, c.ok)
		}
	}
	avgdl := float64(seg.total) / float64(len(seg.ids))
	for _, term := range terms {
		e, ok := seg.lookup(term)
		if !ok {
			t.Fatalf("%q not found", term)
		}
		if e.df == 0 {
			t.Fatalf("%q: df 0", term)
		}
		p, err := openPostings(seg, e)
		if err != nil {
			t.Fatal(err)
		}
		for b := range p.skips {
			ub, err := p.ub(b, avgdl)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.load(b); err != nil {
				t.Fatal(err)
			}
			for i, o := range p.ords {
				if s := tfPart(TitleWeight*p.tfT[i]+p.tfB[i], seg.lens[o], avgdl); s > ub+1e-9 {
					t.Fatalf("%q block %d: document %d scores %v above the bound %v", term, b, o, s, ub)
				}
			}
		}
	}
}

// positionsOf is where tok occurs in toks.
func positionsOf(toks []string, tok string) []uint32 {
	var out []uint32
	for i, s := range toks {
		if s == tok {
			out = append(out, uint32(i))
		}
	}
	return out
}
