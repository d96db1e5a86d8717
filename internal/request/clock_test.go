package request

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

var d = workday.MustParseDate

func received(on string) Event { return Event{Kind: EvReceived, On: d(on)} }

func mustCompute(t *testing.T, p Policy, evs []Event, today string) Clock {
	t.Helper()
	c, err := Compute(workday.Default(), p, evs, d(today))
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return c
}

// wantRule checks that err is an *apperr.Error wrapping cause whose message contains frag.
func wantRule(t *testing.T, err error, cause error, frag string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want error %v (%q), got nil", cause, frag)
	}
	if !errors.Is(err, cause) {
		t.Fatalf("want cause %v, got %v", cause, err)
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("want *apperr.Error, got %T", err)
	}
	if !strings.Contains(ae.Message, frag) {
		t.Fatalf("message %q does not contain %q", ae.Message, frag)
	}
}

// LEGAL.md §7 worked case 1: received Fri 2025-09-26 → 7th working day
// 2025-10-13 (the Art. 30 limit for a correction notice), 20th 2025-10-30.
func TestWorkedCaseNationalDay2025(t *testing.T) {
	p := DefaultPolicy()
	c := mustCompute(t, p, []Event{received("2025-09-26")}, "2025-09-26")
	if c.Due != d("2025-10-30") {
		t.Errorf("due %s, want 2025-10-30", c.Due)
	}
	if c.CorrectionNoticeBy != d("2025-10-13") {
		t.Errorf("correction notice by %s, want 2025-10-13", c.CorrectionNoticeBy)
	}
	// The same from the reference data (LEGAL.md: generate, don't hand-count).
	if got := refAdd(t, d("2025-09-26"), 20); got != c.Due {
		t.Errorf("reference due %s != %s", got, c.Due)
	}
	if got := refAdd(t, d("2025-09-26"), 7); got != c.CorrectionNoticeBy {
		t.Errorf("reference 7th day %s != %s", got, c.CorrectionNoticeBy)
	}
	if c.Status != StatusPending || c.Used != 0 || c.Left != 20 {
		t.Errorf("status %s used %d left %d", c.Status, c.Used, c.Left)
	}
	// Working days 1–8 per LEGAL.md: 09-28 (Sun, 调休), 09-29, 09-30, 10-09, 10-10, 10-11 (Sat, 调休), 10-13, 10-14.
	for i, day := range []string{"2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13", "2025-10-14"} {
		c := mustCompute(t, p, []Event{received("2025-09-26")}, day)
		if c.Used != i+1 {
			t.Errorf("on %s used %d, want %d", day, c.Used, i+1)
		}
	}
	text := c.Text()
	for _, frag := range []string{"2025年9月26日收到申请", "自次日起算20个工作日", "9月28日（星期日）调休上班，计为工作日",
		"跳过10月1日至10月8日（国庆节、中秋节）", "10月11日（星期六）调休上班，计为工作日", "届满日为2025年10月30日"} {
		if !strings.Contains(text, frag) {
			t.Errorf("explanation lacks %q:\n%s", frag, text)
		}
	}
}

// LEGAL.md §7 worked case 2: received Tue 2026-02-10 → 20th working day
// 2026-03-16 (02-14 and 02-28, Saturdays, are 调休 working days and count).
func TestWorkedCaseSpringFestival2026(t *testing.T) {
	c := mustCompute(t, DefaultPolicy(), []Event{received("2026-02-10")}, "2026-02-25")
	if c.Due != d("2026-03-16") {
		t.Errorf("due %s, want 2026-03-16", c.Due)
	}
	if got := refAdd(t, d("2026-02-10"), 20); got != c.Due {
		t.Errorf("reference due %s != %s", got, c.Due)
	}
	// Working days 1–6: 02-11, 02-12, 02-13, 02-14 (Sat), 02-24, 02-25.
	if c.Used != 6 || c.Left != 14 {
		t.Errorf("on 02-25 used %d left %d, want 6 and 14", c.Used, c.Left)
	}
	text := c.Text()
	for _, frag := range []string{"2月14日（星期六）调休上班", "跳过2月15日至2月23日（春节）", "2月28日（星期六）调休上班", "届满日为2026年3月16日"} {
		if !strings.Contains(text, frag) {
			t.Errorf("explanation lacks %q:\n%s", frag, text)
		}
	}
}

func TestCountReceiptDaySetting(t *testing.T) {
	p := DefaultPolicy()
	p.CountReceiptDay = true
	cases := []struct{ recv, due, noticeBy string }{
		{"2025-09-26", "2025-10-29", "2025-10-11"}, // Friday is working day 1
		{"2025-09-28", "2025-10-30", "2025-10-13"}, // Sunday 调休 working day is day 1
		{"2025-09-27", "2025-10-30", "2025-10-13"}, // Saturday (rest): counting starts the next working day (09-28)
		{"2026-02-10", "2026-03-13", "2026-02-25"},
	}
	for _, tc := range cases {
		c := mustCompute(t, p, []Event{received(tc.recv)}, tc.recv)
		if c.Due.String() != tc.due || c.CorrectionNoticeBy.String() != tc.noticeBy {
			t.Errorf("%s: due %s by %s, want %s by %s", tc.recv, c.Due, c.CorrectionNoticeBy, tc.due, tc.noticeBy)
		}
		ref, _ := refDue(t, d(tc.recv), 20, true, nil)
		if ref != c.Due {
			t.Errorf("%s: reference %s", tc.recv, ref)
		}
	}
	if c := mustCompute(t, p, []Event{received("2025-09-26")}, "2025-09-26"); !strings.Contains(c.Text(), "自当日起算20个工作日（当日为第1个工作日）") || c.Used != 1 {
		t.Errorf("used %d, text: %s", c.Used, c.Text())
	}
	if c := mustCompute(t, p, []Event{received("2025-09-27")}, "2025-09-27"); !strings.Contains(c.Text(), "当日不是工作日，自次日起算20个工作日") {
		t.Errorf("text: %s", c.Text())
	}
}

