package index

import (
	"fmt"
	"io"
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
type postings struct {
	s     *segment
	df    int
	maxFw uint32
	skips []skipEntry
	blk   int // loaded block, -1 before the first
	buf   []byte
	ords  []uint32
	tfT   []uint32
	tfB   []uint32
	posOK bool
	pd    decoder // positions of the block, decoded as far as posAt reaches
	posAt []int   // per document of the block decoded so far, its first position in pos
	pos   []uint32
	i     int // current document in the block
	done  bool
	bb    int // block of the last boundAt, moving forward like the cursor
}

// boundAt is the score bound (before the IDF) of the block that would hold
// ordinal ord, read from the skip table without decoding; ok is false when
// the list has no block that far (the token is not in the document).
func (p *postings) boundAt(ord uint32, avgdl float64) (ub float64, ok bool) {
	for p.bb < len(p.skips) && p.skips[p.bb].last < ord {
		p.bb++
	}
	if p.bb == len(p.skips) {
		return 0, false
	}
	return p.skips[p.bb].ub(avgdl), true
}

func openPostings(s *segment, e dictEntry) (*postings, error) {
	p := &postings{s: s, df: int(e.df), maxFw: e.maxFw, blk: -1}
	n := min(int(e.size), 4096)
	head := make([]byte, n)
	if _, err := s.r.ReadAt(head, int64(e.off)); err != nil && err != io.EOF {
		return nil, fmt.Errorf("index: read postings: %w", err)
	}
	d := decoder{b: head}
	nblocks := d.uvarint()
	skipLen := d.uvarint()
	if d.err != nil || nblocks == 0 || nblocks > uint64(e.df) || skipLen > uint64(e.size) {
		return nil, errCorrupt
	}
	start := d.i
	skip := head[start:]
	if uint64(len(skip)) < skipLen {
		skip = make([]byte, skipLen)
		if _, err := s.r.ReadAt(skip, int64(e.off)+int64(start)); err != nil {
			return nil, fmt.Errorf("index: read skip table: %w", err)
		}
	} else {
		skip = skip[:skipLen]
	}
	d = decoder{b: skip}
	p.skips = make([]skipEntry, nblocks)
	off := int64(e.off) + int64(start) + int64(skipLen)
	end := int64(e.off) + int64(e.size)
	for i := range p.skips {
		se := &p.skips[i]
		se.last = uint32(d.uvarint())
		se.docsLen = uint32(d.uvarint())
		se.posLen = uint32(d.uvarint())
		nb := d.uvarint()
		if nb == 0 || nb > maxBound {
			return nil, errCorrupt
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
		return nil, errCorrupt
	}
	return p, nil
}

// load decodes block b's documents.
func (p *postings) load(b int) error {
	se := p.skips[b]
	n := int(se.docsLen + se.posLen)
	if cap(p.buf) < n {
		p.buf = make([]byte, n)
	}
	p.buf = p.buf[:n]
	if _, err := p.s.r.ReadAt(p.buf, se.off); err != nil {
		return fmt.Errorf("index: read block: %w", err)
	}
	d := decoder{b: p.buf[:se.docsLen]}
	p.ords, p.tfT, p.tfB = p.ords[:0], p.tfT[:0], p.tfB[:0]
	var prev uint32
	for d.i < len(d.b) && d.err == nil {
		delta := uint32(d.uvarint())
		o := delta
		if len(p.ords) > 0 {
			o = prev + delta
			if delta == 0 {
				d.err = errCorrupt
			}
		}
		prev = o
		p.ords = append(p.ords, o)
		p.tfT = append(p.tfT, uint32(d.uvarint()))
		p.tfB = append(p.tfB, uint32(d.uvarint()))
	}
	if d.err != nil || len(p.ords) == 0 || p.ords[len(p.ords)-1] != se.last || int(p.ords[len(p.ords)-1]) >= len(p.s.ids) {
		return errCorrupt
	}
	p.blk, p.i, p.posOK = b, 0, false
	return nil
}

// next moves to the first document with ordinal ≥ target; false at the end.
func (p *postings) next(target uint32) (bool, error) {
	if p.done {
		return false, nil
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
		if err := p.load(b); err != nil {
			return false, err
		}
	}
	for p.ords[p.i] < target {
		p.i++
	}
	return true, nil
}

func (p *postings) ord() uint32 { return p.ords[p.i] }

// positions returns the current document's title or body positions. The
// block's positions are decoded only as far as the current document (the
// cursor only moves forward within a block): a phrase check of a few
// candidates does not pay for the whole block.
func (p *postings) positions(title bool) ([]uint32, error) {
	if !p.posOK {
		se := p.skips[p.blk]
		p.pd = decoder{b: p.buf[se.docsLen:]}
		p.pos = p.pos[:0]
		p.posAt = p.posAt[:0]
		p.posOK = true
	}
	for k := len(p.posAt); k <= p.i; k++ {
		p.posAt = append(p.posAt, len(p.pos))
		for _, cnt := range [2]uint32{p.tfT[k], p.tfB[k]} {
			var last uint32
			for j := uint32(0); j < cnt; j++ {
				last += uint32(p.pd.uvarint())
				p.pos = append(p.pos, last)
			}
		}
		if p.pd.err != nil || (k == len(p.ords)-1 && p.pd.i != len(p.pd.b)) {
			return nil, errCorrupt
		}
	}
	a := p.posAt[p.i]
	t := int(p.tfT[p.i])
	if title {
		return p.pos[a : a+t], nil
	}
	return p.pos[a+t : a+t+int(p.tfB[p.i])], nil
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
