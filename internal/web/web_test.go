package web

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/internal/audit"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

const password = "correct-horse-42"

type env struct {
	t        *testing.T
	db       *store.DB
	srv      *httptest.Server
	province org.Org
	city     org.Org
	county   org.Org
	pub      disclosure.Document // published in the province
	draft    disclosure.Document // draft in the province
	cityDoc  disclosure.Document // published in the city
}

func creditCode(t testing.TB, body string) string {
	c, err := org.CreditCodeCheckChar(body)
	if err != nil {
		t.Fatal(err)
	}
	return body + string(c)
}

func newEnv(t *testing.T, engine store.Engine) *env {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t, engine)
	e := &env{t: t, db: db}
	mk := func(parent int64, body, name string, kind org.Kind, level org.Level) org.Org {
		o, err := db.CreateOrg(ctx, audit.System, org.Org{ParentID: parent, Code: creditCode(t, body), Name: name, Kind: kind, Level: level,
			GuideHTML: "<p>" + name + "政府信息公开指南</p>", Contact: org.Contact{Phone: "0571-12345678"}})
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	e.province = mk(0, "11330000MB1234567", "江南省人民政府", org.KindGovernment, org.LevelProvince)
	e.city = mk(e.province.ID, "11330100MB2234567", "临江市人民政府", org.KindGovernment, org.LevelCity)
	e.county = mk(e.city.ID, "11330101MB3234567", "东湖县人民政府", org.KindGovernment, org.LevelCounty)
	for _, u := range []struct {
		o    org.Org
		name string
		role org.Role
	}{{e.province, "jn-editor", org.RoleEditor}, {e.province, "jn-reviewer", org.RoleReviewer}, {e.province, "jn-admin", org.RoleAdmin},
		{e.province, "jn-supervisor", org.RoleSupervisor}, {e.city, "lj-editor", org.RoleEditor}, {e.county, "dh-editor", org.RoleEditor}} {
		if _, err := db.CreateUser(ctx, audit.System, org.User{OrgID: u.o.ID, Username: u.name, Role: u.role}, password); err != nil {
			t.Fatal(err)
		}
	}
	publish := func(o org.Org, f disclosure.Fields) disclosure.Document {
		d, err := db.CreateDocument(ctx, nil, o.ID, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range []disclosure.Action{disclosure.ActionSubmit, disclosure.ActionApprove, disclosure.ActionPublish} {
			if d, err = db.Transition(ctx, nil, d.ID, store.TransitionInput{Action: a}); err != nil {
				t.Fatal(err)
			}
		}
		return d
	}
	e.pub = publish(e.province, disclosure.Fields{Title: "江南省国民经济和社会发展第十四个五年规划纲要", DocNumber: "江南政发〔2021〕5号", Genre: disclosure.GenrePlan,
		PlanKind: disclosure.PlanFiveYear, PlanPeriod: "2021-2025", Topic: "国民经济管理、国有资产监管", WrittenOn: workday.MustParseDate("2021-02-01"),
		BodyHTML: "<p>第一章 发展基础</p>"})
	e.cityDoc = publish(e.city, disclosure.Fields{Title: "临江市2025年部门预算", Genre: disclosure.GenreBudget, Topic: `财政、金融、审计\财政`,
		WrittenOn: workday.MustParseDate("2025-02-10"), ExpiresOn: workday.MustParseDate("2025-12-31"), BodyHTML: "<p>预算</p>"})
	d, err := db.CreateDocument(ctx, nil, e.province.ID, disclosure.Fields{Title: "尚未公开的草稿", Genre: disclosure.GenreNotice, MadeOn: workday.MustParseDate("2025-01-02")})
	if err != nil {
		t.Fatal(err)
	}
	e.draft = d
	s := New(Config{DB: db, Logger: testLogger(t), Now: func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC) }})
	e.srv = httptest.NewServer(s)
	t.Cleanup(e.srv.Close)
	return e
}

// client is a browser-like client with cookies that does not follow redirects.
func (e *env) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (e *env) get(c *http.Client, path string) (int, string, http.Header) {
	e.t.Helper()
	if c == nil {
		c = e.client()
	}
	resp, err := c.Get(e.srv.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login signs in through the form and returns the client and a CSRF token from a console page.
func (e *env) login(user string) (*http.Client, string) {
	e.t.Helper()
	c := e.client()
	resp, err := c.PostForm(e.srv.URL+"/console/login", url.Values{"username": {user}, "password": {password}})
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login %s: status %d", user, resp.StatusCode)
	}
	_, body, _ := e.get(c, "/console/")
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		e.t.Fatalf("no CSRF token on the console page")
	}
	return c, m[1]
}

