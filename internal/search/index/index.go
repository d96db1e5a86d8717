// Package index is gongkai's own inverted index for the embedded store: Han
// bigram and word tokens (package search) with positions, in immutable
// segment files with skip tables and per-block score bounds, so that a query
// reads only the blocks that can still enter the top results (block-max
// pruning), and phrases are checked against positions.
//
// The index is not the record: the store is. The store writes an outbox row
// in the transaction of every change that makes a document public or takes it
// away; the indexer applies outbox rows with Update, which keeps the newest
// documents in memory, and Flush writes them as a segment and records the
// outbox position it covers in the manifest (written with fsync and an atomic
// rename). After a crash the store replays the outbox from Durable(): an
// update is an upsert by document id, so replaying twice changes nothing.
package index

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"gongkai/internal/search"
)

const manifestName = "manifest.json"

// Options tune an index.
type Options struct {
	// FlushTokens is the number of tokens held in memory after which Update
	// writes them as a segment (default 16 million, about 64 MB).
	FlushTokens int
	// MergeFactor is the number of segments of one size class that are
	// merged into one (default 8).
	MergeFactor int
	// ExhaustiveBelow is the number of candidates (documents with the
	// query's rarest token) up to which a search checks them all, for an
	// exact total and exact facets (default 1,000; negative: never).
	ExhaustiveBelow int
}

// Index is an inverted index in a directory. It is safe for concurrent use:
// searches run on an immutable snapshot while one writer updates. The
// writer's lock is held only for bookkeeping; encoding and writing segments
// (flushes and merges) happen outside it.
type Index struct {
	dir  string
	opts Options

	fmu sync.Mutex // one flush at a time
	mmu sync.Mutex // one merge at a time

	wmu     sync.Mutex
	tt      tokenTable
	pending map[int64]pendingDoc
	tokens  int   // tokens held in pending
	applied int64 // outbox position applied in memory
	durable int64 // outbox position the files on disk cover
	next    int   // number of the next segment file
	segs    []*liveSeg
	mem     *liveSeg // pending encoded for searching; stale while dirty
	dirty   bool
	// A flush in progress: its documents are searchable as flushing once
	// encoded; ids deleted before that are noted in flushDel.
	inFlush  bool
	flushing *liveSeg
	flushDel []int64
	// flushReady, when not nil, is closed once flushing is set: searches
	// wait for it when the last snapshot lacks documents being flushed.
	flushReady chan struct{}
	// A merge in progress: ids deleted from its sources are noted and
	// deleted from its result when it is installed.
	merging      bool
	mergeDeleted []int64
	needPublish  atomic.Bool
	// flushBytesPerToken is the size of the last flushed segment per token, in hundredths.
	flushBytesPerToken atomic.Int64

	mu   sync.RWMutex
	snap *snapshot

	// Merges run in their own goroutine so that flushes never wait for
	// them; closing stops a merge between two terms.
	mergeWake chan struct{}
	closing   chan struct{}
	merger    chan struct{} // closed when the merge goroutine ends
}

type liveSeg struct {
	seg     *segment
	deleted []uint64 // bitmap over ordinals; shared copy-on-write
	ndel    int
}

func (l *liveSeg) isDeleted(ord int) bool {
	return l.deleted != nil && l.deleted[ord/64]&(1<<(ord%64)) != 0
}

// withDeleted returns a copy of l with ordinal ord deleted (searches may hold l).
func (l *liveSeg) withDeleted(ord int) *liveSeg {
	c := &liveSeg{seg: l.seg, deleted: slices.Clone(l.deleted), ndel: l.ndel}
	c.markDeleted(ord)
	return c
}

func (l *liveSeg) markDeleted(ord int) {
	if l.isDeleted(ord) {
		return
	}
	if l.deleted == nil {
		l.deleted = make([]uint64, (len(l.seg.ids)+63)/64)
	}
	l.deleted[ord/64] |= 1 << (ord % 64)
	l.ndel++
}

