package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gongkai/internal/audit"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

const warn2027 = "2027年的法定节假日安排尚未录入，期限按双休日计算，仅供参考"

// TestCalendarPage: an administrator of the top organisation loads 2027 through the form and 2028
// as a file; the load is audited and the due dates follow it at once; until then the pages and
// the API warn (in Chinese, and in English for English pages and the API's warnings_en) that 2027
// is counted by weekday. calendar.unknown_year is changed on the same page. Others may only read.
func TestCalendarPage(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	ctx := context.Background()
	if _, err := e.db.CreateUser(ctx, audit.System, org.User{OrgID: e.city.ID, Username: "lj-admin", Role: org.RoleAdmin}, password); err != nil {
		t.Fatal(err)
	}
	// Received 2026-11-26 (today on the test server), extended by 15 working days: the period
	// reaches into 2027. Due 2026-12-24, then 12-25, 12-28…31, 2027-01-01 (a Friday, counted by
	// weekday while 2027 is not entered), 01-04…08, 01-11…14: 2027-01-14.
	id := "11010119900307123"
	id += string(request.ResidentIDCheckChar(id))
	in := store.NewRequest{OrgID: e.province.ID, Channel: request.Online, ReceivedOn: workday.MustParseDate("2026-11-26"), Description: "2027年预算",
		Applicant: request.Applicant{Kind: request.NaturalPerson, Name: "李四", ID: request.Identity{Kind: request.ResidentID, Number: id}, Phone: "13912345678"}}
	req, _, err := e.db.CreateRequest(ctx, nil, in, e.clocking())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.AddRequestEvent(ctx, e.principal("jn-handler"), req.ID, req.LockVersion,
		request.Event{Kind: request.EvExtended, On: workday.MustParseDate("2026-11-26"), Days: 15, Approver: "王主任"}, e.clocking()); err != nil {
		t.Fatal(err)
	}
	handler, _ := e.login("jn-handler")
	reqPage := "/console/requests/" + itoa64(req.ID)
	_, body, _ := e.get(handler, reqPage)
	if !strings.Contains(body, warn2027) || !strings.Contains(body, "2027年1月14日") {
		t.Fatalf("request page before loading 2027: no warning or wrong due date")
	}
	if _, body, _ := e.get(handler, "/console/requests"); !strings.Contains(body, warn2027) {
		t.Error("request list: no warning")
	}
	enReq, _ := http.NewRequest("GET", e.srv.URL+reqPage, nil)
	enReq.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
	if resp, err := handler.Do(enReq); err == nil {
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		resp.Body.Close()
		if !strings.Contains(b.String(), "The official holidays for 2027 have not been entered yet: the period is counted with weekends only and is for reference only") {
			t.Error("English request page: no English warning")
		}
	}
	tok := e.token("jn-handler")
	status, out := e.api("GET", "/api/v1/requests/"+itoa64(req.ID)+"/clock", tok, "")
	if status != 200 || !strings.Contains(jsonString(out), warn2027) || !strings.Contains(jsonString(out), "The official holidays for 2027") {
		t.Errorf("API clock: %d %v", status, out)
	}

	// Reading is open to staff; writing only to the top organisation's administrators.
	editor, editorCSRF := e.login("jn-editor")
	if status, body, _ := e.get(editor, "/console/calendar"); status != 200 || !strings.Contains(body, "程序内置") || !strings.Contains(body, "只有最上级机构的管理员可以录入节假日安排。") {
		t.Errorf("calendar page for an editor: %d", status)
	}
	form2027 := url.Values{"year": {"2027"}, "notice": {"国办发明电〔2026〕7号"},
		"off":  {"2027-01-01 元旦\n2027-02-06 春节\n2027-02-07\n2027-02-08\n2027-02-09\n2027-02-10\n2027-02-11\n2027-02-12"},
		"work": {"2027-02-13 春节"}}
	form := func(csrf string, v url.Values) url.Values {
		out := url.Values{"csrf": {csrf}}
		for k, x := range v {
			out[k] = x
		}
		return out
	}
	if status, _, _ := e.post(editor, "/console/calendar", form(editorCSRF, form2027)); status != http.StatusForbidden {
		t.Errorf("an editor loaded a year: %d", status)
	}
	cityAdmin, cityCSRF := e.login("lj-admin")
	if status, _, _ := e.post(cityAdmin, "/console/calendar", form(cityCSRF, form2027)); status != http.StatusForbidden {
		t.Errorf("a city administrator loaded a year: %d", status)
	}
	if status, _, _ := e.post(cityAdmin, "/console/calendar/setting", url.Values{"csrf": {cityCSRF}, "value": {"refuse"}}); status != http.StatusForbidden {
		t.Errorf("a city administrator changed the setting: %d", status)
	}

	admin, csrf := e.login("jn-admin")
	if status, _, _ := e.post(admin, "/console/calendar", form2027); status != http.StatusForbidden {
		t.Errorf("no CSRF token: %d", status)
	}
	bad := url.Values{"year": {"2027"}, "notice": {"x"}, "off": {"2027-01-01 元旦\n2027-02-30 春节"}}
	if status, body, _ := e.post(admin, "/console/calendar", form(csrf, bad)); status != 400 || !strings.Contains(body, "放假日期第2行") {
		t.Errorf("bad date: %d", status)
	}
	if status, body, _ := e.post(admin, "/console/calendar", form(csrf, url.Values{"year": {"2026"}, "notice": {"x"}, "off": {"2026-03-02 测试"}})); status != 409 || !strings.Contains(body, "程序已内置2026年") {
		t.Errorf("shipped year without replace: %d", status)
	}
	if status, _, h := e.post(admin, "/console/calendar", form(csrf, form2027)); status != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "ok=") {
		t.Fatalf("load 2027: %d", status)
	}
	// A file, with the notice number in its header.
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("csrf", csrf)
	w.WriteField("year", "2028")
	fw, _ := w.CreateFormFile("file", "2028.txt")
	fw.Write([]byte("# 文号：国办发明电〔2027〕3号\r\n2028-01-01 off 元旦\r\n"))
	w.Close()
	up, _ := http.NewRequest("POST", e.srv.URL+"/console/calendar", &buf)
	up.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := admin.Do(up)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload 2028: %d", resp.StatusCode)
	}
	_, body, _ = e.get(admin, "/console/calendar")
	for _, want := range []string{`id="year-2027"`, "工作人员录入：国办发明电〔2026〕7号", "工作人员录入：国办发明电〔2027〕3号", "jn-admin 于"} {
		if !strings.Contains(body, want) {
			t.Errorf("calendar page: no %q", want)
		}
	}
	if _, body, _ := e.get(admin, "/console/calendar/2027.txt"); !strings.Contains(body, "2027-02-13 work 春节") {
		t.Errorf("download: %s", body)
	}
	entries, err := e.db.AuditEntries(ctx, store.AuditFilter{Entity: "calendar_year", Limit: 10})
	if err != nil || len(entries) != 2 || entries[1].Action != "calendar.load" || entries[1].Actor != "jn-admin" {
		t.Errorf("audit: %+v %v", entries, err)
	}

	// The due date follows the loaded year (2027-01-01 is a rest day now: 2027-01-15) and the
	// warning is gone.
	_, body, _ = e.get(handler, reqPage)
	if strings.Contains(body, warn2027) || !strings.Contains(body, "2027年1月15日") {
		t.Errorf("request page after loading 2027: warning still there or due date not moved")
	}
	status, out = e.api("GET", "/api/v1/requests/"+itoa64(req.ID)+"/clock", tok, "")
	if status != 200 || out["due_date"] != "2027-01-15" || strings.Contains(jsonString(out), "2027年的法定节假日") {
		t.Errorf("API clock after loading: %d %v", status, out)
	}

	// calendar.unknown_year.
	if status, _, _ := e.post(admin, "/console/calendar/setting", url.Values{"csrf": {csrf}, "value": {"sometimes"}}); status != 400 {
		t.Errorf("bad setting value: %d", status)
	}
	if status, _, _ := e.post(admin, "/console/calendar/setting", url.Values{"csrf": {csrf}, "value": {"refuse"}}); status != http.StatusSeeOther {
		t.Errorf("setting: %d", status)
	}
	if e.db.RequestPolicy(ctx).UnknownYear != workday.Refuse {
		t.Error("setting not stored")
	}
	if _, body, _ := e.get(admin, "/console/calendar"); !strings.Contains(body, `<option value="refuse" selected>`) {
		t.Error("the page does not show the setting in force")
	}
}

func jsonString(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		case string:
			b.WriteString(x + "\n")
		}
	}
	walk(v)
	return b.String()
}

func TestCalendarKeysTranslated(t *testing.T) {
	checkGoTexts(t, 10, "calendar_web.go")
	for _, zh := range []string{warn2027, "2027年至2028年的法定节假日安排尚未录入，无法计算期限，请先录入该年的国务院办公厅通知",
		"2027年的法定节假日安排尚未录入，2026年12月下旬如有元旦调休尚未计入，期限仅供参考"} {
		if en := calendarWarningEN(zh); en == zh || hasHan(en) {
			t.Errorf("no English for %q: %q", zh, en)
		}
	}
}
