package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultSnippetRunes is the snippet length Snippet uses when maxRunes < 1.
const DefaultSnippetRunes = 160

// minSnippetRunes is the shortest snippet; smaller maxRunes are raised to it.
const minSnippetRunes = 10

// maxSnippetMatches bounds the work on a long document full of matches.
const maxSnippetMatches = 10000

// A Fragment is a piece of a snippet; Hit marks text that matched a term.
// Text is plain text from the document (white space collapsed to single
// spaces): the caller escapes it and renders hits with <mark>.
type Fragment struct {
	Text string
	Hit  bool
}

// Snippet returns the window of text, at most maxRunes runes long
// (ellipses included), that contains the most distinct positive terms of q
// (then the most matches), cut into fragments with the matched spans marked.
// Matching is done on the normalized text, so 國務院 in the document
// matches 国务院 in the query and 国办发[2021]12号 matches the 文号
// 国办发〔2021〕12号, but the fragments show the document's own characters.
// A single Han character in the query is highlighted wherever it occurs.
//
// The window starts a little before the first match, at the start of its
// sentence when that is close; "…" marks each edge where the text was cut.
// Without matches it is the start of the text. An empty text gives nil.
// maxRunes < 1 means DefaultSnippetRunes; values below 10 are raised to 10.
func Snippet(text string, q Query, maxRunes int) []Fragment {
	switch {
	case maxRunes < 1:
		maxRunes = DefaultSnippetRunes
	case maxRunes < minSnippetRunes:
		maxRunes = minSnippetRunes
	}
	d := newSnipDoc(text)
	n := len(d.orig) - 1 // runes
	if n == 0 {
		return nil
	}
	matches := d.find(q)

	var start, end int
	switch {
	case n <= maxRunes:
		start, end = 0, n
	case len(matches) == 0:
		start, end = 0, maxRunes-1
	default:
		w := maxRunes - 2
		a, b := bestWindow(matches, w)
		slack := w - (b - a)
		lead := min(slack/2, maxRunes/4)
		start = max(0, a-lead)
		for k := a - 1; k >= start; k-- { // start at the sentence when close
			if d.sentenceEnd(k) {
				start = k + 1
				break
			}
		}
		switch {
		case start == 0:
			end = maxRunes - 1
		case start+w >= n:
			start, end = n-(maxRunes-1), n
		default:
			end = start + w
		}
	}
	return d.fragments(matches, start, end)
}

// snipDoc is a document prepared for highlighting: the normalized text, its
// tokens, and for each normalized rune its byte offset in the original.
type snipDoc struct {
	text   string
	norm   string
	orig   []int32 // orig[k] = byte offset in text of normalized rune k; orig[n] = len(text)
	runeAt []int32 // runeAt[i] = index of the normalized rune at byte i of norm
	toks   []span
}

type span struct{ start, end int } // byte offsets in norm

func newSnipDoc(text string) *snipDoc {
	d := &snipDoc{text: text}
	nb := make([]byte, 0, len(text))
	d.orig = make([]int32, 0, utf8.RuneCountInString(text)+1)
	d.runeAt = make([]int32, 0, len(text)+1)
	for i, r := range text {
		f := foldRune(r)
		if f < 0 {
			continue
		}
		k := int32(len(d.orig))
		d.orig = append(d.orig, int32(i))
		nb = utf8.AppendRune(nb, f)
		for len(d.runeAt) < len(nb) {
			d.runeAt = append(d.runeAt, k)
		}
	}
	d.runeAt = append(d.runeAt, int32(len(d.orig)))
	d.orig = append(d.orig, int32(len(text)))
	d.norm = string(nb)
	sc := scanner{s: d.norm}
	for {
		s, e, ok := sc.next()
		if !ok {
			break
		}
		d.toks = append(d.toks, span{s, e})
	}
	return d
}

// match is a matched span in normalized runes [a, b) of term t.
type match struct{ t, a, b int }

