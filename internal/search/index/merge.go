package index

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"sort"
)

// mergeSegments writes one segment holding the live documents of srcs, in id
// order.
// stop is polled now and then; when it reports true the merge ends with
// errClosing.
func mergeSegments(w io.Writer, srcs []*liveSeg, stop func() bool) error {
	// New ordinals: the live documents of all sources by id.
	type ref struct {
		src int
		ord int
	}
	var refs []ref
	for si, l := range srcs {
		for o := range l.seg.ids {
			if !l.isDeleted(o) {
				refs = append(refs, ref{si, o})
			}
		}
	}
	sort.Slice(refs, func(i, j int) bool {
		return srcs[refs[i].src].seg.ids[refs[i].ord] < srcs[refs[j].src].seg.ids[refs[j].ord]
	})
	remap := make([][]int32, len(srcs))
	for si, l := range srcs {
		remap[si] = make([]int32, len(l.seg.ids))
		for o := range remap[si] {
			remap[si][o] = -1
		}
	}
	infos := make([]docInfo, len(refs))
	for n, r := range refs {
		s := srcs[r.src].seg
		remap[r.src][r.ord] = int32(n)
		infos[n] = docInfo{id: s.ids[r.ord], len: s.lens[r.ord], meta: s.metas[r.ord]}
	}
	sw := newSegWriter(w, infos)
	if len(refs) == 0 {
		return sw.finish()
	}
	// A source is linear when its documents keep their order and follow one
	// another here (no deletions, and no other source's documents among
	// them): new ordinal = old + shift. A bulk import's segments are. The
	// posting lists of terms found only in linear sources are put together
	// from the sources' blocks (copyLists), most of them copied as they are;
	// the others are decoded and encoded again.
	linear := make([]bool, len(srcs))
	shift := make([]uint32, len(srcs))
	for si, l := range srcs {
		rm := remap[si]
		linear[si] = l.ndel == 0 && len(rm) > 0
		for o := 1; o < len(rm) && linear[si]; o++ {
			linear[si] = rm[o] == rm[0]+int32(o)
		}
		linear[si] = linear[si] && copyBlocks
		if linear[si] {
			shift[si] = uint32(rm[0])
		}
	}
	type entry struct {
		ord        uint32
		title, bdy []uint32
	}
	// One cursor per source over its dictionary, in term order, and one
	// sequential reader over its posting lists (in the same order).
	curs := make([]*dictCursor, len(srcs))
	lists := make([]*listReader, len(srcs))
	for si, l := range srcs {
		c, err := newDictCursor(l.seg)
		if err != nil {
			return err
		}
		curs[si] = c
		lists[si] = &listReader{s: l.seg}
	}
	var entries []entry
	var posBuf []uint32
	acc := &termAcc{}
	cl := &listCopier{sw: sw}
	var have []int
	for n := 0; ; n++ {
		if n%1024 == 0 && stop() {
			return errClosing
		}
		term, any := "", false
		for _, c := range curs {
			if c.ok && (!any || c.term < term) {
				term, any = c.term, true
			}
		}
		if !any {
			break
		}
		have = have[:0]
		allLinear := true
		for si, c := range curs {
			if c.ok && c.term == term {
				have = append(have, si)
				allLinear = allLinear && linear[si]
			}
		}
		if allLinear {
			// In order of their documents here.
			slices.SortFunc(have, func(a, b int) int { return cmp.Compare(shift[a], shift[b]) })
			if err := sw.beginTerm(term); err != nil {
				return err
			}
			cl.reset()
			for _, si := range have {
				c := curs[si]
				list, err := lists[si].read(c.entry)
				if err != nil {
					return err
				}
				if err := cl.add(list, shift[si], c.entry.maxFw); err != nil {
					return err
				}
				if err := c.next(); err != nil {
					return err
				}
			}
			cl.finish()
			if err := sw.endTerm(term); err != nil {
				return err
			}
			continue
		}
		entries = entries[:0]
		posBuf = posBuf[:0]
		for _, si := range have {
			l := srcs[si]
			c := curs[si]
			e := c.entry
			if err := c.next(); err != nil {
				return err
			}
			if err := lists[si].skip(e); err != nil {
				return err
			}
			p, err := openPostings(l.seg, e)
			if err != nil {
				return err
			}
			rm := remap[si]
			if err := p.all(func(ord uint32, title, body []uint32) error {
				n := rm[ord]
				if n < 0 {
					return nil
				}
				a := len(posBuf)
				posBuf = append(posBuf, title...)
				posBuf = append(posBuf, body...)
				entries = append(entries, entry{uint32(n), posBuf[a : a+len(title) : a+len(title)], posBuf[a+len(title) : len(posBuf) : len(posBuf)]})
				return nil
			}); err != nil {
				return err
			}
		}
		if len(entries) == 0 {
			continue // only deleted documents had it
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].ord < entries[j].ord })
		acc.ords, acc.tfT, acc.tfB, acc.pos = acc.ords[:0], acc.tfT[:0], acc.tfB[:0], acc.pos[:0]
		for _, e := range entries {
			acc.ords = append(acc.ords, e.ord)
			acc.tfT = append(acc.tfT, uint32(len(e.title)))
			acc.tfB = append(acc.tfB, uint32(len(e.bdy)))
			acc.pos = append(acc.pos, e.title...)
			acc.pos = append(acc.pos, e.bdy...)
		}
		if err := sw.addTerm(term, acc); err != nil {
			return err
		}
	}
	return sw.finish()
}