type snapshot struct {
	segs  []*liveSeg // disk segments, then the ones in memory
	n     int        // live documents
	all   int        // documents in the segments, deleted ones included
	total uint64
}

type manifest struct {
	Version  int            `json:"version"`
	Applied  int64          `json:"applied"`
	Next     int            `json:"next"`
	Segments []manifestSegm `json:"segments"`
}

type manifestSegm struct {
	Name    string `json:"name"`
	Deleted []int  `json:"deleted,omitempty"` // ordinals
}

// Open opens (or creates) the index in dir. Files that the manifest does not
// name — a segment written by a flush or merge that crashed before its
// manifest — are removed.
func Open(dir string, opts Options) (*Index, error) {
	if opts.FlushTokens <= 0 {
		opts.FlushTokens = 16 << 20
	}
	if opts.MergeFactor < 2 {
		opts.MergeFactor = 8
	}
	if opts.ExhaustiveBelow == 0 {
		opts.ExhaustiveBelow = 1000
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	ix := &Index{dir: dir, opts: opts, pending: map[int64]pendingDoc{}}
	var m manifest
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("index: %w", err)
	default:
		if err := json.Unmarshal(b, &m); err != nil || m.Version != 1 {
			return nil, fmt.Errorf("index: unreadable manifest %s", filepath.Join(dir, manifestName))
		}
	}
	ix.applied, ix.durable, ix.next = m.Applied, m.Applied, m.Next
	keep := map[string]bool{manifestName: true}
	for _, ms := range m.Segments {
		ls, err := ix.openFile(ms.Name)
		if err != nil {
			ix.closeAll()
			return nil, err
		}
		for _, o := range ms.Deleted {
			if o < 0 || o >= len(ls.seg.ids) {
				ix.closeAll()
				return nil, fmt.Errorf("index: %s: %w", ms.Name, errCorrupt)
			}
			ls.markDeleted(o)
		}
		ix.segs = append(ix.segs, ls)
		keep[ms.Name] = true
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !keep[e.Name()] && (strings.HasSuffix(e.Name(), ".seg") || strings.HasSuffix(e.Name(), ".tmp")) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	ix.publish()
	ix.mergeWake, ix.closing, ix.merger = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	go ix.mergeLoop()
	return ix, nil
}

// mergeLoop merges segments whenever a flush asks for it.
func (ix *Index) mergeLoop() {
	defer close(ix.merger)
	for {
		select {
		case <-ix.closing:
			return
		case <-ix.mergeWake:
		}
		// A merge that fails (a full disk) leaves its sources in place and
		// the index as it was; the next flush tries again.
		ix.Merge()
	}
}

// errClosing stops a merge when the index closes.
var errClosing = errors.New("index: closing")

func (ix *Index) wakeMerger() {
	select {
	case ix.mergeWake <- struct{}{}:
	default:
	}
}

func (ix *Index) openFile(name string) (*liveSeg, error) {
	f, err := os.Open(filepath.Join(ix.dir, name))
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("index: %w", err)
	}
	s, err := openSegment(f, fi.Size(), false)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("index: %s: %w", name, err)
	}
	s.f, s.name = f, name
	return &liveSeg{seg: s}, nil
}

func (ix *Index) closeAll() {
	for _, l := range ix.segs {
		l.seg.close()
	}
}

// Close closes the segment files; pending documents are dropped (the store
// replays them from its outbox on the next Open). Call Flush first to keep them.
func (ix *Index) Close() error {
	select {
	case <-ix.closing:
	default:
		close(ix.closing)
	}
	<-ix.merger
	ix.fmu.Lock()
	defer ix.fmu.Unlock()
	ix.mmu.Lock()
	defer ix.mmu.Unlock()
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.Lock()
	ix.snap = &snapshot{}
	ix.mu.Unlock()
	var first error
	for _, l := range ix.segs {
		if err := l.seg.close(); err != nil && first == nil {
			first = err
		}
	}
	ix.segs = nil
	return first
}

