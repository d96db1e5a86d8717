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
