package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gongkai/internal/apperr"
	"gongkai/internal/audit"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// A valid 居民身份证 number (GB 11643 check character computed) and one with a wrong check character.
var (
	testIDNumber = "11010119900307123" + string(request.ResidentIDCheckChar("11010119900307123"))
	badIDNumber  = "11010119900307123" + string("10X98765432"[(strings.IndexByte("10X98765432", request.ResidentIDCheckChar("11010119900307123"))+1)%11])
	testPDF      = []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
)

// lockedBuffer collects log output written from the server's goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// reqEnv is the test environment with request handlers and a server whose log is captured.
type reqEnv struct {
	*env
	logs *lockedBuffer
}

func newRequestEnv(t *testing.T, engine store.Engine) *reqEnv {
	t.Helper()
	e := newEnv(t, engine)
	ctx := context.Background()
	for _, u := range []struct {
		o    org.Org
		name string
	}{{e.province, "jn-handler"}, {e.city, "lj-handler"}} {
		if _, err := e.db.CreateUser(ctx, audit.System, org.User{OrgID: u.o.ID, Username: u.name, Role: org.RoleRequestHandler}, password); err != nil {
			t.Fatal(err)
		}
	}
	logs := &lockedBuffer{}
	s := New(Config{DB: e.db, Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Now: func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC) }})
	e.srv = httptest.NewServer(s)
	t.Cleanup(e.srv.Close)
	return &reqEnv{env: e, logs: logs}
}

func (e *reqEnv) principal(username string) *org.Principal {
	e.t.Helper()
	p, err := e.db.Authenticate(context.Background(), username, password)
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

func (e *reqEnv) clocking() store.Clocking {
	return store.Clocking{Cal: workday.Default(), Policy: request.DefaultPolicy(), Today: workday.MustParseDate("2026-11-26")}
}

// count is the number of applications of an organisation.
func (e *reqEnv) count(o org.Org) int {
	e.t.Helper()
	rs, err := e.db.Requests(context.Background(), store.RequestFilter{OrgIDs: []int64{o.ID}, Limit: 500})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(rs)
}

var (
	proofRE     = regexp.MustCompile(`id="proof-question">(\d+) (加|减) (\d+) 等于几？`)
	hiddenRE    = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)"`)
	receiptNoRE = regexp.MustCompile(`id="req-number">(\d+)<`)
	receiptCode = regexp.MustCompile(`id="req-code" class="query-code">([A-Z0-9]+)<`)
)

// applyForm opens the application form and returns its hidden fields with the proof answered.
func (e *reqEnv) applyForm(o org.Org) url.Values {
	e.t.Helper()
	status, body, h := e.get(nil, o.SitePath()+"apply")
	if status != 200 {
		e.t.Fatalf("apply form: %d", status)
	}
	if h.Get("Cache-Control") != "no-store" {
		e.t.Errorf("apply form Cache-Control %q", h.Get("Cache-Control"))
	}
	v := url.Values{}
	for _, m := range hiddenRE.FindAllStringSubmatch(body, -1) {
		v.Set(m[1], m[2])
	}
	m := proofRE.FindStringSubmatch(body)
	if m == nil {
		e.t.Fatal("no proof question on the form")
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[3])
	if m[2] == "加" {
		v.Set("answer", strconv.Itoa(a+b))
	} else {
		v.Set("answer", strconv.Itoa(a-b))
	}
	return v
}

func applicationValues(form url.Values) url.Values {
	v := url.Values{}
	for k, x := range form {
		v[k] = x
	}
	v.Set("kind", "natural_person")
	v.Set("name", "张三丰")
	v.Set("id_kind", "resident_id")
	v.Set("id_number", testIDNumber)
	v.Set("phone", "13912345678")
	v.Set("info_name", "2025年江南省本级一般公共预算支出明细")
	v.Set("description", "2025年江南省本级一般公共预算支出的功能分类明细表")
	v.Set("form", "electronic")
	v.Set("delivery", "email")
	v.Set("email", "zhang@example.cn")
	return v
}

// file submits an application through the public form and returns the number and the code.
func (e *reqEnv) file(o org.Org) (string, string) {
	e.t.Helper()
	status, body, _ := e.post(e.client(), o.SitePath()+"apply", applicationValues(e.applyForm(o)))
	n, c := receiptNoRE.FindStringSubmatch(body), receiptCode.FindStringSubmatch(body)
	if status != 200 || n == nil || c == nil {
		e.t.Fatalf("apply: %d %s", status, body)
	}
	return n[1], c[1]
}

func (e *reqEnv) requestByNumber(number string) store.Request {
	e.t.Helper()
	rs, err := e.db.Requests(context.Background(), store.RequestFilter{OrgIDs: []int64{e.province.ID, e.city.ID, e.county.ID}, Limit: 500})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, r := range rs {
		if r.Number == number {
			return r
		}
	}
	e.t.Fatalf("no application %s", number)
	return store.Request{}
}

