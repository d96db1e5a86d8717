package index

import (
	"container/heap"
	"math"
	"slices"

	"gongkai/internal/search"
)

// BM25 parameters (as FTS5's bm25 and Xapian's defaults).
const (
	k1 = 1.2
	b  = 0.75
)

// A Filter decides whether a document may be a result and weights its score
// (1 for full weight; it must not exceed 1, the bounds used to skip blocks
// assume so).
type Filter func(m *Meta) (ok bool, weight float64)

// Hit is a result.
type Hit struct {
	ID    int64
	Score float64
	Meta  Meta
}

// Request is a search: the best K documents that pass Filter. Visit, when
// set, sees every document found to match (for facets).
type Request struct {
	K      int
	Filter Filter
	Visit  func(id int64, m *Meta)
}

// Result is the outcome of a search.
type Result struct {
	Hits []Hit // best first: score, then publication date, then id, descending
	// Matched counts the documents found to match. When Complete is false
	// some documents were skipped because they could not enter the top K, so
	// Matched is a lower bound and Estimate extrapolates it: the share of
	// checked candidates that matched, times all candidates.
	Matched  int
	Estimate int
	Complete bool
}

// term is a query term compiled against the whole index.
type term struct {
	tokens  []string
	offsets []int // relative to tokens[0]
	title   bool
	neg     bool
	idf     float64
	ub      float64 // upper bound of the term's score in any document
}

func compile(q search.Query, st stats) []term {
	var out []term
	for _, t := range q.Terms {
		ct := term{tokens: t.Tokens, title: t.Field == search.FieldTitle, neg: t.Negated}
		if len(ct.tokens) == 0 {
			continue
		}
		ct.offsets = make([]int, len(t.Tokens))
		for i := range ct.offsets {
			ct.offsets[i] = i
			if len(t.Offsets) == len(t.Tokens) {
				ct.offsets[i] = t.Offsets[i]
			}
		}
		// A phrase is at most as frequent as its rarest token: use that
		// token's document frequency for the IDF.
		df := math.MaxInt
		var maxFw uint32 = math.MaxUint32
		for _, tok := range ct.tokens {
			df = min(df, st.df[tok])
			maxFw = min(maxFw, st.maxFw[tok])
		}
		ct.idf = idf(st.n, df)
		ct.ub = ct.idf * tfPart(maxFw, 0, st.avgdl)
		out = append(out, ct)
	}
	return out
}