// Hand-checked exact dates for single steps (each also recomputed from the reference data).
func TestClockExactDates(t *testing.T) {
	p := DefaultPolicy()
	noFee := p
	noFee.PauseForFee = false
	cases := []struct {
		name   string
		p      Policy
		events []Event
		today  string
		due    string
		status Status
		check  func(t *testing.T, c Clock)
	}{
		{
			name: "third party 10-09→10-17 pauses 7 working days (10-10, 10-11 调休, 10-13…10-17)",
			p:    p,
			events: []Event{received("2025-09-26"),
				{Kind: EvThirdPartyStart, On: d("2025-10-09"), Party: "甲公司"},
				{Kind: EvThirdPartyEnd, On: d("2025-10-17"), Party: "甲公司"}},
			today: "2025-10-20", due: "2025-11-10", status: StatusPending,
			check: func(t *testing.T, c Clock) {
				if c.Excluded != 7 || c.Pauses[0].Excluded != 7 {
					t.Errorf("excluded %d / %d, want 7", c.Excluded, c.Pauses[0].Excluded)
				}
				if c.ThirdPartyDue != d("2025-10-29") {
					t.Errorf("third party due %s, want 2025-10-29", c.ThirdPartyDue)
				}
				if !strings.Contains(c.Text(), "10月10日至10月17日期间的7个工作日不计入答复期限") {
					t.Errorf("text: %s", c.Text())
				}
			},
		},
		{
			name: "third party's 15 days run from the day the letter was served",
			p:    p,
			events: []Event{received("2025-09-26"),
				{Kind: EvThirdPartyStart, On: d("2025-09-29"), Served: d("2025-09-30"), Party: "乙"}},
			// Paused so far: 09-30 and 10-09 (working days after the sending day, up to today).
			today: "2025-10-09", due: "2025-11-03", status: StatusPaused,
			check: func(t *testing.T, c Clock) {
				if c.ThirdPartyDue != d("2025-10-28") {
					t.Errorf("third party due %s, want 2025-10-28", c.ThirdPartyDue)
				}
				if !c.DueProvisional || !slices.Equal(c.PausedFor, []PauseKind{PauseThirdParty}) {
					t.Errorf("provisional %v paused %v", c.DueProvisional, c.PausedFor)
				}
			},
		},
		{
			name: "silent third party: the pause stops at its deadline (Art. 32) and staff are alerted",
			p:    p,
			events: []Event{received("2025-09-26"),
				{Kind: EvThirdPartyStart, On: d("2025-10-09"), Party: "丙"}},
			today: "2025-11-03", due: "2025-11-20", status: StatusPending,
			check: func(t *testing.T, c Clock) {
				if !c.Pauses[0].Capped || c.Pauses[0].To != d("2025-10-29") || c.Excluded != 15 {
					t.Errorf("pause %+v excluded %d", c.Pauses[0], c.Excluded)
				}
				if len(c.PausedFor) != 0 || c.DueProvisional {
					t.Errorf("paused %v provisional %v after the deadline", c.PausedFor, c.DueProvisional)
				}
				if len(c.Alerts) != 1 || !strings.Contains(c.Alerts[0], "第三十二条") {
					t.Errorf("alerts %v", c.Alerts)
				}
			},
		},
		{
			name: "late answer from an organ: excluded only up to its deadline (Art. 34)",
			p:    p,
			events: []Event{received("2025-09-26"),
				{Kind: EvOrganStart, On: d("2025-10-09"), Party: "市财政局"},
				{Kind: EvOrganEnd, On: d("2025-11-05"), Party: "市财政局"}},
			today: "2025-11-05", due: "2025-11-20", status: StatusPending,
			check: func(t *testing.T, c Clock) {
				if !c.Pauses[0].Capped || c.OrganDue != d("2025-10-29") {
					t.Errorf("pause %+v", c.Pauses[0])
				}
			},
		},
		{
			name: "fee notice 10-09, paid 10-15: 5 working days paused",
			p:    p,
			events: []Event{received("2025-09-26"),
				{Kind: EvFeeNotice, On: d("2025-10-09"), AmountFen: 10000},
				{Kind: EvFeePaid, On: d("2025-10-15")}},
			today: "2025-10-15", due: "2025-11-06", status: StatusPending,
			check: func(t *testing.T, c Clock) {
				if c.FeeDue != d("2025-11-05") || c.Excluded != 5 {
					t.Errorf("fee due %s excluded %d", c.FeeDue, c.Excluded)
				}
			},
		},
		{
			name: "clock.pause_for_fee off: the fee wait counts",
			p:    noFee,
			events: []Event{received("2025-09-26"),
				{Kind: EvFeeNotice, On: d("2025-10-09"), AmountFen: 10000},
				{Kind: EvFeePaid, On: d("2025-10-15")}},
			today: "2025-10-15", due: "2025-10-30", status: StatusPending,
			check: func(t *testing.T, c Clock) {
				if c.Excluded != 0 || c.Pauses[0].Counted {
					t.Errorf("excluded %d counted %v", c.Excluded, c.Pauses[0].Counted)
				}
				if !strings.Contains(c.Text(), "照常计入答复期限") {
					t.Errorf("text: %s", c.Text())
				}
			},
		},
		{
			name: "fee unpaid with pause off: not paused, awaiting payment",
			p:    noFee,
			events: []Event{received("2025-09-26"),
				{Kind: EvFeeNotice, On: d("2025-10-09"), AmountFen: 10000}},
			today: "2025-10-20", due: "2025-10-30", status: StatusPending,
			check: func(t *testing.T, c Clock) {
				if !c.AwaitingPayment || len(c.PausedFor) != 0 {
					t.Errorf("awaiting %v paused %v", c.AwaitingPayment, c.PausedFor)
				}
			},
		},
		{
			name: "extension of 20 working days across 清明 2026",
			p:    p,
			events: []Event{received("2026-02-10"),
				{Kind: EvExtended, On: d("2026-03-10"), Days: 20, Approver: "李主任"}},
			today: "2026-03-20", due: "2026-04-14", status: StatusPending,
			check: func(t *testing.T, c Clock) {
				if c.Period != 40 || c.ExtensionDays != 20 {
					t.Errorf("period %d", c.Period)
				}
				if !strings.Contains(c.Text(), "李主任同意，延长答复期限20个工作日") || !strings.Contains(c.Text(), "清明节") {
					t.Errorf("text: %s", c.Text())
				}
			},
		},
		{
			name: "correction restarts the clock: notice 09-30, corrected 10-14, 20 working days from 10-14",
			p:    p,
			events: []Event{received("2025-09-26"),
				{Kind: EvCorrectionRequested, On: d("2025-09-30"), Items: []string{"写明所需信息的名称或文号"}},
				{Kind: EvCorrected, On: d("2025-10-14")}},
			today: "2025-10-14", due: "2025-11-11", status: StatusPending,
			check: func(t *testing.T, c Clock) {
				if !c.Restarted || c.Start != d("2025-10-14") || c.Used != 0 || c.CorrectionDue != d("2025-10-28") {
					t.Errorf("restart %v start %s used %d correction due %s", c.Restarted, c.Start, c.Used, c.CorrectionDue)
				}
				if !strings.Contains(c.Text(), "重新起算") {
					t.Errorf("text: %s", c.Text())
				}
			},
		},
		{
			name:   "overdue: no reply by 10-30",
			p:      p,
			events: []Event{received("2025-09-26")},
			today:  "2025-11-03", due: "2025-10-30", status: StatusOverdue,
			check: func(t *testing.T, c Clock) {
				if c.Left != -2 || c.Used != 22 {
					t.Errorf("used %d left %d, want 22 and -2", c.Used, c.Left)
				}
				if len(c.Alerts) != 1 || !strings.Contains(c.Alerts[0], "已超期2个工作日") {
					t.Errorf("alerts %v", c.Alerts)
				}
			},
		},
		{
			name: "replied on the due date: in time",
			p:    p,
			events: []Event{received("2025-09-26"),
				{Kind: EvReplied, On: d("2025-10-30"), ReplyType: ReplyDisclose}},
			today: "2025-12-01", due: "2025-10-30", status: StatusEnded,
			check: func(t *testing.T, c Clock) {
				if c.RepliedLate || c.Ended != EndReplied || c.EndRow != "三(一)" || c.Used != 20 || c.Left != 0 {
					t.Errorf("%+v", c)
				}
			},
		},
		{
			name: "answered on the spot (Art. 33): replied the day of receipt",
			p:    p,
			events: []Event{received("2025-09-26"),
				{Kind: EvReplied, On: d("2025-09-26"), ReplyType: ReplyNotProcessed, Reason: NotProcessedPublication}},
			today: "2025-09-26", due: "2025-10-30", status: StatusEnded,
			check: func(t *testing.T, c Clock) {
				if c.RepliedLate || c.Used != 0 || c.EndRow != "三(五)3" {
					t.Errorf("late %v used %d row %s", c.RepliedLate, c.Used, c.EndRow)
				}
			},
		},
		{
			name: "replied a working day late",
			p:    p,
			events: []Event{received("2025-09-26"),
				{Kind: EvReplied, On: d("2025-10-31"), ReplyType: ReplyWithhold, Reason: WithholdStateSecret}},
			today: "2025-10-31", due: "2025-10-30", status: StatusEnded,
			check: func(t *testing.T, c Clock) {
				if !c.RepliedLate || c.Left != -1 || c.EndRow != "三(三)1" {
					t.Errorf("late %v left %d row %s", c.RepliedLate, c.Left, c.EndRow)
				}
			},
		},
		{
			name: "Art. 35 delayed reply period",
			p:    p,
			events: []Event{received("2025-09-26"),
				{Kind: EvDelaySet, On: d("2025-10-20"), Days: 30, Note: "申请数量大，理由合理"}},
			today: "2025-10-20", due: refAdd(t, d("2025-09-26"), 50).String(), status: StatusPending,
			check: func(t *testing.T, c Clock) {
				if c.DelayDays != 30 || c.Period != 50 || !strings.Contains(c.Text(), "第三十五条") {
					t.Errorf("delay %d period %d", c.DelayDays, c.Period)
				}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := mustCompute(t, tc.p, tc.events, tc.today)
			if c.Due.String() != tc.due {
				t.Errorf("due %s, want %s\n%s", c.Due, tc.due, c.Text())
			}
			if c.Status != tc.status {
				t.Errorf("status %s, want %s", c.Status, tc.status)
			}
			if tc.check != nil {
				tc.check(t, c)
			}
		})
	}
}