func TestRequestPublicForm(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	// The apply column links to the form and the tracking page.
	_, body, _ := e.get(nil, e.province.SitePath()+"c/apply")
	if !strings.Contains(body, `href="`+e.province.SitePath()+`apply"`) || !strings.Contains(body, `href="/track"`) {
		t.Error("the 依申请公开 column does not link to the form")
	}
	_, body, _ = e.get(nil, e.province.SitePath()+"apply")
	for _, want := range []string{"在线申请政府信息公开", `data-suggest="/api/v1/search/suggest"`, `name="submit_key"`, `name="proof"`, "商业企业", "科研机构",
		"社会公益组织", "法律服务机构", "居民身份证", "/static/request.js"} {
		if !strings.Contains(body, want) {
			t.Errorf("form lacks %q", want)
		}
	}

	// Bad input: a 400 with a Chinese message, nothing stored, the identity number not echoed.
	bad := []struct {
		name  string
		edit  func(url.Values)
		field string
		msg   string
	}{
		{"missing identity", func(v url.Values) { v.Del("id_number") }, "id_number", "请填写身份证明的证件号码"},
		{"invalid resident ID", func(v url.Values) { v.Set("id_number", badIDNumber) }, "id_number", "居民身份证号码校验位错误"},
		{"impossible date of birth", func(v url.Values) { v.Set("id_number", "110101199002301234") }, "id_number", "居民身份证号码中的出生日期无效"},
		{"wrong proof answer", func(v url.Values) { n, _ := strconv.Atoi(v.Get("answer")); v.Set("answer", strconv.Itoa(n+1)) }, "answer", "验证问题回答错误"},
		{"no proof answer", func(v url.Values) { v.Del("answer") }, "answer", "请回答验证问题"},
		{"forged proof", func(v url.Values) {
			v.Set("proof", strings.Repeat("1", 10)+".0123456789abcdef."+strings.Repeat("a", 32))
		}, "answer", "验证"},
		{"no description", func(v url.Values) { v.Del("info_name"); v.Del("description") }, "description", "请写明所需政府信息的名称"},
		{"no contact", func(v url.Values) { v.Del("phone"); v.Del("email") }, "contact", "请至少填写一种联系方式"},
		{"control character", func(v url.Values) { v.Set("name", "张\x00三") }, "name", "含有无效字符"},
		{"natural person with a credit code", func(v url.Values) { v.Set("id_kind", "credit_code") }, "id_number", "统一社会信用代码无效"},
		{"no kind", func(v url.Values) { v.Set("kind", "alien") }, "kind", "请选择申请人类型"},
	}
	for _, b := range bad {
		v := applicationValues(e.applyForm(e.province))
		b.edit(v)
		status, body, h := e.post(e.client(), e.province.SitePath()+"apply", v)
		if status != http.StatusBadRequest || !strings.Contains(body, b.msg) || !strings.Contains(body, "操作未成功") {
			t.Errorf("%s: %d, want 400 with %q", b.name, status, b.msg)
		}
		if strings.Contains(body, testIDNumber) || strings.Contains(body, badIDNumber) {
			t.Errorf("%s: the identity number is echoed in the page", b.name)
		}
		if !strings.Contains(body, "张三丰") && b.name != "control character" {
			t.Errorf("%s: the form was not kept", b.name)
		}
		if h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", b.name, h.Get("Cache-Control"))
		}
	}
	if n := e.count(e.province); n != 0 {
		t.Fatalf("refused forms stored %d applications", n)
	}

	// The happy path: a receipt with the number, the code shown once, the due date explained.
	form := applicationValues(e.applyForm(e.province))
	status, body, h := e.post(e.client(), e.province.SitePath()+"apply", form)
	if status != 200 || h.Get("Cache-Control") != "no-store" {
		t.Fatalf("apply: %d %q", status, h.Get("Cache-Control"))
	}
	number, code := receiptNoRE.FindStringSubmatch(body), receiptCode.FindStringSubmatch(body)
	if number == nil || code == nil {
		t.Fatalf("receipt lacks the number or the code: %s", body)
	}
	for _, want := range []string{"请立即记下或打印申请编号和查询码", "2026年12月24日", "收到申请（收到日期按条例第三十一条确定）", "条例第三十三条", "互联网"} {
		if !strings.Contains(body, want) {
			t.Errorf("receipt lacks %q", want)
		}
	}
	if strings.Contains(body, testIDNumber) {
		t.Error("the receipt shows the identity number")
	}
	// A double click: the same form again files nothing new and shows the same number and code.
	status, body, _ = e.post(e.client(), e.province.SitePath()+"apply", form)
	if status != 200 || !strings.Contains(body, "重复提交没有再次登记") || !strings.Contains(body, ">"+number[1]+"<") || !strings.Contains(body, code[1]) {
		t.Fatalf("double submission: %d", status)
	}
	if n := e.count(e.province); n != 1 {
		t.Fatalf("double submission stored %d applications", n)
	}
	// The proof is good for one form only.
	other := applicationValues(form)
	other.Set("submit_key", "another-form-key")
	if status, body, _ = e.post(e.client(), e.province.SitePath()+"apply", other); status != 400 || !strings.Contains(body, "该验证问题已经使用过") {
		t.Fatalf("proof reused by another form: %d", status)
	}

	// Tracking: a wrong code is not found; the right one (any case) shows the application.
	status, body, _ = e.post(e.client(), "/track", url.Values{"number": {number[1]}, "code": {"WRONGCODE2"}})
	if status != 404 || !strings.Contains(body, "申请编号或查询码不正确") {
		t.Fatalf("wrong code: %d", status)
	}
	status, body, h = e.post(e.client(), "/track", url.Values{"number": {number[1]}, "code": {strings.ToLower(code[1])}})
	if status != 200 || !strings.Contains(body, "办理中") || !strings.Contains(body, "2026年12月24日") || !strings.Contains(body, "收到申请") || h.Get("Cache-Control") != "no-store" {
		t.Fatalf("track: %d", status)
	}
	if strings.Contains(body, testIDNumber) || strings.Contains(body, "张三丰") {
		t.Error("the tracking page shows personal data")
	}
	if status, _, _ = e.get(nil, "/track"); status != 200 {
		t.Fatalf("GET /track: %d", status)
	}
	// Files are never served by id alone.
	if status, _, _ = e.get(nil, "/track/files/1"); status != 404 {
		t.Fatalf("file by id: %d", status)
	}
	if status, _, _ = e.get(nil, "/track/files/1?exp=9999999999&sig=00000000000000000000000000000000"); status != 404 {
		t.Fatalf("file with a forged signature: %d", status)
	}

	// Nothing personal in the log: the request logger writes paths only.
	logs := e.logs.String()
	if !strings.Contains(logs, "path="+e.province.SitePath()+"apply") {
		t.Fatalf("log lacks the requests: %s", logs)
	}
	for _, secret := range []string{testIDNumber, badIDNumber, "13912345678", code[1], "张三丰"} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log contains %q", secret)
		}
	}
}

// TestRequestPagesInEnglish: the application pages render in English too.
func TestRequestPagesInEnglish(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	number, _ := e.file(e.province)
	req := e.requestByNumber(number)
	get := func(c *http.Client, path string) (int, string) {
		t.Helper()
		r, _ := http.NewRequest("GET", e.srv.URL+path, nil)
		r.Header.Set("Accept-Language", "en")
		resp, err := c.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	h, _ := e.login("jn-handler")
	for _, tt := range []struct {
		c    *http.Client
		path string
		want []string
	}{
		{e.client(), e.province.SitePath() + "apply", []string{"Apply for Government Information", "What is", "Type of Applicant", "Commercial enterprise"}},
		{e.client(), "/track", []string{"Track an Application", "Query Code"}},
		{h, "/console/requests", []string{"Open", "Overdue", "Register an Application", number}},
		{h, "/console/requests/" + itoa64(req.ID), []string{"Correction Notice (Article 30 of the Regulations)", "Type of Reply", "Disclosed in part", "State secret"}},
		{h, "/console/requests/new", []string{"Channel and Date of Receipt", "Ordinary letter"}},
	} {
		status, body := get(tt.c, tt.path)
		if status != 200 {
			t.Errorf("GET %s in English: %d", tt.path, status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s in English lacks %q", tt.path, w)
			}
		}
	}
	ed, _ := e.login("jn-editor")
	if status, _, _ := e.get(ed, "/console/requests/new"); status != http.StatusForbidden {
		t.Errorf("an editor opens the registration form: %d", status)
	}
}

// TestRequestDoubleClick: simultaneous submissions of one form file one application, and every
// response shows its number and query code.
func TestRequestDoubleClick(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	form := applicationValues(e.applyForm(e.province))
	type result struct {
		status       int
		number, code string
	}
	results := make(chan result, 5)
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.PostForm(e.srv.URL+e.province.SitePath()+"apply", form)
			if err != nil {
				results <- result{}
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			var r result
			r.status = resp.StatusCode
			if m := receiptNoRE.FindSubmatch(b); m != nil {
				r.number = string(m[1])
			}
			if m := receiptCode.FindSubmatch(b); m != nil {
				r.code = string(m[1])
			}
			results <- r
		}()
	}
	wg.Wait()
	close(results)
	var first result
	for r := range results {
		if r.status != 200 || r.number == "" || r.code == "" {
			t.Fatalf("a submission: %+v", r)
		}
		if first.number == "" {
			first = r
		}
		if r.number != first.number || r.code != first.code {
			t.Fatalf("different applications: %+v %+v", r, first)
		}
	}
	if n := e.count(e.province); n != 1 {
		t.Fatalf("%d applications from one form", n)
	}
}