func (e *env) post(c *http.Client, path string, form url.Values) (int, string, http.Header) {
	e.t.Helper()
	resp, err := c.PostForm(e.srv.URL+path, form)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestPortalPages(t *testing.T) {
	e := newEnv(t, store.SQLite)
	pubID := itoa64(e.pub.ID)
	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{`<html lang="zh-CN"`, "政务公开平台", "江南省人民政府", "跳到主要内容", e.pub.Title}},
		{"/orgs", 200, []string{"东湖县人民政府", "depth-2"}},
		{e.province.SitePath(), 200, []string{"政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开", "临江市人民政府"}},
		{e.province.SitePath() + "c/guide", 200, []string{"江南省人民政府政府信息公开指南", "0571-12345678"}},
		{e.province.SitePath() + "c/plans", 200, []string{e.pub.Title, "江南政发〔2021〕5号", "rss.xml"}},
		{e.province.SitePath() + "c/statutory", 200, []string{"规划信息", "财政预决算"}},
		{e.province.SitePath() + "c/nope", 404, []string{"栏目不存在"}},
		{"/o/11330000MB1234560/", 404, []string{"机构不存在"}},
		{"/d/" + pubID, 200, []string{"索引号", e.pub.IndexNumber, "主题分类", "发布机构", "成文日期", "2021年2月1日", "文号", "发布日期", "有效性", "有效", "五年规划纲要"}},
		{"/d/" + itoa64(e.cityDoc.ID), 200, []string{"失效"}}, // expired by itself after 2025-12-31
		{"/d/" + itoa64(e.draft.ID), 404, []string{"尚未公开"}},
		{"/d/abc", 404, []string{"文件不存在"}},
		{"/docs?org=" + e.province.Code + "&subtree=1", 200, []string{e.pub.Title, "临江市2025年部门预算"}},
		{"/docs?org=" + e.province.Code, 200, []string{e.pub.Title}},
		{"/docs?validity=expired", 200, []string{"临江市2025年部门预算"}},
		{"/docs?year=20x5", 400, []string{"年份应为四位数字"}},
		{"/docs?genre=spam", 400, []string{"未知的信息类别"}},
		{"/docs?page=0", 400, []string{"页码无效"}},
		{"/no/such/page", 404, []string{"页面不存在", `lang="zh-CN"`}},
		{"/robots.txt", 200, []string{"Disallow: /console/", "Sitemap:"}},
		{"/healthz", 200, []string{"ok"}},
		{"/metrics", 200, []string{"gongkai_http_requests_total"}},
		{"/static/style.css", 200, []string{"html.elder"}},
	}
	for _, tt := range tests {
		status, body, h := e.get(nil, tt.path)
		if status != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.path, status, tt.status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: body lacks %q", tt.path, w)
			}
		}
		if strings.HasPrefix(h.Get("Content-Type"), "text/html") && h.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no CSP header", tt.path)
		}
	}
	// Only published documents are public: the draft's title appears nowhere in lists.
	_, body, _ := e.get(nil, "/docs")
	if strings.Contains(body, "尚未公开的草稿") {
		t.Error("a draft is listed publicly")
	}
	// Headers.
	_, _, h := e.get(nil, "/")
	for _, k := range []string{"X-Content-Type-Options", "Referrer-Policy", "X-Request-Id"} {
		if h.Get(k) == "" {
			t.Errorf("missing header %s", k)
		}
	}
	if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("CSP lacks frame-ancestors: %q", h.Get("Content-Security-Policy"))
	}
}

