package store

import (
	"strings"
	"testing"

	"gongkai/internal/disclosure"
)

func TestTruncateRunes(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"", 3, ""},
		{"预算执行", 4, "预算执行"},
		{"预算执行", 3, "预算执…"},
		{"ab\xff\xfecd", 3, "ab\uFFFD…"},
		{"ab\xff\xfecd", 4, "ab\uFFFD\uFFFD…"},
		{"ab\xff", 3, "ab\xff"},
	} {
		if got := truncateRunes(c.s, c.n); got != c.want {
			t.Errorf("truncateRunes(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
	if runesMoreThan("预算", 2) || !runesMoreThan("预算执", 2) || runesMoreThan("abc", 3) {
		t.Error("runesMoreThan")
	}
}

// TestSummaryOfLongBodies: the summary is the first 120 characters of the text, whether the
// start of the body is mostly markup or not.
func TestSummaryOfLongBodies(t *testing.T) {
	text := strings.Repeat("第一条 为了规范政府信息公开工作，制定本条例。", 40)
	for _, body := range []string{
		"<p>" + text + "</p>",
		strings.Repeat("<p></p>", 200) + "<p>" + text + "</p>",
		strings.Repeat("<p></p>", 1000) + "<p>" + text + "</p>",
	} {
		f := disclosure.Fields{BodyHTML: body}
		if err := summarise(&f); err != nil {
			t.Fatal(err)
		}
		if want := string([]rune(text)[:120]) + "…"; f.Summary != want {
			t.Fatalf("summary %q, want %q", f.Summary, want)
		}
	}
}
