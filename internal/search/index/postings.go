package index

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/bits"
	"sync"
)

type skipEntry struct {
	last    uint32 // last ordinal of the block
	off     int64  // offset of the block in the segment
	docsLen uint32
	posLen  uint32
	nb      uint8
	bound   [maxBound]point
	// The bound's points are decoded when first needed (postings.ub): they
	// start at bAt in the skip table. ubv is then the bound for the search's
	// average length.
	bAt uint32
	bOK bool
	ubv float64
}

// ub is the highest term score (before the IDF) of a document of the block.
func (se *skipEntry) ub(avgdl float64) float64 {
	best := 0.0
	for _, p := range se.bound[:se.nb] {
		best = max(best, tfPart(p.fw, p.len, avgdl))
	}
	return best
}

// postings iterates one term's posting list in a segment, block by block.
//
// A block's documents are decoded only as far as a probe needs them (next),
// and positions only for the document asked for (positions): the positions
// of the documents before it are stepped over without decoding. A query
// that checks a few candidates in a block of a common token thus pays for
// what it reads, as an index storing positions per term and document would.
type postings struct {
	s      *segment
	e      dictEntry
	isOpen bool // the skip table is read
	aheadN int  // the probes expected, for readAhead on opening
	df     int
	maxFw  uint32
	skips  []skipEntry
	// Bytes of the list held in memory: data holds the list's bytes from
	// dataOff on (the head read at open, or the last read of blocks).
	data    []byte
	dataOff int64
	head    []byte // what the read at open is made into
	skipBuf []byte // what a skip table longer than the head is read into
	skipb   []byte // the skip table
	buf     []byte // what reads of blocks are made into
	// window is the number of bytes a read of a block reaches ahead (0: the
	// block alone): a list probed in most of its blocks is read in a few
	// large reads rather than one per block. It is set when the probes are
	// expected to be dense (readAhead), or when the blocks read so far were
	// close together: gap is the running mean of the bytes between the end
	// of one block read and the start of the next, end the end of the last.
	window int
	gap    float64
	end    int64
	blk    int // loaded block, -1 before the first
	docs   []byte
	posb   []byte
	// A probe (next) decodes the block's documents only as far as its
	// target and keeps the current one: its ordinal, frequencies and the
	// number of positions of the documents before it in the block. load
	// decodes them all into ords, tfT and tfB (arr) for the driver and
	// merges.
	di        int // the documents decoded so far end here in docs
	cOrd      uint32
	cT, cB    uint32
	posBefore int
	arr       bool
	ords      []uint32
	tfT       []uint32
	tfB       []uint32
	pk        int // with arr: posBefore of document pk is pkBefore
	pkBefore  int
	// Positions: pd has stepped over or decoded pdCount of the block's
	// positions; pos holds the title then the body positions of document
	// posDoc, posT of them in the title.
	pd      decoder
	pdCount int
	posDoc  int
	posT    uint32
	pos     []uint32
	i       int // current document in the block (-1: none yet)
	done    bool
	bb      int // block of the last boundAt, moving forward like the cursor
}

// boundAt is the score bound (before the IDF) of the block that would hold
// ordinal ord, read from the skip table without decoding; ok is false when
// the list has no block that far (the token is not in the document).
func (p *postings) boundAt(ord uint32, avgdl float64) (ub float64, ok bool, err error) {
	if err := p.open(); err != nil {
		return 0, false, err
	}
	for p.bb < len(p.skips) && p.skips[p.bb].last < ord {
		p.bb++
	}
	if p.bb == len(p.skips) {
		return 0, false, nil
	}
	ub, err = p.ub(p.bb, avgdl)
	return ub, err == nil, err
}

// ub is block b's score bound (before the IDF), its points decoded from the
// skip table the first time. avgdl must be the same at every call (an
// iterator serves one search).
func (p *postings) ub(b int, avgdl float64) (float64, error) {
	se := &p.skips[b]
	if !se.bOK {
		d := decoder{b: p.skipb, i: int(se.bAt)}
		for j := range se.bound[:se.nb] {
			se.bound[j] = point{uint32(d.uvarint()), uint32(d.uvarint())}
		}
		if d.err != nil {
			return 0, errCorrupt
		}
		se.bOK, se.ubv = true, se.ub(avgdl)
	}
	return se.ubv, nil
}

// headRead is how much of a posting list openPostings reads: the skip table
// and, for a short list, the whole list.
const headRead = 4096

// postingsPool keeps the iterators of finished searches, whose buffers the
// next searches reuse (releasePostings).
var postingsPool sync.Pool

