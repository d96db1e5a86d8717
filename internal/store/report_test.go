package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gongkai/internal/audit"
	"gongkai/internal/ledger"
	"gongkai/internal/org"
	"gongkai/internal/report"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// TestAnnualReportFromRecords builds table 三 and 四 from stored applications and appeals.
func TestAnnualReportFromRecords(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		hu, _ := db.CreateUser(ctx, audit.System, org.User{OrgID: f.province.ID, Username: "jn-handler", Role: org.RoleRequestHandler}, "correct-horse-42")
		h := &org.Principal{User: hu, Org: f.province}
		mk := func(kind request.ApplicantKind, idKind request.IDKind, number, received string) store.Request {
			r, _, err := db.CreateRequest(ctx, nil, store.NewRequest{OrgID: f.province.ID, Channel: request.Online, ReceivedOn: workday.MustParseDate(received),
				Applicant:   request.Applicant{Kind: kind, Name: "申请人", ID: request.Identity{Kind: idKind, Number: number}, Phone: "13800000002"},
				Description: "某项信息"}, clocking(received))
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		carried := mk(request.Company, request.CreditCodeDoc, "91330100MA2AAAAA1X", "2024-12-20")
		partial := mk(request.NaturalPerson, request.ResidentID, residentID(t, "11010119900307123"), "2025-03-03")
		open := mk(request.NaturalPerson, request.ResidentID, residentID(t, "11010119900307124"), "2025-12-22")
		if _, err := db.ReplyRequest(ctx, h, carried.ID, 0, request.Reply{Type: request.ReplyWithhold, Reason: request.Reason("withhold:state_secret"), Explanation: "属于国家秘密"},
			workday.MustParseDate("2025-01-10"), clocking("2025-01-10")); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReplyRequest(ctx, h, partial.ID, 0, request.Reply{Type: request.ReplyPartial, Explanation: "部分涉及个人隐私"},
			workday.MustParseDate("2025-03-20"), clocking("2025-03-20")); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddAppeal(ctx, h, request.Appeal{RequestID: partial.ID, Kind: request.AppealReview, FiledOn: workday.MustParseDate("2025-04-01")}); err != nil {
			t.Fatal(err)
		}
		_ = open
		db.Now = func() time.Time { return time.Date(2026, 1, 20, 2, 0, 0, 0, time.UTC) }
		r, err := db.AnnualReport(ctx, f.province.ID, 2025)
		if err != nil {
			t.Fatal(err)
		}
		cell := func(row string, col int) int { return r.Table3.Cells[r.Format.RowIndex(row)][col-1] }
		checks := []struct {
			row       string
			col, want int
		}{
			{"一", 1, 2}, {"一", 7, 2}, // two natural persons received in 2025
			{"二", 2, 1}, {"二", 7, 1}, // the company's application carried over from 2024
			{"三(二)", 1, 1}, {"三(三)1", 2, 1}, {"三(七)", 7, 2},
			{"四", 1, 1}, // the one received in late December is carried to 2026
		}
		for _, c := range checks {
			if got := cell(c.row, c.col); got != c.want {
				t.Errorf("表三 %s 第%d列 = %d, want %d", c.row, c.col, got, c.want)
			}
		}
		if r.Table4.Cells[3] != 1 || r.Table4.Cells[4] != 1 { // 行政复议 尚未审结, 总计
			t.Errorf("表四 = %v", r.Table4.Cells)
		}
		for _, p := range report.Check(r, nil) {
			if p.Severity == report.Error {
				t.Errorf("check: %s", p.Message)
			}
		}
	})
}

