package search

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// tm builds an expected term from its canonical spelling's pieces.
type tm struct {
	text    string // tokens of this text
	phrase  bool
	field   string
	negated bool
	number  string
}

func (e tm) term() Term {
	text := collapse(Normalize(e.text))
	if e.number != "" {
		text = e.number
	}
	return Term{Tokens: tokenTexts(text), Phrase: e.phrase || e.number != "", Field: e.field, Negated: e.negated, Number: e.number, Text: text}
}

// sameTerms compares terms ignoring Raw.
func sameTerms(a, b []Term) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if !slices.Equal(x.Tokens, y.Tokens) || x.Phrase != y.Phrase || x.Field != y.Field || x.Negated != y.Negated ||
			x.Near != y.Near || !slices.Equal(x.Offsets, y.Offsets) || x.Number != y.Number || x.Text != y.Text {
			return false
		}
	}
	return true
}

// sameQuery compares queries ignoring Raw, DocNumberTyped and Truncated.
func sameQuery(a, b Query) bool {
	return sameTerms(a.Terms, b.Terms) && a.DocNumber == b.DocNumber && a.IndexNumber == b.IndexNumber
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in        string
		want      []tm
		canon     string
		docNum    string
		docTyped  string
		indexNum  string
		suggested bool
	}{
		{in: "规划", want: []tm{{text: "规划"}}, canon: "规划"},
		{in: "  预算   债务 ", want: []tm{{text: "预算"}, {text: "债务"}}, canon: "预算 债务"},
		{in: "预算执行", want: []tm{{text: "预算执行"}}, canon: "预算执行"},
		{in: "专项债", want: []tm{{text: "专项债"}}, canon: "专项债"},
		{
			in:       `"政务公开" -预算 title:规划 国办发[2021]12号`,
			want:     []tm{{text: "政务公开", phrase: true}, {text: "预算", negated: true}, {text: "规划", field: FieldTitle}, {number: "国办发〔2021〕12号"}},
			canon:    `"政务公开" -预算 title:规划 国办发〔2021〕12号`,
			docNum:   "国办发〔2021〕12号",
			docTyped: "国办发[2021]12号", suggested: true,
		},
		{in: `"政务 公开"`, want: []tm{{text: "政务 公开", phrase: true}}, canon: `"政务 公开"`},
		{in: `"政务公开 "`, want: []tm{{text: "政务公开", phrase: true}}, canon: `"政务公开"`},
		{in: `“政务 公开”`, want: []tm{{text: "政务 公开", phrase: true}}, canon: `"政务 公开"`},
		{in: `"专项 债券"`, want: []tm{{text: "专项 债券", phrase: true}}, canon: `"专项 债券"`},
		{in: `"covid 19 疫情"`, want: []tm{{text: "covid 19 疫情", phrase: true}}, canon: `"covid 19 疫情"`},
		{in: `"政务公开`, want: []tm{{text: "政务公开", phrase: true}}, canon: `"政务公开"`},
		{in: `-"政务 公开" 条例`, want: []tm{{text: "政务 公开", phrase: true, negated: true}, {text: "条例"}}, canon: `-"政务 公开" 条例`},
		{in: `标题：国土空间规划`, want: []tm{{text: "国土空间规划", field: FieldTitle}}, canon: `title:国土空间规划`},
		{in: `標題:"空间 规划"`, want: []tm{{text: "空间 规划", phrase: true, field: FieldTitle}}, canon: `title:"空间 规划"`},
		{in: `TITLE: 规划`, want: []tm{{text: "规划", field: FieldTitle}}, canon: `title:规划`},
		{in: `-title:规划`, want: []tm{{text: "规划", field: FieldTitle, negated: true}}, canon: `-title:规划`},
		{in: `"2021，年度 预算"`, want: []tm{{text: "2021，年度 预算", phrase: true}}, canon: `"2021,年度 预算"`},
		{in: `"2021 年度"`, want: []tm{{text: "2021 年度", phrase: true}}, canon: `"2021 年度"`},
		{in: "政务公开，预算", want: []tm{{text: "政务公开"}, {text: "预算"}}, canon: "政务公开 预算"},
		{in: "covid-19", want: []tm{{text: "covid"}, {text: "19"}}, canon: "covid 19"},
		{in: "-covid-19", want: []tm{{text: "covid 19", phrase: true, negated: true}}, canon: `-"covid 19"`},
		{in: "ＣＯＶＩＤ１９疫情", want: []tm{{text: "covid19疫情"}}, canon: "covid19疫情"},
		{in: "國務院辦公廳", want: []tm{{text: "国务院办公厅"}}, canon: "国务院办公厅"},
		{in: "预算 预算", want: []tm{{text: "预算"}}, canon: "预算"},
		{in: "的 预算 和", want: []tm{{text: "预算"}}, canon: "预算"},
		{in: "债", want: []tm{{text: "债"}}, canon: "债"},
		// 文号 in every bracket.
		{in: "国办发〔2021〕12号", want: []tm{{number: "国办发〔2021〕12号"}}, canon: "国办发〔2021〕12号", docNum: "国办发〔2021〕12号", docTyped: "国办发〔2021〕12号"},
		{in: "国办发【2021】12号", want: []tm{{number: "国办发〔2021〕12号"}}, canon: "国办发〔2021〕12号", docNum: "国办发〔2021〕12号", docTyped: "国办发【2021】12号", suggested: true},
		{in: "国办发(2021)12号", want: []tm{{number: "国办发〔2021〕12号"}}, canon: "国办发〔2021〕12号", docNum: "国办发〔2021〕12号", docTyped: "国办发(2021)12号", suggested: true},
		{in: "国办发（2021）12号", want: []tm{{number: "国办发〔2021〕12号"}}, canon: "国办发〔2021〕12号", docNum: "国办发〔2021〕12号", docTyped: "国办发（2021）12号", suggested: true},
		{in: "国办发［２０２１］１２号", want: []tm{{number: "国办发〔2021〕12号"}}, canon: "国办发〔2021〕12号", docNum: "国办发〔2021〕12号", docTyped: "国办发［２０２１］１２号", suggested: true},
		{in: "國辦發〔2021〕12號", want: []tm{{number: "国办发〔2021〕12号"}}, canon: "国办发〔2021〕12号", docNum: "国办发〔2021〕12号", docTyped: "國辦發〔2021〕12號", suggested: true},
		{in: " 豫政办 〔2021〕68 号 ", want: []tm{{number: "豫政办〔2021〕68号"}}, canon: "豫政办〔2021〕68号", docNum: "豫政办〔2021〕68号", docTyped: "豫政办 〔2021〕68 号", suggested: true},
		{in: `"省政府令 第95号"`, want: []tm{{number: "省政府令第95号"}}, canon: "省政府令第95号", docNum: "省政府令第95号", docTyped: "省政府令 第95号", suggested: true},
		{in: "国务院令第711号", want: []tm{{number: "国务院令第711号"}}, canon: "国务院令第711号", docNum: "国务院令第711号", docTyped: "国务院令第711号"},
		{in: "财政部公告2015年第3号 预算", want: []tm{{number: "财政部公告2015年第3号"}, {text: "预算"}}, canon: "财政部公告2015年第3号 预算", docNum: "财政部公告2015年第3号", docTyped: "财政部公告2015年第3号"},
		{in: "-豫政办 〔2021〕68 号", want: []tm{{text: "豫政办", negated: true}, {text: "2021"}, {text: "68"}, {text: "号"}}, canon: "-豫政办 2021 68 号"},
		{in: "（豫政办 〔2021〕68 号）", want: []tm{{number: "豫政办〔2021〕68号"}}, canon: "豫政办〔2021〕68号", docNum: "豫政办〔2021〕68号", docTyped: "豫政办 〔2021〕68 号", suggested: true},
		{in: "-国办发〔2021〕12号 预算", want: []tm{{number: "国办发〔2021〕12号", negated: true}, {text: "预算"}}, canon: "-国办发〔2021〕12号 预算"},
		{in: "title:国办发〔2021〕12号", want: []tm{{number: "国办发〔2021〕12号", field: FieldTitle}}, canon: "title:国办发〔2021〕12号"},
		// Not 文号: words around it, or a bracket kind that needs spaces elsewhere.
		{in: "政务 公开 国办发〔2021〕12号", want: []tm{{text: "政务"}, {text: "公开"}, {number: "国办发〔2021〕12号"}}, canon: "政务 公开 国办发〔2021〕12号", docNum: "国办发〔2021〕12号", docTyped: "国办发〔2021〕12号"},
		{in: "国办发 2021 12号", want: []tm{{text: "国办发"}, {text: "2021"}, {text: "12号"}}, canon: "国办发 2021 12号"},
		{in: `"国务院令，第711号"`, want: []tm{{text: "国务院令，第711号", phrase: true}}, canon: `"国务院令,第711号"`},
		{in: `"国务院令第711号。"`, want: []tm{{number: "国务院令第711号"}}, canon: `国务院令第711号`, docNum: "国务院令第711号", docTyped: "国务院令第711号"},
		{in: `（国办发〔2021〕12号）`, want: []tm{{number: "国办发〔2021〕12号"}}, canon: `国办发〔2021〕12号`, docNum: "国办发〔2021〕12号", docTyped: "国办发〔2021〕12号"},
		{in: `-国务院令第711号。`, want: []tm{{number: "国务院令第711号", negated: true}}, canon: `-国务院令第711号`},
		// 索引号.
		{in: "11441700007280420Y/2021-00050", want: []tm{{number: "11441700007280420Y/2021-00050"}}, canon: "11441700007280420Y/2021-00050", indexNum: "11441700007280420Y/2021-00050"},
		{in: "11341702486344515h/202110-00013 预算", want: []tm{{number: "11341702486344515H/202110-00013"}, {text: "预算"}}, canon: "11341702486344515H/202110-00013 预算", indexNum: "11341702486344515H/202110-00013"},
		{in: "000014349/2021-00050", want: []tm{{number: "000014349/2021-00050"}}, canon: "000014349/2021-00050", indexNum: "000014349/2021-00050"},
		{in: "abc/2021-1", want: []tm{{text: "abc"}, {text: "2021"}, {text: "1"}}, canon: "abc 2021 1"},
		// Empty queries.
		{in: ""},
		{in: "   \u3000 "},
		{in: "。，、！？……——《》"},
		{in: "的 了 和"},
		{in: `""`},
		{in: "-"},
		{in: "title:"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := ParseQuery(tt.in)
			if err != nil {
				t.Fatalf("ParseQuery: %v", err)
			}
			var want []Term
			for _, e := range tt.want {
				want = append(want, e.term())
			}
			if !sameTerms(q.Terms, want) {
				t.Errorf("terms\n got %+v\nwant %+v", q.Terms, want)
			}
			if s := q.String(); s != tt.canon {
				t.Errorf("String() = %q, want %q", s, tt.canon)
			}
			if q.DocNumber != tt.docNum || q.DocNumberTyped != tt.docTyped {
				t.Errorf("DocNumber = %q typed %q, want %q typed %q", q.DocNumber, q.DocNumberTyped, tt.docNum, tt.docTyped)
			}
			if got := q.DocNumberSuggestion() != ""; got != tt.suggested {
				t.Errorf("DocNumberSuggestion() = %q", q.DocNumberSuggestion())
			}
			if q.IndexNumber != tt.indexNum {
				t.Errorf("IndexNumber = %q, want %q", q.IndexNumber, tt.indexNum)
			}
			positive := 0
			for _, e := range tt.want {
				if !e.negated {
					positive++
				}
			}
			if q.Empty() != (positive == 0) || len(q.Positive()) != positive || len(q.Negative()) != len(tt.want)-positive {
				t.Errorf("Empty() = %v, %d positive, %d negative", q.Empty(), len(q.Positive()), len(q.Negative()))
			}
			if q.Truncated {
				t.Error("Truncated")
			}
			checkRoundTrip(t, q)
		})
	}
}

