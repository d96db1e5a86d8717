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
