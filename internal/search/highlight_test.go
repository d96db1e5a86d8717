package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// render shows fragments as text with hits in [brackets].
func render(fs []Fragment) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Hit {
			b.WriteString("[" + f.Text + "]")
		} else {
			b.WriteString(f.Text)
		}
	}
	return b.String()
}

func mustQuery(t *testing.T, s string) Query {
	t.Helper()
	q, err := ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestSnippet(t *testing.T) {
	filler := strings.Repeat("这是一段没有关系的文字。", 20) // 240 runes
	tests := []struct {
		name, text, query string
		max               int
		want              string
	}{
		{"short text, whole", "关于做好2021年政务公开工作的通知", "政务公开", 100, "关于做好2021年[政务公开]工作的通知"},
		{"two terms", "预算执行情况和债务管理情况", "预算 债务", 100, "[预算]执行情况和[债务]管理情况"},
		{"substring", "发行地方政府专项债券", "专项债", 100, "发行地方政府[专项债]券"},
		{"traditional document", "國務院辦公廳關於印發通知", "国务院办公厅", 100, "[國務院辦公廳]關於印發通知"},
		{"traditional query", "国务院办公厅关于印发通知", "國務院", 100, "[国务院]办公厅关于印发通知"},
		{"full-width", "ＣＯＶＩＤ－１９疫情防控", "covid 疫情", 100, "[ＣＯＶＩＤ]－１９[疫情]防控"},
		{"文号 other brackets", "根据国办发[2021]12号文件精神", "国办发〔2021〕12号", 100, "根据[国办发[2021]12号]文件精神"},
		{"adjacent matches merge", "政务公开政务公开", "政务公开", 100, "[政务公开政务公开]"},
		{"overlapping terms", "政务公开工作", "政务公开 公开工作", 100, "[政务公开工作]"},
		{"single character", "国债和地方债", "债", 100, "国[债]和地方[债]"},
		{"negated not marked", "预算和债务", "预算 -债务", 100, "[预算]和债务"},
		{"title term marked", "规划编制", "title:规划", 100, "[规划]编制"},
		{"no match", "预算执行情况", "债务", 100, "预算执行情况"},
		{"white space collapsed", "第一条\n\n  为了规范\t管理", "规范", 100, "第一条 为了[规范] 管理"},
		{"cut at both ends", filler + "本条例所称政务公开，是指行政机关公开其在履行职责过程中制作或者获取的信息。" + filler, "政务公开", 30,
			"…本条例所称[政务公开]，是指行政机关公开其在履行职责过程中制…"},
		{"no match, long", filler, "债务", 12, "这是一段没有关系的文字…"},
		{"match at end", filler + "政务公开", "政务公开", 20, "…文字。这是一段没有关系的文字。[政务公开]"},
		{"best window has both", "预算" + filler + "预算执行和债务管理" + filler, "预算 债务", 20, "…[预算]执行和[债务]管理这是一段没有关系的…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := Snippet(tt.text, mustQuery(t, tt.query), tt.max)
			if got := render(fs); got != tt.want {
				t.Errorf("Snippet = %q, want %q", got, tt.want)
			}
			checkFragments(t, fs, tt.max)
		})
	}
}

func checkFragments(t *testing.T, fs []Fragment, max int) {
	t.Helper()
	n := 0
	for i, f := range fs {
		if f.Text == "" || !utf8.ValidString(f.Text) {
			t.Errorf("fragment %d: %q", i, f.Text)
		}
		if i > 0 && fs[i-1].Hit == f.Hit {
			t.Errorf("fragments %d and %d not merged", i-1, i)
		}
		n += utf8.RuneCountInString(f.Text)
	}
	if max < minSnippetRunes {
		max = minSnippetRunes
	}
	if n > max {
		t.Errorf("%d runes, max %d: %q", n, max, render(fs))
	}
}

func TestSnippetEdges(t *testing.T) {
	q := mustQuery(t, "预算")
	if fs := Snippet("", q, 10); fs != nil {
		t.Errorf("empty text: %+v", fs)
	}
	if fs := Snippet("\u200b", q, 10); fs != nil {
		t.Errorf("invisible text: %+v", fs)
	}
	if got := render(Snippet("预算\xff执行", q, 10)); got != "[预算]\ufffd执行" {
		t.Errorf("invalid UTF-8: %q", got)
	}
	if got := render(Snippet("预算", Query{}, 10)); got != "预算" {
		t.Errorf("empty query: %q", got)
	}
	long := strings.Repeat("预算执行", 100)
	fs := Snippet(long, q, 0)
	checkFragments(t, fs, DefaultSnippetRunes)
	if !fs[0].Hit {
		t.Errorf("default length: %q", render(fs)[:40])
	}
	checkFragments(t, Snippet(long, q, 3), minSnippetRunes)

	// A match longer than the window is cut but still marked.
	q = mustQuery(t, `"`+strings.Repeat("预算执行", 10)+`"`)
	fs = Snippet("前言"+long, q, 12)
	checkFragments(t, fs, 12)
	if !slices.ContainsFunc(fs, func(f Fragment) bool { return f.Hit }) {
		t.Errorf("long match not marked: %q", render(fs))
	}

	// Reduced terms match at their offsets.
	term := Term{Tokens: []string{"预算", "执行"}, Offsets: []int{0, 3}, Near: 3}
	if got := render(Snippet("预算和执行，预算执行", Query{Terms: []Term{term}}, 100)); got != "[预算和执行]，预算执行" {
		t.Errorf("reduced term: %q", got)
	}
}
