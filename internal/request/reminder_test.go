package request

import (
	"strings"
	"testing"
)

// TestDueReminder: reminders come 3 and 1 working days before the due date (the default of
// reminder.days_before) and on the first day overdue, from the real calendar: an application
// received on Friday 2025-09-26 is due on 2025-10-30 (LEGAL.md §7 worked case, National Day).
func TestDueReminder(t *testing.T) {
	p := DefaultPolicy()
	recv := []Event{{Kind: EvReceived, On: d("2025-09-26")}}
	cases := []struct {
		today string
		want  ReminderKind // "" for none
		left  int
	}{
		{"2025-10-24", "", 4},                // Friday: 4 working days left (27, 28, 29, 30)
		{"2025-10-27", ReminderBefore(3), 3}, // Monday
		{"2025-10-28", ReminderBefore(3), 2}, // missed day: still the 3-day threshold
		{"2025-10-29", ReminderBefore(1), 1},
		{"2025-10-30", ReminderBefore(1), 0}, // the last day
		{"2025-10-31", ReminderOverdue, -1},
		{"2025-11-03", ReminderOverdue, -2},
	}
	for _, c := range cases {
		clock, err := Compute(nil, p, recv, d(c.today))
		if err != nil {
			t.Fatal(err)
		}
		if clock.Due != d("2025-10-30") {
			t.Fatalf("due %s", clock.Due)
		}
		r, ok := DueReminder(p, clock)
		if ok != (c.want != "") || r.Kind != c.want {
			t.Errorf("%s: reminder %v %q, want %q", c.today, ok, r.Kind, c.want)
			continue
		}
		if ok && (r.Due != clock.Due || r.Left != c.left || r.Message() == "" || r.Kind.Label() == "") {
			t.Errorf("%s: %+v %q", c.today, r, r.Message())
		}
	}
	// No reminder before the due date when the setting is empty; overdue still reminds.
	none := p
	none.ReminderDays = ""
	for today, want := range map[string]bool{"2025-10-29": false, "2025-10-31": true} {
		clock, _ := Compute(nil, none, recv, d(today))
		if _, ok := DueReminder(none, clock); ok != want {
			t.Errorf("empty reminder.days_before on %s: %v", today, ok)
		}
	}
	// No reminder while paused (the due date moves every day), waiting for a correction, or ended.
	paused := append(append([]Event{}, recv...), Event{Kind: EvThirdPartyStart, On: d("2025-10-27"), Party: "某公司"})
	corr := append(append([]Event{}, recv...), Event{Kind: EvCorrectionRequested, On: d("2025-09-29"), Items: []string{"写明文号"}})
	replied := append(append([]Event{}, recv...), Event{Kind: EvReplied, On: d("2025-10-10")})
	for name, evs := range map[string][]Event{"paused": paused, "awaiting correction": corr, "replied": replied} {
		clock, err := Compute(nil, p, evs, d("2025-10-29"))
		if err != nil {
			t.Fatal(name, err)
		}
		if r, ok := DueReminder(p, clock); ok {
			t.Errorf("%s: reminder %+v", name, r)
		}
	}
	if ReminderKind("before:x").Days() != 0 || ReminderOverdue.Days() != 0 || ReminderBefore(3).Days() != 3 {
		t.Error("ReminderKind.Days")
	}
}

// TestApplicantExplanationHidesThirdParty: the explanation the applicant reads says that a
// third party was consulted (Art. 32) without naming it; staff see the name. Organs consulted
// under Art. 34 are public bodies and stay named.
func TestApplicantExplanationHidesThirdParty(t *testing.T) {
	evs := []Event{{Kind: EvReceived, On: d("2025-09-26")},
		{Kind: EvThirdPartyStart, On: d("2025-10-09"), Party: "张三建筑有限公司"},
		{Kind: EvOrganStart, On: d("2025-10-10"), Party: "市财政局"}}
	c, err := Compute(nil, DefaultPolicy(), evs, d("2025-11-10"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Text(), "张三建筑有限公司") || len(c.Alerts) == 0 || !strings.Contains(strings.Join(c.Alerts, ""), "张三建筑有限公司") {
		t.Fatalf("staff explanation or alerts lost the name:\n%s\n%v", c.Text(), c.Alerts)
	}
	a := c.ForApplicant()
	text := a.Text()
	if strings.Contains(text, "张三") || !strings.Contains(text, "征求第三方意见") || !strings.Contains(text, "市财政局") {
		t.Errorf("applicant explanation:\n%s", text)
	}
	if len(a.Alerts) != 0 || len(a.ApplicantExplanation) != 0 {
		t.Errorf("alerts for the applicant: %v", a.Alerts)
	}
	for _, p := range a.Pauses {
		if p.Kind == PauseThirdParty && p.Party != "" {
			t.Errorf("pause names the third party: %+v", p)
		}
	}
	// The staff clock is unchanged by ForApplicant.
	if c.Pauses[0].Party != "张三建筑有限公司" {
		t.Error("ForApplicant changed the staff clock")
	}
	if len(a.Explanation) != len(c.Explanation) {
		t.Errorf("applicant explanation has %d lines, staff %d", len(a.Explanation), len(c.Explanation))
	}
}
