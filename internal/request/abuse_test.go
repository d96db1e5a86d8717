package request

import (
	"strings"
	"testing"
)

func TestFlagFrequentApplicants(t *testing.T) {
	p := DefaultPolicy()
	p.AbuseWindowDays, p.AbuseThreshold = 30, 3
	today := d("2025-10-31")
	apps := []ApplicationRef{
		{"A", d("2025-10-02"), 1}, // first day of the window (10-02 … 10-31)
		{"A", d("2025-10-15"), 2},
		{"A", d("2025-10-31"), 0},
		{"B", d("2025-10-01"), 1}, // outside the window
		{"B", d("2025-10-20"), 1},
		{"B", d("2025-10-21"), 1},
		{"C", d("2025-10-10"), 1},
		{"C", d("2025-10-11"), 1},
		{"C", d("2025-10-12"), 1},
		{"C", d("2025-10-13"), 1},
		{"C", d("2025-11-01"), 1}, // after today: ignored
		{"", d("2025-10-13"), 1},  // no key: ignored
	}
	flags := FlagFrequentApplicants(p, apps, today)
	if len(flags) != 2 || flags[0].ApplicantKey != "C" || flags[1].ApplicantKey != "A" {
		t.Fatalf("flags %+v", flags)
	}
	a := flags[1]
	if a.Applications != 3 || a.Items != 4 || a.From != d("2025-10-02") || a.To != today || a.Threshold != 3 {
		t.Errorf("A: %+v", a)
	}
	if !strings.Contains(a.Message, "系统不作决定") || !strings.Contains(a.Message, "第三十五条") || len(a.Options) != len(AbuseOptions) {
		t.Errorf("message %q options %v", a.Message, a.Options)
	}
	if !strings.Contains(strings.Join(a.Options, ""), "三(五)4") {
		t.Errorf("options do not point to 三(五)4: %v", a.Options)
	}
	// Threshold 0 flags nobody.
	p.AbuseThreshold = 0
	if f := FlagFrequentApplicants(p, apps, today); f != nil {
		t.Errorf("threshold 0: %+v", f)
	}
	// The defaults flag 30 applications in 30 days, not 29.
	var many []ApplicationRef
	for i := range 29 {
		many = append(many, ApplicationRef{"X", d("2025-10-02").AddDays(i), 1})
	}
	if f := FlagFrequentApplicants(DefaultPolicy(), many, today); len(f) != 0 {
		t.Errorf("29 flagged: %+v", f)
	}
	many = append(many, ApplicationRef{"X", today, 1})
	if f := FlagFrequentApplicants(DefaultPolicy(), many, today); len(f) != 1 || f[0].Applications != 30 {
		t.Errorf("30 not flagged: %+v", f)
	}
}
