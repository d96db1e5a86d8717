package index

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"gongkai/internal/search"
)

// A segment is an immutable inverted index over a set of documents, in one
// file (or, for the documents not yet flushed, in memory) laid out as
//
//	magic "GKSEG002"
//	strings: the distinct Meta strings, docs: id, length and Meta of each
//	document in ascending id order (its position is its ordinal)
//	postings: one list per term (see below)
//	dictionary: each term in byte order with its document frequency, the
//	offset and size of its list, and its largest weighted frequency
//	footer: offsets of the three sections, a CRC-32 of everything before the
//	footer, magic
//
// Documents, lengths and the dictionary are loaded into memory when the
// segment is opened; posting lists are read with ReadAt when a query needs
// them, block by block, so a query for a common word reads the skip table and
// only the blocks that can still beat the results found so far.
//
// A posting list is: the number of blocks, the size of the skip table, the
// skip table (per block: last ordinal, size of its documents part, size of
// its positions part, and up to four (weighted frequency, length) points that
// bound the block's scores, see frontier),
// then the blocks. A block holds up to blockSize documents: first per
// document the ordinal delta, the title and the body frequency, then per
// document its title and body positions, each delta-coded.
const (
	segMagic  = "GKSEG002"
	blockSize = 128
	footerLen = 8*3 + 4 + 8
)

// TitleWeight is how much more a match in the title counts than one in the
// body (the weighted frequency of a term in a document is TitleWeight ×
// title frequency + body frequency).
const TitleWeight = 10

var errCorrupt = errors.New("index: corrupt segment")

// Meta is what the index keeps of a document beside its tokens: enough to
// filter, to weight by validity and to count facets without reading the
// database.
type Meta struct {
	Org, Column int64
	// Published, Effective and Expires are days since 1970-01-01; 0 is unset.
	Published, Effective, Expires int32
	Genre, Topic, Validity        string
}

// Doc is a document to index: Title and Body are plain text, cut into
// tokens by search.Tokens (a token's position is its index).
type Doc struct {
	ID    int64
	Title string
	Body  string
	Meta  Meta
}

// pendingDoc is a document held in memory until it is written to a segment,
// its tokens as ids of a tokenTable (4 bytes a token instead of a string).
type pendingDoc struct {
	id    int64
	title []uint32
	body  []uint32
	meta  Meta
}

// tokenTable numbers the distinct tokens of the documents in memory. Tokens
// of up to 7 bytes (Han bigrams are 6) are keyed by an integer, which hashes
// faster than a string.
type tokenTable struct {
	short shortTable
	long  map[string]uint32
	strs  []string
	buf   []search.Token
}

func packToken(s string) (uint64, bool) {
	if len(s) > 7 {
		return 0, false
	}
	k := uint64(len(s))
	for i := 0; i < len(s); i++ {
		k |= uint64(s[i]) << (8 * (i + 1))
	}
	return k, true
}

func (t *tokenTable) id(s string) uint32 {
	if k, ok := packToken(s); ok {
		if i, ok := t.short.get(k); ok {
			return i
		}
		i := t.add(s)
		t.short.put(k, i)
		return i
	}
	if i, ok := t.long[s]; ok {
		return i
	}
	if t.long == nil {
		t.long = map[string]uint32{}
	}
	i := t.add(s)
	t.long[t.strs[i]] = i
	return i
}

func (t *tokenTable) add(s string) uint32 {
	i := uint32(len(t.strs))
	t.strs = append(t.strs, strings.Clone(s)) // do not keep the document's text alive
	return i
}

// ids cuts text into tokens and returns their ids.
func (t *tokenTable) ids(text string) []uint32 {
	t.buf = search.AppendTokens(t.buf[:0], text)
	out := make([]uint32, len(t.buf))
	for i, tok := range t.buf {
		out[i] = t.id(tok.Text)
	}
	return out
}

type dictEntry struct {
	df    uint32
	off   uint64
	size  uint32
	maxFw uint32
}

type segment struct {
	r     io.ReaderAt
	f     *os.File // nil for a segment in memory
	name  string   // file name, "" in memory
	ids   []int64
	lens  []uint32
	metas []Meta
	// The dictionary: its place in the segment, its size, and every
	// dictStride-th term with the offset of its entry (relative to dictOff).
	dictOff, dictEnd uint64
	nterms           int
	sparse           []string
	sparseAt         []uint32
	total            uint64 // sum of lens
}