// copyBlocks lets merges copy blocks (tests turn it off to compare).
var copyBlocks = true

// listReader reads a segment's posting lists in the order they are laid out
// (the dictionary's), through a large buffer: a merge reads every list.
type listReader struct {
	s   *segment
	r   *bufio.Reader
	at  uint64 // offset in the segment of what r reads next
	buf []byte
}

func (lr *listReader) seek(off uint64) error {
	if lr.r == nil || off < lr.at {
		lr.r = bufio.NewReaderSize(io.NewSectionReader(lr.s.r, int64(off), int64(lr.s.dictOff)-int64(off)), 1<<20)
		lr.at = off
	}
	if off > lr.at {
		if _, err := lr.r.Discard(int(off - lr.at)); err != nil {
			return fmt.Errorf("index: read postings: %w", err)
		}
		lr.at = off
	}
	return nil
}

// read returns the bytes of a term's list (valid until the next read).
func (lr *listReader) read(e dictEntry) ([]byte, error) {
	if err := lr.seek(e.off); err != nil {
		return nil, err
	}
	if cap(lr.buf) < int(e.size) {
		lr.buf = make([]byte, e.size)
	}
	lr.buf = lr.buf[:e.size]
	if _, err := io.ReadFull(lr.r, lr.buf); err != nil {
		return nil, fmt.Errorf("index: read postings: %w", err)
	}
	lr.at += uint64(e.size)
	return lr.buf, nil
}

// skip passes over a term's list (read elsewhere).
func (lr *listReader) skip(e dictEntry) error {
	if lr.r == nil {
		return nil // nothing read yet: the first read seeks
	}
	return lr.seek(e.off + uint64(e.size))
}

// listCopier puts a term's posting list together from the lists of linear
// sources, in the order of their documents. A full block (blockSize
// documents) is copied as it is, with its first ordinal shifted; the
// documents of partial blocks (a source's last) are decoded and gathered
// into full blocks, so that a rare term's list does not become a row of
// small blocks, one per flush. A term's list thus has at most one partial
// block per source it was copied from, before a full block.
type listCopier struct {
	sw   *segWriter
	pend termAcc // decoded documents not written yet (fewer than blockSize)
}

func (cl *listCopier) reset() {
	cl.pend.ords, cl.pend.tfT, cl.pend.tfB, cl.pend.pos = cl.pend.ords[:0], cl.pend.tfT[:0], cl.pend.tfB[:0], cl.pend.pos[:0]
}

