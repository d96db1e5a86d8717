package store_test

import (
	"context"
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

// newApplication files an online application of the applicant with identity first17 received
// on the date.
func newApplication(t *testing.T, db *store.DB, orgID int64, first17, received, desc string) store.Request {
	t.Helper()
	in := store.NewRequest{OrgID: orgID, Channel: request.Online, ReceivedOn: workday.MustParseDate(received),
		Applicant: request.Applicant{Kind: request.NaturalPerson, Name: "李四",
			ID: request.Identity{Kind: request.ResidentID, Number: residentID(t, first17)}, Phone: "13912345678"},
		Description: desc}
	r, _, err := db.CreateRequest(context.Background(), nil, in, clocking(received))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func handlerOf(t *testing.T, db *store.DB, o org.Org, name string) *org.Principal {
	t.Helper()
	u, err := db.CreateUser(context.Background(), audit.System, org.User{OrgID: o.ID, Username: name, Role: org.RoleRequestHandler}, "correct-horse-42")
	if err != nil {
		t.Fatal(err)
	}
	return &org.Principal{User: u, Org: o}
}

// TestRequestReminders: the job records a reminder 3 and 1 working days before the due date and
// on the first day overdue, once each however often it runs, for the handlers of the receiving
// organisation only; each handler marks their own as read.
func TestRequestReminders(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		h1, h2 := handlerOf(t, db, f.province, "jn-h1"), handlerOf(t, db, f.province, "jn-h2")
		cityHandler := handlerOf(t, db, f.city, "lj-h1")
		// Received Friday 2025-09-26: due 2025-10-30 (National Day skipped, LEGAL.md §7).
		r := newApplication(t, db, f.province.ID, "11010119900307123", "2025-09-26", "2025年预算")
		other := newApplication(t, db, f.city.ID, "11010119800101123", "2025-10-20", "城市规划") // due later
		run := func(today string) int {
			t.Helper()
			n, err := db.RecordRequestReminders(ctx, clocking(today))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		for _, c := range []struct {
			today string
			want  int
		}{{"2025-10-24", 0}, {"2025-10-27", 1}, {"2025-10-27", 0}, {"2025-10-28", 0}, {"2025-10-29", 1}, {"2025-10-30", 0}, {"2025-10-31", 1}, {"2025-11-03", 0}} {
			if got := run(c.today); got != c.want {
				t.Errorf("%s: %d reminders recorded, want %d", c.today, got, c.want)
			}
		}
		list, err := db.RequestReminders(ctx, h1, store.ReminderFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 3 {
			t.Fatalf("reminders: %+v", list)
		}
		kinds := []request.ReminderKind{request.ReminderOverdue, request.ReminderBefore(1), request.ReminderBefore(3)}
		for i, m := range list {
			if m.Kind != kinds[i] || m.RequestID != r.ID || m.Number != r.Number || m.DueOn.String() != "2025-10-30" || m.Read || m.Message == "" {
				t.Errorf("reminder %d: %+v", i, m)
			}
		}
		if n, _ := db.UnreadReminderCount(ctx, h1); n != 3 {
			t.Errorf("unread %d", n)
		}
		// Not for other organisations' handlers, nor for staff who are not handlers.
		if l, err := db.RequestReminders(ctx, cityHandler, store.ReminderFilter{}); err != nil || len(l) != 0 {
			t.Errorf("city handler sees %d: %v", len(l), err)
		}
		for _, p := range []*org.Principal{f.supervisor, f.editor, f.admin, nil} {
			if _, err := db.RequestReminders(ctx, p, store.ReminderFilter{}); apperr.CodeOf(err) != apperr.Forbidden {
				t.Errorf("%s reads reminders: %v", p.Describe(), err)
			}
			if n, _ := db.UnreadReminderCount(ctx, p); n != 0 {
				t.Errorf("%s: %d unread", p.Describe(), n)
			}
		}
		// A handler of another organisation cannot mark them read.
		if n, err := db.MarkRemindersRead(ctx, cityHandler, []int64{list[0].ID}); err != nil || n != 0 {
			t.Errorf("city handler marked %d: %v", n, err)
		}
		// Marking one read is per handler.
		if n, err := db.MarkRemindersRead(ctx, h1, []int64{list[0].ID}); err != nil || n != 1 {
			t.Fatalf("mark read: %d %v", n, err)
		}
		if n, _ := db.MarkRemindersRead(ctx, h1, []int64{list[0].ID}); n != 0 {
			t.Errorf("marked twice: %d", n)
		}
		if n, _ := db.UnreadReminderCount(ctx, h1); n != 2 {
			t.Errorf("h1 unread %d", n)
		}
		if n, _ := db.UnreadReminderCount(ctx, h2); n != 3 {
			t.Errorf("h2 unread %d", n)
		}
		unread, _ := db.RequestReminders(ctx, h1, store.ReminderFilter{Unread: true})
		if len(unread) != 2 {
			t.Errorf("unread list %d", len(unread))
		}
		if n, err := db.MarkRemindersRead(ctx, h1, nil); err != nil || n != 2 {
			t.Errorf("mark all: %d %v", n, err)
		}
		if n, _ := db.UnreadReminderCount(ctx, h1); n != 0 {
			t.Errorf("after mark all: %d", n)
		}
		// An extension moves the due date: the new date gets reminders of its own; an ended case none.
		ext := request.Event{Kind: request.EvExtended, On: workday.MustParseDate("2025-10-30"), Days: 5, Approver: "王主任"}
		clock, err := db.AddRequestEvent(ctx, h1, r.ID, 0, ext, clocking("2025-10-30"))
		if err != nil || clock.Due.String() != "2025-11-06" {
			t.Fatalf("extension: %s %v", clock.Due, err)
		}
		if got := run("2025-11-04"); got != 1 { // 2 working days left: the 3-day reminder for the new date
			t.Errorf("after extension: %d", got)
		}
		if _, err := db.ReplyRequest(ctx, h1, r.ID, 0, request.Reply{Type: request.ReplyDisclose}, workday.MustParseDate("2025-11-05"), clocking("2025-11-05")); err != nil {
			t.Fatal(err)
		}
		if got := run("2025-11-10"); got != 0 {
			t.Errorf("after the reply: %d", got)
		}
		_ = other
	})
}

// TestCorrectionReplacesDescription: the applicant's corrected text becomes the application's
// description; the log keeps the original and the correction.
func TestCorrectionReplacesDescription(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		h := handlerOf(t, db, f.province, "jn-h1")
		in := store.NewRequest{OrgID: f.province.ID, Channel: request.Online, ReceivedOn: workday.MustParseDate("2025-09-26"),
			Applicant: request.Applicant{Kind: request.NaturalPerson, Name: "李四", ID: request.Identity{Kind: request.ResidentID,
				Number: residentID(t, "11010119900307123")}, Phone: "13912345678"}, Description: "那个文件"}
		r, code, err := db.CreateRequest(ctx, nil, in, clocking("2025-09-26"))
		if err != nil {
			t.Fatal(err)
		}
		corr := request.Event{Kind: request.EvCorrectionRequested, On: workday.MustParseDate("2025-09-29"), Items: []string{"写明文件名称或文号"}}
		if _, err := db.AddRequestEvent(ctx, h, r.ID, 0, corr, clocking("2025-09-29")); err != nil {
			t.Fatal(err)
		}
		clock, err := db.ApplicantCorrect(ctx, r.Number, code, "  江南省2025年省级预算草案（江财预〔2025〕1号）  ", clocking("2025-10-09"))
		if err != nil || !clock.Restarted {
			t.Fatalf("correct: %v", err)
		}
		got, _ := db.Request(ctx, r.ID)
		if got.Description != "江南省2025年省级预算草案（江财预〔2025〕1号）" {
			t.Errorf("description %q", got.Description)
		}
		events, _ := db.RequestEvents(ctx, r.ID)
		last := events[len(events)-1]
		if last.Kind != request.EvCorrected || last.Original != "那个文件" || last.Text != got.Description {
			t.Errorf("event %+v", last)
		}
		// A handler registering a paper correction with the corrected text replaces it too.
		r2 := newApplication(t, db, f.province.ID, "11010119800101123", "2025-09-26", "旧的描述")
		if _, err := db.AddRequestEvent(ctx, h, r2.ID, 0, corr, clocking("2025-09-29")); err != nil {
			t.Fatal(err)
		}
		paper := request.Event{Kind: request.EvCorrected, On: workday.MustParseDate("2025-10-09"), Text: "新的描述", Note: "邮寄补正"}
		if _, err := db.AddRequestEvent(ctx, h, r2.ID, 0, paper, clocking("2025-10-09")); err != nil {
			t.Fatal(err)
		}
		got2, _ := db.Request(ctx, r2.ID)
		ev2, _ := db.RequestEvents(ctx, r2.ID)
		if got2.Description != "新的描述" || ev2[len(ev2)-1].Original != "旧的描述" || ev2[len(ev2)-1].Note != "邮寄补正" {
			t.Errorf("paper correction: %q %+v", got2.Description, ev2[len(ev2)-1])
		}
		// Text on any other event is ignored.
		x := request.Event{Kind: request.EvExtended, On: workday.MustParseDate("2025-10-10"), Days: 3, Approver: "王主任", Text: "不应写入"}
		if _, err := db.AddRequestEvent(ctx, h, r2.ID, 0, x, clocking("2025-10-10")); err != nil {
			t.Fatal(err)
		}
		if got2, _ = db.Request(ctx, r2.ID); got2.Description != "新的描述" {
			t.Errorf("extension changed the description: %q", got2.Description)
		}
	})
}

