package web

import (
	"archive/zip"
	"bytes"
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gongkai/internal/audit"
	"gongkai/internal/notice"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// Tests of the notices, appeals, the case library and the Art. 44 prompt (request_notice.go,
// request_appeal.go, request_case.go).

var (
	formRE      = regexp.MustCompile(`(?s)<form [^>]*id="([^"]+)"[^>]*>(.*?)</form>`)
	inputRE     = regexp.MustCompile(`<input ([^>]*)>`)
	attrRE      = regexp.MustCompile(`([a-z_-]+)(?:="([^"]*)")?`)
	textareaRE  = regexp.MustCompile(`(?s)<textarea [^>]*name="([a-z_]+)"[^>]*>(.*?)</textarea>`)
	selectRE    = regexp.MustCompile(`(?s)<select [^>]*name="([a-z_]+)"[^>]*>(.*?)</select>`)
	selectedRE  = regexp.MustCompile(`<option value="([^"]*)" selected>`)
	noticeNoRE  = regexp.MustCompile(`href="(/console/requests/\d+/notices/(\d+))"[^>]*>([^<]+)</a>`)
	trackLinkRE = regexp.MustCompile(`href="(/track/notices/\d+\?exp=\d+&amp;sig=[0-9a-f]+)"`)
)

// formValues returns the values a form of the page would submit as it is shown.
func formValues(t *testing.T, body, id string) url.Values {
	t.Helper()
	for _, m := range formRE.FindAllStringSubmatch(body, -1) {
		if m[1] != id {
			continue
		}
		v := url.Values{}
		for _, in := range inputRE.FindAllStringSubmatch(m[2], -1) {
			attrs := map[string]string{}
			for _, a := range attrRE.FindAllStringSubmatch(in[1], -1) {
				attrs[a[1]] = html.UnescapeString(a[2])
			}
			if _, checked := attrs["checked"]; attrs["type"] == "checkbox" && !checked {
				continue
			}
			if attrs["name"] != "" {
				v.Add(attrs["name"], attrs["value"])
			}
		}
		for _, ta := range textareaRE.FindAllStringSubmatch(m[2], -1) {
			v.Set(ta[1], html.UnescapeString(ta[2]))
		}
		for _, sel := range selectRE.FindAllStringSubmatch(m[2], -1) {
			v.Set(sel[1], "")
			if o := selectedRE.FindStringSubmatch(sel[2]); o != nil {
				v.Set(sel[1], html.UnescapeString(o[1]))
			}
		}
		return v
	}
	t.Fatalf("no form %q on the page", id)
	return nil
}

// fileAs files an application through the public form for another applicant.
func (e *reqEnv) fileAs(o org.Org, name, id string, change func(url.Values)) (string, string) {
	e.t.Helper()
	v := applicationValues(e.applyForm(o))
	v.Set("name", name)
	v.Set("id_number", id)
	if change != nil {
		change(v)
	}
	status, body, _ := e.post(e.client(), o.SitePath()+"apply", v)
	n, c := receiptNoRE.FindStringSubmatch(body), receiptCode.FindStringSubmatch(body)
	if status != 200 || n == nil || c == nil {
		e.t.Fatalf("apply as %s: %d %s", name, status, body)
	}
	return n[1], c[1]
}

// residentID makes a valid 居民身份证 number from its first 17 digits.
func residentID(first17 string) string {
	return first17 + string(request.ResidentIDCheckChar(first17))
}

// setShortName gives the province its 机关代字 and its disclosure office.
func (e *reqEnv) setShortName(short string) {
	e.t.Helper()
	o, err := e.db.Org(context.Background(), e.province.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.db.UpdateOrg(context.Background(), audit.System, o.ID, store.OrgUpdate{Name: o.Name, ShortName: short, GuideHTML: o.GuideHTML,
		RulesHTML: o.RulesHTML, IndexScheme: o.IndexScheme, LockVersion: o.LockVersion,
		Contact: org.Contact{OfficeName: "江南省人民政府办公厅政务公开处", Phone: "0571-87000000", Email: "gk@jiangnan.example.gov.cn", Address: "江南省省府路1号"}}); err != nil {
		e.t.Fatal(err)
	}
}

// do posts a form and returns the status, the body and the redirect.
func (e *reqEnv) do(c *http.Client, path string, v url.Values) (int, string, string) {
	e.t.Helper()
	status, body, h := e.post(c, path, v)
	return status, body, h.Get("Location")
}

// getRaw fetches a path and returns the response with its body read.
func (e *reqEnv) getRaw(c *http.Client, path string) (*http.Response, []byte) {
	e.t.Helper()
	resp, err := c.Get(e.srv.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// docxText is the text of a DOCX's document.xml.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			return regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(b), "")
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

// TestRequestExtraFlow is the whole story on both engines: notices issued from the prefilled
// forms, numbered, listed, printed and downloaded, hidden from others; an edited template used;
// appeals refused before the reply and recorded after it; the case published once anonymised
// and found in the library; the applicant's notices on the tracking page.
func TestRequestExtraFlow(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newRequestEnv(t, db.Engine())
		e.setShortName("江南省政")
		number, code := e.file(e.province)
		req := e.requestByNumber(number)
		path := "/console/requests/" + itoa64(req.ID)
		h, csrf := e.login("jn-handler")

		// The acknowledgement, from its form as shown.
		_, body, _ := e.get(h, path)
		v := formValues(t, body, "nt-acknowledgement")
		if v.Get("issued") != "2026-11-26" || v.Get("info") != "2025年江南省本级一般公共预算支出明细" || v.Get("reply_due") == "" || v.Get("channel") != "网上申请平台" {
			t.Fatalf("acknowledgement prefilled with %v", v)
		}
		v.Set("csrf", csrf)
		if status, body, loc := e.do(h, path+"/notices", v); status != 303 || !strings.Contains(loc, "ok=") {
			t.Fatalf("acknowledgement: %d %s", status, body)
		}
		// A correction request, then its notice, numbered 1 of its kind.
		if status, body, _ := e.do(h, path+"/events", url.Values{"csrf": {csrf}, "kind": {"correction_requested"}, "items": {"请写明预算的年度\n请写明所需的科目"}}); status != 303 {
			t.Fatalf("correction: %d %s", status, body)
		}
		_, body, _ = e.get(h, path)
		v = formValues(t, body, "nt-correction")
		if v.Get("correction_items") != "请写明预算的年度\n请写明所需的科目" || v.Get("correction_days") != "15" || v.Get("correction_last_day") == "" {
			t.Fatalf("correction prefilled with %v", v)
		}
		v.Set("csrf", csrf)
		if status, body, _ := e.do(h, path+"/notices", v); status != 303 {
			t.Fatalf("correction notice: %d %s", status, body)
		}
		_, body, _ = e.get(h, path)
		links := noticeNoRE.FindAllStringSubmatch(body, -1)
		if len(links) != 2 || links[0][3] != "江南省政〔2026〕登记第1号" || links[1][3] != "江南省政〔2026〕补正第1号" {
			t.Fatalf("notices listed: %v", links)
		}
		pagePath, correctionNo := links[1][1], links[1][3]

		// The printable page: the stored page, with a CSP that allows nothing but its style.
		resp, page := e.getRaw(h, pagePath)
		csp := resp.Header.Get("Content-Security-Policy")
		if resp.StatusCode != 200 || !strings.Contains(string(page), correctionNo) || !strings.Contains(string(page), "张三丰") ||
			!strings.Contains(string(page), "请写明所需的科目") || !strings.Contains(string(page), "江南省人民政府办公厅政务公开处") {
			t.Fatalf("notice page: %d %s", resp.StatusCode, page)
		}
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "style-src 'sha256-") || strings.Contains(csp, "script") ||
			!strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("notice page CSP %q", csp)
		}
		// The DOCX, named by the number.
		resp, data := e.getRaw(h, pagePath+".docx")
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "wordprocessingml") ||
			!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(resp.Header.Get("Content-Disposition"), url.PathEscape(correctionNo)) {
			t.Fatalf("docx: %d %v", resp.StatusCode, resp.Header)
		}
		if text := docxText(t, data); !strings.Contains(text, correctionNo) || !strings.Contains(text, "请写明所需的科目") {
			t.Fatalf("docx text: %s", text)
		}
		// Other staff: 404 for the notices, and no notice section.
		for _, user := range []string{"jn-editor", "jn-supervisor", "lj-handler"} {
			c, ucsrf := e.login(user)
			for _, p := range []string{pagePath, pagePath + ".docx"} {
				if resp, b := e.getRaw(c, p); resp.StatusCode != 404 || strings.Contains(string(b), "张三丰") {
					t.Errorf("%s GET %s: %d", user, p, resp.StatusCode)
				}
			}
			if status, _, _ := e.do(c, path+"/notices", url.Values{"csrf": {ucsrf}, "kind": {"acknowledgement"}}); status != 404 {
				t.Errorf("%s issued a notice: %d", user, status)
			}
			if _, b, _ := e.get(c, path); strings.Contains(b, `id="notice-forms"`) || strings.Contains(b, correctionNo) {
				t.Errorf("%s sees the notices", user)
			}
		}

		// The administrator's template: a broken one is refused, a valid one is used.
		admin, acsrf := e.login("jn-admin")
		status, body, _ := e.post(admin, "/console/notice-templates", url.Values{"csrf": {acsrf}, "kind": {"extension"}, "template": {"<p>{{.Number</p>"}})
		if status != 400 || !strings.Contains(body, "模板第1行") || !strings.Contains(body, html.EscapeString("<p>{{.Number</p>")) {
			t.Fatalf("broken template: %d", status)
		}
		edited := strings.Replace(notice.DefaultTemplate(notice.KindExtension), `<p class="sign">`, `<p>特此告知，本机关将尽快答复。</p>`+"\n"+`<p class="sign">`, 1)
		if status, body, _ := e.do(admin, "/console/notice-templates", url.Values{"csrf": {acsrf}, "kind": {"extension"}, "template": {edited}}); status != 303 {
			t.Fatalf("valid template: %d %s", status, body)
		}
		if status, body, _ := e.do(h, path+"/events", url.Values{"csrf": {csrf}, "kind": {"corrected"}, "note": {"2025年度一般公共预算"}}); status != 303 {
			t.Fatalf("corrected: %d %s", status, body)
		}
		if status, body, _ := e.do(h, path+"/events", url.Values{"csrf": {csrf}, "kind": {"extended"}, "days": {"10"}, "approver": {"王主任"}}); status != 303 {
			t.Fatalf("extended: %d %s", status, body)
		}
		_, body, _ = e.get(h, path)
		v = formValues(t, body, "nt-extension")
		if v.Get("extension_days") != "10" || v.Get("approver") != "王主任" || v.Get("new_due") == "" {
			t.Fatalf("extension prefilled with %v", v)
		}
		v.Set("csrf", csrf)
		if status, body, _ := e.do(h, path+"/notices", v); status != 303 {
			t.Fatalf("extension notice: %d %s", status, body)
		}
		_, body, _ = e.get(h, path)
		links = noticeNoRE.FindAllStringSubmatch(body, -1)
		if len(links) != 3 || links[2][3] != "江南省政〔2026〕延期第1号" {
			t.Fatalf("notices: %v", links)
		}
		if _, page := e.getRaw(h, links[2][1]); !strings.Contains(string(page), "特此告知，本机关将尽快答复。") || !strings.Contains(string(page), "王主任") {
			t.Fatalf("the edited template was not used: %s", page)
		}

		// Appeals: refused before the reply.
		status, body, _ = e.post(h, path+"/appeals", url.Values{"csrf": {csrf}, "appeal_kind": {"review"}, "filed_on": {"2026-11-26"}})
		if status != 400 || !strings.Contains(body, "该申请尚未答复，不能登记针对答复的复议或诉讼") {
			t.Fatalf("appeal before the reply: %d", status)
		}
		// The reply (不予公开, 过程性信息), then a review recorded and decided.
		if status, body, _ := e.do(h, path+"/reply", url.Values{"csrf": {csrf}, "type": {"withhold"}, "reason": {"withhold:process"},
			"explanation": {"张三丰申请的预算明细尚在讨论中，属于过程性信息。"}}); status != 303 {
			t.Fatalf("reply: %d %s", status, body)
		}
		if status, body, _ := e.do(h, path+"/appeals", url.Values{"csrf": {csrf}, "appeal_kind": {"review"}, "filed_on": {"2026-11-26"}, "note": {"江南省人民政府"}}); status != 303 {
			t.Fatalf("appeal: %d %s", status, body)
		}
		appeals, err := e.db.Appeals(context.Background(), req.ID)
		if err != nil || len(appeals) != 1 || appeals[0].Outcome != request.OutcomePending {
			t.Fatalf("appeals: %v %v", appeals, err)
		}
		aid := itoa64(appeals[0].ID)
		if status, body, _ := e.do(h, path+"/appeals/"+aid+"/decide", url.Values{"csrf": {csrf}, "outcome": {"upheld"}, "decided_on": {"2026-11-26"}}); status != 303 {
			t.Fatalf("decide: %d %s", status, body)
		}
		_, body, _ = e.get(h, path)
		if !strings.Contains(body, `id="appeal-list"`) || !strings.Contains(body, `<td class="appeal-outcome">结果维持</td>`) {
			t.Fatal("the decided review is not listed")
		}

		// The reply notice, then the case: refused with the applicant's name, accepted anonymised.
		v = formValues(t, body, "nt-reply")
		if v.Get("review_body") != e.province.Name || v.Get("issued") != "2026-11-26" {
			t.Fatalf("reply notice prefilled with %v", v)
		}
		v.Set("csrf", csrf)
		if status, body, _ := e.do(h, path+"/notices", v); status != 303 {
			t.Fatalf("reply notice: %d %s", status, body)
		}
		cv := formValues(t, body, "case-form")
		if strings.Contains(cv.Get("summary"), "张三丰") || !strings.Contains(cv.Get("summary"), "过程性信息") || cv.Get("title") == "" {
			t.Fatalf("case draft: %v", cv)
		}
		cv.Set("csrf", csrf)
		named := url.Values{"csrf": {csrf}, "title": cv["title"], "summary": {cv.Get("summary") + "\n申请人张三丰不服。"}}
		status, body, _ = e.post(h, path+"/case", named)
		if status != 400 || !strings.Contains(body, "案例中仍含有申请人的姓名") {
			t.Fatalf("case with the name: %d", status)
		}
		if status, body, _ := e.do(h, path+"/case", cv); status != 303 {
			t.Fatalf("case: %d %s", status, body)
		}
		_, body, _ = e.get(nil, "/cases?type=withhold")
		if !strings.Contains(body, cv.Get("title")) || strings.Contains(body, "张三丰") {
			t.Fatalf("the case is not in the library: %s", body)
		}

		// The applicant sees the notices addressed to them, and opens one.
		status, body, _ = e.post(e.client(), "/track", url.Values{"number": {number}, "code": {code}})
		if status != 200 || !strings.Contains(body, `id="track-notices"`) || !strings.Contains(body, correctionNo) || !strings.Contains(body, "江南省政〔2026〕答复第1号") {
			t.Fatalf("tracking page: %d", status)
		}
		m := trackLinkRE.FindAllStringSubmatch(body, -1)
		if len(m) != 4 {
			t.Fatalf("%d notice links on the tracking page", len(m))
		}
		resp, page = e.getRaw(e.client(), html.UnescapeString(m[1][1]))
		if resp.StatusCode != 200 || !strings.Contains(string(page), correctionNo) || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
			t.Fatalf("the applicant's notice: %d", resp.StatusCode)
		}
	})
}

