package app

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"gongkai/internal/audit"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// TestClockJobsRecordReminders: the job that refreshes the clocks also records the reminders
// before the due date, on the store's clock (db.Now), once each, on both engines.
func TestClockJobsRecordReminders(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		logger := slog.New(slog.NewTextHandler(io.Discard, nil))
		code := "11330000MB1234567"
		check, err := org.CreditCodeCheckChar(code)
		if err != nil {
			t.Fatal(err)
		}
		code += string(check)
		o, err := db.CreateOrg(ctx, audit.System, org.Org{Code: code, Name: "江南省人民政府", Kind: org.KindGovernment, Level: org.LevelProvince})
		if err != nil {
			t.Fatal(err)
		}
		u, err := db.CreateUser(ctx, audit.System, org.User{OrgID: o.ID, Username: "jn-handler", Role: org.RoleRequestHandler}, "correct-horse-42")
		if err != nil {
			t.Fatal(err)
		}
		handler := &org.Principal{User: u, Org: o}
		id := "11010119900307123"
		id += string(request.ResidentIDCheckChar(id))
		received := workday.MustParseDate("2025-09-26") // due 2025-10-30
		in := store.NewRequest{OrgID: o.ID, Channel: request.Online, ReceivedOn: received, Description: "预算",
			Applicant: request.Applicant{Kind: request.NaturalPerson, Name: "李四", ID: request.Identity{Kind: request.ResidentID, Number: id}, Phone: "13912345678"}}
		c := store.Clocking{Cal: workday.Default(), Policy: request.DefaultPolicy(), Today: received}
		if _, _, err := db.CreateRequest(ctx, nil, in, c); err != nil {
			t.Fatal(err)
		}
		at := func(day string) {
			d := workday.MustParseDate(day)
			// 09:00 in China.
			db.Now = func() time.Time { return time.Date(d.Year, d.Month, d.Day, 1, 0, 0, 0, time.UTC) }
			runClockJobs(ctx, db, logger)
			runClockJobs(ctx, db, logger) // the job runs every ten minutes: nothing twice
		}
		for _, day := range []string{"2025-10-20", "2025-10-27", "2025-10-29", "2025-10-31"} {
			at(day)
		}
		list, err := db.RequestReminders(ctx, handler, store.ReminderFilter{})
		if err != nil || len(list) != 3 {
			t.Fatalf("reminders %+v %v", list, err)
		}
		if list[0].Kind != request.ReminderOverdue || list[0].CreatedOn.String() != "2025-10-31" || list[2].CreatedOn.String() != "2025-10-27" {
			t.Errorf("%+v", list)
		}
		// The refresh half of the job marked the application overdue.
		reqs, _ := db.Requests(ctx, store.RequestFilter{OrgIDs: []int64{o.ID}})
		if len(reqs) != 1 || reqs[0].Status != request.StatusOverdue {
			t.Errorf("status %+v", reqs)
		}
	})
}