// ordinal returns the ordinal of a document id, or -1.
func (s *segment) ordinal(id int64) int {
	i, ok := slices.BinarySearch(s.ids, id)
	if !ok {
		return -1
	}
	return i
}

func (s *segment) close() error {
	if s.f != nil {
		return s.f.Close()
	}
	return nil
}

// entry is one document's postings of a term while building.
type termAcc struct {
	ords []uint32
	tfT  []uint32
	tfB  []uint32
	pos  []uint32 // per document its title positions, then its body positions
}

// buildSegment encodes documents (sorted by id, unique) as a segment. The
// postings are laid out by a counting sort: one pass counts each term's
// documents and positions, a second fills slices cut from two slabs.
func buildSegment(w io.Writer, docs []pendingDoc, tt *tokenTable) error {
	nt := len(tt.strs)
	// What the two passes keep per term, side by side: each token costs one
	// cache miss rather than one per array.
	type termCount struct {
		occ    uint32 // positions; then where the next one goes
		ndocs  uint32 // documents
		docAt  uint32 // where the term's documents start in docSlab
		filled uint32 // documents filled so far
		last   int32  // last document counted
	}
	tc := make([]termCount, nt)
	for i := range tc {
		tc[i].last = -1
	}
	var totalOcc, totalDocs int
	for i, d := range docs {
		for _, toks := range [2][]uint32{d.title, d.body} {
			for _, t := range toks {
				c := &tc[t]
				c.occ++
				if c.last != int32(i) {
					c.last = int32(i)
					c.ndocs++
					totalDocs++
				}
			}
			totalOcc += len(toks)
		}
	}
	// Each term's slices of the slabs, as offsets (slice headers for a
	// million distinct terms would cost 96 MB).
	posSlab := make([]uint32, totalOcc)
	docSlab := make([]uint32, 3*totalDocs) // per term: ordinals, title frequencies, body frequencies
	po, do := uint32(0), uint32(0)
	for t := range tc {
		c := &tc[t]
		n := c.occ
		c.occ, c.docAt, c.last = po, do, -1
		po += n
		do += 3 * c.ndocs
	}
	for i, d := range docs {
		for f, toks := range [2][]uint32{d.title, d.body} {
			for p, t := range toks {
				c := &tc[t]
				n, base := c.ndocs, c.docAt
				if c.last != int32(i) {
					c.last = int32(i)
					docSlab[base+c.filled] = uint32(i)
					c.filled++
				}
				k := c.filled - 1
				if f == 0 {
					docSlab[base+n+k]++
				} else {
					docSlab[base+2*n+k]++
				}
				posSlab[c.occ] = uint32(p)
				c.occ++
			}
		}
	}
	// Terms in byte order: by their first eight bytes as a number, then as
	// strings (when those are equal).
	type termKey struct {
		key uint64
		t   uint32
	}
	used := make([]termKey, 0, nt)
	for t := range tc {
		if tc[t].ndocs > 0 {
			var b [8]byte
			copy(b[:], tt.strs[t])
			used = append(used, termKey{binary.BigEndian.Uint64(b[:]), uint32(t)})
		}
	}
	slices.SortFunc(used, func(a, b termKey) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(tt.strs[a.t], tt.strs[b.t])
	})
	sw := newSegWriter(w, docMetas(docs))
	var acc termAcc
	for _, u := range used {
		c := &tc[u.t]
		n, base := c.ndocs, c.docAt
		end := c.occ // the fill cursor ended at the term's end
		start := end
		for k := uint32(0); k < n; k++ {
			start -= docSlab[base+n+k] + docSlab[base+2*n+k]
		}
		acc = termAcc{ords: docSlab[base : base+n], tfT: docSlab[base+n : base+2*n], tfB: docSlab[base+2*n : base+3*n], pos: posSlab[start:end]}
		if err := sw.addTerm(tt.strs[u.t], &acc); err != nil {
			return err
		}
	}
	return sw.finish()
}

// segWriter writes a segment: the documents, then posting lists in term
// order, then the dictionary and the footer.
type segWriter struct {
	w        *crcWriter
	docsOff  uint64
	postOff  uint64
	dict     bytes.Buffer
	nterms   int
	err      error
	buf      []byte
	docsBuf  []byte
	posBuf   []byte
	skipBuf  []byte
	lens     []uint32
	lastTerm string
	points   []point
	// The posting list being written: its blocks, documents and largest
	// weighted frequency.
	nblocks, ndocs int
	maxFw          uint32
}