// TestRequestNoticeKinds: every kind's form, as prefilled from the log, makes its notice; bad
// input is refused with the form kept.
func TestRequestNoticeKinds(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	number, code := e.file(e.province)
	req := e.requestByNumber(number)
	path := "/console/requests/" + itoa64(req.ID)
	h, csrf := e.login("jn-handler")
	for _, ev := range []url.Values{
		{"kind": {"third_party_consult_start"}, "party": {"江南建设工程有限公司"}},
		{"kind": {"third_party_consult_end"}, "party": {"江南建设工程有限公司"}},
		{"kind": {"fee_notice"}, "fee_method": {"pages"}, "fee_pages": {"120"}, "how_to_pay": {"通过非税收入统一缴款平台缴纳。"}},
	} {
		ev.Set("csrf", csrf)
		if status, body, _ := e.do(h, path+"/events", ev); status != 303 {
			t.Fatalf("%s: %d %s", ev.Get("kind"), status, body)
		}
	}
	_, page, _ := e.get(h, path)
	if strings.Contains(page, `id="nt-reply"`) {
		t.Error("a reply notice is offered before the reply")
	}
	for _, tt := range []struct {
		kind   string
		change url.Values // fields replaced in the prefilled form
		status int
		want   []string // in the notice page, or in the error page
	}{
		{"third_party", nil, 303, []string{"征求第三方意见书", "江南建设工程有限公司", "〔2026〕征求第1号"}},
		{"fee", nil, 303, []string{"收取信息处理费通知书", "1100.00元", "按量计收", "〔2026〕收费第1号"}},
		{"fee", url.Values{"fee_amount": {"12.5元"}}, 303, []string{"12.50元", "〔2026〕收费第2号"}},
		{"fee", url.Values{"fee_amount": {"十二元"}}, 400, []string{"收费金额应为以元为单位的数字"}},
		{"fee", url.Values{"fee_method": {""}}, 400, []string{"请选择计费方式"}},
		{"correction", url.Values{"correction_items": {""}}, 400, []string{"请一次性列明需要补正的全部事项"}},
		{"acknowledgement", url.Values{"issued": {"2026-12-01"}}, 400, []string{"文书日期不能晚于今天"}},
		{"acknowledgement", url.Values{"issued": {"2026-02-30"}}, 400, []string{"不是有效日期"}},
		{"extension", nil, 400, []string{"延长的期限应为1至20个工作日"}},
		{"reply", url.Values{"review_body": {"江南省人民政府"}}, 400, []string{"该申请尚未答复，不能生成答复书"}},
		{"nonsense", nil, 400, []string{"请选择要生成的告知书"}},
	} {
		v := url.Values{"kind": {tt.kind}}
		if strings.Contains(page, `id="nt-`+tt.kind+`"`) {
			v = formValues(t, page, "nt-"+tt.kind)
		}
		for k, x := range tt.change {
			v[k] = x
		}
		v.Set("csrf", csrf)
		status, body, _ := e.post(h, path+"/notices", v)
		if status != tt.status {
			t.Errorf("%s %v: status %d, want %d", tt.kind, tt.change, status, tt.status)
			continue
		}
		if status == 303 {
			notices, err := e.db.RequestNotices(context.Background(), req.ID)
			if err != nil || len(notices) == 0 {
				t.Fatal(err)
			}
			body = notices[len(notices)-1].BodyHTML
		} else if strings.Contains(page, `id="nt-`+tt.kind+`"`) && !strings.Contains(body, `<details open><summary>`) {
			t.Errorf("%s: the failed form is not open", tt.kind)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s %v: lacks %q", tt.kind, tt.change, w)
			}
		}
	}
	// The third party's letter is not the applicant's: not listed, and not served even through a
	// signed link.
	_, body, _ := e.post(e.client(), "/track", url.Values{"number": {number}, "code": {code}})
	table := regexp.MustCompile(`(?s)<table class="doclist compact" id="track-notices">.*?</table>`).FindString(body)
	if !strings.Contains(table, "收取信息处理费通知书") || strings.Contains(table, "征求第三方意见书") {
		t.Error("the tracking page's notices")
	}
	notices, _ := e.db.RequestNotices(context.Background(), req.ID)
	key, err := New(Config{DB: e.db, Logger: testLogger(t)}).formKey(context.Background())
	if err != nil || notices[0].Kind != "third_party" {
		t.Fatal(err, notices[0].Kind)
	}
	sid, exp := itoa64(notices[0].ID), "9999999999"
	if status, _, _ := e.get(nil, "/track/notices/"+sid+"?exp="+exp+"&sig="+sign(key, "notice", sid, exp)); status != 404 {
		t.Errorf("the third party's letter served to the applicant: %d", status)
	}
	sid = itoa64(notices[1].ID)
	if status, _, _ := e.get(nil, "/track/notices/"+sid+"?exp="+exp+"&sig="+sign(key, "notice", sid, exp)); status != 200 {
		t.Errorf("the fee notice through a signed link: %d", status)
	}
	if status, _, _ := e.get(nil, "/track/notices/"+sid+"?exp="+exp+"&sig=00"+sign(key, "notice", sid, exp)[2:]); status != 404 {
		t.Errorf("a forged link: %d", status)
	}
	if status, _, _ := e.get(nil, "/track/notices/"+sid+"?exp=1&sig="+sign(key, "notice", sid, "1")); status != 404 {
		t.Errorf("an expired link: %d", status)
	}
}