// idf is BM25's inverse document frequency in the form that stays positive
// (Lucene's): a word in every document weighs little, never less than nothing,
// so that score bounds stay bounds.
func idf(n, df int) float64 {
	df = min(df, n)
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

func tfPart(fw, dl uint32, avgdl float64) float64 {
	f := float64(fw)
	if avgdl <= 0 {
		avgdl = 1
	}
	return f * (k1 + 1) / (f + k1*(1-b+b*float64(dl)/avgdl))
}

type stats struct {
	n     int
	avgdl float64
	df    map[string]int
	maxFw map[string]uint32
}

// hitHeap is a min-heap of the best K hits.
type hitHeap []Hit

func less(a, b Hit) bool { // a ranks below b
	if a.Score != b.Score {
		return a.Score < b.Score
	}
	if a.Meta.Published != b.Meta.Published {
		return a.Meta.Published < b.Meta.Published
	}
	return a.ID < b.ID
}

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return less(h[i], h[j]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)        { *h = append(*h, x.(Hit)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// searcher runs a compiled query over the segments of a snapshot.
type searcher struct {
	terms  []term
	st     stats
	k      int
	filter Filter
	visit  func(int64, *Meta)
	top    hitHeap
	res    Result
	// For the estimate of the total: candidates of the driver, those whose
	// other tokens were probed, those that had them all, and those of them
	// evaluated in full (not skipped by their bound).
	cands, probed, present, evaluated int
	// exhaustive turns pruning off: the candidates are few, so the total
	// and the facets are exact for the price of checking them all.
	exhaustive bool
	// entries holds each token's dictionary entry in each segment of the
	// snapshot (by the segment's place in it).
	entries map[string][]dictLookup
	lists   [][]uint32  // scratch for phraseFreq
	opened  []*postings // to release at the end of the search
}

// dictLookup is a token's entry in one segment; ok is false when the segment
// does not hold the token.
type dictLookup struct {
	e  dictEntry
	ok bool
}

func (s *searcher) offer(h Hit) {
	if len(s.top) < s.k {
		heap.Push(&s.top, h)
		return
	}
	if less(s.top[0], h) {
		s.top[0] = h
		heap.Fix(&s.top, 0)
	}
}

// threshold is the score a document must exceed to enter a full top K
// (-1 while it is not full, and always when the search is exhaustive).
func (s *searcher) threshold() float64 {
	if s.exhaustive || len(s.top) < s.k {
		return -1
	}
	return s.top[0].Score
}

// segTerm is a term's posting lists in one segment.
type segTerm struct {
	*term
	its []*postings
}

func (s *searcher) searchSegment(si int, seg *segment, deleted []uint64) error {
	var pos, neg []segTerm
	var driver *postings
	var driverTerm *segTerm
	otherUB := 0.0
	// A segment that lacks a token of a required term has no match: nothing
	// of it is read.
	for _, t := range s.terms {
		if t.neg {
			continue
		}
		for _, tok := range t.tokens {
			if !s.entries[tok][si].ok {
				return nil
			}
		}
	}
	for i := range s.terms {
		t := &s.terms[i]
		st := segTerm{term: t}
		missing := false
		for _, tok := range t.tokens {
			l := s.entries[tok][si]
			if !l.ok {
				missing = true
				break
			}
			p := newPostings(seg, l.e)
			s.opened = append(s.opened, p)
			st.its = append(st.its, p)
		}
		if t.neg {
			if !missing {
				neg = append(neg, st)
			}
			continue
		}
		if missing {
			return nil // a required term is not in this segment
		}
		pos = append(pos, st)
	}
	if len(pos) == 0 {
		return nil
	}
	for i := range pos {
		otherUB += pos[i].ub
		for _, p := range pos[i].its {
			if driver == nil || p.df < driver.df {
				driver, driverTerm = p, &pos[i]
			}
		}
	}
	otherUB -= driverTerm.ub
	s.cands += driver.df
	// The other tokens are probed rarest first: a candidate fails soonest on
	// the token it most likely lacks.
	var probe []*postings
	for _, t := range pos {
		for _, p := range t.its {
			if p != driver {
				probe = append(probe, p)
			}
		}
	}
	slices.SortStableFunc(probe, func(a, b *postings) int { return a.df - b.df })
	if s.exhaustive {
		// Every candidate is checked: a list probed in most of its blocks
		// is read in a few large reads.
		driver.readAhead(driver.df)
		for _, p := range probe {
			p.readAhead(driver.df)
		}
	}
	if err := driver.open(); err != nil {
		return err
	}
	for blk := range driver.skips {
		if th := s.threshold(); th >= 0 {
			bub, err := driver.ub(blk, s.st.avgdl)
			if err != nil {
				return err
			}
			ub := driverTerm.idf*bub + otherUB
			if ub < th {
				s.res.Complete = false
				continue
			}
		}
		if err := driver.load(blk); err != nil {
			return err
		}
		for driver.i = 0; driver.i < len(driver.ords); driver.i++ {
			ord := driver.ords[driver.i]
			if deleted != nil && deleted[ord/64]&(1<<(ord%64)) != 0 {
				continue
			}
			// The document's own bound: the driver token's frequency bounds its
			// term's (a phrase occurs at most as often as each of its tokens).
			if th := s.threshold(); th >= 0 {
				fw := TitleWeight * driver.tfT[driver.i]
				if !driverTerm.title {
					fw += driver.tfB[driver.i]
				}
				own := driverTerm.idf * tfPart(fw, seg.lens[ord], s.st.avgdl)
				if own+otherUB < th {
					s.res.Complete = false
					continue
				}
				// Tighter: the other terms' bounds in the blocks that would
				// hold the document, from their skip tables (no decoding).
				if len(pos) > 1 {
					reach, err := s.blockBoundsReach(pos, driverTerm, ord, own, th)
					if err != nil {
						return err
					}
					if !reach {
						s.res.Complete = false
						continue
					}
				}
			}
			if _, err := s.matchDoc(seg, ord, pos, neg, probe); err != nil {
				return err
			}
		}
	}
	return nil
}

// blockBoundsReach reports whether a document could reach the threshold:
// the driver term's own bound plus, for every other term, its IDF times the
// smallest block bound among its tokens (a phrase occurs at most as often as
// each of its tokens). A token with no block that far rules the document out.
func (s *searcher) blockBoundsReach(pos []segTerm, driverTerm *segTerm, ord uint32, own, th float64) (bool, error) {
	ub := own
	for i := range pos {
		t := &pos[i]
		if t.term == driverTerm.term {
			continue
		}
		best := math.Inf(1)
		for _, p := range t.its {
			b, ok, err := p.boundAt(ord, s.st.avgdl)
			if err != nil || !ok {
				return false, err
			}
			best = min(best, b)
		}
		ub += t.idf * best
		if ub >= th {
			return true, nil
		}
	}
	return ub >= th, nil
}

// matchDoc checks and scores one candidate document.
func (s *searcher) matchDoc(seg *segment, ord uint32, pos, neg []segTerm, probe []*postings) (bool, error) {
	s.probed++
	// Every token of every positive term must be in the document.
	for _, p := range probe {
		ok, err := p.next(ord)
		if err != nil || !ok {
			return false, err
		}
		if p.ord() != ord {
			return false, nil
		}
	}
	s.present++
	dl := seg.lens[ord]
	// The document's bound from its token frequencies (a phrase occurs at
	// most as often as its rarest token) spares the positions when it
	// cannot enter the results.
	if th := s.threshold(); th >= 0 {
		ub := 0.0
		for _, t := range pos {
			fw := uint32(math.MaxUint32)
			for _, p := range t.its {
				tt, tb := p.tfs()
				f := TitleWeight * tt
				if !t.title {
					f += tb
				}
				fw = min(fw, f)
			}
			ub += t.idf * tfPart(fw, dl, s.st.avgdl)
		}
		if ub < th {
			s.res.Complete = false
			return false, nil
		}
	}
	s.evaluated++
	meta := &seg.metas[ord]
	weight := 1.0
	if s.filter != nil {
		ok, w := s.filter(meta)
		if !ok {
			return false, nil
		}
		weight = w
	}
	score := 0.0
	for _, t := range pos {
		fw, err := s.phraseFreq(t, ord)
		if err != nil || fw == 0 {
			return false, err
		}
		score += t.idf * tfPart(fw, dl, s.st.avgdl)
	}
	for _, t := range neg {
		present := true
		for _, p := range t.its {
			ok, err := p.next(ord)
			if err != nil {
				return false, err
			}
			if !ok || p.ord() != ord {
				present = false
				break
			}
		}
		if present {
			fw, err := s.phraseFreq(t, ord)
			if err != nil {
				return false, err
			}
			if fw > 0 {
				return false, nil
			}
		}
	}
	s.res.Matched++
	if s.visit != nil {
		s.visit(seg.ids[ord], meta)
	}
	s.offer(Hit{ID: seg.ids[ord], Score: score * weight, Meta: *meta})
	return true, nil
}

// phraseFreq is the weighted number of times a term occurs in the current
// document (every iterator positioned on it): title occurrences count
// TitleWeight times.
func (s *searcher) phraseFreq(t segTerm, ord uint32) (uint32, error) {
	if len(t.its) == 1 {
		tt, tb := t.its[0].tfs()
		if t.title {
			return TitleWeight * tt, nil
		}
		return TitleWeight*tt + tb, nil
	}
	var total uint32
	for _, title := range [2]bool{true, false} {
		if !title && t.title {
			break
		}
		lists := s.lists[:0]
		for _, p := range t.its {
			l, err := p.positions(title)
			if err != nil {
				return 0, err
			}
			if len(l) == 0 {
				lists = nil
				break
			}
			lists = append(lists, l)
		}
		if lists == nil {
			continue
		}
		s.lists = lists // keep the grown scratch
		n := countPhrase(lists, t.offsets)
		if title {
			n *= TitleWeight
		}
		total += n
	}
	return total, nil
}

// countPhrase counts the positions p of lists[0] such that p+offsets[i] is
// in lists[i] for every i (offsets[0] is 0). Lists are ascending.
func countPhrase(lists [][]uint32, offsets []int) uint32 {
	var fixed [16]int // no allocation for phrases of up to 16 tokens
	idx := fixed[:]
	if len(lists) > len(fixed) {
		idx = make([]int, len(lists))
	}
	idx = idx[:len(lists)]
	var n uint32
outer:
	for _, p0 := range lists[0] {
		for i := 1; i < len(lists); i++ {
			want := p0 + uint32(offsets[i])
			l := lists[i]
			j := idx[i]
			for j < len(l) && l[j] < want {
				j++
			}
			idx[i] = j
			if j == len(l) {
				break outer
			}
			if l[j] != want {
				continue outer
			}
		}
		n++
	}
	return n
}
