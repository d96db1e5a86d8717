package web

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

const art41Evidence = "户口簿第3页记载出生日期为1990年3月7日，档案记为1990年7月3日"

// fileCorrection files a correction request (Art. 41) through the public form.
func (e *reqEnv) fileCorrection(change func(url.Values)) (int, string) {
	e.t.Helper()
	v := applicationValues(e.applyForm(e.province))
	v.Set("purpose", "correction")
	v.Set("info_name", "本人企业职工档案中记载的出生日期")
	v.Del("description")
	v.Set("evidence", art41Evidence)
	if change != nil {
		change(v)
	}
	status, body, _ := e.post(e.client(), e.province.SitePath()+"apply", v)
	return status, body
}

// TestArt41CorrectionRequest: LEGAL.md §1.3 Art. 41 end to end — the public form offers the
// correction purpose and requires the evidence; the application runs the Art. 33 clock; its
// evidence is shown to the handlers only; a disclosure reply is refused for it, and each
// correction outcome is recorded; the outcome's notice (printable and DOCX) is generated from
// its template and shown with the outcome on the tracking page. Both engines.
func TestArt41CorrectionRequest(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newRequestEnv(t, db.Engine())
		// The form offers the purpose.
		_, form, _ := e.get(nil, e.province.SitePath()+"apply")
		for _, want := range []string{`name="purpose" value="correction"`, "申请更正与本人相关的政府信息", `name="evidence"`} {
			if !strings.Contains(form, want) {
				t.Fatalf("form lacks %q", want)
			}
		}
		// Without evidence: refused, nothing stored.
		before := e.count(e.province)
		if status, body := e.fileCorrection(func(v url.Values) { v.Del("evidence") }); status != 400 || !strings.Contains(body, "条例第四十一条") {
			t.Fatalf("correction without evidence: %d", status)
		}
		if status, _ := e.fileCorrection(func(v url.Values) { v.Set("purpose", "amend") }); status != 400 {
			t.Fatalf("unknown purpose: %d", status)
		}
		if e.count(e.province) != before {
			t.Fatal("a refused application was stored")
		}
		status, body := e.fileCorrection(nil)
		n, c := receiptNoRE.FindStringSubmatch(body), receiptCode.FindStringSubmatch(body)
		if status != 200 || n == nil || c == nil {
			t.Fatalf("apply: %d %s", status, body)
		}
		number, code := n[1], c[1]
		req := e.requestByNumber(number)
		// Received 2026-11-26: 20 working days (Art. 33), as any application.
		if req.Purpose != request.PurposeCorrection || req.DueOn.String() != "2026-12-24" {
			t.Fatalf("stored: %+v", req)
		}
		page := e.track(number, code)
		if !strings.Contains(page, `id="track-purpose"`) || strings.Contains(page, art41Evidence) {
			t.Error("tracking page: purpose missing, or the evidence shown")
		}

		path := "/console/requests/" + itoa64(req.ID)
		// Staff who only read the application see neither the evidence nor the record to correct.
		sup, _ := e.login("jn-supervisor")
		if status, body, _ := e.get(sup, path); status != 200 || strings.Contains(body, art41Evidence) || strings.Contains(body, "职工档案") ||
			!strings.Contains(body, `id="correction-hidden"`) {
			t.Errorf("supervisor's view: %d", status)
		}
		h, csrf := e.login("jn-handler")
		_, body, _ = e.get(h, path)
		for _, want := range []string{`id="purpose-correction"`, `id="evidence"`, art41Evidence, `id="correction-reply-form"`, `value="transferred"`} {
			if !strings.Contains(body, want) {
				t.Errorf("handler's page lacks %q", want)
			}
		}
		if strings.Contains(body, `id="reply-form"`) || strings.Contains(body, `id="nt-fee"`) || strings.Contains(body, `id="nt-reply"`) {
			t.Error("disclosure reply form or notices offered for a correction request")
		}
		// A disclosure reply is refused, with the reason.
		if status, body, _ := e.do(h, path+"/reply", url.Values{"csrf": {csrf}, "type": {"disclose"}, "how_to_obtain": {"x"}}); status != 400 ||
			!strings.Contains(body, "不能答复“予以公开”") {
			t.Fatalf("disclosure reply: %d", status)
		}
		// 不予更正 needs its ground and reasons.
		if status, body, _ := e.do(h, path+"/reply", url.Values{"csrf": {csrf}, "type": {"not_corrected"}, "explanation": {"x"}}); status != 400 ||
			!strings.Contains(body, "不予更正的情形") {
			t.Fatalf("refusal without a ground: %d", status)
		}
		if status, body, _ := e.do(h, path+"/reply", url.Values{"csrf": {csrf}, "type": {"transferred"}, "transfer_organ": {"江南省人力资源和社会保障厅"},
			"transfer_organ_contact": {"0571-87000001"}}); status != 303 {
			t.Fatalf("transfer: %d %s", status, body)
		}
		_, body, _ = e.get(h, path)
		if !strings.Contains(body, `id="reply-transfer"`) || !strings.Contains(body, "三(六)3") {
			t.Error("reply not shown with its row")
		}
		v := formValues(t, body, "nt-correction_transferred")
		if v.Get("review_body") == "" || v.Get("issued") != "2026-11-26" {
			t.Fatalf("notice prefilled with %v", v)
		}
		if strings.Contains(body, `id="nt-corrected"`) || strings.Contains(body, `id="nt-correction_refused"`) {
			t.Error("notices of other outcomes offered")
		}
		v.Set("csrf", csrf)
		if status, body, _ := e.do(h, path+"/notices", v); status != 303 {
			t.Fatalf("notice: %d %s", status, body)
		}
		// The disclosure answer (答复书) is refused for a correction request.
		if status, _, _ := e.do(h, path+"/notices", url.Values{"csrf": {csrf}, "kind": {"reply"}, "review_body": {"x"}}); status != 400 {
			t.Errorf("答复书 for a correction request: %d", status)
		}
		_, body, _ = e.get(h, path)
		links := noticeNoRE.FindAllStringSubmatch(body, -1)
		if len(links) != 1 || !strings.Contains(links[0][3], "转送第1号") {
			t.Fatalf("notices listed: %v", links)
		}
		if _, page, _ := e.get(h, links[0][1]); !strings.Contains(page, "更正申请转送告知书") || !strings.Contains(page, "江南省人力资源和社会保障厅") ||
			!strings.Contains(page, "第四十一条") {
			t.Error("printable notice")
		}
		if resp, docx := e.getRaw(h, links[0][1]+".docx"); resp.StatusCode != 200 || len(docx) < 1000 {
			t.Errorf("DOCX: %d %d bytes", resp.StatusCode, len(docx))
		}
		// The applicant sees the outcome and the notice on the tracking page.
		page = e.track(number, code)
		for _, want := range []string{"转送有权机关并告知申请人", `id="track-transfer"`, "江南省人力资源和社会保障厅", "更正申请转送告知书", "第四十一条"} {
			if !strings.Contains(page, want) {
				t.Errorf("tracking page lacks %q", want)
			}
		}
		// A correction outcome is refused for a disclosure request.
		dn, _ := e.file(e.province)
		dpath := "/console/requests/" + itoa64(e.requestByNumber(dn).ID)
		if status, body, _ := e.do(h, dpath+"/reply", url.Values{"csrf": {csrf}, "type": {"corrected"}, "corrected": {"x"}}); status != 400 ||
			!strings.Contains(body, "不能用于答复政府信息公开申请") {
			t.Errorf("correction outcome for a disclosure request: %d", status)
		}
		_, body, _ = e.get(h, dpath)
		if strings.Contains(body, `id="correction-reply-form"`) || !strings.Contains(body, `id="reply-form"`) {
			t.Error("disclosure request shows the correction form")
		}
	})
}