// Applied is the outbox position applied to the index (in memory or on disk).
func (ix *Index) Applied() int64 {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	return ix.applied
}

// Durable is the outbox position the index's files cover: the outbox may be
// trimmed up to it.
func (ix *Index) Durable() int64 {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	return ix.durable
}

// Pending is the number of documents held in memory.
func (ix *Index) Pending() int {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	return len(ix.pending)
}

// Update adds or replaces docs and removes the documents with the deleted
// ids, in memory; seq is the outbox position these changes reach (made
// durable by the next Flush). When the documents in memory exceed the flush
// size they are written as a segment.
func (ix *Index) Update(docs []Doc, deleted []int64, seq int64) error {
	ix.wmu.Lock()
	ix.apply(docs, deleted, seq)
	full := ix.tokens >= ix.opts.FlushTokens
	ix.wmu.Unlock()
	if full {
		return ix.Flush()
	}
	return nil
}

// TryUpdate is Update for the changes of the outbox positions from…to,
// applied only when they follow directly on what the index holds
// (Applied() == from-1); it reports whether it applied them, and never
// flushes. Callers leave the changes it refuses to the outbox replay.
func (ix *Index) TryUpdate(docs []Doc, deleted []int64, from, to int64) bool {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.applied != from-1 {
		return false
	}
	ix.apply(docs, deleted, to)
	return true
}

// Overfull reports whether the documents in memory exceed three times the
// flush size: whoever flushes in the background is falling behind, and the
// writer should flush itself.
func (ix *Index) Overfull() bool {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	return ix.tokens >= 3*ix.opts.FlushTokens
}

// NeedsFlush reports whether the documents in memory exceed the flush size.
func (ix *Index) NeedsFlush() bool {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	return ix.tokens >= ix.opts.FlushTokens
}

func (ix *Index) apply(docs []Doc, deleted []int64, seq int64) {
	drop := func(id int64) {
		if p, ok := ix.pending[id]; ok {
			ix.tokens -= len(p.title) + len(p.body)
			delete(ix.pending, id)
		}
		for i, l := range ix.segs {
			if o := l.seg.ordinal(id); o >= 0 && !l.isDeleted(o) {
				ix.segs[i] = l.withDeleted(o)
				if ix.merging {
					ix.mergeDeleted = append(ix.mergeDeleted, id)
				}
			}
		}
		if ix.inFlush {
			if f := ix.flushing; f != nil {
				if o := f.seg.ordinal(id); o >= 0 && !f.isDeleted(o) {
					ix.flushing = f.withDeleted(o)
				}
			} else {
				ix.flushDel = append(ix.flushDel, id)
			}
		}
	}
	for _, id := range deleted {
		drop(id)
	}
	for _, d := range docs {
		drop(d.ID)
		p := pendingDoc{id: d.ID, meta: d.Meta, title: ix.tt.ids(d.Title), body: ix.tt.ids(d.Body)}
		p.meta.Genre, p.meta.Topic, p.meta.Validity = strings.Clone(p.meta.Genre), strings.Clone(p.meta.Topic), strings.Clone(p.meta.Validity)
		ix.pending[d.ID] = p
		ix.tokens += len(p.title) + len(p.body)
	}
	if seq > ix.applied {
		ix.applied = seq
	}
	if len(docs) > 0 || len(deleted) > 0 {
		ix.dirty = true
		ix.needPublish.Store(true)
	}
}

// Reset removes every document and segment (for a rebuild).
func (ix *Index) Reset() error {
	ix.fmu.Lock()
	defer ix.fmu.Unlock()
	ix.mmu.Lock()
	defer ix.mmu.Unlock()
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	old := ix.segs
	ix.segs, ix.mem = nil, nil
	ix.pending = map[int64]pendingDoc{}
	ix.tokens = 0
	ix.tt = tokenTable{}
	ix.applied, ix.durable = 0, 0
	ix.dirty = false
	ix.needPublish.Store(false)
	if err := ix.writeManifest(); err != nil {
		return err
	}
	ix.publish()
	for _, l := range old {
		os.Remove(filepath.Join(ix.dir, l.seg.name))
	}
	return nil
}