// A point is a document's weighted frequency of a term and its length.
type point struct{ fw, len uint32 }

// maxBound is the most points a block keeps for its score bound.
const maxBound = 4

// frontier returns the points of a block that no other point beats in both
// frequency (higher) and length (shorter): the BM25 term score of every
// document of the block is at most that of one of them, whatever the average
// length. More than maxBound points are merged in groups into points that
// dominate their group (highest frequency, shortest length), which keeps the
// bound valid but looser.
func frontier(ps []point) []point {
	// The shortest length per frequency: a block has few distinct
	// frequencies, so a short list beats sorting its documents.
	var best [32]point
	byFw := best[:0]
	for _, p := range ps {
		found := false
		for i := range byFw {
			if byFw[i].fw == p.fw {
				byFw[i].len = min(byFw[i].len, p.len)
				found = true
				break
			}
		}
		if !found {
			if len(byFw) == cap(byFw) {
				byFw = append([]point(nil), ps...) // many frequencies: all points
				break
			}
			byFw = append(byFw, p)
		}
	}
	slices.SortFunc(byFw, func(a, b point) int {
		if a.fw != b.fw {
			return int(b.fw) - int(a.fw)
		}
		return int(a.len) - int(b.len)
	})
	var out []point
	for _, p := range byFw {
		if len(out) == 0 || p.len < out[len(out)-1].len {
			out = append(out, p)
		}
	}
	if len(out) <= maxBound {
		return out
	}
	groups := make([]point, 0, maxBound)
	per := (len(out) + maxBound - 1) / maxBound
	for a := 0; a < len(out); a += per {
		b := min(a+per, len(out))
		// Within the group the first point has the highest frequency and
		// the last the shortest length.
		groups = append(groups, point{out[a].fw, out[b-1].len})
	}
	return groups
}

type crcWriter struct {
	w   io.Writer
	crc uint32
	n   uint64
}

func (c *crcWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.crc = crc32.Update(c.crc, crc32.IEEETable, p[:n])
	c.n += uint64(n)
	return n, err
}

// docInfo is what the documents section holds of a document.
type docInfo struct {
	id   int64
	len  uint32
	meta Meta
}

func docMetas(docs []pendingDoc) []docInfo {
	out := make([]docInfo, len(docs))
	for i, d := range docs {
		out[i] = docInfo{d.id, uint32(len(d.title) + len(d.body)), d.meta}
	}
	return out
}

func newSegWriter(w io.Writer, docs []docInfo) *segWriter {
	sw := &segWriter{w: &crcWriter{w: w}}
	sw.write([]byte(segMagic))
	sw.docsOff = sw.w.n
	// Strings table, then documents.
	strs := map[string]uint64{}
	var order []string
	intern := func(s string) uint64 {
		if i, ok := strs[s]; ok {
			return i
		}
		strs[s] = uint64(len(order))
		order = append(order, s)
		return strs[s]
	}
	var db []byte
	db = binary.AppendUvarint(db, uint64(len(docs)))
	sw.lens = make([]uint32, len(docs))
	for i, d := range docs {
		m := d.meta
		n := d.len
		sw.lens[i] = n
		db = binary.AppendVarint(db, d.id)
		db = binary.AppendUvarint(db, uint64(n))
		db = binary.AppendVarint(db, m.Org)
		db = binary.AppendVarint(db, m.Column)
		db = binary.AppendVarint(db, int64(m.Published))
		db = binary.AppendVarint(db, int64(m.Effective))
		db = binary.AppendVarint(db, int64(m.Expires))
		db = binary.AppendUvarint(db, intern(m.Genre))
		db = binary.AppendUvarint(db, intern(m.Topic))
		db = binary.AppendUvarint(db, intern(m.Validity))
	}
	var sb []byte
	sb = binary.AppendUvarint(sb, uint64(len(order)))
	for _, s := range order {
		sb = binary.AppendUvarint(sb, uint64(len(s)))
		sb = append(sb, s...)
	}
	sw.write(sb)
	sw.write(db)
	sw.postOff = sw.w.n
	return sw
}

func (sw *segWriter) write(p []byte) {
	if sw.err == nil {
		_, sw.err = sw.w.Write(p)
	}
}