func TestCorrectionWaitAndLapse(t *testing.T) {
	p := DefaultPolicy()
	base := []Event{received("2025-09-26"),
		{Kind: EvCorrectionRequested, On: d("2025-09-30"), Days: 0, Items: []string{"申请人身份证明", "所需信息的特征描述"}}}
	c := mustCompute(t, p, base, "2025-10-20")
	if c.Status != StatusPaused || !slices.Equal(c.PausedFor, []PauseKind{PauseCorrection}) || !c.Due.IsZero() {
		t.Errorf("waiting: status %s paused %v due %s", c.Status, c.PausedFor, c.Due)
	}
	if c.CorrectionDue != d("2025-10-28") { // 15 working days from the day after 09-30
		t.Errorf("correction due %s", c.CorrectionDue)
	}
	if got := refAdd(t, d("2025-09-30"), 15); got != c.CorrectionDue {
		t.Errorf("reference correction due %s", got)
	}
	if !strings.Contains(c.Text(), "申请人身份证明；所需信息的特征描述") {
		t.Errorf("text lacks the items: %s", c.Text())
	}
	// After the correction period, staff are alerted.
	c = mustCompute(t, p, base, "2025-10-29")
	if len(c.Alerts) != 1 || !strings.Contains(c.Alerts[0], "三(六)1") {
		t.Errorf("alerts %v", c.Alerts)
	}
	// A lapse is refused on the last day of the period, accepted the day after.
	err := Validate(nil, p, base, Event{Kind: EvCorrectionLapsed, On: d("2025-10-28")})
	wantRule(t, err, ErrCorrectionState, "届满前不能认定")
	lapsed := append(slices.Clone(base), Event{Kind: EvCorrectionLapsed, On: d("2025-10-29")})
	c = mustCompute(t, p, lapsed, "2025-11-01")
	if c.Status != StatusEnded || c.Ended != EndCorrectionLapsed || c.EndRow != "三(六)1" {
		t.Errorf("lapsed: %s %s %s", c.Status, c.Ended, c.EndRow)
	}
	// Nothing after the end.
	err = Validate(nil, p, lapsed, Event{Kind: EvCorrected, On: d("2025-11-01")})
	wantRule(t, err, ErrEnded, "已于2025年10月29日办结")
	// A late correction needs the applicant's reason.
	err = Validate(nil, p, base, Event{Kind: EvCorrected, On: d("2025-10-29")})
	wantRule(t, err, ErrCorrectionState, "正当理由")
	late := append(slices.Clone(base), Event{Kind: EvCorrected, On: d("2025-10-29"), Note: "住院，附证明"})
	c = mustCompute(t, p, late, "2025-10-29")
	if !c.Restarted || c.Due != refAdd(t, d("2025-10-29"), 20) || !strings.Contains(c.Text(), "住院") {
		t.Errorf("late correction: %+v", c)
	}
	// A notice may set its own period.
	own := []Event{received("2025-09-26"), {Kind: EvCorrectionRequested, On: d("2025-09-30"), Days: 5, Items: []string{"x"}}}
	c = mustCompute(t, p, own, "2025-09-30")
	if c.CorrectionDue != d("2025-10-14") { // 10-09, 10-10, 10-11 (Sat, 调休), 10-13, 10-14
		t.Errorf("5-day correction due %s, want 2025-10-14", c.CorrectionDue)
	}
	// Policy setting changes the default period.
	p10 := p
	p10.CorrectionPeriodDays = 10
	c = mustCompute(t, p10, base, "2025-09-30")
	if c.CorrectionDue != refAdd(t, d("2025-09-30"), 10) {
		t.Errorf("10-day correction due %s", c.CorrectionDue)
	}
}

