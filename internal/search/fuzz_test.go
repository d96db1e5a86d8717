package search

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"",
	"规划",
	"专项债",
	`"政务公开" -预算 title:规划 国办发[2021]12号`,
	`标题："国土 空间" -"covid-19"`,
	"豫政办 〔2021〕68 号",
	"国务院令第711号 财政部公告2015年第3号",
	`"国务院令，第711号"`,
	"11441700007280420Y/2021-00050",
	"ＣＯＶＩＤ－１９ 國務院辦公廳",
	"'; DROP TABLE documents; --",
	"<script>alert(1)</script>",
	"预算\xff\x00执行",
	`"""`,
	"- -- title: 标题：",
	"依照第5条规定 2021年度",
	"⼈⺠政府 预\u200b算",
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || len(s) <= MaxQueryBytes {
				t.Fatalf("ParseQuery(%q): unexpected error %v", s, err)
			}
			return
		}
		if len(q.Terms) > MaxTerms {
			t.Fatalf("%d terms", len(q.Terms))
		}
		for _, term := range q.Terms {
			if len(term.Tokens) == 0 || !slices.Equal(term.Tokens, tokenTexts(term.Text)) {
				t.Fatalf("term %+v: tokens do not match its text", term)
			}
		}
		c := q.String()
		if n := utf8.RuneCountInString(c); n > MaxQueryRunes {
			t.Fatalf("String() has %d runes: %q", n, c)
		}
		q2, err := ParseQuery(c)
		if err != nil {
			t.Fatalf("ParseQuery(String() = %q): %v", c, err)
		}
		if !sameQuery(q, q2) || q2.Truncated {
			t.Fatalf("ParseQuery(%q) → %q re-parses differently:\n got %+v\nwant %+v", s, c, q2, q)
		}
		if c2 := q2.String(); c2 != c {
			t.Fatalf("String() not stable: %q then %q", c, c2)
		}
		_ = q.Empty()
		_ = q.DocNumberSuggestion()
	})
}

func FuzzTokens(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("发行地方政府专项债券用于项目建设，2021年度预算执行情况。")
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if Normalize(n) != n {
			t.Fatalf("Normalize not idempotent on %q: %q then %q", s, n, Normalize(n))
		}
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", s, n)
		}
		toks := Tokens(s)
		for i, tok := range toks {
			if i > 0 && tok.Pos <= toks[i-1].Pos {
				t.Fatalf("Tokens(%q): positions %d then %d", s, toks[i-1].Pos, tok.Pos)
			}
			if tok.Text == "" || !utf8.ValidString(tok.Text) || strings.ContainsFunc(tok.Text, isQuerySpace) {
				t.Fatalf("Tokens(%q): bad token %q", s, tok.Text)
			}
			if k := utf8.RuneCountInString(tok.Text); isHanToken(tok.Text) && k > 2 {
				t.Fatalf("Tokens(%q): Han token %q of %d characters", s, tok.Text, k)
			}
		}
		// The token text splits back into the same tokens: what FTS5 and
		// PostgreSQL index.
		tt := TokenText(s)
		if got := strings.Fields(tt); !slices.Equal(got, tokenTextsOf(toks)) && !(len(got) == 0 && len(toks) == 0) {
			t.Fatalf("TokenText(%q) = %q, tokens %q", s, tt, tokenTextsOf(toks))
		}
		// Snippets never panic and respect their length.
		if q, err := ParseQuery(s); err == nil {
			fs := Snippet(s, q, 40)
			total := 0
			for _, fr := range fs {
				total += utf8.RuneCountInString(fr.Text)
			}
			if total > 40 {
				t.Fatalf("Snippet(%q) has %d runes", s, total)
			}
		}
	})
}