// addTerm appends the posting list of a term; terms must come in byte order.
func (sw *segWriter) addTerm(term string, a *termAcc) error {
	if err := sw.beginTerm(term); err != nil {
		return err
	}
	n := len(a.ords)
	pi := 0
	for lo := 0; lo < n; lo += blockSize {
		pi = sw.encodeBlock(a, lo, min(lo+blockSize, n), pi)
	}
	return sw.endTerm(term)
}

// beginTerm starts the posting list of a term, whose blocks encodeBlock and
// copyBlock then append, and endTerm writes.
func (sw *segWriter) beginTerm(term string) error {
	if sw.err != nil {
		return sw.err
	}
	if sw.nterms > 0 && term <= sw.lastTerm {
		return fmt.Errorf("index: terms out of order: %q after %q", term, sw.lastTerm)
	}
	sw.lastTerm = term
	sw.skipBuf = sw.skipBuf[:0]
	sw.buf = sw.buf[:0] // the blocks
	sw.nblocks, sw.ndocs, sw.maxFw = 0, 0, 0
	return nil
}

// encodeBlock appends documents lo…hi-1 of a as a block; their positions
// start at a.pos[pi]. It returns where the positions of document hi start.
func (sw *segWriter) encodeBlock(a *termAcc, lo, hi, pi int) int {
	sw.docsBuf = sw.docsBuf[:0]
	sw.posBuf = sw.posBuf[:0]
	var prev uint32
	var maxFw uint32
	sw.points = sw.points[:0]
	for i := lo; i < hi; i++ {
		o := a.ords[i]
		if i == lo {
			sw.docsBuf = binary.AppendUvarint(sw.docsBuf, uint64(o))
		} else {
			sw.docsBuf = binary.AppendUvarint(sw.docsBuf, uint64(o-prev))
		}
		prev = o
		sw.docsBuf = binary.AppendUvarint(sw.docsBuf, uint64(a.tfT[i]))
		sw.docsBuf = binary.AppendUvarint(sw.docsBuf, uint64(a.tfB[i]))
		fw := TitleWeight*a.tfT[i] + a.tfB[i]
		maxFw = max(maxFw, fw)
		sw.points = append(sw.points, point{fw, sw.lens[o]})
		for _, cnt := range []uint32{a.tfT[i], a.tfB[i]} {
			var last uint32
			for k := uint32(0); k < cnt; k++ {
				p := a.pos[pi]
				pi++
				sw.posBuf = binary.AppendUvarint(sw.posBuf, uint64(p-last))
				last = p
			}
		}
	}
	sw.maxFw = max(sw.maxFw, maxFw)
	sw.skipBuf = binary.AppendUvarint(sw.skipBuf, uint64(a.ords[hi-1]))
	sw.skipBuf = binary.AppendUvarint(sw.skipBuf, uint64(len(sw.docsBuf)))
	sw.skipBuf = binary.AppendUvarint(sw.skipBuf, uint64(len(sw.posBuf)))
	front := frontier(sw.points)
	sw.skipBuf = binary.AppendUvarint(sw.skipBuf, uint64(len(front)))
	for _, p := range front {
		sw.skipBuf = binary.AppendUvarint(sw.skipBuf, uint64(p.fw))
		sw.skipBuf = binary.AppendUvarint(sw.skipBuf, uint64(p.len))
	}
	sw.buf = append(sw.buf, sw.docsBuf...)
	sw.buf = append(sw.buf, sw.posBuf...)
	sw.nblocks++
	sw.ndocs += hi - lo
	return pi
}

// copyBlock appends an encoded block of n documents taken from another
// segment whose ordinals become shift higher here (their lengths, and so the
// block's bound, stay): docs and pos are the block's two parts, last its last
// ordinal there, bound its bound as the skip table held it (the number of
// points, then the points), maxFw its documents' largest weighted frequency
// or more. Only the block's first ordinal is written anew: the others are
// deltas.
func (sw *segWriter) copyBlock(shift uint32, docs, pos []byte, last uint32, bound []byte, n int, maxFw uint32) {
	first, k := binary.Uvarint(docs)
	at := len(sw.buf)
	sw.buf = binary.AppendUvarint(sw.buf, first+uint64(shift))
	sw.buf = append(sw.buf, docs[k:]...)
	docsLen := len(sw.buf) - at
	sw.buf = append(sw.buf, pos...)
	sw.skipBuf = binary.AppendUvarint(sw.skipBuf, uint64(last+shift))
	sw.skipBuf = binary.AppendUvarint(sw.skipBuf, uint64(docsLen))
	sw.skipBuf = binary.AppendUvarint(sw.skipBuf, uint64(len(pos)))
	sw.skipBuf = append(sw.skipBuf, bound...)
	sw.maxFw = max(sw.maxFw, maxFw)
	sw.nblocks++
	sw.ndocs += n
}