// TestNoticeTemplates: only the organisation's administrator edits; every kind's form shows the
// default; errors are in Chinese with the text kept; a reset returns to the default.
func TestNoticeTemplates(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	admin, acsrf := e.login("jn-admin")
	_, body, _ := e.get(admin, "/console/notice-templates")
	for _, k := range notice.Kinds() {
		v := formValues(t, body, "tpl-form-"+string(k))
		if v.Get("template") != notice.DefaultTemplate(k) {
			t.Errorf("%s: the form does not hold the default template", k)
		}
	}
	valid := strings.Replace(notice.DefaultTemplate(notice.KindAcknowledgement), "<h1>", `<p class="center">（网上申请专用）</p>`+"\n<h1>", 1)
	for _, tt := range []struct {
		name, user, kind, text string
		status                 int
		want                   string
	}{
		{"syntax", "jn-admin", "correction", "<p>{{if .Number}}</p>", 400, "有语法错误"},
		{"unknown field", "jn-admin", "correction", "<p>{{.Number}}{{cnDate .Issued}}{{.Nonexistent}}</p>", 400, "引用了不存在的字段“Nonexistent”"},
		{"no number", "jn-admin", "correction", "<p>{{cnDate .Issued}}</p>", 400, "模板须显示文书编号"},
		{"script", "jn-admin", "correction", "<p>{{.Number}}{{cnDate .Issued}}</p><script>alert(1)</script>", 400, "模板"},
		{"reply without remedy", "jn-admin", "reply", "<p>{{.Number}}{{cnDate .Issued}}</p>", 400, "答复书须告知救济途径"},
		{"unknown kind", "jn-admin", "memo", "<p>x</p>", 400, "请选择要修改的告知书模板"},
		{"not an admin", "jn-handler", "acknowledgement", valid, 403, "只有本机构管理员可以修改告知书模板"},
		{"valid", "jn-admin", "acknowledgement", valid, 303, ""},
	} {
		c, csrf := admin, acsrf
		if tt.user != "jn-admin" {
			c, csrf = e.login(tt.user)
		}
		status, body, _ := e.post(c, "/console/notice-templates", url.Values{"csrf": {csrf}, "kind": {tt.kind}, "template": {tt.text}})
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, want %d with %q", tt.name, status, tt.status, tt.want)
		}
		if status == 400 && tt.kind != "memo" && !strings.Contains(body, html.EscapeString(tt.text)) {
			t.Errorf("%s: the text typed is not kept", tt.name)
		}
	}
	stored, _, _ := e.db.Setting(context.Background(), noticeTemplateSetting(e.province.ID, notice.KindAcknowledgement))
	if stored != valid {
		t.Fatalf("stored template %q", stored)
	}
	resp, page := e.getRaw(admin, "/console/notice-templates/acknowledgement/preview")
	if resp.StatusCode != 200 || !strings.Contains(string(page), "（网上申请专用）") || !strings.Contains(string(page), "江南省人民政府〔2025〕登记第1号") {
		t.Fatalf("preview: %d %s", resp.StatusCode, page)
	}
	// The handler's notice uses it; others see the templates read-only.
	number, _ := e.file(e.province)
	path := "/console/requests/" + itoa64(e.requestByNumber(number).ID)
	h, csrf := e.login("jn-handler")
	_, body, _ = e.get(h, path)
	v := formValues(t, body, "nt-acknowledgement")
	v.Set("csrf", csrf)
	if status, body, _ := e.do(h, path+"/notices", v); status != 303 {
		t.Fatalf("notice: %d %s", status, body)
	}
	if _, body, _ = e.get(h, "/console/notice-templates"); !strings.Contains(body, "只有本机构管理员可以修改告知书模板。") || !strings.Contains(body, "<fieldset disabled>") {
		t.Error("the handler's template page is not read-only")
	}
	notices, _ := e.db.RequestNotices(context.Background(), e.requestByNumber(number).ID)
	if len(notices) != 1 || !strings.Contains(notices[0].BodyHTML, "（网上申请专用）") || !strings.Contains(notices[0].Number, "江南省人民政府〔2026〕登记第1号") {
		t.Fatalf("notice made without the edited template: %+v", notices)
	}
	if status, _, _ := e.do(admin, "/console/notice-templates", url.Values{"csrf": {acsrf}, "kind": {"acknowledgement"}, "reset": {"1"}}); status != 303 {
		t.Fatal("reset")
	}
	if stored, _, _ := e.db.Setting(context.Background(), noticeTemplateSetting(e.province.ID, notice.KindAcknowledgement)); stored != "" {
		t.Fatalf("after the reset: %q", stored)
	}
}