// TestArt41CorrectionAPI: POST /api/v1/requests with "purpose":"correction" (default
// "disclosure"); the evidence is required; the staff reply endpoint records 予以更正 and the
// tracking API returns it; the notices 更正政府信息告知书 and 不予更正告知书 are made from their
// templates.
func TestArt41CorrectionAPI(t *testing.T) {
	e := newRequestEnv(t, store.SQLite)
	body := func(extra string) string {
		return `{"org":"` + e.province.Code + `","applicant":{"kind":"natural_person","name":"李四","id_number":"` + testIDNumber +
			`","phone":"13800000000"},"info_name":"本人的企业职工档案中的出生日期"` + extra + `}`
	}
	if status, out := e.api("POST", "/api/v1/requests", "", body(`,"purpose":"correction"`)); status != 400 || !strings.Contains(jsonText(out), "evidence") {
		t.Fatalf("without evidence: %d %v", status, out)
	}
	if status, out := e.api("POST", "/api/v1/requests", "", body(`,"purpose":"amend","evidence":"x"`)); status != 400 {
		t.Fatalf("unknown purpose: %d %v", status, out)
	}
	if status, out := e.api("POST", "/api/v1/requests", "", body(`,"evidence":"x"`)); status != 400 {
		t.Fatalf("evidence on a disclosure request: %d %v", status, out)
	}
	status, out := e.api("POST", "/api/v1/requests", "", strings.Replace(body(`,"description":"预算"`), "本人的企业职工档案中的出生日期", "2025年预算", 1))
	if status != 201 || out["purpose"] != "disclosure" {
		t.Fatalf("default purpose: %d %v", status, out)
	}
	status, out = e.api("POST", "/api/v1/requests", "", body(`,"purpose":"correction","evidence":"`+art41Evidence+`"`))
	if status != 201 || out["purpose"] != "correction" || out["due_date"] != "2026-12-24" {
		t.Fatalf("correction: %d %v", status, out)
	}
	number, code := out["number"].(string), out["query_code"].(string)
	id := itoa64(e.requestByNumber(number).ID)
	tok := e.token("jn-handler")
	// Staff lists never show the record to correct (the applicant's personal information).
	if status, out := e.api("GET", "/api/v1/requests", tok, ""); status != 200 || strings.Contains(jsonText(out), "职工档案") ||
		!strings.Contains(jsonText(out), "更正与本人相关的政府信息的申请") {
		t.Errorf("staff list: %d %v", status, out)
	}
	sup, _ := e.login("jn-supervisor")
	if _, list, _ := e.get(sup, "/console/requests"); strings.Contains(list, "职工档案") || !strings.Contains(list, "更正与本人相关的政府信息的申请") {
		t.Error("console list shows the record to correct")
	}
	if status, out := e.api("POST", "/api/v1/requests/"+id+"/reply", tok, `{"type":"other","reason":"other:other","explanation":"x"}`); status != 400 ||
		!strings.Contains(jsonText(out), "第四十一条") {
		t.Fatalf("其他处理 for a correction request: %d %v", status, out)
	}
	if status, out := e.api("POST", "/api/v1/requests/"+id+"/reply", tok, `{"type":"corrected","corrected":"出生日期更正为1990年3月7日"}`); status != 201 {
		t.Fatalf("corrected: %d %v", status, out)
	}
	status, out = e.api("GET", "/api/v1/requests/"+number+"?code="+code, "", "")
	reply, _ := out["reply"].(map[string]any)
	if status != 200 || out["purpose"] != "correction" || reply["type"] != "corrected" || reply["corrected"] != "出生日期更正为1990年3月7日" || reply["row"] != "三(六)3" {
		t.Fatalf("tracking API: %d %v", status, out)
	}
	if strings.Contains(jsonText(out), art41Evidence) {
		t.Error("tracking API returns the evidence")
	}
	// The notice of 予以更正, generated on the console.
	h, csrf := e.login("jn-handler")
	path := "/console/requests/" + id
	_, page, _ := e.get(h, path)
	v := formValues(t, page, "nt-corrected")
	v.Set("csrf", csrf)
	if status, body, _ := e.do(h, path+"/notices", v); status != 303 {
		t.Fatalf("notice: %d %s", status, body)
	}
	_, page, _ = e.get(h, path)
	links := noticeNoRE.FindAllStringSubmatch(page, -1)
	if len(links) != 1 {
		t.Fatalf("notices: %v", links)
	}
	if _, p, _ := e.get(h, links[0][1]); !strings.Contains(p, "更正政府信息告知书") || !strings.Contains(p, "出生日期更正为1990年3月7日") {
		t.Error("printable 更正政府信息告知书")
	}
	if page := e.track(number, code); !strings.Contains(page, "更正政府信息告知书") || !strings.Contains(page, `id="track-corrected"`) {
		t.Error("tracking page lacks the notice or the correction")
	}
}

// jsonText is a JSON answer as text, to look for words in it.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