// endTerm writes the term's posting list and its dictionary entry.
func (sw *segWriter) endTerm(term string) error {
	off := sw.w.n
	var head []byte
	head = binary.AppendUvarint(head, uint64(sw.nblocks))
	head = binary.AppendUvarint(head, uint64(len(sw.skipBuf)))
	sw.write(head)
	sw.write(sw.skipBuf)
	sw.write(sw.buf)
	size := sw.w.n - off
	var de []byte
	de = binary.AppendUvarint(de, uint64(len(term)))
	de = append(de, term...)
	de = binary.AppendUvarint(de, uint64(sw.ndocs))
	de = binary.AppendUvarint(de, off)
	de = binary.AppendUvarint(de, size)
	de = binary.AppendUvarint(de, uint64(sw.maxFw))
	sw.dict.Write(de)
	sw.nterms++
	return sw.err
}

func (sw *segWriter) finish() error {
	dictOff := sw.w.n
	var head []byte
	head = binary.AppendUvarint(head, uint64(sw.nterms))
	sw.write(head)
	sw.write(sw.dict.Bytes())
	if sw.err != nil {
		return sw.err
	}
	var f []byte
	f = binary.LittleEndian.AppendUint64(f, sw.docsOff)
	f = binary.LittleEndian.AppendUint64(f, sw.postOff)
	f = binary.LittleEndian.AppendUint64(f, dictOff)
	f = binary.LittleEndian.AppendUint32(f, sw.w.crc)
	f = append(f, segMagic...)
	_, err := sw.w.w.Write(f)
	return err
}

// openSegment reads a segment's documents and dictionary; size is the
// segment's length in bytes. verify checks the CRC of the whole segment (on
// opening a file; the writer computed it).
func openSegment(r io.ReaderAt, size int64, verify bool) (*segment, error) {
	if size < int64(len(segMagic)+footerLen) {
		return nil, errCorrupt
	}
	foot := make([]byte, footerLen)
	if _, err := r.ReadAt(foot, size-footerLen); err != nil {
		return nil, fmt.Errorf("index: read footer: %w", err)
	}
	if string(foot[28:]) != segMagic {
		return nil, errCorrupt
	}
	docsOff := binary.LittleEndian.Uint64(foot[0:])
	postOff := binary.LittleEndian.Uint64(foot[8:])
	dictOff := binary.LittleEndian.Uint64(foot[16:])
	crc := binary.LittleEndian.Uint32(foot[24:])
	end := uint64(size - footerLen)
	if docsOff != uint64(len(segMagic)) || postOff < docsOff || dictOff < postOff || dictOff > end {
		return nil, errCorrupt
	}
	if verify {
		h := crc32.NewIEEE()
		if _, err := io.Copy(h, io.NewSectionReader(r, 0, int64(end))); err != nil {
			return nil, fmt.Errorf("index: read segment: %w", err)
		}
		if h.Sum32() != crc {
			return nil, errCorrupt
		}
	}
	s := &segment{r: r}
	docs := make([]byte, postOff-docsOff)
	if _, err := r.ReadAt(docs, int64(docsOff)); err != nil {
		return nil, fmt.Errorf("index: read documents: %w", err)
	}
	d := decoder{b: docs}
	nstr := d.uvarint()
	if nstr > uint64(len(docs)) {
		return nil, errCorrupt
	}
	strs := make([]string, nstr)
	for i := range strs {
		strs[i] = d.str()
	}
	str := func() string {
		i := d.uvarint()
		if i >= uint64(len(strs)) {
			d.err = errCorrupt
			return ""
		}
		return strs[i]
	}
	ndocs := d.uvarint()
	if ndocs > uint64(len(docs)) {
		return nil, errCorrupt
	}
	s.ids = make([]int64, ndocs)
	s.lens = make([]uint32, ndocs)
	s.metas = make([]Meta, ndocs)
	for i := range s.ids {
		s.ids[i] = d.varint()
		s.lens[i] = uint32(d.uvarint())
		s.total += uint64(s.lens[i])
		m := &s.metas[i]
		m.Org = d.varint()
		m.Column = d.varint()
		m.Published = int32(d.varint())
		m.Effective = int32(d.varint())
		m.Expires = int32(d.varint())
		m.Genre, m.Topic, m.Validity = str(), str(), str()
	}
	if d.err != nil {
		return nil, d.err
	}
	// The dictionary stays on disk; every dictStride-th term is kept with
	// the offset of its entry, and a lookup reads the stretch after it. At a
	// million documents the whole dictionary in memory took 300 MB.
	dict := make([]byte, end-dictOff)
	if _, err := r.ReadAt(dict, int64(dictOff)); err != nil {
		return nil, fmt.Errorf("index: read dictionary: %w", err)
	}
	d = decoder{b: dict}
	nterms := d.uvarint()
	if nterms > uint64(len(dict)) {
		return nil, errCorrupt
	}
	s.dictOff, s.dictEnd, s.nterms = dictOff, end, int(nterms)
	var prev []byte
	for i := 0; i < int(nterms); i++ {
		at := d.i
		t := d.bytes()
		e := dictEntry{df: uint32(d.uvarint()), off: d.uvarint(), size: uint32(d.uvarint()), maxFw: uint32(d.uvarint())}
		if d.err != nil || e.off < postOff || e.off+uint64(e.size) > dictOff || (i > 0 && string(t) <= string(prev)) {
			return nil, errCorrupt
		}
		if i%dictStride == 0 {
			s.sparse = append(s.sparse, string(t))
			s.sparseAt = append(s.sparseAt, uint32(at))
		}
		prev = t
	}
	if d.i != len(dict) {
		return nil, errCorrupt
	}
	return s, nil
}

