package disclosure

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestEffectiveValidity(t *testing.T) {
	today := day(2025, 6, 15)
	var none time.Time
	tests := []struct {
		name               string
		stored             Validity
		effective, expires time.Time
		today              time.Time
		want               Validity
	}{
		{"in force, no dates", ValidityInForce, none, none, today, ValidityInForce},
		{"empty stored counts as in force", "", none, none, today, ValidityInForce},
		{"expires tomorrow", ValidityInForce, none, day(2025, 6, 16), today, ValidityInForce},
		{"expires today", ValidityInForce, none, day(2025, 6, 15), today, ValidityExpired},
		{"expired yesterday", ValidityInForce, none, day(2025, 6, 14), today, ValidityExpired},
		{"expires today, later hour", ValidityInForce, none, time.Date(2025, 6, 15, 23, 59, 0, 0, time.UTC), today, ValidityExpired},
		{"today late in the day", ValidityInForce, none, day(2025, 6, 16), time.Date(2025, 6, 15, 23, 59, 0, 0, time.UTC), ValidityInForce},
		{"effective tomorrow", ValidityInForce, day(2025, 6, 16), none, today, ValidityNotYetEffective},
		{"effective today", ValidityInForce, day(2025, 6, 15), none, today, ValidityInForce},
		{"effective today, earlier hour than today", ValidityInForce, time.Date(2025, 6, 15, 18, 0, 0, 0, time.UTC), none, time.Date(2025, 6, 15, 1, 0, 0, 0, time.UTC), ValidityInForce},
		{"not yet effective becomes in force", ValidityNotYetEffective, day(2025, 6, 1), none, today, ValidityInForce},
		{"not yet effective, no date", ValidityNotYetEffective, none, none, today, ValidityNotYetEffective},
		{"not yet effective, future", ValidityNotYetEffective, day(2026, 1, 1), none, today, ValidityNotYetEffective},
		{"effective and expired", ValidityInForce, day(2020, 1, 1), day(2024, 12, 31), today, ValidityExpired},
		{"window in force", ValidityInForce, day(2020, 1, 1), day(2030, 12, 31), today, ValidityInForce},
		{"not yet effective wins over later expiry", ValidityInForce, day(2026, 1, 1), day(2030, 1, 1), today, ValidityNotYetEffective},
		{"repealed stays repealed", ValidityRepealed, day(2020, 1, 1), day(2030, 1, 1), today, ValidityRepealed},
		{"repealed before effective", ValidityRepealed, day(2026, 1, 1), none, today, ValidityRepealed},
		{"amended stays amended", ValidityAmended, none, none, today, ValidityAmended},
		{"expired stays expired", ValidityExpired, none, day(2030, 1, 1), today, ValidityExpired},
		{"unknown stays", Validity("bogus"), none, day(2020, 1, 1), today, Validity("bogus")},
		{"unset date from time.Date(0,0,0)", ValidityInForce, time.Date(0, 0, 0, 0, 0, 0, 0, time.UTC), time.Date(0, 0, 0, 0, 0, 0, 0, time.UTC), today, ValidityInForce},
	}
	for _, tt := range tests {
		if got := EffectiveValidity(tt.stored, tt.effective, tt.expires, tt.today); got != tt.want {
			t.Errorf("%s: EffectiveValidity = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestEffectiveValidityLocation(t *testing.T) {
	// Dates are compared by calendar day in their own location: 2025-06-15
	// 00:30 in Shanghai is still 2025-06-14 in UTC.
	sh := time.FixedZone("CST", 8*3600)
	today := time.Date(2025, 6, 15, 0, 30, 0, 0, sh)
	if got := EffectiveValidity(ValidityInForce, time.Time{}, time.Date(2025, 6, 15, 0, 0, 0, 0, sh), today); got != ValidityExpired {
		t.Errorf("got %q, want expired", got)
	}
}

func TestValidityLabels(t *testing.T) {
	want := map[Validity]string{
		ValidityInForce: "有效", ValidityExpired: "失效", ValidityRepealed: "废止",
		ValidityNotYetEffective: "尚未生效", ValidityAmended: "已修订",
	}
	if len(Validities()) != len(want) {
		t.Fatalf("Validities() = %v", Validities())
	}
	for _, v := range Validities() {
		if !v.Valid() || v.Label() != want[v] {
			t.Errorf("%q: Label = %q, want %q", v, v.Label(), want[v])
		}
		if got, err := ParseValidity(string(v)); err != nil || got != v {
			t.Errorf("ParseValidity(%q) = %q, %v", v, got, err)
		}
		if got, err := ParseValidity(" " + want[v] + " "); err != nil || got != v {
			t.Errorf("ParseValidity(%q) = %q, %v", want[v], got, err)
		}
	}
	if Validity("x").Label() != "" || Validity("").Valid() {
		t.Error("unknown validity has a label")
	}
	var ve *ValidityError
	if _, err := ParseValidity("修改"); !errors.As(err, &ve) || !strings.Contains(err.Error(), "未知的有效性") {
		t.Errorf("ParseValidity(修改) = %v", err)
	}
}

func TestValidateMode(t *testing.T) {
	tests := []struct {
		m      Mode
		reason string
		msg    string
	}{
		{ModeProactive, "", ""},
		{ModeOnRequest, "", ""},
		{ModeProactive, "不需要理由，但可以有", ""},
		{ModeNotDisclosed, "属于国家秘密（条例第十四条）", ""},
		{ModeNotDisclosed, "", "不予公开须说明理由"},
		{ModeNotDisclosed, " \t\u3000", "不予公开须说明理由"},
		{"", "", "未知的公开方式"},
		{"public", "", "未知的公开方式“public”"},
	}
	for _, tt := range tests {
		err := ValidateMode(tt.m, tt.reason)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("ValidateMode(%q, %q) = %v", tt.m, tt.reason, err)
			}
			continue
		}
		var me *ModeError
		if !errors.As(err, &me) || me.Mode != tt.m || !strings.Contains(me.Error(), tt.msg) {
			t.Errorf("ValidateMode(%q, %q) = %v, want *ModeError containing %q", tt.m, tt.reason, err, tt.msg)
		}
	}
	want := map[Mode]string{ModeProactive: "主动公开", ModeOnRequest: "依申请公开", ModeNotDisclosed: "不予公开"}
	for _, m := range Modes() {
		if !m.Valid() || m.Label() != want[m] {
			t.Errorf("%q: Label = %q", m, m.Label())
		}
	}
	if len(Modes()) != 3 || Mode("x").Valid() || Mode("x").Label() != "" {
		t.Error("unexpected modes")
	}
}
