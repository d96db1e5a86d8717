package request

import (
	"fmt"
	"strconv"
	"strings"

	"gongkai/internal/workday"
)

// Reminders before a due date. Staff see deadlines in colour; on top of that the handlers of
// the receiving organisation get a reminder a set number of working days before the due date
// (reminder.days_before, default 3 and 1) and on the first day overdue. A background job asks
// DueReminder about every open application each time it runs and records what it returns once
// (the store dedupes on the application, the kind and the due date, so a due date moved by an
// extension gets reminders of its own).

// ReminderKind is what a reminder is about: "before:N" (N working days or fewer left) or
// "overdue".
type ReminderKind string

// ReminderOverdue is the reminder on the first day after the due date.
const ReminderOverdue ReminderKind = "overdue"

// ReminderBefore is the kind of the reminder n working days before the due date.
func ReminderBefore(n int) ReminderKind { return ReminderKind("before:" + strconv.Itoa(n)) }

// Days is the N of a "before:N" kind (0 for overdue or an unknown kind).
func (k ReminderKind) Days() int {
	s, ok := strings.CutPrefix(string(k), "before:")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0
	}
	return n
}

// Label is the kind's Chinese name.
func (k ReminderKind) Label() string {
	if k == ReminderOverdue {
		return "已超过答复期限"
	}
	if n := k.Days(); n > 0 {
		return fmt.Sprintf("答复期限届满前%d个工作日", n)
	}
	return ""
}

// Reminder is a reminder the job should record.
type Reminder struct {
	Kind ReminderKind
	Due  workday.Date // the due date it is about
	Left int          // working days left on the day (negative when overdue)
}

// Message is the reminder's text for staff, in Chinese.
func (r Reminder) Message() string {
	switch {
	case r.Kind == ReminderOverdue:
		return fmt.Sprintf("答复期限已于%s届满，尚未办结，请尽快答复（条例第三十三条）", r.Due.ChineseFull())
	case r.Left == 0:
		return fmt.Sprintf("今天（%s）是答复期限的最后一日", r.Due.ChineseFull())
	}
	return fmt.Sprintf("答复期限将于%s届满，还剩%d个工作日", r.Due.ChineseFull(), r.Left)
}

// DueReminder says which reminder, if any, an application's clock calls for on c.Today under
// p's reminder.days_before. Only a running clock with a due date reminds: an ended case, one
// waiting for a correction (no due date) and one paused (the due date is provisional and moves
// every day) do not. Before the due date the reminder is the tightest threshold N with
// Left ≤ N, so a job that missed a day (say the day with 3 left) still reminds once for that
// threshold the next day, and a job that runs late never records a looser threshold after a
// tighter one; the due date itself (Left 0) falls under the smallest threshold. From the first
// day after the due date it is ReminderOverdue. The caller records each (kind, due date) once.
func DueReminder(p Policy, c Clock) (Reminder, bool) {
	if c.Status == StatusEnded || c.Due.IsZero() || c.Status == StatusPaused {
		return Reminder{}, false
	}
	if c.Status == StatusOverdue || c.Today.After(c.Due) {
		return Reminder{Kind: ReminderOverdue, Due: c.Due, Left: c.Left}, true
	}
	days, err := p.ReminderWorkdays()
	if err != nil || len(days) == 0 {
		return Reminder{}, false
	}
	best := 0
	for _, n := range days { // largest first: the last match is the tightest
		if c.Left <= n {
			best = n
		}
	}
	if best == 0 {
		return Reminder{}, false
	}
	return Reminder{Kind: ReminderBefore(best), Due: c.Due, Left: c.Left}, true
}