func TestElderModeAndFeeds(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.client()
	status, _, h := e.get(c, "/prefs/elder?on=1&next=/d/"+itoa64(e.pub.ID))
	if status != http.StatusSeeOther || h.Get("Location") != "/d/"+itoa64(e.pub.ID) {
		t.Fatalf("elder switch: %d %q", status, h.Get("Location"))
	}
	_, body, _ := e.get(c, "/d/"+itoa64(e.pub.ID))
	if !strings.Contains(body, `class="elder"`) || !strings.Contains(body, "退出关怀模式") {
		t.Fatal("elder mode not applied")
	}
	_, body, _ = e.get(nil, "/d/"+itoa64(e.pub.ID))
	if strings.Contains(body, `class="elder"`) {
		t.Fatal("elder mode leaked to another visitor through the cache")
	}
	if _, _, h := e.get(c, "/prefs/elder?on=1&next=//evil.example/"); h.Get("Location") != "/" {
		t.Fatalf("open redirect: %q", h.Get("Location"))
	}
	// RSS and Atom parse and list the published document.
	_, body, h = e.get(nil, e.province.SitePath()+"c/plans/rss.xml")
	var rss struct {
		Channel struct {
			Items []struct {
				Title string `xml:"title"`
				Link  string `xml:"link"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal([]byte(body), &rss); err != nil || len(rss.Channel.Items) != 1 || rss.Channel.Items[0].Title != e.pub.Title {
		t.Fatalf("rss: %v %+v (%s)", err, rss, h.Get("Content-Type"))
	}
	_, body, _ = e.get(nil, e.province.SitePath()+"c/plans/atom.xml")
	var atom struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(body), &atom); err != nil || len(atom.Entries) != 1 {
		t.Fatalf("atom: %v %+v", err, atom)
	}
	_, body, _ = e.get(nil, "/sitemap.xml")
	if !strings.Contains(body, "/d/"+itoa64(e.pub.ID)+"</loc>") || strings.Contains(body, "/d/"+itoa64(e.draft.ID)+"</loc>") {
		t.Fatalf("sitemap: %s", body)
	}
}

func TestConsoleWorkflow(t *testing.T) {
	e := newEnv(t, store.SQLite)
	// Console pages need a login.
	status, _, h := e.get(nil, "/console/documents")
	if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/console/login") {
		t.Fatalf("anonymous console: %d %s", status, h.Get("Location"))
	}
	// Wrong password.
	status, body, _ := e.post(e.client(), "/console/login", url.Values{"username": {"jn-editor"}, "password": {"nope-nope-1"}})
	if status != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") {
		t.Fatalf("bad login: %d", status)
	}
	editor, csrf := e.login("jn-editor")
	// A form without the CSRF token is refused and writes nothing.
	form := url.Values{"title": {"关于开展政务公开日活动的通知"}, "genre": {"notice"}, "topic": {"综合政务"}, "written_on": {"2026-11-20"}, "body": {"<p>各单位：</p>"}}
	status, _, _ = e.post(editor, "/console/documents", form)
	if status != http.StatusForbidden {
		t.Fatalf("POST without CSRF: %d", status)
	}
	form.Set("csrf", csrf)
	status, _, h = e.post(editor, "/console/documents", form)
	if status != http.StatusSeeOther {
		t.Fatalf("create: %d", status)
	}
	docPath := strings.Split(h.Get("Location"), "?")[0]
	_, body, _ = e.get(editor, docPath)
	if !strings.Contains(body, "关于开展政务公开日活动的通知") || !strings.Contains(body, "应于") {
		t.Fatal("editor page lacks the title or the Art. 26 deadline")
	}
	// Bad input: impossible date and bad 文号 are refused with a Chinese message.
	bad := url.Values{"csrf": {csrf}, "title": {"x"}, "genre": {"notice"}, "written_on": {"2025-02-30"}}
	if status, body, _ = e.post(editor, "/console/documents", bad); status != 400 || !strings.Contains(body, "成文日期无效") {
		t.Fatalf("bad date: %d", status)
	}
	bad.Set("written_on", "2025-02-01")
	bad.Set("doc_number", "第几号")
	if status, body, _ = e.post(editor, "/console/documents", bad); status != 400 || !strings.Contains(body, "操作未成功") {
		t.Fatalf("bad doc number: %d", status)
	}
	// Upload: a disguised file is refused; a real PDF is accepted.
	if status := e.upload(editor, docPath+"/attachments", csrf, "预算.pdf", []byte("<script>alert(1)</script>")); status != http.StatusUnsupportedMediaType {
		t.Fatalf("disguised upload: %d", status)
	}
	big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), 26<<20)...)
	if status := e.upload(editor, docPath+"/attachments", csrf, "大文件.pdf", big); status != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized upload: %d", status)
	}
	if status := e.upload(editor, docPath+"/attachments", csrf, "预算.pdf", []byte("%PDF-1.4\n1 0 obj\n")); status != http.StatusSeeOther {
		t.Fatalf("upload: %d", status)
	}
	// Submit, then the reviewer approves and publishes.
	_, body, _ = e.get(editor, docPath)
	lock := regexp.MustCompile(`name="lock_version" value="(\d+)"`).FindStringSubmatch(body)[1]
	if status, _, _ = e.post(editor, docPath+"/transition", url.Values{"csrf": {csrf}, "action": {"submit"}, "lock_version": {lock}}); status != http.StatusSeeOther {
		t.Fatalf("submit: %d", status)
	}
	// The editor cannot approve.
	if status, _, _ = e.post(editor, docPath+"/transition", url.Values{"csrf": {csrf}, "action": {"approve"}}); status != http.StatusForbidden {
		t.Fatalf("editor approve: %d", status)
	}
	reviewer, rcsrf := e.login("jn-reviewer")
	_, body, _ = e.get(reviewer, "/console/review")
	if !strings.Contains(body, "关于开展政务公开日活动的通知") {
		t.Fatal("review queue lacks the submitted document")
	}
	for _, a := range []string{"approve", "publish"} {
		if status, _, _ = e.post(reviewer, docPath+"/transition", url.Values{"csrf": {rcsrf}, "action": {a}}); status != http.StatusSeeOther {
			t.Fatalf("%s: %d", a, status)
		}
	}
	id := strings.TrimPrefix(docPath, "/console/documents/")
	status, body, _ = e.get(nil, "/d/"+id)
	if status != 200 || !strings.Contains(body, "预算.pdf") {
		t.Fatalf("published page: %d", status)
	}
	// The attachment is served with safe headers.
	m := regexp.MustCompile(`href="(/attachments/[^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no attachment link")
	}
	_, data, h := e.get(nil, m[1])
	if h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") || !strings.HasPrefix(data, "%PDF") {
		t.Fatalf("attachment headers: %v", h)
	}
	// A city editor cannot read the province's documents in the console; the supervisor can read the subtree.
	city, _ := e.login("lj-editor")
	if status, _, _ = e.get(city, "/console/documents/"+itoa64(e.draft.ID)); status != 404 {
		t.Fatalf("city editor reads province draft: %d", status)
	}
	sup, _ := e.login("jn-supervisor")
	_, body, _ = e.get(sup, "/console/documents?subtree=1&org="+e.province.Code)
	if !strings.Contains(body, "临江市2025年部门预算") || !strings.Contains(body, "尚未公开的草稿") {
		t.Fatal("supervisor does not see the subtree")
	}
	_, body, _ = e.get(sup, "/console/overdue")
	if !strings.Contains(body, "尚未公开的草稿") || !strings.Contains(body, "已逾期") {
		t.Fatal("overdue list lacks the old draft")
	}
	// Audit view and user admin are role-restricted.
	if status, _, _ = e.get(editor, "/console/users"); status != http.StatusForbidden {
		t.Fatalf("editor on users page: %d", status)
	}
	admin, _ := e.login("jn-admin")
	if status, body, _ = e.get(admin, "/console/audit"); status != 200 || !strings.Contains(body, "document.publish") {
		t.Fatalf("audit page: %d", status)
	}
}

