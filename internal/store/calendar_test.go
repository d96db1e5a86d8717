package store_test

import (
	"context"
	"strings"
	"testing"

	"gongkai/internal/apperr"
	"gongkai/internal/audit"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// A 2027 notice (invented dates shaped like a real one): 2027-01-01 off, 春节 2-06…2-12 off,
// Saturday 2-13 a working day.
const calendar2027 = `2027-01-01 off 元旦
2027-02-06 off 春节
2027-02-07 off 春节
2027-02-08 off 春节
2027-02-09 off 春节
2027-02-10 off 春节
2027-02-11 off 春节
2027-02-12 off 春节
2027-02-13 work 春节
`

func year(t *testing.T, y int, text string) workday.YearData {
	t.Helper()
	d, err := workday.ParseCalendarFile(y, strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestCalendarYears: a year loaded by staff is stored, audited and used by every clock from then
// on; a shipped year is replaced only when asked; calendar.unknown_year is a validated, audited
// setting that the calendar in force follows.
func TestCalendarYears(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		actor := audit.Actor{UserID: 1, Name: "admin@root"}
		base := workday.Default()

		cal, err := db.Calendar(ctx, base)
		if err != nil {
			t.Fatal(err)
		}
		if cal.Known(2027) || cal.Policy() != workday.WeekendsOnly {
			t.Fatal("fresh database: only the shipped years, weekends-only policy")
		}
		// An application received 2026-12-28: with no 2027 notice, 2027 is counted by weekday
		// (2027-01-01, a Friday, counts as a working day): due 2027-01-25, with a warning.
		r := newApplication(t, db, f.province.ID, "11010119900307123", "2026-12-28", "2027年预算")
		c, err := db.Clocking(ctx, base, workday.MustParseDate("2027-01-04"))
		if err != nil {
			t.Fatal(err)
		}
		before, err := db.RequestClock(ctx, r.ID, c)
		if err != nil {
			t.Fatal(err)
		}
		if before.Due.String() != "2027-01-25" || len(before.Warnings) == 0 || !strings.Contains(before.Warnings[0], "2027年的法定节假日安排尚未录入") {
			t.Fatalf("before loading 2027: due %s, warnings %q", before.Due, before.Warnings)
		}

		// Refusals: no notice number, a shipped year without Replace.
		for _, tc := range []struct {
			in   store.LoadCalendar
			code apperr.Code
		}{
			{store.LoadCalendar{Data: year(t, 2027, calendar2027)}, apperr.Invalid},
			{store.LoadCalendar{Data: year(t, 2026, "2026-03-02 off 测试\n"), Notice: "国办发明电〔2025〕1号"}, apperr.Conflict},
			{store.LoadCalendar{Data: workday.YearData{Year: 2027}, Notice: "国办发明电〔2026〕7号"}, apperr.Invalid},
		} {
			if _, err := db.LoadCalendarYear(ctx, actor, f.province.ID, base, tc.in); apperr.CodeOf(err) != tc.code {
				t.Errorf("load %d: %v, want %s", tc.in.Data.Year, err, tc.code)
			}
		}

		y, err := db.LoadCalendarYear(ctx, actor, f.province.ID, base, store.LoadCalendar{Data: year(t, 2027, calendar2027), Notice: " 国办发明电〔2026〕7号 "})
		if err != nil {
			t.Fatal(err)
		}
		if y.Version != 1 || y.Notice != "国办发明电〔2026〕7号" || y.ReplaceEmbedded {
			t.Errorf("loaded %+v", y)
		}
		// Loading the same year again needs Replace.
		if _, err := db.LoadCalendarYear(ctx, actor, f.province.ID, base, store.LoadCalendar{Data: year(t, 2027, calendar2027), Notice: "x"}); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("second load without Replace: %v", err)
		}
		c, err = db.Clocking(ctx, base, workday.MustParseDate("2027-01-04"))
		if err != nil {
			t.Fatal(err)
		}
		if !c.Cal.Known(2027) {
			t.Fatal("the loaded year is not in the calendar in force")
		}
		after, err := db.RequestClock(ctx, r.ID, c)
		if err != nil {
			t.Fatal(err)
		}
		// 2026-12-29…31 (1–3), 2027-01-01 now a listed rest day, 01-04…08 (4–8), 11…15 (9–13),
		// 18…22 (14–18), 25, 26 (19, 20): due 2027-01-26, a day later than by weekday alone.
		if after.Due.String() != "2027-01-26" || len(after.Warnings) != 0 {
			t.Errorf("after loading 2027: due %s, warnings %q", after.Due, after.Warnings)
		}
		years, err := db.CalendarYears(ctx)
		if err != nil || len(years) != 1 || years[0].Year != 2027 {
			t.Fatalf("CalendarYears = %+v, %v", years, err)
		}
		if d, err := years[0].Data(); err != nil || len(d.Entries) != 9 {
			t.Errorf("stored entries: %v, %v", d, err)
		}

		// Replacing a shipped year explicitly: 2026-03-02 (a Monday) becomes a rest day.
		if _, err := db.LoadCalendarYear(ctx, actor, f.province.ID, base, store.LoadCalendar{Data: year(t, 2026, "2026-03-02 off 测试\n"),
			Notice: "国办发明电〔2026〕9号", Replace: true}); err != nil {
			t.Fatal(err)
		}
		cal, _ = db.Calendar(ctx, base)
		if w, _ := cal.IsWorkday(workday.MustParseDate("2026-03-02")); w {
			t.Error("the replaced 2026 notice is not in force")
		}
		if w, _ := base.IsWorkday(workday.MustParseDate("2026-03-02")); !w {
			t.Error("the shipped calendar changed")
		}

		// Every load is audited.
		entries, err := db.AuditEntries(ctx, store.AuditFilter{Entity: "calendar_year", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || entries[0].Action != "calendar.load" || !strings.Contains(entries[0].Detail+entries[1].Detail, "国办发明电〔2026〕7号") {
			t.Errorf("audit entries %+v", entries)
		}

		// calendar.unknown_year: validated, audited, followed.
		if err := db.SetPolicySetting(ctx, actor, f.province.ID, request.SettingUnknownYear, "sometimes"); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("bad value accepted: %v", err)
		}
		if err := db.SetPolicySetting(ctx, actor, f.province.ID, request.SettingUnknownYear, "refuse"); err != nil {
			t.Fatal(err)
		}
		if cal, _ := db.Calendar(ctx, base); cal.Policy() != workday.Refuse || !cal.Known(2027) {
			t.Errorf("policy %v, 2027 known %v", cal.Policy(), cal.Known(2027))
		}
		if db.RequestPolicy(ctx).UnknownYear != workday.Refuse {
			t.Error("the setting is not in the policy")
		}
		set, err := db.AuditEntries(ctx, store.AuditFilter{Entity: "org", Limit: 10})
		if err != nil || len(set) == 0 || set[0].Action != "setting.save" || set[0].Detail != request.SettingUnknownYear {
			t.Errorf("setting audit: %+v, %v", set, err)
		}
		if n, problems, err := db.VerifyAudit(ctx); err != nil || len(problems) > 0 {
			t.Errorf("audit chain: %d %v %v", n, problems, err)
		}
	})
}
