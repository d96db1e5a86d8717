package search

import "sort"

// ReduceLong shortens a long term, such as a sentence pasted into the search
// box, to its keep rarest tokens. A phrase of n bigrams costs the posting
// lists of all n tokens, most of them very common (人民, 政府, 规定); the
// rarest few select almost the same documents for a fraction of the work.
//
// df estimates the document frequency of a token (a count or a fraction:
// only the order matters; ties keep the earlier token). The kept tokens stay
// in their original order, and since the original term required all tokens
// to be adjacent, the kept ones must still lie at the same distances from
// each other: Offsets[i] is the original position of Tokens[i] relative to
// Tokens[0], and Near is the last offset, the span of the match in token
// positions. When the kept tokens happen to be adjacent the result is an
// ordinary phrase (Near 0, Offsets nil).
//
// How an index uses a reduced term:
//
//   - SQLite FTS5: NEAR("g1" "g2" …, gap) over the groups of adjacent kept
//     tokens, as returned by NearGroups. FTS5 ignores the order inside a
//     NEAR group, so this finds a superset; rank or check positions after.
//   - PostgreSQL tsquery: the exact distances, 't1' <d1> 't2' <d2> 't3' with
//     d = Offsets[i]-Offsets[i-1] (<1> is <->).
//   - An inverted index with positions: the tokens at positions p+Offsets[i].
//
// The term is returned unchanged when it has at most keep tokens, when keep
// < 1 or df is nil, and for a 文号 or 索引号, which is matched exactly.
func ReduceLong(t Term, df func(token string) float64, keep int) Term {
	n := len(t.Tokens)
	if keep < 1 || n <= keep || df == nil || t.Number != "" {
		return t
	}
	pos := make([]int, n)
	for i := range pos {
		pos[i] = i
		if len(t.Offsets) == n {
			pos[i] = t.Offsets[i]
		}
	}
	freq := make([]float64, n)
	for i, tok := range t.Tokens {
		freq[i] = df(tok)
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return freq[idx[a]] < freq[idx[b]] })
	idx = idx[:keep]
	sort.Ints(idx)

	out := t
	out.Tokens = make([]string, keep)
	out.Offsets = make([]int, keep)
	for i, j := range idx {
		out.Tokens[i] = t.Tokens[j]
		out.Offsets[i] = pos[j] - pos[idx[0]]
	}
	out.Near = out.Offsets[keep-1]
	if out.Near == keep-1 { // still adjacent: a plain phrase
		out.Near, out.Offsets = 0, nil
	}
	return out
}

// NearGroups splits a term into groups of tokens at consecutive offsets,
// each an exact phrase, and returns the largest number of tokens that can
// separate the end of the first group from the start of the last one in a
// true match: the N of an FTS5 NEAR(…, N) group. For a term that is not
// reduced it returns one group and 0.
func (t Term) NearGroups() (groups [][]string, gap int) {
	if len(t.Offsets) != len(t.Tokens) || len(t.Tokens) == 0 {
		return [][]string{t.Tokens}, 0
	}
	start := 0
	for i := 1; i <= len(t.Tokens); i++ {
		if i == len(t.Tokens) || t.Offsets[i] != t.Offsets[i-1]+1 {
			groups = append(groups, t.Tokens[start:i])
			if i < len(t.Tokens) {
				start = i
			}
		}
	}
	if len(groups) == 1 {
		return groups, 0
	}
	// The last group starts at Offsets[start]; the first ends at offset
	// len(groups[0])-1.
	return groups, t.Offsets[start] - len(groups[0])
}