func TestValidateRefusals(t *testing.T) {
	p := DefaultPolicy()
	recv := []Event{received("2025-09-26")}
	withExt := append(slices.Clone(recv), Event{Kind: EvExtended, On: d("2025-10-20"), Days: 10, Approver: "王"})
	corr := append(slices.Clone(recv), Event{Kind: EvCorrectionRequested, On: d("2025-09-30"), Items: []string{"x"}})
	corrected := append(slices.Clone(corr), Event{Kind: EvCorrected, On: d("2025-10-10")})
	tp := append(slices.Clone(recv), Event{Kind: EvThirdPartyStart, On: d("2025-10-09"), Party: "甲"})
	fee := append(slices.Clone(recv), Event{Kind: EvFeeNotice, On: d("2025-10-09"), AmountFen: 100})
	replied := append(slices.Clone(recv), Event{Kind: EvReplied, On: d("2025-10-09")})
	cases := []struct {
		name  string
		log   []Event
		next  Event
		cause error
		frag  string
	}{
		{"first event must be the receipt", nil, Event{Kind: EvExtended, On: d("2025-10-01")}, ErrNotReceived, "第一项记录应为收到申请"},
		{"receipt only once", recv, received("2025-09-27"), ErrNotReceived, "只能登记一次"},
		{"unknown kind", recv, Event{Kind: "nap", On: d("2025-10-09")}, ErrBadEvent, "未知的记录类型"},
		{"invalid date", recv, Event{Kind: EvWithdrawn}, ErrBadEvent, "日期无效"},
		{"date order", withExt, Event{Kind: EvWithdrawn, On: d("2025-10-19")}, ErrOrder, "按日期先后"},
		{"correction after the 7th working day (10-14) refused", recv,
			Event{Kind: EvCorrectionRequested, On: d("2025-10-14"), Items: []string{"x"}}, ErrCorrectionWindow, "最迟应于2025年10月13日告知"},
		{"correction must list the items", recv, Event{Kind: EvCorrectionRequested, On: d("2025-09-30")}, ErrBadEvent, "一次性列明"},
		{"correction with an empty item", recv, Event{Kind: EvCorrectionRequested, On: d("2025-09-30"), Items: []string{"a", " "}}, ErrBadEvent, "一次性列明"},
		{"correction period out of range", recv, Event{Kind: EvCorrectionRequested, On: d("2025-09-30"), Days: 61, Items: []string{"a"}}, ErrBadEvent, "补正期限应在"},
		{"correction only once", corrected, Event{Kind: EvCorrectionRequested, On: d("2025-10-10"), Items: []string{"y"}}, ErrCorrectionOnce, "一次性告知"},
		{"correction before other steps", withExt, Event{Kind: EvCorrectionRequested, On: d("2025-10-20"), Items: []string{"y"}}, ErrCorrectionOrder, "之前作出"},
		{"no other step while waiting for the correction", corr, Event{Kind: EvThirdPartyStart, On: d("2025-10-09")}, ErrAwaitingCorrection, "等待申请人补正"},
		{"corrected without a notice", recv, Event{Kind: EvCorrected, On: d("2025-10-09")}, ErrCorrectionState, "没有待补正"},
		{"extension of 21 working days refused", recv, Event{Kind: EvExtended, On: d("2025-10-20"), Days: 21, Approver: "王"}, ErrExtension, "最长不得超过20个工作日"},
		{"extension of 0 refused", recv, Event{Kind: EvExtended, On: d("2025-10-20"), Days: 0, Approver: "王"}, ErrExtension, "应为1至20"},
		{"extension needs the approver", recv, Event{Kind: EvExtended, On: d("2025-10-20"), Days: 5}, ErrExtension, "负责人同意"},
		{"extension only once", withExt, Event{Kind: EvExtended, On: d("2025-10-21"), Days: 10, Approver: "王"}, ErrExtension, "只能延长一次"},
		{"extension after the due date", recv, Event{Kind: EvExtended, On: d("2025-10-31"), Days: 5, Approver: "王"}, ErrAfterDue, "已于2025年10月30日届满"},
		{"delay needs reasons", recv, Event{Kind: EvDelaySet, On: d("2025-10-20"), Days: 5}, ErrExtension, "第三十五条"},
		{"consult end without a start", recv, Event{Kind: EvThirdPartyEnd, On: d("2025-10-09"), Party: "甲"}, ErrConsultation, "没有对“甲”"},
		{"consult end for another party", tp, Event{Kind: EvThirdPartyEnd, On: d("2025-10-10"), Party: "乙"}, ErrConsultation, "没有对“乙”"},
		{"organ end does not close a third-party consultation", tp, Event{Kind: EvOrganEnd, On: d("2025-10-10"), Party: "甲"}, ErrConsultation, "征求其他机关意见"},
		{"same consultation opened twice", tp, Event{Kind: EvThirdPartyStart, On: d("2025-10-10"), Party: "甲"}, ErrConsultation, "尚未结束"},
		{"served before sent", recv, Event{Kind: EvThirdPartyStart, On: d("2025-10-10"), Served: d("2025-10-09")}, ErrConsultation, "送达日期"},
		{"fee notice needs an amount", recv, Event{Kind: EvFeeNotice, On: d("2025-10-09")}, ErrFee, "应缴金额"},
		{"fee notice only once", append(slices.Clone(fee), Event{Kind: EvFeePaid, On: d("2025-10-10")}), Event{Kind: EvFeeNotice, On: d("2025-10-13"), AmountFen: 5}, ErrFee, "只能按一种标准收费一次"},
		{"fee notice after the due date", recv, Event{Kind: EvFeeNotice, On: d("2025-10-31"), AmountFen: 5}, ErrAfterDue, "届满"},
		{"payment after the payment period (ends 11-05)", fee, Event{Kind: EvFeePaid, On: d("2025-11-06")}, ErrFee, "缴费期限已于2025年11月5日届满"},
		{"fee lapse before the end of the period", fee, Event{Kind: EvFeeLapsed, On: d("2025-11-05")}, ErrFee, "届满前不能认定"},
		{"payment without a notice", recv, Event{Kind: EvFeePaid, On: d("2025-10-09")}, ErrFee, "没有待缴费"},
		{"nothing after the reply", replied, Event{Kind: EvWithdrawn, On: d("2025-10-10")}, ErrEnded, "办结"},
		{"still unclear needs a correction", recv, Event{Kind: EvReplied, On: d("2025-10-09"), ReplyType: ReplyUnable, Reason: UnableStillUnclear}, ErrReply, "已经补正"},
		{"reply type and reason must match", recv, Event{Kind: EvReplied, On: d("2025-10-09"), ReplyType: ReplyWithhold, Reason: UnableNotHeld}, ErrReply, "不一致"},
		{"三(六)1 is recorded by the lapse event", recv, Event{Kind: EvReplied, On: d("2025-10-09"), ReplyType: ReplyOther, Reason: OtherCorrectionLapsed}, ErrReply, "逾期未补正"},
		{"三(六)2 is recorded by the lapse event", recv, Event{Kind: EvReplied, On: d("2025-10-09"), ReplyType: ReplyOther, Reason: OtherFeeUnpaid}, ErrReply, "逾期未缴费"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantRule(t, Validate(workday.Default(), p, tc.log, tc.next), tc.cause, tc.frag)
		})
	}
	// Accepted counterparts.
	ok := []struct {
		name string
		log  []Event
		next Event
	}{
		{"correction on the 7th working day", recv, Event{Kind: EvCorrectionRequested, On: d("2025-10-13"), Items: []string{"x"}}},
		{"correction on the day of receipt", recv, Event{Kind: EvCorrectionRequested, On: d("2025-09-26"), Items: []string{"x"}}},
		{"extension of 20 on the due date", recv, Event{Kind: EvExtended, On: d("2025-10-30"), Days: 20, Approver: "王"}},
		{"still unclear after a correction", corrected, Event{Kind: EvReplied, On: d("2025-10-20"), ReplyType: ReplyUnable, Reason: UnableStillUnclear}},
		{"payment on the last day", fee, Event{Kind: EvFeePaid, On: d("2025-11-05")}},
		{"consult end on the day of the start", tp, Event{Kind: EvThirdPartyEnd, On: d("2025-10-09"), Party: "甲"}},
		{"withdrawal while waiting for a correction", corr, Event{Kind: EvWithdrawn, On: d("2025-10-09")}},
	}
	for _, tc := range ok {
		if err := Validate(nil, p, tc.log, tc.next); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	// With clock.count_receipt_day on, the 7th working day from 09-26 is 10-11 (Sat, 调休).
	pc := p
	pc.CountReceiptDay = true
	wantRule(t, Validate(nil, pc, recv, Event{Kind: EvCorrectionRequested, On: d("2025-10-13"), Items: []string{"x"}}), ErrCorrectionWindow, "2025年10月11日")
}

