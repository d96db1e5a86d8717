package index

import (
	"io"
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
	type entry struct {
		ord        uint32
		title, bdy []uint32
	}
	// One cursor per source over its dictionary, in term order.
	curs := make([]*dictCursor, len(srcs))
	for si, l := range srcs {
		c, err := newDictCursor(l.seg)
		if err != nil {
			return err
		}
		curs[si] = c
	}
	var entries []entry
	var posBuf []uint32
	acc := &termAcc{}
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
		entries = entries[:0]
		posBuf = posBuf[:0]
		for si, l := range srcs {
			c := curs[si]
			if !c.ok || c.term != term {
				continue
			}
			e := c.entry
			if err := c.next(); err != nil {
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
