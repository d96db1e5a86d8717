package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"gongkai/internal/apperr"
	"gongkai/internal/audit"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

func clocking(today string) store.Clocking {
	return store.Clocking{Cal: workday.Default(), Policy: request.DefaultPolicy(), Today: workday.MustParseDate(today)}
}

func residentID(t *testing.T, first17 string) string {
	return first17 + string(request.ResidentIDCheckChar(first17))
}

func TestRequests(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		handlerUser, err := db.CreateUser(ctx, audit.System, org.User{OrgID: f.province.ID, Username: "jn-handler", Role: org.RoleRequestHandler}, "correct-horse-42")
		if err != nil {
			t.Fatal(err)
		}
		handler := &org.Principal{User: handlerUser, Org: f.province}
		id := residentID(t, "11010119900307123")
		in := store.NewRequest{OrgID: f.province.ID, Channel: request.Online, ReceivedOn: workday.MustParseDate("2025-09-26"),
			Applicant:   request.Applicant{Kind: request.NaturalPerson, Name: "张三丰", ID: request.Identity{Kind: request.ResidentID, Number: id}, Phone: "13912345678"},
			Description: "2025年江南省本级一般公共预算支出明细", SubmitKey: "k-123"}
		c := clocking("2025-09-28")
		r, code, err := db.CreateRequest(ctx, nil, in, c)
		if err != nil {
			t.Fatal(err)
		}
		if code == "" || r.Number == "" || r.DueOn.String() != "2025-10-30" || r.Status != request.StatusPending {
			t.Fatalf("created: %+v code %q", r, code)
		}
		// Personal data: masked on the record, sealed at rest, shown only to the handler.
		if strings.Contains(r.Applicant.Name, "三丰") || strings.Contains(r.Applicant.ID, "19900307") || r.Applicant.ID == "" {
			t.Fatalf("not masked: %+v", r.Applicant)
		}
		for _, p := range []*org.Principal{nil, f.editor, f.supervisor, f.cityEditor} {
			if _, err := db.RequestApplicant(ctx, p, r.ID); apperr.CodeOf(err) != apperr.Forbidden {
				t.Errorf("%s read the applicant: %v", p.Describe(), err)
			}
		}
		a, err := db.RequestApplicant(ctx, handler, r.ID)
		if err != nil || a.Name != "张三丰" || a.ID.Number != id {
			t.Fatalf("handler reads applicant: %+v %v", a, err)
		}
		if err := storetest.Exec(db, `SELECT 1`); err != nil {
			t.Fatal(err)
		}
		// Double submission: the same application, no second code.
		r2, code2, err := db.CreateRequest(ctx, nil, in, c)
		if err != nil || r2.ID != r.ID || code2 != "" {
			t.Fatalf("double submit: %+v %q %v", r2, code2, err)
		}
		// Tracking by number and code.
		if _, err := db.RequestByCode(ctx, r.Number, "WRONGCODE1"); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("wrong code: %v", err)
		}
		if got, err := db.RequestByCode(ctx, r.Number, strings.ToLower(code)); err != nil || got.ID != r.ID {
			t.Fatalf("track: %v", err)
		}
		// Bad input writes nothing.
		bad := in
		bad.SubmitKey = ""
		bad.Applicant.ID.Number = "110101199003071230"
		if _, _, err := db.CreateRequest(ctx, nil, bad, c); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("bad id number: %v", err)
		}
		bad = in
		bad.SubmitKey, bad.ReceivedOn = "", workday.MustParseDate("2025-10-30")
		if _, _, err := db.CreateRequest(ctx, nil, bad, c); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("future receipt: %v", err)
		}
		// Only the handler acts; a correction after the 7th working day is refused.
		late := request.Event{Kind: request.EvCorrectionRequested, On: workday.MustParseDate("2025-10-14"), Items: []string{"写明年份"}}
		if _, err := db.AddRequestEvent(ctx, f.editor, r.ID, 0, late, clocking("2025-10-14")); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("editor acts: %v", err)
		}
		if _, err := db.AddRequestEvent(ctx, handler, r.ID, 0, late, clocking("2025-10-14")); err == nil {
			t.Fatal("correction after day 7 accepted")
		}
		ext := request.Event{Kind: request.EvExtended, On: workday.MustParseDate("2025-10-20"), Days: 20, Approver: "王主任"}
		clock, err := db.AddRequestEvent(ctx, handler, r.ID, 0, ext, clocking("2025-10-20"))
		if err != nil || clock.Due.IsZero() || !clock.Due.After(workday.MustParseDate("2025-10-30")) {
			t.Fatalf("extension: %+v %v", clock.Due, err)
		}
		// Overdue list and the reply with a sub-reason of the wrong type.
		open, err := db.Requests(ctx, store.RequestFilter{OrgIDs: []int64{f.province.ID}, Open: true})
		if err != nil || len(open) != 1 {
			t.Fatalf("open requests: %d %v", len(open), err)
		}
		wrong := request.Reply{Type: request.ReplyWithhold, Reason: request.UnableNotHeld}
		if _, err := db.ReplyRequest(ctx, handler, r.ID, 0, wrong, workday.MustParseDate("2025-11-03"), clocking("2025-11-03")); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("reply with the wrong sub-reason: %v", err)
		}
		ok := request.Reply{Type: request.ReplyPartial, Explanation: "部分内容涉及个人隐私，依法不予公开。"}
		if _, err := db.ReplyRequest(ctx, handler, r.ID, 0, ok, workday.MustParseDate("2025-11-03"), clocking("2025-11-03")); err != nil {
			t.Fatal(err)
		}
		r, _ = db.Request(ctx, r.ID)
		sr, found, err := db.RequestReply(ctx, r.ID)
		if r.Status != request.StatusEnded || !found || sr.Reply.Type != request.ReplyPartial || err != nil {
			t.Fatalf("after reply: %s %+v %v", r.Status, sr, err)
		}
		if n, problems, _ := db.VerifyAudit(ctx); len(problems) > 0 || n == 0 {
			t.Fatalf("audit: %v", problems)
		}
	})
}