func TestFeeLapseEndsUnderRow6_2(t *testing.T) {
	evs := []Event{received("2025-09-26"),
		{Kind: EvFeeNotice, On: d("2025-10-09"), AmountFen: 10000}}
	c := mustCompute(t, DefaultPolicy(), evs, "2025-11-06")
	if c.Status != StatusPaused || len(c.Alerts) != 1 || !strings.Contains(c.Alerts[0], "三(六)2") {
		t.Errorf("unpaid after deadline: %s %v", c.Status, c.Alerts)
	}
	evs = append(evs, Event{Kind: EvFeeLapsed, On: d("2025-11-06")})
	c = mustCompute(t, DefaultPolicy(), evs, "2025-11-10")
	if c.Status != StatusEnded || c.Ended != EndFeeLapsed || c.EndRow != "三(六)2" {
		t.Errorf("lapsed: %s %s %s", c.Status, c.Ended, c.EndRow)
	}
	if !strings.Contains(c.Text(), "逾期未缴费") {
		t.Errorf("text: %s", c.Text())
	}
}

func TestComputeRefusesFutureEventsAndEmptyLog(t *testing.T) {
	if _, err := Compute(nil, DefaultPolicy(), nil, d("2025-10-01")); !errors.Is(err, ErrNotReceived) {
		t.Errorf("empty log: %v", err)
	}
	_, err := Compute(nil, DefaultPolicy(), []Event{received("2025-10-02")}, d("2025-10-01"))
	wantRule(t, err, ErrOrder, "晚于计算日期")
	_, err = Compute(nil, DefaultPolicy(), []Event{received("2025-09-26"), {Kind: EvThirdPartyStart, On: d("2025-09-29"), Served: d("2025-10-02")}}, d("2025-10-01"))
	wantRule(t, err, ErrOrder, "晚于计算日期")
	bad := DefaultPolicy()
	bad.PagesScope = "year"
	if _, err := Compute(nil, bad, []Event{received("2025-09-26")}, d("2025-10-01")); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("bad policy: %v", err)
	}
}

