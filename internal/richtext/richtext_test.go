package richtext

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		in          string
		mustHave    []string
		mustNotHave []string
	}{
		{`<p>各区人民政府：</p><script>alert(1)</script>`, []string{"<p>各区人民政府：</p>"}, []string{"script", "alert"}},
		{`<a href="javascript:alert(1)">x</a>`, nil, []string{"javascript"}},
		{`<img src=x onerror=alert(1)>`, nil, []string{"onerror"}},
		{`<table><tr><td colspan="2" onclick="x()">合计</td></tr></table>`, []string{`colspan="2"`, "合计"}, []string{"onclick"}},
		{`<p align="center" style="color:red">国务院办公厅</p>`, []string{`align="center"`}, []string{"style"}},
		{`<iframe src="https://evil.example"></iframe>`, nil, []string{"iframe"}},
	}
	for _, tt := range tests {
		got := Sanitize(tt.in)
		for _, s := range tt.mustHave {
			if !strings.Contains(got, s) {
				t.Errorf("Sanitize(%q) = %q, missing %q", tt.in, got, s)
			}
		}
		for _, s := range tt.mustNotHave {
			if strings.Contains(got, s) {
				t.Errorf("Sanitize(%q) = %q, still has %q", tt.in, got, s)
			}
		}
	}
}

func TestPlainText(t *testing.T) {
	if got := PlainText("<p>一、总体要求</p>\n<p>坚持&nbsp;公开</p>"); got != "一、总体要求 坚持 公开" {
		t.Fatalf("PlainText = %q", got)
	}
}

func TestText(t *testing.T) {
	got := Text(`<h2>第一章 总则</h2><p>第一条 为了&lt;规范&gt;，制定本条例。</p><p>第二条</p>`)
	for _, w := range []string{"第一章 总则", "第一条 为了<规范>，制定本条例。", "第二条"} {
		if !strings.Contains(got, w) {
			t.Errorf("Text lacks %q: %q", w, got)
		}
	}
	if strings.Contains(got, "<p>") || strings.Contains(got, "总则第一条") {
		t.Errorf("tags kept or blocks run together: %q", got)
	}
}
