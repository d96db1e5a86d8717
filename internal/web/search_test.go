package web

import (
	"net/url"
	"strings"
	"testing"

	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

func TestSearchPageAndAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db.Engine())
		status, body, _ := e.get(nil, "/search?q="+url.QueryEscape("规划纲要"))
		if status != 200 || !strings.Contains(body, "<mark>") && !strings.Contains(body, e.pub.Title) {
			t.Fatalf("search page: %d", status)
		}
		if !strings.Contains(body, `href="/d/`+itoa64(e.pub.ID)+`"`) {
			t.Fatal("search page lacks the plan")
		}
		// 文号 typed with other brackets: found, exact, and a suggestion of the canonical form.
		status, out := e.api("GET", "/api/v1/search?q="+url.QueryEscape("江南政发[2021]5号"), "", "")
		hits, _ := out["hits"].([]any)
		if status != 200 || len(hits) == 0 || hits[0].(map[string]any)["id"].(float64) != float64(e.pub.ID) || out["did_you_mean"] != "江南政发〔2021〕5号" {
			t.Fatalf("文号 search: %d %v", status, out)
		}
		for _, k := range []string{"total", "hits", "facets"} {
			if _, ok := out[k]; !ok {
				t.Errorf("search response lacks %q", k)
			}
		}
		// The draft is never found; filters apply.
		_, out = e.api("GET", "/api/v1/search?q="+url.QueryEscape("尚未公开"), "", "")
		if out["total"].(float64) != 0 {
			t.Fatalf("draft found: %v", out)
		}
		_, out = e.api("GET", "/api/v1/search?q="+url.QueryEscape("预算")+"&genre=plan", "", "")
		if out["total"].(float64) != 0 {
			t.Fatalf("genre filter ignored: %v", out)
		}
		// Suggestions while typing titles.
		_, out = e.api("GET", "/api/v1/search/suggest?q="+url.QueryEscape("五年规划"), "", "")
		if s, _ := out["suggestions"].([]any); len(s) != 1 {
			t.Fatalf("suggest: %v", out)
		}
		// Hostile queries: a clean page or a clear 4xx, never a 500.
		for _, q := range []string{strings.Repeat("政务公开", 5000), "，。、！？", `'; DROP TABLE documents; --`, `<script>alert(1)</script>`,
			"\x00\xff\xfe", `"unclosed`, `title:`, `-`, `NEAR(a b)`, `*`} {
			status, body, _ := e.get(nil, "/search?q="+url.QueryEscape(q))
			if status >= 500 {
				t.Errorf("search %q: %d", q, status)
			}
			if strings.Contains(body, "<script>alert(1)</script>") {
				t.Errorf("search %q: query echoed unescaped", q)
			}
			status, out := e.api("GET", "/api/v1/search?q="+url.QueryEscape(q), "", "")
			if status >= 500 || (status >= 400 && errCode(out) == "") {
				t.Errorf("api search %q: %d %v", q, status, out)
			}
		}
	})
}
