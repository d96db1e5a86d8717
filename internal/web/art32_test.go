package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestArt32DisclosureOverObjection: LEGAL.md §1.3 Art. 32 — a handler records the third party's
// objection; a reply of 予以公开 is refused until the decision to disclose (content and reasons) is
// recorded; the 决定公开告知书 is then generated from it (printable and DOCX), kept for staff and
// never offered to the applicant, who does not see the third party either. Both engines: the
// objection is stored with the event.
func TestArt32DisclosureOverObjection(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newRequestEnv(t, db.Engine())
		number, code := e.file(e.province)
		req := e.requestByNumber(number)
		path := "/console/requests/" + itoa64(req.ID)
		h, csrf := e.login("jn-handler")
		step := func(v url.Values) (int, string) {
			v.Set("csrf", csrf)
			status, body, _ := e.do(h, path+"/events", v)
			return status, body
		}
		if status, body := step(url.Values{"kind": {"third_party_consult_start"}, "party": {"江南建设工程有限公司"}}); status != 303 {
			t.Fatalf("consultation: %d %s", status, body)
		}
		if status, body := step(url.Values{"kind": {"third_party_consult_end"}, "party": {"江南建设工程有限公司"}, "objected": {"1"}, "note": {"涉及商业秘密"}}); status != 303 {
			t.Fatalf("objection: %d %s", status, body)
		}
		events, err := e.db.RequestEvents(context.Background(), req.ID)
		if err != nil || len(events) != 3 || !events[2].Objected {
			t.Fatalf("objection not stored: %+v %v", events, err)
		}
		reply := url.Values{"csrf": {csrf}, "type": {"disclose"}, "how_to_obtain": {"随本答复提供。"}}
		if status, body, _ := e.do(h, path+"/reply", reply); status != 400 || !strings.Contains(body, "告知第三方决定公开") {
			t.Fatalf("disclosure over the objection without the notice: %d", status)
		}
		if status, body := step(url.Values{"kind": {"third_party_notified"}, "party": {"江南建设工程有限公司"}, "text": {"中标金额和工期"}}); status != 400 || !strings.Contains(body, "理由") {
			t.Errorf("decision without reasons: %d", status)
		}
		if status, body := step(url.Values{"kind": {"third_party_notified"}, "party": {"江南建设工程有限公司"}, "text": {"中标金额和工期"},
			"note": {"项目使用财政资金，不公开可能对公共利益造成重大影响"}}); status != 303 {
			t.Fatalf("decision: %d %s", status, body)
		}
		_, body, _ := e.get(h, path)
		v := formValues(t, body, "nt-third_party_decision")
		if v.Get("third_party") != "江南建设工程有限公司" || v.Get("decision_content") != "中标金额和工期" || !strings.Contains(v.Get("decision_reasons"), "公共利益") {
			t.Fatalf("decision notice prefilled with %v", v)
		}
		v.Set("csrf", csrf)
		if status, body, _ := e.do(h, path+"/notices", v); status != 303 {
			t.Fatalf("decision notice: %d %s", status, body)
		}
		_, body, _ = e.get(h, path)
		links := noticeNoRE.FindAllStringSubmatch(body, -1)
		if len(links) != 1 || !strings.Contains(links[0][3], "告知第1号") {
			t.Fatalf("notices listed: %v", links)
		}
		if _, page, _ := e.get(h, links[0][1]); !strings.Contains(page, "决定公开告知书") || !strings.Contains(page, "不公开可能对公共利益造成重大影响") {
			t.Error("printable notice")
		}
		if resp, docx := e.getRaw(h, links[0][1]+".docx"); resp.StatusCode != 200 || len(docx) < 1000 {
			t.Errorf("DOCX: %d %d bytes", resp.StatusCode, len(docx))
		}
		if status, body, _ := e.do(h, path+"/reply", reply); status != 303 {
			t.Fatalf("disclosure after the notice: %d %s", status, body)
		}
		// The applicant sees neither the third party nor the notice addressed to it.
		page := e.track(number, code)
		if strings.Contains(page, "江南建设工程有限公司") || strings.Contains(page, "决定公开告知书") || strings.Contains(page, "中标金额和工期") {
			t.Error("the tracking page shows the third party or its notice")
		}
	})
}