func checkRoundTrip(t *testing.T, q Query) {
	t.Helper()
	s := q.String()
	if n := utf8.RuneCountInString(s); n > MaxQueryRunes {
		t.Errorf("String() has %d runes", n)
	}
	q2, err := ParseQuery(s)
	if err != nil {
		t.Fatalf("ParseQuery(String() = %q): %v", s, err)
	}
	if !sameQuery(q, q2) {
		t.Errorf("ParseQuery(%q) differs:\n got %+v\nwant %+v", s, q2, q)
	}
	if q2.Truncated {
		t.Errorf("ParseQuery(%q) is truncated", s)
	}
	if s2 := q2.String(); s2 != s {
		t.Errorf("String() not stable: %q then %q", s, s2)
	}
}

func TestParseQueryHostile(t *testing.T) {
	long := strings.Repeat("预算执行情况", 2000)[:30000]
	tests := []struct {
		name string
		in   string
	}{
		{"10000 chars", strings.Repeat("政务公开", 2500)},
		{"10000 ASCII", strings.Repeat("a", 10000)},
		{"10000 words", strings.Repeat("词 ", 5000)},
		{"many distinct words", strings.Repeat("ab cd ef gh ij kl mn op qr st uv wx yz ", 300)},
		{"long cut inside a rune", long},
		{"only punctuation", strings.Repeat("!@#$%^&*()_+{}|:<>?~`-=[]\\;',./。，、；：？！…—·「」『』【】〔〕（）《》", 20)},
		{"SQL", "'; DROP TABLE documents; --"},
		{"SQL 2", `" OR 1=1 --`},
		{"FTS5 syntax", `NEAR(a b) AND c* OR "d" NOT e ^f col:g`},
		{"tsquery syntax", `a & !b | c <-> d:*`},
		{"HTML", "<script>alert(1)</script>"},
		{"HTML entity", "&lt;b&gt;&#x4e00;"},
		{"invalid UTF-8", "预算\xff\xfe\xc3执行\xe4\xb8"},
		{"NUL bytes", "预算\x00执行\x00\x00"},
		{"only NUL", "\x00\x00\x00"},
		{"only quotes", `"""""""`},
		{"only minus", "- -- --- -"},
		{"unbalanced", `"a "b" c"d "`},
		{"zero width", "\u200b\u200c\ufeff"},
		{"RTL override", "\u202e预算\u202c"},
		{"many fields", strings.Repeat("title:title:标题:", 50)},
		{"many numbers", strings.Repeat("国办发〔2021〕12号 ", 100)},
		{"distinct numbers", func() string {
			var b strings.Builder
			for i := 1; i <= 100; i++ {
				b.WriteString("国办发〔2021〕")
				b.WriteString(strings.Repeat("1", i%6+1))
				b.WriteString("号 ")
			}
			return b.String()
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuery(tt.in)
			if err != nil {
				var qe *QueryError
				if !errors.As(err, &qe) || qe.Error() == "" {
					t.Fatalf("error %v is not a *QueryError with a message", err)
				}
				return
			}
			if len(q.Terms) > MaxTerms {
				t.Errorf("%d terms", len(q.Terms))
			}
			for _, term := range q.Terms {
				if len(term.Tokens) == 0 {
					t.Errorf("term without tokens: %+v", term)
				}
				for _, tok := range term.Tokens {
					if !utf8.ValidString(tok) || strings.ContainsAny(tok, " '\";<>&()*:") {
						t.Errorf("bad token %q", tok)
					}
				}
			}
			checkRoundTrip(t, q)
		})
	}
}