// TestRequestArt35Flag: with the abuse.threshold setting reached, the handler sees the Art. 35
// hint and the choices it leaves to them; the fee form knows the applicant's count in the month.
func TestRequestArt35Flag(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	ctx := context.Background()
	if err := e.db.SetSetting(ctx, request.SettingAbuseThreshold, "2"); err != nil {
		t.Fatal(err)
	}
	if err := e.db.SetSetting(ctx, request.SettingCorrectionPeriodDays, "many"); err != nil {
		t.Fatal(err)
	}
	s := New(Config{DB: e.db, Logger: testLogger(t)})
	if p := s.requestPolicy(ctx); p.AbuseThreshold != 2 || p.CorrectionPeriodDays != request.DefaultPolicy().CorrectionPeriodDays {
		t.Fatalf("policy from the settings: %+v", p)
	}
	first, _ := e.file(e.province)
	h, _ := e.login("jn-handler")
	if _, body, _ := e.get(h, "/console/requests/"+itoa64(e.requestByNumber(first).ID)); strings.Contains(body, "条例第三十五条提示") {
		t.Fatal("flagged after one application")
	}
	second, _ := e.file(e.province)
	_, body, _ := e.get(h, "/console/requests/"+itoa64(e.requestByNumber(second).ID))
	for _, want := range []string{"条例第三十五条提示", "达到提示阈值2件", "要求申请人说明理由", "共提出 2 件申请"} {
		if !strings.Contains(body, want) {
			t.Errorf("detail page lacks %q", want)
		}
	}
}

func TestRequestRateLimit(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	limited := false
	for i := 0; i < 30 && !limited; i++ {
		status, body, _ := e.post(e.client(), e.province.SitePath()+"apply", url.Values{"name": {"x"}})
		limited = status == http.StatusTooManyRequests && strings.Contains(body, "提交过于频繁")
	}
	if !limited {
		t.Fatal("the public form is not rate limited")
	}
}

