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
	next := make([]int, len(srcs)) // per source, its next term
	var entries []entry
	var posBuf []uint32
	acc := &termAcc{}
	for n := 0; ; n++ {
		if n%1024 == 0 && stop() {
			return errClosing
		}
		term, any := "", false
		for si, l := range srcs {
			if next[si] < len(l.seg.terms) {
				t := l.seg.terms[next[si]]
				if !any || t < term {
					term, any = t, true
				}
			}
		}
		if !any {
			break
		}
		entries = entries[:0]
		posBuf = posBuf[:0]
		for si, l := range srcs {
			if next[si] >= len(l.seg.terms) || l.seg.terms[next[si]] != term {
				continue
			}
			e := l.seg.dict[next[si]]
			next[si]++
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