func TestParseQueryLimits(t *testing.T) {
	// A long sentence without spaces is cut to fit.
	q, err := ParseQuery(strings.Repeat("预算执行", 100))
	if err != nil {
		t.Fatal(err)
	}
	if !q.Truncated || len(q.Terms) != 1 || utf8.RuneCountInString(q.String()) != MaxQueryRunes {
		t.Errorf("long run: Truncated %v, %d terms, %d runes", q.Truncated, len(q.Terms), utf8.RuneCountInString(q.String()))
	}

	// At most MaxTerms terms.
	var words []string
	for i := range 40 {
		words = append(words, "w"+strings.Repeat("x", i))
	}
	q, _ = ParseQuery(strings.Join(words[:10], " ") + " " + strings.Join(words[:10], " ")) // duplicates do not count
	if q.Truncated || len(q.Terms) != 10 {
		t.Errorf("duplicates: Truncated %v, %d terms", q.Truncated, len(q.Terms))
	}
	short := make([]string, 40)
	for i := range short {
		short[i] = string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	q, _ = ParseQuery(strings.Join(short, " "))
	if !q.Truncated || len(q.Terms) != MaxTerms {
		t.Errorf("40 words: Truncated %v, %d terms", q.Truncated, len(q.Terms))
	}

	// A 文号 is dropped rather than cut.
	q, _ = ParseQuery(strings.Repeat("x", 250) + " 国办发〔2021〕12号")
	if !q.Truncated || len(q.Terms) != 1 || q.DocNumber != "" {
		t.Errorf("文号 at the limit: Truncated %v, terms %+v", q.Truncated, q.Terms)
	}

	// Past MaxQueryBytes: a clear error.
	_, err = ParseQuery(strings.Repeat("a", MaxQueryBytes+1))
	var qe *QueryError
	if !errors.As(err, &qe) || !strings.Contains(qe.Error(), "过长") {
		t.Errorf("huge input: err = %v", err)
	}
}

// TestParseQueryRandom checks the round trip on queries assembled from the
// pieces of the query language, which reaches corners byte-level fuzzing
// finds slowly.
func TestParseQueryRandom(t *testing.T) {
	pieces := []string{
		`"`, `“`, `”`, `「`, `』`, "-", "－", "title:", "标题：", "TITLE:", " ", "\u3000", "，", "。", ",", "〔", "〕", "[", "]", "（", "）", "(",
		"2021", "12", "0012", "号", "號", "第", "令", "年", "年第", "国办发", "國辦發", "国务院令", "财政部公告", "豫政办",
		"预算", "执行", "专项债", "的", "和", "a", "B", "covid", "19", "/", "11441700007280420Y", "000014349", "2021-00050", "202110-13",
		"\x00", "\xff", "⼈⺠", "\u200b", "é", "𠀀", "〇", "<b>", "';--",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 30000
	if testing.Short() {
		n = 3000
	}
	for range n {
		var b strings.Builder
		for range 1 + rng.IntN(24) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		q, err := ParseQuery(s)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", s, err)
		}
		c := q.String()
		q2, err := ParseQuery(c)
		if err != nil || !sameQuery(q, q2) || q2.Truncated || q2.String() != c {
			t.Fatalf("ParseQuery(%q) → %q re-parses differently:\n got %+v\nwant %+v", s, c, q2, q)
		}
		for _, term := range q.Terms {
			if !slices.Equal(term.Tokens, tokenTexts(term.Text)) {
				t.Fatalf("ParseQuery(%q): term %+v: tokens do not match its text", s, term)
			}
		}
	}
}