// TestRequestAppeals: the checks of an appeal and of its outcome.
func TestRequestAppeals(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	number, _ := e.file(e.province)
	req := e.requestByNumber(number)
	path := "/console/requests/" + itoa64(req.ID)
	h, csrf := e.login("jn-handler")
	_, body, _ := e.get(h, path)
	if strings.Contains(body, `id="appeal-form"`) {
		t.Error("the appeal form is offered before the reply")
	}
	if status, body, _ := e.do(h, path+"/reply", url.Values{"csrf": {csrf}, "type": {"disclose"}, "how_to_obtain": {"随本答复提供。"}}); status != 303 {
		t.Fatalf("reply: %d %s", status, body)
	}
	for _, tt := range []struct {
		name   string
		user   string
		form   url.Values
		status int
		want   string
	}{
		{"no kind", "jn-handler", url.Values{"filed_on": {"2026-11-26"}}, 400, "请选择行政复议或行政诉讼"},
		{"no date", "jn-handler", url.Values{"appeal_kind": {"review"}}, 400, "请填写申请复议或起诉的日期"},
		{"before the reply", "jn-handler", url.Values{"appeal_kind": {"review"}, "filed_on": {"2026-11-25"}}, 400, "复议或起诉日期不能早于答复日期"},
		{"future", "jn-handler", url.Values{"appeal_kind": {"review"}, "filed_on": {"2026-11-27"}}, 400, "不能登记今天以后的日期"},
		{"pending with a date", "jn-handler", url.Values{"appeal_kind": {"litigation"}, "filed_on": {"2026-11-26"}, "outcome": {"pending"}, "decided_on": {"2026-11-26"}}, 400, "尚未审结的案件不应有审结日期"},
		{"not a handler", "jn-editor", url.Values{"appeal_kind": {"review"}, "filed_on": {"2026-11-26"}}, 403, "只有受理机关的办理人员可以办理该申请"},
		{"other organisation", "lj-handler", url.Values{"appeal_kind": {"review"}, "filed_on": {"2026-11-26"}}, 404, ""},
		{"review", "jn-handler", url.Values{"appeal_kind": {"review"}, "filed_on": {"2026-11-26"}}, 303, ""},
		{"litigation decided", "jn-handler", url.Values{"appeal_kind": {"litigation_after_review"}, "filed_on": {"2026-11-26"}, "outcome": {"corrected"}, "decided_on": {"2026-11-26"}}, 303, ""},
	} {
		c, ucsrf := h, csrf
		if tt.user != "jn-handler" {
			c, ucsrf = e.login(tt.user)
		}
		tt.form.Set("csrf", ucsrf)
		status, body, _ := e.post(c, path+"/appeals", tt.form)
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, want %d with %q", tt.name, status, tt.status, tt.want)
		}
	}
	appeals, _ := e.db.Appeals(context.Background(), req.ID)
	if len(appeals) != 2 || appeals[1].Outcome != request.OutcomeCorrected {
		t.Fatalf("appeals: %+v", appeals)
	}
	aid := itoa64(appeals[0].ID)
	for _, tt := range []struct {
		name   string
		path   string
		form   url.Values
		status int
		want   string
	}{
		{"no outcome", aid, url.Values{"decided_on": {"2026-11-26"}}, 400, "请选择审理结果"},
		{"no date", aid, url.Values{"outcome": {"upheld"}}, 400, "请填写不早于申请日期的审结日期"},
		{"unknown appeal", "999999", url.Values{"outcome": {"upheld"}, "decided_on": {"2026-11-26"}}, 404, ""},
		{"upheld", aid, url.Values{"outcome": {"upheld"}, "decided_on": {"2026-11-26"}, "note": {"复议维持"}}, 303, ""},
	} {
		tt.form.Set("csrf", csrf)
		status, body, _ := e.post(h, path+"/appeals/"+tt.path+"/decide", tt.form)
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("decide %s: %d, want %d with %q", tt.name, status, tt.status, tt.want)
		}
	}
	appeals, _ = e.db.Appeals(context.Background(), req.ID)
	if appeals[0].Outcome != request.OutcomeUpheld || appeals[0].Note != "复议维持" {
		t.Fatalf("decided: %+v", appeals[0])
	}
	// The supervisor reads the list without the forms.
	sup, _ := e.login("jn-supervisor")
	_, body, _ = e.get(sup, path)
	if !strings.Contains(body, "行政诉讼（复议后起诉）") || !strings.Contains(body, "结果纠正") || strings.Contains(body, `id="appeal-form"`) {
		t.Error("the supervisor's view of the appeals")
	}
}