// Rewind drops what is in memory and goes back to the durable position, so
// that the caller replays its outbox from Durable() (after a failed flush,
// whose documents are no longer held).
func (ix *Index) Rewind() {
	ix.fmu.Lock()
	defer ix.fmu.Unlock()
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.pending, ix.tokens, ix.tt = map[int64]pendingDoc{}, 0, tokenTable{}
	ix.applied = ix.durable
	ix.dirty = true
	ix.needPublish.Store(true)
}

// SetFlushTokens changes the size of the in-memory part (see Options).
func (ix *Index) SetFlushTokens(n int) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if n > 0 {
		ix.opts.FlushTokens = n
	}
}

// refresh makes the changes since the last search visible, encoding the
// pending documents as an in-memory segment (done when a search needs it, so
// that a bulk load does not encode its growing batch again and again).
func (ix *Index) refresh() error {
	if !ix.needPublish.Load() {
		return nil
	}
	ix.wmu.Lock()
	if ix.inFlush && ix.flushReady != nil && ix.dirty {
		// A flush is encoding documents, and the last snapshot lacks some
		// of them or of the documents applied since: wait for the encoding.
		ready := ix.flushReady
		ix.wmu.Unlock()
		<-ready
		return ix.refresh()
	}
	defer ix.wmu.Unlock()
	if !ix.dirty {
		return nil
	}
	return ix.publishPending()
}

// publishPending encodes the pending documents for searching and publishes.
func (ix *Index) publishPending() error {
	ix.dirty = false
	ix.mem = nil
	if len(ix.pending) > 0 {
		var buf bytes.Buffer
		if err := buildSegment(&buf, ix.sortedPending(), &ix.tt); err != nil {
			return err
		}
		s, err := openSegment(bytes.NewReader(buf.Bytes()), int64(buf.Len()), false)
		if err != nil {
			return err
		}
		ix.mem = &liveSeg{seg: s}
	}
	ix.publish()
	// Only now: a search that sees needPublish false must find this snapshot.
	ix.needPublish.Store(false)
	return nil
}

func (ix *Index) sortedPending() []pendingDoc {
	docs := make([]pendingDoc, 0, len(ix.pending))
	for _, p := range ix.pending {
		docs = append(docs, p)
	}
	slices.SortFunc(docs, func(a, b pendingDoc) int { return cmp.Compare(a.id, b.id) })
	return docs
}

// publish makes the current segments the searchers' snapshot.
func (ix *Index) publish() {
	s := &snapshot{segs: slices.Clone(ix.segs)}
	for _, l := range []*liveSeg{ix.flushing, ix.mem} {
		if l != nil {
			s.segs = append(s.segs, l)
		}
	}
	for _, l := range s.segs {
		s.n += len(l.seg.ids) - l.ndel
		s.all += len(l.seg.ids)
		s.total += l.seg.total // deleted documents' lengths stay in the average until merged
	}
	ix.mu.Lock()
	ix.snap = s
	ix.mu.Unlock()
}

