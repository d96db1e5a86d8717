package audit

import (
	"testing"
	"time"
)

func chain(n int) []Entry {
	var out []Entry
	prev := ""
	for i := 1; i <= n; i++ {
		e := Entry{Seq: int64(i), At: time.Date(2025, 1, 1, 0, 0, i, 0, time.UTC), ActorID: 7, Actor: "editor",
			OrgID: 3, Action: "document.update", Entity: "document", EntityID: "12", AfterDigest: Digest(map[string]int{"i": i}), PrevHash: prev}
		e.Hash = ComputeHash(e)
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

func verify(entries []Entry, headSeq int64, headHash string) []Problem {
	v := NewVerifier()
	for _, e := range entries {
		v.Add(e)
	}
	return v.Finish(headSeq, headHash)
}

func TestVerify(t *testing.T) {
	good := chain(5)
	head := good[4]
	tests := []struct {
		name    string
		mutate  func([]Entry) []Entry
		headSeq int64
		wantBad bool
	}{
		{"intact", func(e []Entry) []Entry { return e }, 5, false},
		{"edited detail", func(e []Entry) []Entry { e[2].Detail = "x"; return e }, 5, true},
		{"edited actor and rehashed", func(e []Entry) []Entry { e[1].Actor = "root"; e[1].Hash = ComputeHash(e[1]); return e }, 5, true},
		{"middle row deleted", func(e []Entry) []Entry { return append(e[:2], e[3:]...) }, 5, true},
		{"last row deleted", func(e []Entry) []Entry { return e[:4] }, 5, true},
		{"first row deleted", func(e []Entry) []Entry { return e[1:] }, 5, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries := tt.mutate(append([]Entry(nil), good...))
			problems := verify(entries, tt.headSeq, head.Hash)
			if got := len(problems) > 0; got != tt.wantBad {
				t.Fatalf("problems = %v, want bad=%v", problems, tt.wantBad)
			}
		})
	}
}

func TestDigestStable(t *testing.T) {
	a := Digest(map[string]any{"title": "规划", "v": 1})
	b := Digest(map[string]any{"v": 1, "title": "规划"})
	if a != b || len(a) != 64 {
		t.Fatalf("digest not canonical: %s %s", a, b)
	}
	if Digest(nil) != "" {
		t.Fatal("nil digest should be empty")
	}
}