func TestUnknownYear(t *testing.T) {
	evs := []Event{received("2026-12-20")}
	c := mustCompute(t, DefaultPolicy(), evs, "2026-12-20")
	if len(c.Warnings) == 0 || !strings.Contains(strings.Join(c.Warnings, ""), "2027年") {
		t.Errorf("warnings %v", c.Warnings)
	}
	strict := workday.Default().WithPolicy(workday.Refuse)
	if _, err := Compute(strict, DefaultPolicy(), evs, d("2026-12-20")); !errors.Is(err, workday.ErrUnknownYear) {
		t.Errorf("refuse policy: %v", err)
	}
}

// step describes one optional part of a generated case.
const (
	withCorrection = 1 << iota
	withExtension
	withThirdParty
	withOrgan
	withFee
	allSteps = 1<<iota - 1
)

func stepNames(mask int) string {
	var s []string
	for i, n := range []string{"correction", "extension", "third_party", "organ", "fee"} {
		if mask&(1<<i) != 0 {
			s = append(s, n)
		}
	}
	if len(s) == 0 {
		return "plain"
	}
	return strings.Join(s, "+")
}

// genCase builds a log for a receipt date and a set of steps. Dates are
// offsets in working days from the (re)start, taken from the reference data:
// the third party is consulted on day 3 and answers on day 9; another organ
// on day 5, answering on day 16 (the two overlap); the fee notice goes out on
// day 8 and is paid 4 working days later; the extension (20 days) is decided
// on day 18. A correction is requested on working day 2 and answered 5
// working days later.
func genCase(t *testing.T, recv workday.Date, mask int) (evs []Event, start workday.Date, spans map[PauseKind]refSpan) {
	t.Helper()
	evs = []Event{{Kind: EvReceived, On: recv}}
	start = recv
	if mask&withCorrection != 0 {
		notice := refAdd(t, recv, 2)
		start = refAdd(t, notice, 5)
		evs = append(evs,
			Event{Kind: EvCorrectionRequested, On: notice, Items: []string{"所需信息的名称"}},
			Event{Kind: EvCorrected, On: start})
	}
	at := func(n int) workday.Date { return refAdd(t, start, n) }
	spans = map[PauseKind]refSpan{}
	if mask&withThirdParty != 0 {
		spans[PauseThirdParty] = refSpan{at(3), at(9)}
		evs = append(evs, Event{Kind: EvThirdPartyStart, On: at(3), Party: "第三方"}, Event{Kind: EvThirdPartyEnd, On: at(9), Party: "第三方"})
	}
	if mask&withOrgan != 0 {
		spans[PauseOrgan] = refSpan{at(5), at(16)}
		evs = append(evs, Event{Kind: EvOrganStart, On: at(5), Party: "机关"}, Event{Kind: EvOrganEnd, On: at(16), Party: "机关"})
	}
	if mask&withFee != 0 {
		paid := refAdd(t, at(8), 4)
		spans[PauseFee] = refSpan{at(8), paid}
		evs = append(evs, Event{Kind: EvFeeNotice, On: at(8), AmountFen: 10000}, Event{Kind: EvFeePaid, On: paid})
	}
	if mask&withExtension != 0 {
		evs = append(evs, Event{Kind: EvExtended, On: at(18), Days: 20, Approver: "公开办主任"})
	}
	slices.SortStableFunc(evs, func(a, b Event) int { return a.On.Compare(b.On) })
	return evs, start, spans
}

