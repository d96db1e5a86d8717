package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"预算执行", "预算执行"},
		{"ＣＯＶＩＤ－１９", "covid-19"},
		{"COVID-19 Vaccine", "covid-19 vaccine"},
		{"国办发〔２０２１〕１２号", "国办发〔2021〕12号"},
		{"国办发［2021］12号", "国办发[2021]12号"},
		{"（一）", "(一)"},
		{"政务\u3000公开", "政务 公开"},
		{"國務院辦公廳", "国务院办公厅"},
		{"關於印發《政府資訊公開條例》的通知", "关于印发《政府资讯公开条例》的通知"},
		{"臺灣 颱風 檯面", "台湾 台风 台面"},
		{"⼈⺠政府", "人民政府"},         // Kangxi ⼈ U+2F08, supplement ⺠ U+2EA0
		{"⾨⾸", "门首"},             // Kangxi 門 radical folds on to 门
		{"预\u200b算\ufeff", "预算"}, // zero-width characters
		{"soft\u00adhyphen", "softhyphen"},
		{"ÉCOLE Ωμέγα", "école ωμέγα"},
		{"a\xffb", "a\ufffdb"},
		// Standard simplified characters that are also traditional ones stay.
		{"乾坤 著作 瞭望 覆盖 狼藉", "乾坤 著作 瞭望 覆盖 狼藉"},
		{"“引号”—…", "“引号”—…"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Normalize(tt.want); got != tt.want {
			t.Errorf("Normalize not idempotent on %q: %q", tt.want, got)
		}
	}
}

func TestNormalizeNoAlloc(t *testing.T) {
	s := "国务院办公厅关于印发2021年政务公开工作要点的通知"
	if a := testing.AllocsPerRun(100, func() { _ = Normalize(s) }); a != 0 {
		t.Errorf("Normalize of already normal text allocates %v times", a)
	}
}

func TestT2SIdempotent(t *testing.T) {
	if len(t2s) < 300 {
		t.Errorf("t2s has %d pairs, want a few hundred at least", len(t2s))
	}
	for k, v := range t2s {
		if got := foldRune(k); got != v {
			t.Errorf("foldRune(%c) = %c, want %c", k, got, v)
		}
		if got := foldRune(v); got != v {
			t.Errorf("simplified %c folds again to %c", v, got)
		}
	}
	for r := rune(0x2F00); r <= 0x2FD5; r++ {
		f := foldRune(r)
		if foldRune(f) != f || !isHan(f) {
			t.Errorf("Kangxi %U folds to %U, which is not a stable ideograph", r, f)
		}
	}
}

func tokenTextsOf(toks []Token) []string {
	out := make([]string, len(toks))
	for i, tok := range toks {
		out[i] = tok.Text
	}
	return out
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"。，、！", nil},
		{"规划", []string{"规划"}},
		{"专项债券", []string{"专项", "项债", "债券"}},
		{"预算执行", []string{"预算", "算执", "执行"}},
		{"债", []string{"债"}},
		{"第5条", []string{"第", "5", "条"}},
		{"2021年", []string{"2021", "年"}},
		{"2021年度", []string{"2021", "年", "年度"}},
		{"依照第5条规定", []string{"依照", "照第", "第", "5", "条", "条规", "规定"}},
		{"12号文件", []string{"12", "号", "号文", "文件"}},
		{"a年b", []string{"a", "年", "b"}},
		{"1ab2", []string{"1ab2"}},
		{"1预算2", []string{"1", "预", "预算", "算", "2"}},
		{"2021 年度", []string{"2021", "年", "年度"}},
		{"2021，年度", []string{"2021", "年度"}},
		{"依照第 5 条", []string{"依照", "照第", "第", "5", "条"}},
		{"年度 ，2021", []string{"年度", "2021"}},
		{"COVID19疫情防控", []string{"covid19", "疫", "疫情", "情防", "防控"}},
		{"ＣＯＶＩＤ－１９", []string{"covid", "19"}},
		{"预算，执行", []string{"预算", "执行"}},
		{"预算 执行", []string{"预算", "执行"}},
		{"预算abc执行", []string{"预算", "算", "abc", "执", "执行"}},
		{"国办发〔2021〕12号", []string{"国办", "办发", "2021", "12", "号"}},
		{"国办发[2021]12号", []string{"国办", "办发", "2021", "12", "号"}},
		{"二〇二一年", []string{"二〇", "〇二", "二一", "一年"}},
		{"國務院辦公廳", []string{"国务", "务院", "院办", "办公", "公厅"}},
		{"预\u200b算", []string{"预算"}},
		{"GB/T 7714-2015", []string{"gb", "t", "7714", "2015"}},
		{"Москва und café", []string{"москва", "und", "café"}},
		{"a\x00b\xffc", []string{"a", "b", "c"}},
		{"𠀀𠀁", []string{"𠀀𠀁"}}, // CJK extension B
	}
	for _, tt := range tests {
		toks := Tokens(tt.in)
		if got := tokenTextsOf(toks); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for i, tok := range toks {
			if tok.Pos != i {
				t.Errorf("Tokens(%q)[%d].Pos = %d", tt.in, i, tok.Pos)
			}
		}
		if got, want := TokenText(tt.in), strings.Join(tt.want, " "); got != want {
			t.Errorf("TokenText(%q) = %q, want %q", tt.in, got, want)
		}
	}
}