// releasePostings hands iterators back for reuse; they must not be used after.
func releasePostings(ps []*postings) {
	for _, p := range ps {
		if cap(p.buf) > 1<<20 || cap(p.skips) > 1<<14 || cap(p.skipBuf) > 1<<20 {
			continue // keep the pool's memory small
		}
		p.s = nil
		postingsPool.Put(p)
	}
}

// openPostings returns an iterator over a list, its skip table read.
func openPostings(s *segment, e dictEntry) (*postings, error) {
	p := newPostings(s, e)
	if err := p.open(); err != nil {
		return nil, err
	}
	return p, nil
}

// newPostings returns an iterator over a list that reads nothing until it is
// used: a query whose candidates all fail on the tokens probed first never
// reads the lists of the others.
func newPostings(s *segment, e dictEntry) *postings {
	p, _ := postingsPool.Get().(*postings)
	if p == nil {
		p = &postings{}
	}
	*p = postings{s: s, e: e, df: int(e.df), maxFw: e.maxFw, blk: -1, gap: 2 * float64(readCost),
		head: p.head[:0], buf: p.buf[:0], skips: p.skips[:0], skipBuf: p.skipBuf[:0],
		ords: p.ords[:0], tfT: p.tfT[:0], tfB: p.tfB[:0], pos: p.pos[:0]}
	return p
}

// open reads the list's head and skip table, once.
func (p *postings) open() error {
	if p.isOpen {
		return nil
	}
	s, e := p.s, p.e
	n := min(int(e.size), headRead)
	if cap(p.head) < n {
		p.head = make([]byte, headRead)
	}
	head := p.head[:n]
	if _, err := s.r.ReadAt(head, int64(e.off)); err != nil && err != io.EOF {
		return fmt.Errorf("index: read postings: %w", err)
	}
	p.data, p.dataOff = head, int64(e.off)
	d := decoder{b: head}
	nblocks := d.uvarint()
	skipLen := d.uvarint()
	if d.err != nil || nblocks == 0 || nblocks > uint64(e.df) || skipLen > uint64(e.size) {
		return errCorrupt
	}
	start := d.i
	skip := head[start:]
	if uint64(len(skip)) < skipLen {
		if uint64(cap(p.skipBuf)) < skipLen {
			p.skipBuf = make([]byte, skipLen)
		}
		skip = p.skipBuf[:skipLen]
		if _, err := s.r.ReadAt(skip, int64(e.off)+int64(start)); err != nil {
			return fmt.Errorf("index: read skip table: %w", err)
		}
	} else {
		skip = skip[:skipLen]
	}
	d = decoder{b: skip}
	p.skipb = skip
	if uint64(cap(p.skips)) < nblocks {
		p.skips = make([]skipEntry, nblocks)
	}
	p.skips = p.skips[:nblocks]
	off := int64(e.off) + int64(start) + int64(skipLen)
	end := int64(e.off) + int64(e.size)
	for i := range p.skips {
		se := &p.skips[i]
		se.last = uint32(d.uvarint())
		se.docsLen = uint32(d.uvarint())
		se.posLen = uint32(d.uvarint())
		nb := d.uvarint()
		if nb == 0 || nb > maxBound {
			return errCorrupt
		}
		se.nb, se.bAt, se.bOK = uint8(nb), uint32(d.i), false
		if d.i = skipUvarints(skip, d.i, 2*int(nb)); d.i < 0 {
			return errCorrupt
		}
		se.off = off
		off += int64(se.docsLen) + int64(se.posLen)
		if i > 0 && se.last <= p.skips[i-1].last {
			d.err = errCorrupt
		}
	}
	if d.err != nil || off != end {
		return errCorrupt
	}
	p.isOpen = true
	if p.aheadN > 0 {
		p.readAhead(p.aheadN)
	}
	return nil
}

// Reading ahead: a read costs about as much as copying readCost bytes (1 µs
// or 6–8 KB from the page cache, measured), and a read-ahead reads window
// bytes.
var (
	readCost = 4096
	window   = 16 << 10
)

// readAhead sets the read-ahead window for a list that is to be probed at up
// to n documents spread over the segment: when the blocks the probes are
// expected to land in are many and small, reading the list window by window
// costs less than a read per block.
func (p *postings) readAhead(n int) {
	if !p.isOpen {
		p.aheadN = n // on opening
		return
	}
	nb := float64(len(p.skips))
	first, last := p.skips[0], p.skips[len(p.skips)-1]
	size := float64(last.off + int64(last.docsLen) + int64(last.posLen) - first.off)
	touched := nb * (1 - math.Pow(1-1/nb, float64(n)))
	perBlock := touched * (float64(readCost) + size/nb)
	windowed := size + math.Ceil(size/float64(window))*float64(readCost)
	if windowed < perBlock {
		p.window = window
	}
}