// TestEveryCombination runs every combination of correction × extension ×
// third-party consultation × organ consultation × fee pause, for receipts
// just before 国庆 2025 and 春节 2026 and under both settings of
// clock.pause_for_fee and clock.count_receipt_day, and checks the
// invariants against the reference data.
func TestEveryCombination(t *testing.T) {
	receipts := []string{"2025-09-26", "2025-09-30", "2026-01-29", "2026-02-10", "2026-09-18"}
	for _, r := range receipts {
		for _, pauseFee := range []bool{true, false} {
			for _, countDay := range []bool{false, true} {
				p := DefaultPolicy()
				p.PauseForFee, p.CountReceiptDay = pauseFee, countDay
				dues := map[int]workday.Date{}
				for mask := 0; mask <= allSteps; mask++ {
					name := fmt.Sprintf("%s/fee_pause=%v/count_day=%v/%s", r, pauseFee, countDay, stepNames(mask))
					evs, start, spans := genCase(t, d(r), mask)
					last := evs[len(evs)-1].On
					c, err := Compute(nil, p, evs, last)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					period := 20
					if mask&withExtension != 0 {
						period = 40
					}
					var counted []refSpan
					for k, s := range spans {
						if k == PauseFee && !pauseFee {
							continue
						}
						counted = append(counted, s)
					}
					wantDue, wantExcl := refDue(t, start, period, countDay, counted)
					baseline, _ := refDue(t, start, period, countDay, nil)
					switch {
					case c.Due != wantDue:
						t.Errorf("%s: due %s, reference %s\n%s", name, c.Due, wantDue, c.Text())
					case c.Excluded != wantExcl:
						t.Errorf("%s: excluded %d, reference %d", name, c.Excluded, wantExcl)
					case c.Start != start || c.Restarted != (mask&withCorrection != 0):
						t.Errorf("%s: start %s restarted %v", name, c.Start, c.Restarted)
					case c.Period != period:
						t.Errorf("%s: period %d", name, c.Period)
					}
					// Never earlier than without pauses; equal when nothing pauses.
					if c.Due.Before(baseline) {
						t.Errorf("%s: due %s before the no-pause due %s", name, c.Due, baseline)
					}
					if len(counted) == 0 && c.Due != baseline {
						t.Errorf("%s: no pause counted but due %s != %s", name, c.Due, baseline)
					}
					// Pauses add exactly the paused working days.
					startCounted := 0
					if countDay && refWorkday(t, start) {
						startCounted = 1
					}
					if got := workday.Default().WorkdaysBetween(start, c.Due) + startCounted; got != c.Period+c.Excluded {
						t.Errorf("%s: %d working days to the due date, want period %d + excluded %d", name, got, c.Period, c.Excluded)
					}
					if c.Excluded > 0 {
						if alt, _ := refDue(t, start, period+c.Excluded, countDay, nil); alt != c.Due {
							t.Errorf("%s: period+excluded gives %s, due %s", name, alt, c.Due)
						}
					}
					// The due date is a working day outside every pause.
					if !refWorkday(t, c.Due) {
						t.Errorf("%s: due %s is not a working day", name, c.Due)
					}
					for _, s := range counted {
						if c.Due.After(s.from) && !c.Due.After(s.to) {
							t.Errorf("%s: due %s inside a pause", name, c.Due)
						}
					}
					// A single pause: its own days are exactly the excluded days.
					if len(counted) == 1 {
						for _, pz := range c.Pauses {
							if pz.Counted && pz.Excluded != c.Excluded {
								t.Errorf("%s: pause %d days, excluded %d", name, pz.Excluded, c.Excluded)
							}
						}
					}
					// Adding a step never makes the due date earlier (monotone in the steps, corrections aside).
					for sub, sd := range dues {
						if sub&mask == sub && sub&withCorrection == mask&withCorrection && c.Due.Before(sd) {
							t.Errorf("%s: due %s earlier than with fewer steps %s (%s)", name, c.Due, sd, stepNames(sub))
						}
					}
					dues[mask] = c.Due
					// The status on the last event is pending (all pauses closed) and the explanation names every step.
					if c.Status != StatusPending || len(c.PausedFor) != 0 {
						t.Errorf("%s: status %s paused %v", name, c.Status, c.PausedFor)
					}
					text := c.Text()
					for _, want := range []struct {
						bit  int
						frag string
					}{{withCorrection, "重新起算"}, {withExtension, "延长答复期限20个工作日"}, {withThirdParty, "征求第三方意见书"}, {withOrgan, "征求其他机关意见书"}, {withFee, "发出收费通知"}} {
						if mask&want.bit != 0 && !strings.Contains(text, want.frag) {
							t.Errorf("%s: explanation lacks %q", name, want.frag)
						}
					}
					// Replying on the due date is in time; the next working day is late.
					onDue := append(slices.Clone(evs), Event{Kind: EvReplied, On: c.Due})
					if rc := mustCompute(t, p, onDue, c.Due.String()); rc.RepliedLate || rc.Left != 0 || rc.Status != StatusEnded {
						t.Errorf("%s: reply on the due date: late %v left %d", name, rc.RepliedLate, rc.Left)
					}
					next := refAdd(t, c.Due, 1)
					late := append(slices.Clone(evs), Event{Kind: EvReplied, On: next})
					if rc := mustCompute(t, p, late, next.String()); !rc.RepliedLate || rc.Left != -1 {
						t.Errorf("%s: reply a day late: late %v left %d", name, rc.RepliedLate, rc.Left)
					}
					// And the day after the due date without a reply is overdue.
					if oc := mustCompute(t, p, evs, c.Due.AddDays(1).String()); oc.Status != StatusOverdue {
						t.Errorf("%s: day after the due date: %s", name, oc.Status)
					}
				}
			}
		}
	}
}