// dictStride is the number of dictionary entries per term kept in memory.
const dictStride = 32

// lookup finds a term's entry: the last kept term at or before it, then the
// entries after that one, read from the segment.
func (s *segment) lookup(term string) (dictEntry, bool) {
	i, found := slices.BinarySearch(s.sparse, term)
	if !found {
		i--
	}
	if i < 0 {
		return dictEntry{}, false
	}
	from := uint64(s.sparseAt[i])
	to := s.dictEnd - s.dictOff
	if i+1 < len(s.sparseAt) {
		to = uint64(s.sparseAt[i+1])
	}
	bp, _ := lookupBufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	defer lookupBufs.Put(bp)
	if uint64(cap(*bp)) < to-from {
		*bp = make([]byte, to-from)
	}
	buf := (*bp)[:to-from]
	if _, err := s.r.ReadAt(buf, int64(s.dictOff+from)); err != nil {
		return dictEntry{}, false
	}
	// The entries before the term are stepped over without decoding.
	d := decoder{b: buf}
	for d.i < len(buf) && d.err == nil {
		t := d.bytes()
		switch c := strings.Compare(string(t), term); {
		case c < 0:
			if d.i = skipUvarints(buf, d.i, 4); d.i < 0 {
				return dictEntry{}, false
			}
		case c > 0:
			return dictEntry{}, false
		default:
			e := dictEntry{df: uint32(d.uvarint()), off: d.uvarint(), size: uint32(d.uvarint()), maxFw: uint32(d.uvarint())}
			return e, d.err == nil
		}
	}
	return dictEntry{}, false
}

// lookupBufs holds the buffers lookups read the dictionary into.
var lookupBufs sync.Pool

// decoder reads varints from a byte slice, remembering the first error.
type decoder struct {
	b   []byte
	i   int
	err error
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b[min(d.i, len(d.b)):])
	if n <= 0 {
		d.err = errCorrupt
		d.i = len(d.b)
		return 0
	}
	d.i += n
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b[min(d.i, len(d.b)):])
	if n <= 0 {
		d.err = errCorrupt
		d.i = len(d.b)
		return 0
	}
	d.i += n
	return v
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)-d.i) {
		d.err = errCorrupt
		d.i = len(d.b)
		return nil
	}
	b := d.b[d.i : d.i+int(n)]
	d.i += int(n)
	return b
}

func (d *decoder) str() string { return string(d.bytes()) }