func TestPublishReportAndRollup(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		db.Now = func() time.Time { return time.Date(2026, 1, 20, 2, 0, 0, 0, time.UTC) }
		if err := db.SaveReportDraft(ctx, f.editor, store.ReportDraft{OrgID: f.province.ID, Year: 2025, OverviewHTML: "<p>x</p>"}); err == nil {
			t.Fatal("editor wrote the report")
		}
		if err := db.SaveReportDraft(ctx, f.admin, store.ReportDraft{OrgID: f.province.ID, Year: 2025, OverviewHTML: "<p>2025年，本机关认真贯彻条例。</p><script>x</script>",
			Manual: report.Manual{Licensing: 120, Penalty: 8}}); err != nil {
			t.Fatal(err)
		}
		doc, err := db.PublishAnnualReport(ctx, f.admin, f.province.ID, 2025)
		if err != nil || doc.State != "published" || doc.Genre != "annual_report" {
			t.Fatalf("publish: %+v %v", doc, err)
		}
		if _, err := db.PublishAnnualReport(ctx, f.admin, f.province.ID, 2025); err == nil {
			t.Fatal("published twice")
		}
		if err := db.SaveReportDraft(ctx, f.admin, store.ReportDraft{OrgID: f.province.ID, Year: 2025}); err == nil {
			t.Fatal("edited after publication")
		}
		sum, rows, err := db.Rollup(ctx, f.province, 2025)
		if err != nil || len(rows) != 3 || sum.Year != 2025 {
			t.Fatalf("rollup: %d rows, %v", len(rows), err)
		}
		published := 0
		for _, r := range rows {
			if r.OnTime {
				published++
				if r.Org.ID != f.province.ID || r.Deadline.String() != "2026-03-31" {
					t.Errorf("on time: %s deadline %s", r.Org.Name, r.Deadline)
				}
			}
		}
		if published != 1 {
			t.Errorf("%d published on time", published)
		}
	})
}