// A hand-checked combination of everything (the example in the package's explanation).
func TestAllStepsHandChecked(t *testing.T) {
	evs := []Event{
		received("2025-09-26"),
		{Kind: EvCorrectionRequested, On: d("2025-09-30"), Items: []string{"写明文号"}},
		{Kind: EvCorrected, On: d("2025-10-14")},
		{Kind: EvThirdPartyStart, On: d("2025-10-16"), Party: "某公司"},
		{Kind: EvOrganStart, On: d("2025-10-20"), Party: "市财政局"},
		{Kind: EvThirdPartyEnd, On: d("2025-10-24"), Party: "某公司"},
		{Kind: EvExtended, On: d("2025-11-03"), Days: 20, Approver: "王主任"},
		{Kind: EvFeeNotice, On: d("2025-11-05"), AmountFen: 10000},
		{Kind: EvFeePaid, On: d("2025-11-10")},
	}
	// Start 10-14; counted 10-15, 10-16; paused 10-17 … 11-10 (third party
	// 10-17…10-24, the organ 10-21…11-10 capped at its 15th working day, the
	// fee 11-06…11-10 inside it): 17 working days; 38 more from 11-11 end on
	// 2025-12-31; 2026-01-01…03 are 元旦 and Sunday 2026-01-04 is a 调休
	// working day: day 40.
	c := mustCompute(t, DefaultPolicy(), evs, "2025-11-20")
	if c.Due != d("2026-01-04") || c.Excluded != 17 || c.Used != 10 || c.Left != 30 {
		t.Errorf("due %s excluded %d used %d left %d", c.Due, c.Excluded, c.Used, c.Left)
	}
	if c.OrganDue != d("2025-11-10") || !c.Pauses[1].Capped || c.Pauses[1].Excluded != 15 {
		t.Errorf("organ pause %+v", c.Pauses[1])
	}
	for _, frag := range []string{"重叠的日期只扣除一次", "2026年1月4日（星期日）调休上班", "跳过2026年1月1日至2026年1月3日（元旦）"} {
		if !strings.Contains(c.Text(), frag) {
			t.Errorf("explanation lacks %q:\n%s", frag, c.Text())
		}
	}
}

func TestStatusPausedAndOpenPauses(t *testing.T) {
	evs := []Event{received("2025-09-26"),
		{Kind: EvThirdPartyStart, On: d("2025-10-09"), Party: "甲"},
		{Kind: EvOrganStart, On: d("2025-10-10"), Party: "乙局"}}
	c := mustCompute(t, DefaultPolicy(), evs, "2025-10-15")
	if c.Status != StatusPaused || !slices.Equal(c.PausedFor, []PauseKind{PauseThirdParty, PauseOrgan}) || !c.DueProvisional {
		t.Errorf("status %s paused %v provisional %v", c.Status, c.PausedFor, c.DueProvisional)
	}
	// Provisional: the open pauses end today → due moves one working day per paused working day.
	c2 := mustCompute(t, DefaultPolicy(), evs, "2025-10-16")
	if c2.Due != refAdd(t, c.Due, 1) {
		t.Errorf("provisional due %s → %s, want one working day later", c.Due, c2.Due)
	}
	if !strings.Contains(c.Text(), "暂按今日结束计算") {
		t.Errorf("text: %s", c.Text())
	}
	// Withdrawn ends the case.
	w := append(slices.Clone(evs), Event{Kind: EvWithdrawn, On: d("2025-10-16")})
	if c := mustCompute(t, DefaultPolicy(), w, "2025-10-20"); c.Status != StatusEnded || c.Ended != EndWithdrawn || len(c.PausedFor) != 0 {
		t.Errorf("withdrawn: %s %s %v", c.Status, c.Ended, c.PausedFor)
	}
}

func TestLabels(t *testing.T) {
	for _, k := range []EventKind{EvReceived, EvCorrectionRequested, EvCorrected, EvCorrectionLapsed, EvExtended, EvDelaySet,
		EvThirdPartyStart, EvThirdPartyEnd, EvOrganStart, EvOrganEnd, EvFeeNotice, EvFeePaid, EvFeeLapsed, EvReplied, EvWithdrawn} {
		if k.Label() == "" {
			t.Errorf("%s has no label", k)
		}
	}
	for _, s := range []Status{StatusPending, StatusPaused, StatusOverdue, StatusEnded} {
		if s.Label() == "" {
			t.Errorf("%s has no label", s)
		}
	}
	for _, r := range []EndReason{EndReplied, EndWithdrawn, EndCorrectionLapsed, EndFeeLapsed} {
		if r.Label() == "" {
			t.Errorf("%s has no label", r)
		}
	}
	for _, k := range []PauseKind{PauseCorrection, PauseThirdParty, PauseOrgan, PauseFee} {
		if k.Label() == "" {
			t.Errorf("%s has no label", k)
		}
	}
}

// A bad log names the record at fault, and the error stays an *apperr.Error.
func TestBadLogNamesTheRecord(t *testing.T) {
	evs := []Event{received("2025-09-26"), {Kind: EvExtended, On: d("2025-10-09"), Days: 25, Approver: "王"}}
	_, err := Compute(nil, DefaultPolicy(), evs, d("2025-10-10"))
	var ae *apperr.Error
	if !errors.As(err, &ae) || !errors.Is(err, ErrExtension) || !strings.HasPrefix(ae.Message, "第2项记录（延长答复期限）：延长的期限最长不得超过20个工作日") {
		t.Errorf("%v", err)
	}
	if apperr.From(err).Message != ae.Message {
		t.Errorf("apperr.From lost the message")
	}
}