// A query typed as part of a word is a phrase of the word's bigrams, so it
// is found inside longer words: the property dictionary segmenters lack.
func TestSubstringPhrase(t *testing.T) {
	doc := tokenTextsOf(Tokens("发行地方政府专项债券用于项目建设"))
	for _, q := range []string{"专项债", "专项", "债券", "项债", "地方政府专项债券", "政府专项"} {
		qt := tokenTextsOf(Tokens(q))
		if !containsRun(doc, qt) {
			t.Errorf("document tokens %q do not contain the phrase %q (%q)", doc, q, qt)
		}
	}
	for _, q := range []string{"专项预算", "债券项目"} {
		if containsRun(doc, tokenTextsOf(Tokens(q))) {
			t.Errorf("document matches %q", q)
		}
	}
	// Han next to digits: the query's edge characters are found inside
	// longer runs of the document.
	for _, c := range []struct{ doc, q string }{
		{"依照第5条规定执行", "第5条"},
		{"依照第5条规定执行", "5条规定"},
		{"依照第5条规定执行", "照第5"},
		{"根据国办发〔2021〕12号文件精神", "国办发〔2021〕12号"},
		{"根据国办发〔2021〕12号文件精神", "12号文件"},
		{"2021年度预算", "2021年"},
		{"2021年度预算", "年度预算"},
		{"COVID19疫情防控", "covid19疫情"},
		// PDF text spaces digits out.
		{"依照第 5 条规定执行", "第5条"},
		{"依照第 5 条规定执行", "第5条规定"},
		{"2021 年度预算", "2021年度"},
		{"全国人大常委会 2021 年 12 月 24 日", "2021年12月24日"},
		{"2021年度预算", "2021 年度"},
	} {
		if !containsRun(tokenTextsOf(Tokens(c.doc)), tokenTextsOf(Tokens(c.q))) {
			t.Errorf("%q does not contain the phrase %q", c.doc, c.q)
		}
	}
	// Punctuation separates: no bigram spans it.
	if containsRun(tokenTextsOf(Tokens("预算，执行")), tokenTextsOf(Tokens("预算执行"))) {
		t.Error("预算，执行 matches the phrase 预算执行")
	}
}

func containsRun(doc, q []string) bool {
	for i := 0; i+len(q) <= len(doc); i++ {
		if slices.Equal(doc[i:i+len(q)], q) {
			return true
		}
	}
	return false
}

func TestAppendTokensReuse(t *testing.T) {
	buf := make([]Token, 0, 64)
	text := "国务院办公厅关于印发2021年政务公开工作要点的通知"
	a := testing.AllocsPerRun(100, func() { buf = AppendTokens(buf[:0], text) })
	if a != 0 {
		t.Errorf("AppendTokens into a large enough buffer allocates %v times", a)
	}
}

// TokenText is what FTS5 and PostgreSQL split on spaces: the same tokens.
func TestTokenTextSplits(t *testing.T) {
	for _, s := range []string{"专项债券 COVID19 第5条，国办发〔2021〕12号", "一", "a b", "國務院 ⼈⺠", "2021 年 12 月"} {
		tt := TokenText(s)
		if got, want := strings.Fields(tt), tokenTextsOf(Tokens(s)); !slices.Equal(got, want) {
			t.Errorf("TokenText(%q) = %q, tokens %q", s, tt, want)
		}
		if !utf8.ValidString(tt) {
			t.Errorf("TokenText(%q) is not valid UTF-8", s)
		}
	}
}

func TestIsHan(t *testing.T) {
	for _, r := range []rune{'一', '龥', '〇', '㐀', '𠀀', '豈'} {
		if !isHan(r) {
			t.Errorf("isHan(%q) = false", r)
		}
	}
	for _, r := range []rune{'a', '1', '。', '，', '“', '《', '（', 'あ', 'ア', '한', '\u3000'} {
		if isHan(r) {
			t.Errorf("isHan(%q) = true", r)
		}
	}
}
