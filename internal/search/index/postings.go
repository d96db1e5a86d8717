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
	dd     decoder // the block's documents, decoded as far as ords reaches
	prev   uint32
	full   bool // every document of the block is decoded
	ords   []uint32
	tfT    []uint32
	tfB    []uint32
	// Positions: pd is at the positions of document pk of the block; pos
	// holds the title then the body positions of document posDoc.
	pd     decoder
	pk     int
	posDoc int
	pos    []uint32
	i      int // current document in the block
	done   bool
	bb     int // block of the last boundAt, moving forward like the cursor
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
	return p.skips[p.bb].ub(avgdl), true, nil
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
		if cap(p.buf) > 1<<20 || cap(p.skips) > 1<<14 {
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
		head: p.head[:0], buf: p.buf[:0], skips: p.skips[:0],
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
		skip = make([]byte, skipLen)
		if _, err := s.r.ReadAt(skip, int64(e.off)+int64(start)); err != nil {
			return fmt.Errorf("index: read skip table: %w", err)
		}
	} else {
		skip = skip[:skipLen]
	}
	d = decoder{b: skip}
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
		se.nb = uint8(nb)
		for j := range se.bound[:nb] {
			se.bound[j] = point{uint32(d.uvarint()), uint32(d.uvarint())}
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
	p.dd = decoder{b: p.docs}
	p.ords, p.tfT, p.tfB = p.ords[:0], p.tfT[:0], p.tfB[:0]
	p.blk, p.i, p.full = b, 0, false
	p.pd = decoder{b: p.posb}
	p.pk, p.posDoc = 0, -1
	return nil
}

// decodeDoc decodes the block's next document.
func (p *postings) decodeDoc() error {
	d := &p.dd
	if d.i >= len(d.b) {
		return errCorrupt // the block ended before its last ordinal
	}
	var o, tfT, tfB uint32
	if b := d.b[d.i:]; len(b) >= 3 && b[0]|b[1]|b[2] < 0x80 {
		// Most entries are three one-byte varints.
		o, tfT, tfB = uint32(b[0]), uint32(b[1]), uint32(b[2])
		d.i += 3
	} else {
		o = uint32(d.uvarint())
		tfT, tfB = uint32(d.uvarint()), uint32(d.uvarint())
	}
	if len(p.ords) > 0 {
		if o == 0 {
			return errCorrupt
		}
		o += p.prev
	}
	p.prev = o
	last := p.skips[p.blk].last
	if d.err != nil || o > last || (d.i == len(d.b)) != (o == last) || int(o) >= len(p.s.ids) {
		return errCorrupt
	}
	p.ords = append(p.ords, o)
	p.tfT = append(p.tfT, tfT)
	p.tfB = append(p.tfB, tfB)
	p.full = o == last
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
	for !p.full {
		if err := p.decodeDoc(); err != nil {
			return err
		}
	}
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
	for {
		if p.i < len(p.ords) {
			if p.ords[p.i] >= target {
				return true, nil
			}
			p.i++
			continue
		}
		// The block's last ordinal is at least target, so this ends.
		if err := p.decodeDoc(); err != nil {
			return false, err
		}
	}
}

func (p *postings) ord() uint32 { return p.ords[p.i] }

// positions returns the current document's title or body positions. Only
// that document's positions are decoded; those of the documents before it in
// the block are stepped over (the cursor only moves forward within a block).
// The slices stay valid until the cursor moves.
func (p *postings) positions(title bool) ([]uint32, error) {
	if p.posDoc != p.i {
		if p.pk > p.i {
			return nil, errCorrupt // cannot happen: the cursor moves forward
		}
		skip := 0
		for k := p.pk; k < p.i; k++ {
			skip += int(p.tfT[k]) + int(p.tfB[k])
		}
		at := skipUvarints(p.pd.b, p.pd.i, skip)
		if at < 0 {
			return nil, errCorrupt
		}
		p.pd.i = at
		p.pos = p.pos[:0]
		for _, cnt := range [2]uint32{p.tfT[p.i], p.tfB[p.i]} {
			var last uint32
			for j := uint32(0); j < cnt; j++ {
				last += uint32(p.pd.uvarint())
				p.pos = append(p.pos, last)
			}
		}
		if p.pd.err != nil || (p.full && p.i == len(p.ords)-1 && p.pd.i != len(p.pd.b)) {
			return nil, errCorrupt
		}
		p.pk, p.posDoc = p.i+1, p.i
	}
	t := int(p.tfT[p.i])
	if title {
		return p.pos[:t], nil
	}
	return p.pos[t:], nil
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