// add appends a source's list (its bytes) whose ordinals become shift
// higher; maxFw is its largest weighted frequency.
func (cl *listCopier) add(list []byte, shift uint32, maxFw uint32) error {
	d := decoder{b: list}
	nblocks := d.uvarint()
	skipLen := d.uvarint()
	if d.err != nil || nblocks == 0 || skipLen > uint64(len(list)-d.i) {
		return errCorrupt
	}
	skip := decoder{b: list[d.i : d.i+int(skipLen)]}
	data := list[d.i+int(skipLen):]
	for b := uint64(0); b < nblocks; b++ {
		last := uint32(skip.uvarint())
		docsLen := skip.uvarint()
		posLen := skip.uvarint()
		boundAt := skip.i
		nb := skip.uvarint()
		if nb == 0 || nb > maxBound {
			return errCorrupt
		}
		for range 2 * nb {
			skip.uvarint()
		}
		if skip.err != nil || docsLen+posLen > uint64(len(data)) || docsLen == 0 {
			return errCorrupt
		}
		docs, pos := data[:docsLen], data[docsLen:docsLen+posLen]
		data = data[docsLen+posLen:]
		n := countUvarints(docs)
		if n%3 != 0 {
			return errCorrupt
		}
		n /= 3
		if n == blockSize {
			cl.flushPending()
			cl.sw.copyBlock(shift, docs, pos, last, skip.b[boundAt:skip.i], n, maxFw)
			continue
		}
		if err := cl.decode(docs, pos, shift, last); err != nil {
			return err
		}
		if len(cl.pend.ords) >= blockSize {
			cl.writePending(blockSize)
		}
	}
	if skip.i != len(skip.b) || len(data) != 0 {
		return errCorrupt
	}
	return nil
}

// decode appends a block's documents to the pending ones.
func (cl *listCopier) decode(docs, pos []byte, shift, last uint32) error {
	a := &cl.pend
	d := decoder{b: docs}
	pd := decoder{b: pos}
	var prev uint32
	for k := 0; d.i < len(d.b); k++ {
		o := uint32(d.uvarint())
		if k > 0 {
			o += prev
		}
		prev = o
		tfT, tfB := uint32(d.uvarint()), uint32(d.uvarint())
		a.ords = append(a.ords, o+shift)
		a.tfT = append(a.tfT, tfT)
		a.tfB = append(a.tfB, tfB)
		for _, cnt := range [2]uint32{tfT, tfB} {
			var p uint32
			for range cnt {
				p += uint32(pd.uvarint())
				a.pos = append(a.pos, p)
			}
		}
	}
	if d.err != nil || pd.err != nil || pd.i != len(pd.b) || prev != last {
		return errCorrupt
	}
	return nil
}

// writePending writes the first n pending documents as a block and keeps
// the others pending.
func (cl *listCopier) writePending(n int) {
	a := &cl.pend
	pi := cl.sw.encodeBlock(a, 0, n, 0)
	a.ords = a.ords[:copy(a.ords, a.ords[n:])]
	a.tfT = a.tfT[:copy(a.tfT, a.tfT[n:])]
	a.tfB = a.tfB[:copy(a.tfB, a.tfB[n:])]
	a.pos = a.pos[:copy(a.pos, a.pos[pi:])]
}

func (cl *listCopier) flushPending() {
	if n := len(cl.pend.ords); n > 0 {
		cl.writePending(n)
	}
}

// finish writes the documents still pending.
func (cl *listCopier) finish() { cl.flushPending() }

// countUvarints is the number of uvarints in b: the bytes with the high bit
// clear end one.
func countUvarints(b []byte) int {
	n := 0
	for len(b) >= 8 {
		w := binary.LittleEndian.Uint64(b)
		n += bits.OnesCount64(^w & 0x8080808080808080)
		b = b[8:]
	}
	for _, c := range b {
		if c < 0x80 {
			n++
		}
	}
	return n
}

// dictCursor walks a segment's dictionary in order.
type dictCursor struct {
	d     decoder
	left  uint64
	ok    bool
	term  string
	entry dictEntry
}

func newDictCursor(s *segment) (*dictCursor, error) {
	buf := make([]byte, s.dictEnd-s.dictOff)
	if _, err := s.r.ReadAt(buf, int64(s.dictOff)); err != nil {
		return nil, err
	}
	c := &dictCursor{d: decoder{b: buf}}
	c.left = c.d.uvarint()
	return c, c.next()
}

func (c *dictCursor) next() error {
	if c.left == 0 {
		c.ok = false
		return nil
	}
	c.left--
	c.term = string(c.d.bytes())
	c.entry = dictEntry{df: uint32(c.d.uvarint()), off: c.d.uvarint(), size: uint32(c.d.uvarint()), maxFw: uint32(c.d.uvarint())}
	c.ok = c.d.err == nil
	return c.d.err
}