// TestMonthFeeApplications: the applicant's earlier applications of the month, with their
// assessments, in order of receipt; a zero-fee assessment is kept; later months and other
// applicants are not counted.
func TestMonthFeeApplications(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		h := handlerOf(t, db, f.province, "jn-h1")
		const me = "11010119900307123"
		a := newApplication(t, db, f.province.ID, me, "2025-10-09", "一")
		b := newApplication(t, db, f.province.ID, me, "2025-10-10", "二")
		newApplication(t, db, f.province.ID, "11010119800101123", "2025-10-10", "别人的")
		newApplication(t, db, f.province.ID, me, "2025-09-30", "上月")
		c := newApplication(t, db, f.province.ID, me, "2025-10-20", "三")
		// a: 20 pages, nothing to pay — recorded without a notice.
		if err := db.RecordFeeAssessment(ctx, h, a.ID, store.FeeAssessment{Method: request.FeePages, Items: 1, Pages: 20, AssessedOn: workday.MustParseDate("2025-10-20")}); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordFeeAssessment(ctx, f.editor, b.ID, store.FeeAssessment{Method: request.FeePages, Items: 1, Pages: 5}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("editor assessed: %v", err)
		}
		if err := db.RecordFeeAssessment(ctx, h, b.ID, store.FeeAssessment{Method: request.FeePages, Items: 1, Pages: 50, AmountFen: 20000}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("a fee to pay recorded without a notice: %v", err)
		}
		// b: a fee notice for 40 pages under month scope: pages 21–60 of the month.
		month := clocking("2025-10-21")
		month.Policy.PagesScope = request.PagesPerMonth
		apps, err := db.MonthFeeApplications(ctx, b.ID)
		if err != nil || len(apps) != 1 || apps[0].Pages != 20 || apps[0].Method != request.FeePages {
			t.Fatalf("before b: %+v %v", apps, err)
		}
		apps = append(apps, request.FeeApplication{ID: b.Number, Received: b.ReceivedOn, Items: 1, Pages: 40, Method: request.FeePages})
		lines, err := request.MonthlyFees(month.Policy, apps)
		if err != nil {
			t.Fatal(err)
		}
		line := lines[1]
		if line.FirstPage != 21 || line.LastPage != 60 || line.AmountFen != 30*10*100 {
			t.Fatalf("b line %+v", line)
		}
		e := request.Event{Kind: request.EvFeeNotice, On: workday.MustParseDate("2025-10-21"), AmountFen: line.AmountFen, Note: line.Standard}
		if _, err := db.AddFeeNotice(ctx, h, b.ID, 0, e, store.FeeAssessment{Method: request.FeePages, Items: 1, Pages: 40, AmountFen: line.AmountFen, Standard: line.Standard, AssessedOn: e.On}, month); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordFeeAssessment(ctx, h, b.ID, store.FeeAssessment{Method: request.FeePages, Items: 1, Pages: 1}); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("assessment after a fee notice: %v", err)
		}
		fee, ok, err := db.RequestFee(ctx, b.ID)
		if err != nil || !ok || fee.Pages != 40 || fee.AmountFen != 30000 || !strings.Contains(fee.Standard, "本月累计") {
			t.Errorf("b fee %+v %v %v", fee, ok, err)
		}
		apps, err = db.MonthFeeApplications(ctx, c.ID)
		if err != nil || len(apps) != 2 || apps[0].ID != a.Number || apps[1].ID != b.Number || apps[1].Pages != 40 {
			t.Fatalf("before c: %+v %v", apps, err)
		}
		// The applicant is recognised by identity document, not by name (LEGAL.md §2.1 Art. 4;
		// issue: "the applicant is recognised across applications by identity document").
		in := store.NewRequest{OrgID: f.province.ID, Channel: request.Online, ReceivedOn: workday.MustParseDate("2025-10-21"),
			Applicant: request.Applicant{Kind: request.NaturalPerson, Name: "李思", ID: request.Identity{Kind: request.ResidentID,
				Number: strings.ToLower(residentID(t, me))}, Phone: "13900000000"}, Description: "四"}
		renamed, _, err := db.CreateRequest(ctx, nil, in, clocking("2025-10-21"))
		if err != nil {
			t.Fatal(err)
		}
		if apps, err = db.MonthFeeApplications(ctx, renamed.ID); err != nil || len(apps) != 3 {
			t.Errorf("the same identity document under another name: %+v %v", apps, err)
		}
	})
}

// TestOrgSettingAudited: an organisation's setting written with SetOrgSetting is audited.
func TestOrgSettingAudited(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		if err := db.SetOrgSetting(ctx, store.ActorOf(f.admin), f.province.ID, "notice.template.x", "模板", "notice_template.save", "acknowledgement"); err != nil {
			t.Fatal(err)
		}
		if v, _, _ := db.Setting(ctx, "notice.template.x"); v != "模板" {
			t.Errorf("setting %q", v)
		}
		entries, err := db.AuditEntries(ctx, store.AuditFilter{Entity: "org", Limit: 5})
		if err != nil || len(entries) == 0 || entries[0].Action != "notice_template.save" || entries[0].Actor != "jn-admin" || entries[0].AfterDigest == "" {
			t.Fatalf("audit %+v %v", entries, err)
		}
		if _, problems, _ := db.VerifyAudit(ctx); len(problems) > 0 {
			t.Fatal(problems)
		}
	})
}