// find returns the matches of the positive terms, ordered by start.
func (d *snipDoc) find(q Query) []match {
	var ms []match
	// Where the first token of each term occurs.
	index := make(map[string][]int)
	for _, t := range q.Terms {
		if !t.Negated && len(t.Tokens) > 0 {
			index[t.Tokens[0]] = nil
		}
	}
	for i, sp := range d.toks {
		tok := d.norm[sp.start:sp.end]
		if occ, ok := index[tok]; ok {
			index[tok] = append(occ, i)
		}
	}
	for ti, t := range q.Terms {
		if t.Negated || len(t.Tokens) == 0 {
			continue
		}
		if len(t.Tokens) == 1 && utf8.RuneCountInString(t.Tokens[0]) == 1 && isHanToken(t.Tokens[0]) {
			// A single character: wherever it occurs, also inside bigrams.
			c := t.Tokens[0]
			for off := 0; len(ms) < maxSnippetMatches; {
				k := strings.Index(d.norm[off:], c)
				if k < 0 {
					break
				}
				s := off + k
				ms = append(ms, match{ti, int(d.runeAt[s]), int(d.runeAt[s+len(c)])})
				off = s + len(c)
			}
			continue
		}
		offs := t.Offsets
		if len(offs) != len(t.Tokens) {
			offs = nil
		}
	next:
		for _, i := range index[t.Tokens[0]] {
			last := i
			for j := 1; j < len(t.Tokens); j++ {
				k := i + j
				if offs != nil {
					k = i + offs[j]
				}
				if k >= len(d.toks) {
					continue next
				}
				sp := d.toks[k]
				if d.norm[sp.start:sp.end] != t.Tokens[j] {
					continue next
				}
				last = k
			}
			ms = append(ms, match{ti, int(d.runeAt[d.toks[i].start]), int(d.runeAt[d.toks[last].end])})
			if len(ms) >= maxSnippetMatches {
				break
			}
		}
	}
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].a != ms[j].a {
			return ms[i].a < ms[j].a
		}
		return ms[i].b > ms[j].b
	})
	return ms
}

// bestWindow returns the span [a, b) of the matches, at most w runes long,
// that covers the most distinct terms, then the most matches; the earliest
// such span wins.
func bestWindow(ms []match, w int) (a, b int) {
	count := make(map[int]int)
	distinct, r := 0, 0
	bestScore, bestA, bestB := -1, ms[0].a, ms[0].b
	for l := range ms {
		if r < l {
			r = l
		}
		for r < len(ms) && ms[r].b-ms[l].a <= w {
			if count[ms[r].t] == 0 {
				distinct++
			}
			count[ms[r].t]++
			r++
		}
		if r > l {
			score := distinct*(maxSnippetMatches+1) + (r - l)
			if score > bestScore {
				end := ms[l].b
				for _, m := range ms[l:r] {
					end = max(end, m.b)
				}
				bestScore, bestA, bestB = score, ms[l].a, end
			}
			count[ms[l].t]--
			if count[ms[l].t] == 0 {
				distinct--
			}
		}
	}
	if bestB-bestA > w { // a single match longer than the window
		bestB = bestA + w
	}
	return bestA, bestB
}

// sentenceEnd reports whether normalized rune k ends a sentence.
func (d *snipDoc) sentenceEnd(k int) bool {
	r, _ := utf8.DecodeRuneInString(d.text[d.orig[k]:])
	switch r {
	case '。', '！', '？', '；', '!', '?', ';', '\n':
		return true
	}
	return false
}

// fragments cuts normalized runes [start, end) into fragments.
func (d *snipDoc) fragments(ms []match, start, end int) []Fragment {
	var out []Fragment
	emit := func(a, b int, hit bool) {
		if a >= b {
			return
		}
		s := collapseSpace(strings.ToValidUTF8(d.text[d.orig[a]:d.orig[b]], "\uFFFD"))
		if s == "" {
			return
		}
		if k := len(out) - 1; k >= 0 && out[k].Hit == hit {
			out[k].Text += s
			return
		}
		out = append(out, Fragment{Text: s, Hit: hit})
	}
	pos := start
	for _, m := range ms {
		a, b := max(m.a, start, pos), min(m.b, end)
		if a >= b {
			continue
		}
		emit(pos, a, false)
		emit(a, b, true)
		pos = b
	}
	emit(pos, end, false)

	// Trim white space at the edges and mark the cuts.
	if len(out) > 0 {
		if !out[0].Hit {
			out[0].Text = strings.TrimLeft(out[0].Text, " ")
		}
		if k := len(out) - 1; !out[k].Hit {
			out[k].Text = strings.TrimRight(out[k].Text, " ")
		}
	}
	if start > 0 {
		if len(out) > 0 && !out[0].Hit {
			out[0].Text = "…" + out[0].Text
		} else {
			out = append([]Fragment{{Text: "…"}}, out...)
		}
	}
	if end < len(d.orig)-1 {
		if k := len(out) - 1; k >= 0 && !out[k].Hit {
			out[k].Text += "…"
		} else {
			out = append(out, Fragment{Text: "…"})
		}
	}
	// Drop fragments emptied by trimming.
	kept := out[:0]
	for _, f := range out {
		if f.Text != "" {
			kept = append(kept, f)
		}
	}
	return kept
}

// collapseSpace replaces each run of white space and control characters by
// one space and removes the characters Normalize drops (zero-width ones).
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = true
			continue
		}
		if foldRune(r) < 0 {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