// TestRequestCases: publication checks, the library's search and filters, the case's page,
// the link from the column, and the cases shown next to the reply form.
func TestRequestCases(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	h, csrf := e.login("jn-handler")
	reply := func(number string, form url.Values) string {
		t.Helper()
		path := "/console/requests/" + itoa64(e.requestByNumber(number).ID)
		form.Set("csrf", csrf)
		if status, body, _ := e.do(h, path+"/reply", form); status != 303 {
			t.Fatalf("reply: %d %s", status, body)
		}
		return path
	}
	first, _ := e.file(e.province)
	path := reply(first, url.Values{"type": {"unable"}, "reason": {"unable:not_held"}, "explanation": {"经检索，本机关未制作或获取该预算明细。联系电话13912345678已核实。"}})
	second, _ := e.fileAs(e.province, "李四", residentID("11010119850101123"), func(v url.Values) {
		v.Set("info_name", "江南省省级机关办公用房清单")
		v.Set("description", "2024年省级机关办公用房使用情况")
	})
	path2 := reply(second, url.Values{"type": {"withhold"}, "reason": {"withhold:process"}, "explanation": {"该清单尚在核对中。"}})

	_, body, _ := e.get(h, path)
	cv := formValues(t, body, "case-form")
	if strings.Contains(cv.Get("summary"), "13912345678") || !strings.Contains(cv.Get("summary"), "（联系电话已隐去）") || !strings.Contains(cv.Get("title"), "无法提供") {
		t.Fatalf("case draft: %v", cv)
	}
	for _, tt := range []struct {
		name, title, summary string
		status               int
		want                 string
	}{
		{"name", cv.Get("title"), "张三丰申请公开预算明细。", 400, "案例中仍含有申请人的姓名、证件号码或联系方式"},
		{"identity number", cv.Get("title"), "证件号码" + testIDNumber, 400, "案例中仍含有申请人的姓名、证件号码或联系方式"},
		{"phone in the title", "13912345678的申请", "摘要", 400, "案例中仍含有申请人的姓名、证件号码或联系方式"},
		{"no summary", cv.Get("title"), "", 400, "请填写案例标题"},
		{"anonymised", cv.Get("title"), cv.Get("summary"), 303, ""},
		{"twice", cv.Get("title"), cv.Get("summary"), 409, "该申请已发布为案例"},
	} {
		status, body, _ := e.post(h, path+"/case", url.Values{"csrf": {csrf}, "title": {tt.title}, "summary": {tt.summary}})
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, want %d with %q", tt.name, status, tt.status, tt.want)
		}
	}
	cv2 := formValues(t, func() string { _, b, _ := e.get(h, path2); return b }(), "case-form")
	cv2.Set("csrf", csrf)
	if status, body, _ := e.do(h, path2+"/case", cv2); status != 303 {
		t.Fatalf("second case: %d %s", status, body)
	}
	if _, body, _ = e.get(h, path); !strings.Contains(body, `id="case-published"`) || strings.Contains(body, `id="case-form"`) {
		t.Error("the published case is not shown on the application")
	}

	// The library.
	for _, tt := range []struct {
		query      string
		want, not  []string
		statusWant int
	}{
		{"", []string{cv.Get("title"), cv2.Get("title"), "江南省人民政府"}, nil, 200},
		{"?type=unable", []string{cv.Get("title")}, []string{cv2.Get("title")}, 200},
		{"?type=withhold&reason=withhold:process", []string{cv2.Get("title")}, []string{cv.Get("title")}, 200},
		{"?reason=withhold:process", []string{cv2.Get("title")}, []string{cv.Get("title")}, 200},
		{"?type=withhold&reason=unable:not_held", []string{cv2.Get("title")}, []string{cv.Get("title")}, 200},
		{"?q=" + url.QueryEscape("办公用房"), []string{cv2.Get("title")}, []string{cv.Get("title")}, 200},
		{"?q=" + url.QueryEscape("不存在的词语"), []string{"没有找到符合条件的案例。"}, []string{cv.Get("title")}, 200},
		{"?type=bogus", []string{cv.Get("title"), cv2.Get("title")}, nil, 200},
	} {
		status, body, _ := e.get(nil, "/cases"+tt.query)
		if status != tt.statusWant {
			t.Errorf("/cases%s: %d", tt.query, status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, html.EscapeString(w)) {
				t.Errorf("/cases%s lacks %q", tt.query, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(body, html.EscapeString(w)) {
				t.Errorf("/cases%s has %q", tt.query, w)
			}
		}
	}
	cases, _ := e.db.Cases(context.Background(), store.CaseFilter{ReplyType: request.ReplyUnable})
	status, body, _ := e.get(nil, "/cases/"+itoa64(cases[0].ID))
	if status != 200 || !strings.Contains(body, "本机关不掌握相关政府信息") || !strings.Contains(body, "第三十六条") || strings.Contains(body, "张三丰") {
		t.Fatalf("case page: %d", status)
	}
	if status, _, _ := e.get(nil, "/cases/999999"); status != 404 {
		t.Errorf("missing case: %d", status)
	}
	if status, body, _ := e.get(nil, "/cases"); status != 200 || !strings.Contains(body, "<title>案例指导") {
		t.Errorf("library title")
	}
	if _, body, _ := e.get(nil, e.province.SitePath()+"c/apply"); !strings.Contains(body, `href="/cases"`) {
		t.Error("the 依申请公开 column does not link to the cases")
	}
	if _, body, _ := e.get(nil, "/cases?q="+strings.Repeat("长", 101)); !strings.Contains(body, "检索词无效或过长") {
		t.Error("a long search is accepted")
	}

	// The cases to follow, next to the reply form of an open application.
	third, _ := e.fileAs(e.province, "王五", residentID("11010119700101123"), func(v url.Values) { v.Set("info_name", "江南省交通规划") })
	path3 := "/console/requests/" + itoa64(e.requestByNumber(third).ID)
	_, body, _ = e.get(h, path3)
	if !strings.Contains(body, `id="case-examples"`) || strings.Contains(body, `id="case-example-list"`) {
		t.Fatal("the examples before a type is chosen")
	}
	for _, tt := range []struct {
		query     string
		want, not string
	}{
		{"?case_type=unable", cv.Get("title"), cv2.Get("title")},
		{"?case_type=withhold&case_reason=withhold:process", cv2.Get("title"), cv.Get("title")},
		{"?case_type=withhold&case_reason=withhold:state_secret", "暂无同类案例", cv2.Get("title")},
	} {
		_, body, _ := e.get(h, path3+tt.query)
		if !strings.Contains(body, html.EscapeString(tt.want)) || strings.Contains(body, html.EscapeString(tt.not)) {
			t.Errorf("examples %s: want %q, not %q", tt.query, tt.want, tt.not)
		}
	}
	// The reply form starts with the type chosen; a failed reply shows its type's cases.
	_, body, _ = e.get(h, path3+"?case_type=unable")
	if v := formValues(t, body, "reply-form"); v.Get("type") != "unable" {
		t.Errorf("the reply form starts with %q", v.Get("type"))
	}
	status, body, _ = e.post(h, path3+"/reply", url.Values{"csrf": {csrf}, "type": {"withhold"}, "reason": {"withhold:process"}})
	if status != 400 || !strings.Contains(body, html.EscapeString(cv2.Get("title"))) {
		t.Errorf("a failed reply: %d, without its examples", status)
	}
}

// TestRequestArt44: two applicants asking for the same information prompt proactive
// disclosure, with links to the other applications and a draft document.
func TestRequestArt44(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	h, _ := e.login("jn-handler")
	first, _ := e.file(e.province)
	again, _ := e.file(e.province) // the same applicant again: not another applicant
	p1 := "/console/requests/" + itoa64(e.requestByNumber(first).ID)
	if _, body, _ := e.get(h, p1); strings.Contains(body, `id="art44"`) {
		t.Fatal("the prompt for one applicant")
	}
	other, _ := e.fileAs(e.province, "李四", residentID("11010119850101123"), nil)
	different, _ := e.fileAs(e.province, "王五", residentID("11010119700101123"), func(v url.Values) {
		v.Set("info_name", "江南省交通运输发展规划")
		v.Set("description", "2021年以来高速公路建设项目清单")
	})
	_, body, _ := e.get(h, p1)
	if !strings.Contains(body, `id="art44"`) || !strings.Contains(body, "已有1件其他申请人申请相同或相近的信息，依据条例第四十四条，可以纳入主动公开范围") {
		t.Fatal("no Art. 44 prompt")
	}
	o := e.requestByNumber(other)
	if !strings.Contains(body, `href="/console/requests/`+itoa64(o.ID)+`"`) || strings.Contains(body, `href="/console/requests/`+itoa64(e.requestByNumber(different).ID)+`"`) ||
		strings.Contains(body, `href="/console/requests/`+itoa64(e.requestByNumber(again).ID)+`"`) {
		t.Error("the prompt's links")
	}
	m := regexp.MustCompile(`href="(/console/documents/new\?title=[^"]+)" id="art44-draft"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no link to draft a document")
	}
	ed, _ := e.login("jn-editor")
	if _, body, _ := e.get(ed, html.UnescapeString(m[1])); !strings.Contains(body, `value="2025年江南省本级一般公共预算支出明细"`) {
		t.Error("the draft does not start with the title")
	}
	// The other applicant's application shows it too; the supervisor sees it as well.
	sup, _ := e.login("jn-supervisor")
	if _, body, _ := e.get(sup, "/console/requests/"+itoa64(o.ID)); !strings.Contains(body, "已有2件其他申请人") {
		t.Error("the prompt on the other application")
	}
}

// TestRequestPolicyFromStore: the web reads the policy from the store; bad settings are ignored
// one by one.
func TestRequestPolicyFromStore(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	ctx := context.Background()
	for k, v := range map[string]string{request.SettingAbuseThreshold: "3", request.SettingCorrectionPeriodDays: "100",
		request.SettingPauseForFee: "no", request.SettingCountReceiptDay: "true"} {
		if err := e.db.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	want := request.DefaultPolicy()
	want.AbuseThreshold, want.CountReceiptDay = 3, true
	if got := e.db.RequestPolicy(ctx); got != want {
		t.Fatalf("policy %+v, want %+v", got, want)
	}
	if got := New(Config{DB: e.db, Logger: testLogger(t)}).clocking(ctx).Policy; got != want {
		t.Fatalf("web policy %+v", got)
	}
}

// TestRequestExtraKeysTranslated: titles, flash messages, errors and labels of the notice,
// appeal and case pages have English entries.
func TestRequestExtraKeysTranslated(t *testing.T) {
	checkGoTexts(t, 30, "request_notice.go", "request_appeal.go", "request_case.go")
	var labels []string
	for _, f := range commonNoticeFields {
		labels = append(labels, f.Label)
	}
	for _, k := range notice.Kinds() {
		labels = append(labels, k.Title(), noticeHints[k])
		for _, f := range noticeFieldSpecs[k] {
			labels = append(labels, f.Label)
		}
	}
	for _, k := range request.AppealKinds() {
		labels = append(labels, k.Label())
	}
	for _, o := range request.AppealOutcomes() {
		labels = append(labels, o.Label())
	}
	for _, l := range labels {
		if _, ok := english[l]; !ok || l == "" {
			t.Errorf("no English for the label %q", l)
		}
	}
	// The pages in English.
	e := newRequestEnv(t, store.SQLite)
	c := e.client()
	e.get(c, "/prefs/lang?l=en&next=/")
	if _, body, _ := e.get(c, "/cases"); !strings.Contains(body, "Guidance Cases") || !strings.Contains(body, "Sub-reason") {
		t.Error("the case library in English")
	}
}