func (e *env) upload(c *http.Client, path, csrf, name string, data []byte) int {
	e.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("csrf", csrf)
	fw, _ := w.CreateFormFile("file", name)
	fw.Write(data)
	w.Close()
	req, _ := http.NewRequest("POST", e.srv.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// testLogger shows only errors, in the test's own output.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelError}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// A government's column also lists its departments' documents of the column's genres, but not
// those of lower governments.
func TestAreaColumn(t *testing.T) {
	e := newEnv(t, store.SQLite)
	ctx := context.Background()
	dept, err := e.db.CreateOrg(ctx, audit.System, org.Org{ParentID: e.province.ID, Code: creditCode(t, "11330000MB4234567"), Name: "江南省财政厅",
		Kind: org.KindDepartment, Level: org.LevelProvince})
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.db.CreateDocument(ctx, nil, dept.ID, disclosure.Fields{Title: "江南省财政厅2025年部门预算", Genre: disclosure.GenreBudget})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []disclosure.Action{disclosure.ActionSubmit, disclosure.ActionApprove, disclosure.ActionPublish} {
		if _, err := e.db.Transition(ctx, nil, d.ID, store.TransitionInput{Action: a}); err != nil {
			t.Fatal(err)
		}
	}
	_, body, _ := e.get(nil, e.province.SitePath()+"c/budget")
	if !strings.Contains(body, "江南省财政厅2025年部门预算") {
		t.Error("the province's budget column lacks its department's budget")
	}
	if strings.Contains(body, "临江市2025年部门预算") {
		t.Error("the province's budget column shows a lower government's budget")
	}
	_, body, _ = e.get(nil, e.province.SitePath()+"c/budget/rss.xml")
	if !strings.Contains(body, "江南省财政厅2025年部门预算") {
		t.Error("the column's feed lacks the department's budget")
	}
}
