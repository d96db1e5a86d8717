package request

import (
	"strings"
	"testing"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// DefaultPolicy follows LEGAL.md "Decisions for the code".
func TestDefaultPolicy(t *testing.T) {
	p := DefaultPolicy()
	if p.CountReceiptDay {
		t.Error("clock.count_receipt_day: default is no (counting starts on the next working day)")
	}
	if !p.PauseForFee {
		t.Error("clock.pause_for_fee: default is that the clock pauses")
	}
	if p.CorrectionPeriodDays != 15 {
		t.Error("correction.period_days: default 15 working days")
	}
	if p.PagesScope != PagesPerApplication {
		t.Error("fee.pages_scope: default per application")
	}
	if p.UnknownYear != workday.WeekendsOnly {
		t.Error("calendar.unknown_year: default weekends only, with a warning")
	}
	if err := p.Validate(); err != nil {
		t.Error(err)
	}
	names := []string{}
	for _, s := range p.Settings() {
		names = append(names, s.Name)
		if s.Value != s.Default || s.Description == "" {
			t.Errorf("%+v", s)
		}
	}
	want := "clock.count_receipt_day clock.pause_for_fee correction.period_days fee.pages_scope abuse.window_days abuse.threshold reminder.days_before calendar.unknown_year"
	if strings.Join(names, " ") != want {
		t.Errorf("settings %v", names)
	}
}

func TestPolicySetAndValidate(t *testing.T) {
	p := DefaultPolicy()
	for _, s := range []struct{ name, value string }{
		{SettingCountReceiptDay, "true"}, {SettingPauseForFee, "false"}, {SettingCorrectionPeriodDays, "10"},
		{SettingPagesScope, "month"}, {SettingAbuseWindowDays, "7"}, {SettingAbuseThreshold, "0"}, {SettingReminderDays, " 1, 5,3,5"},
		{SettingUnknownYear, "refuse"},
	} {
		if err := p.Set(s.name, s.value); err != nil {
			t.Fatalf("%s=%s: %v", s.name, s.value, err)
		}
	}
	want := Policy{CountReceiptDay: true, PauseForFee: false, CorrectionPeriodDays: 10, PagesScope: PagesPerMonth, AbuseWindowDays: 7, AbuseThreshold: 0, ReminderDays: "5,3,1", UnknownYear: workday.Refuse}
	if p != want {
		t.Errorf("%+v", p)
	}
	// Round trip through Settings.
	var q Policy
	for _, s := range p.Settings() {
		if err := q.Set(s.Name, s.Value); err != nil {
			t.Fatal(err)
		}
	}
	if q != p {
		t.Errorf("round trip %+v", q)
	}
	for _, s := range []struct{ name, value string }{
		{SettingCountReceiptDay, "yes!"}, {SettingCorrectionPeriodDays, "ten"}, {SettingPagesScope, "year"}, {"clock.speed", "1"},
		{SettingReminderDays, "0"}, {SettingReminderDays, "21"}, {SettingReminderDays, "3;1"}, {SettingReminderDays, "1,2,3,4,5,6"},
		{SettingUnknownYear, "weekends"}, {SettingUnknownYear, ""},
	} {
		if err := p.Set(s.name, s.value); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("%s=%s accepted", s.name, s.value)
		}
	}
	bad := []func(*Policy){
		func(p *Policy) { p.CorrectionPeriodDays = 0 },
		func(p *Policy) { p.CorrectionPeriodDays = 61 },
		func(p *Policy) { p.PagesScope = "" },
		func(p *Policy) { p.AbuseWindowDays = 0 },
		func(p *Policy) { p.AbuseThreshold = -1 },
		func(p *Policy) { p.ReminderDays = "three" },
		func(p *Policy) { p.UnknownYear = 7 },
	}
	for i, mut := range bad {
		p := DefaultPolicy()
		mut(&p)
		if err := p.Validate(); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("case %d accepted", i)
		}
	}
}
