package web

import (
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

func (e *env) api(method, path, token, body string) (int, map[string]any) {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		e.t.Fatalf("%s %s: not JSON (%d): %s", method, path, resp.StatusCode, b)
	}
	return resp.StatusCode, out
}

func (e *env) token(user string) string {
	e.t.Helper()
	status, out := e.api("POST", "/api/v1/auth/token", "", `{"username":"`+user+`","password":"`+password+`"}`)
	if status != 200 {
		e.t.Fatalf("token for %s: %d %v", user, status, out)
	}
	return out["token"].(string)
}

func errCode(out map[string]any) string {
	e, _ := out["error"].(map[string]any)
	c, _ := e["code"].(string)
	return c
}

func TestAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db.Engine())
		// Public reads.
		status, out := e.api("GET", "/api/v1/orgs", "", "")
		if status != 200 || len(out["orgs"].([]any)) != 3 {
			t.Fatalf("orgs: %d %v", status, out)
		}
		status, out = e.api("GET", "/api/v1/orgs/"+e.city.Code, "", "")
		if status != 200 || out["parent"] != e.province.Code {
			t.Fatalf("org: %d %v", status, out)
		}
		if status, out = e.api("GET", "/api/v1/orgs/nope", "", ""); status != 404 || errCode(out) != "not_found" {
			t.Fatalf("unknown org: %d %v", status, out)
		}
		status, out = e.api("GET", "/api/v1/documents?org="+e.province.Code+"&subtree=1", "", "")
		if status != 200 || out["total"].(float64) != 2 {
			t.Fatalf("documents: %d %v", status, out)
		}
		// Cursor pagination walks every published document once.
		seen := map[float64]bool{}
		cursor := ""
		for i := 0; i < 5; i++ {
			_, out = e.api("GET", "/api/v1/documents?limit=1&cursor="+cursor, "", "")
			for _, d := range out["documents"].([]any) {
				seen[d.(map[string]any)["id"].(float64)] = true
			}
			cursor, _ = out["next_cursor"].(string)
			if cursor == "" {
				break
			}
		}
		if len(seen) != 2 {
			t.Fatalf("cursor pagination saw %d documents", len(seen))
		}
		if status, out = e.api("GET", "/api/v1/documents?cursor=garbage", "", ""); status != 400 || errCode(out) != "invalid" {
			t.Fatalf("bad cursor: %d %v", status, out)
		}
		if status, _ = e.api("GET", "/api/v1/documents/"+itoa64(e.draft.ID), "", ""); status != 404 {
			t.Fatalf("public reads a draft: %d", status)
		}
		// Writes need a token.
		if status, out = e.api("POST", "/api/v1/documents", "", `{"title":"x","genre":"notice"}`); status != 401 || errCode(out) != "unauthorized" {
			t.Fatalf("anonymous create: %d %v", status, out)
		}
		if status, out = e.api("POST", "/api/v1/auth/token", "", `{"username":"jn-editor","password":"wrong"}`); status != 401 {
			t.Fatalf("bad token login: %d %v", status, out)
		}
		editor := e.token("jn-editor")
		bad := []struct{ body, code string }{
			{`{"title":"","genre":"notice"}`, "invalid"},
			{`{"title":"x","genre":"poem"}`, "invalid"},
			{`{"title":"x","genre":"notice","written_on":"2025-13-01"}`, "invalid"},
			{`{"title":"x","genre":"notice","doc_number":"国办发2021"}`, "invalid"},
			{`{"title":"x","genre":"notice","surprise":1}`, "invalid"},
			{`{"title":"x","genre":"plan"}`, "invalid"},
			{`{"title":"x","genre":"notice","org":"` + e.city.Code + `"}`, "forbidden"},
			{`{"title":"x","genre":"notice","org":"NOPE"}`, "not_found"},
			{`not json`, "invalid"},
		}
		for _, b := range bad {
			status, out := e.api("POST", "/api/v1/documents", editor, b.body)
			if errCode(out) != b.code || status < 400 || status >= 500 {
				t.Errorf("POST %s: %d %v, want %s", b.body, status, out, b.code)
			}
		}
		_, list := e.api("GET", "/api/v1/documents?state=draft", editor, "")
		if n := len(list["documents"].([]any)); n != 1 {
			t.Fatalf("refused creates wrote something: %d drafts", n)
		}
		status, out = e.api("POST", "/api/v1/documents", editor, `{"title":"关于2026年春节假期安排的通知","genre":"notice","doc_number":"江南政办明电【2025】8号","written_on":"2025-12-20"}`)
		if status != 201 || out["doc_number"] != "江南政办明电〔2025〕8号" {
			t.Fatalf("create: %d %v", status, out)
		}
		id := itoa64(int64(out["id"].(float64)))
		// Staff read their draft; stale edits are refused.
		status, out = e.api("GET", "/api/v1/documents/"+id, editor, "")
		if status != 200 {
			t.Fatalf("staff read: %d %v", status, out)
		}
		lock := itoa64(int64(out["version"].(map[string]any)["lock_version"].(float64)))
		status, out = e.api("PUT", "/api/v1/documents/"+id, editor, `{"title":"关于2026年春节假期安排的通知（更正）","genre":"notice","version":1,"lock_version":`+lock+`}`)
		if status != 200 {
			t.Fatalf("update: %d %v", status, out)
		}
		if status, out = e.api("PUT", "/api/v1/documents/"+id, editor, `{"title":"旧稿覆盖","genre":"notice","version":1,"lock_version":`+lock+`}`); status != 409 || errCode(out) != "stale_version" {
			t.Fatalf("stale update: %d %v", status, out)
		}
		// Workflow through the API; illegal transitions are refused.
		if status, out = e.api("POST", "/api/v1/documents/"+id+"/transitions", editor, `{"action":"publish"}`); status != 403 && status != 409 {
			t.Fatalf("editor publishes a draft: %d %v", status, out)
		}
		if status, _ = e.api("POST", "/api/v1/documents/"+id+"/transitions", editor, `{"action":"submit"}`); status != 200 {
			t.Fatalf("submit: %d", status)
		}
		reviewer := e.token("jn-reviewer")
		if status, out = e.api("POST", "/api/v1/documents/"+id+"/transitions", reviewer, `{"action":"publish"}`); status != 409 || errCode(out) != "conflict" {
			t.Fatalf("publish before approval: %d %v", status, out)
		}
		for _, a := range []string{"approve", "publish"} {
			if status, out = e.api("POST", "/api/v1/documents/"+id+"/transitions", reviewer, `{"action":"`+a+`"}`); status != 200 {
				t.Fatalf("%s: %d %v", a, status, out)
			}
		}
		if status, out = e.api("GET", "/api/v1/documents/"+id+"/versions", "", ""); status != 200 || len(out["versions"].([]any)) != 1 {
			t.Fatalf("versions: %d %v", status, out)
		}
		// Another organisation's token cannot touch it.
		city := e.token("lj-editor")
		if status, out = e.api("POST", "/api/v1/documents/"+id+"/transitions", city, `{"action":"revise"}`); status != 403 {
			t.Fatalf("cross-org revise: %d %v", status, out)
		}
		if status, out = e.api("GET", "/api/v1/nope", "", ""); status != 404 || errCode(out) != "not_found" {
			t.Fatalf("unknown route: %d %v", status, out)
		}
	})
}

// TestOpenAPIMatchesRoutes fails when a served API route is missing from openapi.json or the reverse.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var spec struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openapiJSON, &spec); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Fatalf("not OpenAPI 3: %q", spec.OpenAPI)
	}
	var documented []string
	for path, ops := range spec.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	s := New(Config{DB: storetest.Open(t, store.SQLite), Logger: testLogger(t)})
	served := append([]string(nil), s.apiRoutes...)
	sort.Strings(documented)
	sort.Strings(served)
	if strings.Join(documented, "\n") != strings.Join(served, "\n") {
		t.Fatalf("routes and openapi.json differ:\nserved:\n%s\ndocumented:\n%s", strings.Join(served, "\n"), strings.Join(documented, "\n"))
	}
}
