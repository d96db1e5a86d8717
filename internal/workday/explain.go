package workday

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Explanation shows staff how a deadline was counted.
type Explanation struct {
	Start         Date
	N             int
	CountStartDay bool // the setting passed to Explain
	StartCounted  bool // Start itself was working day 1
	Due           Date // the N-th working day
	// Workdays are the N counted days in order (Workdays[N-1] == Due).
	Workdays []Date
	// Skipped are the runs of consecutive non-working days between the
	// first counted day and Due, in order (ordinary weekends included).
	Skipped []SkippedRange
	// MakeupDays are the Saturdays and Sundays that counted as working days (调休上班).
	MakeupDays []MakeupDay
	// Warnings are Calendar.Warnings for Start–Due.
	Warnings []string
}

// SkippedRange is a run of consecutive non-working days.
type SkippedRange struct {
	From, To Date
	Days     int
	// Holidays are the distinct names of the listed rest days in the run, in
	// order; empty for an ordinary weekend.
	Holidays []string
}

// IsHoliday reports whether the run contains a rest day listed in a notice.
func (r SkippedRange) IsHoliday() bool { return len(r.Holidays) > 0 }

// MakeupDay is a Saturday or Sunday that is a working day by the notice.
type MakeupDay struct {
	Date    Date
	Holiday string // the holiday the swap belongs to, e.g. "国庆节"
}

// Explain counts like AddWorkdays (same arguments, same result and errors)
// and records what was skipped and which weekend days counted.
func (c *Calendar) Explain(start Date, n int, countStartDay bool) (Explanation, error) {
	due, err := c.AddWorkdays(start, n, countStartDay)
	if err != nil {
		return Explanation{}, err
	}
	ex := Explanation{Start: start, N: n, CountStartDay: countStartDay, Due: due}
	first := start.dayNumber() + 1
	if countStartDay && c.status(start.dayNumber())&flagWork != 0 {
		ex.StartCounted = true
		first--
	}
	var run *SkippedRange
	for dn := first; dn <= due.dayNumber(); dn++ {
		d := fromDayNumber(dn)
		l, listed := c.listed[dn]
		if c.status(dn)&flagWork != 0 {
			run = nil
			ex.Workdays = append(ex.Workdays, d)
			if !isWeekdayWork(dn) {
				ex.MakeupDays = append(ex.MakeupDays, MakeupDay{d, l.name})
			}
			continue
		}
		if run == nil {
			ex.Skipped = append(ex.Skipped, SkippedRange{From: d})
			run = &ex.Skipped[len(ex.Skipped)-1]
		}
		run.To = d
		run.Days++
		if listed && l.kind == Off && !slices.Contains(run.Holidays, l.name) {
			run.Holidays = append(run.Holidays, l.name)
		}
	}
	ex.Warnings = c.Warnings(start, due)
	return ex, nil
}

// Text explains the count in Chinese, with the start event "收到" (receipt of
// an application), e.g.
//
//	9月26日收到，自次日起算20个工作日：9月28日（星期日）调休上班，计为工作日；
//	跳过10月1日至10月8日（国庆节、中秋节）；10月11日（星期六）调休上班，计为工作日；
//	另跳过普通周末4天；第20个工作日为10月30日。
func (ex Explanation) Text() string { return ex.TextFor("收到") }

// TextFor is Text with another start event, e.g. "形成" for Art. 26.
func (ex Explanation) TextFor(event string) string {
	// Dates in the start's year are written without the year.
	f := func(d Date) string {
		if d.Year == ex.Start.Year {
			return d.Chinese()
		}
		return d.ChineseFull()
	}
	var b strings.Builder
	b.WriteString(f(ex.Start) + event + "，")
	switch {
	case ex.StartCounted:
		fmt.Fprintf(&b, "自当日起算%d个工作日（当日为第1个工作日）：", ex.N)
	case ex.CountStartDay:
		fmt.Fprintf(&b, "当日不是工作日，自次日起算%d个工作日：", ex.N)
	default:
		fmt.Fprintf(&b, "自次日起算%d个工作日：", ex.N)
	}

	parts := ex.CalendarNotes(f)
	parts = append(parts, fmt.Sprintf("第%d个工作日为%s。", ex.N, f(ex.Due)))
	b.WriteString(strings.Join(parts, "；"))
	if len(ex.Warnings) > 0 {
		b.WriteString("注意：" + strings.Join(ex.Warnings, "；") + "。")
	}
	return b.String()
}

// CalendarNotes describes the period's calendar for people: the holiday runs skipped and the
// 调休 weekend days counted, in date order, then the ordinary weekend days as a count. f writes
// a date.
func (ex Explanation) CalendarNotes(f func(Date) string) []string {
	type item struct {
		d    Date
		text string
	}
	var events []item
	weekendDays := 0
	for _, r := range ex.Skipped {
		if !r.IsHoliday() {
			weekendDays += r.Days
			continue
		}
		span := f(r.From)
		if r.To != r.From {
			span += "至" + f(r.To)
		}
		events = append(events, item{r.From, "跳过" + span + "（" + strings.Join(r.Holidays, "、") + "）"})
	}
	for _, m := range ex.MakeupDays {
		events = append(events, item{m.Date, f(m.Date) + "（" + WeekdayChinese(m.Date.Weekday()) + "）调休上班，计为工作日"})
	}
	slices.SortStableFunc(events, func(a, b item) int { return a.d.Compare(b.d) })
	var parts []string
	for _, e := range events {
		parts = append(parts, e.text)
	}
	if weekendDays > 0 {
		if len(events) > 0 {
			parts = append(parts, fmt.Sprintf("另跳过普通周末%d天", weekendDays))
		} else {
			parts = append(parts, fmt.Sprintf("跳过周末%d天", weekendDays))
		}
	}
	return parts
}

// WeekdayChinese names a weekday: 星期一 … 星期日.
func WeekdayChinese(w time.Weekday) string {
	return "星期" + [...]string{"日", "一", "二", "三", "四", "五", "六"}[w]
}