func TestAppealsCasesAndSimilar(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		hu, _ := db.CreateUser(ctx, audit.System, org.User{OrgID: f.province.ID, Username: "jn-handler", Role: org.RoleRequestHandler}, "correct-horse-42")
		handler := &org.Principal{User: hu, Org: f.province}
		c := clocking("2025-11-03")
		mk := func(name, id17, desc string) store.Request {
			r, _, err := db.CreateRequest(ctx, nil, store.NewRequest{OrgID: f.province.ID, Channel: request.Online, ReceivedOn: workday.MustParseDate("2025-10-27"),
				Applicant:   request.Applicant{Kind: request.NaturalPerson, Name: name, ID: request.Identity{Kind: request.ResidentID, Number: residentID(t, id17)}, Phone: "13800000000"},
				Description: desc}, c)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		a := mk("李四光", "33010219850101123", "申请公开2025年江南省本级一般公共预算支出明细表")
		b := mk("王五", "33010219870202234", "请公开江南省2025年本级一般公共预算支出明细表")
		mk("赵六", "33010219890303345", "某小区拆迁补偿安置方案")
		similar, err := db.SimilarRequests(ctx, a.ID)
		if err != nil || len(similar) != 1 || similar[0].ID != b.ID {
			t.Fatalf("similar: %+v %v", similar, err)
		}
		// Appeals only against a reply.
		if _, err := db.AddAppeal(ctx, handler, request.Appeal{RequestID: a.ID, Kind: request.AppealReview, FiledOn: workday.MustParseDate("2025-11-10")}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("appeal before a reply: %v", err)
		}
		if _, err := db.ReplyRequest(ctx, handler, a.ID, 0, request.Reply{Type: request.ReplyDisclose, HowToObtain: "见附件"}, workday.MustParseDate("2025-11-03"), c); err != nil {
			t.Fatal(err)
		}
		ap, err := db.AddAppeal(ctx, handler, request.Appeal{RequestID: a.ID, Kind: request.AppealReview, FiledOn: workday.MustParseDate("2025-11-10")})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.DecideAppeal(ctx, handler, ap.ID, request.OutcomeUpheld, workday.MustParseDate("2026-01-05"), "复议维持"); err != nil {
			t.Fatal(err)
		}
		if err := db.DecideAppeal(ctx, f.editor, ap.ID, request.OutcomeCorrected, workday.MustParseDate("2026-01-05"), ""); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("editor decides: %v", err)
		}
		list, _ := db.Appeals(ctx, a.ID)
		if len(list) != 1 || list[0].Outcome != request.OutcomeUpheld {
			t.Fatalf("appeals: %+v", list)
		}
		// Cases: personal data refused; anonymised text published and found by type.
		if _, err := db.PublishCase(ctx, handler, a.ID, "预算明细公开案", "申请人李四光申请公开预算明细。"); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("case with the applicant's name: %v", err)
		}
		if _, err := db.PublishCase(ctx, handler, a.ID, "预算明细公开案", "申请人申请公开本级预算支出明细，本机关予以公开。"); err != nil {
			t.Fatal(err)
		}
		cases, err := db.Cases(ctx, store.CaseFilter{ReplyType: request.ReplyDisclose})
		if err != nil || len(cases) != 1 {
			t.Fatalf("cases: %+v %v", cases, err)
		}
		if cases, _ := db.Cases(ctx, store.CaseFilter{ReplyType: request.ReplyWithhold}); len(cases) != 0 {
			t.Fatalf("case filter: %+v", cases)
		}
	})
}

func TestRequestNotices(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		hu, _ := db.CreateUser(ctx, audit.System, org.User{OrgID: f.province.ID, Username: "jn-handler", Role: org.RoleRequestHandler}, "correct-horse-42")
		handler := &org.Principal{User: hu, Org: f.province}
		r, _, err := db.CreateRequest(ctx, nil, store.NewRequest{OrgID: f.province.ID, Channel: request.Online, ReceivedOn: workday.MustParseDate("2025-10-27"),
			Applicant:   request.Applicant{Kind: request.NaturalPerson, Name: "钱七", ID: request.Identity{Kind: request.ResidentID, Number: residentID(t, "33010219900101123")}, Phone: "13800000001"},
			Description: "某项目环评批复"}, clocking("2025-10-28"))
		if err != nil {
			t.Fatal(err)
		}
		issue := func(p *org.Principal) (store.Notice, error) {
			return db.AddRequestNotice(ctx, p, r.ID, "correction", workday.MustParseDate("2025-10-28"),
				func(seq int) string { return "江南政公〔2025〕补正第" + strconv.Itoa(seq) + "号" },
				func(number string) (string, error) { return "<p>" + number + "</p>", nil })
		}
		if _, err := issue(f.editor); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("editor issues a notice: %v", err)
		}
		a, err := issue(handler)
		if err != nil {
			t.Fatal(err)
		}
		b, err := issue(handler)
		if err != nil || a.Number == b.Number || !strings.Contains(b.BodyHTML, b.Number) {
			t.Fatalf("numbers %q %q (%v)", a.Number, b.Number, err)
		}
		list, _ := db.RequestNotices(ctx, r.ID)
		if len(list) != 2 {
			t.Fatalf("notices: %d", len(list))
		}
	})
}