// Flush writes the documents held in memory as a segment, records the
// outbox position they reach in the manifest, and merges segments if a size
// class is full. Updates and searches go on while it encodes and writes.
func (ix *Index) Flush() error {
	ix.fmu.Lock()
	ix.wmu.Lock()
	upto := ix.applied
	if len(ix.pending) == 0 {
		ix.durable = upto
		err := ix.writeManifest()
		ix.wmu.Unlock()
		ix.fmu.Unlock()
		if err != nil {
			return err
		}
		ix.wakeMerger()
		return nil
	}
	docs, tt, ntok := ix.sortedPending(), ix.tt, ix.tokens
	ix.pending, ix.tokens, ix.tt = map[int64]pendingDoc{}, 0, tokenTable{}
	// Until the documents are encoded the last snapshot stays (ix.mem may
	// still hold them); a search that finds it stale (dirty) waits.
	ix.inFlush, ix.flushing, ix.flushDel = true, nil, nil
	ix.flushReady = make(chan struct{})
	name := fmt.Sprintf("%08d.seg", ix.next)
	ix.next++
	ix.wmu.Unlock()
	err := ix.flush(docs, &tt, ntok, name, upto)
	ix.wmu.Lock()
	if ix.flushReady != nil { // the flush failed before its documents were ready
		close(ix.flushReady)
	}
	ix.inFlush, ix.flushing, ix.flushDel, ix.flushReady = false, nil, nil, nil
	// The documents applied meanwhile are encoded for searching only when a
	// search asks for them (refresh): during a bulk import nobody does, and
	// encoding them after every flush cost a sixth of the import's CPU.
	ix.publish()
	ix.wmu.Unlock()
	ix.fmu.Unlock()
	if err != nil {
		return err
	}
	ix.wakeMerger()
	return nil
}

func (ix *Index) flush(docs []pendingDoc, tt *tokenTable, ntok int, name string, upto int64) error {
	// The segment takes about as many bytes per token as the last one did
	// (5–6 on the laws corpus): a buffer that had to grow would be copied,
	// and could end up twice that size.
	var buf bytes.Buffer
	perToken := float64(ix.flushBytesPerToken.Load()) / 100
	if perToken == 0 {
		perToken = 6
	}
	buf.Grow(int(perToken*1.05*float64(ntok)) + 1<<16)
	if err := buildSegment(&buf, docs, tt); err != nil {
		return err
	}
	if ntok > 0 {
		ix.flushBytesPerToken.Store(int64(100 * buf.Len() / ntok))
	}
	mem, err := openSegment(bytes.NewReader(buf.Bytes()), int64(buf.Len()), false)
	if err != nil {
		return err
	}
	flushing := &liveSeg{seg: mem}
	ix.wmu.Lock()
	for _, id := range ix.flushDel {
		if o := mem.ordinal(id); o >= 0 {
			flushing.markDeleted(o)
		}
	}
	ix.flushing, ix.flushDel = flushing, nil
	if ix.flushReady != nil {
		close(ix.flushReady)
		ix.flushReady = nil
	}
	// ix.mem held (some of) the documents now in flushing; the documents
	// applied since the flush began are encoded when a search needs them
	// (ix.dirty, and so needPublish, is set when there are any).
	ix.mem = nil
	ix.publish()
	ix.wmu.Unlock()
	if err := writeDurably(filepath.Join(ix.dir, name), func(f *os.File) error {
		_, err := f.Write(buf.Bytes())
		return err
	}); err != nil {
		return err
	}
	file, err := ix.openFile(name)
	if err != nil {
		return err
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	file.deleted, file.ndel = slices.Clone(ix.flushing.deleted), ix.flushing.ndel
	ix.segs = append(ix.segs, file)
	ix.flushing = nil
	ix.durable = upto
	return ix.writeManifest()
}

// writeDurably writes a file through a temporary name, syncs it, renames it
// into place and syncs the directory.
func writeDurably(path string, write func(*os.File) error) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o640)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("index: write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("index: sync %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer d.Close()
	return d.Sync()
}

func writeSegmentFile(path string, encode func(io.Writer) error) error {
	return writeDurably(path, func(f *os.File) error {
		w := bufio.NewWriterSize(f, 1<<20)
		if err := encode(w); err != nil {
			return err
		}
		return w.Flush()
	})
}