func TestProofAnswers(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{{"11", 11, true}, {"１１", 11, true}, {" 7 ", 7, true}, {"十一", 11, true}, {"十", 10, true}, {"二十三", 23, true}, {"两", 2, true},
		{"二十", 20, true}, {"十x", 0, false}, {"", 0, false}, {"-3", 0, false}, {"一千", 0, false}, {"99999", 0, false}} {
		got, ok := parseAnswer(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parseAnswer(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	// An expired proof is refused.
	e := newRequestEnv(t, store.SQLite)
	s := New(Config{DB: e.db, Logger: testLogger(t), Now: func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC) }})
	q, err := s.newProof(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	later := New(Config{DB: e.db, Logger: testLogger(t), Now: func() time.Time { return time.Date(2026, 11, 26, 10, 31, 0, 0, time.UTC) }})
	ans := q.A + q.B
	if q.Minus {
		ans = q.A - q.B
	}
	v := url.Values{"proof": {q.Token}, "answer": {strconv.Itoa(ans)}}
	if err := later.checkProof(context.Background(), v, "k1"); err == nil || !strings.Contains(apperr.From(err).Message, "已过期") {
		t.Fatalf("expired proof: %v", err)
	}
	if err := s.checkProof(context.Background(), v, "k1"); err != nil {
		t.Fatalf("fresh proof: %v", err)
	}
	// The hashcash puzzle, as static/request.js solves it, is accepted instead of the answer.
	q, _ = s.newProof(context.Background())
	n := 0
	for ; n < 1<<24; n++ {
		if leadingZeroBits(sha256Sum(q.Pow+":"+strconv.Itoa(n))) >= powBits {
			break
		}
	}
	if err := s.checkProof(context.Background(), url.Values{"pow": {q.Pow}, "pow_nonce": {strconv.Itoa(n)}}, "k2"); err != nil {
		t.Fatalf("solved puzzle: %v", err)
	}
	if err := s.checkProof(context.Background(), url.Values{"pow": {q.Pow}, "pow_nonce": {strconv.Itoa(n)}}, "k3"); err == nil {
		t.Fatal("a solved puzzle was accepted for a second form")
	}
}

// TestRequestMasking: the applicant's data is shown in full to handlers of the receiving
// organisation only; its editors, the supervisor above and the page of anyone else show it
// masked, never the identity number; other organisations do not see the application at all.
func TestRequestMasking(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	number, _ := e.file(e.province)
	req := e.requestByNumber(number)
	path := "/console/requests/" + itoa64(req.ID)
	masked := request.MaskID(testIDNumber)
	for _, tt := range []struct {
		user   string
		status int
		full   bool
	}{{"jn-handler", 200, true}, {"jn-editor", 200, false}, {"jn-supervisor", 200, false}, {"lj-handler", 404, false}, {"lj-editor", 404, false}} {
		c, _ := e.login(tt.user)
		status, body, _ := e.get(c, path)
		if status != tt.status {
			t.Errorf("%s: status %d, want %d", tt.user, status, tt.status)
			continue
		}
		if strings.Contains(body, testIDNumber) != tt.full || strings.Contains(body, "张三丰") != tt.full {
			t.Errorf("%s: full applicant data shown: %v, want %v", tt.user, !tt.full, tt.full)
		}
		if status == 200 && !tt.full && (!strings.Contains(body, masked) || !strings.Contains(body, "张**")) {
			t.Errorf("%s: the masked record is missing", tt.user)
		}
		if status == 200 && !tt.full && strings.Contains(body, `id="ev-extended"`) {
			t.Errorf("%s: sees the handler's forms", tt.user)
		}
		// Lists show masked names to everybody.
		_, body, _ = e.get(c, "/console/requests")
		if strings.Contains(body, testIDNumber) || strings.Contains(body, "张三丰") {
			t.Errorf("%s: the list shows personal data", tt.user)
		}
	}
	if status, _, h := e.get(nil, path); status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/console/login") {
		t.Errorf("anonymous: %d", status)
	}
	// Only the handler acts: an editor's step is refused and records nothing.
	ed, csrf := e.login("jn-editor")
	status, _, _ := e.post(ed, path+"/events", url.Values{"csrf": {csrf}, "kind": {"extended"}, "days": {"5"}, "approver": {"王主任"}})
	if status != http.StatusForbidden {
		t.Errorf("editor records a step: %d", status)
	}
	if events, _ := e.db.RequestEvents(context.Background(), req.ID); len(events) != 1 {
		t.Errorf("refused step recorded: %d events", len(events))
	}
	// Nothing personal in the log.
	if strings.Contains(e.logs.String(), testIDNumber) {
		t.Error("the log contains the identity number")
	}
}

// TestRequestSupervisorOverdue: supervisors see the overdue applications of their subtree, in red.
func TestRequestSupervisorOverdue(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	ctx := context.Background()
	lj := e.principal("lj-handler")
	in := store.NewRequest{OrgID: e.city.ID, Channel: request.InPerson, ReceivedOn: workday.MustParseDate("2026-09-01"),
		Applicant:   request.Applicant{Kind: request.Company, Name: "临江某某科技有限公司", ID: request.Identity{Kind: request.CreditCodeDoc, Number: creditCode(t, "91330100MA2234567")}, Phone: "0571-88888888"},
		Description: "临江市2026年招商引资优惠政策的兑现情况"}
	late, _, err := e.db.CreateRequest(ctx, lj, in, e.clocking())
	if err != nil {
		t.Fatal(err)
	}
	in.ReceivedOn, in.Description = workday.MustParseDate("2026-11-25"), "临江市2026年第三季度财政收支情况"
	fresh, _, err := e.db.CreateRequest(ctx, lj, in, e.clocking())
	if err != nil {
		t.Fatal(err)
	}
	sup, _ := e.login("jn-supervisor")
	_, body, _ := e.get(sup, "/console/requests?f=overdue")
	if !strings.Contains(body, late.Number) || strings.Contains(body, fresh.Number) || !strings.Contains(body, `class="u-overdue"`) || !strings.Contains(body, "已逾期") {
		t.Fatalf("supervisor's overdue list: %s", body)
	}
	_, body, _ = e.get(sup, "/console/requests?f=open")
	if !strings.Contains(body, late.Number) || !strings.Contains(body, fresh.Number) || !strings.Contains(body, "临江市人民政府") {
		t.Fatal("supervisor's open list lacks the subtree")
	}
	// The province's handler does not see the city's applications.
	h, _ := e.login("jn-handler")
	if _, body, _ = e.get(h, "/console/requests?f=all"); strings.Contains(body, late.Number) {
		t.Fatal("a handler sees another organisation's applications")
	}
	// The city's handler sees both and the overdue one first, in red.
	c, _ := e.login("lj-handler")
	_, body, _ = e.get(c, "/console/requests")
	if i, j := strings.Index(body, late.Number), strings.Index(body, fresh.Number); i < 0 || j < 0 || i > j {
		t.Fatal("the most urgent application is not first")
	}
}

// TestRequestConsoleFlow runs an application from a paper registration to the reply, through the
// console and the tracking page, on both engines.
func TestRequestConsoleFlow(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newRequestEnv(t, db.Engine())
		h, csrf := e.login("jn-handler")
		_, body, _ := e.get(h, "/console/requests/new")
		if !strings.Contains(body, `name="channel"`) || !strings.Contains(body, "平常信函") || strings.Contains(body, `name="proof"`) {
			t.Fatal("registration form")
		}
		form := url.Values{"csrf": {csrf}, "submit_key": {"paper-1"}, "channel": {"ordinary_letter"}, "arrived": {"2026-11-23"}, "confirmed": {"2026-11-30"},
			"kind": {"natural_person"}, "name": {"李四"}, "id_kind": {"resident_id"}, "id_number": {testIDNumber}, "address": {"江南省临江市湖滨路1号"},
			"description": {"2026年全省義务教育阶段学校名单"}, "form": {"paper"}, "delivery": {"post"}}
		// Impossible and future dates are refused, the form kept.
		for _, tt := range []struct{ field, value, msg string }{
			{"confirmed", "2026-02-30", "不是有效日期"}, {"confirmed", "2026-11-30", "收到申请的日期不能晚于今天"},
			{"arrived", "2026-11-25", "早于信函到达日期"}} {
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			f.Set(tt.field, tt.value)
			if tt.field == "arrived" {
				f.Set("confirmed", "2026-11-24")
			}
			status, body, _ := e.post(h, "/console/requests", f)
			if status != 400 || !strings.Contains(body, tt.msg) || !strings.Contains(body, "李四") {
				t.Errorf("%s=%s: %d, want 400 with %q", tt.field, tt.value, status, tt.msg)
			}
		}
		if n := e.count(e.province); n != 0 {
			t.Fatalf("refused registrations stored %d", n)
		}
		form.Set("confirmed", "2026-11-24")
		status, body, h2 := e.post(h, "/console/requests", form)
		number, code := receiptNoRE.FindStringSubmatch(body), receiptCode.FindStringSubmatch(body)
		if status != 200 || number == nil || code == nil || h2.Get("Cache-Control") != "no-store" || !strings.Contains(body, "请将申请编号和查询码告知申请人") {
			t.Fatalf("register: %d %s", status, body)
		}
		req := e.requestByNumber(number[1])
		if req.Channel != request.OrdinaryLetter || req.ReceivedOn.String() != "2026-11-24" {
			t.Fatalf("registered as %s on %s", req.Channel, req.ReceivedOn)
		}
		path := "/console/requests/" + itoa64(req.ID)
		lock := func() string { return strconv.Itoa(e.requestByNumber(number[1]).LockVersion) }

		// A correction notice; the applicant corrects on the tracking page.
		status, _, loc := e.post(h, path+"/events", url.Values{"csrf": {csrf}, "kind": {"correction_requested"}, "lock_version": {lock()},
			"items": {"请写明所需名单的学段\n请写明所需名单的地区范围"}, "days": {"10"}})
		if status != http.StatusSeeOther || !strings.Contains(loc.Get("Location"), "ok=") {
			t.Fatalf("correction notice: %d", status)
		}
		_, body, _ = e.get(h, loc.Get("Location"))
		if !strings.Contains(body, "已登记") || !strings.Contains(body, "等待补正") || !strings.Contains(body, "请写明所需名单的学段") {
			t.Fatalf("the page does not show the correction notice: %s", body)
		}
		status, body, _ = e.post(e.client(), "/track", url.Values{"number": {number[1]}, "code": {code[1]}})
		if status != 200 || !strings.Contains(body, "请补正申请") || !strings.Contains(body, "请写明所需名单的地区范围") {
			t.Fatalf("tracking during correction: %d", status)
		}
		correction := url.Values{"number": {number[1]}, "code": {code[1]}, "text": {"2026年江南省全省义务教育阶段（小学、初中）学校名单"}}
		if status, body, _ = e.post(e.client(), "/track/correct", url.Values{"number": {number[1]}, "code": {"BADCODE234"}, "text": {"x"}}); status != 404 {
			t.Fatalf("correction with a wrong code: %d", status)
		}
		status, body, _ = e.post(e.client(), "/track/correct", correction)
		if status != 200 || !strings.Contains(body, "已收到您补正后的申请") || strings.Contains(body, "请补正申请") {
			t.Fatalf("correct: %d %s", status, body)
		}
		// The same correction again (a double click) is no error and records nothing new.
		if status, _, _ = e.post(e.client(), "/track/correct", correction); status != 200 {
			t.Fatalf("repeated correction: %d", status)
		}
		events, _ := e.db.RequestEvents(context.Background(), req.ID)
		if len(events) != 3 || events[2].Kind != request.EvCorrected || !strings.Contains(events[2].Text, "小学、初中") {
			t.Fatalf("events after the correction: %+v", events)
		}

		// An extension beyond 20 days is refused; 10 days approved by 王主任 is recorded.
		status, body, _ = e.post(h, path+"/events", url.Values{"csrf": {csrf}, "kind": {"extended"}, "days": {"25"}, "approver": {"王主任"}, "lock_version": {lock()}})
		if status != 400 || !strings.Contains(body, "延长的期限最长不得超过20个工作日") || !strings.Contains(body, `value="25"`) {
			t.Fatalf("25-day extension: %d", status)
		}
		if status, _, _ = e.post(h, path+"/events", url.Values{"csrf": {csrf}, "kind": {"extended"}, "days": {"10"}, "approver": {"王主任"}, "lock_version": {lock()}}); status != 303 {
			t.Fatalf("extension: %d", status)
		}
		// A stale form is refused.
		if status, body, _ = e.post(h, path+"/events", url.Values{"csrf": {csrf}, "kind": {"withdrawn"}, "lock_version": {"1"}}); status != 409 {
			t.Fatalf("stale step: %d", status)
		}
		_, body, _ = e.get(h, path)
		if !strings.Contains(body, "经政府信息公开工作机构负责人王主任同意，延长答复期限10个工作日") {
			t.Fatal("the explanation lacks the extension")
		}

		// A reply with the sub-reason of another type is refused; nothing is recorded.
		status, body = e.multipart(h, path+"/reply", url.Values{"csrf": {csrf}, "type": {"withhold"}, "reason": {"unable:not_held"}, "explanation": {"涉及国家秘密"}}, "名单.pdf", testPDF)
		if status != 400 || !strings.Contains(body, "不属于“不予公开”") {
			t.Fatalf("wrong sub-reason: %d", status)
		}
		if _, found, _ := e.db.RequestReply(context.Background(), req.ID); found {
			t.Fatal("a refused reply was recorded")
		}
		if files, _ := e.db.RequestFiles(context.Background(), req.ID); len(files) != 0 {
			t.Fatal("a refused reply stored its files")
		}
		// A disguised file is refused before anything is recorded.
		status, _ = e.multipart(h, path+"/reply", url.Values{"csrf": {csrf}, "type": {"partial"}, "explanation": {"x"}}, "名单.pdf", []byte("<script>"))
		if status != http.StatusUnsupportedMediaType {
			t.Fatalf("disguised file: %d", status)
		}
		status, _ = e.multipart(h, path+"/reply", url.Values{"csrf": {csrf}, "type": {"partial"}, "lock_version": {lock()},
			"explanation": {"名单中涉及个人隐私的联系人电话依法不予公开（条例第十五条）。"}, "how_to_obtain": {"随本答复书提供电子文件。"},
			"withheld_grounds": {"withhold:third_party"}}, "名单.pdf", testPDF)
		if status != 303 {
			t.Fatalf("reply: %d", status)
		}
		_, body, _ = e.get(h, path)
		if !strings.Contains(body, "部分公开") || !strings.Contains(body, "名单.pdf") || !strings.Contains(body, "第三十七条") {
			t.Fatal("the page lacks the reply")
		}

		// The applicant sees the reply and downloads the file with the signed link.
		status, body, _ = e.post(e.client(), "/track", url.Values{"number": {number[1]}, "code": {code[1]}})
		if status != 200 || !strings.Contains(body, "部分公开") || !strings.Contains(body, "已办结") || !strings.Contains(body, "随本答复书提供电子文件") {
			t.Fatalf("tracking after the reply: %d", status)
		}
		m := regexp.MustCompile(`href="(/track/files/\d+\?exp=\d+&amp;sig=[0-9a-f]+)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no file link on the tracking page")
		}
		link := strings.ReplaceAll(m[1], "&amp;", "&")
		status, data, fh := e.get(nil, link)
		if status != 200 || data != string(testPDF) || fh.Get("Content-Type") != "application/pdf" || !strings.Contains(fh.Get("Cache-Control"), "no-store") {
			t.Fatalf("download: %d %q", status, fh.Get("Content-Type"))
		}
		if status, _, _ = e.get(nil, strings.Replace(link, "sig=", "sig=0", 1)); status != 404 {
			t.Fatalf("tampered link: %d", status)
		}
		// Staff download through the console.
		fm := regexp.MustCompile(`href="(/console/requests/\d+/files/\d+)"`).FindStringSubmatch(func() string { _, b, _ := e.get(h, path); return b }())
		if fm == nil {
			t.Fatal("no staff file link")
		}
		if status, data, _ = e.get(h, fm[1]); status != 200 || data != string(testPDF) {
			t.Fatalf("staff download: %d", status)
		}
		if other, _ := e.login("lj-handler"); other != nil {
			if status, _, _ = e.get(other, fm[1]); status != 404 {
				t.Fatalf("another organisation downloads: %d", status)
			}
		}
		// After the reply no further step is possible.
		if status, body, _ = e.post(h, path+"/events", url.Values{"csrf": {csrf}, "kind": {"withdrawn"}}); status != 409 || !strings.Contains(body, "已办结") {
			t.Fatalf("step after the reply: %d", status)
		}
		if n, problems, _ := e.db.VerifyAudit(context.Background()); len(problems) > 0 || n == 0 {
			t.Fatalf("audit: %v", problems)
		}
		for _, secret := range []string{testIDNumber, code[1], "李四"} {
			if strings.Contains(e.logs.String(), secret) {
				t.Errorf("the log contains %q", secret)
			}
		}
	})
}

// multipart posts a form with one file in "files".
func (e *reqEnv) multipart(c *http.Client, path string, form url.Values, name string, data []byte) (int, string) {
	e.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	if name != "" {
		fw, _ := w.CreateFormFile("files", name)
		fw.Write(data)
	}
	w.Close()
	req, _ := http.NewRequest("POST", e.srv.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestRequestAPI covers the API calls of issue 4 item 9.
func TestRequestAPI(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	body := func(extra string) string {
		return `{"org":"` + e.province.Code + `","applicant":{"kind":"natural_person","name":"王五","id_number":"` + testIDNumber +
			`","phone":"13800001111"},"description":"2025年江南省政府信息公开工作年度报告的原始统计表"` + extra + `}`
	}
	// Public filing.
	status, out := e.api("POST", "/api/v1/requests", "", body(`,"submit_key":"api-key-1"`))
	if status != 201 || out["number"] == nil || out["query_code"] == nil || !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(out["due_date"].(string)) {
		t.Fatalf("public filing: %d %v", status, out)
	}
	number, code := out["number"].(string), out["query_code"].(string)
	// Idempotent with the same submit_key.
	status, out = e.api("POST", "/api/v1/requests", "", body(`,"submit_key":"api-key-1"`))
	if status != 200 || out["number"] != number || out["duplicate"] != true || out["query_code"] != code {
		t.Fatalf("repeated filing: %d %v", status, out)
	}
	// Bad input.
	for _, b := range []struct{ body, code, field string }{
		{`{"org":"` + e.province.Code + `","applicant":{"kind":"natural_person","name":"王五","phone":"1"},"description":"x"}`, "invalid", "id_number"},
		{body(`,"surprise":1`), "invalid", ""},
		{strings.Replace(body(""), testIDNumber, badIDNumber, 1), "invalid", "id_number"},
		{strings.Replace(body(""), `"natural_person"`, `"alien"`, 1), "invalid", "kind"},
		{body(`,"channel":"letter","received_on":"2026-11-20"`), "unauthorized", ""},
		{strings.Replace(body(""), e.province.Code, "NOPE", 1), "not_found", "org"},
		{`{"org":"` + e.province.Code + `"}`, "invalid", "kind"},
	} {
		status, out := e.api("POST", "/api/v1/requests", "", b.body)
		eo, _ := out["error"].(map[string]any)
		if errCode(out) != b.code || (b.field != "" && eo["field"] != b.field) || status < 400 || status >= 500 {
			t.Errorf("POST %s: %d %v, want %s on %s", b.body, status, out, b.code, b.field)
		}
	}
	if n := e.count(e.province); n != 1 {
		t.Fatalf("%d applications after refused calls", n)
	}

	// A handler registers a letter with its Art. 31 date.
	handler := e.token("jn-handler")
	status, out = e.api("POST", "/api/v1/requests", handler, body(`,"channel":"letter","received_on":"2026-11-20"`))
	if status != 201 || out["channel"] != "ordinary_letter" || out["received_on"] != "2026-11-20" || out["query_code"] == nil {
		t.Fatalf("letter: %d %v", status, out)
	}
	status, out = e.api("POST", "/api/v1/requests", handler, body(`,"channel":"letter","letter_kind":"registered","received_on":"2026-11-19"`))
	if status != 201 || out["channel"] != "registered_post" {
		t.Fatalf("registered letter: %d %v", status, out)
	}
	for _, b := range []string{`,"channel":"letter","received_on":"2026-02-30"`, `,"channel":"fax","received_on":"2026-12-01"`, `,"channel":"pigeon"`} {
		if status, out = e.api("POST", "/api/v1/requests", handler, body(b)); status != 400 {
			t.Errorf("handler %s: %d %v", b, status, out)
		}
	}
	if status, out = e.api("POST", "/api/v1/requests", e.token("jn-editor"), body(`,"channel":"fax"`)); status != 403 {
		t.Errorf("editor registers: %d %v", status, out)
	}
	if status, out = e.api("POST", "/api/v1/requests", "not-a-token", body("")); status != 401 {
		t.Errorf("bad token: %d %v", status, out)
	}

	// The applicant's view.
	status, out = e.api("GET", "/api/v1/requests/"+number+"?code="+code, "", "")
	if status != 200 || out["status"] != "pending" || out["due_date"] != "2026-12-24" || len(out["events"].([]any)) != 1 || out["reply"] != nil {
		t.Fatalf("applicant's view: %d %v", status, out)
	}
	if status, out = e.api("GET", "/api/v1/requests/"+number+"?code=AAAAAAAAAA", "", ""); status != 404 || errCode(out) != "not_found" {
		t.Fatalf("wrong code: %d %v", status, out)
	}
	id := itoa64(e.requestByNumber(number).ID)

	// The clock: handlers and the supervisor; not the public, not another organisation.
	status, out = e.api("GET", "/api/v1/requests/"+id+"/clock", handler, "")
	if status != 200 || out["due_date"] != "2026-12-24" || len(out["explanation"].([]any)) < 3 {
		t.Fatalf("clock: %d %v", status, out)
	}
	if status, _ = e.api("GET", "/api/v1/requests/"+id+"/clock", e.token("jn-supervisor"), ""); status != 200 {
		t.Fatalf("supervisor's clock: %d", status)
	}
	if status, _ = e.api("GET", "/api/v1/requests/"+id+"/clock", "", ""); status != 401 {
		t.Fatalf("public clock: %d", status)
	}
	if status, _ = e.api("GET", "/api/v1/requests/"+id+"/clock", e.token("lj-handler"), ""); status != 404 {
		t.Fatalf("other organisation's clock: %d", status)
	}

	// Events.
	for _, b := range []struct {
		body   string
		status int
	}{
		{`{"kind":"extended","days":25,"approver":"王主任"}`, 400},
		{`{"kind":"extended","days":10}`, 400},
		{`{"kind":"replied"}`, 400},
		{`{"kind":"extended","days":10,"approver":"王主任","on":"2026-02-30"}`, 400},
		{`{"kind":"third_party_consult_start","party":"某某公司","on":"2026-11-26"}`, 201},
		{`{"kind":"third_party_consult_end","party":"某某公司"}`, 201},
		{`{"kind":"fee_notice","fee_method":"pages","fee_pages":150,"how_to_pay":"银行转账"}`, 201},
	} {
		if status, out = e.api("POST", "/api/v1/requests/"+id+"/events", handler, b.body); status != b.status {
			t.Errorf("event %s: %d %v, want %d", b.body, status, out, b.status)
		}
	}
	if ev := out["event"].(map[string]any); ev["amount_fen"] != float64(request.PageFee(150)) || !strings.Contains(ev["note"].(string), "按量计收") {
		t.Errorf("fee notice: %v", ev)
	}
	if out["status"] != "paused" || out["fee_due"] == nil {
		t.Errorf("clock after the fee notice: %v", out)
	}
	if status, out = e.api("POST", "/api/v1/requests/"+id+"/events", e.token("jn-supervisor"), `{"kind":"fee_paid"}`); status != 403 {
		t.Errorf("supervisor records a step: %d %v", status, out)
	}
	if status, out = e.api("POST", "/api/v1/requests/"+id+"/events", handler, `{"kind":"fee_paid"}`); status != 201 {
		t.Fatalf("fee paid: %d %v", status, out)
	}

	// The reply: the wrong sub-reason is refused; 部分公开 with a file is recorded.
	if status, out = e.api("POST", "/api/v1/requests/"+id+"/reply", handler, `{"type":"unable","reason":"withhold:state_secret"}`); status != 400 || errCode(out) != "invalid" {
		t.Fatalf("wrong sub-reason: %d %v", status, out)
	}
	if status, out = e.api("POST", "/api/v1/requests/"+id+"/reply", handler, `{"type":"disclose","reason":"other:other"}`); status != 400 {
		t.Fatalf("sub-reason for 予以公开: %d %v", status, out)
	}
	pdf := base64.StdEncoding.EncodeToString(testPDF)
	status, out = e.api("POST", "/api/v1/requests/"+id+"/reply", handler, `{"type":"partial","explanation":"部分内容涉及个人隐私。","how_to_obtain":"见附件。",
		"files":[{"name":"统计表.pdf","data":"`+pdf+`"}]}`)
	if status != 201 || out["status"] != "ended" || out["reply"].(map[string]any)["type"] != "partial" {
		t.Fatalf("reply: %d %v", status, out)
	}
	status, out = e.api("GET", "/api/v1/requests/"+number+"?code="+code, "", "")
	reply, _ := out["reply"].(map[string]any)
	files, _ := out["files"].([]any)
	if status != 200 || reply["type_label"] != "部分公开" || len(files) != 1 || out["status"] != "ended" {
		t.Fatalf("applicant's view after the reply: %d %v", status, out)
	}
	for _, ev := range out["events"].([]any) {
		if m := ev.(map[string]any); m["party"] != nil {
			t.Errorf("the public view names the third party: %v", m)
		}
	}

	// Not this organ's information: the responsible organ is named.
	letter := e.requestByNumber(func() string {
		rs, _ := e.db.Requests(context.Background(), store.RequestFilter{OrgIDs: []int64{e.province.ID}, Limit: 10})
		for _, r := range rs {
			if r.Channel == request.RegisteredPost {
				return r.Number
			}
		}
		return ""
	}())
	lid := itoa64(letter.ID)
	if status, out = e.api("POST", "/api/v1/requests/"+lid+"/reply", handler, `{"type":"unable","reason":"unable:not_held","not_this_organ":true,"explanation":"该信息由临江市财政局制作和保存。"}`); status != 400 {
		t.Fatalf("not this organ without the organ: %d %v", status, out)
	}
	status, out = e.api("POST", "/api/v1/requests/"+lid+"/reply", handler, `{"type":"unable","reason":"unable:not_held","not_this_organ":true,
		"explanation":"该信息由临江市财政局制作和保存。","responsible_organ":"临江市财政局","responsible_organ_contact":"0571-87654321"}`)
	if r, _ := out["reply"].(map[string]any); status != 201 || r["responsible_organ"] != "临江市财政局" || !strings.Contains(r["legal_basis"].(string), "第三十六条第（五）项") {
		t.Fatalf("not this organ: %d %v", status, out)
	}

	// The staff list.
	status, out = e.api("GET", "/api/v1/requests?status=all", handler, "")
	if status != 200 || len(out["requests"].([]any)) != 3 {
		t.Fatalf("list: %d %v", status, out)
	}
	first := out["requests"].([]any)[0].(map[string]any)
	if app := first["applicant"].(map[string]any); strings.Contains(app["id"].(string), "19900307") || app["name"] != "王*" {
		t.Fatalf("the list does not mask: %v", app)
	}
	if status, _ = e.api("GET", "/api/v1/requests", "", ""); status != 401 {
		t.Fatalf("public list: %d", status)
	}
	if status, out = e.api("GET", "/api/v1/requests?status=overdue&org="+e.province.Code+"&subtree=1", e.token("jn-supervisor"), ""); status != 200 {
		t.Fatalf("supervisor's overdue list: %d %v", status, out)
	}
	if status, _ = e.api("GET", "/api/v1/requests?org="+e.province.Code, e.token("lj-handler"), ""); status != 403 {
		t.Fatalf("another organisation's list: %d", status)
	}
	if status, _ = e.api("GET", "/api/v1/requests?status=bogus", handler, ""); status != 400 {
		t.Fatalf("bad status: %d", status)
	}
}

// FuzzDecodeApplicationForm: the form decoder never panics, and what it accepts is an
// application the store accepts.
func FuzzDecodeApplicationForm(f *testing.F) {
	today := workday.MustParseDate("2026-11-26")
	base := applicationValues(url.Values{"submit_key": {"abc"}})
	f.Add(base.Encode(), false)
	staff := applicationValues(url.Values{"channel": {"ordinary_letter"}, "confirmed": {"2026-11-20"}, "arrived": {"2026-11-19"}})
	f.Add(staff.Encode(), true)
	f.Add("kind=company&name=%E6%9F%90%E5%85%AC%E5%8F%B8&id_kind=credit_code&id_number=91330100MA2234567X&email=a@b.c&doc_number=x", false)
	f.Add("kind=natural_person&name=%00&id_kind=passport&id_number=E1234&phone=1&description=%FF", false)
	f.Add("channel=in_person&handed_in=2026-02-30&kind=other&name=a&id_kind=other&id_number=%E2%80%8B&address=x&info_name=y", true)
	f.Add("channel=online&confirmed=2020-01-01&kind=research&name=a&id_kind=other&id_number=a&phone=1&description=b", true)
	f.Fuzz(func(t *testing.T, query string, isStaff bool) {
		v, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		in, err := decodeApplicationForm(v, isStaff, today)
		if err != nil {
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("error of kind %s: %v", apperr.CodeOf(err), err)
			}
			return
		}
		if err := in.Applicant.Validate(); err != nil {
			t.Fatalf("accepted an invalid applicant: %v", err)
		}
		if in.Channel.Label() == "" || in.ReceivedOn.IsZero() || !in.ReceivedOn.Valid() || in.ReceivedOn.After(today) || in.ReceivedOn.Before(today.AddDays(-366)) {
			t.Fatalf("accepted channel %q received %v", in.Channel, in.ReceivedOn)
		}
		if !isStaff && (in.Channel != request.Online || in.ReceivedOn != today) {
			t.Fatalf("a public form set the channel %s or the date %s", in.Channel, in.ReceivedOn)
		}
		if strings.TrimSpace(in.Description) == "" && strings.TrimSpace(in.InfoName) == "" && strings.TrimSpace(in.DocNumber) == "" {
			t.Fatal("accepted an application without the information wanted")
		}
		for _, s := range []string{in.Applicant.Name, in.Applicant.ID.Number, in.Applicant.Phone, in.Applicant.Email, in.Applicant.Address,
			in.InfoName, in.DocNumber, in.Description, in.Form, in.Delivery, in.SubmitKey} {
			if !cleanText(s, true) || strings.ContainsRune(s, 0) {
				t.Fatalf("accepted text with invalid characters: %q", s)
			}
		}
		if len([]rune(in.Description)) > 5000 || len([]rune(in.InfoName)) > 200 || len([]rune(in.Form)) > 200 || len([]rune(in.Delivery)) > 200 || len(in.SubmitKey) > 64 {
			t.Fatal("accepted text longer than the store allows")
		}
	})
}

// TestRequestKeysTranslated: titles, breadcrumbs, flash messages and error messages of the
// application pages, and the labels of the 依申请公开 domain, have English entries.
func TestRequestKeysTranslated(t *testing.T) {
	checkGoTexts(t, 40, "request_public.go", "request_console.go", "request_api.go")
	var labels []string
	for _, k := range request.ApplicantKinds() {
		labels = append(labels, k.Label())
	}
	for _, k := range []request.IDKind{request.ResidentID, request.Passport, request.HKMacaoPermit, request.TaiwanPermit, request.ForeignerPR, request.CreditCodeDoc, request.OtherDocument} {
		labels = append(labels, k.Label())
	}
	for _, c := range staffChannels {
		labels = append(labels, c.Label())
	}
	for _, k := range []request.EventKind{request.EvReceived, request.EvCorrectionRequested, request.EvCorrected, request.EvCorrectionLapsed, request.EvExtended,
		request.EvDelaySet, request.EvThirdPartyStart, request.EvThirdPartyEnd, request.EvOrganStart, request.EvOrganEnd, request.EvFeeNotice,
		request.EvFeePaid, request.EvFeeLapsed, request.EvReplied, request.EvWithdrawn, request.EvThirdPartyNotified} {
		labels = append(labels, k.Label())
	}
	for _, s := range []request.Status{request.StatusPending, request.StatusPaused, request.StatusOverdue, request.StatusEnded} {
		labels = append(labels, s.Label())
	}
	for _, r := range []request.EndReason{request.EndReplied, request.EndWithdrawn, request.EndCorrectionLapsed, request.EndFeeLapsed} {
		labels = append(labels, r.Label())
	}
	for _, k := range []request.PauseKind{request.PauseCorrection, request.PauseThirdParty, request.PauseOrgan, request.PauseFee} {
		labels = append(labels, k.Label())
	}
	for _, m := range []request.FeeMethod{request.FeeNone, request.FeeItems, request.FeePages} {
		labels = append(labels, m.Label())
	}
	for _, rt := range request.ReplyTypes() {
		labels = append(labels, rt.Label())
	}
	for _, r := range request.Reasons() {
		labels = append(labels, r.Label)
	}
	for _, c := range append(append([]choice{}, provisionForms...), deliveries...) {
		labels = append(labels, c.Label)
	}
	for _, l := range labels {
		if _, ok := english[l]; !ok || l == "" {
			t.Errorf("no English for the label %q", l)
		}
	}
}

func sha256Sum(s string) [32]byte { return sha256.Sum256([]byte(s)) }

// TestBrowserApplicationFlow runs issue 4's story in Chromium: a citizen files an application
// through the form, a handler sends a correction notice, the citizen corrects on the tracking
// page, the handler extends the period and replies 部分公开 with a PDF, and the citizen sees
// the reply and the file on the tracking page.
func TestBrowserApplicationFlow(t *testing.T) {
	ctx := browser(t)
	e := newRequestEnv(t, store.SQLite)
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	openAll := func() {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll("details").forEach(function (d) { d.open = true }), true`)); err != nil {
			t.Fatalf("open the step forms: %v", err)
		}
	}

	// The citizen files an application from the organisation's 依申请公开 column.
	do("open the column", chromedp.Navigate(e.srv.URL+e.province.SitePath()+"c/apply"))
	do("open the form", chromedp.Click(chromedp.CSS(".apply-links a.button")), chromedp.WaitVisible(chromedp.CSS("#apply-form")))
	m := regexp.MustCompile(`(\d+) (加|减) (\d+) 等于几`).FindStringSubmatch(text("#proof-question"))
	if m == nil {
		t.Fatalf("proof question: %q", text("#proof-question"))
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[3])
	answer := a + b
	if m[2] == "减" {
		answer = a - b
	}
	do("fill in the form",
		chromedp.SendKeys(chromedp.CSS("#name"), "张三丰"),
		chromedp.SendKeys(chromedp.CSS("#id_number"), testIDNumber),
		chromedp.SendKeys(chromedp.CSS("#phone"), "13912345678"),
		chromedp.SendKeys(chromedp.CSS("#info_name"), "江南省本级预算"),
		chromedp.SendKeys(chromedp.CSS("#description"), "2025年江南省本级一般公共预算支出明细"),
		chromedp.SendKeys(chromedp.CSS("#answer"), strconv.Itoa(answer)),
		chromedp.Click(chromedp.CSS("#apply-submit")),
		chromedp.WaitVisible(chromedp.CSS("#req-code")))
	number, code := text("#req-number"), text("#req-code")
	if number == "" || len(code) != 10 {
		t.Fatalf("receipt: %q %q", number, code)
	}

	// The handler signs in and sends a correction notice.
	do("sign in", chromedp.Navigate(e.srv.URL+"/console/login"),
		chromedp.SendKeys(chromedp.CSS("#username"), "jn-handler"),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("a[href='/console/requests']")))
	do("open the application", chromedp.Navigate(e.srv.URL+"/console/requests"),
		chromedp.Click(chromedp.CSS("table.requests a")),
		chromedp.WaitVisible(chromedp.CSS("#clock-due")))
	detail, _ := chromedp.Run(ctx, chromedp.Location())
	if full := text("#applicant-full"); !strings.Contains(full, testIDNumber) {
		t.Fatalf("the handler does not see the applicant: %q", full)
	}
	openAll()
	do("send a correction notice",
		chromedp.SendKeys(chromedp.CSS("#cr-items"), "请写明所需预算支出明细的年度和科目"),
		chromedp.Click(chromedp.CSS("#ev-correction_requested button")),
		chromedp.WaitVisible(chromedp.CSS(".flash")))

	// The citizen corrects on the tracking page.
	do("track", chromedp.Navigate(e.srv.URL+"/track"),
		chromedp.SendKeys(chromedp.CSS("#number"), number),
		chromedp.SendKeys(chromedp.CSS("#code"), code),
		chromedp.Click(chromedp.CSS("#track-form button")),
		chromedp.WaitVisible(chromedp.CSS("#correct-form")))
	if s := text("#correction"); !strings.Contains(s, "年度和科目") {
		t.Fatalf("correction section: %q", s)
	}
	do("correct",
		chromedp.SendKeys(chromedp.CSS("#text"), "2025年度江南省本级一般公共预算支出功能分类明细（类、款、项）"),
		chromedp.Click(chromedp.CSS("#correct-form button")),
		chromedp.WaitVisible(chromedp.CSS(".flash")))

	// The handler extends the period (王主任, 10 days) and replies 部分公开 with a PDF.
	pdf := filepath.Join(t.TempDir(), "预算支出明细.pdf")
	if err := os.WriteFile(pdf, testPDF, 0o644); err != nil {
		t.Fatal(err)
	}
	do("open the application again", chromedp.Navigate(detail), chromedp.WaitVisible(chromedp.CSS("#clock-due")))
	openAll()
	do("extend",
		chromedp.SendKeys(chromedp.CSS("#ex-days"), "10"),
		chromedp.SendKeys(chromedp.CSS("#ex-approver"), "王主任"),
		chromedp.Click(chromedp.CSS("#ev-extended button")),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	if s := text("#clock-explanation"); !strings.Contains(s, "王主任同意，延长答复期限10个工作日") {
		t.Fatalf("explanation after the extension: %q", s)
	}
	do("reply",
		chromedp.SetValue(chromedp.CSS("#reply-type"), "partial"),
		chromedp.SendKeys(chromedp.CSS("#reply-explanation"), "明细中涉及个人信息的内容依法不予公开。"),
		chromedp.SendKeys(chromedp.CSS("#reply-how"), "随本答复提供电子文件。"),
		chromedp.SetUploadFiles(chromedp.CSS("#reply-files"), []string{pdf}),
		chromedp.Click(chromedp.CSS("#reply-submit")),
		chromedp.WaitVisible(chromedp.CSS("#reply")))
	if s := text(".flash"); !strings.Contains(s, "已答复") {
		t.Fatalf("after the reply: %q", s)
	}
	dir := os.Getenv("GONGKAI_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(filepath.Join(dir, "request-console.png"), png, 0o644)
	}

	// The citizen sees the reply and the file.
	do("track the reply", chromedp.Navigate(e.srv.URL+"/track"),
		chromedp.SendKeys(chromedp.CSS("#number"), number),
		chromedp.SendKeys(chromedp.CSS("#code"), code),
		chromedp.Click(chromedp.CSS("#track-form button")),
		chromedp.WaitVisible(chromedp.CSS("#reply")))
	if s := text("#reply-type"); !strings.Contains(s, "部分公开") {
		t.Fatalf("reply on the tracking page: %q", s)
	}
	if s := text("#reply-files"); !strings.Contains(s, "预算支出明细.pdf") {
		t.Fatalf("files on the tracking page: %q", s)
	}
	// The corrected text is the application's description now (the original stays in the log).
	if s := text("#track-description"); !strings.Contains(s, "2025年度江南省本级一般公共预算支出功能分类明细（类、款、项）") {
		t.Fatalf("description on the tracking page after the correction: %q", s)
	}
	if page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`)); strings.Contains(page, testIDNumber) {
		t.Fatal("the tracking page contains the identity number")
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(dir, "request-tracking.png")
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot saved to %s (%d bytes)", out, len(png))
	if strings.Contains(e.logs.String(), testIDNumber) || strings.Contains(e.logs.String(), code) {
		t.Fatal("the log contains the identity number or the query code")
	}
}