// block returns block b's bytes, from those in memory or read (with the
// read-ahead window).
func (p *postings) block(b int) ([]byte, error) {
	se := &p.skips[b]
	n := int64(se.docsLen) + int64(se.posLen)
	if se.off >= p.dataOff && se.off+n <= p.dataOff+int64(len(p.data)) {
		if p.end > 0 {
			p.gap = (3*p.gap + float64(se.off-p.end)) / 4
		}
		p.end = se.off + n
		at := se.off - p.dataOff
		return p.data[at : at+n], nil
	}
	// Blocks read close together suggest that the next will be close too.
	if p.end > 0 {
		p.gap = (3*p.gap + float64(se.off-p.end)) / 4
	}
	p.end = se.off + n
	want := n
	if p.window > 0 || p.gap < float64(readCost) {
		last := p.skips[len(p.skips)-1]
		end := last.off + int64(last.docsLen) + int64(last.posLen)
		want = max(n, min(int64(window), end-se.off))
	}
	if int64(cap(p.buf)) < want {
		p.buf = make([]byte, want)
	}
	p.buf = p.buf[:want]
	if _, err := p.s.r.ReadAt(p.buf, se.off); err != nil {
		return nil, fmt.Errorf("index: read block: %w", err)
	}
	p.data, p.dataOff = p.buf, se.off
	return p.buf[:n], nil
}

// seek makes block b the current one without decoding its documents.
func (p *postings) seek(b int) error {
	bytes, err := p.block(b)
	if err != nil {
		return err
	}
	se := &p.skips[b]
	p.docs, p.posb = bytes[:se.docsLen], bytes[se.docsLen:]
	p.blk, p.i, p.di, p.arr = b, -1, 0, false
	p.cOrd, p.cT, p.cB, p.posBefore = 0, 0, 0, 0
	p.pk, p.pkBefore = 0, 0
	p.pd, p.pdCount, p.posDoc = decoder{b: p.posb}, 0, -1
	return nil
}

// entry decodes the document entry at docs[i:]: the ordinal delta and the
// two frequencies; n is its size, 0 when it is malformed.
func entry(b []byte, i int) (d, t, bd uint32, n int) {
	if i+3 <= len(b) && b[i]|b[i+1]|b[i+2] < 0x80 {
		// Most entries are three one-byte varints.
		return uint32(b[i]), uint32(b[i+1]), uint32(b[i+2]), 3
	}
	var v [3]uint64
	at := i
	for k := range v {
		x, m := binary.Uvarint(b[min(at, len(b)):])
		if m <= 0 {
			return 0, 0, 0, 0
		}
		v[k] = x
		at += m
	}
	return uint32(v[0]), uint32(v[1]), uint32(v[2]), at - i
}

// scan decodes the block's documents from the current one on until one with
// ordinal ≥ target (the block's last ordinal is at least target).
func (p *postings) scan(target uint32) error {
	b, i, k := p.docs, p.di, p.i
	o, t, bd, before := p.cOrd, p.cT, p.cB, p.posBefore
	for {
		if k >= 0 {
			before += int(t) + int(bd)
		}
		var d uint32
		if i+3 <= len(b) && b[i]|b[i+1]|b[i+2] < 0x80 {
			// Most entries are three one-byte varints.
			d, t, bd = uint32(b[i]), uint32(b[i+1]), uint32(b[i+2])
			i += 3
		} else {
			var m int
			if d, t, bd, m = entry(b, i); m == 0 {
				return errCorrupt
			}
			i += m
		}
		if k >= 0 {
			if d == 0 {
				return errCorrupt
			}
			o += d
		} else {
			o = d
		}
		k++
		if o >= target {
			break
		}
		// o < target ≤ last: the block goes on (the next entry is checked).
	}
	last := p.skips[p.blk].last
	if o > last || (i == len(b)) != (o == last) || int(o) >= len(p.s.ids) {
		return errCorrupt
	}
	p.di, p.i = i, k
	p.cOrd, p.cT, p.cB, p.posBefore = o, t, bd, before
	return nil
}

// load decodes block b's documents, all of them.
func (p *postings) load(b int) error {
	if err := p.open(); err != nil {
		return err
	}
	if err := p.seek(b); err != nil {
		return err
	}
	p.ords, p.tfT, p.tfB = p.ords[:0], p.tfT[:0], p.tfB[:0]
	docs, last, n := p.docs, p.skips[b].last, uint32(len(p.s.ids))
	var o uint32
	for i := 0; ; {
		d, t, bd, m := entry(docs, i)
		if m == 0 || (len(p.ords) > 0 && d == 0) {
			return errCorrupt
		}
		i += m
		if len(p.ords) > 0 {
			o += d
		} else {
			o = d
		}
		if o > last || (i == len(docs)) != (o == last) || o >= n {
			return errCorrupt
		}
		p.ords = append(p.ords, o)
		p.tfT = append(p.tfT, t)
		p.tfB = append(p.tfB, bd)
		if o == last {
			break
		}
	}
	p.arr, p.i = true, 0
	return nil
}