// writeManifest records the segments on disk, their deletions and the
// durable outbox position (deletions applied after that position may be in
// it too: replaying them is harmless).
func (ix *Index) writeManifest() error {
	m := manifest{Version: 1, Applied: ix.durable, Next: ix.next}
	for _, l := range ix.segs {
		ms := manifestSegm{Name: l.seg.name}
		if l.ndel > 0 {
			for o := range l.seg.ids {
				if l.isDeleted(o) {
					ms.Deleted = append(ms.Deleted, o)
				}
			}
		}
		m.Segments = append(m.Segments, ms)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return writeDurably(filepath.Join(ix.dir, manifestName), func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}

// sizeClass groups segments for merging: by the order of magnitude of their
// live documents.
func sizeClass(l *liveSeg) int {
	n := len(l.seg.ids) - l.ndel
	c := 0
	for n >= 10 {
		n /= 10
		c++
	}
	return c
}

// Merge merges MergeFactor segments of one size class (or a segment that is
// mostly deleted) until no class is full. The merged segment is written
// without holding the writer's lock, so updates and searches go on.
func (ix *Index) Merge() error {
	ix.mmu.Lock()
	defer ix.mmu.Unlock()
	for {
		ix.wmu.Lock()
		byClass := map[int][]*liveSeg{}
		var pick []*liveSeg
		for _, l := range ix.segs {
			if l.ndel > 0 && l.ndel*2 >= len(l.seg.ids) {
				pick = []*liveSeg{l}
				break
			}
			c := sizeClass(l)
			byClass[c] = append(byClass[c], l)
			if len(byClass[c]) >= ix.opts.MergeFactor {
				pick = byClass[c]
				break
			}
		}
		ix.wmu.Unlock()
		if pick == nil {
			return nil
		}
		if err := ix.merge(pick); err != nil {
			return err
		}
	}
}

// Optimize writes what is in memory and merges all segments into one.
func (ix *Index) Optimize() error {
	if err := ix.Flush(); err != nil {
		return err
	}
	ix.mmu.Lock()
	defer ix.mmu.Unlock()
	ix.wmu.Lock()
	all := slices.Clone(ix.segs)
	ix.wmu.Unlock()
	if len(all) < 2 && (len(all) == 0 || all[0].ndel == 0) {
		return nil
	}
	return ix.merge(all)
}

// merge replaces the segments srcs (as they were when picked) by one.
func (ix *Index) merge(srcs []*liveSeg) error {
	ix.wmu.Lock()
	name := fmt.Sprintf("%08d.seg", ix.next)
	ix.next++
	ix.merging, ix.mergeDeleted = true, nil
	ix.wmu.Unlock()
	stop := func() bool {
		select {
		case <-ix.closing:
			return true
		default:
			return false
		}
	}
	err := writeSegmentFile(filepath.Join(ix.dir, name), func(w io.Writer) error { return mergeSegments(w, srcs, stop) })
	var merged *liveSeg
	if err == nil {
		merged, err = ix.openFile(name)
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.merging = false
	if err != nil {
		return err
	}
	for _, id := range ix.mergeDeleted {
		if o := merged.seg.ordinal(id); o >= 0 {
			merged.markDeleted(o)
		}
	}
	ix.mergeDeleted = nil
	gone := map[*segment]bool{}
	for _, s := range srcs {
		gone[s.seg] = true
	}
	var segs []*liveSeg
	inserted := false
	for _, l := range ix.segs {
		if gone[l.seg] {
			if !inserted && len(merged.seg.ids) > 0 {
				segs = append(segs, merged)
			}
			inserted = true
			continue
		}
		segs = append(segs, l)
	}
	ix.segs = segs
	if err := ix.writeManifest(); err != nil {
		return err
	}
	ix.publish()
	// Searches that still hold the old snapshot keep reading the removed
	// files through their open descriptors, which the garbage collector
	// closes once no snapshot refers to them.
	for _, s := range srcs {
		os.Remove(filepath.Join(ix.dir, s.seg.name))
	}
	if len(merged.seg.ids) == 0 {
		os.Remove(filepath.Join(ix.dir, name))
	}
	return nil
}

// Search returns the best documents for the query (see Request).
func (ix *Index) Search(q search.Query, req Request) (Result, error) {
	k := req.K
	if err := ix.refresh(); err != nil {
		return Result{}, err
	}
	ix.mu.RLock()
	snap := ix.snap
	ix.mu.RUnlock()
	res := Result{Complete: true}
	if k <= 0 || snap == nil || snap.n == 0 {
		return res, nil
	}
	// Document frequencies count deleted copies until their segment is
	// merged, so the IDF counts the documents the same way (it would turn
	// negative were df larger than n); so does the average length.
	// The dictionary entries found here are kept for the search of each
	// segment (a lookup reads the dictionary).
	st := stats{n: snap.all, avgdl: float64(snap.total) / float64(snap.all), df: map[string]int{}, maxFw: map[string]uint32{}}
	entries := map[string][]dictLookup{}
	for _, t := range q.Terms {
		for _, tok := range t.Tokens {
			if _, ok := st.df[tok]; ok {
				continue
			}
			df, mf := 0, uint32(0)
			es := make([]dictLookup, len(snap.segs))
			for i, l := range snap.segs {
				if e, ok := l.seg.lookup(tok); ok {
					df += int(e.df)
					mf = max(mf, e.maxFw)
					es[i] = dictLookup{e, true}
				}
			}
			st.df[tok], st.maxFw[tok] = df, mf
			entries[tok] = es
		}
	}
	s := &searcher{terms: compile(q, st), st: st, k: k, filter: req.Filter, visit: req.Visit, entries: entries}
	fewest := math.MaxInt
	for _, t := range s.terms {
		if !t.neg {
			for _, tok := range t.tokens {
				fewest = min(fewest, st.df[tok])
			}
		}
	}
	s.exhaustive = fewest <= ix.opts.ExhaustiveBelow
	s.res.Complete = true
	defer func() { releasePostings(s.opened) }()
	// Newest segments first: they hold the newest documents, which win ties.
	for i := len(snap.segs) - 1; i >= 0; i-- {
		l := snap.segs[i]
		if err := s.searchSegment(i, l.seg, l.deleted); err != nil {
			return Result{}, err
		}
	}
	res = s.res
	res.Estimate = res.Matched
	if !res.Complete && s.probed > 0 && s.evaluated > 0 {
		rate := float64(s.present) / float64(s.probed) * float64(res.Matched) / float64(s.evaluated)
		res.Estimate = min(max(res.Matched, int(rate*float64(s.cands)+0.5)), snap.n)
	}
	res.Hits = make([]Hit, len(s.top))
	for i := len(s.top) - 1; i >= 0; i-- {
		res.Hits[i] = heapPop(&s.top)
	}
	return res, nil
}

func heapPop(h *hitHeap) Hit {
	old := *h
	n := len(old) - 1
	old.Swap(0, n)
	// sift down
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		j := l
		if r := l + 1; r < n && old.Less(r, l) {
			j = r
		}
		if !old.Less(j, i) {
			break
		}
		old.Swap(i, j)
		i = j
	}
	x := old[n]
	*h = old[:n]
	return x
}

// Len is the number of documents in the index.
func (ix *Index) Len() int {
	ix.refresh()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.snap.n
}

// Contains reports how many times a document id is live in the index (0 or
// 1; more would be a bug the crash tests look for).
func (ix *Index) Contains(id int64) int {
	ix.refresh()
	ix.mu.RLock()
	snap := ix.snap
	ix.mu.RUnlock()
	n := 0
	for _, l := range snap.segs {
		if o := l.seg.ordinal(id); o >= 0 && !l.isDeleted(o) {
			n++
		}
	}
	return n
}

// Segments is the number of segments on disk (for benchmarks and tests).
func (ix *Index) Segments() int {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	return len(ix.segs)
}
