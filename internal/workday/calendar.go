package workday

import (
	"embed"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// UnknownYearPolicy says how to treat dates of a year whose notice is not
// loaded (LEGAL.md setting calendar.unknown_year).
type UnknownYearPolicy int

const (
	// WeekendsOnly (the default) treats Monday–Friday as working days and
	// Saturday/Sunday as rest days; Warnings tells staff about it.
	WeekendsOnly UnknownYearPolicy = iota
	// Refuse makes IsWorkday, AddWorkdays and Explain return an
	// *UnknownYearError instead of guessing.
	Refuse
)

// String returns the setting value: "weekends_only" or "refuse".
func (p UnknownYearPolicy) String() string {
	switch p {
	case WeekendsOnly:
		return "weekends_only"
	case Refuse:
		return "refuse"
	}
	return "UnknownYearPolicy(" + strconv.Itoa(int(p)) + ")"
}

// ParseUnknownYearPolicy parses a setting value written by String.
func ParseUnknownYearPolicy(s string) (UnknownYearPolicy, error) {
	switch s {
	case "weekends_only":
		return WeekendsOnly, nil
	case "refuse":
		return Refuse, nil
	}
	return 0, fmt.Errorf("calendar.unknown_year：未知取值“%s”，应为 weekends_only 或 refuse", s)
}

// ErrUnknownYear is matched (errors.Is) by every *UnknownYearError.
var ErrUnknownYear = errors.New("节假日安排尚未载入")

// UnknownYearError reports a date whose year's notice is not loaded under the Refuse policy.
type UnknownYearError struct {
	Year int
}

func (e *UnknownYearError) Error() string {
	return fmt.Sprintf("%d年的节假日安排尚未载入，无法确定工作日；请先载入国务院办公厅%d年部分节假日安排的通知", e.Year, e.Year)
}

// Is makes errors.Is(err, ErrUnknownYear) true.
func (e *UnknownYearError) Is(target error) bool { return target == ErrUnknownYear }

// MaxWorkdays bounds n in AddWorkdays and Explain (about 40 years), so a
// mistyped number cannot make a request loop for long.
const MaxWorkdays = 10000

// Per-day flags in Calendar.flags.
const (
	flagWork    uint8 = 1 << iota // a working day
	flagCovered                   // the day's year is known, or the day is listed in a loaded notice
)

type listing struct {
	kind   Kind
	name   string
	notice int // year of the notice that lists the day
}

// Calendar answers working-day questions from the loaded holiday notices.
// It is immutable and safe for concurrent use; With and WithPolicy return
// new calendars.
//
// Which dates a calendar knows: a date listed in any loaded notice is
// decided by that listing (so 2018-12-29…31 are known through the 2019
// notice). Any other date is decided by its weekday; it counts as known
// when the notice for its own year is loaded (Known), otherwise the
// UnknownYearPolicy applies. So 2018 is an unknown year even when the 2019
// notice is loaded. If two notices list the same date, the newer notice
// (higher year) wins.
type Calendar struct {
	policy  UnknownYearPolicy
	notices map[int]YearData // by notice year; never mutated after build
	years   []int            // sorted keys of notices
	listed  map[int]listing  // by day number
	// flags[i] describes day number first+i. The table spans whole years
	// from the earliest to the latest year touched by a loaded notice, so
	// the hot loops are an increment and an array index.
	first int
	flags []uint8
}

// NewCalendar builds a calendar from notices, with the WeekendsOnly policy.
// Each YearData is checked with Validate; a notice year given twice is an error.
func NewCalendar(years ...YearData) (*Calendar, error) {
	notices := make(map[int]YearData, len(years))
	for _, y := range years {
		if err := y.Validate(); err != nil {
			return nil, err
		}
		if _, dup := notices[y.Year]; dup {
			return nil, fmt.Errorf("%d年的通知重复载入", y.Year)
		}
		notices[y.Year] = cloneYear(y)
	}
	return build(WeekendsOnly, notices), nil
}

// With returns a new calendar with y loaded; a notice already loaded for
// y.Year is replaced (staff correcting an upload). c is not changed.
func (c *Calendar) With(y YearData) (*Calendar, error) {
	if err := y.Validate(); err != nil {
		return nil, err
	}
	notices := maps.Clone(c.notices)
	notices[y.Year] = cloneYear(y)
	return build(c.policy, notices), nil
}

// WithPolicy returns a calendar with the same notices and policy p.
func (c *Calendar) WithPolicy(p UnknownYearPolicy) *Calendar {
	n := *c // the tables are never mutated, so sharing them is safe
	n.policy = p
	return &n
}

// Policy returns the calendar's UnknownYearPolicy.
func (c *Calendar) Policy() UnknownYearPolicy { return c.policy }

func cloneYear(y YearData) YearData {
	y.Entries = slices.Clone(y.Entries)
	sortEntries(y.Entries)
	return y
}

func build(policy UnknownYearPolicy, notices map[int]YearData) *Calendar {
	c := &Calendar{
		policy:  policy,
		notices: notices,
		years:   slices.Sorted(maps.Keys(notices)),
		listed:  map[int]listing{},
	}
	if len(c.years) == 0 {
		return c
	}
	lo, hi := c.years[0], c.years[len(c.years)-1]
	for _, ny := range c.years { // ascending, so a newer notice overwrites an older one
		for _, e := range notices[ny].Entries {
			c.listed[e.Date.dayNumber()] = listing{e.Kind, e.Name, ny}
			lo, hi = min(lo, e.Date.Year), max(hi, e.Date.Year)
		}
	}
	c.first = Date{lo, time.January, 1}.dayNumber()
	end := Date{hi + 1, time.January, 1}.dayNumber()
	c.flags = make([]uint8, end-c.first)
	for i := range c.flags {
		dn := c.first + i
		var f uint8
		if l, ok := c.listed[dn]; ok {
			f = flagCovered
			if l.kind == Work {
				f |= flagWork
			}
		} else {
			if _, ok := notices[fromDayNumber(dn).Year]; ok {
				f = flagCovered
			}
			if isWeekdayWork(dn) {
				f |= flagWork
			}
		}
		c.flags[i] = f
	}
	return c
}

func isWeekdayWork(dn int) bool {
	wd := weekdayOf(dn)
	return wd != time.Saturday && wd != time.Sunday
}

// status returns the flags of day number dn; days outside the table belong
// to unknown years and follow the weekday rule.
func (c *Calendar) status(dn int) uint8 {
	if i := dn - c.first; i >= 0 && i < len(c.flags) {
		return c.flags[i]
	}
	if isWeekdayWork(dn) {
		return flagWork
	}
	return 0
}

// check applies the policy to a day's flags.
func (c *Calendar) check(dn int, f uint8) error {
	if f&flagCovered == 0 && c.policy == Refuse {
		return &UnknownYearError{Year: fromDayNumber(dn).Year}
	}
	return nil
}

// IsWorkday reports whether d is a working day. Under the Refuse policy a
// date that no loaded notice covers returns an *UnknownYearError.
func (c *Calendar) IsWorkday(d Date) (bool, error) {
	dn := d.dayNumber()
	f := c.status(dn)
	if err := c.check(dn, f); err != nil {
		return false, err
	}
	return f&flagWork != 0, nil
}

// Known reports whether the notice for year is loaded.
func (c *Calendar) Known(year int) bool {
	_, ok := c.notices[year]
	return ok
}

// Years returns the loaded notice years in ascending order.
func (c *Calendar) Years() []int { return slices.Clone(c.years) }

// Notice returns the loaded notice for year (entries sorted by date).
func (c *Calendar) Notice(year int) (YearData, bool) {
	y, ok := c.notices[year]
	if !ok {
		return YearData{}, false
	}
	return cloneYear(y), true
}

// Holiday reports how the loaded notices list d: the holiday name, whether
// it is listed as a rest day (off) or as a working day (!off), and whether it
// is listed at all. Unlisted dates return ("", false, false); use IsWorkday
// for the full rule.
func (c *Calendar) Holiday(d Date) (name string, off bool, listed bool) {
	l, ok := c.listed[d.dayNumber()]
	if !ok {
		return "", false, false
	}
	return l.name, l.kind == Off, true
}

// AddWorkdays returns the date of the n-th working day of a period that
// starts on start (n ≥ 1, at most MaxWorkdays):
//
//   - countStartDay == false (LEGAL.md default, clock.count_receipt_day = no):
//     start is not counted; working day 1 is the first working day after
//     start. AddWorkdays(2025-09-26, 20, false) = 2025-10-30.
//   - countStartDay == true: if start is itself a working day it is working
//     day 1; if it is not, counting starts with the first working day after
//     it (same as false). AddWorkdays(2025-09-28, 20, true) = 2025-10-30,
//     because 2025-09-28 (Sunday) was a 调休 working day.
//
// Under the Refuse policy, reaching a date no loaded notice covers returns an
// *UnknownYearError; under WeekendsOnly such dates follow the weekday rule.
func (c *Calendar) AddWorkdays(start Date, n int, countStartDay bool) (Date, error) {
	if n < 1 || n > MaxWorkdays {
		return Date{}, fmt.Errorf("工作日数%d无效，应在1至%d之间", n, MaxWorkdays)
	}
	dn := start.dayNumber()
	count := 0
	if countStartDay {
		f := c.status(dn)
		if err := c.check(dn, f); err != nil {
			return Date{}, err
		}
		if f&flagWork != 0 {
			count = 1
		}
	}
	for count < n {
		dn++
		f := c.status(dn)
		if f&flagCovered == 0 && c.policy == Refuse {
			return Date{}, &UnknownYearError{Year: fromDayNumber(dn).Year}
		}
		if f&flagWork != 0 {
			count++
		}
	}
	return fromDayNumber(dn), nil
}

// WorkdaysBetween returns the number of working days d with from < d ≤ to
// (0 if to is not after from). Dates no notice covers follow the weekday
// rule whatever the policy; use Warnings to tell staff about them.
func (c *Calendar) WorkdaysBetween(from, to Date) int {
	a, b := from.dayNumber(), to.dayNumber()
	n := 0
	for dn := a + 1; dn <= b; dn++ {
		if c.status(dn)&flagWork != 0 {
			n++
		}
	}
	return n
}

// NextWorkday returns the first working day strictly after d. Dates no
// notice covers follow the weekday rule whatever the policy.
func (c *Calendar) NextWorkday(d Date) Date {
	dn := d.dayNumber() + 1
	for c.status(dn)&flagWork == 0 {
		dn++
	}
	return fromDayNumber(dn)
}

// WorkdayOnOrAfter returns d if it is a working day, else NextWorkday(d).
// Dates no notice covers follow the weekday rule whatever the policy.
func (c *Calendar) WorkdayOnOrAfter(d Date) Date {
	if c.status(d.dayNumber())&flagWork != 0 {
		return d
	}
	return c.NextWorkday(d)
}

// lookAheadDay is the first December day for which Warnings notes that the
// next year's notice is missing: notices have moved dates from as early as
// December 29 into the next year's 元旦 break (2018-12-29 in the 2019 notice).
const lookAheadDay = 20

// Warnings returns notes in Chinese for staff about the period from–to
// (inclusive, either order):
//   - for each run of years the period touches whose notice is not loaded
//     (ignoring dates a loaded notice lists): "2027年的法定节假日安排尚未录入，期限按双休日计算，仅供参考"
//     (or "…无法计算期限…" under Refuse);
//   - if the period reaches December 20–31 of a known year whose next
//     year's notice is not loaded (and the period does not already reach
//     into that next year): that year-end 调休 may still be missing.
//
// It returns nil when there is nothing to warn about.
func (c *Calendar) Warnings(from, to Date) []string {
	a, b := from.dayNumber(), to.dayNumber()
	if b < a {
		a, b = b, a
	}
	ya, yb := fromDayNumber(a).Year, fromDayNumber(b).Year
	var unknown []int
	for y := ya; y <= yb; y++ {
		if c.Known(y) {
			continue
		}
		lo := max(a, Date{y, time.January, 1}.dayNumber())
		hi := min(b, Date{y, time.December, 31}.dayNumber())
		for dn := lo; dn <= hi; dn++ {
			if c.status(dn)&flagCovered == 0 {
				unknown = append(unknown, y)
				break
			}
		}
	}
	var out []string
	what := "期限按双休日计算，仅供参考"
	if c.policy == Refuse {
		what = "无法计算期限，请先录入该年的国务院办公厅通知"
	}
	for i := 0; i < len(unknown); {
		j := i
		for j+1 < len(unknown) && unknown[j+1] == unknown[j]+1 {
			j++
		}
		if i == j {
			out = append(out, fmt.Sprintf("%d年的法定节假日安排尚未录入，%s", unknown[i], what))
		} else {
			out = append(out, fmt.Sprintf("%d年至%d年的法定节假日安排尚未录入，%s", unknown[i], unknown[j], what))
		}
		i = j + 1
	}
	for y := ya; y <= yb; y++ {
		// Skip when the period reaches into y+1 and that year is already reported.
		if !c.Known(y) || c.Known(y+1) || slices.Contains(unknown, y+1) {
			continue
		}
		if b >= (Date{y, time.December, lookAheadDay}).dayNumber() && a <= (Date{y, time.December, 31}).dayNumber() {
			out = append(out, fmt.Sprintf("%d年的法定节假日安排尚未录入，%d年12月下旬如有元旦调休尚未计入，期限仅供参考", y+1, y))
		}
	}
	return out
}

// calendarFiles holds the notices shipped with the program, one file per
// notice year, in the format read by ParseCalendarFile.
//
//go:embed calendar/*.txt
var calendarFiles embed.FS

var defaultCalendar = sync.OnceValues(func() (*Calendar, error) {
	years, err := EmbeddedYears()
	if err != nil {
		return nil, err
	}
	return NewCalendar(years...)
})

// Default returns the calendar of the embedded notices (2019–2026) with the
// WeekendsOnly policy. The result is shared; it is immutable.
func Default() *Calendar {
	c, err := defaultCalendar()
	if err != nil {
		panic("workday: embedded calendar is broken: " + err.Error()) // caught by the tests
	}
	return c
}

// EmbeddedYears parses the embedded calendar files, in year order.
func EmbeddedYears() ([]YearData, error) {
	names, err := calendarFiles.ReadDir("calendar")
	if err != nil {
		return nil, err
	}
	var out []YearData
	for _, e := range names {
		year, err := strconv.Atoi(strings.TrimSuffix(e.Name(), ".txt"))
		if err != nil {
			return nil, fmt.Errorf("calendar/%s: file name is not a year", e.Name())
		}
		f, err := calendarFiles.Open(path.Join("calendar", e.Name()))
		if err != nil {
			return nil, err
		}
		y, err := ParseCalendarFile(year, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("calendar/%s: %w", e.Name(), err)
		}
		out = append(out, y)
	}
	return out, nil
}