// TestRollupThreeLevels rolls up a province, its department, a city below it and a county below
// the city: the sum is the sum of the four reports, each row is the organisation's own report
// (the roll-up reads the whole subtree at once; AnnualReport reads one organisation), the city's
// roll-up leaves the province out, and a ledger task shared by the city and the county counts
// for both.
func TestRollupThreeLevels(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		county, err := db.CreateOrg(ctx, audit.System, org.Org{ParentID: f.city.ID, Code: code(t, "11330102MB4234567"), Name: "东湖县人民政府", Kind: org.KindGovernment, Level: org.LevelCounty})
		if err != nil {
			t.Fatal(err)
		}
		type app struct {
			org           int64
			kind          request.ApplicantKind
			received, end string
			reply         request.Reply
		}
		apps := []app{
			{f.province.ID, request.NaturalPerson, "2025-02-03", "2025-02-20", request.Reply{Type: request.ReplyDisclose}},
			{f.province.ID, request.Company, "2024-12-23", "2025-01-15", request.Reply{Type: request.ReplyWithhold, Reason: "withhold:state_secret"}},
			{f.dept.ID, request.NaturalPerson, "2025-06-03", "2025-06-10", request.Reply{Type: request.ReplyPartial}},
			{f.city.ID, request.NaturalPerson, "2025-12-22", "", request.Reply{}},
			{f.city.ID, request.Company, "2025-04-01", "2025-04-20", request.Reply{Type: request.ReplyUnable, Reason: "unable:not_held"}},
			{county.ID, request.NaturalPerson, "2025-03-03", "2025-03-25", request.Reply{Type: request.ReplyDisclose}},
			{county.ID, request.NaturalPerson, "2025-05-06", "2025-05-08", request.Reply{}}, // withdrawn
			{county.ID, request.NaturalPerson, "2026-01-05", "", request.Reply{}},           // next year's
		}
		var reqs, events, replies [][]any
		for i, a := range apps {
			id := int64(i + 1)
			status := "ended"
			if a.end == "" {
				status = "pending"
			}
			reqs = append(reqs, []any{id, a.org, fmt.Sprintf("R%04d", id), "x", string(request.Online), a.received, string(a.kind), "k", "s", "{}", "某项信息",
				status, a.received, a.end, "2025-01-01T00:00:00.000000Z", "2025-01-01T00:00:00.000000Z"})
			events = append(events, []any{id, string(request.EvReceived), a.received, "2025-01-01T00:00:00.000000Z"})
			switch {
			case a.reply.Type != "":
				replies = append(replies, []any{id, string(a.reply.Type), string(a.reply.Reason), "{}", a.end, "2025-01-01T00:00:00.000000Z"})
			case a.end != "":
				events = append(events, []any{id, string(request.EvWithdrawn), a.end, "2025-01-01T00:00:00.000000Z"})
			}
		}
		for _, x := range []struct {
			table string
			cols  []string
			rows  [][]any
		}{
			{"requests", []string{"id", "org_id", "number", "query_code_hash", "channel", "received_on", "applicant_kind", "applicant_key", "applicant_sealed",
				"applicant_masked", "description", "status", "due_on", "ended_on", "created_at", "updated_at"}, reqs},
			{"request_events", []string{"request_id", "kind", "on_date", "created_at"}, events},
			{"request_replies", []string{"request_id", "reply_type", "reason", "detail", "replied_on", "created_at"}, replies},
		} {
			if err := db.BulkInsert(ctx, x.table, x.cols, x.rows); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.CreateTasks(ctx, f.supervisor, []ledger.Task{{Title: "公开重大行政决策目录", OwnerOrgID: f.city.ID, CoOwnerOrgIDs: []int64{county.ID},
			Year: 2025, Deadline: ledger.YearEnd(), Status: ledger.StatusNotStarted}}); err != nil {
			t.Fatal(err)
		}
		db.Now = func() time.Time { return time.Date(2026, 1, 20, 2, 0, 0, 0, time.UTC) }

		sum, rows, err := db.Rollup(ctx, f.province, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4 {
			t.Fatalf("%d rows", len(rows))
		}
		var own []report.Report
		for _, row := range rows {
			r, err := db.AnnualReport(ctx, row.Org.ID, 2025)
			if err != nil {
				t.Fatal(err)
			}
			own = append(own, r)
			a, _ := report.JSON(r)
			b, _ := report.JSON(row.Report)
			if string(a) != string(b) {
				t.Errorf("%s: the roll-up's row differs from its own report", row.Org.Name)
			}
			if (row.Org.ID == f.city.ID || row.Org.ID == county.ID) && (row.Report.Other.Ledger.Tasks != 1 || row.Report.Other.Ledger.Overdue != 1) {
				t.Errorf("%s: ledger %+v", row.Org.Name, row.Report.Other.Ledger)
			}
		}
		want, _ := report.Aggregate(sum.Org, 2025, own)
		if a, b := sum.Table3.Cells, want.Table3.Cells; fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("sum %v, want %v", a, b)
		}
		cell := func(r report.Report, row string, col int) int { return r.Table3.Cells[r.Format.RowIndex(row)][col-1] }
		checks := []struct {
			row       string
			col, want int
		}{
			{"一", 1, 5}, {"一", 2, 1}, {"一", 7, 6}, {"二", 2, 1}, {"二", 7, 1},
			{"三(一)", 1, 2}, {"三(二)", 1, 1}, {"三(三)1", 2, 1}, {"三(四)1", 2, 1}, {"三(六)3", 1, 1}, {"三(七)", 7, 6}, {"四", 1, 1}, {"四", 7, 1},
		}
		for _, c := range checks {
			if got := cell(sum, c.row, c.col); got != c.want {
				t.Errorf("sum 表三 %s 第%d列 = %d, want %d", c.row, c.col, got, c.want)
			}
		}
		for _, p := range report.Check(sum, nil) {
			if p.Severity == report.Error {
				t.Errorf("sum check: %s", p.Message)
			}
		}
		// The city's area: the city and the county only.
		citySum, cityRows, err := db.Rollup(ctx, f.city, 2025)
		if err != nil || len(cityRows) != 2 {
			t.Fatalf("city roll-up: %d rows, %v", len(cityRows), err)
		}
		if got := cell(citySum, "一", 7); got != 4 {
			t.Errorf("city 一 总计 = %d, want 4", got)
		}
	})
}
