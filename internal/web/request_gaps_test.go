package web

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gongkai/internal/notice"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// track opens the tracking page of an application as its applicant.
func (e *reqEnv) track(number, code string) string {
	e.t.Helper()
	status, body, _ := e.post(e.client(), "/track", url.Values{"number": {number}, "code": {code}})
	if status != 200 {
		e.t.Fatalf("track %s: %d %s", number, status, body)
	}
	return body
}

// TestRequestReminderPages: reminders recorded by the job show as a count in the handler's
// console navigation and on the reminder page, where the handler marks them read; the API lists
// and marks them too. Other organisations' handlers, other staff and the public see none.
func TestRequestReminderPages(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	ctx := context.Background()
	number, _ := e.file(e.province) // received 2026-11-26
	req := e.requestByNumber(number)
	due := req.DueOn
	for _, today := range []workday.Date{due, due.AddDays(1)} {
		c := e.clocking()
		c.Today = today
		if _, err := e.db.RecordRequestReminders(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	h, csrf := e.login("jn-handler")
	if _, body, _ := e.get(h, "/console/"); !strings.Contains(body, `id="nav-reminders">提醒（2）</a>`) {
		t.Fatalf("no reminder count in the navigation")
	}
	status, body, _ := e.get(h, "/console/reminders")
	if status != 200 || strings.Count(body, `name="id" value="`) != 2 || !strings.Contains(body, number) || !strings.Contains(body, "已超过答复期限") ||
		!strings.Contains(body, "答复期限届满前1个工作日") {
		t.Fatalf("reminder page: %d %s", status, body)
	}
	list, _ := e.db.RequestReminders(ctx, e.principal("jn-handler"), store.ReminderFilter{})
	if len(list) != 2 {
		t.Fatalf("reminders %+v", list)
	}
	// Marking needs the CSRF token.
	if status, _, _ := e.do(h, "/console/reminders/read", url.Values{"id": {itoa64(list[0].ID)}}); status != 403 {
		t.Errorf("marked without CSRF: %d", status)
	}
	if status, _, loc := e.do(h, "/console/reminders/read", url.Values{"csrf": {csrf}, "id": {itoa64(list[0].ID)}}); status != 303 || !strings.Contains(loc, "ok=") {
		t.Fatalf("mark read: %d %s", status, loc)
	}
	if _, body, _ := e.get(h, "/console/"); !strings.Contains(body, `id="nav-reminders">提醒（1）</a>`) {
		t.Error("count after marking one read")
	}
	if _, body, _ := e.get(h, "/console/reminders?all=1"); !strings.Contains(body, "已读") || strings.Count(body, `name="id" value="`) != 1 {
		t.Error("all reminders page")
	}
	// Other handlers, other staff.
	lj, _ := e.login("lj-handler")
	if _, body, _ := e.get(lj, "/console/reminders"); strings.Contains(body, number) || !strings.Contains(body, "没有未读的到期提醒。") {
		t.Error("another organisation's handler sees the reminders")
	}
	sup, _ := e.login("jn-supervisor")
	if status, body, _ := e.get(sup, "/console/reminders"); status != 403 || strings.Contains(body, `id="nav-reminders"`) {
		t.Errorf("supervisor: %d", status)
	}
	// The API.
	tok := e.token("jn-handler")
	status, out := e.api("GET", "/api/v1/requests/reminders?unread=1", tok, "")
	if status != 200 || out["unread"] != float64(1) || len(out["reminders"].([]any)) != 1 {
		t.Fatalf("API reminders: %d %v", status, out)
	}
	first := out["reminders"].([]any)[0].(map[string]any)
	if first["number"] != number || first["kind"] != "before:1" || first["due_date"] != due.String() || first["read"] != false {
		t.Errorf("API reminder %v", first)
	}
	if status, out = e.api("GET", "/api/v1/requests/reminders?unread=maybe", tok, ""); status != 400 {
		t.Errorf("bad unread: %d", status)
	}
	if status, out = e.api("GET", "/api/v1/requests/reminders", "", ""); status != 401 {
		t.Errorf("anonymous: %d %v", status, out)
	}
	if status, out = e.api("GET", "/api/v1/requests/reminders", e.token("jn-editor"), ""); status != 403 {
		t.Errorf("editor: %d %v", status, out)
	}
	status, out = e.api("POST", "/api/v1/requests/reminders/read", tok, `{}`)
	if status != 200 || out["marked"] != float64(1) || out["unread"] != float64(0) {
		t.Fatalf("API mark all: %d %v", status, out)
	}
	if _, body, _ := e.get(h, "/console/"); !strings.Contains(body, `id="nav-reminders">提醒</a>`) {
		t.Error("count after marking all read")
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// postFee registers a fee assessment through the console's fee form.
func (e *reqEnv) postFee(number string, pages int) (int, string, string) {
	e.t.Helper()
	h, csrf := e.login("jn-handler")
	req := e.requestByNumber(number)
	return e.do(h, "/console/requests/"+itoa64(req.ID)+"/events", url.Values{"csrf": {csrf}, "kind": {"fee_notice"}, "fee_method": {"pages"},
		"fee_pages": {itoa64(int64(pages))}, "how_to_pay": {"银行转账至非税收入账户"}})
}

// TestFeeFormPagesScope: the console's fee form computes 按量计收 with fee.pages_scope. Under
// "month" an applicant's second application of the month is charged on top of the pages of the
// first (which was free and so recorded without a notice); under "application" each counts on
// its own. The form shows the basis.
func TestFeeFormPagesScope(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	ctx := context.Background()
	if err := e.db.SetSetting(ctx, request.SettingPagesScope, string(request.PagesPerMonth)); err != nil {
		t.Fatal(err)
	}
	me := residentID("11010119850101123")
	first, _ := e.fileAs(e.province, "赵六", me, nil)
	second, _ := e.fileAs(e.province, "赵六", me, nil)
	other, _ := e.fileAs(e.province, "钱七", residentID("11010119750101123"), nil)
	// 20 pages: free, recorded without a fee notice.
	status, _, loc := e.postFee(first, 20)
	if loc, _ = url.QueryUnescape(loc); status != 303 || !strings.Contains(loc, "按标准本件无需收费") {
		t.Fatalf("free assessment: %d %s", status, loc)
	}
	if f, ok, _ := e.db.RequestFee(ctx, e.requestByNumber(first).ID); !ok || f.Pages != 20 || f.AmountFen != 0 {
		t.Fatalf("free assessment not recorded: %+v", f)
	}
	if evs, _ := e.db.RequestEvents(ctx, e.requestByNumber(first).ID); len(evs) != 1 {
		t.Fatalf("a free assessment sent a notice: %+v", evs)
	}
	// The form of the second application shows the basis: the month's 20 pages before it.
	h, _ := e.login("jn-handler")
	path := "/console/requests/" + itoa64(e.requestByNumber(second).ID)
	_, body, _ := e.get(h, path)
	for _, want := range []string{"按同一申请人一个自然月累计（设置 fee.pages_scope = month）", "本月在本申请之前收到该申请人的申请 1 件，共计 1 件（按件计收的累计）；其中按量计收的共 20 页。",
		"本申请的页数从本月第 21 页起计。"} {
		if !strings.Contains(body, want) {
			t.Errorf("fee basis lacks %q", want)
		}
	}
	// 40 pages: the month's pages 21–60, of which 31–60 cost 10 元 each = 300 元.
	if status, body, _ := e.postFee(second, 40); status != 303 {
		t.Fatalf("fee notice: %d %s", status, body)
	}
	evs, _ := e.db.RequestEvents(ctx, e.requestByNumber(second).ID)
	last := evs[len(evs)-1]
	if last.Kind != request.EvFeeNotice || last.AmountFen != 30000 || !strings.Contains(last.Note, "本月累计第21至30页免费，第31至60页每页10.00元") {
		t.Fatalf("month-scope fee: %d %q", last.AmountFen, last.Note)
	}
	if _, body, _ = e.get(h, path); !strings.Contains(body, "计费结果：按量计收，1 件，40 页，金额 300.00元。") {
		t.Error("the assessment is not shown")
	}
	// Another applicant's 40 pages start at page 1 of their own month.
	if status, _, _ := e.postFee(other, 40); status != 303 {
		t.Fatal("other applicant")
	}
	evs, _ = e.db.RequestEvents(ctx, e.requestByNumber(other).ID)
	if last := evs[len(evs)-1]; last.AmountFen != 10000 {
		t.Errorf("other applicant's fee %d", last.AmountFen)
	}
	// Per application (the default): a third application of 赵六 with 40 pages pays for 10 pages.
	if err := e.db.SetSetting(ctx, request.SettingPagesScope, string(request.PagesPerApplication)); err != nil {
		t.Fatal(err)
	}
	third, _ := e.fileAs(e.province, "赵六", me, nil)
	_, body, _ = e.get(h, "/console/requests/"+itoa64(e.requestByNumber(third).ID))
	if !strings.Contains(body, "按每件申请单独计算（设置 fee.pages_scope = application）") || strings.Contains(body, "本申请的页数从本月第") {
		t.Error("per-application basis")
	}
	if status, _, _ := e.postFee(third, 40); status != 303 {
		t.Fatal("third")
	}
	evs, _ = e.db.RequestEvents(ctx, e.requestByNumber(third).ID)
	if last := evs[len(evs)-1]; last.AmountFen != 10000 || !strings.Contains(last.Note, "本件第1至30页免费") {
		t.Errorf("per-application fee %d %q", last.AmountFen, last.Note)
	}
	// The API reports the assessment and its scope.
	fourth, _ := e.fileAs(e.province, "赵六", me, nil)
	status, out := e.api("POST", "/api/v1/requests/"+itoa64(e.requestByNumber(fourth).ID)+"/events", e.token("jn-handler"),
		`{"kind":"fee_notice","fee_method":"pages","fee_pages":10,"how_to_pay":"转账"}`)
	fee, _ := out["fee"].(map[string]any)
	if status != 200 || out["event"] != nil || fee["pages_scope"] != "application" || fee["amount_fen"] != float64(0) {
		t.Errorf("API free assessment: %d %v", status, out)
	}
}

// TestCorrectionUpdatesDescription: after the applicant's correction the application's
// description is the corrected text on the tracking page, the API and the console; the log
// keeps the original.
func TestCorrectionUpdatesDescription(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	number, code := e.file(e.province)
	req := e.requestByNumber(number)
	original := req.Description
	h, csrf := e.login("jn-handler")
	path := "/console/requests/" + itoa64(req.ID)
	if status, body, _ := e.do(h, path+"/events", url.Values{"csrf": {csrf}, "kind": {"correction_requested"}, "items": {"写明预算科目"}}); status != 303 {
		t.Fatalf("correction notice: %d %s", status, body)
	}
	corrected := "2025年江南省本级一般公共预算支出功能分类“教育支出”科目明细表"
	status, body, _ := e.post(e.client(), "/track/correct", url.Values{"number": {number}, "code": {code}, "text": {corrected}})
	if status != 200 {
		t.Fatalf("correct: %d %s", status, body)
	}
	if got := e.requestByNumber(number); got.Description != corrected {
		t.Fatalf("description %q", got.Description)
	}
	body = e.track(number, code)
	descRE := regexp.MustCompile(`<dt>特征性描述</dt><dd class="pre"(?: id="track-description")?>([^<]*)</dd>`)
	if m := descRE.FindStringSubmatch(body); m == nil || m[1] != corrected {
		t.Errorf("tracking page description: %v", m)
	}
	if !strings.Contains(body, "原申请内容："+original) {
		t.Error("the tracking page's log lost the original")
	}
	_, body, _ = e.get(h, path)
	if m := descRE.FindStringSubmatch(body); m == nil || m[1] != corrected {
		t.Errorf("console description: %v", m)
	}
	if !strings.Contains(body, "原申请内容："+original) || !strings.Contains(body, "补正后的申请内容："+corrected) {
		t.Error("the console's log lost the original or the correction")
	}
	status, out := e.api("GET", "/api/v1/requests/"+number+"?code="+code, "", "")
	if status != 200 || out["description"] != corrected {
		t.Errorf("API description: %v", out["description"])
	}
	raw, _ := json.Marshal(out["events"])
	if !strings.Contains(string(raw), `"original":"`+original) {
		t.Errorf("API events lost the original: %s", raw)
	}
}

// TestApplicantPagesHideThirdParty: the tracking page, the API and the receipt show the
// applicant that a third party was consulted (Art. 32) but not who, nor the handler's notes on
// it; the handlers still see the name, other staff do not. A case naming the third party is
// refused.
func TestApplicantPagesHideThirdParty(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	number, code := e.file(e.province)
	req := e.requestByNumber(number)
	h, csrf := e.login("jn-handler")
	path := "/console/requests/" + itoa64(req.ID)
	const party, note = "张三建筑有限公司", "涉及张三建筑的投标报价，属商业秘密"
	for _, v := range []url.Values{
		{"kind": {"third_party_consult_start"}, "party": {party}, "note": {note}},
		{"kind": {"organ_consult_start"}, "party": {"江南省财政厅"}},
	} {
		v.Set("csrf", csrf)
		if status, body, _ := e.do(h, path+"/events", v); status != 303 {
			t.Fatalf("consultation: %d %s", status, body)
		}
	}
	body := e.track(number, code)
	if strings.Contains(body, "张三") || !strings.Contains(body, "发出征求第三方意见书") || !strings.Contains(body, "江南省财政厅") {
		t.Errorf("tracking page names the third party or lost the consultation:\n%s", body)
	}
	status, out := e.api("GET", "/api/v1/requests/"+number+"?code="+code, "", "")
	raw, _ := json.Marshal(out)
	if status != 200 || strings.Contains(string(raw), "张三") || !strings.Contains(string(raw), "征求第三方意见") {
		t.Errorf("API names the third party: %s", raw)
	}
	// The handler sees the name and the note.
	if _, body, _ := e.get(h, path); !strings.Contains(body, "发出征求第三方意见书（"+party+"）") || !strings.Contains(body, note) {
		t.Error("the handler does not see the third party")
	}
	// Staff who only read the application do not.
	sup, _ := e.login("jn-supervisor")
	if status, body, _ := e.get(sup, path); status != 200 || strings.Contains(body, "张三") {
		t.Errorf("supervisor's page names the third party: %d", status)
	}
	// A guidance case naming the third party is refused.
	if status, out := e.api("POST", "/api/v1/requests/"+itoa64(req.ID)+"/events", e.token("jn-handler"), `{"kind":"third_party_consult_end","party":"`+party+`"}`); status != 201 {
		t.Fatalf("consultation end: %d %v", status, out)
	}
	if status, body, _ := e.do(h, path+"/reply", url.Values{"csrf": {csrf}, "type": {"disclose"}, "how_to_obtain": {"见附件"}}); status != 303 {
		t.Fatalf("reply: %d %s", status, body)
	}
	status, body, _ = e.do(h, path+"/case", url.Values{"csrf": {csrf}, "title": {"申请公开投标报价的答复"}, "summary": {"经征求" + party + "意见，予以公开。"}})
	if status != 400 || !strings.Contains(body, "被征求意见的第三方的名称") {
		t.Errorf("case naming the third party: %d", status)
	}
}

// TestNoticeTemplateAudited: saving and resetting an edited notice template write audit
// entries, like other staff writes.
func TestNoticeTemplateAudited(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	ctx := context.Background()
	admin, csrf := e.login("jn-admin")
	text := strings.Replace(notice.DefaultTemplate(notice.KindCorrection), "<h1>", "<p>（本机关格式）</p>\n<h1>", 1)
	if status, body, _ := e.do(admin, "/console/notice-templates", url.Values{"csrf": {csrf}, "kind": {"correction"}, "template": {text}}); status != 303 {
		t.Fatalf("save: %d %s", status, body)
	}
	if status, _, _ := e.do(admin, "/console/notice-templates", url.Values{"csrf": {csrf}, "kind": {"correction"}, "reset": {"1"}}); status != 303 {
		t.Fatal("reset")
	}
	// A refused template writes nothing.
	if status, _, _ := e.do(admin, "/console/notice-templates", url.Values{"csrf": {csrf}, "kind": {"correction"}, "template": {"<p>{{if</p>"}}); status != 400 {
		t.Fatal("bad template accepted")
	}
	entries, err := e.db.AuditEntries(ctx, store.AuditFilter{OrgIDs: []int64{e.province.ID}, Entity: "org", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, en := range entries {
		if strings.HasPrefix(en.Action, "notice_template.") {
			actions = append(actions, en.Action+" "+en.Actor+" "+en.Detail)
			if en.OrgID != e.province.ID || en.AfterDigest == "" {
				t.Errorf("entry %+v", en)
			}
		}
	}
	if strings.Join(actions, "|") != "notice_template.reset jn-admin correction|notice_template.save jn-admin correction" {
		t.Errorf("audit entries: %v", actions)
	}
	if _, body, _ := e.get(admin, "/console/audit"); !strings.Contains(body, "notice_template.save") {
		t.Error("not on the audit page")
	}
	if _, problems, _ := e.db.VerifyAudit(ctx); len(problems) > 0 {
		t.Fatal(problems)
	}
}

// TestRequestGapsKeysTranslated: the texts set in Go for the reminder pages have English.
func TestRequestGapsKeysTranslated(t *testing.T) {
	checkGoTexts(t, 5, "request_reminder.go")
	e := newRequestEnv(t, store.SQLite)
	h, _ := e.login("jn-handler")
	e.get(h, "/prefs/lang?l=en&next=/console/reminders")
	if _, body, _ := e.get(h, "/console/reminders"); !strings.Contains(body, "Due-Date Reminders") || !strings.Contains(body, "No unread due-date reminders.") {
		t.Errorf("reminder page in English:\n%s", body)
	}
}

// TestProvisionFormAndOralApplication: the form of provision and the way of receiving the
// information the applicant asks for (Art. 29(3), Art. 40) are kept and shown to the handler;
// an applicant who cannot write applies orally and the handler registers it (Art. 29, Art. 43),
// the day it is made being the day of receipt (Art. 31, in person).
func TestProvisionFormAndOralApplication(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	number, _ := e.fileAs(e.province, "孙八", residentID("11010119650101123"), func(v url.Values) {
		v.Set("form", "paper")
		v.Set("delivery", "post")
		v.Set("address", "江南省临江市湖滨路8号")
	})
	req := e.requestByNumber(number)
	if req.Form != "纸质文本" || req.Delivery != "邮寄" {
		t.Fatalf("form %q delivery %q", req.Form, req.Delivery)
	}
	h, _ := e.login("jn-handler")
	if _, body, _ := e.get(h, "/console/requests/"+itoa64(req.ID)); !strings.Contains(body, "<dd>纸质文本</dd>") || !strings.Contains(body, "<dd>邮寄</dd>") {
		t.Error("the console does not show the form of provision")
	}
	status, out := e.api("POST", "/api/v1/requests", e.token("jn-handler"), `{"applicant":{"kind":"natural_person","name":"周九","id_number":"`+
		residentID("11010119550101123")+`","phone":"13800002222"},"description":"口头申请：本村2025年低保名单","channel":"oral","received_on":"2026-11-25"}`)
	if status != 201 || out["channel"] != "oral" || out["received_on"] != "2026-11-25" {
		t.Fatalf("oral application: %d %v", status, out)
	}
}
