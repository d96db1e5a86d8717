package search

import (
	"slices"
	"testing"
)

func TestReduceLong(t *testing.T) {
	// 各级人民政府应当加强政务公开 → 13 bigrams; the rare ones are 政务, 务公.
	df := map[string]float64{"政务": 0.01, "务公": 0.005, "加强": 0.2, "级人": 0.3}
	dfFunc := func(tok string) float64 {
		if f, ok := df[tok]; ok {
			return f
		}
		return 0.9
	}
	q, _ := ParseQuery("各级人民政府应当加强政务公开")
	term := q.Terms[0]
	if len(term.Tokens) != 13 {
		t.Fatalf("%d tokens: %q", len(term.Tokens), term.Tokens)
	}
	tests := []struct {
		keep    int
		tokens  []string
		offsets []int
		near    int
	}{
		{keep: 1, tokens: []string{"务公"}},
		{keep: 2, tokens: []string{"政务", "务公"}},                                         // adjacent: a plain phrase
		{keep: 3, tokens: []string{"加强", "政务", "务公"}, offsets: []int{0, 2, 3}, near: 3}, // 加强 at 8, 政务 at 10
		{keep: 4, tokens: []string{"级人", "加强", "政务", "务公"}, offsets: []int{0, 7, 9, 10}, near: 10},
		{keep: 13, tokens: term.Tokens},
		{keep: 20, tokens: term.Tokens},
		{keep: 0, tokens: term.Tokens},
	}
	for _, tt := range tests {
		got := ReduceLong(term, dfFunc, tt.keep)
		if !slices.Equal(got.Tokens, tt.tokens) || !slices.Equal(got.Offsets, tt.offsets) || got.Near != tt.near {
			t.Errorf("keep %d: tokens %q offsets %v near %d, want %q %v %d", tt.keep, got.Tokens, got.Offsets, got.Near, tt.tokens, tt.offsets, tt.near)
		}
	}
	if !slices.Equal(term.Tokens, tokenTexts("各级人民政府应当加强政务公开")) {
		t.Error("ReduceLong modified its argument")
	}

	// Reducing again keeps the original distances.
	r := ReduceLong(ReduceLong(term, dfFunc, 4), dfFunc, 3)
	if !slices.Equal(r.Offsets, []int{0, 2, 3}) || r.Near != 3 {
		t.Errorf("reduced twice: %v near %d", r.Offsets, r.Near)
	}

	// A 文号 is never reduced; nil df leaves the term alone.
	q, _ = ParseQuery("国办发〔2021〕12号")
	if got := ReduceLong(q.Terms[0], dfFunc, 1); len(got.Tokens) != 5 {
		t.Errorf("文号 reduced to %q", got.Tokens)
	}
	if got := ReduceLong(term, nil, 1); len(got.Tokens) != 13 {
		t.Errorf("nil df reduced to %q", got.Tokens)
	}
}