// next moves to the first document with ordinal ≥ target; false at the end.
func (p *postings) next(target uint32) (bool, error) {
	if p.done {
		return false, nil
	}
	if err := p.open(); err != nil {
		return false, err
	}
	if p.blk < 0 || p.skips[p.blk].last < target {
		b := max(p.blk, 0)
		for b < len(p.skips) && p.skips[b].last < target {
			b++
		}
		if b == len(p.skips) {
			p.done = true
			return false, nil
		}
		if err := p.seek(b); err != nil {
			return false, err
		}
	}
	if p.arr {
		for p.ords[p.i] < target {
			p.i++
		}
		return true, nil
	}
	if p.i >= 0 && p.cOrd >= target {
		return true, nil
	}
	return true, p.scan(target)
}

// ord is the current document's ordinal.
func (p *postings) ord() uint32 {
	if p.arr {
		return p.ords[p.i]
	}
	return p.cOrd
}

// tfs are the current document's title and body frequencies.
func (p *postings) tfs() (title, body uint32) {
	if p.arr {
		return p.tfT[p.i], p.tfB[p.i]
	}
	return p.cT, p.cB
}

// positions returns the current document's title or body positions. Only
// that document's positions are decoded; those of the documents before it in
// the block are stepped over (the cursor only moves forward within a block).
// The slices stay valid until the cursor moves.
func (p *postings) positions(title bool) ([]uint32, error) {
	if p.posDoc != p.i {
		var before int
		var isLast bool
		t, bd := p.tfs()
		if p.arr {
			if p.pk > p.i {
				return nil, errCorrupt // cannot happen: the cursor moves forward
			}
			for ; p.pk < p.i; p.pk++ {
				p.pkBefore += int(p.tfT[p.pk]) + int(p.tfB[p.pk])
			}
			before, isLast = p.pkBefore, p.i == len(p.ords)-1
		} else {
			before, isLast = p.posBefore, p.cOrd == p.skips[p.blk].last
		}
		if before < p.pdCount {
			return nil, errCorrupt // cannot happen either
		}
		at := skipUvarints(p.pd.b, p.pd.i, before-p.pdCount)
		if at < 0 {
			return nil, errCorrupt
		}
		p.pd.i = at
		p.pos = p.pos[:0]
		for _, cnt := range [2]uint32{t, bd} {
			var last uint32
			for j := uint32(0); j < cnt; j++ {
				last += uint32(p.pd.uvarint())
				p.pos = append(p.pos, last)
			}
		}
		if p.pd.err != nil || (isLast && p.pd.i != len(p.pd.b)) {
			return nil, errCorrupt
		}
		p.pdCount = before + int(t) + int(bd)
		p.posDoc, p.posT = p.i, t
	}
	if title {
		return p.pos[:p.posT], nil
	}
	return p.pos[p.posT:], nil
}

// skipUvarints returns the index in b after the n uvarints that start at i,
// or -1 when b ends first. It counts the bytes that end a varint (high bit
// clear), eight at a time.
func skipUvarints(b []byte, i, n int) int {
	for n > 0 && i+8 <= len(b) {
		w := binary.LittleEndian.Uint64(b[i:])
		ends := ^w & 0x8080808080808080
		c := bits.OnesCount64(ends)
		if c >= n {
			for ; n > 1; n-- {
				ends &= ends - 1
			}
			return i + bits.TrailingZeros64(ends)/8 + 1
		}
		n -= c
		i += 8
	}
	for ; n > 0 && i < len(b); i++ {
		if b[i] < 0x80 {
			n--
		}
	}
	if n > 0 {
		return -1
	}
	return i
}

// all decodes every entry of the list (for merging): calls fn per document
// with its title and body positions.
func (p *postings) all(fn func(ord uint32, title, body []uint32) error) error {
	for b := range p.skips {
		if err := p.load(b); err != nil {
			return err
		}
		for p.i = 0; p.i < len(p.ords); p.i++ {
			t, err := p.positions(true)
			if err != nil {
				return err
			}
			bd, err := p.positions(false)
			if err != nil {
				return err
			}
			if err := fn(p.ords[p.i], t, bd); err != nil {
				return err
			}
		}
	}
	return nil
}
