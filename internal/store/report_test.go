package store_test

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/audit"
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
